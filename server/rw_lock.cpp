// The writer-preferring reader/writer lock (see rw_lock.h).
#include "server/rw_lock.h"

namespace silkgraph::server {

bool RwLock::try_lock_until(Clock::time_point deadline) {
  std::unique_lock<std::mutex> g(mutex_);
  auto free = [this] { return !writer_ && readers_ == 0; };
  if (!free()) {
    if (deadline <= Clock::now()) return false;
    ++writersWaiting_;
    const bool got = deadline == Clock::time_point::max() ? (changed_.wait(g, free), true)
                                                          : changed_.wait_until(g, deadline, free);
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
  std::unique_lock<std::mutex> g(mutex_);
  auto free = [this] { return !writer_ && writersWaiting_ == 0; };
  if (!free()) {
    if (deadline <= Clock::now()) return false;
    const bool got = deadline == Clock::time_point::max() ? (changed_.wait(g, free), true)
                                                          : changed_.wait_until(g, deadline, free);
    if (!got) return false;
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
