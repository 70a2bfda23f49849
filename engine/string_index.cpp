// Implements StringIndex (engine/string_index.h).
#include "engine/string_index.h"

#include <algorithm>
#include <cstring>

namespace silkgraph {

// Up to 8 bytes packed into a word without a variable-length memcpy: for fewer than 8, two
// overlapping loads (or three single bytes) that, together with the length, still determine
// the string.
uint64_t StringIndex::prefixOf(std::string_view s) {
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t w = 0;
  if (n >= 8) {
    std::memcpy(&w, p, 8);
  } else if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    w = lo | (uint64_t{hi} << 32);
  } else if (n > 0) {
    w = static_cast<unsigned char>(p[0]) | (uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
        (uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
  }
  return w;
}

uint64_t StringIndex::hashOf(std::string_view s, uint64_t prefix) {
  uint64_t h = (prefix ^ (s.size() * 0x9E3779B97F4A7C15ULL)) * 0xBF58476D1CE4E5B9ULL;
  // Whole words after the prefix, then the last 8 bytes (overlapping: the length is mixed
  // in already), so no load has a variable size.
  size_t i = 8;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = ((h ^ (h >> 29)) ^ w) * 0x94D049BB133111EBULL;
  }
  if (i < s.size()) {
    uint64_t w;
    std::memcpy(&w, s.data() + s.size() - 8, 8);
    h = ((h ^ (h >> 29)) ^ w) * 0x94D049BB133111EBULL;
  }
  // A last multiply between two shifts (MurmurHash3's finaliser): without it the low bits,
  // which pick the slot, followed few of the string's bytes, and keys such as "item 1234567"
  // clustered: 11 probes an insert at half load instead of 1.5 (docs/benchmarks.md,
  // "Recovery of the write-ahead log").
  h ^= h >> 32;
  h *= 0xFF51AFD7ED558CCDULL;
  return h ^ (h >> 29);
}

// Equal strings, given equal lengths and equal first 8 bytes: up to 16 bytes, one more word
// (the last 8, overlapping the prefix), not a memcmp call.
bool StringIndex::sameTail(const char* a, const char* b, size_t n) {
  if (n <= 8) return true;
  if (n <= 16) {
    uint64_t x, y;
    std::memcpy(&x, a + n - 8, 8);
    std::memcpy(&y, b + n - 8, 8);
    return x == y;
  }
  return std::memcmp(a + 8, b + 8, n - 8) == 0;
}

uint32_t StringIndex::find(std::string_view id, std::string_view* stored) const {
  if (slots_.empty()) return kNone;
  const uint64_t prefix = prefixOf(id);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hashOf(id, prefix) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.data == nullptr) return kNone;
    if (s.prefix == prefix && s.len == id.size() && sameTail(s.data, id.data(), s.len)) {
      if (stored) *stored = {s.data, s.len};
      return s.value;
    }
  }
}

void StringIndex::insert(std::string_view id, uint32_t value) {
  if ((size_ + 1) * 2 > slots_.size()) {  // at most half full
    MappedArray<Slot> old = std::move(slots_);
    slots_ = MappedArray<Slot>(std::max<size_t>(64, old.size() * 2), Slot{});
    size_ = 0;
    for (const Slot& s : old)
      if (s.data != nullptr) insert({s.data, s.len}, s.value);
  }
  const uint64_t prefix = prefixOf(id);
  const size_t mask = slots_.size() - 1;
  size_t i = hashOf(id, prefix) & mask;
  while (slots_[i].data != nullptr) i = (i + 1) & mask;
  slots_[i] = Slot{prefix, id.data(), static_cast<uint32_t>(id.size()), value};
  ++size_;
}

}  // namespace silkgraph
