// Breadth-first shortest path(s) between two bound nodes (query/execution/shortest_path.h).
#include "query/execution/shortest_path.h"

#include <unordered_map>
#include <vector>

#include "query/execution/context.h"

namespace silkgraph {

bool findShortestPaths(const ShortestPathRequest& req, ExecContext& ctx, const RelFilter* relOk,
                       const PathSink& emit) {
  const NodeId from = req.from, to = req.to;
  auto emitPath = [&](const std::vector<RelId>& rels) {
    return emit(std::span<const RelId>(rels.data(), rels.size()));
  };
  if (from == to) {
    if (req.minHops == 0) return emitPath({});
    return true;
  }
  // parents[node] = (rel, previous node) pairs at the node's BFS depth.
  std::unordered_map<NodeId, std::vector<std::pair<RelId, NodeId>>> parents;
  std::unordered_map<NodeId, int64_t> depth;
  depth[from] = 0;
  std::vector<NodeId> frontier{from};
  int64_t level = 0;
  bool found = false;
  while (!frontier.empty() && !found) {
    if (req.maxHops >= 0 && level >= req.maxHops) break;
    std::vector<NodeId> next;
    for (NodeId n : frontier) {
      for (TypeId t : req.types) {
        ctx.graph.forEachAdjacent(n, req.dir, t, [&](RelId r, NodeId other) {
          ctx.poll();
          if (relOk && !(*relOk)(r)) return true;
          auto it = depth.find(other);
          if (it == depth.end()) {
            depth[other] = level + 1;
            parents[other].push_back({r, n});
            next.push_back(other);
          } else if (it->second == level + 1) {
            parents[other].push_back({r, n});
          }
          if (other == to) found = true;
          return true;
        });
      }
    }
    frontier = std::move(next);
    ++level;
  }
  if (!found || level < req.minHops) return true;
  // Enumerate paths back from `to` (all of them for allShortestPaths, the first otherwise).
  std::vector<RelId> rels;
  bool keepGoing = true;
  std::function<bool(NodeId)> walk = [&](NodeId n) -> bool {
    if (n == from) {
      std::vector<RelId> forward(rels.rbegin(), rels.rend());
      keepGoing = emitPath(forward);
      return req.all && keepGoing;
    }
    for (const auto& [r, prev] : parents[n]) {
      rels.push_back(r);
      bool more = walk(prev);
      rels.pop_back();
      if (!more) return false;
    }
    return true;
  };
  walk(to);
  return keepGoing;
}

}  // namespace silkgraph
