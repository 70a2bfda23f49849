// TypedGraphView: silkgraph's own topology seen as a Boost.Graph graph, so that Boost.Graph
// algorithms (breadth_first_search, dijkstra_shortest_paths, ...) run on it without a copy.
// A view is a set of relationship types and a direction:
//   Direction::Out  - a directed graph, one edge per relationship, source to target;
//   Direction::In   - the same reversed (an edge from each relationship's target to its source);
//   Direction::Both - an undirected graph (out_edges(v) gives every relationship at v once, a
//                     self-loop once, with source(e) == v).
// It models VertexListGraph, IncidenceGraph, BidirectionalGraph and EdgeListGraph. Vertices are
// all node ids below Graph::nodeIdLimit() (a deleted node is an isolated vertex), so the vertex
// index map is the identity. Incidence reads the compressed rows and the delta of each type in
// place, the same entries and order as Graph::forEachAdjacent, skipping deleted relationships.
// relWeightMap() reads a numeric relationship property straight from its column.
//
// The view reads the graph as it is: changing the graph while iterators are live is not
// supported. See docs/storage.md, "Boost.Graph view".
#pragma once

#include <algorithm>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

#include "engine/graph.h"
#include "engine/graph_access.h"

namespace silkgraph {

// An edge of a view: the relationship and its ends as the view orients them.
struct RelEdge {
  RelId rel = kInvalidId;
  NodeId source = kInvalidId;
  NodeId target = kInvalidId;
  bool operator==(const RelEdge&) const = default;
};

namespace boost_view {

// Walks the relationships of some types at one node, in one engine direction: for each type
// the outgoing compressed row, the incoming one, the outgoing delta and the incoming delta (as
// GraphImpl::visitType does), skipping deleted relationships and, for Both, the incoming copy
// of a self-loop.
class AdjacencyCursor {
 public:
  AdjacencyCursor() = default;
  AdjacencyCursor(const GraphImpl* g, const std::vector<TypeId>* types, NodeId v, Direction dir)
      : g_(g), types_(types), v_(v), dir_(dir) {
    if (types_->empty()) {
      done_ = true;
      return;
    }
    open();
    settle();
  }
  static AdjacencyCursor end() {
    AdjacencyCursor c;
    c.done_ = true;
    return c;
  }

  bool done() const { return done_; }
  RelId rel() const { return rel_; }
  NodeId other() const { return other_; }
  // Whether the current entry came from the incoming side (the node is the relationship's
  // target); a self-loop seen with Direction::Both comes from the outgoing side.
  bool incoming() const { return (phase_ & 1) != 0; }
  // The next entry of the same row is read here; settle() only moves between rows and types.
  void next() {
    if (++pos_ < end_ && read()) return;
    settle();
  }
  bool operator==(const AdjacencyCursor& o) const {
    return done_ == o.done_ && (done_ || (ti_ == o.ti_ && phase_ == o.phase_ && pos_ == o.pos_));
  }

 private:
  // Sets [pos_, end_) to the entries of phase_ of type (*types_)[ti_], and the arrays they are
  // read from; empty when the phase does not apply.
  void open() {
    pos_ = end_ = 0;
    const TypeId t = (*types_)[ti_];
    if (t >= g_->topo.size()) return;
    const TypeTopology& tp = g_->topo[t];
    const bool out = dir_ != Direction::In, in = dir_ != Direction::Out;
    switch (phase_) {
      case 0:
      case 1:
        if ((phase_ == 0 ? out : in) && v_ < tp.csrVertices) {
          if (phase_ == 0) {
            const auto& fwd = tp.csr.m_forward;
            pos_ = fwd.m_rowstart[v_];
            end_ = fwd.m_rowstart[v_ + 1];
            others_ = fwd.m_column.view();
            forwardRels_ = fwd.m_edge_properties.data();
          } else {
            const auto& bwd = tp.csr.m_backward;
            pos_ = bwd.m_rowstart[v_];
            end_ = bwd.m_rowstart[v_ + 1];
            others_ = bwd.m_column.view();
            rels_ = bwd.m_edge_properties.data();  // relationship ids (graph_impl.h)
          }
          filter_ = tp.csrDeleted > 0;  // without deletions every CSR entry is live
        }
        break;
      default: {
        if (!(phase_ == 2 ? out : in) || tp.deltaRels == 0) break;
        const auto& delta = phase_ == 2 ? tp.deltaOut : tp.deltaIn;
        auto it = delta.find(v_);
        if (it == delta.end()) break;
        rels_ = it->second.data();
        end_ = static_cast<uint32_t>(it->second.size());
        ends_ = phase_ == 2 ? g_->relDst.view() : g_->relSrc.view();
        filter_ = true;
        break;
      }
    }
  }
  // Reads the entry at pos_; false when it is to be skipped.
  bool read() {
    if (phase_ == 0) {
      rel_ = forwardRels_[pos_].rel;
      other_ = others_[pos_];
    } else {
      rel_ = rels_[pos_];
      other_ = phase_ == 1 ? others_[pos_] : ends_[rel_];  // a delta: by relationship id
    }
    if (dir_ == Direction::Both && (phase_ & 1) != 0 && other_ == v_) return false;
    return !filter_ || g_->relAliveAt(rel_);
  }
  void settle() {
    const bool out = dir_ != Direction::In, in = dir_ != Direction::Out;
    for (;;) {
      for (; pos_ < end_; ++pos_)
        if (read()) return;
      do {  // the next phase the direction reads: outgoing (0, 2) or incoming (1, 3)
        if (++phase_ == 4) {
          phase_ = 0;
          if (++ti_ == types_->size()) {
            done_ = true;
            return;
          }
        }
      } while ((phase_ & 1) != 0 ? !in : !out);
      open();
    }
  }

  const GraphImpl* g_ = nullptr;
  const std::vector<TypeId>* types_ = nullptr;
  const CsrEdge* forwardRels_ = nullptr;  // phase 0: the relationships of the forward rows
  const RelId* rels_ = nullptr;           // phase 1: of the backward rows; 2, 3: the delta list
  NodeIds others_;                        // 0, 1: the rows' other ends
  NodeIds ends_;                          // 2, 3: relDst / relSrc
  bool filter_ = false;                   // whether entries may be deleted relationships
  NodeId v_ = kInvalidId;
  Direction dir_ = Direction::Out;
  size_t ti_ = 0;
  uint8_t phase_ = 0;
  uint32_t pos_ = 0, end_ = 0;
  RelId rel_ = kInvalidId;
  NodeId other_ = kInvalidId;
  bool done_ = false;
};

// Incident edges of one vertex as an iterator: `incoming` puts the vertex at the target end.
class IncidentEdgeIterator : public boost::iterator_facade<IncidentEdgeIterator, RelEdge,
                                                           std::forward_iterator_tag, RelEdge> {
 public:
  IncidentEdgeIterator() = default;
  IncidentEdgeIterator(AdjacencyCursor c, NodeId v, bool incoming)
      : c_(c), v_(v), incoming_(incoming) {}

 private:
  friend class boost::iterator_core_access;
  RelEdge dereference() const {
    return incoming_ ? RelEdge{c_.rel(), c_.other(), v_} : RelEdge{c_.rel(), v_, c_.other()};
  }
  bool equal(const IncidentEdgeIterator& o) const { return c_ == o.c_; }
  void increment() { c_.next(); }

  AdjacencyCursor c_;
  NodeId v_ = kInvalidId;
  bool incoming_ = false;
};

// Every live relationship of the view's types, in id order, oriented by the view.
class AllEdgeIterator
    : public boost::iterator_facade<AllEdgeIterator, RelEdge, std::forward_iterator_tag, RelEdge> {
 public:
  AllEdgeIterator() = default;
  AllEdgeIterator(const Graph* g, const std::vector<bool>* member, RelId r, bool reversed)
      : g_(g), member_(member), r_(r), reversed_(reversed) {
    settle();
  }

 private:
  friend class boost::iterator_core_access;
  RelEdge dereference() const {
    NodeId s = g_->relSource(r_), t = g_->relTarget(r_);
    return reversed_ ? RelEdge{r_, t, s} : RelEdge{r_, s, t};
  }
  bool equal(const AllEdgeIterator& o) const { return r_ == o.r_; }
  void increment() {
    ++r_;
    settle();
  }
  void settle() {
    for (const RelId limit = g_->relIdLimit(); r_ < limit; ++r_) {
      TypeId t = g_->relType(r_);
      if (t < member_->size() && (*member_)[t] && g_->relExists(r_)) return;
    }
  }

  const Graph* g_ = nullptr;
  const std::vector<bool>* member_ = nullptr;
  RelId r_ = 0;
  bool reversed_ = false;
};

}  // namespace boost_view

template <Direction D>
class TypedGraphView {
 public:
  // types: the relationship types seen (duplicates and unknown ids are ignored); empty with
  // allTypes: every type the graph has.
  TypedGraphView(const Graph& graph, std::vector<TypeId> types) : graph_(&graph) {
    graph.runDeferredChecks();  // the algorithms read the topology through storage()
    std::sort(types.begin(), types.end());
    types.erase(std::unique(types.begin(), types.end()), types.end());
    std::erase_if(types, [&](TypeId t) { return t >= graph.typeCount(); });
    types_ = std::move(types);
    member_.assign(graph.typeCount(), false);
    for (TypeId t : types_) member_[t] = true;
  }
  static TypedGraphView allTypes(const Graph& graph) {
    std::vector<TypeId> all(graph.typeCount());
    for (size_t t = 0; t < all.size(); ++t) all[t] = static_cast<TypeId>(t);
    return TypedGraphView(graph, std::move(all));
  }

  const Graph& graph() const { return *graph_; }
  const std::vector<TypeId>& types() const { return types_; }
  const std::vector<bool>& typeMember() const { return member_; }
  const GraphImpl& storage() const { return GraphAccess::of(*graph_); }

 private:
  const Graph* graph_;
  std::vector<TypeId> types_;
  std::vector<bool> member_;  // by TypeId
};

using OutGraphView = TypedGraphView<Direction::Out>;
using InGraphView = TypedGraphView<Direction::In>;
using UndirectedGraphView = TypedGraphView<Direction::Both>;

// A numeric relationship property as a readable edge property map (e.g. Dijkstra's weights):
// integers and floats as double; `missing` where the relationship has no number there.
class RelWeightMap {
 public:
  using key_type = RelEdge;
  using value_type = double;
  using reference = double;
  using category = boost::readable_property_map_tag;

  RelWeightMap(const Graph& graph, KeyId key, double missing)
      : col_(key < graph.view().relColumns().size() ? &graph.view().relColumns()[key] : nullptr),
        missing_(missing) {}

  double operator[](const RelEdge& e) const {
    if (col_ == nullptr || !col_->has(e.rel)) return missing_;
    switch (col_->kind()) {
      case PropertyColumn::Kind::Int32:
      case PropertyColumn::Kind::Int64:
        return static_cast<double>(col_->intAt(e.rel));
      case PropertyColumn::Kind::Float:
        return col_->floatAt(e.rel);
      case PropertyColumn::Kind::Generic: {
        const Value& v = col_->genericAt(e.rel);
        if (v.type() == Value::Type::Int) return static_cast<double>(v.asInt());
        if (v.type() == Value::Type::Float) return v.asFloat();
        return missing_;
      }
      default:
        return missing_;
    }
  }
  friend double get(const RelWeightMap& m, const RelEdge& e) { return m[e]; }

 private:
  const PropertyColumn* col_;
  double missing_;
};

template <Direction D>
RelWeightMap relWeightMap(const TypedGraphView<D>& view, KeyId key, double missing = 0) {
  return RelWeightMap(view.graph(), key, missing);
}

}  // namespace silkgraph

namespace boost {

template <silkgraph::Direction D>
struct graph_traits<silkgraph::TypedGraphView<D>> {
  struct traversal_category : vertex_list_graph_tag,
                              bidirectional_graph_tag,
                              edge_list_graph_tag {};
  using vertex_descriptor = silkgraph::NodeId;
  using edge_descriptor = silkgraph::RelEdge;
  using directed_category =
      std::conditional_t<D == silkgraph::Direction::Both, undirected_tag, bidirectional_tag>;
  using edge_parallel_category = allow_parallel_edge_tag;
  using vertex_iterator = counting_iterator<silkgraph::NodeId>;
  using out_edge_iterator = silkgraph::boost_view::IncidentEdgeIterator;
  using in_edge_iterator = silkgraph::boost_view::IncidentEdgeIterator;
  using edge_iterator = silkgraph::boost_view::AllEdgeIterator;
  using adjacency_iterator = void;
  using vertices_size_type = size_t;
  using edges_size_type = size_t;
  using degree_size_type = size_t;
  static vertex_descriptor null_vertex() { return silkgraph::kInvalidId; }
};

// Some algorithms (brandes_betweenness_centrality) ask for the traits of the const graph.
template <silkgraph::Direction D>
struct graph_traits<const silkgraph::TypedGraphView<D>>
    : graph_traits<silkgraph::TypedGraphView<D>> {};

template <silkgraph::Direction D>
struct property_map<silkgraph::TypedGraphView<D>, vertex_index_t> {
  using type = typed_identity_property_map<silkgraph::NodeId>;
  using const_type = type;
};

}  // namespace boost

namespace silkgraph {

// ---- the free functions of the Boost.Graph concepts (found by argument-dependent lookup)

template <Direction D>
NodeId source(const RelEdge& e, const TypedGraphView<D>&) {
  return e.source;
}
template <Direction D>
NodeId target(const RelEdge& e, const TypedGraphView<D>&) {
  return e.target;
}

template <Direction D>
std::pair<boost::counting_iterator<NodeId>, boost::counting_iterator<NodeId>> vertices(
    const TypedGraphView<D>& g) {
  return {boost::counting_iterator<NodeId>(0),
          boost::counting_iterator<NodeId>(g.graph().nodeIdLimit())};
}
template <Direction D>
size_t num_vertices(const TypedGraphView<D>& g) {
  return g.graph().nodeIdLimit();
}

namespace boost_view {
// The engine direction scanned for the view's out-edges (incoming = false) or in-edges.
constexpr Direction scanDirection(Direction view, bool incoming) {
  if (view == Direction::Both) return Direction::Both;
  return (view == Direction::Out) != incoming ? Direction::Out : Direction::In;
}
template <Direction D>
std::pair<IncidentEdgeIterator, IncidentEdgeIterator> incident(const TypedGraphView<D>& g, NodeId v,
                                                               bool incoming) {
  AdjacencyCursor c(&g.storage(), &g.types(), v, scanDirection(D, incoming));
  return {IncidentEdgeIterator(c, v, incoming),
          IncidentEdgeIterator(AdjacencyCursor::end(), v, incoming)};
}
}  // namespace boost_view

template <Direction D>
std::pair<boost_view::IncidentEdgeIterator, boost_view::IncidentEdgeIterator> out_edges(
    NodeId v, const TypedGraphView<D>& g) {
  return boost_view::incident(g, v, false);
}
template <Direction D>
std::pair<boost_view::IncidentEdgeIterator, boost_view::IncidentEdgeIterator> in_edges(
    NodeId v, const TypedGraphView<D>& g) {
  return boost_view::incident(g, v, true);
}
template <Direction D>
size_t out_degree(NodeId v, const TypedGraphView<D>& g) {
  auto [b, e] = out_edges(v, g);
  return static_cast<size_t>(std::distance(b, e));
}
template <Direction D>
size_t in_degree(NodeId v, const TypedGraphView<D>& g) {
  auto [b, e] = in_edges(v, g);
  return static_cast<size_t>(std::distance(b, e));
}
// Undirected: the relationships at v (a self-loop once); directed: in plus out.
template <Direction D>
size_t degree(NodeId v, const TypedGraphView<D>& g) {
  return D == Direction::Both ? out_degree(v, g) : out_degree(v, g) + in_degree(v, g);
}

template <Direction D>
std::pair<boost_view::AllEdgeIterator, boost_view::AllEdgeIterator> edges(
    const TypedGraphView<D>& g) {
  const bool reversed = D == Direction::In;
  return {
      boost_view::AllEdgeIterator(&g.graph(), &g.typeMember(), 0, reversed),
      boost_view::AllEdgeIterator(&g.graph(), &g.typeMember(), g.graph().relIdLimit(), reversed)};
}
template <Direction D>
size_t num_edges(const TypedGraphView<D>& g) {
  size_t n = 0;
  for (TypeId t : g.types()) n += g.graph().typeCardinality(t);
  return n;
}

template <Direction D>
boost::typed_identity_property_map<NodeId> get(boost::vertex_index_t, const TypedGraphView<D>&) {
  return {};
}

template <Direction D>
NodeId get(boost::vertex_index_t, const TypedGraphView<D>&, NodeId v) {
  return v;
}

}  // namespace silkgraph
