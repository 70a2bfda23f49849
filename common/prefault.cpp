// Implements common/prefault.h: one detached worker thread and a queue of ranges. Its state
// is never destroyed, so a process may exit while the worker is inside madvise.
#include "common/prefault.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>

namespace silkgraph::prefault {
namespace {

constexpr size_t kMinBytes = size_t{4} << 20;
constexpr size_t kStep = size_t{32} << 20;

struct Worker {
  std::mutex m;
  std::condition_variable cv, idle;
  std::deque<std::pair<uintptr_t, size_t>> ranges;
  bool busy = false, started = false, unsupported = false;

  void run() {
    std::unique_lock<std::mutex> lock(m);
    while (true) {
      cv.wait(lock, [&] { return !ranges.empty(); });
      auto [begin, bytes] = ranges.front();
      ranges.pop_front();
      busy = true;
      lock.unlock();
      bool ok = populate(begin, bytes);
      lock.lock();
      busy = false;
      if (!ok) {
        unsupported = true;
        ranges.clear();
      }
      if (ranges.empty()) idle.notify_all();
    }
  }
  // False when the kernel does not know the advice.
  static bool populate(uintptr_t begin, size_t bytes) {
#ifdef MADV_POPULATE_WRITE
    for (size_t off = 0; off < bytes; off += kStep) {
      const size_t n = bytes - off < kStep ? bytes - off : kStep;
      // ENOMEM: (part of) the range is no longer mapped; EFAULT/EPERM: not writable. Skip.
      if (::madvise(reinterpret_cast<void*>(begin + off), n, MADV_POPULATE_WRITE) != 0 &&
          errno == EINVAL)
        return false;
    }
    return true;
#else
    (void)begin;
    (void)bytes;
    return false;
#endif
  }
};

Worker& worker() {
  static Worker* w = new Worker;  // never destroyed (see the header comment)
  return *w;
}

}  // namespace

void populateAsync(const void* p, size_t bytes) {
  if (bytes < kMinBytes) return;
  const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = (reinterpret_cast<uintptr_t>(p) + page - 1) / page * page;
  const uintptr_t end = (reinterpret_cast<uintptr_t>(p) + bytes) / page * page;
  if (end <= begin) return;
  Worker& w = worker();
  std::lock_guard<std::mutex> lock(w.m);
  if (w.unsupported) return;
  w.ranges.emplace_back(begin, end - begin);
  if (!w.started) {
    w.started = true;
    std::thread([&w] { w.run(); }).detach();
  }
  w.cv.notify_one();
}

void waitIdle() {
  Worker& w = worker();
  std::unique_lock<std::mutex> lock(w.m);
  w.idle.wait(lock, [&] { return w.ranges.empty() && !w.busy; });
}

}  // namespace silkgraph::prefault
