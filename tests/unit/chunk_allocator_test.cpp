// ChunkAllocator (common/chunk_allocator.h): objects made with std::allocate_shared come out
// of the chunk, aligned, and the chunk lives until the last of them is gone; a chunk that is
// full hands out ordinary heap memory instead of failing.
#include "common/chunk_allocator.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace silkgraph {
namespace {

TEST(ChunkAllocatorTest, SharedObjectsComeFromTheChunkAndKeepItAlive) {
  std::weak_ptr<MemoryChunk> watch;
  std::shared_ptr<std::string[]> block;
  {
    auto chunk = std::make_shared<MemoryChunk>(64 << 10);
    watch = chunk;
    block = std::allocate_shared<std::string[]>(ChunkAllocator<std::string>(chunk), 16);
    EXPECT_TRUE(chunk->owns(block.get()));
    EXPECT_EQ(reinterpret_cast<uintptr_t>(block.get()) % alignof(std::string), 0u);
    EXPECT_LT(chunk->remaining(), size_t{64} << 10);
  }
  block[3] = std::string(100, 'x');  // a long string: its characters from the heap
  EXPECT_FALSE(watch.expired());     // the block's control block holds the chunk
  EXPECT_EQ(block[3].size(), 100u);
  block.reset();
  EXPECT_TRUE(watch.expired());
}

TEST(ChunkAllocatorTest, AFullChunkFallsBackToTheHeap) {
  auto chunk = std::make_shared<MemoryChunk>(4096);
  std::vector<std::shared_ptr<std::string[]>> blocks;
  for (int i = 0; i < 20; ++i)  // 20 x 16 strings: far more than 4 KiB
    blocks.push_back(std::allocate_shared<std::string[]>(ChunkAllocator<std::string>(chunk), 16));
  EXPECT_TRUE(chunk->owns(blocks.front().get()));
  EXPECT_FALSE(chunk->owns(blocks.back().get()));
  for (auto& b : blocks) b[15] = "last";
  EXPECT_EQ(blocks.back()[15], "last");
}

}  // namespace
}  // namespace silkgraph
