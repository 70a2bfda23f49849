// Implements StringSlots (engine/string_slots.h): open addressing with linear probing, at most
// three quarters full (eight slots share a cache line, so a probe past a few neighbours still
// reads one or two lines).
#include "engine/string_slots.h"

#include <algorithm>
#include <bit>

namespace silkgraph {

void StringSlots::reserve(size_t ids) {
  // One table of the size needed, not a doubling per power of two (each rehashes every id).
  size_t size = std::max<size_t>(64, slots_.size());
  while (ids * 4 > size * 3 && size < (size_t{1} << 32)) size *= 2;
  if (size > slots_.size()) rehash(size);
}

void StringSlots::makeRoom() {
  // Up to 2^32 slots (the hashes kept place a string in no larger table); ids are 32-bit, so
  // that table holds all of them.
  if ((held_ + 1) * 4 <= slots_.size() * 3) return;
  const size_t size = std::min<size_t>(std::max<size_t>(64, slots_.size() * 2), size_t{1} << 32);
  if (size != slots_.size()) rehash(size);
}

void StringSlots::rehash(size_t size) {
  MappedArray<Slot> old = std::move(slots_);
  slots_ = MappedArray<Slot>(size, Slot{});
  const size_t m = size - 1;
  for (const Slot& s : old) {
    if (s.idPlus1 == 0) continue;
    size_t i = s.hash & m;
    while (slots_[i].idPlus1 != 0) i = (i + 1) & m;
    slots_[i] = s;
  }
}

void StringSlots::insertSorted(const uint32_t* hashes, size_t n, uint32_t first, const Same& same) {
  // Counting sort by the top bits of each id's slot: 4,096 runs of the table, each filled
  // before the next, so the probes of a run share its cache lines and pages.
  const size_t m = mask();
  const int shift = std::max(0, std::countr_zero(slots_.size()) - 12);
  starts_.assign((m >> shift) + 2, 0);
  order_.resize(n);
  for (size_t i = 0; i < n; ++i) ++starts_[((hashes[i] & m) >> shift) + 1];
  for (size_t b = 1; b < starts_.size(); ++b) starts_[b] += starts_[b - 1];
  for (size_t i = 0; i < n; ++i)
    order_[starts_[(hashes[i] & m) >> shift]++] = static_cast<uint32_t>(i);
  constexpr size_t kAhead = 16;
  for (size_t j = 0; j < n; ++j) {
    if (j + kAhead < n) __builtin_prefetch(&slots_[hashes[order_[j + kAhead]] & m]);
    const uint32_t i = order_[j], id = first + i, h = hashes[i];
    const size_t at = probe(h, [&](uint32_t held) { return same(held, id); });
    if (slots_[at].idPlus1 == 0) put(at, h, id);
  }
}

void StringSlots::insertAll(const StringSlots& other, const Same& same) {
  reserve(held_ + other.held_);
  for (const Slot& s : other.slots_) {
    if (s.idPlus1 == 0) continue;
    const uint32_t id = s.idPlus1 - 1;
    const size_t at = probe(s.hash, [&](uint32_t held) { return same(held, id); });
    if (slots_[at].idPlus1 == 0) put(at, s.hash, id);
  }
}

}  // namespace silkgraph
