// FlowNetwork: the residual network Boost.Graph's max-flow algorithms need
// (boykov_kolmogorov_max_flow: every edge has a reverse edge, a capacity and a residual
// capacity), presented over the storage of a projection without copying the topology.
// Each relationship of the projection is two flow edges read from the same adjacency: itself,
// from the end the projection's direction calls its source to the other end, and its reverse
// copy. The out-edges of v are every relationship at v (the undirected view's cursor,
// engine/boost_graph_view.h); a FlowEdge says which copy it is. The capacity of a
// relationship is read from its property column (1.0 where it has none); the reverse copy
// has none when the projection is directed and the same when it is undirected (BOTH). The
// only auxiliary storage is the residual capacity, which the algorithm writes: one double per
// copy, indexed by FlowEdgeIndex (two per relationship id). Self-loops carry no flow between
// two different nodes and are left out; with nodeLabels, only relationships between members.
#pragma once

#include <algorithm>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>
#include <functional>
#include <utility>
#include <vector>

#include "engine/boost_graph_view.h"
#include "procedures/algo_projection.h"

namespace silkgraph::algo {

// One of the two flow edges of a relationship: `reverse` is the copy against the projection's
// direction (for BOTH, the copy read at the relationship's target).
struct FlowEdge {
  RelId rel = kInvalidId;
  NodeId source = kInvalidId;
  NodeId target = kInvalidId;
  bool reverse = false;
  bool operator==(const FlowEdge&) const = default;
};

class FlowNetwork;

// The flow edges leaving one vertex: every live relationship of the projection's types at it
// whose other end is another member node.
class FlowOutEdgeIterator : public boost::iterator_facade<FlowOutEdgeIterator, FlowEdge,
                                                          std::forward_iterator_tag, FlowEdge> {
 public:
  FlowOutEdgeIterator() = default;
  FlowOutEdgeIterator(boost_view::AdjacencyCursor c, NodeId v, const Projection* p, bool flipped)
      : c_(c), v_(v), p_(p), flipped_(flipped) {
    skip();
  }

 private:
  friend class boost::iterator_core_access;
  FlowEdge dereference() const { return {c_.rel(), v_, c_.other(), c_.incoming() != flipped_}; }
  bool equal(const FlowOutEdgeIterator& o) const { return c_ == o.c_; }
  void increment() {
    c_.next();
    skip();
  }
  void skip() {
    while (!c_.done() && (c_.other() == v_ || (p_->filtered && (!p_->contains(c_.other()) ||
                                                                !p_->edgeVisible(c_.rel())))))
      c_.next();
  }

  boost_view::AdjacencyCursor c_;
  NodeId v_ = kInvalidId;
  const Projection* p_ = nullptr;
  bool flipped_ = false;
};

class FlowNetwork {
 public:
  // `poll` is called once per vertex whose edges are read (a cancellation check).
  FlowNetwork(const Projection& p, std::function<void()> poll)
      : p_(&p), storage_(&GraphAccess::of(*p.graph)), types_(p.types), poll_(std::move(poll)) {
    p.graph->runDeferredChecks();  // the edges are read from the storage directly
    std::sort(types_.begin(), types_.end());
    types_.erase(std::unique(types_.begin(), types_.end()), types_.end());
  }

  const Projection& projection() const { return *p_; }
  NodeId vertexCount() const { return p_->graph->nodeIdLimit(); }
  std::pair<FlowOutEdgeIterator, FlowOutEdgeIterator> outEdges(NodeId v) const {
    const bool flipped = p_->direction == Direction::In;
    FlowOutEdgeIterator end(boost_view::AdjacencyCursor::end(), v, p_, flipped);
    if (!p_->contains(v)) return {end, end};
    poll_();
    boost_view::AdjacencyCursor c(storage_, &types_, v, Direction::Both);
    return {FlowOutEdgeIterator(c, v, p_, flipped), end};
  }
  size_t relationshipCount() const {
    size_t n = 0;
    for (TypeId t : types_) n += p_->graph->typeCardinality(t);
    return n;
  }

 private:
  const Projection* p_;
  const GraphImpl* storage_;
  std::vector<TypeId> types_;
  std::function<void()> poll_;
};

// Every flow edge, vertex by vertex (what the algorithm's initialisation walks).
class FlowEdgeIterator : public boost::iterator_facade<FlowEdgeIterator, FlowEdge,
                                                       std::forward_iterator_tag, FlowEdge> {
 public:
  FlowEdgeIterator() = default;
  FlowEdgeIterator(const FlowNetwork* g, NodeId v) : g_(g), v_(v) { settle(); }

 private:
  friend class boost::iterator_core_access;
  FlowEdge dereference() const { return *cur_; }
  bool equal(const FlowEdgeIterator& o) const {
    return v_ == o.v_ && (v_ == g_->vertexCount() || cur_ == o.cur_);
  }
  void increment() {
    ++cur_;
    if (cur_ == end_) {
      ++v_;
      settle();
    }
  }
  // Moves to the first vertex from v_ on with an out-edge.
  void settle() {
    for (; v_ < g_->vertexCount(); ++v_) {
      std::tie(cur_, end_) = g_->outEdges(v_);
      if (cur_ != end_) return;
    }
  }

  const FlowNetwork* g_ = nullptr;
  NodeId v_ = 0;
  FlowOutEdgeIterator cur_, end_;
};

// ---- the Boost.Graph concepts' free functions (found by argument-dependent lookup)

inline NodeId source(const FlowEdge& e, const FlowNetwork&) {
  return e.source;
}
inline NodeId target(const FlowEdge& e, const FlowNetwork&) {
  return e.target;
}
inline std::pair<boost::counting_iterator<NodeId>, boost::counting_iterator<NodeId>> vertices(
    const FlowNetwork& g) {
  return {boost::counting_iterator<NodeId>(0), boost::counting_iterator<NodeId>(g.vertexCount())};
}
inline size_t num_vertices(const FlowNetwork& g) {
  return g.vertexCount();
}
inline std::pair<FlowOutEdgeIterator, FlowOutEdgeIterator> out_edges(NodeId v,
                                                                     const FlowNetwork& g) {
  return g.outEdges(v);
}
inline size_t out_degree(NodeId v, const FlowNetwork& g) {
  auto [b, e] = g.outEdges(v);
  return static_cast<size_t>(std::distance(b, e));
}
inline std::pair<FlowEdgeIterator, FlowEdgeIterator> edges(const FlowNetwork& g) {
  return {FlowEdgeIterator(&g, 0), FlowEdgeIterator(&g, g.vertexCount())};
}
// Both copies of each relationship (self-loops and relationships leaving the nodeLabels
// projection included: an upper bound, which is all the algorithms use it for).
inline size_t num_edges(const FlowNetwork& g) {
  return 2 * g.relationshipCount();
}

// ---- property maps over flow edges

// The residual array's index of a flow edge.
struct FlowEdgeIndex {
  using key_type = FlowEdge;
  using value_type = size_t;
  using reference = size_t;
  using category = boost::readable_property_map_tag;
};
inline size_t get(FlowEdgeIndex, const FlowEdge& e) {
  return 2 * size_t{e.rel} + e.reverse;
}

struct FlowReverseEdge {
  using key_type = FlowEdge;
  using value_type = FlowEdge;
  using reference = FlowEdge;
  using category = boost::readable_property_map_tag;
};
inline FlowEdge get(FlowReverseEdge, const FlowEdge& e) {
  return {e.rel, e.target, e.source, !e.reverse};
}

// A relationship's capacity on its own copy; on the reverse copy none (directed) or the same
// (undirected).
struct FlowCapacity {
  using key_type = FlowEdge;
  using value_type = double;
  using reference = double;
  using category = boost::readable_property_map_tag;

  RelWeightMap capacity;
  bool undirected = false;
};
inline double get(const FlowCapacity& m, const FlowEdge& e) {
  if (e.reverse && !m.undirected) return 0;
  return m.capacity[RelEdge{e.rel, e.source, e.target}];
}

}  // namespace silkgraph::algo

namespace boost {

template <>
struct graph_traits<silkgraph::algo::FlowNetwork> {
  struct traversal_category : vertex_list_graph_tag, incidence_graph_tag, edge_list_graph_tag {};
  using vertex_descriptor = silkgraph::NodeId;
  using edge_descriptor = silkgraph::algo::FlowEdge;
  using directed_category = directed_tag;
  using edge_parallel_category = allow_parallel_edge_tag;
  using vertex_iterator = counting_iterator<silkgraph::NodeId>;
  using out_edge_iterator = silkgraph::algo::FlowOutEdgeIterator;
  using in_edge_iterator = void;
  using edge_iterator = silkgraph::algo::FlowEdgeIterator;
  using adjacency_iterator = void;
  using vertices_size_type = size_t;
  using edges_size_type = size_t;
  using degree_size_type = size_t;
  static vertex_descriptor null_vertex() { return silkgraph::kInvalidId; }
};

}  // namespace boost
