// SmallU64Set (common/small_u64_set.h): the same answers as FlatU64Set before and after it
// leaves its in-place keys for the hash table.
#include "common/small_u64_set.h"

#include <gtest/gtest.h>

#include <random>

#include "common/flat_u64_set.h"

using namespace silkgraph;

TEST(SmallU64Set, AgreesWithFlatU64SetThroughTheSpill) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 50; ++round) {
    SmallU64Set small;
    FlatU64Set flat;
    const int keys = round % 20;  // some stay in place, some spill
    for (int i = 0; i < 3 * keys; ++i) {
      const uint64_t k = rng() % static_cast<uint64_t>(keys + 1);
      ASSERT_EQ(small.insert(k), flat.insert(k)) << round << " " << i;
      ASSERT_EQ(small.size(), flat.size());
    }
  }
}
