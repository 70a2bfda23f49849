// Reads (Database::isRead) run from several threads at once on one Database while a writer
// runs between them under the exclusive side of a reader/writer lock, as the server does
// (server/session.h). The suite's name has "Thread" in it, so `make test-tsan` runs it under
// ThreadSanitizer.
#include <gtest/gtest.h>

#include <cstdint>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "main/database.h"
#include "main/result_cursor.h"

namespace silkgraph {
namespace {

constexpr int kNodes = 200;
constexpr int kWrites = 20;
constexpr int kReaders = 4;
constexpr int kRounds = 15;

int64_t single(Database& db, const std::string& query) {
  QueryResult r = db.execute(query);
  EXPECT_EQ(r.rows.size(), 1u) << query;
  return r.rows.empty() ? -1 : r.rows[0][0].asInt();
}

TEST(ConcurrentReadThreadsTest, WhatIsARead) {
  Database db;
  EXPECT_TRUE(Database::isRead(db.prepare("MATCH (n) RETURN count(n)")));
  EXPECT_TRUE(Database::isRead(db.prepare("RETURN resolve('x') AS r UNION ALL RETURN 1 AS r")));
  EXPECT_TRUE(Database::isRead(db.prepare("EXPLAIN MATCH (n) RETURN n")));
  EXPECT_FALSE(Database::isRead(db.prepare("MATCH (n) SET n.x = 1")));
  EXPECT_FALSE(Database::isRead(db.prepare("MERGE (n:P {i: 1}) RETURN n")));
  EXPECT_FALSE(Database::isRead(db.prepare("MATCH (n) RETURN n UNION ALL CREATE (m) RETURN m")));
  EXPECT_FALSE(Database::isRead(db.prepare("CALL db.labels()")));  // a procedure may write
  EXPECT_FALSE(Database::isRead(db.prepare("CREATE INDEX FOR (n:P) ON (n.i)")));
  EXPECT_FALSE(Database::isRead(PreparedQuery{}));
}

TEST(ConcurrentReadThreadsTest, ReadersBesideAWriter) {
  Database db;
  db.execute("UNWIND range(0, " + std::to_string(kNodes - 1) +
             ") AS i CREATE (:P {i: i, name: 'p' + toString(i)})");
  db.execute("MATCH (a:P), (b:P) WHERE b.i = a.i + 1 CREATE (a)-[:NEXT]->(b)");
  std::shared_mutex lock;
  std::vector<std::thread> threads;
  for (int t = 0; t < kReaders; ++t) {
    threads.emplace_back([&db, &lock] {
      int64_t seen = 0;
      for (int round = 0; round < kRounds; ++round) {
        std::unique_ptr<ResultCursor> cursor;
        {
          std::shared_lock read(lock);
          const int64_t count = single(db, "MATCH (n:P) RETURN count(n)");
          EXPECT_GE(count, seen);  // the writer only adds nodes
          EXPECT_LE(count, kNodes + kWrites);
          seen = count;
          EXPECT_EQ(single(db, "MATCH (n:P) WHERE n.i < 1000 RETURN sum(n.i)"),
                    int64_t{kNodes} * (kNodes - 1) / 2);
          EXPECT_EQ(single(db, "MATCH (:P)-[r:NEXT]->(:P) RETURN count(r)"), kNodes - 1);
          EXPECT_EQ(single(db, "RETURN resolve('p17').i"), 17);
          EXPECT_EQ(single(db,
                           "MATCH p = shortestPath((:P {i: 3})-[:NEXT*]->(:P {i: 60})) "
                           "RETURN length(p)"),
                    57);
          // Many rows: its statement runs on a thread of its own, on past the lock.
          cursor =
              db.openCursor(db.prepare("MATCH (a:P), (b:P) RETURN a.i, b.i"), {}, ExecuteOptions{});
        }
        std::vector<Value> row;
        for (int i = 0; i < 3000; ++i) ASSERT_TRUE(cursor->next(row));
        if (round % 2 == 0) {
          cursor->close();
        } else {
          int64_t rows = 3000;
          while (cursor->next(row)) ++rows;
          EXPECT_GE(rows, int64_t{kNodes} * kNodes);
        }
      }
    });
  }
  threads.emplace_back([&db, &lock] {
    for (int k = 0; k < kWrites; ++k) {
      {
        std::unique_lock write(lock);
        Params params{{"k", Value(int64_t{k})}};
        db.execute("CREATE (:P {i: 1000 + $k, name: 'w' + toString($k)})", params);
        db.execute("MATCH (n:P {i: 5}) SET n.seen = coalesce(n.seen, 0) + 1");
        EXPECT_GE(db.execute("CALL db.labels()").rows.size(), 1u);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  for (auto& t : threads) t.join();
  EXPECT_EQ(single(db, "MATCH (n:P) RETURN count(n)"), kNodes + kWrites);
  EXPECT_EQ(single(db, "MATCH (n:P {i: 5}) RETURN n.seen"), kWrites);
  EXPECT_EQ(single(db, "RETURN resolve('w7').i"), 1007);
}

}  // namespace
}  // namespace silkgraph
