// SegmentedArray (engine/segmented_array.h): elements keep their index and their address as
// the array grows through many segments, including ones large enough for huge pages, and are
// destroyed with it.
#include "engine/segmented_array.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace silkgraph {
namespace {

TEST(SegmentedArrayTest, ElementsKeepTheirIndexAndAddress) {
  SegmentedArray<uint64_t, 4> a;  // segments of 16, 16, 32, 64, ... elements
  EXPECT_TRUE(a.empty());
  std::vector<const uint64_t*> at;
  constexpr size_t kCount = 1'100'000;  // the last segments are over 4 MiB: huge pages
  for (size_t i = 0; i < kCount; ++i) at.push_back(&a.emplace_back(i * 3));
  ASSERT_EQ(a.size(), kCount);
  EXPECT_GE(a.capacity(), kCount);
  for (size_t i = 0; i < kCount; ++i) {
    ASSERT_EQ(a[i], i * 3) << i;
    ASSERT_EQ(&a[i], at[i]) << i;  // never moved
  }
}

TEST(SegmentedArrayTest, DestroysItsElements) {
  auto shared = std::make_shared<std::string>("kept");
  {
    SegmentedArray<std::shared_ptr<std::string>, 2> a;
    for (int i = 0; i < 100; ++i) a.emplace_back(shared);
    EXPECT_EQ(shared.use_count(), 101);
    SegmentedArray<std::shared_ptr<std::string>, 2> b = std::move(a);
    EXPECT_EQ(b.size(), 100u);
    EXPECT_EQ(a.size(), 0u);
    EXPECT_EQ(*b[99], "kept");
  }
  EXPECT_EQ(shared.use_count(), 1);
}

}  // namespace
}  // namespace silkgraph
