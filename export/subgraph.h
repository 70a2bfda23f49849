// Subgraph: the set of nodes and relationships an exporter draws: the whole graph, or
// everything a query result refers to.
#pragma once

#include <vector>

#include "engine/graph.h"
#include "engine/value.h"
#include "query/query_result.h"

namespace silkgraph {

// Ids sorted ascending, without duplicates. Exporters also draw the endpoints of every
// relationship listed, even when a hand-made Subgraph leaves them out.
struct Subgraph {
  std::vector<NodeId> nodes;
  std::vector<RelId> rels;
};

// Every live node and relationship.
Subgraph wholeGraph(const Graph& graph);

// Every node and relationship the result refers to: cell values that are nodes,
// relationships (plus both endpoints), paths (all their nodes and relationships), and lists
// and maps containing them, at any depth. Entities deleted since the query ran are left out.
Subgraph subgraphOf(const QueryResult& result, const Graph& graph);

}  // namespace silkgraph
