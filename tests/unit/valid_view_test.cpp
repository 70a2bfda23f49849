// The visibility bitmaps of a statement's view date (engine/validity.h, visibility_bits.h): a
// view that may cache answers every node and relationship exactly as the rule does, before
// and after its bitmaps are built, from one thread or several; a statement that writes never
// caches, so it sees its own changes of valid_to.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/graph.h"
#include "engine/temporal.h"
#include "engine/validity.h"
#include "main/database.h"

using namespace silkgraph;

namespace {

Date day(const char* text) {
  Date d;
  EXPECT_TRUE(parseDate(text, d)) << text;
  return d;
}

// A graph whose nodes and relationships carry every kind of validity the rule knows: date
// bounds, open ends, text dates of year and month precision, a declared precision, as_of
// dates, values of other types, and none at all.
void buildGraph(Graph& g, uint32_t nodes, uint32_t rels, uint32_t seed) {
  std::mt19937 rng(seed);
  const KeyId from = g.internKey("valid_from"), to = g.internKey("valid_to");
  const KeyId asOf = g.internKey("as_of"), precision = g.internKey("valid_precision");
  const TypeId type = g.internType("R");
  auto date = [&](int lo, int hi) {
    return Value(Date{static_cast<int32_t>(std::uniform_int_distribution<int>(lo, hi)(rng))});
  };
  auto give = [&](auto set) {
    switch (rng() % 8) {
      case 0:  // none
        break;
      case 1:  // an open start
        set(to, date(18000, 20000));
        break;
      case 2:  // an open end
        set(from, date(18000, 20000));
        break;
      case 3:  // text of year and month precision
        set(from, Value(std::to_string(2019 + rng() % 4)));
        set(to, Value(std::to_string(2021 + rng() % 3) + "-0" + std::to_string(1 + rng() % 9)));
        break;
      case 4:  // a declared precision
        set(from, date(18000, 19000));
        set(to, date(19000, 20000));
        set(precision, Value(std::string(rng() % 2 ? "year" : "month")));
        break;
      case 5:  // known on one day only
        set(asOf, date(18500, 19500));
        break;
      case 6:  // a value of another type is ignored
        set(from, Value(int64_t{5}));
        break;
      default:
        set(from, date(17000, 19000));
        set(to, date(19000, 21000));
    }
  };
  for (uint32_t i = 0; i < nodes; ++i) {
    const NodeId n = g.createNode();
    if (rng() % 4 == 0) give([&](KeyId k, const Value& v) { g.setNodeProperty(n, k, v); });
  }
  for (uint32_t i = 0; i < rels; ++i) {
    const RelId r = g.createRel(rng() % nodes, rng() % nodes, type);
    give([&](KeyId k, const Value& v) { g.setRelProperty(r, k, v); });
  }
}

// What the rule says (validity.h's nodeInterval and relInterval), with no view at all.
std::vector<char> ruleAnswers(const Graph& g, Date d, bool rels) {
  const ValidityKeys keys(g);
  std::vector<char> out;
  if (!rels) {
    for (NodeId n = 0; n < g.nodeIdLimit(); ++n)
      out.push_back(nodeInterval(g, keys, n).contains(d.days));
    return out;
  }
  for (RelId r = 0; r < g.relIdLimit(); ++r)
    out.push_back(relInterval(g, keys, r).contains(d.days) &&
                  nodeInterval(g, keys, g.relSource(r)).contains(d.days) &&
                  nodeInterval(g, keys, g.relTarget(r)).contains(d.days));
  return out;
}

std::vector<uint32_t> shuffled(uint32_t n, uint32_t seed) {
  std::vector<uint32_t> ids(n);
  for (uint32_t i = 0; i < n; ++i) ids[i] = i;
  std::shuffle(ids.begin(), ids.end(), std::mt19937(seed));
  return ids;
}

class ValidViewBits : public ::testing::TestWithParam<const char*> {};

TEST_P(ValidViewBits, BitmapAnswersEqualTheRule) {
  Graph g;
  buildGraph(g, 3000, 20000, 7);
  const Date d = day(GetParam());
  const std::vector<char> nodes = ruleAnswers(g, d, false), rels = ruleAnswers(g, d, true);
  const ValidView direct(g, d, false);
  const ValidView cached(g, d, true);
  ASSERT_TRUE(cached.active());
  // In random order, as an expansion asks: the first answers come from the columns, the rest
  // from the bitmaps, and every one agrees with the rule and with the view that never caches.
  for (uint32_t r : shuffled(g.relIdLimit(), 1)) {
    ASSERT_EQ(cached.rel(r), rels[r]) << "relationship " << r;
    ASSERT_EQ(direct.rel(r), rels[r]) << "relationship " << r;
  }
  for (uint32_t n : shuffled(g.nodeIdLimit(), 2)) {
    ASSERT_EQ(cached.node(n), nodes[n]) << "node " << n;
    ASSERT_EQ(direct.node(n), nodes[n]) << "node " << n;
  }
  EXPECT_TRUE(cached.relBitsBuilt());
  EXPECT_TRUE(cached.nodeBitsBuilt());
  EXPECT_FALSE(direct.relBitsBuilt());
  EXPECT_FALSE(direct.nodeBitsBuilt());
  // Some of each, so the comparison means something on every date.
  EXPECT_GT(std::count(rels.begin(), rels.end(), 1), 100);
  EXPECT_GT(std::count(rels.begin(), rels.end(), 0), 100);
}

INSTANTIATE_TEST_SUITE_P(Dates, ValidViewBits,
                         ::testing::Values("2019-06-30", "2021-01-01", "2022-12-31", "2024-02-29"));

TEST(ValidViewBits, FewChecksBuildNothing) {
  Graph g;
  buildGraph(g, 3000, 200000, 3);
  const ValidView cached(g, day("2021-06-01"), true);
  // The threshold is max(1024, ids / 64): 3,125 relationships here.
  for (RelId r = 0; r < 3000; ++r) cached.rel(r);
  EXPECT_FALSE(cached.relBitsBuilt());
  for (RelId r = 3000; r < 3200; ++r) cached.rel(r);
  EXPECT_TRUE(cached.relBitsBuilt());
}

TEST(ValidViewBits, LaterStatementsReuseTheBitsUntilAWrite) {
  Graph g;
  buildGraph(g, 3000, 20000, 5);
  const Date d = day("2021-06-01");
  {
    const ValidView first(g, d, true);
    for (RelId r = 0; r < g.relIdLimit(); ++r) first.rel(r);
    ASSERT_TRUE(first.relBitsBuilt());
  }
  // The same date, nothing written: the bits are there from the start.
  EXPECT_TRUE(ValidView(g, d, true).relBitsBuilt());
  // Another date, or a view that may not cache, builds its own.
  EXPECT_FALSE(ValidView(g, day("2021-06-02"), true).relBitsBuilt());
  EXPECT_FALSE(ValidView(g, d, false).relBitsBuilt());
  // A write (here: hiding a visible relationship) drops them; answers follow the write.
  RelId visible = 0;
  while (!ValidView(g, d, false).rel(visible)) ++visible;
  g.setRelProperty(visible, g.keyId("valid_to"), Value(Date{0}));
  const ValidView after(g, d, true);
  EXPECT_FALSE(after.relBitsBuilt());
  EXPECT_FALSE(after.rel(visible));
  const std::vector<char> rels = ruleAnswers(g, d, true);
  for (uint32_t r : shuffled(g.relIdLimit(), 9)) ASSERT_EQ(after.rel(r), rels[r]) << r;
  EXPECT_TRUE(after.relBitsBuilt());
  // So does a rolled-back transaction that created a node and a relationship.
  g.begin();
  g.createRel(g.createNode(), 0, g.typeId("R"));
  g.rollback();
  EXPECT_FALSE(ValidView(g, d, true).relBitsBuilt());
}

TEST(ValidViewThreadTest, ThreadsShareOneBitmap) {
  Graph g;
  buildGraph(g, 2000, 50000, 11);
  const Date d = day("2021-03-15");
  const std::vector<char> rels = ruleAnswers(g, d, true);
  const ValidView cached(g, d, true);
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (uint32_t r : shuffled(g.relIdLimit(), 100 + t))
        if (cached.rel(r) != static_cast<bool>(rels[r])) ++wrong[t];
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
  EXPECT_TRUE(cached.relBitsBuilt());
}

TEST(ValidViewBits, AWriteStatementSeesItsOwnChange) {
  Database db;
  db.execute(
      "UNWIND range(0, 4999) AS i CREATE (:A {i: i})-[:R {i: i, valid_from: date('2020-01-01'), "
      "valid_to: date('2030-01-01')}]->(:B)");
  ExecuteOptions o;
  o.asOf = day("2022-06-30");
  // The first MATCH checks every relationship (enough to build a bitmap in a statement that
  // only reads); the SET then hides one of them from the last MATCH of the same statement.
  QueryResult r = db.execute(
      "MATCH ()-[t:R]->() WITH count(t) AS before "
      "MATCH ()-[s:R {i: 5}]->() SET s.valid_to = date('2021-01-01') "
      "WITH before MATCH ()-[u:R]->() RETURN before, count(u) AS after",
      {}, o);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].asInt(), 5000);
  EXPECT_EQ(r.rows[0][1].asInt(), 4999);
  // A later read statement sees the change too.
  r = db.execute("MATCH ()-[t:R]->() RETURN count(t)", {}, o);
  EXPECT_EQ(r.rows[0][0].asInt(), 4999);
}

}  // namespace
