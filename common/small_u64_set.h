// SmallU64Set: a FlatU64Set (flat_u64_set.h) for sets that most often stay small, as --why's
// per-group and per-row sets do (a few citation sets and entities): the first kInline keys are
// kept in place and found by a scan, without an allocation; past them, a FlatU64Set.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "common/flat_u64_set.h"

namespace silkgraph {

class SmallU64Set {
 public:
  // Adds `key` (never FlatU64Set::kEmpty); true when it was not in the set yet.
  bool insert(uint64_t key) {
    if (n_ != kSpilled) {
      for (uint32_t i = 0; i < n_; ++i)
        if (inline_[i] == key) return false;
      if (n_ < kInline) {
        inline_[n_++] = key;
        return true;
      }
      for (uint64_t k : inline_) big_.insert(k);
      n_ = kSpilled;
    }
    return big_.insert(key);
  }
  size_t size() const { return n_ == kSpilled ? big_.size() : n_; }

 private:
  static constexpr uint32_t kInline = 6, kSpilled = UINT32_MAX;
  std::array<uint64_t, kInline> inline_;
  uint32_t n_ = 0;
  FlatU64Set big_;
};

}  // namespace silkgraph
