// The writer-preferring reader/writer lock (see rw_lock.h).
#include "server/rw_lock.h"

#include <algorithm>

namespace silkgraph::server {

template <typename Free>
bool RwLock::waitUntil(std::unique_lock<std::mutex>& g, Free free, Clock::time_point deadline,
                       const std::function<bool()>* giveUp, std::chrono::milliseconds poll) {
  if (!giveUp || !*giveUp) {
    if (deadline == Clock::time_point::max()) {
      changed_.wait(g, free);
      return true;
    }
    return changed_.wait_until(g, deadline, free);
  }
  for (;;) {
    if (free()) return true;
    const Clock::time_point now = Clock::now();
    if (now >= deadline) return false;
    g.unlock();  // giveUp may take time (a system call): the lock's users need not wait for it
    const bool stop = (*giveUp)();
    g.lock();
    if (stop) return false;
    changed_.wait_until(g, std::min(deadline, now + poll), free);
  }
}

bool RwLock::try_lock_until(Clock::time_point deadline) {
  return try_lock_until(deadline, {}, {});
}

bool RwLock::try_lock_until(Clock::time_point deadline, const std::function<bool()>& giveUp,
                            std::chrono::milliseconds poll) {
  std::unique_lock<std::mutex> g(mutex_);
  auto free = [this] { return !writer_ && readers_ == 0; };
  if (!free()) {
    if (deadline <= Clock::now()) return false;
    ++writersWaiting_;
    const bool got = waitUntil(g, free, deadline, &giveUp, poll);
    --writersWaiting_;
    if (!got) {
      changed_.notify_all();  // readers held back by this writer may go
      return false;
    }
  }
  writer_ = true;
  return true;
}

void RwLock::unlock() {
  {
    std::lock_guard<std::mutex> g(mutex_);
    writer_ = false;
  }
  changed_.notify_all();
}

bool RwLock::try_lock_shared_until(Clock::time_point deadline) {
  return try_lock_shared_until(deadline, {}, {});
}

bool RwLock::try_lock_shared_until(Clock::time_point deadline, const std::function<bool()>& giveUp,
                                   std::chrono::milliseconds poll) {
  std::unique_lock<std::mutex> g(mutex_);
  auto free = [this] { return !writer_ && writersWaiting_ == 0; };
  if (!free()) {
    if (deadline <= Clock::now()) return false;
    if (!waitUntil(g, free, deadline, &giveUp, poll)) return false;
  }
  ++readers_;
  return true;
}

void RwLock::unlock_shared() {
  bool last = false;
  {
    std::lock_guard<std::mutex> g(mutex_);
    last = --readers_ == 0;
  }
  if (last) changed_.notify_all();
}

int RwLock::writersWaiting() const {
  std::lock_guard<std::mutex> g(mutex_);
  return writersWaiting_;
}

}  // namespace silkgraph::server
