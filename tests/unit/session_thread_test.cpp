// Bolt sessions (server/session.h) driven from eight threads at once in process, as the
// listener's connection threads drive them: autocommit writes, explicit transactions that
// commit or roll back, and streaming reads, all on one Database under the server's lock.
// Afterwards exactly the committed writes are there, and every read saw whole statements.
// In make test-tsan's filter (*Thread*), which checks the session, result-stream and lock
// code for data races.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "main/database.h"
#include "server/session.h"

namespace silkgraph::server {
namespace {

BoltMessage message(BoltTag tag, std::vector<Value> fields = {}) {
  return BoltMessage{tag, std::move(fields)};
}

BoltMessage runMessage(const std::string& query, ValueMap params = {}) {
  return message(BoltTag::Run, {Value(query), Value(std::move(params)), Value(ValueMap{})});
}

BoltMessage pullAll() {
  return message(BoltTag::Pull, {Value(ValueMap{{"n", Value(int64_t{-1})}})});
}

// The tag of an encoded response (a one-field or more structure: B? TAG ...).
uint8_t tagOf(const std::string& response) {
  return static_cast<uint8_t>(response.at(1));
}

// Handles one request; returns the responses' tags.
std::vector<uint8_t> send(Session& s, const BoltMessage& m) {
  std::vector<std::string> out;
  EXPECT_TRUE(s.handle(m, out));
  std::vector<uint8_t> tags;
  for (const std::string& r : out) tags.push_back(tagOf(r));
  return tags;
}

constexpr uint8_t kSuccess = 0x70;

TEST(SessionThreadTest, EightSessionsWriteAndReadAtOnce) {
  Database db;
  db.execute("CREATE (:Pair {k: -1})-[:WITH]->(:Pair {k: -1})");
  ServerState state(db);
  constexpr int kThreads = 8, kRounds = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Session s(state, 4, 4);
      if (send(s, message(BoltTag::Hello, {Value(ValueMap{})})) != std::vector<uint8_t>{kSuccess})
        ++failures;
      for (int i = 0; i < kRounds; ++i) {
        const int64_t key = t * 1000 + i;
        const std::string pair = "CREATE (:Pair {k: $k})-[:WITH]->(:Pair {k: $k})";
        if (t % 2 == 0) {
          // A read: every pair it sees is whole (two nodes of each key).
          if (send(s, runMessage("MATCH (p:Pair) WITH p.k AS k, count(*) AS n WHERE n <> 2 "
                                 "RETURN count(k) AS broken")) != std::vector<uint8_t>{kSuccess})
            ++failures;
          std::vector<std::string> out;
          s.handle(pullAll(), out);
          // RECORD [0], then the summary.
          if (out.size() != 2 || out[0] != std::string("\xB1\x71\x91\x00", 4) ||
              tagOf(out[1]) != kSuccess)
            ++failures;
        } else if (i % 3 == 0) {
          // An explicit transaction; every other one rolls back.
          send(s, message(BoltTag::Begin, {Value(ValueMap{})}));
          send(s, runMessage(pair, {{"k", Value(key)}}));
          send(s, pullAll());
          const bool commit = i % 2 == 0;
          if (send(s, message(commit ? BoltTag::Commit : BoltTag::Rollback)) !=
              std::vector<uint8_t>{kSuccess})
            ++failures;
        } else {
          send(s, runMessage(pair, {{"k", Value(key)}}));
          if (send(s, pullAll()) != std::vector<uint8_t>{kSuccess}) ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  // Odd threads wrote 20 rounds each: 13 autocommit pairs, and of the 7 transactions
  // (i = 0, 3, ..., 18) the 4 with an even i committed.
  const QueryResult r = db.execute("MATCH (p:Pair) WHERE p.k >= 0 RETURN count(p) AS n");
  EXPECT_EQ(r.rows.at(0).at(0).asInt(), (kThreads / 2) * (13 + 4) * 2);
  const QueryResult broken =
      db.execute("MATCH (p:Pair) WITH p.k AS k, count(*) AS n WHERE n <> 2 RETURN count(k)");
  EXPECT_EQ(broken.rows.at(0).at(0).asInt(), 0);
}

}  // namespace
}  // namespace silkgraph::server
