// bench_replay_floor: what replaying a write-ahead log costs on this machine before any of
// its work (docs/benchmarks.md, "Recovery of the write-ahead log"). For a size of memory (the
// peak RSS of a replay) it times the first write to each 4 KiB page of a fresh block from
// common/huge_pages.h (transparent huge pages, as the graph's large arrays) and of one with
// ordinary pages (as malloc's heap); for a log file, reading it into a fresh block and
// checksumming it with XXH64 (as replay checks every record), then the checksum alone again
// (the pages present and cached as far as they fit). Wall and CPU (user+system) time each.
//
//   bench_replay_floor MIB [LOG]
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "common/hash.h"
#include "common/huge_pages.h"

namespace {

using namespace silkgraph;

double wall() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double cpu() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void report(const char* what, double t, double c, double gib) {
  std::printf("%-44s %6.3f s wall, %6.3f s CPU (%.2f s CPU per GiB)\n", what, wall() - t, cpu() - c,
              (cpu() - c) / gib);
}

void firstWrites(size_t bytes, bool huge) {
  auto* p = static_cast<char*>(huge_pages::allocate(bytes));
  if (!huge) ::madvise(p, bytes, MADV_NOHUGEPAGE);
  const double t = wall(), c = cpu();
  for (size_t i = 0; i < bytes; i += 4096) p[i] = 1;
  report(huge ? "first write to each page, huge pages" : "first write to each page, 4 KiB pages", t,
         c, static_cast<double>(bytes) / (1 << 30));
  huge_pages::deallocate(p, bytes);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_replay_floor MIB [LOG]\n");
    return 2;
  }
  const size_t bytes = std::strtoull(argv[1], nullptr, 10) << 20;
  std::printf("%zu MiB of memory:\n", bytes >> 20);
  firstWrites(bytes, true);
  firstWrites(bytes, false);
  if (argc < 3) return 0;
  const int fd = ::open(argv[2], O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 1;
  const auto size = static_cast<size_t>(::lseek(fd, 0, SEEK_END));
  std::printf("log of %zu MiB:\n", size >> 20);
  auto* p = static_cast<char*>(huge_pages::allocate(size));
  double t = wall(), c = cpu();
  for (size_t at = 0; at < size;) {
    const ssize_t r = ::pread(fd, p + at, size - at, static_cast<off_t>(at));
    if (r <= 0) return 1;
    at += static_cast<size_t>(r);
  }
  const double gib = static_cast<double>(size) / (1 << 30);
  report("read into a fresh block", t, c, gib);
  t = wall(), c = cpu();
  uint64_t h = hash::xxh64(p, size, 0);
  report("XXH64 of it", t, c, gib);
  t = wall(), c = cpu();
  h ^= hash::xxh64(p, size, 1);
  report("XXH64 of it again", t, c, gib);
  huge_pages::deallocate(p, size);
  ::close(fd);
  return h == 42 ? 3 : 0;  // the checksums are used
}
