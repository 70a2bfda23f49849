// The compressed rows of a projection's types, read in place, as a Boost.Graph
// (IncidenceGraph + VertexListGraph): the fast path of the algorithms whose speed the
// benchmark measures (issue 12). The storage's own Boost view (engine/boost_graph_view.h)
// handles every case (delta lists, deletions, both directions) with a cursor per vertex; when
// the rows hold exactly what that view's out_edges() gives, in the same order (no nodeLabels,
// a one-way direction, no relationship of a chosen type created or deleted since the last
// compaction), an out-edge here is a position in a row: no liveness, phase or direction test
// per relationship, and an iterator small enough for Boost's depth-first stacks. Nothing is
// copied.
#pragma once

#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>
#include <optional>
#include <vector>

#include "procedures/algo_projection.h"

namespace silkgraph::algo {

class CompactRows {
 public:
  struct Row {
    const uint32_t* start;
    const NodeId* other;
    const CsrEdge* forwardRels;    // Out: the forward rows' relationships
    const uint32_t* backwardRels;  // In: the backward rows' relationship ids (graph_impl.h)
    uint32_t vertices;
  };

  // The rows of p in direction D (Out or In), or nothing when they differ from the view.
  template <Direction D>
  static std::optional<CompactRows> of(const Projection& p) {
    static_assert(D != Direction::Both);
    if (p.filtered || p.view != nullptr) return std::nullopt;
    TypedGraphView<D> view(*p.graph, p.types);  // the view's type order is out_edges()'s
    const GraphImpl& g = view.storage();
    CompactRows rows;
    rows.vertices_ = p.graph->nodeIdLimit();
    for (TypeId t : view.types()) {
      if (t >= g.topo.size()) continue;
      const TypeTopology& tp = g.topo[t];
      if (tp.csrDeleted > 0 || tp.deltaRels > 0) return std::nullopt;
      Row r{nullptr, nullptr, nullptr, nullptr, tp.csrVertices};
      if constexpr (D == Direction::Out) {
        const auto& fwd = tp.csr.m_forward;
        r.start = fwd.m_rowstart.data();
        r.other = fwd.m_column.data();
        r.forwardRels = fwd.m_edge_properties.data();
      } else {
        const auto& bwd = tp.csr.m_backward;
        r.start = bwd.m_rowstart.data();
        r.other = bwd.m_column.data();
        r.backwardRels = bwd.m_edge_properties.data();
      }
      if (r.vertices > 0) rows.rows_.push_back(r);
    }
    return rows;
  }

  // Calls f(other end, relationship) for each relationship of u.
  template <class F>
  void forEach(NodeId u, F&& f) const {
    for (const Row& r : rows_) {
      if (u >= r.vertices) continue;
      for (uint32_t i = r.start[u], end = r.start[u + 1]; i < end; ++i)
        f(r.other[i], r.forwardRels ? r.forwardRels[i].rel : r.backwardRels[i]);
    }
  }

  const std::vector<Row>& rows() const { return rows_; }
  size_t vertexCount() const { return vertices_; }

 private:
  std::vector<Row> rows_;
  size_t vertices_ = 0;
};

// An out-edge: the row and position it was read at, with both ends.
struct CompactEdge {
  NodeId source = kInvalidId;
  NodeId target = kInvalidId;
  uint32_t row = 0, pos = 0;
  bool operator==(const CompactEdge&) const = default;
};

// The out-edges of one vertex, row after row.
class CompactEdgeIterator : public boost::iterator_facade<CompactEdgeIterator, CompactEdge,
                                                          std::forward_iterator_tag, CompactEdge> {
 public:
  CompactEdgeIterator() = default;
  // The first out-edge of u at or after row r (r == rows.size(): the end).
  CompactEdgeIterator(const CompactRows* g, NodeId u, uint32_t r) : g_(g), u_(u), r_(r) {
    if (r_ < g_->rows().size()) open();
  }

 private:
  friend class boost::iterator_core_access;
  CompactEdge dereference() const { return CompactEdge{u_, g_->rows()[r_].other[pos_], r_, pos_}; }
  bool equal(const CompactEdgeIterator& o) const { return r_ == o.r_ && pos_ == o.pos_; }
  void increment() {
    if (++pos_ == end_) {
      ++r_;
      open();
    }
  }
  // Moves to the first non-empty row from r_ on, or to the end.
  void open() {
    const auto& rows = g_->rows();
    for (; r_ < rows.size(); ++r_) {
      const CompactRows::Row& row = rows[r_];
      if (u_ >= row.vertices) continue;
      pos_ = row.start[u_];
      end_ = row.start[u_ + 1];
      if (pos_ < end_) return;
    }
    r_ = static_cast<uint32_t>(rows.size());
    pos_ = end_ = 0;
  }

  const CompactRows* g_ = nullptr;
  NodeId u_ = kInvalidId;
  uint32_t r_ = 0, pos_ = 0, end_ = 0;
};

inline NodeId source(const CompactEdge& e, const CompactRows&) {
  return e.source;
}
inline NodeId target(const CompactEdge& e, const CompactRows&) {
  return e.target;
}
inline std::pair<CompactEdgeIterator, CompactEdgeIterator> out_edges(NodeId u,
                                                                     const CompactRows& g) {
  const auto end = static_cast<uint32_t>(g.rows().size());
  return {CompactEdgeIterator(&g, u, 0), CompactEdgeIterator(&g, u, end)};
}
inline size_t out_degree(NodeId u, const CompactRows& g) {
  size_t n = 0;
  for (const CompactRows::Row& r : g.rows())
    if (u < r.vertices) n += r.start[u + 1] - r.start[u];
  return n;
}
inline std::pair<boost::counting_iterator<NodeId>, boost::counting_iterator<NodeId>> vertices(
    const CompactRows& g) {
  return {boost::counting_iterator<NodeId>(0),
          boost::counting_iterator<NodeId>(static_cast<NodeId>(g.vertexCount()))};
}
inline size_t num_vertices(const CompactRows& g) {
  return g.vertexCount();
}
inline boost::typed_identity_property_map<NodeId> get(boost::vertex_index_t, const CompactRows&) {
  return {};
}

}  // namespace silkgraph::algo

namespace boost {

template <>
struct graph_traits<silkgraph::algo::CompactRows> {
  struct traversal_category : vertex_list_graph_tag, incidence_graph_tag {};
  using vertex_descriptor = silkgraph::NodeId;
  using edge_descriptor = silkgraph::algo::CompactEdge;
  using directed_category = directed_tag;
  using edge_parallel_category = allow_parallel_edge_tag;
  using vertex_iterator = counting_iterator<silkgraph::NodeId>;
  using out_edge_iterator = silkgraph::algo::CompactEdgeIterator;
  using in_edge_iterator = void;
  using edge_iterator = void;
  using adjacency_iterator = void;
  using vertices_size_type = size_t;
  using edges_size_type = size_t;
  using degree_size_type = size_t;
  static vertex_descriptor null_vertex() { return silkgraph::kInvalidId; }
};
template <>
struct graph_traits<const silkgraph::algo::CompactRows>
    : graph_traits<silkgraph::algo::CompactRows> {};

template <>
struct property_map<silkgraph::algo::CompactRows, vertex_index_t> {
  using type = typed_identity_property_map<silkgraph::NodeId>;
  using const_type = type;
};

}  // namespace boost
