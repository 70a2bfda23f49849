// The relationships' ends in 16 bits while the node ids allow (engine/node_id_column.h): the
// column widens at the first larger id, narrows again at compact() when every id fits, and
// keeps its width through the database file; the graph answers the same either way. The
// compressed rows' other ends likewise, their width chosen at compact().
#include "engine/node_id_column.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/graph.h"
#include "engine/graph_access.h"
#include "engine/graph_file.h"
#include "engine/graph_impl.h"
#include "engine/graph_view.h"
#include "main/database.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

TEST(NodeIdColumn, SixteenBitsUntilAnIdDoesNotFit) {
  NodeIdColumn c;
  std::vector<NodeId> model;
  for (NodeId v = 0; v < 1000; ++v) {
    c.push_back(v * 65 % 65536);
    model.push_back(v * 65 % 65536);
  }
  c.push_back(65535);
  model.push_back(65535);
  EXPECT_FALSE(c.wide());
  EXPECT_EQ(c.bytes() / c.capacity(), sizeof(uint16_t));
  c.push_back(65536);
  model.push_back(65536);
  EXPECT_TRUE(c.wide());
  c.set(3, 4000000000u);
  model[3] = 4000000000u;
  ASSERT_EQ(c.size(), model.size());
  for (size_t i = 0; i < model.size(); ++i) EXPECT_EQ(c[i], model[i]) << i;
  const NodeIds v = c.view();
  for (size_t i = 0; i < model.size(); ++i) EXPECT_EQ(v[i], model[i]) << i;

  c.truncate(500);
  model.resize(500);
  c.narrowIfFits();  // id 3 is still large
  EXPECT_TRUE(c.wide());
  c.set(3, 7);
  model[3] = 7;
  c.narrowIfFits();
  EXPECT_FALSE(c.wide());
  for (size_t i = 0; i < model.size(); ++i) EXPECT_EQ(c[i], model[i]) << i;
}

// Every relationship's ends, as (source, target) by id, and every node's rows in both
// directions, as the query engine and boost adaptors see them.
std::vector<std::pair<NodeId, NodeId>> ends(const Graph& g) {
  std::vector<std::pair<NodeId, NodeId>> out;
  const GraphView v = g.view();
  for (RelId r = 0; r < g.relIdLimit(); ++r) {
    EXPECT_EQ(v.relSources()[r], g.relSource(r));
    EXPECT_EQ(v.relTargets()[r], g.relTarget(r));
    out.emplace_back(g.relSource(r), g.relTarget(r));
  }
  return out;
}
std::multiset<std::pair<NodeId, NodeId>> adjacency(const Graph& g, const std::vector<NodeId>& at,
                                                   TypeId t) {
  std::multiset<std::pair<NodeId, NodeId>> out;
  for (NodeId n : at)
    g.forEachAdjacent(n, Direction::Out, t, [&](RelId, NodeId m) { out.emplace(n, m); });
  return out;
}

TEST(NodeIdColumn, AGraphPastSixtyFiveThousandNodesWidensAndNarrowsBack) {
  silkgraph::testing::TempDir dir("sg-node-ids");
  Database db;
  Graph& g = db.graph();
  const TypeId t = g.internType("T");
  g.begin();
  for (int i = 0; i < 70000; ++i) g.createNode();
  std::mt19937 rng(7);
  std::vector<NodeId> touched;
  for (int i = 0; i < 3000; ++i) {
    NodeId a = rng() % 60000, b = rng() % 60000;
    g.createRel(a, b, t);
    touched.push_back(a);
  }
  g.commit();
  g.compact();
  EXPECT_FALSE(g.view().relSources().wide());
  EXPECT_FALSE(g.view().relTargets().wide());
  auto before = ends(g);
  auto rowsBefore = adjacency(g, touched, t);

  // A relationship to node 69999 widens the targets; rolled back, compact() narrows again.
  g.begin();
  g.createRel(5, 69999, t);
  EXPECT_EQ(g.relTarget(static_cast<RelId>(before.size())), 69999u);
  EXPECT_TRUE(g.view().relTargets().wide());
  EXPECT_FALSE(g.view().relSources().wide());
  g.rollback();
  EXPECT_EQ(ends(g), before);
  g.compact();
  EXPECT_FALSE(g.view().relTargets().wide());
  EXPECT_EQ(ends(g), before);

  // Committed wide ids, also in the delta (after the last compaction) of a written file.
  g.begin();
  const RelId wide = g.createRel(69998, 3, t);
  g.commit();
  before.emplace_back(69998, 3);
  touched.push_back(69998);
  auto rows = adjacency(g, touched, t);
  rowsBefore.emplace(69998, 3);
  EXPECT_EQ(rows, rowsBefore);
  writeGraphFile(g, db.schema(), dir / "delta.sg");
  Database back;
  readGraphFile(dir / "delta.sg", back.graph(), back.schema());
  EXPECT_EQ(ends(back.graph()), before);
  EXPECT_EQ(adjacency(back.graph(), touched, t), rowsBefore);
  EXPECT_EQ(back.graph().relSource(wide), 69998u);
  EXPECT_TRUE(back.graph().view().relSources().wide());
  EXPECT_FALSE(back.graph().view().relTargets().wide());

  // Compacted and written again: the file keeps the widths (sources wide, targets narrow).
  back.graph().compact();
  writeGraphFile(back.graph(), back.schema(), dir / "compacted.sg");
  Database again;
  readGraphFile(dir / "compacted.sg", again.graph(), again.schema());
  EXPECT_EQ(ends(again.graph()), before);
  EXPECT_EQ(adjacency(again.graph(), touched, t), rowsBefore);
  EXPECT_TRUE(again.graph().view().relSources().wide());
  EXPECT_FALSE(again.graph().view().relTargets().wide());
  const char* q = "MATCH (a)-[:T]->(b) RETURN count(*), sum(id(a)), sum(id(b))";
  EXPECT_EQ(db.execute(q).rows[0][2].toCypherLiteral(),
            again.execute(q).rows[0][2].toCypherLiteral());
  EXPECT_EQ(db.execute(q).rows[0][1].toCypherLiteral(),
            again.execute(q).rows[0][1].toCypherLiteral());
}

// The compressed rows' other ends (CsrGraph::m_column, format version 8) take 16 bits when
// the graph has at most 65,536 node ids at compact() and 32 bits from 65,537 on; either way
// the rows in both directions hold the relationships created, also after the database file.
TEST(NodeIdColumn, CompressedRowsTakeSixteenBitsWhileTheNodeIdsAllow) {
  for (NodeId nodes : {NodeId{65536}, NodeId{65537}}) {
    SCOPED_TRACE(nodes);
    silkgraph::testing::TempDir dir("sg-csr-ends");
    Database db;
    Graph& g = db.graph();
    const TypeId t = g.internType("T");
    g.begin();
    for (NodeId i = 0; i < nodes; ++i) g.createNode();
    std::mt19937 rng(nodes);
    std::multiset<std::pair<NodeId, NodeId>> out, in;
    std::set<NodeId> touched;
    for (int i = 0; i < 4000; ++i) {
      NodeId a = i == 0 ? nodes - 1 : rng() % nodes, b = i == 1 ? nodes - 1 : rng() % nodes;
      g.appendRel(a, b, t);
      out.emplace(a, b);
      in.emplace(b, a);
      touched.insert(a);
      touched.insert(b);
    }
    g.commit();
    g.compact();
    auto rows = [&](const Graph& h, Direction dir) {
      std::multiset<std::pair<NodeId, NodeId>> got;
      for (NodeId n : touched)
        h.forEachAdjacent(n, dir, t, [&](RelId, NodeId m) { got.emplace(n, m); });
      return got;
    };
    const bool wide = nodes > 65536;
    const CsrGraph& csr = GraphAccess::of(g).topo[t].csr;
    EXPECT_EQ(csr.m_forward.m_column.wide(), wide);
    EXPECT_EQ(csr.m_backward.m_column.wide(), wide);
    EXPECT_EQ(rows(g, Direction::Out), out);
    EXPECT_EQ(rows(g, Direction::In), in);

    writeGraphFile(g, db.schema(), dir / "rows.sg");
    Database back;
    readGraphFile(dir / "rows.sg", back.graph(), back.schema());
    const CsrGraph& read = GraphAccess::of(back.graph()).topo[t].csr;
    EXPECT_EQ(read.m_forward.m_column.wide(), wide);
    EXPECT_EQ(read.m_backward.m_column.wide(), wide);
    EXPECT_EQ(read.m_forward.m_column, csr.m_forward.m_column);
    EXPECT_EQ(read.m_backward.m_column, csr.m_backward.m_column);
    EXPECT_EQ(rows(back.graph(), Direction::Out), out);
    EXPECT_EQ(rows(back.graph(), Direction::In), in);
    const char* q = "MATCH (a)-[:T]->(b) RETURN count(*), sum(id(a)), sum(id(b))";
    EXPECT_EQ(db.execute(q).rows[0][2].toCypherLiteral(),
              back.execute(q).rows[0][2].toCypherLiteral());
  }
}

}  // namespace
}  // namespace silkgraph
