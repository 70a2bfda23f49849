// Adjacency order (a vertex-centric index, docs/storage.md): packing the ordering keys of a
// relationship type into 64-bit codes and sorting its CSR rows by them. With two or more
// threads, the codes are computed in ranges of relationships side by side, and the rows of
// both directions shared out a few at a time.
#include <algorithm>
#include <atomic>
#include <bit>
#include <boost/sort/spreadsort/integer_sort.hpp>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "common/spill.h"
#include "engine/distinct_rows.h"
#include "engine/graph_ops.h"
#include "engine/run_parts.h"

namespace silkgraph {

using namespace graph_ops;

namespace {

// Sorts keys by their bits from `low` up, stably: a least-significant-digit radix sort in
// 11-bit digits, one histogram pass for all digits, skipping the digits every key shares.
// Adjacency rows are sorted by codes whose parts are few and wide (a resource, a year, a
// quantity); on rows of thousands of entries this is about three times faster than
// spreadsort, whose buckets fall back to comparison sorts.
void radixSortFrom(std::vector<uint64_t>& keys, std::vector<uint64_t>& tmp,
                   std::vector<uint32_t>& count, unsigned low) {
  constexpr unsigned kBits = 11;
  constexpr size_t kBuckets = size_t{1} << kBits;
  const size_t n = keys.size();
  const unsigned digits = (64 - low + kBits - 1) / kBits;
  count.assign(digits * kBuckets, 0);
  for (uint64_t k : keys)
    for (unsigned d = 0; d < digits; ++d)
      ++count[d * kBuckets + ((k >> (low + d * kBits)) & (kBuckets - 1))];
  tmp.resize(n);
  for (unsigned d = 0; d < digits; ++d) {
    uint32_t* c = &count[d * kBuckets];
    const unsigned shift = low + d * kBits;
    if (c[(keys[0] >> shift) & (kBuckets - 1)] == n) continue;  // one value: order stays
    uint32_t sum = 0;
    for (size_t b = 0; b < kBuckets; ++b) {
      const uint32_t here = c[b];
      c[b] = sum;
      sum += here;
    }
    for (uint64_t k : keys) tmp[c[(k >> shift) & (kBuckets - 1)]++] = k;
    keys.swap(tmp);
  }
}

// Sorts type t's CSR rows by its adjacency order (AdjacencyOrder): chooses how each key is

// Runs part(begin, end) over [0, n) cut into `threads` ranges, each on a thread of its own
// (the first on the caller's).
template <typename Part>
void inParts(size_t n, unsigned threads, const Part& part) {
  const auto parts =
      static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(threads, n / 16384)));
  runParts(parts, [&](unsigned p) {
    const auto [begin, end] = rangeOf(p, parts, n);
    part(begin, end);
  });
}

// An eighth of the memory this process may use (the machine's, or its container's), at
// least 1 GiB: on 24 GB, the codes of up to 400M relationships.
size_t defaultCodeBudget() {
  return std::max(huge_pages::usableMemory() / 8, size_t{1} << 30);
}

// The codes of one direction's row entries in row order (at[i]: entry i's), for a build
// past its memory budget: no array indexed by relationship read at random. Once per range of
// relationship ids whose codes fit the random window (common/spill.h), the range's codes are
// worked out in id order from the columns, then the entries read in order, those of the range
// given theirs.
template <typename RelAt>
MappedArray<uint64_t> gatherCodes(const GraphImpl& g, const AdjacencyOrder& o, TypeId t,
                                  uint32_t entries, const RelAt& relAt, size_t window) {
  MappedArray<uint64_t> at(entries);
  MappedArray<uint64_t> codes;
  const RelId limit = g.compactedRelLimit;
  const size_t range = std::max<size_t>(1, window / sizeof(uint64_t));
  for (size_t lo = 0; lo < limit; lo += range) {
    const size_t hi = std::min<size_t>(limit, lo + range);
    codes.assign(hi - lo, 0);
    for (size_t r = lo; r < hi; ++r)
      if (g.relTypes[r] == t && g.relAliveAt(static_cast<RelId>(r)))
        codes[r - lo] = g.orderCode(o, static_cast<RelId>(r));
    for (uint32_t i = 0; i < entries; ++i)
      if (const RelId r = relAt(i); r >= lo && r < hi) at[i] = codes[r - lo];
  }
  return at;
}

// Bits that hold a position in the longest row of either direction.
unsigned positionBits(const CsrGraph& csr, uint32_t nv) {
  uint32_t longest = 0;
  for (uint32_t n = 0; n < nv; ++n) {
    longest = std::max(longest, csr.m_forward.m_rowstart[n + 1] - csr.m_forward.m_rowstart[n]);
    longest = std::max(longest, csr.m_backward.m_rowstart[n + 1] - csr.m_backward.m_rowstart[n]);
  }
  return longest < 2 ? 0u : 32u - static_cast<unsigned>(std::countl_zero(longest - 1));
}

// A thread's buffers for sorting rows.
struct RowScratch {
  std::vector<uint64_t> keys, tmp;
  std::vector<uint32_t> count;
  std::vector<std::pair<NodeId, RelId>> was;
};

// Calls sortRow(out, n, scratch) once for node n's row in each direction (out: forward), on
// one thread, or on two that take the rows of both directions a few at a time from one
// counter: a thread that drew short rows takes more, and both finish together (with one
// direction each, the backward rows took a tenth longer at 5M and the other thread waited).
template <typename SortRow>
void sortEveryRow(uint32_t nv, unsigned threads, const SortRow& sortRow) {
  std::atomic<uint64_t> next{0};
  const uint64_t units = uint64_t{nv} * 2;
  const uint64_t step = std::max<uint64_t>(1, units / 512);
  runParts(threads >= 2 ? 2u : 1u, [&](unsigned) {
    RowScratch s;
    for (uint64_t u; (u = next.fetch_add(step, std::memory_order_relaxed)) < units;)
      for (uint64_t v = u; v < std::min(units, u + step); ++v)
        sortRow(v < nv, static_cast<uint32_t>(v < nv ? v : v - nv), s);
  });
}

}  // namespace

namespace graph_ops {

// packed into the 64-bit code from the range of its values among the type's relationships,
// then sorts every forward and backward row by (code, other node, relationship).
void sortAdjacency(GraphImpl& g, TypeId t, unsigned threads, size_t codeBudget) {
  TypeTopology& tp = g.topo[t];
  AdjacencyOrder& o = tp.order;
  o.parts.clear();
  o.valid = false;
  if (o.keys.empty() || tp.csrVertices == 0) return;
  const RelId limit = g.compactedRelLimit;
  auto ofType = [&](RelId r) { return g.relTypes[r] == t && g.relAliveAt(r); };
  auto& fwd = tp.csr.m_forward;
  auto& bwd = tp.csr.m_backward;
  // A row is sorted as one array of 64-bit words: the code in the high bits, the entry's
  // position in the row in the low `reserve` bits, so the parts get what the longest row
  // leaves (and equal codes keep the row's previous order).
  const unsigned reserve = positionBits(tp.csr, tp.csrVertices);
  unsigned used = reserve;  // bits taken, counted from the low end
  for (KeyId k : o.keys) {
    if (k >= g.relCols.size() || used >= 64) break;
    const PropertyColumn& c = g.relCols[k];
    if (!order::usable(c.kind())) break;
    uint64_t lo = ~uint64_t{0}, hi = 0;
    std::mutex m;
    inParts(limit, threads, [&](size_t begin, size_t end) {
      uint64_t l = ~uint64_t{0}, h = 0;
      for (RelId r = static_cast<RelId>(begin); r < end; ++r) {
        if (!ofType(r) || !c.has(r)) continue;
        uint64_t e = order::encode(c, r);
        l = std::min(l, e);
        h = std::max(h, e);
      }
      std::lock_guard lock(m);
      lo = std::min(lo, l);
      hi = std::max(hi, h);
    });
    if (lo > hi) break;  // no relationship of the type has it
    const unsigned remaining = 64 - used;
    uint64_t range = hi - lo;
    unsigned shift = 0;
    // The part holds values 0 .. range >> shift and the absent value above them.
    auto width = [](uint64_t top) {
      return top == ~uint64_t{0} ? 65u : 64u - std::countl_zero(top + 1);
    };
    while (width(range >> shift) > remaining) ++shift;
    OrderPart part;
    part.key = k;
    part.kind = order::kindClass(c.kind());
    part.min = lo;
    part.shift = static_cast<uint8_t>(shift);
    part.bits = static_cast<uint8_t>(width(range >> shift));
    o.parts.push_back(part);
    used += part.bits;
  }
  // Offsets from the top: the first key is the most significant.
  unsigned top = 64;
  for (OrderPart& p : o.parts) {
    top -= p.bits;
    p.offset = static_cast<uint8_t>(top);
  }
  if (o.parts.empty()) return;
  // Each relationship's code, worked out once in id order, when 8 bytes per relationship fit
  // the budget; otherwise (a graph of hundreds of millions of relationships, whose build must
  // not hold another 8 bytes for each) each row entry's code is worked out from the columns
  // as the row is sorted, its values asked for a few entries ahead. Same codes either way.
  // Past `silkgraph build --memory` (the window smaller than the codes, large arrays in
  // files), the codes are gathered into the rows' order instead (gatherCodes), one direction
  // at a time.
  MappedArray<uint64_t> code;
  if (codeBudget == kOrderCodeBudgetAuto) codeBudget = defaultCodeBudget();
  const size_t window = huge_pages::randomWindow();
  const uint64_t codeBytes = uint64_t{limit} * sizeof(uint64_t);
  const bool precomputed = codeBytes <= codeBudget && codeBytes <= window;
  const bool gathered = !precomputed && codeBytes > window && huge_pages::usage().spilledBytes > 0;
  if (precomputed) {
    // Every entry written by the threads (0 where not of the type): no serial pass of zeros
    // first, and the fresh pages are faulted in by both threads.
    code.resizeForOverwrite(limit);
    inParts(limit, threads, [&](size_t begin, size_t end) {
      for (RelId r = static_cast<RelId>(begin); r < end; ++r)
        code[r] = ofType(r) ? g.orderCode(o, r) : 0;
    });
  }
  auto prefetchValues = [&](RelId r) {
    for (const OrderPart& p : o.parts) g.relCols[p.key].prefetch(r);
  };
  const unsigned low = o.parts.back().offset;  // the lowest bit of the code
  // Node n's row in one direction; rows share only code[] (and `at`), which they read.
  auto sortRow = [&](bool out, uint32_t n, const MappedArray<uint64_t>& at, RowScratch& s) {
    std::vector<uint64_t>& keys = s.keys;
    std::vector<std::pair<NodeId, RelId>>& was = s.was;
    const auto& rows = out ? fwd.m_rowstart : bwd.m_rowstart;
    auto& others = out ? fwd.m_column : bwd.m_column;
    auto relAt = [&](uint32_t i) -> RelId& {
      return out ? fwd.m_edge_properties[i].rel : bwd.m_edge_properties[i];
    };
    uint32_t b = rows[n], e = rows[n + 1];
    if (e - b < 2) return;
    keys.clear();
    was.clear();
    // Codes are read in the row's order, which is random in relationship ids: ask for the
    // entry a few steps ahead so the cache misses overlap.
    if (gathered) {
      for (uint32_t i = b; i < e; ++i) {
        keys.push_back(at[i] | (i - b));
        was.emplace_back(others[i], relAt(i));
      }
    } else if (precomputed) {
      for (uint32_t i = b; i < e; ++i) {
        if (i + 48 < e) __builtin_prefetch(&code[relAt(i + 48)]);
        keys.push_back(code[relAt(i)] | (i - b));
        was.emplace_back(others[i], relAt(i));
      }
    } else {
      for (uint32_t i = b; i < e; ++i) {
        if (i + 16 < e) prefetchValues(relAt(i + 16));
        keys.push_back(g.orderCode(o, relAt(i)) | (i - b));
        was.emplace_back(others[i], relAt(i));
      }
    }
    // Keys are unique (the position is in the low bits). Long rows: a stable sort of the
    // code bits alone keeps positions in order; short ones: Boost's integer sort.
    if (e - b >= 1024)
      radixSortFrom(keys, s.tmp, s.count, low);
    else
      boost::sort::spreadsort::integer_sort(keys.begin(), keys.end());
    for (uint32_t i = b; i < e; ++i) {
      const auto& [other, rel] = was[keys[i - b] & order::mask(reserve)];
      others.set(i, other);
      relAt(i) = rel;
    }
  };
  const uint32_t nv = tp.csrVertices;
  if (gathered) {  // one direction's codes gathered at a time
    RowScratch s;
    for (bool out : {true, false}) {
      const auto& rows = out ? fwd.m_rowstart : bwd.m_rowstart;
      auto relAt = [&](uint32_t i) -> RelId {
        return out ? fwd.m_edge_properties[i].rel : bwd.m_edge_properties[i];
      };
      const MappedArray<uint64_t> at = gatherCodes(g, o, t, rows[nv], relAt, window);
      for (uint32_t n = 0; n < nv; ++n) sortRow(out, n, at, s);
    }
  } else {
    const MappedArray<uint64_t> none;
    sortEveryRow(nv, threads,
                 [&](bool out, uint32_t n, RowScratch& s) { sortRow(out, n, none, s); });
  }
  o.valid = true;
}

}  // namespace graph_ops

namespace {

void checkOrderKeys(const GraphImpl& g, TypeId t, const std::vector<KeyId>& keys,
                    const char* caller) {
  if (t >= g.topo.size()) fail(ErrorKind::InternalError, std::string(caller) + ": unknown type id");
  for (KeyId k : keys)
    if (k >= g.keys.size())
      fail(ErrorKind::InternalError, std::string(caller) + ": unknown key id");
}

}  // namespace

void Graph::setAdjacencyOrder(TypeId t, std::vector<KeyId> keys, unsigned threads) {
  GraphImpl& g = *impl_;
  checkOrderKeys(g, t, keys, "setAdjacencyOrder");
  AdjacencyOrder& o = g.topo[t].order;
  if (o.keys == keys && (o.valid || keys.empty())) return;
  g.needRels();
  o.keys = std::move(keys);
  sortAdjacency(g, t, threads);
  // The rows' new order decides which relationship stands for each neighbour.
  buildDistinctRows(g, t, Direction::Out);
  buildDistinctRows(g, t, Direction::In);
  ++g.writes;  // what read statements derived from the rows' order is stale (compact())
}

void Graph::declareAdjacencyOrder(TypeId t, std::vector<KeyId> keys) {
  GraphImpl& g = *impl_;
  checkOrderKeys(g, t, keys, "declareAdjacencyOrder");
  AdjacencyOrder& o = g.topo[t].order;
  if (o.keys == keys) return;
  o.keys = std::move(keys);
  o.parts.clear();
  o.valid = false;
}

const std::vector<KeyId>& Graph::adjacencyOrder(TypeId t) const {
  static const std::vector<KeyId> none;
  return t < impl_->topo.size() ? impl_->topo[t].order.keys : none;
}

}  // namespace silkgraph
