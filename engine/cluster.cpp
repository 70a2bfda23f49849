// Graph::clusterRelationships: renumbers a relationship type's relationships in the order of
// its compressed rows in one direction, so that the properties of a row's consecutive entries
// lie side by side in their columns (docs/storage.md, "Clustered relationships").
#include <algorithm>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "common/spill.h"
#include "engine/distinct_rows.h"
#include "engine/graph_ops.h"

namespace silkgraph {

using namespace graph_ops;

namespace {

// Relationship ids are below 2^32, ranks below 2^31: a row of more is refused.
constexpr size_t kMaxRanks = size_t{1} << 31;

// The scatter and gather above past `silkgraph build --memory`: once per range of old ranks
// that fits the random window (common/spill.h), each pass reading `order` and `other` in
// order and touching only its range of `moved`. A bit per entry of `other` marks the ones
// renumbered already (their new ids may fall in a later range).
template <typename Rank>
void renumberInRanges(std::span<uint32_t> other, std::span<const uint32_t> order,
                      MappedArray<uint32_t>& moved, size_t range, const IdSlots& slots,
                      const Rank& rank) {
  const size_t n = order.size();
  std::vector<uint64_t> done((other.size() + 63) / 64, 0);
  for (size_t lo = 0; lo < n; lo += range) {
    const size_t hi = std::min(n, lo + range);
    for (size_t i = 0; i < n; ++i)
      if (order[i] >= lo && order[i] < hi) moved[order[i]] = static_cast<uint32_t>(i);
    for (size_t j = 0; j < other.size(); ++j) {
      if ((done[j / 64] >> (j % 64)) & 1) continue;
      const size_t r = rank(other[j]);
      if (r < lo || r >= hi) continue;
      other[j] = slots.at(moved[r]);
      done[j / 64] |= uint64_t{1} << (j % 64);
    }
  }
}

}  // namespace

bool Graph::compacted() const {
  const GraphImpl& g = *impl_;
  if (g.compactedRelLimit != g.relTypes.size()) return false;
  return std::all_of(g.topo.begin(), g.topo.end(), [](const TypeTopology& tp) {
    return tp.deltaRels == 0 && tp.csrDeleted == 0;
  });
}

std::string Graph::clusterRelationships(TypeId t, Direction dir) {
  GraphImpl& g = *impl_;
  if (g.inTx) fail(ErrorKind::InternalError, "relationships cannot be renumbered in a transaction");
  if (dir == Direction::Both)
    fail(ErrorKind::InternalError, "relationships are clustered by one direction, not both");
  g.needRels();
  if (t >= g.topo.size()) return "";
  TypeTopology& tp = g.topo[t];
  if (!compacted()) return "it changed since the graph was last compacted";
  // The row entries of `dir` hold relationship ids in the order wanted; those of the other
  // direction are renumbered to follow.
  std::span<uint32_t> order, other;
  static_assert(sizeof(CsrEdge) == sizeof(RelId) && std::is_same_v<RelId, uint32_t>);
  auto forward = [&] {  // CsrEdge is a RelId alone: the rows read as ids
    auto& e = tp.csr.m_forward.m_edge_properties;
    return std::span<uint32_t>(reinterpret_cast<uint32_t*>(e.data()), e.size());
  };
  auto backward = [&] {
    auto& e = tp.csr.m_backward.m_edge_properties;
    return std::span<uint32_t>(e.data(), e.size());
  };
  order = dir == Direction::In ? backward() : forward();
  other = dir == Direction::In ? forward() : backward();
  const size_t n = order.size();
  if (n == 0) return "";
  if (n >= kMaxRanks) return "it has 2^31 relationships or more";
  // The ids to hand out are the type's own: other types' relationships and deleted ones
  // between them keep theirs. Usually one range (a load gives a type's relationships
  // together); otherwise the sorted list of them.
  const auto [minIt, maxIt] = std::minmax_element(order.begin(), order.end());
  IdSlots slots{*minIt, {}, n};
  MappedArray<uint32_t> sorted;
  if (size_t{*maxIt} - slots.lo + 1 != n) {
    sorted.assign(order.begin(), order.end());
    std::sort(sorted.begin(), sorted.end());
    slots.list = std::span<const uint32_t>(sorted.data(), n);
  }
  bool already = true;
  for (size_t i = 0; i < n && already; ++i) already = order[i] == slots.at(i);
  if (already) return "";
  auto rank = [&](uint32_t id) {
    return slots.list.empty()
               ? id - slots.lo
               : static_cast<uint32_t>(std::lower_bound(slots.list.begin(), slots.list.end(), id) -
                                       slots.list.begin());
  };

  // order[i]: the rank of the id now at rank i. Every array indexed by relationship id, one
  // at a time, moves by it. The types and the deletion bits are the same over the slots (all
  // of type t, all live).
  for (uint32_t& v : order) v = rank(v);
  const std::span<const uint32_t> from(order.data(), n);
  g.relSrc.permute(slots, from);
  g.relDst.permute(slots, from);
  for (PropertyColumn& c : g.relCols) c.permute(slots, from);

  // Inverted, the new rank of each old rank, for the other direction's entries. A scatter of
  // independent stores (a walk along the permutation's cycles, in place, waited for one
  // cache miss after another: 178 s at 50M relationships).
  MappedArray<uint32_t> moved(n);
  const size_t range = std::max<size_t>(1, huge_pages::randomWindow() / sizeof(uint32_t));
  if (range >= n) {
    for (size_t i = 0; i < n; ++i) moved[order[i]] = static_cast<uint32_t>(i);
    for (size_t j = 0; j < other.size(); ++j) {
      if (slots.list.empty() && j + 16 < other.size())
        __builtin_prefetch(&moved[other[j + 16] - slots.lo]);
      other[j] = slots.at(moved[rank(other[j])]);
    }
  } else {
    renumberInRanges(other, order, moved, range, slots, rank);
  }
  for (size_t i = 0; i < n; ++i) order[i] = slots.at(i);

  // The distinct rows name a relationship per neighbour: made again from the rows.
  buildDistinctRows(g, t, Direction::Out);
  buildDistinctRows(g, t, Direction::In);
  ++g.writes;  // what read statements derived (validity bits, --why's tables) is stale
  return "";
}

}  // namespace silkgraph
