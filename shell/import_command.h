// `silkgraph import SOURCE FILE_OR_DIR... [-o DB.sg]` (docs/world.md): one real source into
// a database file, all or nothing, with a summary of what was created and skipped.
#pragma once

namespace silkgraph::shell {

// argv[1] is "import". Exit codes as runMain: 0 done, 1 the import failed, 2 usage.
int runImport(int argc, char** argv);

}  // namespace silkgraph::shell
