// Numbers of --why's conflicts by their two sides (the smaller relationship id in the high
// half of one word), in an open-addressing table: a result may rest on tens of thousands of
// conflicts. Shared by explainRows' two paths (provenance.cpp, why_conflicts.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace silkgraph {

class PairNumbers {
 public:
  static uint64_t key(uint32_t a, uint32_t b) {
    return a < b ? uint64_t{a} << 32 | b : uint64_t{b} << 32 | a;
  }
  // The number of `pair`, or `next` (now its number) when it had none; `added` says which.
  uint32_t get(uint64_t pair, uint32_t next, bool& added) {
    if ((size_ + 1) * 2 > keys_.size()) grow();
    const size_t mask = keys_.size() - 1;
    for (size_t i = mix(pair) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == pair) {
        added = false;
        return numbers_[i];
      }
      if (keys_[i] == kEmpty) {
        keys_[i] = pair;
        numbers_[i] = next;
        ++size_;
        added = true;
        return next;
      }
    }
  }
  // The number of `pair`, 0 when it has none.
  uint32_t find(uint64_t pair) const {
    if (keys_.empty()) return 0;
    const size_t mask = keys_.size() - 1;
    for (size_t i = mix(pair) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == pair) return numbers_[i];
      if (keys_[i] == kEmpty) return 0;
    }
  }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};  // no pair: its smaller id is the larger
  static uint64_t mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    return k ^ (k >> 33);
  }
  void grow() {
    std::vector<uint64_t> keys = std::move(keys_);
    std::vector<uint32_t> numbers = std::move(numbers_);
    keys_.assign(keys.empty() ? 64 : keys.size() * 2, kEmpty);
    numbers_.assign(keys_.size(), 0);
    size_ = 0;
    bool added;
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != kEmpty) get(keys[i], numbers[i], added);
  }
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> numbers_;
  size_t size_ = 0;
};

}  // namespace silkgraph
