// StringIndex: a string -> 32-bit value hash table over views into stable storage, shared by
// the string dictionary and the loaders' id lookups.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/mapped_array.h"

namespace silkgraph {

// Strings -> 32-bit values: an open-addressing table of views into storage that outlives
// it, with a cheap hash. The loaders look up two node ids per relationship and the string
// dictionary every string property value; std::unordered_map's hashing and node chasing
// dominated both.
class StringIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  // The value of key, kNone if absent; `stored` (if given) receives the stored view.
  uint32_t find(std::string_view key, std::string_view* stored = nullptr) const;
  // Adds key (its characters must stay valid and it must not be present yet).
  void insert(std::string_view key, uint32_t value);
  size_t size() const { return size_; }
  // The table's hash of a key (also the string dictionary's).
  static uint64_t hash(std::string_view key) { return hashOf(key, prefixOf(key)); }
  // Heap bytes of the table (not of the strings it views).
  size_t bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  // The first 8 bytes and the length reject almost every mismatch, and decide short ids
  // (ISO codes, Wikidata ids) without a memcmp call.
  struct Slot {
    uint64_t prefix = 0;
    const char* data = nullptr;  // null: free
    uint32_t len = 0;
    uint32_t value = kNone;
  };
  static uint64_t prefixOf(std::string_view s);
  static uint64_t hashOf(std::string_view s, uint64_t prefix);
  static bool sameTail(const char* a, const char* b, size_t n);
  MappedArray<Slot> slots_;  // huge pages once large (a 1 GB log's dictionary is millions)
  size_t size_ = 0;
};

}  // namespace silkgraph
