// `silkgraph check DB.sg...` (docs/storage.md, "Integrity"): runs every check of each database
// file, those an open defers to the first use of the relationships included.
#pragma once

namespace silkgraph::shell {

// argv[1] is "check". Exit codes as runMain: 0 every file is intact, 1 one is not (or cannot
// be read), 2 usage.
int runCheck(int argc, char** argv);

}  // namespace silkgraph::shell
