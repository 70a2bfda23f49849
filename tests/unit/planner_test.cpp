// Planner: the plan shapes of its pushdowns, read from EXPLAIN. Their answers are checked
// against row-by-row evaluation in tests/queries/pushdown.test.
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

TEST_F(PlannerTest, WhereConjunctsOnTheExpandedRelationshipGoIntoTheExpand) {
  std::string p = plan("MATCH (n:N {id: 'a'})-[r:T]->(m:N) WHERE r.s = 'x' AND 2 > r.i RETURN m");
  EXPECT_TRUE(has(p, "| Expand ()-[:T {s = 'x', i < 2}]->(:N)")) << p;
  EXPECT_FALSE(has(p, "| Filter")) << p;
}

TEST_F(PlannerTest, PatternPropertiesAndTargetNodeFiltersGoIntoTheExpand) {
  std::string p = plan("MATCH (n:N {id: 'a'})-[r:T {s: 'x'}]->(m:N) WHERE m.id <> 'c' RETURN m");
  EXPECT_TRUE(has(p, "| Expand ()-[:T {s = 'x'}]->(:N {id <> 'c'})")) << p;
  p = plan("MATCH (n:N {id: 'a'})-[r:T]->(m) WHERE r.s IS NOT NULL AND m.id IS NULL RETURN m");
  EXPECT_TRUE(has(p, "| Expand ()-[:T {s IS NOT NULL}]->({id IS NULL})")) << p;
}

TEST_F(PlannerTest, ValuesKnownBeforeTheStepArePushedOthersStayFilters) {
  // n is bound before the expansion: its property is a usable value.
  std::string p = plan("MATCH (n:N {id: 'a'})-[r:T]->(m) WHERE r.s = n.id RETURN m");
  EXPECT_TRUE(has(p, "| Expand ()-[:T {s = <expr>}]->()")) << p;
  // m is bound by the expansion itself, rand() is not deterministic: both stay filters.
  p = plan("MATCH (n:N {id: 'a'})-[r:T]->(m) WHERE r.s = m.id AND r.i < rand() RETURN m");
  EXPECT_TRUE(has(p, "| Expand ()-[:T]->()\n")) << p;
  EXPECT_TRUE(has(p, "| Filter\n")) << p;
  // A comparison between two properties of the relationship is not a pushed predicate.
  p = plan("MATCH (n:N {id: 'a'})-[r:T]->(m) WHERE r.s = r.t RETURN m");
  EXPECT_TRUE(has(p, "| Filter")) << p;
}

TEST_F(PlannerTest, ScansRelationshipsWhenTheAnchorWouldMeetThemAll) {
  std::string p = plan("MATCH ()-[r:T]->() RETURN r.s AS s, sum(r.i) AS total");
  EXPECT_TRUE(has(p, "| RelationshipTypeScan ()-[:T]->()")) << p;
  p = plan("MATCH (a:N)-[r:T]->(b:N) WHERE r.i > 1 RETURN a, b ORDER BY r.i LIMIT 2");
  EXPECT_TRUE(has(p, "| RelationshipTypeScan (:N)-[:T {i > 1}]->(:N)")) << p;
  p = plan("MATCH (a)<-[r]-(b) RETURN count(*) AS c");
  EXPECT_TRUE(has(p, "| RelationshipScan ()<-[]-()")) << p;
}

TEST_F(PlannerTest, ExpandsFromASelectiveAnchorInsteadOfScanning) {
  // An index seek.
  std::string p = plan("MATCH (a:N {id: 'a'})-[r:T]->(b) RETURN b");
  EXPECT_TRUE(has(p, "| NodeIndexSeek (:N key)")) << p;
  EXPECT_FALSE(has(p, "Scan")) << p;
  // A label whose nodes have few of the type's relationships: one L node, no T at all.
  p = plan("MATCH (l:L)-[r:T]->(b) RETURN b");
  EXPECT_TRUE(has(p, "| NodeByLabelScan (:L)")) << p;
  // The same node twice: not a scan of the relationships.
  p = plan("MATCH (x)-[r:T]->(x) RETURN x");
  EXPECT_FALSE(has(p, "RelationshipTypeScan")) << p;
}

TEST_F(PlannerTest, MatchesFeedingDistinctConsumersDropDuplicateRows) {
  std::string p = plan("MATCH (k:N {id: 'a'})-[:T]->()-[:T]->(c) RETURN count(DISTINCT c) AS n");
  size_t first = p.find("| Expand ()-[:T]->() (distinct rows)\n");
  ASSERT_NE(first, std::string::npos) << p;
  EXPECT_NE(p.find("| Expand ()-[:T]->() (distinct rows)\n", first + 1), std::string::npos) << p;
  p = plan("MATCH (k:N {id: 'a'})-[:T]->()-[:T]->(c) RETURN DISTINCT c.id AS c LIMIT 2");
  EXPECT_TRUE(has(p, "(distinct rows)")) << p;
  p = plan("MATCH (n:N) OPTIONAL MATCH (s)-[:T]->(n) RETURN n.id AS n, count(DISTINCT s) AS c");
  EXPECT_TRUE(has(p, "| Expand ()<-[:T]-() (distinct rows)")) << p;
  p = plan("MATCH (k:N {id: 'a'})-[:T]->()-[:T]->(c) RETURN max(c.id) AS m");
  EXPECT_TRUE(has(p, "(distinct rows)")) << p;
  // A write after a DISTINCT projection: the rows before it may still be deduplicated.
  p = plan("MATCH (k:N {id: 'a'})-[:T]->()-[:T]->(c) WITH DISTINCT c SET c.seen = true");
  EXPECT_TRUE(has(p, "(distinct rows)")) << p;
}

TEST_F(PlannerTest, MatchesWhoseRowsAllCountKeepThem) {
  for (const char* q : {
           "MATCH (k:N {id: 'a'})-[:T]->()-[:T]->(c) RETURN count(c) AS n",
           "MATCH (k:N {id: 'a'})-[:T]->()-[:T]->(c) RETURN count(*) AS n, count(DISTINCT c) AS d",
           "MATCH (k:N {id: 'a'})-[:T]->()-[:T]->(c) RETURN c.id AS c",
           "MATCH (k:N {id: 'a'})-[:T]->()-[:T]->(c) WITH c LIMIT 1 RETURN DISTINCT c.id AS c",
           "MATCH (k:N {id: 'a'})-[:T]->()-[:T]->(c) WITH c SET c.seen = true",
           // The relationship itself is returned: every row differs.
           "MATCH (k:N {id: 'a'})-[r:T]->(m) RETURN DISTINCT r",
           // rand(): rows that agree on their slots are not interchangeable.
           "MATCH (k:N {id: 'a'})-[:T]->()-[:T]->(c) RETURN DISTINCT c.id AS c, rand() AS x",
           "MATCH (k:N {id: 'a'})-[:T]->()-[:T]->(c) WHERE rand() < c.x RETURN count(DISTINCT c) "
           "AS n",
           "MATCH (k:N {id: 'a'})-[:T]->()-[:T]->(c) WITH c WHERE rand() < 0.5 RETURN "
           "count(DISTINCT c) AS n",
       }) {
    std::string p = plan(q);
    EXPECT_FALSE(has(p, "(distinct rows)")) << q << "\n" << p;
  }
}

}  // namespace
}  // namespace silkgraph

namespace silkgraph {
namespace {

TEST_F(PlannerTest, TopKSortsBoundTheStepThatBindsTheirFirstKey) {
  std::string p =
      plan("MATCH (a:N)-[r:T]->(b:N) RETURN a.id AS a, r.i AS i ORDER BY i DESC, a LIMIT 2");
  EXPECT_TRUE(has(p, "| RelationshipTypeScan (:N)-[:T]->(:N) (top-k bound on i)")) << p;
  p = plan("MATCH (n:N {id: 'a'})-[r:T]->(m) RETURN m ORDER BY m.id SKIP 1 LIMIT 1");
  EXPECT_TRUE(has(p, "| Expand ()-[:T]->() (top-k bound on id)")) << p;
  p = plan("MATCH (n:N) RETURN n.id AS id ORDER BY id LIMIT 1");
  EXPECT_TRUE(has(p, "| NodeByLabelScan (:N) (top-k bound on id)")) << p;
  // No LIMIT, a computed key, or an aggregation in between: no bound.
  for (const char* q :
       {"MATCH (n:N) RETURN n.id AS id ORDER BY id",
        "MATCH (n:N) RETURN n.id AS id ORDER BY id + 'x' LIMIT 1",
        "MATCH (n:N)-[r:T]->() RETURN n.id AS id, count(r) AS c ORDER BY id LIMIT 1"}) {
    p = plan(q);
    EXPECT_FALSE(has(p, "top-k")) << q << "\n" << p;
  }
}

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
