// BulkLayout: how a whole graph is cut into the tables of a bulk export (`export neo4j`,
// `export cypher`). Nodes are grouped by their first label (that label is also their ID space
// in neo4j-admin's terms); relationships by type and the ID spaces of their two ends. A CSV
// column has one type, so where a property takes values of different types within a group
// (an int here, a string there), the group is split by the types its entities' values have:
// every value keeps its own type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/graph.h"

namespace silkgraph {

// The type one export column takes, in neo4j-admin's header spelling.
enum class ColumnKind : uint8_t {
  Int,
  Float,
  Boolean,
  String,
  Date,
  LocalTime,
  Time,
  LocalDateTime,
  DateTime,
  Duration,
  Json,  // a map or a list of mixed types: Neo4j has no type for it; written as JSON text
};

struct ExportColumn {
  std::string key;
  KeyId keyId = kNoKey;
  ColumnKind kind = ColumnKind::String;
  bool array = false;  // a list whose elements all have `kind`
  size_t count = 0;    // how many entities of the group carry it
};

struct NodeGroup {
  std::string label;  // first label, also the ID space; "" for nodes without a label
  std::vector<NodeId> nodes;
  std::vector<ExportColumn> columns;  // sorted by key; `id` is not among them
};

struct RelGroup {
  std::string type;
  std::string from, to;  // the first labels (ID spaces) of the ends
  std::vector<RelId> rels;
  std::vector<ExportColumn> columns;
};

struct BulkLayout {
  std::vector<NodeGroup> nodeGroups;
  std::vector<RelGroup> relGroups;
  std::vector<std::string> exportIds;    // by NodeId: the id written in :ID / :START_ID columns
  std::vector<uint32_t> groupOf;         // by NodeId: its NodeGroup
  size_t generatedIds = 0;               // nodes without a string `id` (given "_n<number>")
  std::vector<std::string> jsonColumns;  // "Label.key" of columns written as JSON text
};

// Lays out every live node and relationship of `graph`. A node's export id is its `id`
// property when that is a string (silkgraph's ids are unique across the graph), else
// "_n" followed by its internal number.
BulkLayout layoutForExport(const Graph& graph);

// neo4j-admin's header type: "int", "float", "boolean", "string", "date", ... with "[]" for
// an array; a JSON column is "string".
std::string neo4jTypeName(const ExportColumn& c);

// A file-name-safe form of a label or type ("Nation", "HOLDS_OFFICE"; other characters
// become '_' and a distinguishing number is added by the caller when two names collide).
std::string fileSafe(const std::string& name);

}  // namespace silkgraph
