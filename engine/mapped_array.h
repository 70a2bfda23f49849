// MappedArray<T>: the engine's large arrays (relationship arrays, CSR rows, column words,
// bitmaps, label lists). A vector of trivially copyable T whose elements live either on the
// heap or in place inside a database file mapped privately and writable (graph_file_reader),
// so opening a file copies nothing: reads and in-place writes go to the mapping (a write
// copies just the touched page, the kernel's copy-on-write; the file never changes), and the
// first call that needs more room than the mapped elements moves the array to the heap. A
// mapped array keeps the mapping alive (a shared_ptr), so it stays valid after the file is
// replaced on disk. The elements are contiguous: hot loops see a plain pointer and a size.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/huge_pages.h"

namespace silkgraph {

template <typename T>
class MappedArray {
  static_assert(std::is_trivially_copyable_v<T>, "elements are copied as bytes");
  static_assert(alignof(T) <= 16, "huge_pages::allocate aligns to 16 bytes");

 public:
  using value_type = T;
  using size_type = size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using pointer = T*;
  using const_pointer = const T*;
  using iterator = T*;
  using const_iterator = const T*;

  MappedArray() = default;
  explicit MappedArray(size_t n) { resize(n); }
  MappedArray(size_t n, T v) { resize(n, v); }
  MappedArray(std::initializer_list<T> init) { assign(init.begin(), init.end()); }
  template <typename It>
  requires(!std::is_integral_v<It>) MappedArray(It first, It last) { assign(first, last); }
  // Copies are heap copies: two arrays never share writable mapped bytes.
  MappedArray(const MappedArray& o) { assign(o.begin(), o.end()); }
  MappedArray(MappedArray&& o) noexcept { swap(o); }
  MappedArray& operator=(const MappedArray& o) {
    if (this != &o) assign(o.begin(), o.end());
    return *this;
  }
  MappedArray& operator=(MappedArray&& o) noexcept {
    MappedArray(std::move(o)).swap(*this);
    return *this;
  }
  ~MappedArray() { deallocate(); }

  // The n elements at p, inside a private writable mapping that `owner` keeps alive.
  static MappedArray inPlace(T* p, size_t n, std::shared_ptr<const void> owner) {
    MappedArray a;
    if (n == 0) return a;
    a.data_ = p;
    a.size_ = a.capacity_ = n;
    a.mapping_ = std::move(owner);
    return a;
  }
  // True while the elements are in a mapped file rather than on the heap.
  bool mapped() const { return mapping_ != nullptr; }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return capacity_; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  T& front() { return data_[0]; }
  const T& front() const { return data_[0]; }
  T& back() { return data_[size_ - 1]; }
  const T& back() const { return data_[size_ - 1]; }
  operator std::span<T>() { return {data_, size_}; }
  operator std::span<const T>() const { return {data_, size_}; }

  void reserve(size_t n) {
    if (n > capacity_) reallocate(n);
  }
  void resize(size_t n) { resize(n, T{}); }
  // n elements, the new ones not written here: the caller writes each before reading it, so
  // a large fresh array's pages are first touched by whoever fills them (threads, in parallel)
  // instead of by one pass of zeros (std::vector's resize and assign write every byte).
  void resizeForOverwrite(size_t n) {
    if (n > capacity_) reallocate(std::max(n, 2 * size_));
    size_ = n;
  }
  void resize(size_t n, T v) {  // by value: v may be an element that moves
    if (n > capacity_) reallocate(std::max(n, 2 * size_));
    if (n > size_) std::fill(data_ + size_, data_ + n, v);
    size_ = n;
  }
  void push_back(const T& v) {
    if (size_ == capacity_) {
      T copy = v;  // v may be an element of this array
      reallocate(std::max<size_t>(1, 2 * size_));
      data_[size_++] = copy;
      return;
    }
    data_[size_++] = v;
  }
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    push_back(T{std::forward<Args>(args)...});
    return back();
  }
  void pop_back() { --size_; }
  void clear() { size_ = 0; }
  // Gives back spare heap capacity, and the mapping of an emptied array.
  void shrink_to_fit() {
    if (size_ == 0) {
      deallocate();
    } else if (!mapped() && capacity_ > size_) {
      reallocate(size_);
    }
  }
  T* insert(const T* pos, const T& v) {
    const size_t at = static_cast<size_t>(pos - data_);
    T copy = v;
    if (size_ == capacity_) reallocate(std::max<size_t>(1, 2 * size_));
    std::memmove(data_ + at + 1, data_ + at, (size_ - at) * sizeof(T));
    data_[at] = copy;
    ++size_;
    return data_ + at;
  }
  T* erase(const T* first, const T* last) {
    const size_t at = static_cast<size_t>(first - data_);
    const size_t n = static_cast<size_t>(last - first);
    if (n == 0) return data_ + at;
    std::memmove(data_ + at, data_ + at + n, (size_ - at - n) * sizeof(T));
    size_ -= n;
    return data_ + at;
  }
  template <typename It>
  requires(!std::is_integral_v<It>) void assign(It first, It last) {
    const auto n = static_cast<size_t>(std::distance(first, last));
    if (n > capacity_ || mapped()) {
      MappedArray fresh;
      fresh.reallocate(n);
      std::copy(first, last, fresh.data_);
      fresh.size_ = n;
      swap(fresh);
      return;
    }
    std::copy(first, last, data_);
    size_ = n;
  }
  void assign(size_t n, T v) {
    clear();
    resize(n, v);
  }
  void swap(MappedArray& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(capacity_, o.capacity_);
    std::swap(mapping_, o.mapping_);
  }
  friend bool operator==(const MappedArray& a, const MappedArray& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
  friend bool operator==(const MappedArray& a, const std::vector<T>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  // Moves the elements to a heap block of n >= size_ elements (common/huge_pages.h: a large
  // heap block grows by remapping its pages, not by copying them).
  void reallocate(size_t n) {
    const size_t size = size_;
    if (!mapped() && data_ && n) {
      data_ = static_cast<T*>(
          huge_pages::reallocate(data_, capacity_ * sizeof(T), n * sizeof(T), size * sizeof(T)));
      capacity_ = n;
      return;
    }
    T* fresh = n ? static_cast<T*>(huge_pages::allocate(n * sizeof(T))) : nullptr;
    if (size) std::memcpy(fresh, data_, size * sizeof(T));
    deallocate();
    data_ = fresh;
    size_ = size;
    capacity_ = n;
  }
  void deallocate() {
    if (!mapped() && data_) huge_pages::deallocate(data_, capacity_ * sizeof(T));
    mapping_.reset();
    data_ = nullptr;
    size_ = capacity_ = 0;
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
  std::shared_ptr<const void> mapping_;  // set while data_ points into a mapped file
};

}  // namespace silkgraph
