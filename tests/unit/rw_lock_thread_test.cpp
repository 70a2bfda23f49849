// The server's reader/writer lock (server/rw_lock.h): many readers at once, one writer alone;
// once a writer waits, new readers wait behind it, so a writer gets the lock while readers on
// eight threads take it back to back (with a reader-preferring lock it would wait for them
// forever); a timed-out writer lets held-back readers in; another thread may release it. In
// make test-tsan's filter (*Thread*).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

#include "server/rw_lock.h"

namespace silkgraph::server {
namespace {

using namespace std::chrono_literals;

// Waits (without a time bound: ctest's timeout is the bound) until `lock` has `n` writers
// waiting.
void waitForWriters(const RwLock& lock, int n) {
  while (lock.writersWaiting() != n) std::this_thread::yield();
}

TEST(RwLockThreadTest, ReadersShareAndAWriterIsAlone) {
  RwLock lock;
  ASSERT_TRUE(lock.try_lock_shared());
  ASSERT_TRUE(lock.try_lock_shared());
  EXPECT_FALSE(lock.try_lock());
  lock.unlock_shared();
  EXPECT_FALSE(lock.try_lock());
  lock.unlock_shared();
  ASSERT_TRUE(lock.try_lock());
  EXPECT_FALSE(lock.try_lock_shared());
  EXPECT_FALSE(lock.try_lock());
  lock.unlock();
  EXPECT_TRUE(lock.try_lock_shared());
  lock.unlock_shared();
}

TEST(RwLockThreadTest, AWaitingWriterHoldsBackNewReaders) {
  RwLock lock;
  lock.lock_shared();
  std::atomic<bool> written{false};
  std::thread writer([&] {
    std::unique_lock<RwLock> g(lock);
    written = true;
  });
  waitForWriters(lock, 1);
  EXPECT_FALSE(lock.try_lock_shared());  // a new reader waits behind the writer
  EXPECT_FALSE(written);
  lock.unlock_shared();  // the last running read ends: the writer goes
  writer.join();
  EXPECT_TRUE(written);
  EXPECT_TRUE(lock.try_lock_shared());
  lock.unlock_shared();
}

TEST(RwLockThreadTest, AWriterGetsTheLockWhileEightReadersLoop) {
  RwLock lock;
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> reads{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 8; ++i) {
    readers.emplace_back([&] {
      while (!stop) {
        std::shared_lock<RwLock> g(lock);
        ++reads;
        std::this_thread::yield();
      }
    });
  }
  while (reads < 1000) std::this_thread::yield();  // the readers overlap, back to back
  int shared = 0;
  for (int round = 0; round < 20; ++round) {
    std::unique_lock<RwLock> g(lock);  // returns: the writer is not starved
    shared += 1;
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(shared, 20);
  EXPECT_GE(reads.load(), 1000u);
}

TEST(RwLockThreadTest, AWriterThatGivesUpLetsHeldBackReadersIn) {
  RwLock lock;
  lock.lock_shared();
  std::atomic<bool> readerIn{false};
  std::thread writer([&] { EXPECT_FALSE(lock.try_lock_for(200ms)); });
  waitForWriters(lock, 1);
  std::thread reader([&] {
    lock.lock_shared();  // waits behind the writer until it gives up
    readerIn = true;
    lock.unlock_shared();
  });
  writer.join();
  reader.join();
  EXPECT_TRUE(readerIn);
  lock.unlock_shared();
  EXPECT_TRUE(lock.try_lock());
  lock.unlock();
}

TEST(RwLockThreadTest, AnotherThreadMayRelease) {
  RwLock lock;
  std::thread taker([&] { lock.lock(); });
  taker.join();
  EXPECT_FALSE(lock.try_lock_shared());
  std::thread releaser([&] { lock.unlock(); });
  releaser.join();
  EXPECT_TRUE(lock.try_lock_shared());
  lock.unlock_shared();
}

// A wait without a deadline ends when its giveUp says so (a client gone, the shutdown): the
// writer's and the reader's wait alike, without the lock, and a writer that gave up no longer
// holds back readers.
TEST(RwLockThreadTest, AWaitWithoutDeadlineEndsWhenItGivesUp) {
  RwLock lock;
  lock.lock();
  std::atomic<bool> stop{false};
  std::atomic<int> asked{0};
  const std::function<bool()> giveUp = [&] {
    ++asked;
    return stop.load();
  };
  std::atomic<int> results{0};
  std::thread writer([&] {
    EXPECT_FALSE(lock.try_lock_until(RwLock::Clock::time_point::max(), giveUp, 1ms));
    ++results;
  });
  std::thread reader([&] {
    EXPECT_FALSE(lock.try_lock_shared_until(RwLock::Clock::time_point::max(), giveUp, 1ms));
    ++results;
  });
  waitForWriters(lock, 1);
  while (asked < 4) std::this_thread::yield();  // both have asked, and wait on
  EXPECT_EQ(results, 0);
  stop = true;
  writer.join();
  reader.join();
  EXPECT_EQ(results, 2);
  EXPECT_EQ(lock.writersWaiting(), 0);
  lock.unlock();
  EXPECT_TRUE(lock.try_lock_shared());  // no writer left waiting in front of readers
  lock.unlock_shared();
  // A free lock is taken at once, whatever giveUp would say.
  EXPECT_TRUE(lock.try_lock_until(RwLock::Clock::time_point::max(), giveUp, 1ms));
  lock.unlock();
}

}  // namespace
}  // namespace silkgraph::server
