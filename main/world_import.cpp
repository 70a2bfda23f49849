// Database::importSource (main/database.h): the source loaders of loaders/world/ on this
// database's graph and schema; like load(), refused in a transaction or read-only, and made
// durable at once in an open database file (a checkpoint rewrites the file).
#include "main/database.h"

namespace silkgraph {

world::ImportSummary Database::importSource(std::string_view source,
                                            const std::vector<std::string>& paths) {
  settleCursor();
  if (inTransaction())
    throw Error(ErrorKind::SemanticError,
                "cannot import inside a transaction; commit or roll it back first");
  if (readOnly_) throw Error(ErrorKind::IOError, "cannot import into a database opened read-only");
  world::ImportSummary summary;
  {
    ProgressPhase progress(progress_, "Importing " + std::string(source), 0, ProgressUnit::Rows);
    summary = world::importSource(*graph_, schema_, source, paths);
  }
  applySchemaIndexes();
  if (wal_) checkpoint();
  return summary;
}

const std::vector<std::string>& Database::importSources() {
  return world::importSourceNames();
}

}  // namespace silkgraph
