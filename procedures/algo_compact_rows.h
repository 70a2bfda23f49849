// The compressed rows of a projection's types, read in place: the fast path of the algorithms
// whose speed the benchmark measures (issue 12). The storage's own Boost view
// (engine/boost_graph_view.h) handles every case (delta lists, deletions, both directions) with
// a cursor per vertex; when the rows hold exactly what that view's out_edges() gives, in the
// same order (no nodeLabels, a one-way direction, no relationship of a chosen type created or
// deleted since the last compaction), an algorithm reads a node's relationships as positions
// in its rows: no liveness, phase or direction test per relationship. Nothing is copied.
#pragma once

#include <optional>
#include <vector>

#include "procedures/algo_projection.h"

namespace silkgraph::algo {

class CompactRows {
 public:
  struct Row {
    const uint32_t* start;
    NodeIds other;                 // 16 or 32 bits (engine/node_id_column.h)
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
      Row r{nullptr, NodeIds(), nullptr, nullptr, tp.csrVertices};
      if constexpr (D == Direction::Out) {
        const auto& fwd = tp.csr.m_forward;
        r.start = fwd.m_rowstart.data();
        r.other = fwd.m_column.view();
        r.forwardRels = fwd.m_edge_properties.data();
      } else {
        const auto& bwd = tp.csr.m_backward;
        r.start = bwd.m_rowstart.data();
        r.other = bwd.m_column.view();
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

// The relationships of u in the rows.
inline size_t out_degree(NodeId u, const CompactRows& g) {
  size_t n = 0;
  for (const CompactRows::Row& r : g.rows())
    if (u < r.vertices) n += r.start[u + 1] - r.start[u];
  return n;
}

}  // namespace silkgraph::algo
