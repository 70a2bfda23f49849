// The `silkgraph` binary: the shell's commands live in the sg_shell library and the server's
// (serve, passwd) in sg_server, so tests can reach them; this entry point only dispatches.
#include <string>

#include "server/serve_command.h"
#include "shell/cli.h"

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "serve") return silkgraph::server::runServe(argc, argv);
  if (argc >= 2 && std::string(argv[1]) == "passwd")
    return silkgraph::server::runPasswd(argc, argv);
  return silkgraph::shell::runMain(argc, argv);
}
