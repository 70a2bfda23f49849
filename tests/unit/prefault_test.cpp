// common/prefault.h: the background thread faults reserved pages in without changing what is
// written there, also while the range is being written, and skips a range unmapped before
// its turn.
#include "common/prefault.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

namespace silkgraph {
namespace {

constexpr size_t kBytes = size_t{64} << 20;

char* mapBlock() {
  void* p = ::mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  EXPECT_NE(p, MAP_FAILED);
  return static_cast<char*>(p);
}

size_t residentPages(char* p) {
  const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> in(kBytes / page);
  EXPECT_EQ(::mincore(p, kBytes, in.data()), 0);
  size_t n = 0;
  for (unsigned char c : in) n += c & 1;
  return n;
}

bool kernelPopulates() {
#ifdef MADV_POPULATE_WRITE
  char* p = mapBlock();
  const bool ok = ::madvise(p, 4096, MADV_POPULATE_WRITE) == 0;
  ::munmap(p, kBytes);
  return ok;
#else
  return false;
#endif
}

TEST(Prefault, ContentsStayWhileTheRangeIsWritten) {
  char* p = mapBlock();
  std::memset(p, 'a', kBytes / 2);
  prefault::populateAsync(p, kBytes);
  for (size_t i = kBytes / 2; i < kBytes; i += 4096) p[i] = 'b';  // meanwhile
  prefault::waitIdle();
  for (size_t i = 0; i < kBytes / 2; i += 4093) ASSERT_EQ(p[i], 'a') << i;
  for (size_t i = kBytes / 2; i < kBytes; i += 4096) ASSERT_EQ(p[i], 'b') << i;
  for (size_t i = kBytes / 2 + 1; i < kBytes; i += 4096) ASSERT_EQ(p[i], 0) << i;
  ::munmap(p, kBytes);
}

TEST(Prefault, FaultsTheRangeIn) {
  if (!kernelPopulates()) GTEST_SKIP() << "the kernel has no MADV_POPULATE_WRITE";
  char* p = mapBlock();
  EXPECT_EQ(residentPages(p), 0u);
  prefault::populateAsync(p + 1, kBytes - 1);  // unaligned: the whole pages inside
  prefault::waitIdle();
  const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  EXPECT_GE(residentPages(p), kBytes / page - 1);
  for (size_t i = 0; i < kBytes; i += 4096) ASSERT_EQ(p[i], 0) << i;
  ::munmap(p, kBytes);
}

TEST(Prefault, SkipsARangeNoLongerMappedAndSmallRanges) {
  char* p = mapBlock();
  ::munmap(p, kBytes);
  prefault::populateAsync(p, kBytes);
  prefault::waitIdle();  // no crash, no hang
  char* q = mapBlock();
  prefault::populateAsync(q, 4096);  // under 4 MiB: ignored
  prefault::waitIdle();
  EXPECT_EQ(residentPages(q), 0u);
  ::munmap(q, kBytes);
}

}  // namespace
}  // namespace silkgraph
