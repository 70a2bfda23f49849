// MemoryChunk: one block of memory from common/huge_pages.h handed out by bumping an offset,
// for what is made by the million and never freed one by one (the string dictionary's
// characters, engine/string_dictionary.h). Large chunks are on transparent huge pages: filling
// them takes a page fault per 2 MiB instead of one per 4 KiB from malloc (docs/benchmarks.md).
#pragma once

#include <cstddef>
#include <cstdint>

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

}  // namespace silkgraph
