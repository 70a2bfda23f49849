// Memory for large arrays (engine/mapped_array.h, the write-ahead log's replay buffer):
// blocks of 4 MiB or more are anonymous mappings advised to use transparent huge pages, so a
// replay or load that fills a gigabyte takes a page fault per 2 MiB instead of per 4 KiB and
// far fewer TLB misses (Debian's default THP setting is "madvise": nothing gets huge pages
// unless asked), and they grow with mremap, which moves the pages instead of copying the
// bytes. Smaller blocks come from operator new.
#pragma once

#include <cstddef>

namespace silkgraph::huge_pages {

constexpr size_t kMinBytes = size_t{4} << 20;

// A block of `bytes` (16-byte aligned; its pages untouched until written). Throws
// std::bad_alloc.
void* allocate(size_t bytes);
// Frees a block from allocate or reallocate; `bytes` is the size it was given.
void deallocate(void* p, size_t bytes) noexcept;
// The block p of oldBytes made newBytes long, its first `keep` bytes kept (keep <= both).
void* reallocate(void* p, size_t oldBytes, size_t newBytes, size_t keep);

}  // namespace silkgraph::huge_pages
