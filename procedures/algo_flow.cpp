// Flow algorithms over a projection (procedures/algo_projection.h):
//   algo.maxFlow  boost::boykov_kolmogorov_max_flow from a source node to a target node on the
//                 residual network of procedures/algo_flow_network.h, capacities from
//                 capacityProperty (or weightProperty; 1.0 where a relationship lacks it),
//                 directed by default, each relationship usable both ways with direction BOTH.
//                 One row: the maximum flow, the relationships of a minimum cut and the nodes
//                 on the source's side of it: those reachable from the source through
//                 relationships with capacity left (the smallest such side, the same for every
//                 maximum flow).
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <cmath>
#include <deque>
#include <string>

#include "procedures/algo_flow_network.h"
#include "procedures/algo_projection.h"
#include "procedures/procedures.h"

namespace silkgraph {
namespace {

using algo::Config;
using algo::FlowEdge;
using algo::FlowNetwork;
using algo::Projection;

constexpr std::string_view kName = "algo.maxFlow";

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::ArgumentError, std::string(kName) + ": " + message, {},
              "InvalidArgumentValue", ErrorPhase::Runtime);
}

// Refuses a negative, infinite or NaN capacity on a relationship of the projection.
void checkCapacities(const Projection& p, const RelWeightMap& capacity, KeyId key) {
  const Graph& g = *p.graph;
  std::vector<bool> member(g.typeCount(), false);
  for (TypeId t : p.types) member[t] = true;
  for (RelId r = 0; r < g.relIdLimit(); ++r) {
    if (!g.relExists(r) || !member[g.relType(r)]) continue;
    NodeId s = g.relSource(r), t = g.relTarget(r);
    if (!p.contains(s) || !p.contains(t) || !p.edgeVisible(r)) continue;
    double c = capacity[RelEdge{r, s, t}];
    if (std::isfinite(c) && c >= 0) continue;
    fail("a relationship (" + g.typeName(g.relType(r)) + ", id " + std::to_string(r) +
         ") has capacity " + formatFloat(c) + " in '" + g.keyName(key) +
         "'; a capacity must be a finite number, not negative");
  }
}

void maxFlow(ProcedureContext& ctx, std::span<const Value> args, const ProcedureSink& sink) {
  Config cfg(ctx, args[2], kName, {"capacityProperty"}, Direction::Out);
  const Projection& p = cfg.projection();
  const NodeId s = algo::nodeArgument(args[0], p, kName, "source");
  const NodeId t = algo::nodeArgument(args[1], p, kName, "target");
  if (s == t) fail("the source and the target are the same node");
  KeyId key = cfg.propertyKey("capacityProperty");
  if (key == kNoKey) key = p.weightKey;
  const RelWeightMap capacity(ctx.graph, key, 1.0);
  if (key != kNoKey) checkCapacities(p, capacity, key);

  FlowNetwork net(p, [&ctx] { ctx.poll(); });
  const size_t n = ctx.graph.nodeIdLimit();
  std::vector<double> residual(2 * size_t{ctx.graph.relIdLimit()}, 0.0);
  std::vector<boost::default_color_type> color(n);
  auto residualMap = boost::make_iterator_property_map(residual.begin(), algo::FlowEdgeIndex{});
  const algo::FlowCapacity capacityMap{capacity, p.direction == Direction::Both};
  const boost::typed_identity_property_map<NodeId> index;
  const double flow = boost::boykov_kolmogorov_max_flow(
      net, capacityMap, residualMap, algo::FlowReverseEdge{},
      boost::make_iterator_property_map(color.begin(), index), index, s, t);

  // The source's side: what the source reaches through flow edges with residual capacity.
  std::vector<uint8_t> side(n, 0);
  std::deque<NodeId> queue{s};
  side[s] = 1;
  while (!queue.empty()) {
    NodeId u = queue.front();
    queue.pop_front();
    for (auto [e, end] = out_edges(u, net); e != end; ++e) {
      if (side[e->target] || residual[get(algo::FlowEdgeIndex{}, *e)] <= 0) continue;
      side[e->target] = 1;
      queue.push_back(e->target);
    }
  }
  std::vector<RelId> cut;
  ValueList sourceSide;
  for (NodeId u = 0; u < n; ++u) {
    if (!side[u]) continue;
    sourceSide.emplace_back(NodeRef{u});
    for (auto [e, end] = out_edges(u, net); e != end; ++e)
      if (!side[e->target] && get(capacityMap, *e) > 0) cut.push_back(e->rel);
  }
  std::sort(cut.begin(), cut.end());
  ValueList cutRels;
  for (RelId r : cut) cutRels.emplace_back(RelRef{r});
  std::vector<Value> row{Value(flow), Value(std::move(cutRels)), Value(std::move(sourceSide))};
  sink(row);
}

}  // namespace

void registerFlowProcedures(ProcedureRegistry& registry) {
  registry.add(
      "algo.maxFlow(source :: NODE?, target :: NODE?, config = {} :: MAP?) "
      ":: (maxFlow :: FLOAT?, cut :: LIST? OF RELATIONSHIP?, sourceSide :: LIST? OF NODE?)",
      "The maximum flow from source to target and a minimum cut (Boost.Graph "
      "boykov_kolmogorov_max_flow; config: relationshipTypes, nodeLabels, direction (default "
      "OUTGOING; BOTH lets each relationship carry flow either way), capacityProperty or "
      "weightProperty, 1.0 where a relationship lacks it). cut: the relationships from the "
      "source's side to the rest; sourceSide: the nodes the source still reaches.",
      maxFlow);
}

}  // namespace silkgraph
