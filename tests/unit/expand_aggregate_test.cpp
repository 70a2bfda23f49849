// An expansion that ends a match hands its relationships to the aggregation after it in
// batches (ExpandAggregate, the optimizer pass rel_scan_aggregate), and a seek in an ordered
// adjacency does not test again the equalities its range satisfies exactly
// (query/execution/order_range.h). Both must give exactly the rows the plain plan gives: the
// same groups in the same order and the same sums (added in the same order), on random
// graphs with a relationship index, before and after compaction, with writes in the delta, a
// changed property that invalidates the order, deletions and a view date.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "main/database.h"
#include "query/value_format.h"

using namespace silkgraph;

namespace {

// 260 :N and 40 :M nodes (every fifth without a name) and `rels` relationships (:S, a sixth
// :T) with an item (x, y, z or none), a year (2020-2022 or none), a fractional share (so that
// the order of additions shows in the sums) and an integer weight; a quarter hold only in 2021.
void build(Database& db, uint32_t seed, int rels) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
  ValueList nodes;
  for (int i = 0; i < 300; ++i) {
    ValueMap m{{"id", Value("n" + std::to_string(i))}, {"m", Value(i >= 260)}};
    if (i % 5 != 0) m.emplace_back("name", Value("name" + std::to_string(i % 7)));
    nodes.emplace_back(std::move(m));
  }
  db.execute("UNWIND $nodes AS x WITH x WHERE NOT x.m CREATE (:N {id: x.id, name: x.name})",
             {{"nodes", Value(nodes)}});
  db.execute("UNWIND $nodes AS x WITH x WHERE x.m CREATE (:M {id: x.id, name: x.name})",
             {{"nodes", Value(nodes)}});
  ValueList list;
  const char* items[] = {"x", "y", "z"};
  for (int i = 0; i < rels; ++i) {
    // Each between one of the first ten nodes and (half of them) another of those or any
    // node: such a node's row reaches more nodes than the matcher remembers (256), some of
    // them 256 ids apart.
    const int hub = pick(10), other = pick(2) ? pick(10) : pick(300);
    const bool toHub = pick(2) == 0;
    ValueMap m{{"a", Value("n" + std::to_string(toHub ? other : hub))},
               {"b", Value("n" + std::to_string(toHub ? hub : other))},
               {"t", Value(pick(6) == 0)},
               {"share", Value(pick(1000) / 7.0)},
               {"w", Value(static_cast<int64_t>(pick(100)))}};
    if (pick(8) != 0) m.emplace_back("item", Value(items[pick(3)]));
    if (pick(8) != 0) m.emplace_back("year", Value(static_cast<int64_t>(2020 + pick(3))));
    list.emplace_back(std::move(m));
  }
  for (const char* type : {"S", "T"}) {
    std::string q = std::string("UNWIND $rels AS x WITH x WHERE x.t = ") +
                    (type[0] == 'T' ? "true" : "false") +
                    " MATCH (a {id: x.a}), (b {id: x.b}) CREATE (a)-[r:" + type +
                    "]->(b) SET r.item = x.item, r.year = x.year, r.share = x.share, r.w = x.w";
    db.execute(q, {{"rels", Value(list)}});
  }
  db.execute(
      "MATCH ()-[r]->() WHERE r.w % 4 = 0 SET r.valid_from = date('2021-01-01'), "
      "r.valid_to = date('2021-12-31')");
  db.execute("CREATE INDEX supplies FOR ()-[r:S]-() ON (r.item, r.year)");
  db.execute("CREATE CONSTRAINT n_id FOR (n:N) REQUIRE n.id IS UNIQUE");
}

const std::vector<std::string> kQueries = {
    // Q1 of the benchmark: a seek on both keys, grouped by the far end's string key.
    "MATCH (s:N)-[r:S]->(k:N {id: 'n3'}) WHERE r.item = 'x' AND r.year = 2021 "
    "RETURN s.id AS s, sum(r.share) AS t, count(*) AS c",
    "MATCH (k:N {id: 'n3'})-[r:S]->(s) WHERE r.item = 'y' RETURN s.id AS s, avg(r.share) AS a, "
    "sum(r.w) AS w",
    // Grouped by the start node, which every input row binds anew.
    "MATCH (k:N)-[r:S]->(s:N) WHERE r.item = 'x' AND r.year = 2020 RETURN k.id AS k, "
    "sum(r.share) AS t",
    // A bound on the second key (tested again), a null key (no name), no key, no seek.
    "MATCH (s)<-[r:S]-(k:N {id: 'n5'}) WHERE r.item = 'z' AND r.year >= 2021 "
    "RETURN s.name AS s, count(*) AS c",
    "MATCH (s:N)-[r:S]->(k:N {id: 'n7'}) RETURN count(*) AS c, sum(r.share) AS t",
    "MATCH (s)-[r:S]->(k {id: 'n7'}) WHERE r.item = 'y' RETURN s.name AS s, sum(r.w) AS w",
    // A key that is no string, several types, a label on the far end, a filter left over.
    "MATCH (s:N)-[r:S]->(k:N {id: 'n8'}) WHERE r.item = 'x' RETURN r.year AS y, sum(r.share) AS t",
    "MATCH (s:N)-[r:S|T]->(k:N {id: 'n2'}) WHERE r.item = 'x' RETURN s.id AS s, sum(r.share) AS t",
    "MATCH (s:M)-[r:S]->(k:N) WHERE r.item = 'x' AND r.year = 2022 RETURN s.id AS s, count(*) AS c",
    "MATCH (s:N)-[r:S]->(k:N) WHERE r.item = 'y' AND r.year = 2021 AND r.share > 60 "
    "RETURN k.id AS k, sum(r.share) AS t",
    "MATCH (s:N)-[r:S]->(k:N) WHERE r.item = 'nothing' RETURN k.id AS k, count(*) AS c",
    // Two hops: the batches of the second for every row of the first.
    "MATCH (a:N {id: 'n1'})-[:S]->(b)-[r:S]->(c) WHERE r.item = 'x' AND r.year = 2022 "
    "RETURN c.id AS c, sum(r.share) AS t",
    // An optional expansion (a row with nulls when nothing matches), an aggregate on rows.
    "MATCH (k:N) OPTIONAL MATCH (k)<-[r:S]-(s) WHERE r.item = 'x' AND r.year = 2021 "
    "RETURN k.id AS k, sum(r.share) AS t, count(r) AS c",
    "MATCH (k:N) OPTIONAL MATCH (k)<-[r:S]-(s) WHERE r.item = 'z' "
    "RETURN k.id AS k, count(*) AS c",
    "MATCH (s:N)-[r:S]->(k:N {id: 'n4'}) WHERE r.item = 'x' RETURN s.id AS s, "
    "collect(r.year) AS years, max(r.share) AS m",
};

// Every query with all passes and without the two that make the fast paths: the same rows.
void compareAll(Database& db, const ExecuteOptions& o, const std::string& what) {
  size_t rows = 0;
  for (const std::string& q : kQueries) {
    db.setOptimizerOptions({});
    QueryResult fast = db.execute(q, {}, o);
    db.setOptimizerOptions({{"rel_scan_aggregate", "adjacency_seek"}});
    QueryResult slow = db.execute(q, {}, o);
    db.setOptimizerOptions({});
    ASSERT_EQ(fast.rows.size(), slow.rows.size()) << what << ": " << q;
    for (size_t i = 0; i < fast.rows.size(); ++i) {
      ASSERT_EQ(fast.rows[i].size(), slow.rows[i].size()) << what << ": " << q;
      for (size_t k = 0; k < fast.rows[i].size(); ++k)
        EXPECT_TRUE(ValueIdentical{}(fast.rows[i][k], slow.rows[i][k]))
            << what << ": " << q << ", row " << i << ", column " << k << ": "
            << toCypherText(fast.rows[i][k], db.graph()) << " against "
            << toCypherText(slow.rows[i][k], db.graph());
    }
    rows += fast.rows.size();
  }
  EXPECT_GT(rows, 3 * kQueries.size()) << what << ": the graph answers most queries";
}

TEST(ExpandAggregate, ThePlanShowsTheBatchesAndTheSeek) {
  Database db;
  build(db, 1, 500);
  db.graph().compact();
  const std::string plan = db.execute("EXPLAIN " + kQueries[0]).plan;
  EXPECT_NE(plan.find("ExpandAggregate (1 keys, 2 aggregates)"), std::string::npos) << plan;
  EXPECT_NE(plan.find("(ordered adjacency: item, year)"), std::string::npos) << plan;
  db.setOptimizerOptions({{"rel_scan_aggregate"}});
  EXPECT_EQ(db.execute("EXPLAIN " + kQueries[0]).plan.find("ExpandAggregate"), std::string::npos);
}

TEST(ExpandAggregate, SameAsThePlainPlanOnRandomGraphs) {
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    Database db;
    build(db, seed, 3000);
    compareAll(db, {}, "seed " + std::to_string(seed) + ", as loaded");
    db.graph().compact();
    compareAll(db, {}, "seed " + std::to_string(seed) + ", compacted");
  }
}

TEST(ExpandAggregate, SameAfterWritesDeletionsAndWithAViewDate) {
  Database db;
  build(db, 9, 3000);
  db.graph().compact();
  // New relationships in the delta, some in a range a seek takes, some not: the equalities
  // the range satisfies must be tested on them.
  db.execute(
      "MATCH (a:N {id: 'n10'}), (b:N {id: 'n3'}) CREATE (a)-[:S {item: 'x', year: 2021, share: "
      "0.5}]->(b), (a)-[:S {item: 'y', year: 2021, share: 0.25}]->(b), (b)-[:S {item: 'x', "
      "year: 2022, share: 1.5}]->(a)");
  compareAll(db, {}, "after creating");
  db.execute("MATCH (:N {id: 'n3'})<-[r:S]-() WITH r LIMIT 4 DELETE r");
  compareAll(db, {}, "after deleting");
  db.graph().compact();
  compareAll(db, {}, "compacted again");
  // A key of the order changed on a compacted relationship: the rows are no longer sorted.
  db.execute("MATCH (:N {id: 'n3'})<-[r:S {item: 'y'}]-() WITH r LIMIT 2 SET r.item = 'x'");
  compareAll(db, {}, "after changing an item");
  ExecuteOptions o;
  o.asOf = dateFromYmd(2020, 6, 1);
  compareAll(db, o, "as of 2020-06-01");
}

}  // namespace
