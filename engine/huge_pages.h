// Transparent huge pages for large arrays filled in one go (the arrays read from a database
// file). Filling hundreds of megabytes of fresh memory costs one page fault per 4 KiB page;
// on request (madvise) the kernel backs whole 2 MiB ranges with huge pages, one fault each
// (opening the 5M benchmark file: 0.12 -> 0.05 s). Not used for the CSV load's arrays, which
// grow while rows arrive: there it changed the median little and made some loads 30 % slower.
// Where the kernel does not allow it, this is a no-op.
#pragma once

#include <cstddef>
#include <vector>

namespace silkgraph {

// Asks for huge pages on the whole 2 MiB pages inside [p, p + bytes); ranges under 4 MiB are
// left alone. Best before the memory is first written.
void adviseHugePages(void* p, size_t bytes);

// v.reserve(n), then the advice on the new storage (before anything is written into it).
template <typename T>
void reserveHuge(std::vector<T>& v, size_t n) {
  if (n <= v.capacity()) return;
  v.reserve(n);
  adviseHugePages(v.data(), v.capacity() * sizeof(T));
}

}  // namespace silkgraph
