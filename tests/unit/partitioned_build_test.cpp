// A build past its memory budget (docs/storage.md "Building beyond memory"): the passes that
// place the compressed rows, renumber clustered relationships and gather an adjacency order's
// codes run once per range that fits the random window (common/spill.h). With a window
// forced tiny, so that every one of them takes many passes, the database file is byte for
// byte the one of a build in one pass.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "common/spill.h"
#include "engine/graph.h"
#include "engine/graph_file.h"
#include "main/database.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

// 3,000 nodes, the last 500 (and node 0) without relationships; node 7 a hub whose rows
// alone pass the window; 600,000 relationships of three types interleaved (T with an
// adjacency order, U without, S self-loops only), with a string, an int and a float, and an
// int past 32 bits on all (a column of 4.8 MB, in a file when everything spills).
void build(const std::string& path, bool cluster, unsigned threads) {
  Database db;
  Graph& g = db.graph();
  const TypeId t = g.internType("T"), u = g.internType("U"), s = g.internType("S");
  const KeyId a = g.internKey("a"), b = g.internKey("b"), c = g.internKey("c"),
              d = g.internKey("d");
  std::mt19937 rng(7);
  g.begin();
  for (int n = 0; n < 3000; ++n) g.createNode();
  g.reserveRels(600000, {a, b, c, d});
  auto node = [&] { return static_cast<NodeId>(1 + rng() % 2499); };
  const char* names[] = {"coal", "iron", "salt", "tin", "zinc"};
  for (int i = 0; i < 600000; ++i) {
    const unsigned pick = rng() % 10;
    const TypeId type = pick < 6 ? t : pick < 9 ? u : s;
    const NodeId from = i % 25 == 0 ? 7 : node();
    const NodeId to = type == s ? from : i % 31 == 0 ? 7 : node();
    const RelId r = g.appendRel(from, to, type);
    if (rng() % 8) g.setAppendedRelProperty(r, a, Value(std::string(names[rng() % 5])));
    g.setAppendedRelProperty(r, b, Value(static_cast<int64_t>(rng() % 50) + 1990));
    if (rng() % 4) g.setAppendedRelProperty(r, c, Value(static_cast<double>(rng() % 4096) / 4));
    g.setAppendedRelProperty(r, d, Value((static_cast<int64_t>(rng()) << 20) + i));
  }
  g.commit();
  g.setAdjacencyOrder(t, {a, b, c}, threads);
  g.compact(threads);
  if (cluster) {
    EXPECT_EQ(g.clusterRelationships(t, Direction::In), "");
    EXPECT_EQ(g.clusterRelationships(u, Direction::Out), "");
  }
  writeGraphFile(g, db.schema(), path);
}

std::string bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class PartitionedBuildTest : public ::testing::TestWithParam<std::tuple<bool, unsigned>> {
 protected:
  void TearDown() override {
    huge_pages::setRandomWindowForTesting(0);
    huge_pages::stopSpilling();
  }
  silkgraph::testing::TempDir dir{"sg-partitioned"};
};

TEST_P(PartitionedBuildTest, ManyPassesWriteTheFileOfOne) {
  const auto [cluster, threads] = GetParam();
  build(dir / "one.sg", cluster, threads);
  // Spilling (every large array in a file) with a 64 KiB window: the rows' placement takes
  // dozens of ranges of nodes, the renumbering and the codes' gather dozens of ranges of ids.
  ASSERT_EQ(huge_pages::startSpilling(dir.path(), 0), "");
  huge_pages::setRandomWindowForTesting(64 << 10);
  ASSERT_EQ(huge_pages::randomWindow(), size_t{64} << 10);
  build(dir / "many.sg", cluster, threads);
  EXPECT_GT(huge_pages::usage().peakSpilledBytes, size_t{4} << 20);
  const std::string one = bytes(dir / "one.sg");
  EXPECT_GT(one.size(), size_t{1} << 20);
  EXPECT_TRUE(one == bytes(dir / "many.sg"));
}

INSTANTIATE_TEST_SUITE_P(ClusterAndThreads, PartitionedBuildTest,
                         ::testing::Combine(::testing::Bool(), ::testing::Values(1u, 2u)));

TEST(RandomWindowTest, UnlimitedWithoutSpillingAQuarterOfTheBudgetWith) {
  EXPECT_EQ(huge_pages::randomWindow(), SIZE_MAX);
  silkgraph::testing::TempDir dir("sg-window");
  ASSERT_EQ(huge_pages::startSpilling(dir.path(), size_t{1} << 30), "");
  EXPECT_EQ(huge_pages::randomWindow(), size_t{1} << 28);
  ASSERT_EQ(huge_pages::startSpilling(dir.path(), 0), "");
  EXPECT_EQ(huge_pages::randomWindow(), size_t{4} << 20);  // at least 4 MiB
  huge_pages::stopSpilling();
  EXPECT_EQ(huge_pages::randomWindow(), SIZE_MAX);
}

}  // namespace
}  // namespace silkgraph
