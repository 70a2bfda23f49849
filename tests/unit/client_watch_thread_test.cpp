// The watcher of an HTTP client (server/http_watch.h): while a statement runs, it writes a
// space every interval; when a write fails (the client closed the connection) it sets the
// statement's cancel flag, and the statement stops; it sets the flag too when the server
// stops statements (the shutdown); a client that stays gets its answer with nothing stopped.
// In make test-tsan's filter (*Thread*): the watcher, the statement and the writes run on
// different threads.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>

#include "engine/error.h"
#include "main/database.h"
#include "server/http_watch.h"

namespace silkgraph::server {
namespace {

using namespace std::chrono_literals;

// 10^10 rows: runs until something stops it.
constexpr const char* kEndless =
    "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a, b WHERE a + b < 0 "
    "RETURN count(*) AS n";

ErrorKind runStopped(Database& db, const std::atomic<bool>& cancel) {
  ExecuteOptions options;
  options.cancel = &cancel;
  try {
    db.execute(kEndless, {}, options);
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::InternalError;  // it ended by itself: not expected
}

TEST(ClientWatchThreadTest, AClientThatLeavesStopsTheStatement) {
  Database db;
  std::atomic<int> writes{0};
  const std::atomic<bool> serverStop{false};
  // The first two writes succeed, as the first after a close does; then the client is gone.
  ClientWatch watch(
      [&](const char* data, size_t n) {
        EXPECT_EQ(std::string(data, n), " ");
        return ++writes <= 2;
      },
      serverStop, 5ms);
  EXPECT_EQ(runStopped(db, watch.cancel()), ErrorKind::Cancelled);
  EXPECT_TRUE(watch.clientGone());
  EXPECT_FALSE(watch.stop());
  EXPECT_EQ(writes.load(), 3);  // no write after the failed one
}

TEST(ClientWatchThreadTest, TheShutdownStopsTheStatement) {
  Database db;
  std::atomic<bool> serverStop{false};
  ClientWatch watch([](const char*, size_t) { return true; }, serverStop, 5ms);
  serverStop = true;
  EXPECT_EQ(runStopped(db, watch.cancel()), ErrorKind::Cancelled);
  EXPECT_TRUE(watch.stop());  // the client is still there, for the error
}

TEST(ClientWatchThreadTest, AClientThatStaysGetsItsAnswer) {
  Database db;
  const std::atomic<bool> serverStop{false};
  std::atomic<int> writes{0};
  ClientWatch watch([&](const char*, size_t) { return ++writes > 0; }, serverStop, 1ms);
  ExecuteOptions options;
  options.cancel = &watch.cancel();
  const QueryResult r = db.execute(
      "UNWIND range(1, 3000) AS a UNWIND range(1, 300) AS b RETURN count(*) AS n", {}, options);
  EXPECT_TRUE(watch.stop());
  EXPECT_FALSE(watch.cancel());
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].asInt(), 900000);
}

}  // namespace
}  // namespace silkgraph::server
