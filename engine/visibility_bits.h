// VisibilityBits: one bit per id saying whether a statement's view date shows that node or
// relationship, built once, by one thread, when the statement has asked about enough ids that a
// sequential pass over the validity columns costs less than the random reads still to come
// (engine/validity.h). Until then, and for ids past the end of the bits, callers check the
// columns directly. Reads after the build are one bit test; the bits are published with
// release order, so a thread that sees them sees them whole. Built bits are shared: the graph
// keeps the last ones for the next statements with the same view date (engine/validity.cpp).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace silkgraph {

class VisibilityBits {
 public:
  VisibilityBits() = default;
  VisibilityBits(const VisibilityBits&) = delete;
  VisibilityBits& operator=(const VisibilityBits&) = delete;

  // The bit of id when the bits are built and cover it: 1 visible, 0 hidden; -1 otherwise.
  int lookup(uint32_t id) const {
    const uint64_t* bits = ready_.load(std::memory_order_acquire);
    if (!bits || id >= size_) return -1;
    return static_cast<int>((bits[id / 64] >> (id % 64)) & 1);
  }
  bool built() const { return ready_.load(std::memory_order_acquire) != nullptr; }

  // Counts one direct check. True for exactly one caller, the first to count `threshold`
  // checks: that caller then calls build().
  bool countCheck(uint64_t threshold) {
    if (claimed_.load(std::memory_order_relaxed)) return false;
    if (checks_.fetch_add(1, std::memory_order_relaxed) + 1 < threshold) return false;
    return !claimed_.exchange(true, std::memory_order_acq_rel);
  }

  // Builds the bits of ids [0, n): fill(firstId, count) returns the visibility word of ids
  // firstId .. firstId + count - 1 (bit i for firstId + i; count is 64 but for the last word).
  template <typename Fill>
  void build(size_t n, Fill fill) {
    auto bits = std::make_shared<std::vector<uint64_t>>((n + 63) / 64, 0);
    for (size_t w = 0; w < bits->size(); ++w) {
      const size_t first = w * 64;
      (*bits)[w] = fill(static_cast<uint32_t>(first),
                        static_cast<unsigned>(std::min<size_t>(64, n - first)));
    }
    adopt(std::move(bits), n);
  }
  // Takes bits built before (by another statement on the same graph and date) for ids [0, n).
  void adopt(std::shared_ptr<const std::vector<uint64_t>> bits, size_t n) {
    owner_ = std::move(bits);
    size_ = n;
    claimed_.store(true, std::memory_order_relaxed);
    ready_.store(owner_->data(), std::memory_order_release);
  }
  // The built bits (null before) and how many ids they cover.
  const std::shared_ptr<const std::vector<uint64_t>>& shared() const { return owner_; }
  size_t size() const { return size_; }

 private:
  std::atomic<uint64_t> checks_{0};
  std::atomic<bool> claimed_{false};
  std::shared_ptr<const std::vector<uint64_t>> owner_;
  size_t size_ = 0;
  std::atomic<const uint64_t*> ready_{nullptr};
};

}  // namespace silkgraph
