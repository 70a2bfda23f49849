// FlatU64Set (common/flat_u64_set.h): the flat set behind count(DISTINCT node). Checked against
// std::unordered_set on keys that collide in their low bits, across many growths.
#include "common/flat_u64_set.h"

#include <gtest/gtest.h>

#include <random>
#include <unordered_set>

namespace silkgraph {
namespace {

TEST(FlatU64SetTest, AgreesWithStdSetAcrossGrowth) {
  FlatU64Set flat;
  std::unordered_set<uint64_t> model;
  std::mt19937_64 rng(20241104);
  for (int i = 0; i < 200000; ++i) {
    // Few distinct values, many repeats, keys spread over both 32-bit halves.
    uint64_t key = (rng() % 50000) << (i % 2 ? 32 : 4);
    EXPECT_EQ(flat.insert(key), model.insert(key).second) << "key " << key;
  }
  EXPECT_EQ(flat.size(), model.size());
  for (uint64_t key : model) EXPECT_FALSE(flat.insert(key));
  EXPECT_EQ(flat.size(), model.size());
}

TEST(FlatU64SetTest, ZeroAndLargeKeysAreOrdinary) {
  FlatU64Set flat;
  EXPECT_TRUE(flat.insert(0));
  EXPECT_FALSE(flat.insert(0));
  EXPECT_TRUE(flat.insert(FlatU64Set::kEmpty - 1));
  EXPECT_TRUE(flat.insert(uint64_t{1} << 32));
  EXPECT_EQ(flat.size(), 3u);
}

}  // namespace
}  // namespace silkgraph
