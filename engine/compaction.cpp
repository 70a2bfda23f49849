// Graph::compact(): folds the topology delta into one CSR per relationship type, by counting
// sort over the relationship arrays (docs/storage.md), shared out by node between threads and,
// past the build's memory budget, between passes.
#include <algorithm>
#include <system_error>
#include <thread>
#include <vector>

#include "common/assert.h"
#include "common/spill.h"
#include "engine/distinct_rows.h"
#include "engine/graph_ops.h"

namespace silkgraph {

using namespace graph_ops;

namespace {

// Runs part(p) for each p below `parts`, each on a thread of its own (part 0 on the caller's).
template <typename Part>
void runParts(unsigned parts, const Part& part) {
  std::vector<std::thread> others;
  unsigned started = 1;
  try {
    for (; started < parts; ++started) others.emplace_back([&part, p = started] { part(p); });
  } catch (const std::system_error&) {  // no more threads: the caller does the rest
  }
  part(0);
  for (unsigned p = started; p < parts; ++p) part(p);
  for (std::thread& t : others) t.join();
}

// The nodes [first, last) of part p of `parts` of the nodes [lo, hi).
std::pair<NodeId, NodeId> nodesOf(unsigned p, unsigned parts, NodeId lo, NodeId hi) {
  return {static_cast<NodeId>(lo + uint64_t{hi - lo} * p / parts),
          static_cast<NodeId>(lo + uint64_t{hi - lo} * (p + 1) / parts)};
}

// The placement passes' ranges of nodes, cuts[k] to cuts[k + 1]: each range's rows (summed
// over `rows`, row starts) hold at most `window` bytes at `entryBytes` an entry, so the
// entries a pass writes at random fit the window (common/spill.h, randomWindow); a node whose
// rows alone hold more is a range of its own (its rows are written in order). One range, all
// the nodes, when the window holds every row.
std::vector<NodeId> passCuts(const std::vector<const MappedArray<uint32_t>*>& rows, uint32_t nv,
                             size_t entryBytes, size_t window) {
  size_t total = 0;
  for (const auto* r : rows) total += r->back();
  if (total <= window / entryBytes) return {0, nv};
  const size_t cap = std::max<size_t>(1, window / entryBytes);
  std::vector<NodeId> cuts{0};
  size_t inRange = 0;
  for (uint32_t u = 0; u < nv; ++u) {
    size_t here = 0;
    for (const auto* r : rows) here += (*r)[u + 1] - (*r)[u];
    if (inRange != 0 && inRange + here > cap) {
      cuts.push_back(u);
      inRange = 0;
    }
    inRange += here;
  }
  cuts.push_back(nv);
  return cuts;
}

// Type csr's backward rows from its forward rows: each forward edge into its target's row, in
// forward edge order, with its relationship id (not boost's forward edge index: an incoming
// scan reads it directly). Shared out by target node between `parts` threads, in passes
// (passCuts) past the window.
void placeBackward(CsrGraph& csr, uint32_t nv, unsigned parts, size_t entryBytes, size_t window) {
  auto& fwd = csr.m_forward;
  auto& bwd = csr.m_backward;
  std::vector<uint32_t> next(bwd.m_rowstart.begin(), bwd.m_rowstart.end() - 1);
  const NodeIds targets = fwd.m_column.view();
  const std::vector<NodeId> cuts = passCuts({&bwd.m_rowstart}, nv, entryBytes, window);
  for (size_t k = 0; k + 1 < cuts.size(); ++k)
    runParts(parts, [&](unsigned p) {
      const auto [first, last] = nodesOf(p, parts, cuts[k], cuts[k + 1]);
      for (uint32_t u = 0; u < nv; ++u)
        for (uint32_t e = fwd.m_rowstart[u], end = fwd.m_rowstart[u + 1]; e < end; ++e) {
          const NodeId v = targets[e];
          if (v < first || v >= last) continue;
          uint32_t b = next[v]++;
          bwd.m_column.set(b, u);
          bwd.m_edge_properties[b] = fwd.m_edge_properties[e].rel;
        }
    });
}

}  // namespace

void Graph::compact(unsigned threads) {
  GraphImpl& g = *impl_;
  if (g.inTx) fail(ErrorKind::InternalError, "compact() cannot run inside a transaction");
  g.needRels();
  const size_t types = g.topo.size();
  const uint32_t nv = g.nodeLimit;
  const size_t rels = g.relTypes.size();
  // The new topology is built from relSrc/relDst/relTypes alone, so the old one and the
  // delta go first (lower peak memory), and the CSR arrays are filled in place by counting
  // sort: one pass counts per (type, source) and (type, target), one places the edges. The
  // layout is what boost's edges_are_unsorted_multi_pass constructor builds (forward rows in
  // relationship id order, backward rows in forward edge order), except that a backward
  // entry holds the relationship id instead of the forward edge's index.
  std::vector<TypeTopology*> tps(types);
  for (size_t t = 0; t < types; ++t) {
    TypeTopology& tp = g.topo[t];
    tps[t] = &tp;
    {
      CsrGraph empty;
      std::swap(tp.csr, empty);
    }
    tp.distinct[0] = DistinctRows();
    tp.distinct[1] = DistinctRows();
    tp.deltaOut = {};
    tp.deltaIn = {};
    tp.deltaRels = 0;
    tp.csrDeleted = 0;
    tp.csrVertices = 0;
  }
  std::vector<size_t> liveOf(types, 0);
  for (size_t r = 0; r < rels; ++r)
    if (g.relAliveAt(static_cast<RelId>(r))) ++liveOf[g.relTypes[r]];
  for (size_t t = 0; t < types; ++t) {
    if (liveOf[t] == 0) continue;
    TypeTopology& tp = *tps[t];
    tp.csr = CsrGraph(nv);
    tp.csrVertices = nv;
    tp.csr.m_forward.m_column.resizeFor(liveOf[t], nv);  // 16 bits while the node ids allow
    tp.csr.m_forward.m_edge_properties.resize(liveOf[t]);
    tp.csr.m_backward.m_column.resizeFor(liveOf[t], nv);
    tp.csr.m_backward.m_edge_properties.resize(liveOf[t]);
  }
  // With several threads, each pass below is shared out by node: every thread reads all the
  // relationships and writes the rows of its own nodes, so the rows are the same.
  // (More threads than cores would read the relationships more often for nothing.)
  const unsigned parts =
      rels < 16384 ? 1u : std::max(1u, std::min(threads, std::thread::hardware_concurrency()));
  // Row starts: counts shifted by one (forward and backward counted side by side), then
  // prefix sums.
  auto count = [&](bool forward, bool backward) {
    for (size_t r = 0; r < rels; ++r) {
      if (!g.relAliveAt(static_cast<RelId>(r))) continue;
      CsrGraph& csr = tps[g.relTypes[r]]->csr;
      if (forward) ++csr.m_forward.m_rowstart[g.relSrc[r] + 1];
      if (backward) ++csr.m_backward.m_rowstart[g.relDst[r] + 1];
    }
  };
  if (parts >= 2)
    runParts(2, [&](unsigned p) { count(p == 0, p == 1); });
  else
    count(true, true);
  for (size_t t = 0; t < types; ++t) {
    if (liveOf[t] == 0) continue;
    CsrGraph& csr = tps[t]->csr;
    for (auto* rows : {&csr.m_forward.m_rowstart, &csr.m_backward.m_rowstart})
      for (size_t i = 1; i < rows->size(); ++i) (*rows)[i] += (*rows)[i - 1];
    SG_ASSERT(csr.m_forward.m_rowstart.back() == liveOf[t] &&
                  csr.m_backward.m_rowstart.back() == liveOf[t],
              "every live relationship of the type has one slot in each direction's rows");
  }
  // The placement passes write rows at random: past `silkgraph build --memory` they run once
  // per range of nodes whose rows fit the random window (common/spill.h), each reading the
  // relationships (or the forward rows) in order and writing only its range's rows.
  const size_t window = huge_pages::randomWindow();
  const size_t entryBytes = (nv > size_t{UINT16_MAX} + 1 ? 4 : 2) + sizeof(RelId);
  // Forward: each relationship into its source's row, in id order.
  {
    std::vector<std::vector<uint32_t>> next(types);
    for (size_t t = 0; t < types; ++t)
      if (liveOf[t] != 0)
        next[t].assign(tps[t]->csr.m_forward.m_rowstart.begin(),
                       tps[t]->csr.m_forward.m_rowstart.end() - 1);
    std::vector<const MappedArray<uint32_t>*> rows;
    for (size_t t = 0; t < types; ++t)
      if (liveOf[t] != 0) rows.push_back(&tps[t]->csr.m_forward.m_rowstart);
    const std::vector<NodeId> cuts = passCuts(rows, nv, entryBytes, window);
    for (size_t k = 0; k + 1 < cuts.size(); ++k)
      runParts(parts, [&](unsigned p) {
        const auto [first, last] = nodesOf(p, parts, cuts[k], cuts[k + 1]);
        for (size_t r = 0; r < rels; ++r) {
          const NodeId u = g.relSrc[r];
          if (u < first || u >= last || !g.relAliveAt(static_cast<RelId>(r))) continue;
          TypeId t = g.relTypes[r];
          auto& fwd = tps[t]->csr.m_forward;
          uint32_t e = next[t][u]++;
          fwd.m_column.set(e, g.relDst[r]);
          fwd.m_edge_properties[e] = CsrEdge{static_cast<RelId>(r)};
        }
      });
  }
  // Backward (placeBackward), type by type.
  for (size_t t = 0; t < types; ++t)
    if (liveOf[t] != 0)
      placeBackward(tps[t]->csr, nv, liveOf[t] < 16384 ? 1u : parts, entryBytes, window);
  g.compactedRelLimit = static_cast<RelId>(rels);
  g.relSrc.narrowIfFits();
  g.relDst.narrowIfFits();
  g.relSrc.shrinkIfWasteful();
  g.relDst.shrinkIfWasteful();
  shrinkIfWasteful(g.relTypes);
  shrinkIfWasteful(g.relDead);
  for (auto& c : g.relCols) c.shrink();
  for (auto& c : g.nodeCols) c.shrink();
  for (size_t t = 0; t < types; ++t)
    if (!g.topo[t].order.keys.empty()) sortAdjacency(g, static_cast<TypeId>(t), threads);
  // Distinct neighbours of the rows as sorted, both directions side by side.
  for (size_t t = 0; t < types; ++t) {
    if (liveOf[t] == 0) continue;
    auto build = [&](unsigned p) {
      buildDistinctRows(g, static_cast<TypeId>(t), p == 0 ? Direction::Out : Direction::In);
    };
    if (parts >= 2 && liveOf[t] >= 16384) {
      runParts(2, build);
    } else {
      build(0);
      build(1);
    }
  }
  // The rows' order changed: what read statements derived from it (Graph::derivedData, such
  // as --why's summaries of adjacency rows) is stale.
  ++g.writes;
}

}  // namespace silkgraph
