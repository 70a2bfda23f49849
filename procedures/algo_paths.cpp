// Path algorithms over a projection (procedures/algo_projection.h):
//   algo.shortestPath.dijkstra  boost::dijkstra_shortest_paths from a source node to a target
//                               node, weighted by weightProperty (1.0 where missing or when
//                               none is given); one row: the total cost, the nodes of the path
//                               and the cost so far at each. No row when the target cannot be
//                               reached; a negative weight is an error.
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <limits>

#include "common/assert.h"
#include "procedures/algo_projection.h"
#include "procedures/procedures.h"

namespace silkgraph {
namespace {

using algo::Config;
using algo::Projection;

void dijkstra(ProcedureContext& ctx, std::span<const Value> args, const ProcedureSink& sink) {
  Config cfg(ctx, args[2], "algo.shortestPath.dijkstra", {}, Direction::Out);
  const Projection& p = cfg.projection();
  NodeId source = algo::nodeArgument(args[0], p, "algo.shortestPath.dijkstra", "source");
  NodeId target = algo::nodeArgument(args[1], p, "algo.shortestPath.dijkstra", "target");
  const size_t limit = ctx.graph.nodeIdLimit();
  std::vector<NodeId> pred(limit);
  std::vector<double> dist(limit, std::numeric_limits<double>::infinity());
  try {
    algo::withDirectedGraph(p, [&](const auto& g) {
      auto index = get(boost::vertex_index, g);
      boost::dijkstra_shortest_paths(
          g, source,
          boost::predecessor_map(boost::make_iterator_property_map(pred.begin(), index))
              .distance_map(boost::make_iterator_property_map(dist.begin(), index))
              .weight_map(p.weights()));
    });
  } catch (const boost::negative_edge&) {
    throw Error(ErrorKind::ArgumentError,
                "algo.shortestPath.dijkstra: a relationship has a negative weight", {},
                "InvalidArgumentValue", ErrorPhase::Runtime);
  }
  // Boost leaves an unreached node at the largest double, its own predecessor.
  if (target != source && pred[target] == target) return;
  std::vector<NodeId> path{target};
  while (path.back() != source) {
    SG_ASSERT(path.size() <= limit, "a predecessor chain ends at the source");
    path.push_back(pred[path.back()]);
  }
  ValueList nodes, costs;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    nodes.emplace_back(NodeRef{*it});
    costs.emplace_back(dist[*it]);
  }
  std::vector<Value> row{Value(dist[target]), Value(std::move(nodes)), Value(std::move(costs))};
  sink(row);
}

}  // namespace

void registerPathProcedures(ProcedureRegistry& registry) {
  registry.add(
      "algo.shortestPath.dijkstra(source :: NODE?, target :: NODE?, config = {} :: MAP?) "
      ":: (totalCost :: FLOAT?, nodes :: LIST? OF NODE?, costs :: LIST? OF FLOAT?)",
      "The cheapest path from source to target in the projection (Boost.Graph "
      "dijkstra_shortest_paths; config: relationshipTypes, nodeLabels, direction "
      "(default OUTGOING), weightProperty, 1.0 where a relationship lacks it).",
      dijkstra);
}

}  // namespace silkgraph
