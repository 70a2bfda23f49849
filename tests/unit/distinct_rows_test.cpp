// Distinct neighbours (engine/distinct_rows.h): the rows as compact() builds them, against a
// brute-force reading of the compressed rows; and the answers of the expansions that use them
// (count(DISTINCT ...) over one and two hops) against brute force over the relationships, on
// random multigraphs with self-loops, after writes (delta), deletions, under a view date, with
// a filter on the relationship, after a change of adjacency order and through a database file.
#include "engine/distinct_rows.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/graph_access.h"
#include "engine/graph_file.h"
#include "main/database.h"
#include "tests/support/graph_file_forge.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

struct Edge {
  int64_t a, b, w;
  bool hidden;  // valid only from 2021: not seen as of 2020-06-30
  bool alive = true;
};

class DistinctRowsTest : public ::testing::Test {
 protected:
  // `nodes` nodes :V {i} (every third also :W) and `rels` :T relationships among the first
  // `spread` nodes (so that many are parallel), a few of them self-loops.
  void build(int nodes, int rels, int spread, unsigned seed) {
    db.execute("UNWIND range(0, " + std::to_string(nodes - 1) +
               ") AS i CREATE (v:V {i: i}) WITH v WHERE v.i % 3 = 0 SET v:W");
    std::mt19937 rng(seed);
    std::vector<Edge> add;
    for (int k = 0; k < rels; ++k) {
      int64_t a = rng() % spread, b = rng() % 8 == 0 ? a : rng() % spread;
      add.push_back({a, b, static_cast<int64_t>(rng() % 10), rng() % 4 == 0});
    }
    create(add);
  }
  void create(const std::vector<Edge>& add) {
    for (size_t from = 0; from < add.size(); from += 500) {
      std::string list;
      for (size_t k = from; k < std::min(add.size(), from + 500); ++k) {
        const Edge& e = add[k];
        list += (list.empty() ? "[" : ", [") + std::to_string(e.a) + ", " + std::to_string(e.b) +
                ", " + std::to_string(e.w) + ", " + (e.hidden ? "true" : "false") + "]";
      }
      db.execute("UNWIND [" + list +
                 "] AS p MATCH (a:V {i: p[0]}), (b:V {i: p[1]}) CREATE (a)-[:T {w: p[2], "
                 "valid_from: CASE WHEN p[3] THEN date('2021-01-01') END}]->(b)");
    }
    edges.insert(edges.end(), add.begin(), add.end());
  }
  // Deletes every live relationship between a and b.
  void remove(int64_t a, int64_t b) {
    db.execute("MATCH (:V {i: " + std::to_string(a) + "})-[r:T]->(:V {i: " + std::to_string(b) +
               "}) DELETE r");
    for (Edge& e : edges)
      if (e.a == a && e.b == b) e.alive = false;
  }

  struct Filter {
    bool asOf = false;   // hidden relationships are not seen
    int64_t minW = -1;   // only relationships with w >= minW
    bool onlyW = false;  // the far end must be :W
  };
  bool uses(const Edge& e, const Filter& f) const {
    return e.alive && !(f.asOf && e.hidden) && e.w >= f.minW;
  }
  // count(DISTINCT c) over (k)-[r1]->()-[r2]->(c), r1 != r2 (out) or (k)<-[r1]-()<-[r2]-(c).
  int64_t twoHops(int64_t k, bool out, const Filter& f) const {
    std::map<int64_t, std::vector<size_t>> from;  // node -> edges leaving it (this direction)
    for (size_t i = 0; i < edges.size(); ++i)
      if (uses(edges[i], f)) from[out ? edges[i].a : edges[i].b].push_back(i);
    std::set<int64_t> reach;
    for (size_t i : from[k]) {
      const int64_t m = out ? edges[i].b : edges[i].a;
      for (size_t j : from[m]) {
        const int64_t c = out ? edges[j].b : edges[j].a;
        if (j != i && (!f.onlyW || c % 3 == 0)) reach.insert(c);
      }
    }
    return static_cast<int64_t>(reach.size());
  }
  // Per node, count(DISTINCT s) over (s)-[:T]->(n).
  std::vector<int64_t> suppliers(int nodes, const Filter& f) const {
    std::vector<std::set<int64_t>> s(nodes);
    for (const Edge& e : edges)
      if (uses(e, f)) s[e.b].insert(e.a);
    std::vector<int64_t> out;
    for (const auto& x : s) out.push_back(static_cast<int64_t>(x.size()));
    return out;
  }

  QueryResult run(const std::string& q, const Filter& f) {
    ExecuteOptions o;
    Date d;
    parseDate("2020-06-30", d);
    if (f.asOf) o.asOf = d;
    return target->execute(q, {}, o);
  }
  // Every answer against brute force, for the first `nodes` start nodes.
  void expectAnswers(int nodes, const Filter& f) {
    const std::string w = f.minW >= 0 ? " WHERE r1.w >= " + std::to_string(f.minW) +
                                            " AND r2.w >= " + std::to_string(f.minW)
                                      : "";
    const std::string end = f.onlyW ? "(c:W)" : "(c)";
    for (int64_t k = 0; k < nodes; ++k) {
      const std::string key = std::to_string(k);
      QueryResult outQ = run("MATCH (k:V {i: " + key + "})-[r1:T]->(:V)-[r2:T]->" + end + w +
                                 " RETURN count(DISTINCT c) AS n",
                             f);
      EXPECT_EQ(outQ.rows.at(0).at(0).asInt(), twoHops(k, true, f)) << "out from " << k;
      QueryResult inQ = run("MATCH (k:V {i: " + key + "})<-[r1:T]-()<-[r2:T]-" + end + w +
                                " RETURN count(DISTINCT c) AS n",
                            f);
      EXPECT_EQ(inQ.rows.at(0).at(0).asInt(), twoHops(k, false, f)) << "in to " << k;
    }
    const std::string w1 = f.minW >= 0 ? " WHERE r.w >= " + std::to_string(f.minW) : "";
    QueryResult per = run("MATCH (n:V) OPTIONAL MATCH (s)-[r:T]->(n)" + w1 +
                              " RETURN n.i AS i, count(DISTINCT s) AS c ORDER BY i",
                          f);
    std::vector<int64_t> got;
    for (const auto& row : per.rows) got.push_back(row.at(1).asInt());
    EXPECT_EQ(got, suppliers(static_cast<int>(per.rows.size()), f));
  }
  // A compacted random multigraph (seed), written to `path`.
  void writeBuilt(const std::string& path, unsigned seed) {
    build(30, 2500, 12, seed);
    db.graph().compact();
    writeGraphFile(db.graph(), db.schema(), path);
  }
  const TypeTopology& topoT() {
    const GraphImpl& g = GraphAccess::of(db.graph());
    return g.topo[db.graph().typeId("T")];
  }

  Database db;
  Database* target = &db;  // the database the answers are read from
  std::vector<Edge> edges;
};

// For node n, the neighbours of its compressed row in first-entry order, with that entry's
// relationship, read the plain way.
void expectRowsAsRead(const GraphImpl& g, TypeId t, Direction dir) {
  const TypeTopology& tp = g.topo[t];
  const DistinctRows& d = tp.distinct[dir == Direction::In];
  ASSERT_TRUE(d.built());
  const bool out = dir == Direction::Out;
  const auto& rows = out ? tp.csr.m_forward.m_rowstart : tp.csr.m_backward.m_rowstart;
  const auto& others = out ? tp.csr.m_forward.m_column : tp.csr.m_backward.m_column;
  for (uint32_t n = 0; n < tp.csrVertices; ++n) {
    std::vector<std::pair<NodeId, RelId>> want;
    for (uint32_t e = rows[n]; e < rows[n + 1]; ++e) {
      const RelId r =
          out ? tp.csr.m_forward.m_edge_properties[e].rel : tp.csr.m_backward.m_edge_properties[e];
      if (std::none_of(want.begin(), want.end(), [&](auto p) { return p.first == others[e]; }))
        want.emplace_back(others[e], r);
    }
    std::vector<std::pair<NodeId, RelId>> got;
    for (uint32_t e = d.rowstart[n]; e < d.rowstart[n + 1]; ++e)
      got.emplace_back(d.column[e], d.rel[e]);
    EXPECT_EQ(got, want) << "node " << n;
  }
}

TEST_F(DistinctRowsTest, BuiltByCompactAsTheRowsRead) {
  build(40, 3000, 15, 1);
  db.graph().compact();
  const GraphImpl& g = GraphAccess::of(db.graph());
  const TypeId t = db.graph().typeId("T");
  expectRowsAsRead(g, t, Direction::Out);
  expectRowsAsRead(g, t, Direction::In);
  EXPECT_EQ(checkDistinctRows(g, t, Direction::Out), "");
  // 15 x 15 pairs at most for 3,000 relationships.
  EXPECT_LE(topoT().distinct[0].column.size(), 225u);
}

TEST_F(DistinctRowsTest, NotBuiltWithoutParallelRelationships) {
  db.execute("UNWIND range(0, 999) AS i CREATE (a:V {i: i})-[:T]->(:V {i: i + 1000})");
  db.graph().compact();
  EXPECT_FALSE(topoT().distinct[0].built());
  EXPECT_FALSE(topoT().distinct[1].built());
}

TEST_F(DistinctRowsTest, AnswersAsBruteForce) {
  build(40, 3000, 15, 2);
  db.graph().compact();
  ASSERT_TRUE(topoT().distinct[0].built());
  EXPECT_NE(db.execute("EXPLAIN MATCH (k:V {i: 1})-[:T]->()-[:T]->(c) RETURN count(DISTINCT c)")
                .plan.find("distinct rows"),
            std::string::npos);
  expectAnswers(20, {});
  expectAnswers(20, {.onlyW = true});
}

TEST_F(DistinctRowsTest, FiltersAndViewDatesStepAside) {
  build(30, 2500, 12, 3);
  db.graph().compact();
  expectAnswers(16, {.asOf = true});
  expectAnswers(16, {.minW = 5});
}

TEST_F(DistinctRowsTest, DeltaAndDeletionsAfterCompaction) {
  build(30, 2500, 12, 4);
  db.graph().compact();
  // New relationships (the delta), some to nodes no row reached before.
  std::vector<Edge> more;
  for (int64_t k = 0; k < 20; ++k) more.push_back({k, 12 + k % 8, 7, false});
  create(more);
  EXPECT_EQ(topoT().csrDeleted, 0u);
  expectAnswers(24, {});
  // Deletions: every relationship of some pairs, so that a node is no longer reached.
  for (int64_t k = 0; k < 12; k += 2) remove(k, (k * 7) % 12);
  EXPECT_GT(topoT().csrDeleted, 0u);
  expectAnswers(24, {});
  db.graph().compact();
  ASSERT_TRUE(topoT().distinct[0].built());
  expectAnswers(24, {});
}

// Relationship uniqueness: a relationship the match already holds cannot stand for a neighbour.
// Node 0's row reaches node 1 first through a1 {w: 1}, then through a2 {w: 2}; the only path
// of two {w: 1} hops from node 0 back to it is a1, b. Expanding from node 0 again must reach
// node 1 through a2 (a1 is in the path), so the answer is 1, not 0.
TEST_F(DistinctRowsTest, ARelationshipTheMatchHoldsIsNotUsed) {
  db.execute("UNWIND range(0, 9) AS i CREATE (:V {i: i})");
  std::vector<Edge> add{{0, 1, 1, false}, {0, 1, 2, false}, {1, 0, 1, false}};
  for (int k = 0; k < 400; ++k) add.push_back({2 + k % 4, 6 + k % 3, 5, false});  // parallel
  create(add);
  db.graph().compact();
  ASSERT_TRUE(topoT().distinct[0].built());
  QueryResult r = db.execute(
      "MATCH (k:V {i: 0}) WITH k MATCH (k)-[rs:T*2..2 {w: 1}]->(m)-[:T]->(c) "
      "RETURN count(DISTINCT c) AS n");
  EXPECT_EQ(r.rows.at(0).at(0).asInt(), 1);
}

TEST_F(DistinctRowsTest, RebuiltWhenTheAdjacencyOrderChanges) {
  build(30, 2000, 12, 5);
  db.graph().compact();
  Graph& g = db.graph();
  g.setAdjacencyOrder(g.typeId("T"), {g.keyId("w")});
  expectRowsAsRead(GraphAccess::of(g), g.typeId("T"), Direction::Out);
  expectRowsAsRead(GraphAccess::of(g), g.typeId("T"), Direction::In);
  expectAnswers(16, {});
}

TEST_F(DistinctRowsTest, KeptInTheDatabaseFile) {
  testing::TempDir dir("sg-distinct-rows");
  writeBuilt(dir / "g.sg", 6);
  Database copy;
  readGraphFile(dir / "g.sg", copy.graph(), copy.schema());
  copy.graph().runDeferredChecks();
  const TypeTopology& a = topoT();
  const TypeTopology& b = GraphAccess::of(copy.graph()).topo[copy.graph().typeId("T")];
  for (int in = 0; in < 2; ++in) {
    ASSERT_TRUE(b.distinct[in].built());
    EXPECT_TRUE(std::equal(a.distinct[in].column.begin(), a.distinct[in].column.end(),
                           b.distinct[in].column.begin(), b.distinct[in].column.end()));
    EXPECT_TRUE(std::equal(a.distinct[in].rel.begin(), a.distinct[in].rel.end(),
                           b.distinct[in].rel.begin(), b.distinct[in].rel.end()));
  }
  target = &copy;
  expectAnswers(16, {});
}

// A forged list (checksums recomputed) is refused at first use with a LoadError naming it.
TEST_F(DistinctRowsTest, ForgedListIsRefused) {
  testing::TempDir dir("sg-distinct-rows");
  writeBuilt(dir / "g.sg", 7);
  const std::string good = testing::readBytes(dir / "g.sg");
  int forged = 0;
  for (const GraphFileSection& s : graphFileSections(dir / "g.sg")) {
    if (s.name.find("distinct neighbours") == std::string::npos) continue;
    ++forged;
    std::string bad = good;
    uint32_t first;
    std::memcpy(&first, bad.data() + s.offset, 4);
    first = first == 0 ? 1 : 0;  // another node, in range
    std::memcpy(bad.data() + s.offset, &first, 4);
    ASSERT_TRUE(testing::resealGraphFile(bad));
    testing::writeBytes(dir / "bad.sg", bad);
    Database target;
    try {
      readGraphFile(dir / "bad.sg", target.graph(), target.schema());
      target.execute("MATCH (k:V {i: 0})-[:T]->()-[:T]->(c) RETURN count(DISTINCT c)");
      ADD_FAILURE() << s.name << ": forged list accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::LoadError) << e.what();
      EXPECT_NE(std::string(e.what()).find("distinct neighbours"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(forged, 2);  // both directions
}

}  // namespace
}  // namespace silkgraph
