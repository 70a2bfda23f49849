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
#include "engine/run_parts.h"

namespace silkgraph {

using namespace graph_ops;

namespace {

// The nodes [first, last) of part p of `parts` of the nodes [lo, hi).
std::pair<NodeId, NodeId> nodesOf(unsigned p, unsigned parts, NodeId lo, NodeId hi) {
  const auto [first, last] = rangeOf(p, parts, size_t{hi - lo});
  return {static_cast<NodeId>(lo + first), static_cast<NodeId>(lo + last)};
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

// counts[p][i] is how many entries of row i part p places; they become part p's cursors:
// row i's entries from part p follow those of the parts before it.
void cursorsFromCounts(std::vector<std::vector<uint32_t>>& counts, size_t first,
                       const MappedArray<uint32_t>& rowstart) {
  const size_t rows = rowstart.size() - 1;
  for (size_t i = 0; i < rows; ++i) {
    uint32_t at = rowstart[i];
    for (std::vector<uint32_t>& c : counts) {
      const uint32_t k = c[first + i];
      c[first + i] = at;
      at += k;
    }
  }
}

// placeBackward shared out by ranges of forward entries rather than by target node, when one
// pass fits the window: no test per entry of whose row it goes to (with two parts, a branch
// mispredicted every other entry), each part reading only its own range. Each part counts
// its entries per target first; the rows and their order are the same.
void placeBackwardByEntries(CsrGraph& csr, uint32_t nv, unsigned parts) {
  auto& fwd = csr.m_forward;
  auto& bwd = csr.m_backward;
  const NodeIds targets = fwd.m_column.view();
  const size_t entries = fwd.m_rowstart[nv];
  std::vector<std::vector<uint32_t>> next(parts);
  runParts(parts, [&](unsigned p) {
    next[p].assign(nv, 0);
    const auto [lo, hi] = rangeOf(p, parts, entries);
    for (size_t e = lo; e < hi; ++e) ++next[p][targets[e]];
  });
  cursorsFromCounts(next, 0, bwd.m_rowstart);
  runParts(parts, [&](unsigned p) {
    const auto [lo, hi] = rangeOf(p, parts, entries);
    if (lo == hi) return;
    // The source of entry lo: the last node whose row starts at or before it.
    const auto* rows = fwd.m_rowstart.data();
    auto u = static_cast<uint32_t>(std::upper_bound(rows, rows + nv + 1, lo) - rows - 1);
    uint32_t* cursor = next[p].data();
    for (size_t e = lo; e < hi; ++e) {
      while (rows[u + 1] <= e) ++u;
      const uint32_t b = cursor[targets[e]]++;
      bwd.m_column.set(b, u);
      bwd.m_edge_properties[b] = fwd.m_edge_properties[e].rel;
    }
  });
}

// Per-part counts of a compaction shared out by ranges of relationship ids: out[p] and in[p]
// hold, at type * nv + node, how many live relationships of part p's range leave and enter
// the node. Returns the live relationships per type.
std::vector<size_t> countByRanges(const GraphImpl& g, unsigned parts,
                                  std::vector<std::vector<uint32_t>>& out,
                                  std::vector<std::vector<uint32_t>>& in) {
  const size_t types = g.topo.size(), nv = g.nodeLimit, rels = g.relTypes.size();
  out.resize(parts);
  in.resize(parts);
  runParts(parts, [&](unsigned p) {
    out[p].assign(types * nv, 0);
    in[p].assign(types * nv, 0);
    uint32_t* o = out[p].data();
    uint32_t* i = in[p].data();
    const auto [lo, hi] = rangeOf(p, parts, rels);
    for (size_t r = lo; r < hi; ++r) {
      if (!g.relAliveAt(static_cast<RelId>(r))) continue;
      const size_t base = size_t{g.relTypes[r]} * nv;
      ++o[base + g.relSrc[r]];
      ++i[base + g.relDst[r]];
    }
  });
  std::vector<size_t> liveOf(types, 0);
  for (size_t t = 0; t < types; ++t)
    for (const std::vector<uint32_t>& c : out)
      for (size_t u = 0; u < nv; ++u) liveOf[t] += c[t * nv + u];
  return liveOf;
}

// Forward rows placed by ranges of relationship ids, from countByRanges' forward counts
// (which become the parts' cursors).
void placeForwardByRanges(const GraphImpl& g, const std::vector<TypeTopology*>& tps,
                          const std::vector<size_t>& liveOf, unsigned parts,
                          std::vector<std::vector<uint32_t>>& counts) {
  const size_t nv = g.nodeLimit, rels = g.relTypes.size();
  for (size_t t = 0; t < tps.size(); ++t)
    if (liveOf[t] != 0) cursorsFromCounts(counts, t * nv, tps[t]->csr.m_forward.m_rowstart);
  runParts(parts, [&](unsigned p) {
    uint32_t* cursor = counts[p].data();
    const auto [lo, hi] = rangeOf(p, parts, rels);
    for (size_t r = lo; r < hi; ++r) {
      if (!g.relAliveAt(static_cast<RelId>(r))) continue;
      const TypeId t = g.relTypes[r];
      auto& fwd = tps[t]->csr.m_forward;
      const uint32_t e = cursor[size_t{t} * nv + g.relSrc[r]]++;
      fwd.m_column.set(e, g.relDst[r]);
      fwd.m_edge_properties[e] = CsrEdge{static_cast<RelId>(r)};
    }
  });
}

// Forward rows placed by ranges of nodes, in passes whose rows fit the window: every part
// reads all the relationships and places those of its nodes.
void placeForwardByNodes(const GraphImpl& g, const std::vector<TypeTopology*>& tps,
                         const std::vector<size_t>& liveOf, unsigned parts, size_t entryBytes,
                         size_t window) {
  const uint32_t nv = g.nodeLimit;
  const size_t rels = g.relTypes.size();
  std::vector<std::vector<uint32_t>> next(tps.size());
  std::vector<const MappedArray<uint32_t>*> rows;
  for (size_t t = 0; t < tps.size(); ++t) {
    if (liveOf[t] == 0) continue;
    const auto& starts = tps[t]->csr.m_forward.m_rowstart;
    next[t].assign(starts.begin(), starts.end() - 1);
    rows.push_back(&starts);
  }
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
  // With several threads, each pass below is shared out between them (more threads than
  // cores would only wait for each other), with the same rows as one thread makes.
  const unsigned parts =
      rels < 16384 ? 1u : std::max(1u, std::min(threads, std::thread::hardware_concurrency()));
  // The placement passes write rows at random: past `silkgraph build --memory` they run once
  // per range of nodes whose rows fit the random window (common/spill.h), each reading the
  // relationships (or the forward rows) in order and writing only its range's rows.
  const size_t window = huge_pages::randomWindow();
  const size_t entryBytes = (nv > size_t{UINT16_MAX} + 1 ? 4 : 2) + sizeof(RelId);
  // When one pass fits the window and a count per (type, node) for each part is small beside
  // the relationships, the threads share the relationships by ranges of ids: each counts its
  // own range's entries of every row and places them after those of the ranges before it.
  // Otherwise they share them by node: each reads all and places those of its nodes.
  const size_t countWords = types * size_t{nv};  // per part and direction
  const bool byRanges = parts >= 2 && rels * entryBytes <= window &&
                        countWords * 2 * parts * sizeof(uint32_t) <= rels * sizeof(RelId);
  std::vector<std::vector<uint32_t>> outCounts, inCounts;  // by part: [type * nv + node]
  std::vector<size_t> liveOf(types, 0);
  if (byRanges) {
    liveOf = countByRanges(g, parts, outCounts, inCounts);
  } else {
    for (size_t r = 0; r < rels; ++r)
      if (g.relAliveAt(static_cast<RelId>(r))) ++liveOf[g.relTypes[r]];
  }
  for (size_t t = 0; t < types; ++t) {
    if (liveOf[t] == 0) continue;
    TypeTopology& tp = *tps[t];
    tp.csr = CsrGraph(nv);
    tp.csrVertices = nv;
    // Every entry is written once by the placement passes below, by the thread that places
    // it: no pass of zeros first (a serial first touch of every page).
    tp.csr.m_forward.m_column.resizeForOverwrite(liveOf[t], nv);  // 16 bits if ids allow
    tp.csr.m_forward.m_edge_properties.resizeForOverwrite(liveOf[t]);
    tp.csr.m_backward.m_column.resizeForOverwrite(liveOf[t], nv);
    tp.csr.m_backward.m_edge_properties.resizeForOverwrite(liveOf[t]);
  }
  // Row starts: counts shifted by one, then prefix sums.
  if (byRanges) {
    for (size_t t = 0; t < types; ++t) {
      if (liveOf[t] == 0) continue;
      CsrGraph& csr = tps[t]->csr;
      for (unsigned p = 0; p < parts; ++p)
        for (size_t u = 0; u < nv; ++u) {
          csr.m_forward.m_rowstart[u + 1] += outCounts[p][t * nv + u];
          csr.m_backward.m_rowstart[u + 1] += inCounts[p][t * nv + u];
        }
    }
    inCounts.clear();
  } else {
    // Forward and backward counted side by side.
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
  }
  for (size_t t = 0; t < types; ++t) {
    if (liveOf[t] == 0) continue;
    CsrGraph& csr = tps[t]->csr;
    for (auto* rows : {&csr.m_forward.m_rowstart, &csr.m_backward.m_rowstart})
      for (size_t i = 1; i < rows->size(); ++i) (*rows)[i] += (*rows)[i - 1];
    SG_ASSERT(csr.m_forward.m_rowstart.back() == liveOf[t] &&
                  csr.m_backward.m_rowstart.back() == liveOf[t],
              "every live relationship of the type has one slot in each direction's rows");
  }
  // Forward: each relationship into its source's row, in id order.
  if (byRanges) {
    placeForwardByRanges(g, tps, liveOf, parts, outCounts);
    outCounts.clear();
  } else {
    placeForwardByNodes(g, tps, liveOf, parts, entryBytes, window);
  }
  // Backward (placeBackward), type by type.
  for (size_t t = 0; t < types; ++t) {
    if (liveOf[t] == 0) continue;
    if (byRanges && liveOf[t] >= 16384)
      placeBackwardByEntries(tps[t]->csr, nv, parts);
    else
      placeBackward(tps[t]->csr, nv, liveOf[t] < 16384 ? 1u : parts, entryBytes, window);
  }
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
