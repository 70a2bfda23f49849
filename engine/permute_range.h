// Moving the entries of a set of ids into a new order (Graph::clusterRelationships): the
// i-th smallest id of the set takes what the from[i]-th smallest held (`from` lists each rank
// below the set's size once). Entries outside the set stay. One scratch copy of the set's
// entries of one array at a time, so renumbering a graph's relationships costs the largest of
// its arrays' parts, not a second graph.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <type_traits>
#include <vector>

#include "common/spill.h"
#include "engine/mapped_array.h"

namespace silkgraph {

// The ids renumbered, ascending: lo, lo + 1, ... (a range, as after a load that gave a type's
// relationships together), or a sorted list of them.
struct IdSlots {
  uint32_t lo = 0;
  std::span<const uint32_t> list;  // empty: the range [lo, lo + n)
  size_t n = 0;
  uint32_t at(size_t i) const { return list.empty() ? static_cast<uint32_t>(lo + i) : list[i]; }
};

// The gather reads the scratch copy at random; asking for an entry this many ahead overlaps
// the misses.
constexpr size_t kPermutePrefetch = 16;

template <typename T, typename Array>
void permuteSlots(Array& a, const IdSlots& s, std::span<const uint32_t> from) {
  // An array that ends before the first id holds nothing to move (a column of another
  // type's property): it keeps its size.
  if (a.size() <= s.at(0) || s.n == 0) return;
  const size_t end = size_t{s.at(s.n - 1)} + 1;
  if (a.size() < end) a.resize(end);
  // The scratch copy of a column's words in huge pages (and past `silkgraph build --memory` in
  // a temporary file), as the column itself.
  using Scratch =
      std::conditional_t<std::is_trivially_copyable_v<T>, MappedArray<T>, std::vector<T>>;
  Scratch old;
  if (s.list.empty()) {
    old = Scratch(a.begin() + s.lo, a.begin() + end);
  } else {
    old.resize(s.n);
    for (size_t i = 0; i < s.n; ++i) old[i] = a[s.list[i]];
  }
  // The gather reads the copy at random: past `silkgraph build --memory`, once per range of
  // it that fits the random window (common/spill.h), each pass reading `from` in order and
  // writing the ids whose entry comes from its range.
  const size_t range = std::max<size_t>(1, huge_pages::randomWindow() / sizeof(T));
  if (range >= s.n) {
    for (size_t i = 0; i < s.n; ++i) {
      if (i + kPermutePrefetch < s.n) __builtin_prefetch(&old[from[i + kPermutePrefetch]]);
      a[s.at(i)] = old[from[i]];
    }
    return;
  }
  for (size_t lo = 0; lo < s.n; lo += range) {
    const size_t hi = std::min(s.n, lo + range);
    for (size_t i = 0; i < s.n; ++i)
      if (const size_t f = from[i]; f >= lo && f < hi) a[s.at(i)] = old[f];
  }
}

// The same for a bitmap of one bit per id in 64-bit words.
inline void permuteBitSlots(MappedArray<uint64_t>& bits, const IdSlots& s,
                            std::span<const uint32_t> from) {
  if (bits.size() * 64 <= s.at(0) || s.n == 0) return;
  const size_t words = (size_t{s.at(s.n - 1)} + 64) / 64;
  if (bits.size() < words) bits.resize(words, 0);
  auto bit = [&](size_t id) { return (bits[id / 64] >> (id % 64)) & 1; };
  std::vector<uint64_t> old((s.n + 63) / 64, 0);  // bit i: what the i-th id held
  for (size_t i = 0; i < s.n; ++i)
    if (bit(s.at(i))) old[i / 64] |= uint64_t{1} << (i % 64);
  for (size_t i = 0; i < s.n; ++i) {
    const size_t src = from[i], id = s.at(i);
    const uint64_t mask = uint64_t{1} << (id % 64);
    if ((old[src / 64] >> (src % 64)) & 1) {
      bits[id / 64] |= mask;
    } else {
      bits[id / 64] &= ~mask;
    }
  }
}

}  // namespace silkgraph
