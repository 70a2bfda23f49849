// Shortest path(s) between two bound nodes (query/execution/shortest_path.h): a bidirectional
// breadth-first search over the per-type adjacency (CSR plus delta), in both directions.
//
// Each side (forward from `from` along req.dir, backward from `to` against it) keeps a frontier
// of the nodes at its current depth; every step expands, level by level, the side whose
// frontier has the fewer adjacency entries to scan. The first node reached by one side that
// the other side has already reached closes a shortest path: before the step no node had been
// reached by both sides, so every path is longer than depthF + depthB, and a meeting during
// the step gives exactly depthF + depthB + 1 (the meeting node lies at the other side's
// frontier depth).
//
// - shortestPath stops at the first meeting and follows the first-discovery links of both
//   sides back to their ends.
// - allShortestPaths completes the step, so every node at distance (expanding depth + 1) that
//   the other side reached is a meeting node; each shortest path crosses exactly one of them.
//   The relationships of all shortest paths (a layered DAG) are collected by walking from the
//   meeting nodes towards both ends, keeping the relationships whose far end sits one level
//   closer to that end, and then enumerated depth-first from `from`. The DAG is a snapshot, so
//   whatever the consumer of a path does cannot change the rest of the enumeration.
//
// Per-node state lives in dense arrays reused across searches (a search is O(nodes reached),
// not O(nodes)): a node's tag holds base + depth, where `base` moves past every value the
// previous search used, so nothing has to be cleared between searches.
#include "query/execution/shortest_path.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "query/execution/context.h"

namespace silkgraph {
namespace {

Direction reverse(Direction d) {
  return d == Direction::Out ? Direction::In : d == Direction::In ? Direction::Out : d;
}

struct Side {
  Direction dir = Direction::Out;  // direction in which this side expands
  uint32_t depth = 0;              // levels expanded so far
  std::vector<uint32_t> tag;       // per node: base + distance from this side's end
  std::vector<RelId> via;          // per node: relationship that first reached it
  std::vector<NodeId> frontier, next;
};

struct DagEdge {
  NodeId src;  // endpoint nearer to `from`
  NodeId dst;
  RelId rel;
};

struct Scratch {
  Side fwd, bwd;
  uint32_t base = 1;
  std::vector<uint32_t> dagMark;  // per node: base when added to the DAG walk
  std::vector<NodeId> meetings, layer, nextLayer;
  std::vector<DagEdge> edges;
  std::vector<RelId> path;
  std::vector<std::pair<size_t, size_t>> stack;  // DFS: (next edge, end) per level

  // Makes the per-node arrays cover `limit` nodes and the tag values [base, base + limit]
  // unused by earlier searches.
  void prepare(size_t limit, bool all) {
    auto grow = [limit](std::vector<uint32_t>& v) {
      if (v.size() < limit) v.resize(limit, 0);
    };
    grow(fwd.tag);
    grow(bwd.tag);
    if (fwd.via.size() < limit) fwd.via.resize(limit);
    if (bwd.via.size() < limit) bwd.via.resize(limit);
    if (all) grow(dagMark);
    if (static_cast<uint64_t>(base) + limit + 2 >= UINT32_MAX) {
      std::fill(fwd.tag.begin(), fwd.tag.end(), 0);
      std::fill(bwd.tag.begin(), bwd.tag.end(), 0);
      std::fill(dagMark.begin(), dagMark.end(), 0);
      base = 1;
    }
  }

  // Bytes held by the per-node arrays; large ones are not kept after the search.
  size_t bytes() const {
    return (fwd.tag.capacity() + bwd.tag.capacity() + dagMark.capacity()) * sizeof(uint32_t) +
           (fwd.via.capacity() + bwd.via.capacity()) * sizeof(RelId);
  }
};

// Searches may nest (a path's consumer can run another shortestPath), so each one leases its
// own scratch from a per-thread pool.
class ScratchLease {
 public:
  ScratchLease() {
    if (pool().empty()) {
      s_ = std::make_unique<Scratch>();
    } else {
      s_ = std::move(pool().back());
      pool().pop_back();
    }
  }
  ~ScratchLease() {
    constexpr size_t kKeepBytes = size_t{64} << 20;
    if (s_->bytes() <= kKeepBytes) pool().push_back(std::move(s_));
  }
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;
  Scratch& operator*() { return *s_; }

 private:
  static std::vector<std::unique_ptr<Scratch>>& pool() {
    thread_local std::vector<std::unique_ptr<Scratch>> p;
    return p;
  }
  std::unique_ptr<Scratch> s_;
};

size_t frontierCost(GraphView g, const Side& side, std::span<const TypeId> types) {
  size_t c = 0;
  for (NodeId n : side.frontier)
    for (TypeId t : types) c += g.adjacencySize(n, side.dir, t);
  return c;
}

NodeId otherEnd(const Graph& g, RelId r, NodeId n) {
  NodeId src = g.relSource(r);
  return src == n ? g.relTarget(r) : src;
}

// shortestPath: the links of the forward side from the meeting node back to `from`,
// reversed, then those of the backward side on to `to`.
bool emitOnePath(const Graph& graph, Scratch& s, NodeId from, NodeId to, const PathSink& emit) {
  const Side& fwd = s.fwd;
  const Side& bwd = s.bwd;
  s.path.clear();
  for (NodeId n = s.meetings.front(); n != from;) {
    RelId r = fwd.via[n];
    s.path.push_back(r);
    n = otherEnd(graph, r, n);
  }
  std::reverse(s.path.begin(), s.path.end());
  for (NodeId n = s.meetings.front(); n != to;) {
    RelId r = bwd.via[n];
    s.path.push_back(r);
    n = otherEnd(graph, r, n);
  }
  return emit(std::span<const RelId>(s.path.data(), s.path.size()));
}

// allShortestPaths, once both searches met at depth `length`: collect the DAG of shortest-path
// relationships, from the meeting nodes towards `from` (forward side, scanned against
// req.dir) and towards `to` (backward side), then emit every path through it.
bool emitAllPaths(const ShortestPathRequest& req, ExecContext& ctx, const RelFilter* relOk,
                  std::span<const TypeId> types, Scratch& s, uint32_t base, uint32_t length,
                  const PathSink& emit) {
  const Graph& graph = ctx.graph;
  const NodeId from = req.from;
  Side& fwd = s.fwd;
  Side& bwd = s.bwd;
  s.edges.clear();
  for (NodeId m : s.meetings) s.dagMark[m] = base;
  for (Side* side : {&fwd, &bwd}) {
    const bool towardsFrom = side == &fwd;
    const Direction scan = towardsFrom ? reverse(req.dir) : req.dir;
    s.layer.assign(s.meetings.begin(), s.meetings.end());
    for (uint32_t d = side->tag[s.meetings.front()] - base; d > 0; --d) {
      s.nextLayer.clear();
      for (NodeId v : s.layer) {
        for (TypeId t : types) {
          graph.forEachAdjacent(v, scan, t, [&](RelId r, NodeId u) {
            ctx.poll();
            if (side->tag[u] != base + d - 1) return true;
            if (relOk && !(*relOk)(r)) return true;
            s.edges.push_back(towardsFrom ? DagEdge{u, v, r} : DagEdge{v, u, r});
            if (s.dagMark[u] != base) {
              s.dagMark[u] = base;
              s.nextLayer.push_back(u);
            }
            return true;
          });
        }
      }
      std::swap(s.layer, s.nextLayer);
    }
  }
  std::stable_sort(s.edges.begin(), s.edges.end(),
                   [](const DagEdge& a, const DagEdge& b) { return a.src < b.src; });
  auto range = [&](NodeId n) {
    auto lo = std::lower_bound(s.edges.begin(), s.edges.end(), n,
                               [](const DagEdge& e, NodeId v) { return e.src < v; });
    auto hi = std::upper_bound(lo, s.edges.end(), n,
                               [](NodeId v, const DagEdge& e) { return v < e.src; });
    return std::pair<size_t, size_t>(lo - s.edges.begin(), hi - s.edges.begin());
  };
  // Depth-first over the DAG from `from`: every maximal path has `length` relationships and
  // ends at `to`. The edges are copied nowhere, so a path is emitted from s.path.
  s.path.clear();
  s.stack.clear();
  s.stack.push_back(range(from));
  while (!s.stack.empty()) {
    ctx.poll();  // there may be exponentially many paths
    auto& [next, end] = s.stack.back();
    if (next == end) {
      s.stack.pop_back();
      if (!s.path.empty()) s.path.pop_back();
      continue;
    }
    const DagEdge e = s.edges[next++];
    s.path.push_back(e.rel);
    if (s.path.size() == length) {
      if (!emit(std::span<const RelId>(s.path.data(), s.path.size()))) return false;
      s.path.pop_back();
      continue;
    }
    s.stack.push_back(range(e.dst));
  }
  return true;
}

}  // namespace

bool findShortestPaths(const ShortestPathRequest& req, ExecContext& ctx, const RelFilter* relOk,
                       const PathSink& emit) {
  const NodeId from = req.from, to = req.to;
  if (from == to) {
    if (req.minHops == 0) return emit({});
    return true;
  }
  const Graph& graph = ctx.graph;
  // A type listed twice is followed once.
  TypeId typeBuf[16];
  size_t typeCount = 0;
  for (TypeId t : req.types)
    if (typeCount < 16 && std::find(typeBuf, typeBuf + typeCount, t) == typeBuf + typeCount)
      typeBuf[typeCount++] = t;
  const std::span<const TypeId> types(typeBuf, typeCount);
  if (types.empty()) return true;

  ScratchLease lease;
  Scratch& s = *lease;
  const size_t limit = graph.nodeIdLimit();
  if (from >= limit || to >= limit) return true;
  s.prepare(limit, req.all);
  const uint32_t base = s.base;
  Side& fwd = s.fwd;
  Side& bwd = s.bwd;
  fwd.dir = req.dir;
  bwd.dir = reverse(req.dir);
  for (Side* side : {&fwd, &bwd}) {
    side->depth = 0;
    side->frontier.clear();
    side->next.clear();
  }
  fwd.tag[from] = base;
  fwd.frontier.push_back(from);
  bwd.tag[to] = base;
  bwd.frontier.push_back(to);
  s.meetings.clear();

  bool found = false;
  while (!found && !fwd.frontier.empty() && !bwd.frontier.empty()) {
    if (req.maxHops >= 0 &&
        static_cast<int64_t>(fwd.depth) + static_cast<int64_t>(bwd.depth) + 1 > req.maxHops)
      break;
    const bool forward =
        frontierCost(graph.view(), fwd, types) <= frontierCost(graph.view(), bwd, types);
    Side& x = forward ? fwd : bwd;
    const Side& y = forward ? bwd : fwd;
    const uint32_t reached = base + x.depth + 1;
    for (NodeId n : x.frontier) {
      for (TypeId t : types) {
        graph.forEachAdjacent(n, x.dir, t, [&](RelId r, NodeId other) {
          ctx.poll();
          if (x.tag[other] >= base) return true;  // reached before, at this depth or nearer
          if (relOk && !(*relOk)(r)) return true;
          x.tag[other] = reached;
          x.via[other] = r;
          x.next.push_back(other);
          if (y.tag[other] >= base) {
            s.meetings.push_back(other);
            found = true;
            if (!req.all) return false;
          }
          return true;
        });
        if (found && !req.all) break;
      }
      if (found && !req.all) break;
    }
    ++x.depth;
    std::swap(x.frontier, x.next);
    x.next.clear();
  }
  const uint32_t length = fwd.depth + bwd.depth;
  // Tags of this search are < base + limit; the next search starts above them.
  s.base = base + std::max(fwd.depth, bwd.depth) + 2;
  if (!found || static_cast<int64_t>(length) < req.minHops) return true;

  if (!req.all) return emitOnePath(graph, s, from, to, emit);
  return emitAllPaths(req, ctx, relOk, types, s, base, length, emit);
}

}  // namespace silkgraph
