// LabelSets: the distinct label sets of a graph's nodes, interned (docs/storage.md, "Labels").
// Each node holds a 32-bit set id (GraphImpl::nodeLabelSet), so labels cost 4 bytes per node
// plus each distinct set once, however many labels one node carries. A set keeps labels 0-63
// as one word and the higher ones as a sorted list, so testing a label below 64 is two loads.
// Set 0 is the empty set. A set no node carries any more is freed at once (its id is reused,
// its list space reclaimed when such space dominates); the database file stores only live
// sets. Internal to engine/.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "engine/mapped_array.h"

namespace silkgraph {

// A label id (LabelId in engine/graph.h, which includes this header through graph_impl.h).
using LabelSetLabel = uint16_t;

// One label set as stored (in memory and, verbatim, in the database file).
struct LabelSet {
  uint64_t low = 0;    // bit l: label l, for l < 64
  uint32_t begin = 0;  // labels 64 and up: LabelSets::high()[begin, begin + count), ascending
  uint32_t count = 0;
};
static_assert(sizeof(LabelSet) == 16 && std::is_trivially_copyable_v<LabelSet>);

class LabelSets {
 public:
  LabelSets() { sets_.push_back(LabelSet{}); }

  // ---- reads (hot: label filters and scans)
  size_t size() const { return sets_.size(); }
  bool has(uint32_t s, LabelSetLabel l) const {
    const LabelSet& e = sets_[s];
    if (l < 64) return ((e.low >> l) & 1) != 0;
    if (e.count == 0) return false;
    const LabelSetLabel* first = high_.data() + e.begin;
    return std::binary_search(first, first + e.count, l);
  }
  // Calls f(label) for every label of set s, ascending. f must not change any node's labels.
  template <typename F>
  void forEach(uint32_t s, F&& f) const {
    const LabelSet& e = sets_[s];
    for (uint64_t bits = e.low; bits != 0; bits &= bits - 1)
      f(static_cast<LabelSetLabel>(std::countr_zero(bits)));
    for (uint32_t i = 0; i < e.count; ++i) f(high_[e.begin + i]);
  }
  size_t count(uint32_t s) const {
    return static_cast<size_t>(std::popcount(sets_[s].low)) + sets_[s].count;
  }

  // ---- writes: a node moves from set s to with(s, l) or without(s, l) by move()
  uint32_t with(uint32_t s, LabelSetLabel l);
  uint32_t without(uint32_t s, LabelSetLabel l);
  // Set s plus the labels in `labels` (any order, repeats allowed).
  uint32_t withAll(uint32_t s, std::span<const LabelSetLabel> labels);
  // The set of the bitset `words` (bit l of word l / 64: label l), interned.
  uint32_t fromBits(std::span<const uint64_t> words);
  // One node leaves set `from` for set `to`; `from` is freed when no node carries it.
  void move(uint32_t from, uint32_t to) {
    if (from == to) return;
    if (to != 0) ++users_[to];
    if (from != 0 && --users_[from] == 0) release(from);
  }

  // ---- the database file
  // The live sets renumbered densely, 0 first, in id order: remap[old id] is the new id
  // (sets that are free map to 0). Without free sets the ids stay as they are.
  struct Packed {
    std::vector<LabelSet> sets;
    std::vector<LabelSetLabel> high;
    std::vector<uint32_t> remap;
    bool renumbered = false;
  };
  Packed packed() const;
  // Takes a file's arrays and the node-to-set array. Returns what is inconsistent (empty
  // when all is well): a set id out of range, a list out of bounds or unsorted, a label
  // beyond `labelLimit`, a set twice, a set no node carries, set 0 not empty. On failure
  // this object is left as it was.
  std::string restore(MappedArray<LabelSet> sets, MappedArray<LabelSetLabel> high,
                      size_t labelLimit, std::span<const uint32_t> nodeSets);

  const MappedArray<LabelSet>& sets() const { return sets_; }
  const MappedArray<LabelSetLabel>& high() const { return high_; }
  size_t bytes() const;

 private:
  uint32_t intern(uint64_t low, std::span<const LabelSetLabel> high);
  void release(uint32_t s);
  void compactHigh();
  uint64_t hashOf(uint64_t low, std::span<const LabelSetLabel> high) const;
  std::span<const LabelSetLabel> highOf(const LabelSet& e) const {
    return {high_.data() + e.begin, e.count};
  }
  // Index of a set with this content (kMissing if none).
  static constexpr uint32_t kMissing = UINT32_MAX;
  uint32_t find(uint64_t low, std::span<const LabelSetLabel> high, uint64_t hash) const;

  MappedArray<LabelSet> sets_;
  MappedArray<LabelSetLabel> high_;
  std::vector<uint32_t> users_ = {0};                  // nodes per set (not counted for set 0)
  std::vector<uint32_t> free_;                         // freed set ids, reused first
  std::unordered_multimap<uint64_t, uint32_t> index_;  // content hash -> set id (not set 0)
  size_t garbage_ = 0;                                 // entries of high_ no live set uses
  std::vector<LabelSetLabel> scratch_;
  // The set last interned of labels below 64 only (kMissing: none): nodes created one after
  // another mostly carry the same labels (a load, a log's replay), and then skip the hash.
  uint64_t lastLow_ = 0;
  uint32_t lastLowSet_ = kMissing;
};

}  // namespace silkgraph
