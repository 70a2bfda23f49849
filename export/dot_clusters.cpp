// clusterNodes (export/dot_clusters.h): nodes grouped by a property's value or by the node a
// relationship type leads to, for Graphviz clusters.
#include "export/dot_clusters.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "engine/error.h"
#include "export/text_util.h"

namespace silkgraph {

namespace {

// What a cluster led by node `n` is called: its name, else its id, else "#<n>".
std::string captionOf(const Graph& g, NodeId n) {
  for (std::string_view key : {"name", "id"}) {
    const KeyId k = g.keyId(key);
    if (k == kNoKey) continue;
    const Value v = g.nodeProperty(n, k);
    if (!v.isNull()) return exporttext::plainText(v);
  }
  return "#" + std::to_string(n);
}

DotClusters numbered(std::map<std::string, std::vector<NodeId>>& groups) {
  DotClusters c;
  for (auto& [name, members] : groups) {
    for (NodeId n : members) c.clusterOf[n] = c.names.size();
    c.names.push_back(name);
  }
  return c;
}

}  // namespace

DotClusters clusterNodes(const Graph& graph, const std::vector<NodeId>& nodes,
                         std::string_view by) {
  std::map<std::string, std::vector<NodeId>> groups;  // sorted by caption: deterministic
  if (const TypeId type = graph.typeId(by); type != kNoType) {
    // A node some drawn node points to leads a cluster; the others join their target's (the
    // lowest id when there are several).
    const std::unordered_set<NodeId> drawn(nodes.begin(), nodes.end());
    std::unordered_map<NodeId, NodeId> target;
    std::unordered_set<NodeId> leaders;
    for (NodeId n : nodes) {
      NodeId best = kInvalidId;
      graph.forEachAdjacent(n, Direction::Out, type, [&](RelId, NodeId other) {
        if (drawn.count(other) && other != n) best = std::min(best, other);
        return true;
      });
      if (best != kInvalidId) {
        target[n] = best;
        leaders.insert(best);
      }
    }
    for (NodeId n : nodes) {
      if (leaders.count(n)) {
        groups[captionOf(graph, n)].push_back(n);
      } else if (auto it = target.find(n); it != target.end()) {
        groups[captionOf(graph, it->second)].push_back(n);
      }
    }
    return numbered(groups);
  }
  const KeyId key = graph.keyId(by);
  if (key == kNoKey)
    throw Error(ErrorKind::ArgumentError,
                "--cluster-by: the graph has no relationship type or property named '" +
                    std::string(by) +
                    "' (give a property such as region, or a relationship type such as "
                    "PART_OF that leads each node to its group)");
  for (NodeId n : nodes) {
    const Value v = graph.nodeProperty(n, key);
    if (v.isNull()) continue;
    std::string text = exporttext::plainText(v);
    if (!text.empty()) groups[text].push_back(n);
  }
  return numbered(groups);
}

}  // namespace silkgraph
