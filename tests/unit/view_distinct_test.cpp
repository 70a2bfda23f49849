// Distinct neighbours under a view date (query/execution/view_distinct.h): a deduplicating
// expansion with --as-of walks the neighbours the view shows, each with its first shown
// relationship, and must answer as the plain scan does (the plan without the dedupe pass), on
// random graphs whose parallel relationships hold in different years, whose nodes may be
// hidden, after writes (the delta) and deletions.
#include "query/execution/view_distinct.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/graph_view.h"
#include "main/database.h"

using namespace silkgraph;

namespace {

// 60 :N nodes, a few of them valid only from 2021; `rels` :S relationships between near
// neighbours (self-loops now and then), each valid in one year of 2018-2022, or always.
void build(Database& db, uint32_t seed, int rels) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
  ValueList nodes, edges;
  for (int i = 0; i < 60; ++i)
    nodes.emplace_back(
        ValueMap{{"id", Value("n" + std::to_string(i))}, {"late", Value(i % 11 == 5)}});
  db.execute(
      "UNWIND $nodes AS x CREATE (:N {id: x.id, valid_from: CASE WHEN x.late THEN "
      "date('2021-01-01') END})",
      {{"nodes", Value(nodes)}});
  for (int i = 0; i < rels; ++i) {
    const int a = pick(60), b = (a + pick(9)) % 60;
    edges.emplace_back(ValueMap{{"a", Value("n" + std::to_string(a))},
                                {"b", Value("n" + std::to_string(b))},
                                {"year", Value(pick(6) == 0 ? 0 : 2018 + pick(5))}});
  }
  db.execute(
      "UNWIND $rels AS x MATCH (a:N {id: x.a}), (b:N {id: x.b}) CREATE (a)-[:S {valid_from: "
      "CASE WHEN x.year > 0 THEN date({year: x.year, month: 1, day: 1}) END, valid_to: CASE "
      "WHEN x.year > 0 THEN date({year: x.year, month: 12, day: 31}) END}]->(b)",
      {{"rels", Value(edges)}});
}

const std::vector<std::string> kQueries = {
    "MATCH (k:N {id: 'n3'})-[:S]->(:N)-[:S]->(c:N) RETURN count(DISTINCT c) AS reach",
    "MATCH (k:N)-[:S]->(m)-[:S]->(c) RETURN count(DISTINCT c) AS reach",
    "MATCH (n:N) OPTIONAL MATCH (s:N)-[:S]->(n) RETURN n.id AS id, count(DISTINCT s) AS k "
    "ORDER BY id",
    // The middle node's relationship may be met again (uniqueness: the twins after it).
    "MATCH (k:N {id: 'n3'})<-[:S]-(m)-[:S]->(c) RETURN count(DISTINCT c) AS reach",
    "MATCH (k:N)<-[:S]-(m:N)-[:S]->(c) RETURN k.id AS k, count(DISTINCT c) AS reach ORDER BY k",
    "MATCH (a:N)-[:S]->(b) RETURN a.id AS a, count(DISTINCT b) AS k ORDER BY a",
    "MATCH (a:N {id: 'n16'})-[:S]-(b) RETURN count(DISTINCT b) AS k",
};

// Every query with and without the dedupe pass, twice (the second time with the kept rows),
// for view dates in several years: the same rows. Returns how many rows came back.
size_t compareAll(Database& db, const std::string& what) {
  size_t rows = 0;
  for (const char* date : {"2018-06-30", "2020-02-29", "2021-12-31", "2025-01-01"}) {
    ExecuteOptions o;
    EXPECT_TRUE(parseDate(date, o.asOf.emplace()));
    for (int round = 0; round < 2; ++round) {
      for (const std::string& q : kQueries) {
        db.setOptimizerOptions({});
        QueryResult fast = db.execute(q, {}, o);
        db.setOptimizerOptions({{"dedupe"}});
        QueryResult slow = db.execute(q, {}, o);
        db.setOptimizerOptions({});
        EXPECT_EQ(fast.rows.size(), slow.rows.size()) << what << ", " << date << ": " << q;
        for (size_t i = 0; i < fast.rows.size() && i < slow.rows.size(); ++i)
          EXPECT_TRUE(ValueIdentical{}(Value(fast.rows[i]), Value(slow.rows[i])))
              << what << ", " << date << ", row " << i << ": " << q;
        rows += fast.rows.size();
      }
    }
  }
  return rows;
}

TypeId typeS(Database& db) {
  return db.graph().typeId("S");
}

TEST(ViewDistinct, SameAsThePlainScanOnRandomGraphs) {
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    Database db;
    build(db, seed, 6000);
    db.graph().compact();
    const GraphView v = db.graph().view();
    ASSERT_TRUE(v.distinctUsable(typeS(db), Direction::Out));
    ASSERT_TRUE(v.distinctUsable(typeS(db), Direction::In));
    EXPECT_GT(compareAll(db, "seed " + std::to_string(seed)), kQueries.size());
    // The rows were made and kept for the last date, both directions.
    Date last;
    ASSERT_TRUE(parseDate("2025-01-01", last));
    EXPECT_TRUE(viewDistinctKept(db.graph(), last, typeS(db), Direction::Out));
    EXPECT_TRUE(viewDistinctKept(db.graph(), last, typeS(db), Direction::In));
  }
}

// A statement that expands one node's row does not pay for the whole type's lists; one that
// reads more than a sixteenth of its rows makes them. A statement that writes never does.
TEST(ViewDistinct, MadeOnlyWhenTheRowsReadWouldPayForThem) {
  Database db;
  build(db, 11, 6000);
  db.graph().compact();
  ExecuteOptions o;
  ASSERT_TRUE(parseDate("2020-06-30", o.asOf.emplace()));
  const std::string one = "MATCH (k:N {id: 'n3'})-[:S]->(c) RETURN count(DISTINCT c) AS k";
  EXPECT_EQ(db.execute(one, {}, o).rows.size(), 1u);
  EXPECT_FALSE(viewDistinctKept(db.graph(), *o.asOf, typeS(db), Direction::Out));
  db.execute("MATCH (k:N)-[:S]->(c) WITH DISTINCT c CREATE (:Seen)", {}, o);
  EXPECT_FALSE(viewDistinctKept(db.graph(), *o.asOf, typeS(db), Direction::Out));
  db.execute(kQueries[1], {}, o);
  EXPECT_TRUE(viewDistinctKept(db.graph(), *o.asOf, typeS(db), Direction::Out));
  Date other;
  ASSERT_TRUE(parseDate("2019-06-30", other));
  EXPECT_FALSE(viewDistinctKept(db.graph(), other, typeS(db), Direction::Out));
}

TEST(ViewDistinct, SameAfterWritesAndDeletions) {
  Database db;
  build(db, 7, 6000);
  db.graph().compact();
  compareAll(db, "compacted");
  // New relationships (the delta) in one year, and a node hidden from 2021 on.
  db.execute(
      "MATCH (a:N {id: 'n3'}), (b:N {id: 'n40'}) CREATE (a)-[:S {valid_from: date('2020-01-01'), "
      "valid_to: date('2020-12-31')}]->(b), (b)-[:S]->(a)");
  db.execute("MATCH (n:N {id: 'n4'}) SET n.valid_to = date('2020-12-31')");
  Date d;
  ASSERT_TRUE(parseDate("2025-01-01", d));
  EXPECT_FALSE(viewDistinctKept(db.graph(), d, typeS(db), Direction::Out));  // a write drops them
  compareAll(db, "after writes");
  db.execute("MATCH (:N {id: 'n3'})-[r:S]->() WITH r LIMIT 5 DELETE r");
  compareAll(db, "after deleting");
  db.graph().compact();
  compareAll(db, "compacted again");
}

}  // namespace
