// GraphView: the read-only face of the storage for the query engine's hot loops. Inline and
// zero-copy: spans over the relationship arrays, property columns and CSR row starts, the
// string dictionary, the adjacency orders, and the templated adjacency scans. Obtained with
// Graph::view(); valid while the graph lives (spans until the next write that grows an array).
#pragma once

#include <cstdint>
#include <span>

#include "engine/graph.h"
#include "engine/graph_impl.h"

namespace silkgraph {

class GraphView {
 public:
  explicit GraphView(const GraphImpl& g) : g_(&g) {}

  // ---- nodes and relationships
  bool nodeAlive(NodeId n) const { return g_->nodeAliveAt(n); }
  bool relAlive(RelId r) const {
    g_->needRels();
    return g_->relAliveAt(r);
  }
  // By relationship id, below Graph::relIdLimit(); deleted ones included (see relDeadBits).
  // Each call that hands out relationship data runs the deferred checks of a graph just opened
  // from a file (GraphImpl::needRels) on its first use.
  NodeIds relSources() const {
    g_->needRels();
    return g_->relSrc.view();
  }
  NodeIds relTargets() const {
    g_->needRels();
    return g_->relDst.view();
  }
  std::span<const TypeId> relTypes() const {
    g_->needRels();
    return g_->relTypes;
  }
  // Bit r set: relationship r is deleted.
  std::span<const uint64_t> relDeadBits() const {
    g_->needRels();
    return g_->relDead;
  }

  // ---- properties: one column per key id (a key may have no column yet)
  std::span<const PropertyColumn> nodeColumns() const { return g_->nodeCols; }
  std::span<const PropertyColumn> relColumns() const {
    g_->needRels();
    return g_->relCols;
  }
  const StringDictionary& strings() const { return g_->strings; }

  // ---- topology
  // Whether type t has relationships outside its compressed rows (made since the last
  // compaction): an adjacency visit then also walks them, in no order.
  bool hasDelta(TypeId t) const { return t < g_->topo.size() && g_->topo[t].deltaRels != 0; }
  // Nodes known to type t's compressed rows (ids at or above have only delta entries).
  uint32_t csrVertices(TypeId t) const { return t < g_->topo.size() ? g_->topo[t].csrVertices : 0; }
  // Row starts of type t's compressed rows: Out the outgoing rows, In the incoming ones
  // (node n's row is [rows[n], rows[n + 1]) for n < csrVertices(t)).
  std::span<const uint32_t> rowStarts(TypeId t, Direction dir) const {
    g_->needRels();
    const TypeTopology& tp = g_->topo[t];
    return dir == Direction::Out ? std::span<const uint32_t>(tp.csr.m_forward.m_rowstart)
                                 : std::span<const uint32_t>(tp.csr.m_backward.m_rowstart);
  }
  // Number of adjacency entries a scan of n would visit (deleted relationships included).
  size_t adjacencySize(NodeId n, Direction dir, TypeId t) const {
    if (t == kNoType) {
      size_t d = 0;
      for (size_t i = 0; i < g_->topo.size(); ++i)
        d += adjacencySize(n, dir, static_cast<TypeId>(i));
      return d;
    }
    if (t >= g_->topo.size()) return 0;
    const TypeTopology& tp = g_->topo[t];
    if (tp.live == 0) return 0;
    g_->needRels();
    size_t d = 0;
    if (n < tp.csrVertices) {
      if (dir != Direction::In)
        d += tp.csr.m_forward.m_rowstart[n + 1] - tp.csr.m_forward.m_rowstart[n];
      if (dir != Direction::Out)
        d += tp.csr.m_backward.m_rowstart[n + 1] - tp.csr.m_backward.m_rowstart[n];
    }
    if (tp.deltaRels != 0) {
      if (dir != Direction::In) {
        auto it = tp.deltaOut.find(n);
        if (it != tp.deltaOut.end()) d += it->second.size();
      }
      if (dir != Direction::Out) {
        auto it = tp.deltaIn.find(n);
        if (it != tp.deltaIn.end()) d += it->second.size();
      }
    }
    return d;
  }

  // ---- adjacency order (Graph::setAdjacencyOrder)
  const AdjacencyOrder& orderOf(TypeId t) const { return g_->topo[t].order; }
  bool orderUsable(TypeId t) const { return g_->orderUsable(t); }

  // ---- adjacency scans (GraphImpl::visitType, visitTypeRange): f(rel, other) returns false
  // to stop (or nothing); false when stopped.
  template <typename F>
  bool visitType(NodeId n, Direction dir, TypeId t, F& f) const {
    return g_->visitType(n, dir, t, f);
  }
  template <typename F>
  bool visitTypeRange(NodeId n, Direction dir, TypeId t, uint64_t lo, uint64_t hi, F& f) const {
    return g_->visitTypeRange(n, dir, t, lo, hi, f);
  }
  // Each neighbour once (engine/distinct_rows.h), where distinctUsable(t, dir).
  bool distinctUsable(TypeId t, Direction dir) const { return g_->distinctUsable(t, dir); }
  template <typename F>
  bool visitTypeDistinct(NodeId n, Direction dir, TypeId t, F& f) const {
    return g_->visitTypeDistinct(n, dir, t, f);
  }

 private:
  const GraphImpl* g_;
};

inline GraphView Graph::view() const {
  return GraphView(*impl_);
}

}  // namespace silkgraph
