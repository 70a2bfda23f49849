// Which Graphviz cluster each node of a DOT picture is drawn in (`export dot --cluster-by`):
// by the value of a node property (`--cluster-by region`), or by the node a relationship type
// leads to (`--cluster-by PART_OF`: a nation joins the cluster of its region, and the region
// node is drawn in its own cluster).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/graph.h"

namespace silkgraph {

struct DotClusters {
  std::vector<std::string> names;                // cluster captions, sorted
  std::unordered_map<NodeId, size_t> clusterOf;  // node -> index into names; absent: none
};

// Groups `nodes` by `by`: a relationship type of the graph when one has that name, otherwise
// a property key (a node without it stays outside every cluster). Throws
// Error{ArgumentError} when the graph has neither a relationship type nor a property key of
// that name, listing what it has.
DotClusters clusterNodes(const Graph& graph, const std::vector<NodeId>& nodes, std::string_view by);

}  // namespace silkgraph
