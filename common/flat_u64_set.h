// FlatU64Set: a set of 64-bit keys in one open-addressing array (linear probing, at most half
// full). For the hot loops that deduplicate ids (count(DISTINCT node)), where a node-based
// std::unordered_set pays an allocation per key and a pointer chase per lookup.
// The key ~0 is reserved as the empty slot; callers encode their keys so it never occurs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace silkgraph {

class FlatU64Set {
 public:
  static constexpr uint64_t kEmpty = ~uint64_t{0};

  // Adds `key` (never kEmpty); true when it was not in the set yet.
  bool insert(uint64_t key) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    return place(slots_, key);
  }
  size_t size() const { return size_; }
  // Approximate bytes held, for the statement's memory accounting.
  size_t bytes() const { return slots_.size() * sizeof(uint64_t); }

 private:
  static uint64_t mix(uint64_t k) {
    // The finaliser of splitmix64: ids that differ in low bits spread over the table.
    k ^= k >> 30;
    k *= 0xbf58476d1ce4e5b9ULL;
    k ^= k >> 27;
    k *= 0x94d049bb133111ebULL;
    return k ^ (k >> 31);
  }
  bool place(std::vector<uint64_t>& table, uint64_t key) {
    const size_t mask = table.size() - 1;
    for (size_t i = mix(key) & mask;; i = (i + 1) & mask) {
      if (table[i] == key) return false;
      if (table[i] == kEmpty) {
        table[i] = key;
        ++size_;
        return true;
      }
    }
  }
  void grow() {
    std::vector<uint64_t> bigger(slots_.empty() ? 16 : slots_.size() * 2, kEmpty);
    size_ = 0;
    for (uint64_t k : slots_)
      if (k != kEmpty) place(bigger, k);
    slots_.swap(bigger);
  }

  std::vector<uint64_t> slots_;
  size_t size_ = 0;
};

}  // namespace silkgraph
