// Command line of the `silkgraph` binary: options (Boost.Program_options), the choice
// between interactive shell, query file, -c and stdin, and the `export dot` subcommand.
#pragma once

namespace silkgraph::shell {

// Exit codes: 0 success, 1 a load or statement failed, 2 bad command line.
int runMain(int argc, char** argv);

}  // namespace silkgraph::shell
