// StringDictionary: the graph's intern table for string property values. Columns store a
// 32-bit id; reads hand out a shared payload, so reading a string property never allocates
// after the first read of its block.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/memory_chunk.h"
#include "engine/mapped_array.h"
#include "engine/segmented_array.h"
#include "engine/string_index.h"
#include "engine/string_slots.h"
#include "engine/value.h"

namespace silkgraph {

class StringDictionary {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  // The hash that places a string in the table (StringSlots keeps it).
  static uint32_t hash(std::string_view s) { return static_cast<uint32_t>(StringIndex::hash(s)); }

  StringDictionary() = default;
  ~StringDictionary();
  StringDictionary(StringDictionary&&) = delete;
  StringDictionary& operator=(StringDictionary&&) = delete;

  // Id of s, adding it if new. When `payload` holds s and its block of payloads is already
  // made, it is adopted there instead of made again on the first read.
  uint32_t intern(std::string_view s, const StringPtr* payload = nullptr);
  // Adds s as a new string without looking for it in the table, and returns its id: for a
  // caller that knows its strings are new and distinct (a log whose writer kept them so,
  // engine/wal_redo.h). The table takes the new ids at the next indexPending(), which intern()
  // calls first; find() must not be called while ids are pending.
  uint32_t append(std::string_view s);
  // Ids added by append() that the table does not hold yet.
  size_t pending() const { return texts_.size() - indexed_; }
  // Puts the pending ids into the table, in the order of their slots (a sweep over the table
  // instead of a cache miss per string). A text the table holds already is not put in again.
  // Returns the first such pair found since the dictionary was made (the id held and the
  // later one), or {kAbsent, kAbsent}: the caller of append() reports it.
  std::pair<uint32_t, uint32_t> indexPending();
  // Takes over `table`, which holds the pending ids (all of them, and no other: a log's strings
  // indexed as it was read, engine/wal_strings.h), and puts the ids of this dictionary's table
  // in it (or it in this one, the larger). `suspects` are the pairs of ids whose hashes the
  // table found equal without comparing their strings: a pair whose strings are equal is a
  // string held twice (indexPending's result). False, and nothing changed, when `table` does
  // not hold exactly the pending ids [firstId, size()).
  bool adoptPending(StringSlots&& table, uint32_t firstId, uint32_t endId,
                    const std::vector<std::pair<uint32_t, uint32_t>>& suspects);
  // Id of s, or kAbsent.
  uint32_t find(std::string_view s) const;
  // Starts loading the part of the table where s is or would go: a caller with many strings
  // to intern (a log record's) asks ahead, so the table's cache misses overlap.
  void prefetch(std::string_view s) const;
  // Grows the table now, at once to its final size, so that `more` new strings fit without
  // growing it again.
  void reserve(size_t more);
  // How many strings fit before the table grows.
  size_t capacity() const { return slots_.slotCount() / 4 * 3; }
  // The characters of string `id`, valid as long as the dictionary.
  std::string_view view(uint32_t id) const { return texts_[id]; }
  // The shared payload of string `id`. Its block of kBlock payloads is made on the first read
  // of any of them (thread-safe among readers: concurrent reads may call this at once).
  const StringPtr& get(uint32_t id) const {
    const Payloads* b = payloads_[id / kBlock].load(std::memory_order_acquire);
    if (b == nullptr) b = makePayloads(id / kBlock);
    return b->ptrs[id % kBlock];
  }
  size_t size() const { return texts_.size(); }

  // Approximate heap bytes: the characters, the views, the payload blocks made so far and
  // the hash table.
  size_t bytes() const;

 private:
  // The payloads of kBlock consecutive ids: std::string objects sharing one control block,
  // each payload an aliasing pointer that keeps the block alive (a make_shared per string
  // was a third of replaying a log of new nodes, docs/benchmarks.md). Made only when one of
  // them is read: a string object and its handle are 48 bytes, more than most strings, and a
  // replay or load that never reads them should not pay for them (docs/storage.md).
  static constexpr size_t kBlock = 256;
  struct Payloads {
    std::shared_ptr<std::string[]> strings;
    StringPtr ptrs[kBlock];
  };

  // The slot where s (of hash h) is, or the free one where it would go.
  size_t probe(std::string_view s, uint32_t h) const {
    return slots_.probe(h, [&](uint32_t id) { return texts_[id] == s; });
  }
  // Stores s as the next id (no table change) and sees to its payload's block.
  uint32_t add(std::string_view s, const StringPtr* payload);
  // Whether the strings of `held` and `id` are the same (noted as the first duplicate if so).
  bool same(uint32_t held, uint32_t id);
  StringSlots::Same sameAsHeld();  // same(), for the table
  std::string_view store(std::string_view s);
  const Payloads* makePayloads(size_t block) const;
  static void fill(Payloads& b, size_t at, std::string_view s);

  // Characters live in chunks that double from 64 KiB to 16 MiB (huge pages once large,
  // common/memory_chunk.h); a string larger than a quarter of the chunk size gets one of
  // its own. Views never move (engine/segmented_array.h).
  SegmentedArray<std::string_view> texts_;
  std::vector<std::unique_ptr<MemoryChunk>> chunks_;
  size_t chunkBytes_ = 0;
  StringSlots slots_;
  size_t indexed_ = 0;  // the ids below are in the table (append() adds ids above)
  std::pair<uint32_t, uint32_t> duplicate_{kAbsent, kAbsent};  // the first, by indexPending
  // One entry per block of kBlock ids: null until made (published with release order).
  mutable SegmentedArray<std::atomic<Payloads*>> payloads_;
  mutable std::mutex making_;
  mutable std::atomic<size_t> blocksMade_{0};
};

}  // namespace silkgraph
