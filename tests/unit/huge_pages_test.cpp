// common/huge_pages.h and the engine arrays over it (engine/mapped_array.h): large blocks are
// mappings that grow by remapping, small ones come from operator new; contents survive every
// growth and shrink across the 4 MiB threshold.
#include "common/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "engine/mapped_array.h"
#include "engine/string_index.h"

namespace silkgraph {
namespace {

TEST(HugePagesTest, ContentsSurviveGrowthAcrossTheThreshold) {
  size_t bytes = 1000;
  auto* p = static_cast<uint8_t*>(huge_pages::allocate(bytes));
  for (size_t i = 0; i < bytes; ++i) p[i] = static_cast<uint8_t>(i * 7);
  for (size_t next :
       {size_t{3} << 20, size_t{5} << 20, size_t{40} << 20, size_t{6} << 20, size_t{2000}}) {
    const size_t keep = std::min(bytes, next);
    p = static_cast<uint8_t*>(huge_pages::reallocate(p, bytes, next, keep));
    for (size_t i = 0; i < keep; ++i) ASSERT_EQ(p[i], static_cast<uint8_t>(i * 7)) << next;
    for (size_t i = keep; i < next; ++i) p[i] = static_cast<uint8_t>(i * 7);
    bytes = next;
  }
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 16, 0u);
  huge_pages::deallocate(p, bytes);
  huge_pages::deallocate(nullptr, 0);
}

TEST(HugePagesTest, MappedArrayAndStringIndexGrowPastTheThreshold) {
  MappedArray<uint64_t> a;
  for (uint64_t i = 0; i < 3'000'000; ++i) a.push_back(i * 3);  // 24 MB, doubled from 1
  for (uint64_t i = 0; i < a.size(); i += 9973) ASSERT_EQ(a[i], i * 3);
  a.resize(10);
  a.shrink_to_fit();
  EXPECT_EQ(a.capacity(), 10u);
  EXPECT_EQ(a[9], 27u);
  MappedArray<uint64_t> b = a;  // a heap copy
  EXPECT_EQ(b[9], 27u);

  std::vector<std::string> keys(400'000);  // the index's table passes 4 MiB
  StringIndex index;
  for (size_t i = 0; i < keys.size(); ++i) {
    keys[i] = "key " + std::to_string(i);
    index.insert(keys[i], static_cast<uint32_t>(i));
  }
  for (size_t i = 0; i < keys.size(); i += 997) EXPECT_EQ(index.find(keys[i]), i);
  EXPECT_EQ(index.find("key -1"), StringIndex::kNone);
}

}  // namespace
}  // namespace silkgraph
