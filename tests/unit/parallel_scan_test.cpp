// Aggregations over every relationship of a type, split between threads
// (Database::setThreads, AggregateOp::pushRelRange), give exactly the rows of one thread: the
// same groups in the same order, the same counts and sums, nulls, deleted relationships,
// several types, integer overflow and cancellation.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "main/database.h"

namespace silkgraph {
namespace {

std::vector<std::vector<Value>> rows(Database& db, const std::string& q, unsigned threads) {
  db.setThreads(threads);
  return db.execute(q).rows;
}

void expectSameRows(Database& db, const std::string& q) {
  auto one = rows(db, q, 1);
  for (unsigned t : {2u, 3u}) {
    auto more = rows(db, q, t);
    ASSERT_EQ(one.size(), more.size()) << q;
    for (size_t i = 0; i < one.size(); ++i) {
      ASSERT_EQ(one[i].size(), more[i].size()) << q;
      for (size_t c = 0; c < one[i].size(); ++c)
        EXPECT_TRUE(ValueIdentical{}(one[i][c], more[i][c]))
            << q << "\nrow " << i << " column " << c << ": " << one[i][c].toCypherLiteral()
            << " vs " << more[i][c].toCypherLiteral() << " (" << t << " threads)";
    }
  }
}

class ParallelScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // 90,000 relationships (more than the 65,536 below which one thread does it all): a
    // string key with nulls, an integer and a float property, a second type, deletions.
    db.execute(
        "UNWIND range(0, 89999) AS i "
        "CREATE (:N {i: i})-[:T {k: CASE i % 7 WHEN 0 THEN null ELSE 'k' + toString(i % 5) END, "
        "v: i, w: toFloat(i % 100) / 8}]->(:N)");
    db.execute("UNWIND range(0, 999) AS i CREATE (:M)-[:U {k: 'k1', v: 1}]->(:M)");
    db.execute("MATCH ()-[r:T]->() WHERE r.v % 1000 = 3 DELETE r");
  }
  Database db;
};

TEST_F(ParallelScanTest, SameRowsAsOneThread) {
  for (const char* q : {
           "MATCH ()-[r:T]->() RETURN r.k AS k, count(*) AS c, sum(r.v) AS v, sum(r.w) AS w, "
           "avg(r.v) AS a",
           "MATCH ()-[r:T]->() RETURN count(*) AS c, sum(r.v) AS v, avg(r.w) AS a",
           "MATCH ()-[r:T|U]->() RETURN r.k AS k, count(*) AS c, sum(r.v) AS v",
           "MATCH ()-[r]->() RETURN r.k AS k, sum(r.v) AS v",
           "MATCH ()<-[r:T]-() RETURN r.k AS k, sum(r.nokey) AS none, avg(r.nokey) AS nothing",
           "MATCH ()-[r:T]->() RETURN r.k AS k, sum(r.w) AS w ORDER BY w DESC LIMIT 3",
           "OPTIONAL MATCH ()-[r:NONE]->() RETURN count(r) AS c, sum(r.v) AS v",
       })
    expectSameRows(db, q);
}

TEST_F(ParallelScanTest, KnownTotals) {
  auto r = rows(db, "MATCH ()-[r:T]->() RETURN count(*) AS c, sum(r.v) AS v", 2);
  ASSERT_EQ(r.size(), 1u);
  // 90 deleted ids (3, 1003, ..., 89003): 90 * 3 + 1000 * (0 + ... + 89) = 4,005,270.
  EXPECT_EQ(r[0][0].asInt(), 90000 - 90);
  EXPECT_EQ(r[0][1].asInt(), int64_t{89999} * 90000 / 2 - 4005270);
}

TEST_F(ParallelScanTest, IntegerOverflowIsAnErrorOnEveryPath) {
  db.execute("MATCH ()-[r:T]->() WHERE r.v = 5 SET r.v = 9223372036854775000");
  for (unsigned t : {1u, 2u}) {
    db.setThreads(t);
    try {
      db.execute("MATCH ()-[r:T]->() RETURN sum(r.v) AS v");
      ADD_FAILURE() << "expected an overflow with " << t << " threads";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::ArgumentError);
    }
  }
}

TEST_F(ParallelScanTest, CancelledBeforeItStarts) {
  std::atomic<bool> cancel{true};
  db.setThreads(2);
  try {
    db.execute("MATCH ()-[r:T]->() RETURN r.k AS k, sum(r.v) AS v", {}, &cancel);
    ADD_FAILURE() << "expected a cancellation";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
  }
}

}  // namespace
}  // namespace silkgraph
