// What a graph algorithm runs on: a projection of the graph chosen by the config map every
// algo.* procedure takes: relationshipTypes (default every type), nodeLabels (default every
// node), direction ('OUTGOING' / 'NATURAL', 'INCOMING' / 'REVERSE', 'BOTH' / 'UNDIRECTED') and
// weightProperty (a numeric relationship property; where a relationship lacks it, 1.0). The
// algorithms see it through Boost.Graph: the storage itself (engine/boost_graph_view.h), with
// a boost::filtered_graph on top only when nodeLabels narrows the nodes; nothing is copied.
#pragma once

#include <boost/graph/filtered_graph.hpp>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "engine/boost_graph_view.h"
#include "query/procedure/procedure.h"

namespace silkgraph::algo {

struct Projection {
  const Graph* graph = nullptr;
  std::vector<TypeId> types;
  Direction direction = Direction::Out;
  bool filtered = false;            // nodeLabels given: only member nodes and the rels between them
  std::vector<uint8_t> member;      // by NodeId: live and (when filtered) carrying a chosen label
  size_t nodeCount = 0;             // members
  KeyId weightKey = kNoKey;         // weightProperty, kNoKey when none
  const ValidView* view = nullptr;  // the statement's view date: hidden nodes are not members

  bool edgeVisible(RelId r) const { return !view || view->relOwn(r); }

  bool contains(NodeId n) const { return member[n] != 0; }
  RelWeightMap weights() const { return RelWeightMap(*graph, weightKey, 1.0); }
};

// The config map of an algorithm, read and checked: unknown keys (with the closest known one as
// a hint), unknown labels or types and wrong value types are errors.
class Config {
 public:
  // `extraKeys`: the keys the algorithm takes besides the projection's. `view`: the
  // statement's view date (ProcedureContext::view), which hides nodes and relationships.
  Config(const Graph& graph, const Value& config, std::string_view procedure,
         std::initializer_list<std::string_view> extraKeys, Direction defaultDirection,
         const ValidView* view = nullptr);
  Config(const ProcedureContext& ctx, const Value& config, std::string_view procedure,
         std::initializer_list<std::string_view> extraKeys, Direction defaultDirection)
      : Config(ctx.graph, config, procedure, extraKeys, defaultDirection, ctx.view) {}

  const Projection& projection() const { return projection_; }
  double number(std::string_view key, double fallback) const;
  bool boolean(std::string_view key, bool fallback) const;
  // A property name (like weightProperty) as a key of the graph; kNoKey when not given.
  KeyId propertyKey(std::string_view key) const;
  // The value given for key, null when none.
  const Value* find(std::string_view key) const;
  [[noreturn]] void fail(const std::string& message) const;

 private:
  std::string procedure_;
  ValueMap map_;
  Projection projection_;
};

// A node argument of `procedure` (what: "source", "target"), checked to be a node of the
// projection.
NodeId nodeArgument(const Value& v, const Projection& p, std::string_view procedure,
                    std::string_view what);

// Keeps the edges of a filtered projection whose both ends are members (and, under a view
// date, that are visible themselves).
struct MemberEdge {
  const Projection* p = nullptr;
  bool operator()(const RelEdge& e) const {
    return p->contains(e.source) && p->contains(e.target) && p->edgeVisible(e.rel);
  }
};
struct MemberVertex {
  const Projection* p = nullptr;
  bool operator()(NodeId n) const { return p->contains(n); }
};

// Calls f(g) with g the projection as a Boost graph in direction D: the storage view, or that
// view filtered to the member nodes.
template <Direction D, class F>
void withGraph(const Projection& p, F&& f) {
  TypedGraphView<D> view(*p.graph, p.types);
  if (!p.filtered) {
    f(view);
    return;
  }
  boost::filtered_graph<TypedGraphView<D>, MemberEdge, MemberVertex> g(view, MemberEdge{&p},
                                                                       MemberVertex{&p});
  f(g);
}

// The same in the projection's own direction.
template <class F>
void withDirectedGraph(const Projection& p, F&& f) {
  switch (p.direction) {
    case Direction::Out:
      withGraph<Direction::Out>(p, f);
      break;
    case Direction::In:
      withGraph<Direction::In>(p, f);
      break;
    case Direction::Both:
      withGraph<Direction::Both>(p, f);
      break;
  }
}

// Emits (node, value) for every member node; stops when the sink does.
template <class V>
void emitPerNode(const Projection& p, const std::vector<V>& values, const ProcedureSink& sink) {
  std::vector<Value> row(2);  // one row reused: the sink copies what it keeps
  for (NodeId n = 0; n < values.size(); ++n) {
    if (!p.contains(n)) continue;
    row[0] = Value(NodeRef{n});
    row[1] = Value(values[n]);
    if (!sink(row)) return;
  }
}

}  // namespace silkgraph::algo
