// Implements common/huge_pages.h and common/spill.h over mmap, madvise(MADV_HUGEPAGE), mremap,
// and for spilled blocks unnamed files (O_TMPFILE), ftruncate and shared mappings.
#include "common/huge_pages.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <new>

#include "common/spill.h"

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

// What spilling needs: the directory and budget, and the open file of every spilled block
// (kept to grow it). Large blocks are few (4 MiB or more each), so one lock is cheap.
struct Spill {
  std::mutex mutex;
  std::atomic<bool> on{false};  // read without the lock by allocate: most runs never spill
  std::string dir;
  size_t budget = 0;
  std::map<void*, int> files;  // spilled block -> its file
  size_t spilledBytes = 0, peakSpilledBytes = 0;
};

Spill& spill() {
  static Spill s;
  return s;
}

std::atomic<size_t> memoryBytes{0};    // large anonymous blocks, page-rounded
std::atomic<size_t> spilledBlocks{0};  // so that deallocate looks up only when there are any

// A new file of `dir` without a name: O_TMPFILE, or where the file system lacks it a file
// made by mkstemp and unlinked at once. -1 if neither works.
int openUnnamed(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)) return fd;
  std::string name = dir + "/.silkgraph-spill-XXXXXX";
  fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(name.c_str());
  return fd;
}

void* allocateInMemory(size_t n) {
  void* p = ::mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  adviseHuge(p, n);
  memoryBytes += n;
  return p;
}

// A block of n (page-rounded) bytes in a new unnamed file of the spill directory, or null
// when spilling is off, the budget still has room, or the file cannot be made (the caller
// then uses memory). Called with the lock held.
void* allocateSpilled(Spill& s, size_t n, size_t freedFirst) {
  if (!s.on || memoryBytes.load() - freedFirst + n <= s.budget) return nullptr;
  const int fd = openUnnamed(s.dir);
  if (fd < 0) return nullptr;
  if (::ftruncate(fd, static_cast<off_t>(n)) != 0) {
    ::close(fd);
    return nullptr;
  }
  void* p = ::mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) {
    ::close(fd);
    return nullptr;
  }
  s.files.emplace(p, fd);
  ++spilledBlocks;
  s.spilledBytes += n;
  s.peakSpilledBytes = std::max(s.peakSpilledBytes, s.spilledBytes);
  return p;
}

// Frees a spilled block; false if p is not one.
bool deallocateSpilled(void* p, size_t n) {
  if (spilledBlocks.load() == 0) return false;
  Spill& s = spill();
  std::lock_guard lock(s.mutex);
  auto it = s.files.find(p);
  if (it == s.files.end()) return false;
  ::munmap(p, n);
  ::close(it->second);
  s.files.erase(it);
  --spilledBlocks;
  s.spilledBytes -= n;
  return true;
}

// The smallest memory limit of this process's control groups (v2 memory.max, v1
// memory.limit_in_bytes) along its path, or SIZE_MAX.
size_t cgroupLimit() {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  size_t limit = SIZE_MAX;
  while (std::getline(in, line)) {
    const size_t a = line.find(':'), b = line.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    const std::string controllers = line.substr(a + 1, b - a - 1);
    std::string path = line.substr(b + 1);
    std::string base, file;
    if (controllers.empty()) {
      base = "/sys/fs/cgroup", file = "memory.max";
    } else if (controllers == "memory" || controllers.find("memory,") == 0 ||
               controllers.find(",memory") != std::string::npos) {
      base = "/sys/fs/cgroup/memory", file = "memory.limit_in_bytes";
    } else {
      continue;
    }
    while (true) {
      std::ifstream f(base + path + (path == "/" ? "" : "/") + file);
      unsigned long long v = 0;
      if (f >> v) limit = std::min<size_t>(limit, static_cast<size_t>(v));
      if (path.empty() || path == "/") break;
      const size_t slash = path.rfind('/');
      path = slash == 0 ? "/" : path.substr(0, slash);
    }
  }
  return limit;
}

}  // namespace

void* allocate(size_t bytes) {
  if (!large(bytes)) return ::operator new(bytes);
  const size_t n = pageRounded(bytes);
  if (Spill& s = spill(); s.on.load()) {
    std::lock_guard lock(s.mutex);
    if (void* p = allocateSpilled(s, n, 0)) return p;
  }
  return allocateInMemory(n);
}

void deallocate(void* p, size_t bytes) noexcept {
  if (p == nullptr) return;
  if (!large(bytes)) {
    ::operator delete(p);  // unsized: clang 14 does not enable sized deallocation by default
    return;
  }
  const size_t n = pageRounded(bytes);
  if (deallocateSpilled(p, n)) return;
  ::munmap(p, n);
  memoryBytes -= n;
}

void* reallocate(void* p, size_t oldBytes, size_t newBytes, size_t keep) {
  if (p != nullptr && large(oldBytes) && large(newBytes)) {
    const size_t from = pageRounded(oldBytes), to = pageRounded(newBytes);
    Spill& s = spill();
    std::unique_lock lock(s.mutex);
    if (auto it = s.files.find(p); it != s.files.end()) {  // a spilled block grows in its file
      const int fd = it->second;
      if (to > from && ::ftruncate(fd, static_cast<off_t>(to)) != 0) throw std::bad_alloc();
      void* q = ::mremap(p, from, to, MREMAP_MAYMOVE);
      if (q == MAP_FAILED) throw std::bad_alloc();
      if (to < from) (void)::ftruncate(fd, static_cast<off_t>(to));
      s.files.erase(it);
      s.files.emplace(q, fd);
      s.spilledBytes = s.spilledBytes - from + to;
      s.peakSpilledBytes = std::max(s.peakSpilledBytes, s.spilledBytes);
      return q;
    }
    if (to > from) {  // a block in memory that would pass the budget moves to a file
      if (void* q = allocateSpilled(s, to, from)) {
        lock.unlock();
        std::memcpy(q, p, keep);
        ::munmap(p, from);
        memoryBytes -= from;
        return q;
      }
    }
    lock.unlock();
    void* q = ::mremap(p, from, to, MREMAP_MAYMOVE);
    if (q == MAP_FAILED) throw std::bad_alloc();
    adviseHuge(q, to);
    memoryBytes += to;
    memoryBytes -= from;
    return q;
  }
  void* q = allocate(newBytes);
  if (keep != 0) std::memcpy(q, p, keep);
  deallocate(p, oldBytes);
  return q;
}

std::string startSpilling(const std::string& dir, size_t budgetBytes) {
  const int fd = openUnnamed(dir);
  if (fd < 0) return "cannot make temporary files in '" + dir + "': " + std::strerror(errno);
  ::close(fd);
  Spill& s = spill();
  std::lock_guard lock(s.mutex);
  s.on = true;
  s.dir = dir;
  s.budget = budgetBytes;
  s.peakSpilledBytes = s.spilledBytes;
  return {};
}

void stopSpilling() {
  Spill& s = spill();
  std::lock_guard lock(s.mutex);
  s.on = false;
}

Usage usage() {
  Spill& s = spill();
  std::lock_guard lock(s.mutex);
  return {memoryBytes.load(), s.spilledBytes, s.peakSpilledBytes};
}

namespace {
std::atomic<size_t> windowForTesting{0};
}  // namespace

size_t randomWindow() {
  if (const size_t w = windowForTesting.load(); w != 0) return w;
  Spill& s = spill();
  std::lock_guard lock(s.mutex);
  return s.on ? std::max(s.budget / 4, kMinBytes) : SIZE_MAX;
}

void setRandomWindowForTesting(size_t bytes) {
  windowForTesting = bytes;
}

size_t usableMemory() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  const size_t physical =
      pages > 0 && page > 0 ? static_cast<size_t>(pages) * static_cast<size_t>(page) : SIZE_MAX;
  return std::min(physical, cgroupLimit());
}

}  // namespace silkgraph::huge_pages
