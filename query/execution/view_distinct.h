// Distinct neighbours under a view date (--as-of): the engine's distinct rows
// (engine/distinct_rows.h) list each node a row reaches with the row's FIRST relationship to
// it, which a view date may hide while a later one to the same node is shown; so an
// expansion with a view date cannot use them. These lists are the same, for one view date:
// each node a compressed row reaches through a relationship the view shows, once, with the
// first such relationship, in the order of those first relationships. Made in one pass over
// a type's compressed rows by a statement that only reads, once its expansions have walked a
// sixteenth of them without (query/execution/distinct_expand.h), and kept in the graph for
// the next read statements with the same date until any write (Graph::keepDerivedData).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/graph.h"
#include "engine/validity.h"

namespace silkgraph {

struct ViewDistinctRows {
  std::vector<uint32_t> start;  // node n's entries are [start[n], start[n + 1])
  std::vector<RelId> rel;
  std::vector<NodeId> other;
};

// Type t's distinct rows in direction dir (Out or In, where GraphView::distinctUsable) under
// view date `day`, as the graph keeps them; null when it does not.
std::shared_ptr<const ViewDistinctRows> keptViewDistinctRows(const Graph& graph, Date day, TypeId t,
                                                             Direction dir);
// Makes them (one pass over the type's compressed rows) and leaves them in the graph. Only for
// a view that may cache (ValidView::cacheable).
std::shared_ptr<const ViewDistinctRows> makeViewDistinctRows(const Graph& graph,
                                                             const ValidView& view, TypeId t,
                                                             Direction dir);

// Whether the graph keeps type t's rows in direction dir for view date `day` (for tests).
bool viewDistinctKept(const Graph& graph, Date day, TypeId t, Direction dir);

}  // namespace silkgraph
