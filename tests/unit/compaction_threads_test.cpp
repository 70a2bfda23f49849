// Graph::compact with two threads shares the relationships out by ranges of ids (each thread
// counts and places its own range's entries after those of the ranges before it) where one
// thread walks them all: the compressed rows, an adjacency order's sorted rows and the
// database file are the same, with deleted relationships, several types, a type too small to
// share out, hubs and nodes without relationships.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/graph.h"
#include "engine/graph_file.h"
#include "engine/schema.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

// 2,000 nodes (node 0 and the last 300 without relationships, node 5 a hub); 120,000
// relationships of type T (with an adjacency order), 40,000 of U and 900 of V (under the
// 16,384 a type needs before its backward rows are shared out), then every seventh deleted
// and 5,000 more appended, so that the last compaction skips dead ids in every range.
void build(Graph& g, unsigned threads) {
  const TypeId t = g.internType("T"), u = g.internType("U"), v = g.internType("V");
  const KeyId a = g.internKey("a"), b = g.internKey("b");
  std::mt19937 rng(11);
  auto node = [&] { return static_cast<NodeId>(1 + rng() % 1699); };
  auto add = [&](int count) {
    for (int i = 0; i < count; ++i) {
      const unsigned pick = rng() % 161;
      const TypeId type = pick < 120 ? t : pick < 160 ? u : v;
      const NodeId from = i % 40 == 0 ? 5 : node();
      const NodeId to = i % 53 == 0 ? 5 : node();
      const RelId r = g.appendRel(from, to, type);
      g.setAppendedRelProperty(r, a, Value(static_cast<int64_t>(rng() % 9)));
      g.setAppendedRelProperty(r, b, Value(static_cast<double>(rng() % 1000) / 8));
    }
  };
  g.begin();
  for (int n = 0; n < 2000; ++n) g.createNode();
  add(160900);
  g.commit();
  g.declareAdjacencyOrder(t, {a, b});
  g.compact(threads);
  g.begin();
  for (RelId r = 0; r < g.relIdLimit(); r += 7) g.deleteRel(r);
  add(5000);
  g.commit();
  g.compact(threads);
}

// Every node's relationships in both directions, in row order (the adjacency order's for T).
std::vector<std::vector<RelId>> rows(const Graph& g) {
  std::vector<std::vector<RelId>> out(g.nodeIdLimit());
  for (NodeId n = 0; n < g.nodeIdLimit(); ++n)
    g.forEachAdjacent(n, Direction::Both, kNoType, [&](RelId r, NodeId) { out[n].push_back(r); });
  return out;
}

TEST(CompactionThreadsTest, TwoThreadsMakeTheRowsAndFileOfOne) {
  Graph one, two;
  build(one, 1);
  build(two, 2);
  ASSERT_EQ(one.relCount(), two.relCount());
  EXPECT_GT(one.relCount(), size_t{140000});
  const auto a = rows(one), b = rows(two);
  for (NodeId n = 0; n < a.size(); ++n) ASSERT_EQ(a[n], b[n]) << "node " << n;
  EXPECT_TRUE(a[0].empty());
  EXPECT_GT(a[5].size(), size_t{3000});  // the hub
  testing::TempDir dir{"sg-compaction-threads"};
  writeGraphFile(one, Schema(), dir / "one.sg");
  writeGraphFile(two, Schema(), dir / "two.sg");
  const std::string bytes = testing::readBytes(dir / "one.sg");
  EXPECT_GT(bytes.size(), size_t{1} << 20);
  EXPECT_TRUE(bytes == testing::readBytes(dir / "two.sg"));
}

}  // namespace
}  // namespace silkgraph
