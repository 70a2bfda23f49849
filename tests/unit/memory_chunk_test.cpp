// MemoryChunk (common/memory_chunk.h): pieces taken from the chunk are aligned as asked, lie
// inside it and do not overlap; a piece that does not fit is refused (null), not cut short.
#include "common/memory_chunk.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace silkgraph {
namespace {

TEST(MemoryChunkTest, PiecesAreAlignedInsideAndRefusedWhenFull) {
  MemoryChunk chunk(4096);
  EXPECT_EQ(chunk.size(), 4096u);
  char* a = static_cast<char*>(chunk.take(3, 1));
  ASSERT_NE(a, nullptr);
  void* b = chunk.take(16, 8);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(b) % 8, 0u);
  EXPECT_GE(static_cast<char*>(b), a + 3);
  EXPECT_TRUE(chunk.owns(a));
  EXPECT_TRUE(chunk.owns(b));
  EXPECT_EQ(chunk.remaining(), 4096u - 24u);
  EXPECT_EQ(chunk.take(4096, 1), nullptr);  // does not fit: nothing taken
  EXPECT_EQ(chunk.remaining(), 4096u - 24u);
  EXPECT_NE(chunk.take(4096 - 24, 1), nullptr);
  EXPECT_EQ(chunk.remaining(), 0u);
  int outside = 0;
  EXPECT_FALSE(chunk.owns(&outside));
}

}  // namespace
}  // namespace silkgraph
