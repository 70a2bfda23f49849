// --why: the entity lists of the executor (query/execution/entity_list.h), the plan it gets
// (a Provenance step only when asked, nothing otherwise), and the conflicts it reports on the
// sample compared with the Cypher recipe of docs/provenance.md.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

#include "main/database.h"
#include "query/execution/entity_list.h"

using namespace silkgraph;

namespace {

const std::string kSample = std::string(SILKGRAPH_SOURCE_DIR) + "/samples/central-asia-korea";

QueryResult run(Database& db, const std::string& q, bool why) {
  ExecuteOptions o;
  o.why = why;
  return db.execute(q, {}, o);
}

}  // namespace

TEST(EntityList, FlattensPathsListsAndSkipsRepeatsAndScalars) {
  std::vector<Value> out;
  EntitySeen seen;
  PathValue p;
  p.nodes = {1, 2, 3};
  p.rels = {10, 11};
  addEntities(Value(p), out, seen);
  addEntities(Value(ValueList{Value(RelRef{11}), Value(NodeRef{4}), Value(int64_t{7}), Value()}),
              out, seen);
  addEntities(Value(NodeRef{1}), out, seen);
  addEntities(Value(std::string("x")), out, seen);
  std::vector<Value> want{Value(NodeRef{1}), Value(RelRef{10}), Value(NodeRef{2}),
                          Value(RelRef{11}), Value(NodeRef{3}), Value(NodeRef{4})};
  ASSERT_EQ(out.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_TRUE(ValueIdentical{}(out[i], want[i])) << i;
}

TEST(EntityList, NodeAndRelationshipWithTheSameIdAreDifferent) {
  std::vector<Value> out;
  EntitySeen seen;
  addEntities(Value(NodeRef{5}), out, seen);
  addEntities(Value(RelRef{5}), out, seen);
  EXPECT_EQ(out.size(), 2u);
}

// Rows may share one list of numbers; each row reads as its own.
TEST(ProvenanceRowLists, RowsShareListsAndReadAsTheirOwn) {
  Provenance::RowLists a, b;
  a.push_back({1, 2});
  a.pushSame();
  a.push_back({3});
  a.resize(5);  // two rows more, with no numbers
  for (auto l : {std::vector<uint32_t>{1, 2}, {1, 2}, {3}, {}, {}}) b.push_back(l);
  EXPECT_EQ(a.distinct(), 3u);
  EXPECT_EQ(b.distinct(), 5u);
  EXPECT_EQ(a, b);
  std::vector<std::vector<uint32_t>> read;
  for (const auto& l : a) read.push_back(l);
  EXPECT_EQ(read, (std::vector<std::vector<uint32_t>>{{1, 2}, {1, 2}, {3}, {}, {}}));
  a.resize(2);
  EXPECT_EQ(a.size(), 2u);
  EXPECT_FALSE(a == b);
}

TEST(ProvenancePlan, OffLeavesThePlanAsItWas) {
  Database db;
  db.load({kSample});
  const std::string q =
      "EXPLAIN MATCH (s:Nation)-[r:SUPPLIES]->(:Nation {id: 'KOR'}) RETURN s.name, count(r)";
  std::string off = run(db, q, false).plan;
  std::string on = run(db, q, true).plan;
  EXPECT_EQ(off.find("Provenance"), std::string::npos) << off;
  EXPECT_NE(on.find("Provenance"), std::string::npos) << on;
  EXPECT_EQ(off, db.execute(q).plan);
}

TEST(ProvenancePlan, AGraphWithoutSourcesIsPlannedPlainly) {
  Database db;
  db.execute("CREATE (:A {id: 1})-[:T]->(:A {id: 2})");
  QueryResult r = run(db, "MATCH (a:A)-[t:T]->(b) RETURN a.id AS a", true);
  EXPECT_TRUE(r.why);
  ASSERT_EQ(r.rows.size(), 1u);
  ASSERT_EQ(r.provenance.rowSources.size(), 1u);
  EXPECT_TRUE(r.provenance.rowSources[0].empty());
  EXPECT_TRUE(r.provenance.sources.empty());
  EXPECT_EQ(run(db, "EXPLAIN MATCH (a:A) RETURN a", true).plan.find("Provenance"),
            std::string::npos);
}

TEST(ProvenancePlan, WritesAndCountsStayTheSame) {
  Database db;
  db.load({kSample});
  QueryResult off = db.execute("MATCH ()-[r:SUPPLIES]->() RETURN count(*) AS n");
  QueryResult on = run(db, "MATCH ()-[r:SUPPLIES]->() RETURN count(*) AS n", true);
  ASSERT_EQ(on.rows.size(), 1u);
  EXPECT_TRUE(ValueIdentical{}(off.rows[0][0], on.rows[0][0]));
  // All SUPPLIES relationships and their two ends each cite something.
  EXPECT_GT(on.provenance.rowSources[0].size(), 30u);
}

// A statement that writes runs once, as without --why; what it creates was not matched, so it
// rests on nothing, while MERGE's match counts.
TEST(ProvenancePlan, WritingStatements) {
  Database db;
  QueryResult w = run(db, "CREATE (n:X {id: 1, sources: ['x1']}) RETURN n.id AS id", true);
  EXPECT_EQ(w.stats.nodesCreated, 1);
  ASSERT_EQ(w.provenance.rowSources.size(), 1u);
  EXPECT_TRUE(w.provenance.rowSources[0].empty());
  QueryResult m = run(db, "MERGE (n:X {id: 1}) RETURN n.id AS id", true);
  EXPECT_EQ(m.stats.nodesCreated, 0);
  ASSERT_EQ(m.provenance.sources.size(), 1u);
  EXPECT_EQ(m.provenance.sources[0], "x1");
  EXPECT_EQ(db.execute("MATCH (n:X) RETURN count(n)").rows[0][0].asInt(), 1);
}

// The conflicts --why finds among all relationships of the sample are the pairs the recipe
// of docs/provenance.md finds.
TEST(ProvenanceConflicts, SampleConflictsMatchTheRecipe) {
  Database db;
  db.load({kSample});
  QueryResult all = run(db, "MATCH ()-[r]->() RETURN count(r) AS n", true);
  ASSERT_EQ(all.provenance.rowConflicts.size(), 1u);
  std::set<std::string> subjects;
  for (const auto& c : all.provenance.conflicts)
    subjects.insert(c.subject + ": " + c.claimA + " | " + c.claimB);
  Params params;
  ValueList skip;
  for (const char* k :
       {"sources", "fact_id", "confidence", "notes", "source_of_data", "data_from", "edition",
        "estimated", "valid_from", "valid_to", "valid_precision", "as_of", "year"})
    skip.emplace_back(std::string(k));
  params["skip"] = Value(std::move(skip));
  QueryResult recipe = db.execute(
      "MATCH (a)-[r]->(b), (a)-[s]->(b) "
      "WHERE type(r) = type(s) AND id(r) < id(s) "
      "  AND (r.valid_from IS NULL OR s.valid_to IS NULL OR r.valid_from <= s.valid_to) "
      "  AND (s.valid_from IS NULL OR r.valid_to IS NULL OR s.valid_from <= r.valid_to) "
      "  AND (r.year IS NULL OR s.year IS NULL OR r.year = s.year) "
      "  AND (r.period IS NULL) = (s.period IS NULL) "
      "WITH a, b, r, s, [k IN keys(r) WHERE k IN keys(s) AND NOT k IN $skip] AS shared "
      "WITH a, b, r, s, [k IN shared WHERE r[k] <> s[k]] AS differ "
      "WHERE size(differ) > 0 "
      "  AND all(k IN differ WHERE coalesce(r[k] < 0 OR r[k] >= 0, false) "
      "                        AND coalesce(s[k] < 0 OR s[k] >= 0, false)) "
      "RETURN r.fact_id AS fact, s.fact_id AS other",
      params);
  EXPECT_EQ(recipe.rows.size(), all.provenance.conflicts.size());
  // 2011 (F096/F097), 2022 (F105/F106) and 2024 (F110/F111), as facts/README.md lists them.
  EXPECT_EQ(all.provenance.conflicts.size(), 3u);
  // The 2022 China share: 61.2 % (F105) against 50 % (F106), each with its citation.
  bool found = false;
  for (const auto& c : all.provenance.conflicts) {
    if (c.subject.find("year: 2022") == std::string::npos) continue;
    found = true;
    EXPECT_NE(c.subject.find("(CHN)-[:SUPPLIES"), std::string::npos) << c.subject;
    std::string a = all.provenance.sources[c.sourcesA.at(0) - 1];
    std::string b = all.provenance.sources[c.sourcesB.at(0) - 1];
    bool f105First = a.find("F105") != std::string::npos;
    EXPECT_NE((f105First ? a : b).find("F105"), std::string::npos);
    EXPECT_NE((f105First ? b : a).find("F106"), std::string::npos);
    EXPECT_EQ(f105First ? c.claimA : c.claimB, "share_pct 61.2");
    EXPECT_EQ(f105First ? c.claimB : c.claimA, "share_pct 50.0");
  }
  EXPECT_TRUE(found);
}
