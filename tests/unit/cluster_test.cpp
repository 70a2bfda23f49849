// Clustered relationships (Graph::clusterRelationships, `silkgraph build --cluster`): the
// relationships of a type are renumbered in the order of one direction's rows; every node's
// rows, every relationship's ends and properties, the seeks of an adjacency order and the
// database file stay what they were, other types keep their ids, and what cannot be
// clustered is said, not half done.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/graph.h"
#include "engine/graph_access.h"
#include "engine/graph_file.h"
#include "main/database.h"
#include "query/value_format.h"
#include "temp_files.h"

namespace silkgraph {
namespace {

class ClusterTest : public ::testing::Test {
 protected:
  // 40 nodes; U relationships, then 3,000 T relationships with mixed properties (a string,
  // an int, a float, a bool on some, a list on a few), then more U: T's ids are one range.
  void build(Database& db, bool interleave = false) {
    Graph& g = db.graph();
    const LabelId v = g.internLabel("V");
    const KeyId id = g.internKey("i");
    const TypeId t = g.internType("T"), u = g.internType("U");
    const KeyId a = g.internKey("a"), b = g.internKey("b"), c = g.internKey("c"),
                d = g.internKey("d"), w = g.internKey("w");
    std::mt19937 rng(11);
    g.begin();
    for (int n = 0; n < 40; ++n) {
      LabelId labels[] = {v};
      g.setNodeProperty(g.createNode(labels), id, Value(int64_t{n}));
    }
    auto other = [&] {
      const RelId r = g.createRel(rng() % 40, rng() % 40, u);
      g.setRelProperty(r, w, Value(static_cast<int64_t>(rng() % 1000)));
      return r;
    };
    const KeyId x = g.internKey("x");  // only on the first U relationships, before T's ids
    for (int k = 0; k < 50; ++k) g.setRelProperty(other(), x, Value(int64_t{k}));
    const char* names[] = {"s0", "s1", "s2", "s3"};
    for (int k = 0; k < 3000; ++k) {
      if (interleave && k % 100 == 7) other();
      const RelId r = g.createRel(rng() % 40, rng() % 40, t);
      if (rng() % 10) g.setRelProperty(r, a, Value(std::string(names[rng() % 4])));
      if (rng() % 10) g.setRelProperty(r, b, Value(static_cast<int64_t>(rng() % 7) - 2));
      if (rng() % 5) g.setRelProperty(r, c, Value((static_cast<double>(rng() % 2001)) / 8.0));
      if (rng() % 3 == 0) g.setRelProperty(r, d, Value(rng() % 2 == 0));
      if (rng() % 50 == 0) g.setRelProperty(r, w, Value(ValueList{Value(int64_t{k})}));
    }
    for (int k = 0; k < 50; ++k) other();
    g.commit();
    g.createKeyIndex(v, id);
    g.setAdjacencyOrder(t, {a, b});
    g.compact();
  }

  // Every node's rows of type `type` in both directions, in row order: the other end and
  // every property, not the ids.
  static std::vector<std::string> rows(Database& db, const char* type) {
    const Graph& g = db.graph();
    std::vector<std::string> out;
    const TypeId t = g.typeId(type);
    for (NodeId n = 0; n < g.nodeIdLimit(); ++n)
      for (Direction dir : {Direction::Out, Direction::In}) {
        std::string row;
        g.forEachAdjacent(n, dir, t, [&](RelId r, NodeId m) {
          row += std::to_string(m);
          for (const char* k : {"a", "b", "c", "d", "w"})
            row += "," + toCypherText(g.relProperty(r, g.keyId(k)), g);
          row += ";";
          return true;
        });
        out.push_back(row);
      }
    return out;
  }

  // The ids of each node's `dir` rows of type T, in row order.
  static std::vector<RelId> ids(Database& db, Direction dir) {
    const Graph& g = db.graph();
    std::vector<RelId> out;
    for (NodeId n = 0; n < g.nodeIdLimit(); ++n)
      g.forEachAdjacent(n, dir, g.typeId("T"), [&](RelId r, NodeId) {
        out.push_back(r);
        return true;
      });
    return out;
  }

  // Seeks in the adjacency order and relationship scans, as sorted text.
  static std::vector<std::string> answers(Database& db) {
    std::vector<std::string> out;
    for (const char* q :
         {"MATCH (n:V {i: 3})<-[r:T]-(m) WHERE r.a = 's1' AND r.b = 2 RETURN m.i, r.c, r.d",
          "MATCH (n:V {i: 5})-[r:T]->(m) WHERE r.a = 's2' RETURN m.i, r.b, r.c, r.w",
          "MATCH ()-[r:T]->() RETURN r.a, sum(r.c), count(r.d), count(*)",
          "MATCH (x)-[r:T]->(y) WHERE r.b >= 1 RETURN x.i, y.i, r.a, r.b, r.c",
          "MATCH (x)-[r:U]->(y) RETURN id(r), x.i, y.i, r.w",
          "MATCH (x)-[:T]->(y) RETURN DISTINCT x.i, y.i"}) {
      std::vector<std::string> lines;
      for (const auto& row : db.execute(q).rows) {
        std::string line;
        for (const auto& x : row) line += toCypherText(x, db.graph()) + "|";
        lines.push_back(line);
      }
      std::sort(lines.begin(), lines.end());
      std::string all = std::string(q) + "\n";
      for (const auto& l : lines) all += l + "\n";
      out.push_back(all);
    }
    return out;
  }
};

TEST_F(ClusterTest, IncomingRowsBecomeConsecutiveIdsAndNothingElseChanges) {
  Database db;
  build(db);
  const auto rowsBefore = rows(db, "T"), otherBefore = rows(db, "U");
  const auto answersBefore = answers(db);
  const auto outBefore = ids(db, Direction::Out);
  const PropertyColumn& x = GraphAccess::of(db.graph()).relCols[db.graph().keyId("x")];
  const size_t xBits = x.presentBits().size(), xWords = x.words16().size();
  ASSERT_EQ(db.clusterRelationships("T", Direction::In), "");
  // A column that ends before T's ids is not touched, nor made as long as they.
  EXPECT_EQ(x.presentBits().size(), xBits);
  EXPECT_EQ(x.words16().size(), xWords);
  const std::vector<RelId> in = ids(db, Direction::In);
  ASSERT_EQ(in.size(), 3000u);
  for (size_t i = 0; i < in.size(); ++i) ASSERT_EQ(in[i], 50 + i) << i;  // after the 50 U
  EXPECT_NE(ids(db, Direction::Out), outBefore);
  EXPECT_EQ(rows(db, "T"), rowsBefore);
  EXPECT_EQ(rows(db, "U"), otherBefore);
  EXPECT_EQ(answers(db), answersBefore);
  // Every relationship's ends agree with the rows that hold it.
  const Graph& g = db.graph();
  for (NodeId n = 0; n < g.nodeIdLimit(); ++n) {
    g.forEachAdjacent(n, Direction::In, g.typeId("T"), [&](RelId r, NodeId m) {
      EXPECT_EQ(g.relTarget(r), n);
      EXPECT_EQ(g.relSource(r), m);
      return true;
    });
    g.forEachAdjacent(n, Direction::Out, g.typeId("T"), [&](RelId r, NodeId m) {
      EXPECT_EQ(g.relSource(r), n);
      EXPECT_EQ(g.relTarget(r), m);
      return true;
    });
  }
  // A second time: nothing to do.
  EXPECT_EQ(db.clusterRelationships("T", Direction::In), "");
  EXPECT_EQ(ids(db, Direction::In), in);
}

TEST_F(ClusterTest, OutgoingRowsToo) {
  Database db;
  build(db);
  const auto rowsBefore = rows(db, "T");
  const auto answersBefore = answers(db);
  ASSERT_EQ(db.clusterRelationships("T", Direction::Out), "");
  const std::vector<RelId> out = ids(db, Direction::Out);
  for (size_t i = 0; i < out.size(); ++i) ASSERT_EQ(out[i], 50 + i) << i;
  EXPECT_EQ(rows(db, "T"), rowsBefore);
  EXPECT_EQ(answers(db), answersBefore);
}

TEST_F(ClusterTest, TheDatabaseFileKeepsTheNewNumbers) {
  testing::TempDir dir("silkgraph-cluster");
  Database db;
  build(db);
  ASSERT_EQ(db.clusterRelationships("T", Direction::In), "");
  const auto rowsBefore = rows(db, "T");
  const auto answersBefore = answers(db);
  const auto in = ids(db, Direction::In);
  db.save(dir / "c.sg");
  EXPECT_EQ(Database::checkFile(dir / "c.sg") > 0, true);  // every check of the file passes
  Database other;
  other.open(dir / "c.sg", OpenOptions{.readOnly = true});
  EXPECT_EQ(ids(other, Direction::In), in);
  EXPECT_EQ(rows(other, "T"), rowsBefore);
  EXPECT_EQ(answers(other), answersBefore);
}

TEST_F(ClusterTest, TypesMixedInTheIdsKeepTheirOwnIds) {
  Database db;
  build(db, /*interleave=*/true);  // a U relationship after every 100 T
  const auto rowsBefore = rows(db, "T"), otherBefore = rows(db, "U");
  const auto answersBefore = answers(db);  // U's ids among them
  std::vector<RelId> own = ids(db, Direction::In);
  std::sort(own.begin(), own.end());
  ASSERT_EQ(db.clusterRelationships("T", Direction::In), "");
  EXPECT_EQ(ids(db, Direction::In), own);  // T's own ids, handed out in row order
  EXPECT_EQ(rows(db, "T"), rowsBefore);
  EXPECT_EQ(rows(db, "U"), otherBefore);
  EXPECT_EQ(answers(db), answersBefore);
}

TEST_F(ClusterTest, WhatCannotBeClusteredIsSaidAndLeftAlone) {
  Database db;
  build(db);
  const std::string unknown = db.clusterRelationships("SUPPLIES", Direction::In);
  EXPECT_NE(unknown.find("no relationship of type SUPPLIES (its types: T, U)"), std::string::npos)
      << unknown;
  // Written since the last compaction: the graph says so and changes nothing; the database
  // compacts first.
  Graph& g = db.graph();
  g.begin();
  g.createRel(1, 2, g.typeId("T"));
  g.commit();
  const auto in = ids(db, Direction::In);
  EXPECT_NE(g.clusterRelationships(g.typeId("T"), Direction::In).find("changed since"),
            std::string::npos);
  EXPECT_EQ(ids(db, Direction::In), in);
  EXPECT_EQ(db.clusterRelationships("T", Direction::In), "");
  EXPECT_EQ(ids(db, Direction::In).size(), 3001u);
  // An open database file's relationships keep their ids (its log names them).
  testing::TempDir dir("silkgraph-cluster");
  db.save(dir / "c.sg");
  Database open;
  open.open(dir / "c.sg");
  EXPECT_NE(open.clusterRelationships("T", Direction::Out).find("is open"), std::string::npos);
  open.close();
}

}  // namespace
}  // namespace silkgraph
