// Implements StringDictionary (engine/string_dictionary.h): an open-addressing table of ids
// over the payloads, with linear probing, at most three quarters full (eight slots share a
// cache line, so a probe past a few neighbours still reads one or two lines).
#include "engine/string_dictionary.h"

#include <algorithm>

#include "engine/string_index.h"

namespace silkgraph {

namespace {

uint32_t hashOf(std::string_view s) {
  return static_cast<uint32_t>(StringIndex::hash(s));
}

}  // namespace

size_t StringDictionary::probe(std::string_view s, uint32_t h) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.idPlus1 == 0) return i;
    if (slot.hash == h && *strings_[slot.idPlus1 - 1] == s) return i;
  }
}

uint32_t StringDictionary::find(std::string_view s) const {
  if (slots_.empty()) return kAbsent;
  const Slot& slot = slots_[probe(s, hashOf(s))];
  return slot.idPlus1 == 0 ? kAbsent : slot.idPlus1 - 1;
}

void StringDictionary::prefetch(std::string_view s) const {
  if (!slots_.empty()) __builtin_prefetch(&slots_[hashOf(s) & (slots_.size() - 1)]);
}

void StringDictionary::reserve(size_t more) {
  // One table of the size needed, not a doubling per power of two (each rehashes every id).
  size_t size = std::max<size_t>(64, slots_.size());
  while ((strings_.size() + more) * 4 > size * 3 && size < (size_t{1} << 32)) size *= 2;
  if (size > slots_.size()) rehash(size);
}

uint32_t StringDictionary::intern(std::string_view s, const StringPtr* payload) {
  if ((strings_.size() + 1) * 4 > slots_.size() * 3) grow();
  const uint32_t h = hashOf(s);
  Slot& slot = slots_[probe(s, h)];
  if (slot.idPlus1 != 0) return slot.idPlus1 - 1;
  StringPtr p = payload && *payload ? *payload : newPayload(s);
  payloadBytes_ += p->size() > 15 ? p->capacity() + 1 : 0;
  const auto id = static_cast<uint32_t>(strings_.size());
  strings_.emplace_back(std::move(p));
  slot = Slot{h, id + 1};
  return id;
}

void StringDictionary::grow() {
  // Up to 2^32 slots (the hashes kept place a string in no larger table); ids are 32-bit,
  // so that table holds all of them.
  const size_t size = std::min<size_t>(std::max<size_t>(64, slots_.size() * 2), size_t{1} << 32);
  if (size != slots_.size()) rehash(size);
}

void StringDictionary::rehash(size_t size) {
  MappedArray<Slot> old = std::move(slots_);
  slots_ = MappedArray<Slot>(size, Slot{});
  const size_t mask = size - 1;
  for (const Slot& s : old) {
    if (s.idPlus1 == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].idPlus1 != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

StringPtr StringDictionary::newPayload(std::string_view s) {
  if (blockUsed_ == kBlock) {
    // Room for the strings and the control block (its size is the library's: a margin).
    constexpr size_t kBlockBytes = kBlock * sizeof(std::string) + 256;
    if (!chunk_ || chunk_->remaining() < kBlockBytes)
      chunk_ = std::make_shared<MemoryChunk>(
          std::clamp<size_t>(chunk_ ? 2 * chunk_->size() : 0, size_t{64} << 10, size_t{16} << 20));
    block_ = std::allocate_shared<std::string[]>(ChunkAllocator<std::string>(chunk_), kBlock);
    blockUsed_ = 0;
    ++blocks_;
  }
  std::string& text = block_[blockUsed_++];
  text.assign(s);
  return StringPtr(block_, &text);
}

}  // namespace silkgraph
