// --why's fast paths against its slow path on random graphs: a deduplicating expansion that
// carries what it drops to the aggregation (MatchStep::whyCarry, with or without the
// whole-graph table's adjacency summaries) and a relationship-scan aggregation that gathers
// from the table (RelScanAggregateOp) must give every row the same citations, numbered in the
// same order, and the same conflicts, as the plan without those passes. Also after writes
// (the delta), deletions, with a view date (--as-of) and with filtered expansions.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/graph_view.h"
#include "main/database.h"
#include "query/execution/operators/rel_scan_aggregate.h"
#include "query/execution/why_index.h"
#include "shell/result_printer.h"

using namespace silkgraph;

namespace {

// 80 nodes (60 :N, 20 :M) and `rels` relationships (:S, a fifth :T) between near neighbours,
// so that many have twins (same start, type and end) and some twins conflict (same item and
// year, other share). Citations from small pools, so that sets repeat; a third of the
// relationships hold only in 2021.
void build(Database& db, uint32_t seed, int rels) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
  auto cites = [&](const char* prefix, int pool) {
    ValueList out;
    for (int k = pick(3); k > 0; --k) out.emplace_back(prefix + std::to_string(pick(pool)));
    return out.empty() && pick(2) == 0 ? Value() : Value(std::move(out));
  };
  ValueList nodes[2];
  for (int i = 0; i < 80; ++i)
    nodes[i < 60 ? 0 : 1].emplace_back(
        ValueMap{{"id", Value("n" + std::to_string(i))}, {"sources", cites("node-", 4)}});
  db.execute("UNWIND $nodes AS x CREATE (:N {id: x.id, sources: x.sources})",
             {{"nodes", Value(nodes[0])}});
  db.execute("UNWIND $nodes AS x CREATE (:M {id: x.id, sources: x.sources})",
             {{"nodes", Value(nodes[1])}});
  ValueList byType[2];
  for (int i = 0; i < rels; ++i) {
    const int a = pick(80), b = (a + pick(9)) % 80;  // a self-loop now and then
    byType[pick(5) == 0 ? 1 : 0].emplace_back(ValueMap{{"a", Value("n" + std::to_string(a))},
                                                       {"b", Value("n" + std::to_string(b))},
                                                       {"item", Value(pick(2) ? "x" : "y")},
                                                       {"year", Value(2020 + pick(3))},
                                                       {"share", Value(pick(4))},
                                                       {"sources", cites("rel-", 8)},
                                                       {"dated", Value(pick(3) == 0)}});
  }
  const char* create =
      "UNWIND $rels AS x MATCH (a {id: x.a}), (b {id: x.b}) CREATE (a)-[:%s {item: x.item, "
      "year: x.year, share: x.share, sources: x.sources, valid_from: CASE WHEN x.dated THEN "
      "date('2021-01-01') END, valid_to: CASE WHEN x.dated THEN date('2021-12-31') END}]->(b)";
  for (int t = 0; t < 2; ++t) {
    std::string q(create);
    q.replace(q.find("%s"), 2, t == 0 ? "S" : "T");
    db.execute(q, {{"rels", Value(byType[t])}});
  }
}

const std::vector<std::string> kQueries = {
    // Two hops, count(DISTINCT): the first hop deduplicates on the middle node, the second
    // (last) on the end node, through the table's summaries.
    "MATCH (k:N {id: 'n3'})-[:S]->(:N)-[:S]->(c:N) RETURN count(DISTINCT c) AS reach",
    "MATCH (k:N)-[:S]->(:N)-[:S]->(c) RETURN count(DISTINCT c) AS reach",
    // Groups by what is bound before the expansion (Q8 of the benchmark).
    "MATCH (n:N) OPTIONAL MATCH (s:N)-[:S]->(n) RETURN n.id AS id, count(DISTINCT s) AS k "
    "ORDER BY id",
    "MATCH (n) OPTIONAL MATCH (n)-[:S|T]->(s:M) RETURN n.id AS id, count(DISTINCT s) AS k "
    "ORDER BY id",
    // Any type, both directions (a relationship of the first hop is in the second's rows).
    "MATCH (k:N {id: 'n7'})-[]->(m)-[]-(c) RETURN count(DISTINCT c) AS reach",
    // A relationship of the first hop may be in the second's rows (no summary there).
    "MATCH (k:N {id: 'n3'})<-[:S]-(m)-[:S]->(c) RETURN count(DISTINCT c) AS reach",
    "MATCH (k:N)<-[:S]-(m:N)-[:S]->(c) RETURN k.id AS k, count(DISTINCT c) AS reach ORDER BY k",
    // Summaries of rows in both directions, and of any type, in one answer: n3's row out and
    // n4's row in hold the same twins n3 -> n4 (numbered once, by the first).
    "MATCH (n:N {id: 'n3'})-[:S]->(s) RETURN count(DISTINCT s) AS k UNION ALL "
    "MATCH (n:N {id: 'n4'})<-[:S]-(s) RETURN count(DISTINCT s) AS k",
    "MATCH (n:N {id: 'n4'})-[:S]-(s) RETURN count(DISTINCT s) AS k UNION ALL "
    "MATCH (n:N {id: 'n3'})-[:S]->(s) RETURN count(DISTINCT s) AS k UNION ALL "
    "MATCH (n:N {id: 'n5'})<-[:S]-(s) RETURN count(DISTINCT s) AS k",
    "MATCH (n:N {id: 'n3'})<-[:S|T]-(s) RETURN count(DISTINCT s) AS k UNION "
    "MATCH (n:N {id: 'n2'})-[]->(s) RETURN count(DISTINCT s) AS k",
    "MATCH (n:N) OPTIONAL MATCH (n)-[]->(s) RETURN n.id AS id, count(DISTINCT s) AS k ORDER BY id",
    "MATCH (n:N) OPTIONAL MATCH (n)-[:S]-(s) RETURN n.id AS id, count(DISTINCT s) AS k ORDER BY id",
    // Filtered expansions: the dropped rows are carried one by one.
    "MATCH (a:N)-[r:S]->(b) WHERE r.year = 2021 RETURN a.id AS a, count(DISTINCT b) AS k "
    "ORDER BY a",
    "MATCH (a:N)-[:S]->(b {id: 'n9'}) RETURN count(DISTINCT a) AS k",
    // Groups by the end node (no summary), min/max, DISTINCT.
    "MATCH (a:N)-[r:S]->(b) RETURN b.id AS b, count(DISTINCT a) AS k ORDER BY b",
    "MATCH (a:N)-[r:S]->(b) RETURN a.id AS a, max(b.id) AS m, min(b.id) AS l ORDER BY a",
    "MATCH (a:N {id: 'n11'})-[:S]->(b)-[:T]->(c) RETURN DISTINCT c.id AS c ORDER BY c",
    // Relationship scans into an aggregation (Q3 of the benchmark).
    "MATCH ()-[r:S]->() RETURN r.item AS item, sum(r.share) AS total ORDER BY item",
    "MATCH ()-[r]->() RETURN count(*) AS n, avg(r.share) AS mean",
    "MATCH (a)-[r:T]->(b) RETURN r.year AS year, count(r) AS n ORDER BY year",
    "MATCH ()<-[r:S]-() RETURN r.item AS item, count(*) AS n ORDER BY item",
    // A first hop whose twins are handed on as one summary (MatchStep::whyTwins), grouped by
    // its start; and one whose next step may meet its relationship (each twin runs).
    "MATCH (k:N)-[:S]->(m:N)-[:S]->(c) RETURN k.id AS k, count(DISTINCT c) AS reach ORDER BY k",
    "MATCH (k:N {id: 'n3'})-[:S]->(m)<-[:S]-(c) RETURN count(DISTINCT c) AS reach",
    "MATCH (k:N)-[:S]->(m)<-[:S]-(c:N) RETURN k.id AS k, count(DISTINCT c) AS reach ORDER BY k",
    // Two hops whose summaries are handed as the table's union of them (WhyTable::twoHops,
    // where no relationship of the first hop is in a row of the second): other types,
    // directions and labels.
    "MATCH (k:N)-[:S]->(m)-[:T]->(c) RETURN k.id AS k, count(DISTINCT c) AS reach ORDER BY k",
    "MATCH (k:N)<-[:S]-(m:N)<-[:S]-(c:M) RETURN k.id AS k, count(DISTINCT c) AS reach ORDER BY k",
    "MATCH (k:N {id: 'n5'})-[:T]->(m)-[:S]->(c) RETURN count(DISTINCT c) AS reach",
    // Grouped by the middle node: the first hop deduplicates on the node its groups are by.
    "MATCH (k:N)-[:S]->(m:N)-[:S]->(c) RETURN m.id AS m, count(DISTINCT c) AS reach ORDER BY m",
    "MATCH (k:N)-[:S]->(m)-[:T]->(c) RETURN m.id AS m, count(DISTINCT c) AS reach ORDER BY m",
};

void expectSame(const QueryResult& a, const QueryResult& b, const std::string& what) {
  ASSERT_EQ(a.rows.size(), b.rows.size()) << what;
  for (size_t i = 0; i < a.rows.size(); ++i) {
    ASSERT_EQ(a.rows[i].size(), b.rows[i].size()) << what;
    for (size_t k = 0; k < a.rows[i].size(); ++k)
      EXPECT_TRUE(ValueIdentical{}(a.rows[i][k], b.rows[i][k])) << what << ", row " << i;
  }
  const Provenance &x = a.provenance, &y = b.provenance;
  EXPECT_EQ(x.sources, y.sources) << what;
  EXPECT_EQ(x.rowSources, y.rowSources) << what;
  EXPECT_EQ(x.rowConflicts, y.rowConflicts) << what;
  ASSERT_EQ(x.conflicts.size(), y.conflicts.size()) << what;
  for (size_t i = 0; i < x.conflicts.size(); ++i) {
    EXPECT_EQ(x.conflicts[i].subject, y.conflicts[i].subject) << what;
    EXPECT_EQ(x.conflicts[i].claimA, y.conflicts[i].claimA) << what;
    EXPECT_EQ(x.conflicts[i].claimB, y.conflicts[i].claimB) << what;
    EXPECT_EQ(x.conflicts[i].sourcesA, y.conflicts[i].sourcesA) << what;
    EXPECT_EQ(x.conflicts[i].sourcesB, y.conflicts[i].sourcesB) << what;
  }
}

// Every query, fast (all passes) and slow (without dedupe and rel_scan_aggregate), on `db`
// with the options `o`: the same rows and the same provenance. `table`: whether the
// whole-graph table is built first (a statement that reads every relationship leaves it).
void compareAll(Database& db, ExecuteOptions o, bool table, const std::string& what) {
  o.why = true;
  if (table) {
    db.execute("MATCH ()-[r]->() RETURN count(r) AS n", {}, o);
    ASSERT_TRUE(WhyIndex(db.graph()).whole()) << what;
  }
  size_t rows = 0, conflicts = 0;
  for (const std::string& q : kQueries) {
    db.setOptimizerOptions({});
    QueryResult fast = db.execute(q, {}, o);
    db.setOptimizerOptions({{"dedupe", "rel_scan_aggregate"}});
    QueryResult slow = db.execute(q, {}, o);
    db.setOptimizerOptions({});
    expectSame(fast, slow, what + ": " + q);
    rows += fast.rows.size();
    conflicts += fast.provenance.conflicts.size();
  }
  // The graphs are made so that answers rest on many facts, some of them in conflict.
  EXPECT_GT(rows, kQueries.size()) << what;
  EXPECT_GT(conflicts, 0u) << what;
}

// The fast paths are taken: EXPLAIN shows them.
TEST(WhyFastPaths, ThePlansCarryWhatTheyDrop) {
  Database db;
  build(db, 1, 200);
  ExecuteOptions o;
  o.why = true;
  std::string plan = db.execute("EXPLAIN " + kQueries[0], {}, o).plan;
  EXPECT_NE(plan.find("(distinct rows, sources carried)"), std::string::npos) << plan;
  plan = db.execute("EXPLAIN " + kQueries[17], {}, o).plan;
  EXPECT_NE(plan.find("RelationshipScanAggregate"), std::string::npos) << plan;
  // Grouped by the middle node: its first hop hands on the twins of each start it reaches
  // that node from (a bug: those of the first start only). A scan of :N first where the
  // graph is as large as the random graphs'.
  Database large;
  build(large, 1, 5000);
  plan = large.execute("EXPLAIN " + kQueries[kQueries.size() - 2], {}, o).plan;
  EXPECT_NE(plan.find("(distinct rows, sources carried)"), std::string::npos) << plan;
  // DISTINCT groups by what the last step binds: it deduplicates nothing there.
  plan = db.execute("EXPLAIN " + kQueries[16], {}, o).plan;
  EXPECT_EQ(plan.find("(distinct rows"), std::string::npos) << plan;
}

TEST(WhyFastPaths, SameAsTheSlowPathOnRandomGraphs) {
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    for (bool table : {false, true}) {
      Database db;
      build(db, seed, 5000);
      compareAll(db, {}, table, "seed " + std::to_string(seed) + (table ? ", table" : ""));
    }
  }
}

// Compacted, :S has distinct neighbour lists (engine/distinct_rows.h; :T is too sparse), which
// a deduplicating expansion with the table's summary walks instead of the whole rows.
void compact(Database& db) {
  db.graph().compact();
  const GraphView v = db.graph().view();
  for (Direction dir : {Direction::Out, Direction::In})
    ASSERT_TRUE(v.distinctUsable(db.graph().typeId("S"), dir));
}

TEST(WhyFastPaths, SameOnCompactedGraphs) {
  for (uint32_t seed = 21; seed <= 24; ++seed) {
    for (bool table : {false, true}) {
      Database db;
      build(db, seed, 5000);
      compact(db);
      compareAll(db, {}, table, "seed " + std::to_string(seed) + (table ? ", table" : ""));
    }
  }
}

TEST(WhyFastPaths, SameOnCompactedGraphsAfterWritesAndDeletions) {
  Database db;
  build(db, 27, 5000);
  compact(db);
  db.execute(
      "MATCH (a:N {id: 'n5'}), (b:N {id: 'n6'}) CREATE (a)-[:S {item: 'y', year: 2020, share: "
      "99, sources: ['new']}]->(b), (a)-[:S {item: 'y', year: 2020, share: 97}]->(b)");
  compareAll(db, {}, true, "compacted, after creating");
  db.execute("MATCH (:N {id: 'n5'})-[r:S]->() WITH r LIMIT 3 DELETE r");
  compareAll(db, {}, true, "compacted, after deleting");
  db.graph().compact();
  compareAll(db, {}, true, "compacted again");
  ExecuteOptions o;
  o.asOf = dateFromYmd(2021, 6, 1);
  compareAll(db, o, true, "compacted, as of 2021-06-01");
}

TEST(WhyFastPaths, SameAfterWritesAndDeletions) {
  Database db;
  build(db, 7, 5000);
  compareAll(db, {}, true, "loaded");
  // New relationships (in the write delta) that conflict with old ones, and deletions.
  db.execute(
      "MATCH (a:N {id: 'n3'}), (b:N {id: 'n4'}) CREATE (a)-[:S {item: 'x', year: 2021, share: "
      "99, sources: ['new']}]->(b), (a)-[:S {item: 'x', year: 2021, share: 98}]->(b)");
  compareAll(db, {}, true, "after creating");
  db.execute("MATCH (:N {id: 'n3'})-[r:S]->() WITH r LIMIT 5 DELETE r");
  db.execute("MATCH ()-[r:T {year: 2020}]->() DELETE r");
  compareAll(db, {}, false, "after deleting");
  compareAll(db, {}, true, "after deleting, table");
}

// A result read from the table refers to the table's descriptions of its conflicts (made when
// read): they stay what they were when the graph changes afterwards (the table is dropped).
TEST(WhyFastPaths, TheConflictsOfAResultStayAsTheyWere) {
  Database db;
  build(db, 31, 5000);
  compact(db);
  ExecuteOptions o;
  o.why = true;
  db.execute("MATCH ()-[r]->() RETURN count(r) AS n", {}, o);
  QueryResult r = db.execute(kQueries[0], {}, o);
  std::vector<Provenance::Conflict> before(r.provenance.conflicts.begin(),
                                           r.provenance.conflicts.end());
  ASSERT_GT(before.size(), 0u);
  db.execute("MATCH ()-[r:S]->() DELETE r");
  db.execute("MATCH (n) SET n.sources = null");
  ASSERT_EQ(r.provenance.conflicts.size(), before.size());
  for (size_t i = 0; i < before.size(); ++i) {
    const Provenance::Conflict c = r.provenance.conflicts[i];
    EXPECT_EQ(c.subject, before[i].subject);
    EXPECT_EQ(c.claimA, before[i].claimA);
    EXPECT_EQ(c.sourcesA, before[i].sourcesA);
    EXPECT_EQ(c.sourcesB, before[i].sourcesB);
  }
  EXPECT_EQ(db.execute(kQueries[0], {}, o).provenance.conflicts.size(), 0u);
}

// A statement that reads relationships one at a time (here many start nodes about each end
// node) finds their twins through the start node's row (sorted by end node after a few): the
// same conflicts and partners as the whole-graph table.
TEST(WhyFastPaths, TwinsFoundOneAtATimeAsInTheTable) {
  Database db;
  build(db, 41, 5000);
  const Graph& g = db.graph();
  std::vector<RelId> rels;
  for (RelId r = 0; r < 4000; ++r) rels.push_back(r);
  std::stable_sort(rels.begin(), rels.end(),
                   [&](RelId a, RelId b) { return g.relTarget(a) < g.relTarget(b); });
  WhyIndex lazy(g);
  std::vector<WhyIndex::Info> one(rels.size());
  for (RelId r : rels) one[r] = lazy.rel(r);
  ASSERT_FALSE(lazy.whole());
  auto table = WhyTable::build(g, CitationSets());
  size_t conflicting = 0;
  for (RelId r = 0; r < one.size(); ++r) {
    const bool conflict = (table->rels[r] & WhyTable::kConflict) != 0;
    ASSERT_EQ(one[r].conflict, conflict) << r;
    if (!conflict) continue;
    ++conflicting;
    std::vector<RelId> partners = lazy.partners(r);
    std::sort(partners.begin(), partners.end());
    EXPECT_EQ(table->partners.at(r), partners) << r;
  }
  EXPECT_GT(conflicting, 100u);
}

std::string printed(Database& db, const std::string& q, const ExecuteOptions& o) {
  std::ostringstream out;
  shell::printResult(out, db.execute(q, {}, o), db.graph(), {});
  return out.str();
}

// Citations are numbered by their text and conflicts by their relationships' ids, so every
// plan of a statement prints the same --why answer, byte for byte: with and without the
// optimizer's passes, a pattern written from either end (the planner starts at the other
// node, and an aggregation meets its group's facts in another order), and whether the
// statement reads its facts one at a time or from the whole-graph table.
TEST(WhyFastPaths, AnyPlanPrintsTheSameAnswer) {
  const std::vector<std::pair<std::string, std::string>> same = {
      {"MATCH (a:N)-[r:S]->(b:N {id: 'n9'}) RETURN count(*) AS n",
       "MATCH (b:N {id: 'n9'})<-[r:S]-(a:N) RETURN count(*) AS n"},
      {"MATCH (a:N {id: 'n4'})-[r:S]->(b:N) RETURN b.id AS b, count(*) AS n ORDER BY b",
       "MATCH (b:N)<-[r:S]-(a:N {id: 'n4'}) RETURN b.id AS b, count(*) AS n ORDER BY b"},
      {"MATCH (a)-[r]->(b) WHERE r.year = 2021 RETURN r.item AS item, count(*) AS n "
       "ORDER BY item",
       "MATCH (b)<-[r]-(a) WHERE r.year = 2021 RETURN r.item AS item, count(*) AS n "
       "ORDER BY item"},
  };
  for (uint32_t seed : {5u, 6u}) {
    Database db;
    build(db, seed, 5000);
    ExecuteOptions o;
    o.why = true;
    size_t conflicts = 0;
    auto check = [&](const std::string& what) {
      for (const auto& [a, b] : same) {
        const std::string first = printed(db, a, o);
        EXPECT_EQ(first, printed(db, b, o)) << what << ": " << a;
        conflicts += first.find("conflict 1:") != std::string::npos;
      }
      for (const std::string& q : kQueries) {
        const std::string fast = printed(db, q, o);
        db.setOptimizerOptions({{"all"}});
        const std::string slow = printed(db, q, o);
        db.setOptimizerOptions({});
        EXPECT_EQ(fast, slow) << what << ": " << q;
        conflicts += fast.find("conflict 1:") != std::string::npos;
      }
    };
    // Without the table: each of these statements reads fewer facts than builds it.
    std::vector<std::string> before;
    for (const auto& [a, b] : same) before.push_back(printed(db, a, o));
    ASSERT_FALSE(WhyIndex(db.graph()).whole());
    check("seed " + std::to_string(seed));
    db.execute("MATCH ()-[r]->() RETURN count(r) AS n", {}, o);
    ASSERT_TRUE(WhyIndex(db.graph()).whole());
    check("seed " + std::to_string(seed) + ", table");
    for (size_t i = 0; i < same.size(); ++i)
      EXPECT_EQ(before[i], printed(db, same[i].first, o)) << same[i].first;
    EXPECT_GT(conflicts, 10u);
  }
}

// The relationship-scan aggregation on two threads (its threshold lowered for this small
// graph), each group's entities the table's summary of it (WhyTable::scanSummaries): the same
// as the slow path, also after writes and deletions (a new table, new summaries) and with a
// view date (no summaries: each relationship gathered on one thread).
TEST(WhyFastPaths, SameOnTwoThreads) {
  struct Restore {
    RelId saved = relScanThreadMinIds;
    ~Restore() { relScanThreadMinIds = saved; }
  } restore;
  relScanThreadMinIds = 64;
  Database db;
  build(db, 51, 5000);
  db.setThreads(2);
  compareAll(db, {}, true, "two threads");
  db.execute(
      "MATCH (a:N {id: 'n8'}), (b:N {id: 'n9'}) CREATE (a)-[:S {item: 'x', year: 2022, share: "
      "99, sources: ['new']}]->(b), (a)-[:S {item: 'x', year: 2022, share: 1}]->(b)");
  db.execute("MATCH (:N {id: 'n2'})-[r:S]->() WITH r LIMIT 4 DELETE r");
  compareAll(db, {}, true, "two threads, after writes");
  ExecuteOptions o;
  o.asOf = dateFromYmd(2021, 6, 1);
  compareAll(db, o, true, "two threads, as of 2021-06-01");
}

TEST(WhyFastPaths, SameWithAViewDate) {
  Database db;
  build(db, 11, 5000);
  ExecuteOptions o;
  o.asOf = dateFromYmd(2021, 6, 1);
  compareAll(db, o, true, "as of 2021-06-01");
  o.asOf = dateFromYmd(2022, 6, 1);
  compareAll(db, o, false, "as of 2022-06-01");
}

}  // namespace

// Read statements on two threads at once share the whole-graph table, whose summaries, twin
// groups and blocks the first to need them makes and the others read without its lock
// (query/execution/why_slots.h): each gets the answer of the slow path, run alone.
TEST(WhyFastPaths, StatementsOnTwoThreadsShareTheTable) {
  Database db;
  build(db, 52, 5000);  // enough reads that a statement builds the table
  ExecuteOptions o;
  o.why = true;
  db.execute("MATCH ()-[r]->() RETURN count(r) AS n", {}, o);  // leaves the table
  ASSERT_TRUE(WhyIndex(db.graph()).whole());
  db.setOptimizerOptions({{"dedupe", "rel_scan_aggregate"}});  // makes no row's summary
  std::vector<QueryResult> expected;
  for (const std::string& q : kQueries) expected.push_back(db.execute(q, {}, o));
  db.setOptimizerOptions({});
  std::vector<QueryResult> got[2];
  auto run = [&](int t) {
    for (size_t k = 0; k < kQueries.size(); ++k) {  // the two threads in opposite orders
      const size_t i = t == 0 ? k : kQueries.size() - 1 - k;
      got[t].push_back(db.execute(kQueries[i], {}, o));
    }
  };
  std::thread other(run, 1);
  run(0);
  other.join();
  for (size_t k = 0; k < kQueries.size(); ++k) {
    expectSame(got[0][k], expected[k], "thread 0: " + kQueries[k]);
    expectSame(got[1][kQueries.size() - 1 - k], expected[k], "thread 1: " + kQueries[k]);
  }
}

// The table's union of a two-hop expansion's summaries (WhyTable::twoHops) holds what its
// parts hold, each once: for each middle node that reaches an end, the twins of the start and
// it, and its row; none when a first-hop relationship is a self-loop at the start, or when
// both hops walk one type from opposite sides (the first hop's relationships are in the rows
// of the second).
TEST(WhyFastPaths, TheTwoHopUnionHoldsItsParts) {
  Database db;
  build(db, 3, 5000);
  ExecuteOptions o;
  o.why = true;
  db.execute("MATCH ()-[r]->() RETURN count(r) AS n", {}, o);
  WhyIndex index(db.graph());
  ASSERT_TRUE(index.whole());
  const WhyTable& t = *index.table();
  const Graph& g = db.graph();
  const TypeId S = g.typeId("S");
  const Direction out = Direction::Out;
  size_t unions = 0, loops = 0, conflicting = 0;
  for (NodeId n = 0; n < g.nodeIdLimit(); ++n) {
    const Value u = t.twoHops(g, n, S, out, kNoLabel, true, S, out, kNoLabel, true);
    bool loop = false;
    std::set<NodeId> ends;
    g.forEachAdjacent(n, out, S, [&](RelId, NodeId m) {
      loop = loop || m == n;
      ends.insert(m);
      return true;
    });
    if (loop) {
      EXPECT_TRUE(u.isNull()) << n;
      ++loops;
      continue;
    }
    const WhyTable::Block* b = t.block(u);
    ASSERT_NE(b, nullptr) << n;
    std::set<uint32_t> sets, ranks;
    for (NodeId m : ends) {
      bool reaches = false;
      g.forEachAdjacent(m, out, S, [&](RelId, NodeId) { return !(reaches = true); });
      if (!reaches) continue;
      for (const Value& part :
           {t.twins(g, n, S, out, m, true), t.summary(g, m, S, out, kNoLabel, true)}) {
        const WhyTable::Block* p = t.block(part);
        ASSERT_NE(p, nullptr) << n << " " << m;
        sets.insert(p->sets.begin(), p->sets.end());
        ranks.insert(p->ranks.begin(), p->ranks.end());
      }
    }
    EXPECT_EQ(std::set<uint32_t>(b->sets.begin(), b->sets.end()), sets) << n;
    EXPECT_EQ(b->sets.size(), sets.size()) << n;
    EXPECT_EQ(b->ranks, std::vector<uint32_t>(ranks.begin(), ranks.end())) << n;
    ++unions;
    conflicting += !b->ranks.empty();
  }
  EXPECT_GT(unions, 0u);
  EXPECT_GT(loops, 0u);
  EXPECT_GT(conflicting, 0u);
  for (NodeId n = 0; n < 10; ++n)
    EXPECT_TRUE(t.twoHops(g, n, S, out, kNoLabel, true, S, Direction::In, kNoLabel, true).isNull());
}
