// Database::importSource (main/database.h): the source loaders of loaders/world/ on this
// database's graph and schema.
#include "main/database.h"

namespace silkgraph {

world::ImportSummary Database::importSource(std::string_view source,
                                            const std::vector<std::string>& paths) {
  world::ImportSummary summary = world::importSource(*graph_, schema_, source, paths);
  applySchemaIndexes();
  return summary;
}

const std::vector<std::string>& Database::importSources() {
  return world::importSourceNames();
}

}  // namespace silkgraph
