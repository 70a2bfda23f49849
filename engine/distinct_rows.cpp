// Distinct neighbours of a type's compressed rows (engine/distinct_rows.h).
#include "engine/distinct_rows.h"

#include <vector>

namespace silkgraph {

namespace {

struct RowsOf {
  const MappedArray<uint32_t>& rows;
  NodeIds others;
  const RelId* rels;
};

RowsOf rowsOf(const TypeTopology& tp, Direction dir) {
  if (dir == Direction::Out) {
    static_assert(sizeof(CsrEdge) == sizeof(RelId));
    return {tp.csr.m_forward.m_rowstart, tp.csr.m_forward.m_column.view(),
            reinterpret_cast<const RelId*>(tp.csr.m_forward.m_edge_properties.data())};
  }
  return {tp.csr.m_backward.m_rowstart, tp.csr.m_backward.m_column.view(),
          tp.csr.m_backward.m_edge_properties.data()};
}

}  // namespace

void buildDistinctRows(GraphImpl& g, TypeId t, Direction dir) {
  TypeTopology& tp = g.topo[t];
  DistinctRows& d = tp.distinct[dir == Direction::In];
  d = DistinctRows();
  const uint32_t nv = tp.csrVertices;
  if (nv == 0) return;
  const RowsOf r = rowsOf(tp, dir);
  const size_t limit = r.others.size() / kDistinctMinParallel;
  if (limit == 0) return;
  // stamp[v] == n + 1: v is already listed in node n's row (one pass, nothing to reset).
  std::vector<uint32_t> stamp(nv, 0);
  DistinctRows built;
  built.rowstart.resize(size_t{nv} + 1);
  for (uint32_t n = 0; n < nv; ++n) {
    built.rowstart[n] = static_cast<uint32_t>(built.column.size());
    for (uint32_t e = r.rows[n], end = r.rows[n + 1]; e < end; ++e) {
      const NodeId v = r.others[e];
      if (stamp[v] == n + 1) continue;
      stamp[v] = n + 1;
      if (built.column.size() == limit) return;  // too few parallel relationships to pay
      built.column.push_back(v);
      built.rel.push_back(r.rels[e]);
    }
  }
  built.rowstart[nv] = static_cast<uint32_t>(built.column.size());
  built.column.shrink_to_fit();
  built.rel.shrink_to_fit();
  d = std::move(built);
}

std::string checkDistinctRows(const GraphImpl& g, TypeId t, Direction dir) {
  const TypeTopology& tp = g.topo[t];
  const DistinctRows& d = tp.distinct[dir == Direction::In];
  if (!d.built()) return {};
  const uint32_t nv = tp.csrVertices;
  const RowsOf r = rowsOf(tp, dir);
  const std::string which = std::string(dir == Direction::In ? "incoming" : "outgoing") +
                            " distinct neighbours of type #" + std::to_string(t);
  if (d.rowstart.size() != size_t{nv} + 1 || d.rowstart.front() != 0 ||
      d.rowstart.back() != d.column.size() || d.rel.size() != d.column.size())
    return which + " disagree with the type's rows";
  std::vector<uint32_t> stamp(nv, 0);
  for (uint32_t n = 0; n < nv; ++n) {
    uint32_t k = d.rowstart[n];
    const uint32_t kEnd = d.rowstart[n + 1];
    if (kEnd < k || kEnd > d.column.size()) return which + " are not in row order";
    for (uint32_t e = r.rows[n], end = r.rows[n + 1]; e < end; ++e) {
      const NodeId v = r.others[e];
      if (stamp[v] == n + 1) continue;
      stamp[v] = n + 1;
      if (k == kEnd || d.column[k] != v || d.rel[k] != r.rels[e])
        return which + " disagree with node " + std::to_string(n) + "'s row";
      ++k;
    }
    if (k != kEnd)
      return which + " list a node that node " + std::to_string(n) + "'s row does not reach";
  }
  return {};
}

}  // namespace silkgraph
