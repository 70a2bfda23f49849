// SegmentedArray<T>: a growable array whose elements never move, for the string dictionary's
// payload handles (engine/string_dictionary.h). Segments double in size (the first holds
// 2^kFirstShift elements, segment s >= 1 holds 2^(kFirstShift+s-1) from index
// 2^(kFirstShift+s-1) on) and each is allocated once through common/huge_pages.h, so a large
// array lives on transparent huge pages and growing it copies nothing: a std::vector of
// millions of shared pointers reallocated and moved each one at every doubling, on fresh 4 KiB
// pages (replaying a log of new strings, docs/benchmarks.md). References stay valid while
// the array grows.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <new>
#include <utility>

#include "common/huge_pages.h"

namespace silkgraph {

template <typename T, size_t kFirstShift = 10>
class SegmentedArray {
 public:
  SegmentedArray() = default;
  ~SegmentedArray() { clear(); }
  SegmentedArray(SegmentedArray&& o) noexcept
      : segments_(std::exchange(o.segments_, {})), size_(std::exchange(o.size_, 0)) {}
  SegmentedArray& operator=(SegmentedArray&& o) noexcept {
    if (this != &o) {
      clear();
      segments_ = std::exchange(o.segments_, {});
      size_ = std::exchange(o.size_, 0);
    }
    return *this;
  }
  SegmentedArray(const SegmentedArray&) = delete;
  SegmentedArray& operator=(const SegmentedArray&) = delete;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return segments_[segmentOf(i)][offsetIn(i)]; }
  const T& operator[](size_t i) const { return segments_[segmentOf(i)][offsetIn(i)]; }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    const size_t s = segmentOf(size_);
    if (segments_[s] == nullptr)
      segments_[s] = static_cast<T*>(huge_pages::allocate(segmentSize(s) * sizeof(T)));
    T* slot = segments_[s] + offsetIn(size_);
    new (slot) T(std::forward<Args>(args)...);
    ++size_;
    return *slot;
  }

  // Elements the allocated segments hold.
  size_t capacity() const {
    size_t n = 0;
    for (size_t s = 0; s < segments_.size() && segments_[s] != nullptr; ++s) n += segmentSize(s);
    return n;
  }

  void clear() {
    for (size_t i = 0; i < size_; ++i) (*this)[i].~T();
    for (size_t s = 0; s < segments_.size() && segments_[s] != nullptr; ++s)
      huge_pages::deallocate(segments_[s], segmentSize(s) * sizeof(T));
    segments_ = {};
    size_ = 0;
  }

 private:
  static constexpr size_t kFirst = size_t{1} << kFirstShift;
  static size_t segmentOf(size_t i) {
    return static_cast<size_t>(std::bit_width(i >> kFirstShift));
  }
  static size_t segmentSize(size_t s) { return s == 0 ? kFirst : kFirst << (s - 1); }
  static size_t offsetIn(size_t i) {
    const size_t s = segmentOf(i);
    return s == 0 ? i : i - (kFirst << (s - 1));
  }

  std::array<T*, 65 - kFirstShift> segments_{};
  size_t size_ = 0;
};

}  // namespace silkgraph
