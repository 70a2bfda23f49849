// `silkgraph export cypher`: the whole graph as a Cypher script of batched
// `UNWIND [...] AS row CREATE ...` statements that Neo4j (cypher-shell -f), Memgraph and
// silkgraph itself (`silkgraph -f`) run to rebuild it. Nodes are created first, one statement
// per batch of nodes with the same labels; relationships then find their ends by `id` (and by
// a temporary `_export_id` property for nodes without a string id, removed at the end).
// With a schema, the script ends with the statements that make its indexes and constraints.
#pragma once

#include <ostream>

#include "engine/graph.h"
#include "engine/schema.h"

namespace silkgraph {

struct CypherExportSummary {
  size_t nodes = 0, relationships = 0, statements = 0;
};

// Writes the script to `out`. `batch` is the number of rows per UNWIND list. `schema` (may be
// null): its indexes and constraints (those of SHOW INDEXES: the schema file's declarations and
// those made by DDL) are made at the end of the script.
CypherExportSummary exportCypher(const Graph& graph, std::ostream& out, size_t batch = 500,
                                 const Schema* schema = nullptr);

// A property value as a Cypher expression that evaluates back to it: strings quoted and
// escaped (line breaks as \n), temporal values as date('...'), duration('...'), ..., NaN and
// the infinities as 0.0/0.0 and ±1.0/0.0, lists and maps written out.
void appendCypherLiteral(std::string& out, const Value& v);

// A label, type or key as Cypher writes it: bare when a plain identifier, else in backquotes.
void appendName(std::string& out, const std::string& name);

}  // namespace silkgraph
