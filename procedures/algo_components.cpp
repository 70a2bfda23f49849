// Connectivity algorithms over a projection (procedures/algo_projection.h), all but wcc (and
// scc on the compressed rows) from Boost.Graph on the storage itself:
//   algo.wcc                 Rem's union-find over the projection's relationships
//   algo.scc                 on the compressed rows (algo_compact_rows.h) when it can,
//                            Tarjan over arrays (algo_scc_rows.h); otherwise
//                            boost::strong_components on the directed projection
//   algo.articulationPoints  boost::articulation_points (undirected): the chokepoints
//   algo.bridges             boost::biconnected_components (undirected): a component of one
//                            relationship is a bridge (self-loops never are)
//   algo.kCore               boost::core_numbers (undirected)
// A component is named by the smallest node id in it, so answers do not depend on the
// order Boost numbers them in.
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/core_numbers.hpp>
#include <boost/graph/strong_components.hpp>
#include <iterator>
#include <utility>

#include "procedures/algo_compact_rows.h"
#include "procedures/algo_projection.h"
#include "procedures/algo_scc_rows.h"
#include "procedures/procedures.h"

namespace silkgraph {
namespace {

using algo::Config;
using algo::Projection;

// A relationship's id as the index of an edge property map.
struct RelIndexMap {
  using key_type = RelEdge;
  using value_type = size_t;
  using reference = size_t;
  using category = boost::readable_property_map_tag;
};
[[maybe_unused]] size_t get(RelIndexMap, const RelEdge& e) {
  return e.rel;
}

// Renames component numbers to the smallest member node id in each component.
std::vector<int64_t> byMinimumNode(const Projection& p, const std::vector<size_t>& comp) {
  std::vector<int64_t> first(comp.size(), -1), out(comp.size(), -1);
  for (NodeId n = 0; n < comp.size(); ++n) {
    if (!p.contains(n)) continue;
    if (first[comp[n]] < 0) first[comp[n]] = n;
    out[n] = first[comp[n]];
  }
  return out;
}

// Weak components by Rem's union-find with splicing over each relationship once (the directed
// view's out-edges): every parent is at most its child, so a component's root is its
// smallest node, which names it; one pass in node order then resolves every node, since a
// node's parent is resolved before it. No rank array, and 4-byte parents: the whole forest
// of 1M nodes is 4 MB, where Boost's disjoint sets kept 8-byte parents and ranks besides.
class MinRootForest {
 public:
  explicit MinRootForest(size_t n) : parent_(n) {
    for (NodeId v = 0; v < n; ++v) parent_[v] = v;
  }
  void unite(NodeId x, NodeId y) {
    NodeId* p = parent_.data();
    while (p[x] != p[y]) {
      if (p[x] < p[y]) std::swap(x, y);
      if (p[x] == x) {  // x is a root: hang it under y's parent, which is smaller
        p[x] = p[y];
        return;
      }
      const NodeId z = p[x];
      p[x] = p[y];  // splice: x moves under the smaller parent
      x = z;
    }
  }
  // Each node's component, named by its smallest node.
  std::vector<int64_t> components() const {
    std::vector<int64_t> out(parent_.size());
    for (NodeId v = 0; v < parent_.size(); ++v) out[v] = parent_[v] == v ? v : out[parent_[v]];
    return out;
  }

 private:
  std::vector<NodeId> parent_;
};

void wcc(ProcedureContext& ctx, std::span<const Value> args, const ProcedureSink& sink) {
  Config cfg(ctx, args[0], "algo.wcc", {}, Direction::Both);
  const Projection& p = cfg.projection();
  const size_t limit = ctx.graph.nodeIdLimit();
  MinRootForest forest(limit);
  if (auto rows = algo::CompactRows::of<Direction::Out>(p)) {
    for (NodeId v = 0; v < limit; ++v) {
      if ((v & 1023u) == 0) ctx.poll();
      for (const algo::CompactRows::Row& r : rows->rows()) {
        if (v >= r.vertices) continue;
        for (uint32_t i = r.start[v], end = r.start[v + 1]; i < end; ++i)
          forest.unite(v, r.other[i]);
      }
    }
  } else {
    algo::withGraph<Direction::Out>(p, [&](const auto& g) {
      for (auto [v, vend] = vertices(g); v != vend; ++v) {
        ctx.poll();
        for (auto [e, end] = out_edges(*v, g); e != end; ++e)
          forest.unite(source(*e, g), target(*e, g));
      }
    });
  }
  algo::emitPerNode(p, forest.components(), sink);
}

void scc(ProcedureContext& ctx, std::span<const Value> args, const ProcedureSink& sink) {
  Config cfg(ctx, args[0], "algo.scc", {}, Direction::Out);
  const Projection& p = cfg.projection();
  std::vector<size_t> comp(ctx.graph.nodeIdLimit(), 0);
  auto run = [&](const auto& g) {
    boost::strong_components(
        g, boost::make_iterator_property_map(comp.begin(), get(boost::vertex_index, g)));
  };
  if (p.direction == Direction::Both) {
    algo::withGraph<Direction::Both>(p, [&](const auto& g) {
      boost::connected_components(
          g, boost::make_iterator_property_map(comp.begin(), get(boost::vertex_index, g)));
    });
  } else if (auto rows = algo::CompactRows::of<Direction::Out>(p)) {
    const auto in = algo::CompactRows::of<Direction::In>(p);
    return algo::emitPerNode(p, algo::sccRows(*rows, in ? &*in : nullptr, p, ctx), sink);
  } else {
    algo::withGraph<Direction::Out>(p, run);  // reversing every relationship keeps the SCCs
  }
  algo::emitPerNode(p, byMinimumNode(p, comp), sink);
}

void articulationPoints(ProcedureContext& ctx, std::span<const Value> args,
                        const ProcedureSink& sink) {
  Config cfg(ctx, args[0], "algo.articulationPoints", {}, Direction::Both);
  const Projection& p = cfg.projection();
  std::vector<NodeId> points;
  algo::withGraph<Direction::Both>(
      p, [&](const auto& g) { boost::articulation_points(g, std::back_inserter(points)); });
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  for (NodeId n : points) {
    if (!p.contains(n)) continue;
    std::vector<Value> row{Value(NodeRef{n})};
    if (!sink(row)) return;
  }
}

void bridges(ProcedureContext& ctx, std::span<const Value> args, const ProcedureSink& sink) {
  Config cfg(ctx, args[0], "algo.bridges", {}, Direction::Both);
  const Projection& p = cfg.projection();
  std::vector<size_t> comp(ctx.graph.relIdLimit(), 0);
  std::vector<RelEdge> all;
  size_t count = 0;
  algo::withGraph<Direction::Both>(p, [&](const auto& g) {
    count = boost::biconnected_components(
        g, boost::make_iterator_property_map(comp.begin(), RelIndexMap{}));
    for (auto [e, end] = edges(g); e != end; ++e) all.push_back(*e);
  });
  std::vector<size_t> size(count, 0);
  for (const RelEdge& e : all) ++size[comp[e.rel]];
  for (const RelEdge& e : all) {
    if (e.source == e.target || size[comp[e.rel]] != 1) continue;
    std::vector<Value> row{Value(RelRef{e.rel}), Value(NodeRef{e.source}),
                           Value(NodeRef{e.target})};
    if (!sink(row)) return;
  }
}

void kCore(ProcedureContext& ctx, std::span<const Value> args, const ProcedureSink& sink) {
  Config cfg(ctx, args[0], "algo.kCore", {"k"}, Direction::Both);
  const Projection& p = cfg.projection();
  const double k = cfg.number("k", 0);
  std::vector<size_t> core(ctx.graph.nodeIdLimit(), 0);
  algo::withGraph<Direction::Both>(p, [&](const auto& g) {
    boost::core_numbers(
        g, boost::make_iterator_property_map(core.begin(), get(boost::vertex_index, g)));
  });
  for (NodeId n = 0; n < core.size(); ++n) {
    if (!p.contains(n) || static_cast<double>(core[n]) < k) continue;
    std::vector<Value> row{Value(NodeRef{n}), Value(static_cast<int64_t>(core[n]))};
    if (!sink(row)) return;
  }
}

}  // namespace

void registerComponentProcedures(ProcedureRegistry& registry) {
  registry.add("algo.wcc(config = {} :: MAP?) :: (node :: NODE?, component :: INTEGER?)",
               "Weakly connected components (union-find over the relationships, taken in both "
               "directions); a component is named by its smallest node id.",
               wcc);
  registry.add("algo.scc(config = {} :: MAP?) :: (node :: NODE?, component :: INTEGER?)",
               "Strongly connected components (Boost.Graph strong_components); a component is "
               "named by its smallest node id.",
               scc);
  registry.add("algo.articulationPoints(config = {} :: MAP?) :: (node :: NODE?)",
               "The nodes whose removal disconnects the undirected projection (Boost.Graph "
               "articulation_points): chokepoints.",
               articulationPoints);
  registry.add(
      "algo.bridges(config = {} :: MAP?) :: (relationship :: RELATIONSHIP?, "
      "source :: NODE?, target :: NODE?)",
      "The relationships whose removal disconnects the undirected projection "
      "(Boost.Graph biconnected_components: a component of one relationship).",
      bridges);
  registry.add("algo.kCore(config = {} :: MAP?) :: (node :: NODE?, coreNumber :: INTEGER?)",
               "The core number of each node of the undirected projection (Boost.Graph "
               "core_numbers); config k keeps the nodes of the k-core only.",
               kCore);
}

}  // namespace silkgraph
