// ChunkAllocator<T>: a bump allocator over one chunk of memory from common/huge_pages.h, for
// objects made in great numbers and never freed one by one (the string dictionary's blocks
// of string objects, engine/string_dictionary.h). Every copy of the allocator shares the
// chunk, which is freed when the last copy is gone; a shared_ptr made by std::allocate_shared
// keeps a copy in its control block, so what was allocated may outlive whoever made it.
// Large chunks are on transparent huge pages: a replay that makes millions of strings takes
// a page fault per 2 MiB instead of one per 4 KiB from malloc (docs/benchmarks.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>

#include "common/huge_pages.h"

namespace silkgraph {

class MemoryChunk {
 public:
  explicit MemoryChunk(size_t bytes)
      : base_(static_cast<char*>(huge_pages::allocate(bytes))), size_(bytes) {}
  ~MemoryChunk() { huge_pages::deallocate(base_, size_); }
  MemoryChunk(const MemoryChunk&) = delete;
  MemoryChunk& operator=(const MemoryChunk&) = delete;

  size_t size() const { return size_; }
  size_t remaining() const { return size_ - used_; }
  // `bytes` aligned to `align` from the chunk, or null when they do not fit.
  void* take(size_t bytes, size_t align) {
    const size_t at = (used_ + align - 1) / align * align;
    if (at > size_ || bytes > size_ - at) return nullptr;
    used_ = at + bytes;
    return base_ + at;
  }
  bool owns(const void* p) const {
    auto a = reinterpret_cast<uintptr_t>(p), b = reinterpret_cast<uintptr_t>(base_);
    return a >= b && a < b + size_;
  }

 private:
  char* base_;
  size_t size_;
  size_t used_ = 0;
};

template <typename T>
class ChunkAllocator {
 public:
  using value_type = T;

  explicit ChunkAllocator(std::shared_ptr<MemoryChunk> chunk) : chunk_(std::move(chunk)) {}
  template <typename U>
  ChunkAllocator(const ChunkAllocator<U>& o) noexcept : chunk_(o.chunk()) {}

  // From the chunk; from operator new when it is full (so a caller that misjudged the room
  // left still gets memory).
  T* allocate(size_t n) {
    if (void* p = chunk_->take(n * sizeof(T), alignof(T))) return static_cast<T*>(p);
    return static_cast<T*>(::operator new(n * sizeof(T)));
  }
  // Memory from the chunk is freed with the chunk.
  void deallocate(T* p, size_t) noexcept {
    if (!chunk_->owns(p)) ::operator delete(p);
  }

  const std::shared_ptr<MemoryChunk>& chunk() const { return chunk_; }
  template <typename U>
  bool operator==(const ChunkAllocator<U>& o) const {
    return chunk_ == o.chunk();
  }

 private:
  std::shared_ptr<MemoryChunk> chunk_;
};

}  // namespace silkgraph
