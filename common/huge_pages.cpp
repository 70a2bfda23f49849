// Implements common/huge_pages.h over mmap, madvise(MADV_HUGEPAGE) and mremap.
#include "common/huge_pages.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <new>

namespace silkgraph::huge_pages {

namespace {

bool large(size_t bytes) {
  return bytes >= kMinBytes;
}

size_t pageRounded(size_t bytes) {
  static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  return (bytes + page - 1) / page * page;
}

void adviseHuge(void* p, size_t bytes) {
#ifdef MADV_HUGEPAGE
  ::madvise(p, bytes, MADV_HUGEPAGE);  // advice only: an error leaves ordinary pages
#else
  (void)p;
  (void)bytes;
#endif
}

}  // namespace

void* allocate(size_t bytes) {
  if (!large(bytes)) return ::operator new(bytes);
  const size_t n = pageRounded(bytes);
  void* p = ::mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  adviseHuge(p, n);
  return p;
}

void deallocate(void* p, size_t bytes) noexcept {
  if (p == nullptr) return;
  if (large(bytes))
    ::munmap(p, pageRounded(bytes));
  else
    ::operator delete(p);  // unsized: clang 14 does not enable sized deallocation by default
}

void* reallocate(void* p, size_t oldBytes, size_t newBytes, size_t keep) {
  if (p != nullptr && large(oldBytes) && large(newBytes)) {
    const size_t n = pageRounded(newBytes);
    void* q = ::mremap(p, pageRounded(oldBytes), n, MREMAP_MAYMOVE);
    if (q == MAP_FAILED) throw std::bad_alloc();
    adviseHuge(q, n);
    return q;
  }
  void* q = allocate(newBytes);
  if (keep != 0) std::memcpy(q, p, keep);
  deallocate(p, oldBytes);
  return q;
}

}  // namespace silkgraph::huge_pages
