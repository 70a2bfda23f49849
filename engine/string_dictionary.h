// StringDictionary: the graph's intern table for string property values. Columns store a
// 32-bit id; reads hand out the shared payload, so reading a string property never allocates.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/chunk_allocator.h"
#include "engine/mapped_array.h"
#include "engine/segmented_array.h"
#include "engine/value.h"

namespace silkgraph {

class StringDictionary {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  // Id of s, adding it if new. When `payload` already holds s, it is adopted instead of copied.
  uint32_t intern(std::string_view s, const StringPtr* payload = nullptr);
  // Id of s, or kAbsent.
  uint32_t find(std::string_view s) const;
  // Starts loading the part of the table where s is or would go: a caller with many strings
  // to intern (a log record's) asks ahead, so the table's cache misses overlap.
  void prefetch(std::string_view s) const;
  // Grows the table now, at once to its final size, so that `more` new strings fit without
  // growing it again.
  void reserve(size_t more);
  // How many strings fit before the table grows.
  size_t capacity() const { return slots_.size() / 4 * 3; }
  const StringPtr& get(uint32_t id) const { return strings_[id]; }
  size_t size() const { return strings_.size(); }

  // Approximate heap bytes: payloads (string objects, control blocks, long-string buffers),
  // the id vector and the hash table.
  size_t bytes() const {
    return payloadBytes_ + blocks_ * (kBlock * sizeof(std::string) + 32) +
           strings_.capacity() * sizeof(StringPtr) + slots_.capacity() * sizeof(Slot);
  }

 private:
  // The table holds ids, not views: 8 bytes a slot (a view and a prefix took 24, and a
  // table of millions of strings is mostly slots). `hash` is the low half of the string's
  // hash, which places it in any table of up to 2^32 slots, so growing reads no string.
  struct Slot {
    uint32_t hash = 0;
    uint32_t idPlus1 = 0;  // 0: free
  };
  // The slot where s (of hash h) is, or the free one where it would go.
  size_t probe(std::string_view s, uint32_t h) const;
  void grow();
  void rehash(size_t slots);  // into a table of `slots` (a power of two)
  StringPtr newPayload(std::string_view s);

  // String objects come in blocks of kBlock shared by one control block, each payload an
  // aliasing pointer that keeps its block alive: interning allocates nothing but a long
  // string's characters (a make_shared per string was a third of replaying a log of new
  // nodes, docs/benchmarks.md). Small enough that threads reading different strings rarely
  // share a reference count. The blocks are cut from chunks that double from 64 KiB to
  // 16 MiB (common/chunk_allocator.h: huge pages once large), and the payload handles live
  // in a segmented array that never moves them (engine/segmented_array.h): on a virtual
  // machine a fresh 4 KiB page from malloc cost more than the string it held.
  static constexpr size_t kBlock = 256;
  SegmentedArray<StringPtr> strings_;
  MappedArray<Slot> slots_;  // at most 3/4 full; huge pages once large
  std::shared_ptr<std::string[]> block_;
  std::shared_ptr<MemoryChunk> chunk_;
  size_t blockUsed_ = kBlock;
  size_t blocks_ = 0;
  size_t payloadBytes_ = 0;
};

}  // namespace silkgraph
