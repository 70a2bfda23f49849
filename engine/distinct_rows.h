// Distinct neighbours of a relationship type's compressed rows (TypeTopology::distinct): per
// node and direction, each node its row reaches, once, with the first relationship of the row
// that reaches it. A trade graph holds many parallel relationships (250 nations, millions of
// SUPPLIES between them): an expansion that keeps one row per node it reaches (the optimizer's
// `dedupe`, as in `count(DISTINCT c)` two hops away) then reads at most 249 entries of a
// nation's row instead of every relationship in it. Built by compact() and by a change of
// adjacency order (which reorders the rows), only where the rows hold at least
// kDistinctMinParallel entries per distinct neighbour on average; kept in the database file;
// not used once a relationship of the compressed rows is deleted (until the next compact()).
// Internal to engine/.
#pragma once

#include <string>

#include "engine/graph.h"  // first: it includes graph_impl.h where it needs it

namespace silkgraph {

constexpr size_t kDistinctMinParallel = 4;

// Builds (or clears, where it does not pay) type t's distinct rows in direction dir (Out or
// In) from its compressed rows.
void buildDistinctRows(GraphImpl& g, TypeId t, Direction dir);

// A problem with the distinct rows of type t read from a file, checked against its compressed
// rows (every neighbour listed once, in first-entry order, with that entry's relationship);
// empty when they agree.
std::string checkDistinctRows(const GraphImpl& g, TypeId t, Direction dir);

}  // namespace silkgraph
