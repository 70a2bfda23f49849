// `silkgraph export neo4j`: the whole graph as the files `neo4j-admin database import full`
// reads: one node CSV per first label (its ID space), one relationship CSV per type and pair
// of end groups, typed headers, plus schema.cypher (the constraints and indexes the schema
// implies) and a README.md with the import command line. The directory appears complete or
// not at all: the files are written into a temporary sibling that is renamed into place.
#pragma once

#include <string>
#include <vector>

#include "engine/graph.h"
#include "engine/schema.h"

namespace silkgraph {

struct Neo4jExportSummary {
  size_t nodes = 0, relationships = 0, nodeFiles = 0, relFiles = 0;
  size_t generatedIds = 0;               // nodes without a string `id`
  std::vector<std::string> jsonColumns;  // "Label.key" written as JSON text (maps, mixed lists)
  char arrayDelimiter = ';';
  bool multiline = false;  // some string holds a line break (--multiline-fields=true)
};

// Writes the export into `outDir`, which must not exist or be an empty directory. Throws
// Error{IOError} naming the path when it cannot; nothing is left behind then.
Neo4jExportSummary exportNeo4j(const Graph& graph, const Schema& schema, const std::string& outDir);

}  // namespace silkgraph
