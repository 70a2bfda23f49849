// common/huge_pages.h and the engine arrays over it (engine/mapped_array.h): large blocks are
// mappings that grow by remapping, small ones come from operator new; contents survive every
// growth and shrink across the 4 MiB threshold.
#include "common/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>

#include "common/spill.h"
#include "engine/graph.h"
#include "engine/graph_file.h"
#include "engine/mapped_array.h"
#include "engine/string_index.h"
#include "main/database.h"
#include "tests/unit/temp_files.h"

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

// Spilling (startSpilling): blocks past the budget live in unnamed files of the directory,
// keep their contents through growth and shrinking, and leave nothing behind.
class SpillTest : public ::testing::Test {
 protected:
  void TearDown() override { huge_pages::stopSpilling(); }
  static size_t filesIn(const std::string& dir) {
    return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                             std::filesystem::directory_iterator()));
  }
  silkgraph::testing::TempDir dir{"sg-spill"};
};

TEST_F(SpillTest, BlocksPastTheBudgetLiveInFilesAndKeepTheirContents) {
  ASSERT_EQ(huge_pages::startSpilling(dir.path(), 0), "");
  const huge_pages::Usage before = huge_pages::usage();
  size_t bytes = size_t{8} << 20;
  auto* p = static_cast<uint8_t*>(huge_pages::allocate(bytes));
  EXPECT_EQ(huge_pages::usage().spilledBytes, before.spilledBytes + bytes);
  EXPECT_EQ(huge_pages::usage().memoryBytes, before.memoryBytes);
  // Every 1021st byte written and read back (a prime: it falls anywhere in the pages).
  for (size_t i = 0; i < bytes; i += 1021) p[i] = static_cast<uint8_t>(i * 13);
  for (size_t next : {size_t{40} << 20, size_t{6} << 20, size_t{9} << 20, size_t{1000}}) {
    const size_t keep = std::min(bytes, next);
    p = static_cast<uint8_t*>(huge_pages::reallocate(p, bytes, next, keep));
    for (size_t i = 0; i < keep; i += 1021) ASSERT_EQ(p[i], static_cast<uint8_t>(i * 13)) << next;
    for (size_t i = (keep + 1020) / 1021 * 1021; i < next; i += 1021)
      p[i] = static_cast<uint8_t>(i * 13);
    bytes = next;
  }
  huge_pages::deallocate(p, bytes);
  EXPECT_EQ(huge_pages::usage().spilledBytes, before.spilledBytes);
  EXPECT_GE(huge_pages::usage().peakSpilledBytes, size_t{40} << 20);
  EXPECT_EQ(filesIn(dir.path()), 0u);  // the files have no name
}

TEST_F(SpillTest, ABlockInMemoryMovesToAFileWhenItGrowsPastTheBudget) {
  const size_t budget = huge_pages::usage().memoryBytes + (size_t{12} << 20);
  ASSERT_EQ(huge_pages::startSpilling(dir.path(), budget), "");
  const size_t spilled = huge_pages::usage().spilledBytes;
  size_t bytes = size_t{8} << 20;
  auto* p = static_cast<uint8_t*>(huge_pages::allocate(bytes));
  EXPECT_EQ(huge_pages::usage().spilledBytes, spilled);  // within the budget: in memory
  for (size_t i = 0; i < bytes; i += 1021) p[i] = static_cast<uint8_t>(i * 5);
  p = static_cast<uint8_t*>(huge_pages::reallocate(p, bytes, size_t{16} << 20, bytes));
  EXPECT_EQ(huge_pages::usage().spilledBytes, spilled + (size_t{16} << 20));
  for (size_t i = 0; i < bytes; i += 1021) ASSERT_EQ(p[i], static_cast<uint8_t>(i * 5));
  huge_pages::deallocate(p, size_t{16} << 20);
  EXPECT_EQ(huge_pages::usage().spilledBytes, spilled);
}

TEST_F(SpillTest, ADirectoryThatCannotHoldThemIsSaidAtOnce) {
  const std::string why = huge_pages::startSpilling(dir / "missing", 0);
  EXPECT_NE(why.find("cannot make temporary files in '" + dir / "missing" + "'"), std::string::npos)
      << why;
  void* p = huge_pages::allocate(size_t{8} << 20);  // spilling is off: memory
  huge_pages::deallocate(p, size_t{8} << 20);
}

// A graph whose every large array is in files is the same graph: its database file is
// byte for byte the one built in memory.
TEST_F(SpillTest, AGraphBuiltInFilesWritesTheSameDatabaseFile) {
  auto build = [&](const std::string& path) {
    Database db;
    Graph& g = db.graph();
    const TypeId t = g.internType("T");
    const KeyId w = g.internKey("w");
    std::mt19937 rng(11);
    g.begin();
    // Ids past 65,536 and values past 32 bits: 4- and 8-byte columns of 600,000 entries, 2.4
    // and 4.8 MB, and the compacted rows' arrays.
    for (int i = 0; i < 70000; ++i) g.createNode();
    g.reserveRels(600000, {w});  // the loaders' bulk path
    for (int i = 0; i < 600000; ++i) {
      const RelId r = g.appendRel(rng() % 70000, rng() % 70000, t);
      g.setAppendedRelProperty(r, w, Value((static_cast<int64_t>(rng()) << 20) + i));
    }
    g.commit();
    g.compact();
    writeGraphFile(g, db.schema(), path);
  };
  build(dir / "memory.sg");
  ASSERT_EQ(huge_pages::startSpilling(dir.path(), 0), "");
  build(dir / "spilled.sg");
  EXPECT_GT(huge_pages::usage().peakSpilledBytes, size_t{4} << 20);
  huge_pages::stopSpilling();
  auto bytes = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  EXPECT_EQ(bytes(dir / "memory.sg"), bytes(dir / "spilled.sg"));
  EXPECT_EQ(filesIn(dir.path()), 2u);
}

}  // namespace
}  // namespace silkgraph
