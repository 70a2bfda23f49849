// Planner: PROFILE's counts and times per operator, and answers of deduplicating plans on a
// random multigraph. The plan shapes themselves are data: tests/queries/planner_plans.test
// and optimizer_plans.test.
#include <gtest/gtest.h>

#include <string>

#include "main/database.h"

namespace silkgraph {
namespace {

class PlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db.execute(
        "CREATE (a:N {id: 'a'}), (b:N {id: 'b'}), (c:N {id: 'c'}), (l:L {id: 'l'}), "
        "(a)-[:T {s: 'x', i: 1}]->(b), (b)-[:T {s: 'y', i: 2}]->(c), (c)-[:T {s: 'x', i: 3}]->(a), "
        "(a)-[:T {s: 'z', i: 4}]->(c), (l)-[:U]->(a)");
    db.graph().createKeyIndex(db.graph().internLabel("N"), db.graph().internKey("id"));
  }
  std::string plan(const std::string& query) {
    QueryResult r = db.execute("EXPLAIN " + query);
    EXPECT_TRUE(r.explain);
    return r.plan;
  }
  static bool has(const std::string& plan, const std::string& line) {
    return plan.find(line) != std::string::npos;
  }
  Database db;
};

TEST_F(PlannerTest, ProfileReturnsRowsAndThePlanWithRowsPerOperator) {
  // Relationship batches (the type scan) and single rows are both counted; LIMIT stops the
  // count where the rows stop.
  QueryResult r = db.execute("PROFILE MATCH ()-[r:T]->() WHERE r.i > 1 RETURN r.i AS i ORDER BY i");
  EXPECT_FALSE(r.explain);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_TRUE(has(r.plan, "ProduceResults [3 rows, ")) << r.plan;
  EXPECT_TRUE(has(r.plan, "Match [3 rows, ")) << r.plan;
  // Each operator's own time, in milliseconds with three decimals.
  for (const char* op : {"ProduceResults", "Sort", "Project", "Match"}) {
    size_t at = r.plan.find(op);
    ASSERT_NE(at, std::string::npos) << op << "\n" << r.plan;
    size_t comma = r.plan.find(", ", at), end = r.plan.find(" ms]\n", at);
    ASSERT_NE(end, std::string::npos) << op << "\n" << r.plan;
    std::string ms = r.plan.substr(comma + 2, end - comma - 2);
    EXPECT_GE(std::stod(ms), 0.0) << ms;
    EXPECT_EQ(ms.size() - ms.find('.'), 4u) << ms;
  }
  r = db.execute("PROFILE UNWIND range(1, 100) AS x WITH x WHERE x % 2 = 0 RETURN x LIMIT 1");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_TRUE(has(r.plan, "Unwind [2 rows, ")) << r.plan;
  EXPECT_TRUE(has(r.plan, "ProduceResults [1 row, ")) << r.plan;
  // EXPLAIN has no counts.
  EXPECT_FALSE(has(plan("MATCH (n:N) RETURN n"), " ms]"));
}

}  // namespace
}  // namespace silkgraph

namespace silkgraph {
namespace {

TEST(DedupeAnswers, DistinctCountsEqualThoseOfPlansThatKeepEveryRow) {
  // A random multigraph (parallel relationships, self-loops, both directions): the count of
  // distinct end nodes from a plan that drops duplicate rows early (and skips nodes already
  // reached before checking anything else) must equal the one from a plan that keeps every
  // row (count(*) beside it turns deduplication off), also where relationship uniqueness
  // rejects some continuations (undirected hops).
  Database db;
  Graph& g = db.graph();
  const LabelId n = g.internLabel("N");
  const KeyId id = g.internKey("id");
  const TypeId t = g.internType("T");
  for (int i = 0; i < 30; ++i) {
    LabelId labels[] = {n};
    NodeId x = g.createNode(labels);
    g.setNodeProperty(x, id, Value(int64_t{i}));
  }
  uint32_t rng = 7;
  auto next = [&] { return rng = rng * 1664525u + 1013904223u, rng >> 8; };
  for (int k = 0; k < 200; ++k) g.createRel(next() % 30, next() % 30, t);
  g.compact();
  g.createKeyIndex(n, id);
  for (const char* pattern :
       {"(k:N {id: $k})-[:T]->()-[:T]->(c)", "(k:N {id: $k})-[:T]-()-[:T]-(c)",
        "(k:N {id: $k})<-[:T]-()-[:T]->()-[:T]-(c)", "(k:N {id: $k})-[:T]->(m)<-[:T]-(c:N)"}) {
    for (int64_t k = 0; k < 30; k += 7) {
      SCOPED_TRACE(std::string(pattern) + " k=" + std::to_string(k));
      Params params{{"k", Value(k)}};
      QueryResult early =
          db.execute(std::string("MATCH ") + pattern + " RETURN count(DISTINCT c) AS d", params);
      QueryResult all = db.execute(
          std::string("MATCH ") + pattern + " RETURN count(*) AS n, count(DISTINCT c) AS d",
          params);
      ASSERT_EQ(early.rows.size(), 1u);
      ASSERT_EQ(all.rows.size(), 1u);
      EXPECT_EQ(early.rows[0][0].asInt(), all.rows[0][1].asInt());
    }
  }
}

}  // namespace
}  // namespace silkgraph
