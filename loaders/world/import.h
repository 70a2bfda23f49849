// Importing a real source in its published format (docs/world.md): `silkgraph import SOURCE
// FILE_OR_DIR...` and the shell's `:import` end here. One loader per source (countries,
// usgs-mcs, ...), each in its own file of loaders/world/; all of them write through
// world_writer.h, resolve countries through nation_resolver.h and return an ImportSummary.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/graph.h"
#include "engine/schema.h"

namespace silkgraph::world {

// What an import did: the nodes and relationships it created, and what it did not load and
// why (a count per reason and the first few examples, each naming file:line).
struct ImportSummary {
  struct Count {
    std::string name;  // a label or a relationship type
    size_t count = 0;
  };
  struct Skip {
    std::string reason;
    size_t count = 0;
    std::vector<std::string> examples;  // at most kExamples
  };
  static constexpr size_t kExamples = 3;

  std::string source;
  std::vector<std::string> files;
  size_t rows = 0;  // data rows (or records) read
  // Per file: data rows read, rows that gave at least one node or relationship, rows
  // reported skipped (loaded + skipped == rows: no row is lost silently).
  struct FileRows {
    std::string file;
    size_t rows = 0, loaded = 0, skipped = 0;
  };
  std::vector<FileRows> fileRows;
  std::vector<Count> nodes, relationships;
  // Relationships an earlier import made that this one gave a property ("BORDERS (length_km)").
  std::vector<Count> updated;
  std::vector<Skip> skipped;
  double elapsedMs = 0;

  size_t nodeCount() const;
  size_t relationshipCount() const;
  size_t skippedCount(std::string_view reason) const;  // 0 when none
  // The summary as the shell prints it: created per label and type, then each skip reason.
  std::string text() const;
};

// The sources `import` knows, in the order a world graph is built (countries first: the
// others resolve country names against the Nation nodes it creates).
const std::vector<std::string>& importSourceNames();

// Reads `paths` (files or directories) as `source` into the graph, all or nothing: the
// world schema (world_schema.h) is merged into `schema`; on any error, Error{LoadError,
// IOError} names file:line:col and graph and schema are left as they were. An unknown source
// name is an Error{ArgumentError} listing the known ones.
ImportSummary importSource(Graph& graph, Schema& schema, std::string_view source,
                           const std::vector<std::string>& paths);

}  // namespace silkgraph::world
