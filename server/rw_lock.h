// The server's reader/writer lock (ServerState::lock): many readers or one writer. Writers
// come first: once a writer waits, readers that arrive after it wait behind it, so reads
// running back to back on many sessions cannot keep a writer out; it waits only for the
// reads already running. Unlike std::shared_timed_mutex, it may be released by another
// thread than the one that took it: an HTTP transaction (http_transactions.h) takes it in
// one request and releases it in a later one, which another thread may serve. It meets the
// standard's SharedTimedLockable requirements, so std::unique_lock and std::shared_lock
// work with it.
//
// A wait may also be given up before its deadline: the *_until overloads that take `giveUp`
// ask it every `poll` while they wait (and once before), and return false when it says so.
// The server uses that for a client that left, or a shutdown, while its request waited for
// the lock (ServerState::takeLock in session.h).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace silkgraph::server {

class RwLock {
 public:
  using Clock = std::chrono::steady_clock;

  // ---- one writer ----
  void lock() { try_lock_until(Clock::time_point::max()); }
  bool try_lock() { return try_lock_until(Clock::time_point::min()); }
  template <typename Rep, typename Period>
  bool try_lock_for(const std::chrono::duration<Rep, Period>& wait) {
    return try_lock_until(Clock::now() + std::chrono::duration_cast<Clock::duration>(wait));
  }
  bool try_lock_until(Clock::time_point deadline);
  bool try_lock_until(Clock::time_point deadline, const std::function<bool()>& giveUp,
                      std::chrono::milliseconds poll);
  void unlock();

  // ---- many readers ----
  void lock_shared() { try_lock_shared_until(Clock::time_point::max()); }
  bool try_lock_shared() { return try_lock_shared_until(Clock::time_point::min()); }
  template <typename Rep, typename Period>
  bool try_lock_shared_for(const std::chrono::duration<Rep, Period>& wait) {
    return try_lock_shared_until(Clock::now() + std::chrono::duration_cast<Clock::duration>(wait));
  }
  bool try_lock_shared_until(Clock::time_point deadline);
  bool try_lock_shared_until(Clock::time_point deadline, const std::function<bool()>& giveUp,
                             std::chrono::milliseconds poll);
  void unlock_shared();

  // Writers waiting now (for tests and the log).
  int writersWaiting() const;

 private:
  // Waits (mutex_ held through `g`) until `free`, the deadline, or `giveUp`; whether free.
  template <typename Free>
  bool waitUntil(std::unique_lock<std::mutex>& g, Free free, Clock::time_point deadline,
                 const std::function<bool()>* giveUp, std::chrono::milliseconds poll);

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int readers_ = 0;
  bool writer_ = false;
  int writersWaiting_ = 0;
};

}  // namespace silkgraph::server
