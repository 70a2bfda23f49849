// --why's per-group gathering (query/execution/why_index.h): what a group keeps of its
// entities explains its row exactly as all of them do (same citations, numbered in the same
// order, same conflicts), conflicts whose two sides fall in different groups, an empty group,
// and the whole path on the sample's China share of 2022.
#include "query/execution/why_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "main/database.h"
#include "query/execution/entity_list.h"
#include "query/execution/provenance.h"

using namespace silkgraph;

namespace {

const std::string kSample = std::string(SILKGRAPH_SOURCE_DIR) + "/samples/central-asia-korea";

// Two nations, one fact source per relationship: R0 and R1 say different shares of the same
// thing in 2022 (a conflict), R2 is 2023, R3 a relationship without sources; both nodes cite
// one source together.
void build(Database& db) {
  db.execute(
      "CREATE (a:N {id: 'A', sources: ['atlas']}), (b:N {id: 'B', sources: ['atlas']}) "
      "CREATE (a)-[:S {year: 2022, item: 'x', share: 61.2, sources: ['report one']}]->(b) "
      "CREATE (a)-[:S {year: 2022, item: 'x', share: 50.0, sources: ['report two']}]->(b) "
      "CREATE (a)-[:S {year: 2023, item: 'x', share: 40.0, sources: ['report one', 'atlas']}]->(b) "
      "CREATE (a)-[:S {year: 2023, item: 'y', share: 1.0}]->(b)");
}

// The entities of some rows, one group each: all of them (addEntities) and what the index
// keeps (gatherEntities).
struct Groups {
  std::vector<Value> all, kept;
};

Groups gather(const Graph& g, const std::vector<std::vector<Value>>& groups) {
  WhyIndex index(g);
  Groups out;
  for (const auto& rows : groups) {
    std::vector<Value> all, kept;
    EntitySeen seen;
    WhyGather gathered;
    for (const Value& row : rows) {
      addEntities(row, all, seen);
      gatherEntities(index, row, gathered, kept);
    }
    out.all.emplace_back(std::move(all));
    out.kept.emplace_back(std::move(kept));
  }
  return out;
}

void expectSame(const Provenance& a, const Provenance& b) {
  EXPECT_EQ(a.sources, b.sources);
  EXPECT_EQ(a.rowSources, b.rowSources);
  EXPECT_EQ(a.rowConflicts, b.rowConflicts);
  ASSERT_EQ(a.conflicts.size(), b.conflicts.size());
  for (size_t i = 0; i < a.conflicts.size(); ++i) {
    EXPECT_EQ(a.conflicts[i].subject, b.conflicts[i].subject);
    EXPECT_EQ(a.conflicts[i].claimA, b.conflicts[i].claimA);
    EXPECT_EQ(a.conflicts[i].claimB, b.conflicts[i].claimB);
    EXPECT_EQ(a.conflicts[i].sourcesA, b.conflicts[i].sourcesA);
    EXPECT_EQ(a.conflicts[i].sourcesB, b.conflicts[i].sourcesB);
  }
}

Value row(std::initializer_list<Value> entities) {
  return Value(ValueList(entities));
}
Value node(NodeId n) {
  return Value(NodeRef{n});
}
Value rel(RelId r) {
  return Value(RelRef{r});
}

}  // namespace

TEST(WhyIndex, KnowsCitationSetsAndConflicts) {
  Database db;
  build(db);
  WhyIndex index(db.graph());
  EXPECT_NE(index.node(0).citations, 0u);
  EXPECT_NE(index.rel(0).citations, index.rel(1).citations);
  EXPECT_EQ(index.rel(3).citations, 0u);  // no sources
  EXPECT_TRUE(index.rel(0).conflict);
  EXPECT_TRUE(index.rel(1).conflict);
  EXPECT_FALSE(index.rel(2).conflict);  // another year
  EXPECT_FALSE(index.rel(3).conflict);
  EXPECT_EQ(index.partners(0), std::vector<RelId>{1});
  EXPECT_TRUE(index.partners(2).empty());
}

// Many rows resting on the same few citations keep one entity per citation set and every
// conflicting relationship, in order of first use; the explanation does not change.
TEST(WhyIndex, AGroupKeepsWhatBringsSomethingNew) {
  Database db;
  build(db);
  std::vector<Value> rows;
  for (int i = 0; i < 50; ++i)
    for (RelId r : {3u, 2u, 0u, 1u}) rows.push_back(row({node(0), rel(r), node(1)}));
  Groups g = gather(db.graph(), {rows});
  ASSERT_EQ(g.kept.size(), 1u);
  // node 0 ('atlas'); not node 1 (its 'atlas' is another stored string, but sets are told
  // apart by their texts); rel 2 (['report one', 'atlas']); rel 0 and rel 1 (the conflict).
  // Rel 3 cites nothing.
  const ValueList& kept = g.kept[0].asList();
  ASSERT_EQ(kept.size(), 4u);
  EXPECT_TRUE(ValueIdentical{}(kept[0], node(0)));
  EXPECT_TRUE(ValueIdentical{}(kept[1], rel(2)));
  EXPECT_TRUE(ValueIdentical{}(kept[2], rel(0)));
  EXPECT_TRUE(ValueIdentical{}(kept[3], rel(1)));
  WhyIndex index(db.graph());
  Provenance all = explainRows(db.graph(), g.all);
  Provenance fast = explainRows(db.graph(), g.kept, nullptr, &index);
  expectSame(all, fast);
  ASSERT_EQ(fast.conflicts.size(), 1u);
  EXPECT_EQ(fast.rowConflicts[0], std::vector<uint32_t>{1});
}

// Each entity's `sources` is stored apart (as a loader stores each row's list): the sets are
// told apart by their texts, so fifty nodes citing two texts make two sets, not fifty.
TEST(WhyIndex, CitationSetsAreToldApartByText) {
  Database db;
  db.execute(
      "UNWIND range(1, 50) AS i CREATE (:A {sources: ['atlas', 'report ' + toString(i % 2)]})");
  auto table = WhyTable::build(db.graph(), CitationSets());
  EXPECT_EQ(table->sets.size(), 2u);
  EXPECT_EQ(table->nodes[0] == table->nodes[2], true);
  EXPECT_NE(table->nodes[0], table->nodes[1]);
}

// The two sides of a conflict in different groups: each group's row rests on the conflict,
// and the numbering of citations across the groups is the one of all entities.
TEST(WhyIndex, ConflictsAcrossGroups) {
  Database db;
  build(db);
  Groups g = gather(db.graph(), {{row({node(0), rel(0)}), row({node(0), rel(3)})},
                                 {row({rel(2)}), row({rel(1), node(1)})},
                                 {row({rel(2), node(1)})}});
  WhyIndex index(db.graph());
  Provenance all = explainRows(db.graph(), g.all);
  Provenance fast = explainRows(db.graph(), g.kept, nullptr, &index);
  expectSame(all, fast);
  ASSERT_EQ(fast.conflicts.size(), 1u);
  EXPECT_EQ(fast.rowConflicts[0], std::vector<uint32_t>{1});
  EXPECT_EQ(fast.rowConflicts[1], std::vector<uint32_t>{1});
  EXPECT_TRUE(fast.rowConflicts[2].empty());
  EXPECT_EQ(fast.conflicts[0].claimA, "share 61.2");
  EXPECT_EQ(fast.conflicts[0].claimB, "share 50.0");
}

// A group that saw no rows (an aggregation over nothing) and one whose entities cite nothing
// keep nothing and rest on nothing.
TEST(WhyIndex, AnEmptyGroupRestsOnNothing) {
  Database db;
  build(db);
  Groups g = gather(db.graph(), {{}, {row({rel(3)}), Value(), row({Value(int64_t{1})})}});
  EXPECT_TRUE(g.kept[0].asList().empty());
  EXPECT_TRUE(g.kept[1].asList().empty());
  WhyIndex index(db.graph());
  Provenance fast = explainRows(db.graph(), g.kept, nullptr, &index);
  EXPECT_TRUE(fast.sources.empty());
  EXPECT_TRUE(fast.rowSources[0].empty() && fast.rowSources[1].empty());
  ExecuteOptions o;
  o.why = true;
  QueryResult r = db.execute("MATCH (n:Missing)-[s]->() RETURN count(s) AS n", {}, o);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_TRUE(r.provenance.rowSources[0].empty());
  EXPECT_TRUE(r.provenance.rowConflicts[0].empty());
}

// Through the engine: the sample's rare-earth shares of 2022 grouped by supplier rest on the
// 61.2 % against 50 % conflict, with both citations, as docs/provenance.md shows.
TEST(WhyIndex, SampleChinaShareConflictThroughAnAggregation) {
  Database db;
  db.load({kSample});
  ExecuteOptions o;
  o.why = true;
  QueryResult r = db.execute(
      "MATCH (s:Nation)-[r:SUPPLIES {year: 2022, resource_id: 'ree'}]->(:Nation {id: 'KOR'}) "
      "RETURN s.id AS supplier, count(r) AS reports",
      {}, o);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][1].asInt(), 2);
  ASSERT_EQ(r.provenance.conflicts.size(), 1u);
  const auto& c = r.provenance.conflicts[0];
  EXPECT_NE(c.subject.find("(CHN)-[:SUPPLIES"), std::string::npos) << c.subject;
  std::string claims = c.claimA + " / " + c.claimB;
  EXPECT_NE(claims.find("share_pct 61.2"), std::string::npos) << claims;
  EXPECT_NE(claims.find("share_pct 50.0"), std::string::npos) << claims;
  EXPECT_EQ(r.provenance.rowConflicts[0], std::vector<uint32_t>{1});
  // Both reports' citations and those of the two nations (each cites its countries.json entry
  // and its row of the fact table's entities.csv).
  EXPECT_EQ(r.provenance.rowSources[0].size(), 6u);
  // Loaded citations are stored once: entities that cite the same sources share a set (China's
  // 2022 and 2023 mine production, both from line 7 of the MCS 2024 rare-earth file).
  QueryResult ids = db.execute(
      "MATCH (:Nation {id: 'CHN'})-[a:PRODUCES {year: 2022}]->(), "
      "(:Nation {id: 'CHN'})-[b:PRODUCES {year: 2023}]->() RETURN id(a), id(b), "
      "sources(a) = sources(b) AS same");
  ASSERT_TRUE(ids.rows[0][2].asBool());
  WhyIndex index(db.graph());
  auto a = index.rel(static_cast<RelId>(ids.rows[0][0].asInt()));
  auto b = index.rel(static_cast<RelId>(ids.rows[0][1].asInt()));
  EXPECT_NE(a.citations, 0u);
  EXPECT_EQ(a.citations, b.citations);
}

namespace {

// build()'s graph and 5,000 more relationships than the index reads one at a time, from A to
// as many new nodes (no twins, so no conflicts among them), citing one of two sources.
void buildMany(Database& db) {
  build(db);
  db.execute(
      "MATCH (a:N {id: 'A'}) UNWIND range(1, 5000) AS i "
      "CREATE (a)-[:S {year: 1900 + i % 5, item: 'z', share: 1.0 * (i % 5), "
      "sources: CASE WHEN i % 2 = 0 THEN ['even'] ELSE ['odd'] END}]->(:M)");
}

}  // namespace

// The table a statement builds after many reads knows what the reads one at a time know:
// the same conflicts and partners, and citation sets that are equal exactly where those are.
TEST(WhyIndex, TheWholeGraphTableKnowsWhatReadsOneAtATimeKnow) {
  Database db;
  buildMany(db);
  const Graph& g = db.graph();
  WhyIndex lazy(g);
  std::vector<WhyIndex::Info> one;
  for (RelId r = 0; r < 4; ++r) one.push_back(lazy.rel(r));
  for (RelId r = 4; r < 100; ++r) one.push_back(lazy.rel(r));
  ASSERT_FALSE(lazy.whole());
  auto table = WhyTable::build(g, CitationSets());
  ASSERT_EQ(table->rels.size(), g.relIdLimit());
  for (RelId a = 0; a < one.size(); ++a) {
    const uint32_t e = table->rels[a];
    EXPECT_EQ(one[a].conflict, (e & WhyTable::kConflict) != 0) << a;
    for (RelId b = 0; b < one.size(); ++b) {
      EXPECT_EQ(one[a].citations == one[b].citations,
                (e & ~WhyTable::kConflict) == (table->rels[b] & ~WhyTable::kConflict))
          << a << " " << b;
    }
    if (one[a].conflict) {
      EXPECT_EQ(table->partners.at(a), lazy.partners(a));
    }
  }
  EXPECT_EQ(table->partners.size(), 2u);  // only R0 and R1 conflict
}

// After enough reads a statement switches to the table without changing what a group keeps
// or how the result is explained; the table then serves the next statements until a write.
TEST(WhyIndex, TheTableIsBuiltOnceAndKeptUntilTheGraphChanges) {
  Database db;
  buildMany(db);
  std::vector<Value> rows;
  for (RelId r = 0; r < db.graph().relIdLimit(); ++r) rows.push_back(row({node(0), rel(r)}));
  WhyIndex first(db.graph());
  EXPECT_FALSE(first.whole());
  Groups g = gather(db.graph(), {rows});
  Provenance all = explainRows(db.graph(), g.all);
  WhyIndex second(db.graph());  // the one gather() used has left its table
  EXPECT_TRUE(second.whole());
  Provenance fast = explainRows(db.graph(), g.kept, nullptr, &second);
  expectSame(all, fast);
  EXPECT_EQ(fast.conflicts.size(), 1u);
  EXPECT_LE(g.kept[0].asList().size(), 8u);  // one per citation set and the two conflicting
  db.execute("MATCH (n:N {id: 'A'}) SET n.seen = true");
  WhyIndex third(db.graph());
  EXPECT_FALSE(third.whole());
  // Through the engine, twice (the second statement reads the kept table): the same answer.
  ExecuteOptions o;
  o.why = true;
  const std::string q = "MATCH (:N)-[s:S]->() RETURN s.year AS year, count(s) AS n ORDER BY year";
  QueryResult r1 = db.execute(q, {}, o), r2 = db.execute(q, {}, o);
  EXPECT_TRUE(WhyIndex(db.graph()).whole());
  expectSame(r1.provenance, r2.provenance);
  ASSERT_EQ(r1.rows.size(), 7u);                                       // 1900-1904, 2022, 2023
  EXPECT_EQ(r1.provenance.rowConflicts[5], std::vector<uint32_t>{1});  // 2022
}

// A graph of at least WhyIndex::kUpFrontMin nodes and relationships: the first read statement
// with --why builds the table before it runs, even one that meets a few facts (the
// benchmark's Q1), and answers as one that reads them one at a time would.
TEST(WhyIndex, AGraphOfManyFactsBuildsTheTableUpFront) {
  Database db;
  db.execute(
      "UNWIND range(0, 49999) AS i CREATE (:A {id: i, sources: ['a' + toString(i % 3)]})"
      "-[:R {year: 2020, share: 1, sources: ['r']}]->(:B {id: i})");
  db.execute(
      "MATCH (a:A {id: 7}), (b:B {id: 7}) CREATE (a)-[:R {year: 2020, share: 2, "
      "sources: ['other']}]->(b)");
  ASSERT_GE(uint64_t{db.graph().nodeIdLimit()} + db.graph().relIdLimit(), WhyIndex::kUpFrontMin);
  ExecuteOptions o;
  o.why = true;
  const std::string q = "MATCH (a:A {id: 7})-[r:R]->(b) RETURN r.share AS share ORDER BY share";
  // What the statement gives when it reads its facts one at a time (an index that has
  // not built the table), compared with the engine's answer.
  QueryResult slow = db.execute("MATCH (a:A {id: 7})-[r:R]->(b) RETURN a, r, b ORDER BY r.share");
  std::vector<Value> rows;
  for (const auto& row : slow.rows) rows.push_back(Value(ValueList(row)));
  WhyIndex oneAtATime(db.graph());
  ASSERT_FALSE(oneAtATime.whole());
  Provenance want = explainRows(db.graph(), rows, nullptr, &oneAtATime);
  ASSERT_FALSE(WhyIndex(db.graph()).whole());
  QueryResult r = db.execute(q, {}, o);
  EXPECT_TRUE(WhyIndex(db.graph()).whole());
  ASSERT_EQ(r.rows.size(), 2u);
  expectSame(want, r.provenance);
  EXPECT_EQ(r.provenance.sources, (std::vector<std::string>{"a1", "other", "r"}));
  EXPECT_EQ(r.provenance.rowConflicts[0], std::vector<uint32_t>{1});
  EXPECT_EQ(r.provenance.rowConflicts[1], std::vector<uint32_t>{1});
}

// An aggregation whose groups each keep one relationship hands it on as it is (no list), and
// with the table, rows that cite the same sources share one list of citation numbers
// (Provenance::RowLists): the same answer as the statement that reads one at a time.
TEST(WhyIndex, GroupsOfOneFactAndRowsThatShareTheirCitations) {
  Database db;
  db.execute("UNWIND range(1, 70) AS i CREATE (:A {id: i})");
  db.execute(
      "MATCH (a:A), (b:A) WHERE a.id <> b.id CREATE (a)-[:T {sources: [CASE WHEN a.id <= 30 "
      "THEN 'low' ELSE 'high' END]}]->(b)");
  ExecuteOptions o;
  o.why = true;
  const std::string q =
      "MATCH (a:A)-[r:T]->(b:A {id: 1}) RETURN a.id AS a, count(r) AS n ORDER BY a";
  QueryResult slow = db.execute(q, {}, o);
  ASSERT_FALSE(WhyIndex(db.graph()).whole());
  db.execute("MATCH ()-[r]->() RETURN count(r) AS n", {}, o);  // 4,830 facts: the table
  ASSERT_TRUE(WhyIndex(db.graph()).whole());
  QueryResult fast = db.execute(q, {}, o);
  ASSERT_EQ(fast.rows.size(), 69u);
  expectSame(slow.provenance, fast.provenance);
  EXPECT_EQ(fast.provenance.sources, (std::vector<std::string>{"high", "low"}));
  EXPECT_EQ(fast.provenance.rowSources[0], std::vector<uint32_t>{2});   // a = 2
  EXPECT_EQ(fast.provenance.rowSources[68], std::vector<uint32_t>{1});  // a = 70
  EXPECT_EQ(fast.provenance.rowSources.distinct(), 2u);
}
