// GraphAccess: the data structures behind a Graph, for engine-internal code only (the database
// file reader and writer, the Boost.Graph view) and white-box tests. The query engine reads
// through Graph::view() (engine/graph_view.h) instead.
#pragma once

#include "engine/graph.h"

namespace silkgraph {

struct GraphAccess {
  static GraphImpl& of(Graph& g) { return *g.impl_; }
  static const GraphImpl& of(const Graph& g) { return *g.impl_; }
};

}  // namespace silkgraph
