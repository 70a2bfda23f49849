// Implements StringDictionary (engine/string_dictionary.h): an open-addressing table of ids
// over the strings' characters, with linear probing, at most three quarters full (eight
// slots share a cache line, so a probe past a few neighbours still reads one or two lines),
// and the payloads made per block on first read.
#include "engine/string_dictionary.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "engine/string_index.h"

namespace silkgraph {

namespace {

uint32_t hashOf(std::string_view s) {
  return static_cast<uint32_t>(StringIndex::hash(s));
}

constexpr size_t kFirstChunk = size_t{64} << 10;
constexpr size_t kLastChunk = size_t{16} << 20;

}  // namespace

StringDictionary::~StringDictionary() {
  for (size_t b = 0; b < payloads_.size(); ++b) delete payloads_[b].load(std::memory_order_relaxed);
}

size_t StringDictionary::bytes() const {
  const size_t made = blocksMade_.load(std::memory_order_relaxed);
  return chunkBytes_ + texts_.capacity() * sizeof(std::string_view) +
         made * (sizeof(Payloads) + kBlock * sizeof(std::string) + 32) +
         payloads_.capacity() * sizeof(void*) + slots_.capacity() * sizeof(Slot);
}

size_t StringDictionary::probe(std::string_view s, uint32_t h) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.idPlus1 == 0) return i;
    if (slot.hash == h && texts_[slot.idPlus1 - 1] == s) return i;
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
  while ((texts_.size() + more) * 4 > size * 3 && size < (size_t{1} << 32)) size *= 2;
  if (size > slots_.size()) rehash(size);
}

uint32_t StringDictionary::intern(std::string_view s, const StringPtr* payload) {
  if (indexed_ != texts_.size()) indexPending();
  if ((texts_.size() + 1) * 4 > slots_.size() * 3) grow();
  const uint32_t h = hashOf(s);
  Slot& slot = slots_[probe(s, h)];
  if (slot.idPlus1 != 0) return slot.idPlus1 - 1;
  const uint32_t id = add(s, payload);
  slot = Slot{h, id + 1};
  indexed_ = texts_.size();
  return id;
}

uint32_t StringDictionary::append(std::string_view s) {
  return add(s, nullptr);
}

uint32_t StringDictionary::add(std::string_view s, const StringPtr* payload) {
  const auto id = static_cast<uint32_t>(texts_.size());
  const std::string_view text = store(s);
  // Writes run alone (no read is running): a block made earlier gets this payload now.
  if (id % kBlock == 0) {
    payloads_.emplace_back(nullptr);
  } else if (Payloads* b = payloads_[id / kBlock].load(std::memory_order_relaxed)) {
    if (payload && *payload && **payload == s)
      b->ptrs[id % kBlock] = *payload;
    else
      fill(*b, id % kBlock, text);
  }
  texts_.emplace_back(text);
  return id;
}

std::pair<uint32_t, uint32_t> StringDictionary::indexPending() {
  if (indexed_ == texts_.size()) return duplicate_;
  reserve(0);  // a table with room for every id (reserve counts the pending ones)
  // A window of ids at a time, so the scratch arrays stay small (2 MiB) and are reused.
  constexpr size_t kWindow = size_t{1} << 18;
  std::vector<uint32_t> hashes, order;
  while (indexed_ < texts_.size()) {
    const auto from = static_cast<uint32_t>(indexed_);
    const auto to = static_cast<uint32_t>(std::min(texts_.size(), indexed_ + kWindow));
    insertPending(from, to, hashes, order);
    indexed_ = to;
  }
  return duplicate_;
}

void StringDictionary::insertPending(uint32_t from, uint32_t to, std::vector<uint32_t>& hashes,
                                     std::vector<uint32_t>& order) {
  // Counting sort of the window by the top bits of each id's slot: 4,096 runs of the table,
  // each filled before the next, so the probes of a run share its cache lines and pages.
  const size_t mask = slots_.size() - 1;
  const int slotBits = std::countr_zero(slots_.size());
  const int shift = std::max(0, slotBits - 12);
  const size_t n = to - from;
  std::vector<uint32_t> starts((mask >> shift) + 2, 0);
  hashes.resize(n);
  order.resize(n);
  for (size_t i = 0; i < n; ++i) {
    hashes[i] = hashOf(texts_[from + i]);
    ++starts[((hashes[i] & mask) >> shift) + 1];
  }
  for (size_t b = 1; b < starts.size(); ++b) starts[b] += starts[b - 1];
  for (size_t i = 0; i < n; ++i)
    order[starts[(hashes[i] & mask) >> shift]++] = static_cast<uint32_t>(i);
  constexpr size_t kAhead = 16;
  for (size_t j = 0; j < n; ++j) {
    if (j + kAhead < n) __builtin_prefetch(&slots_[hashes[order[j + kAhead]] & mask]);
    const uint32_t i = order[j], id = from + i, h = hashes[i];
    size_t at = h & mask;
    for (; slots_[at].idPlus1 != 0; at = (at + 1) & mask) {
      const Slot& other = slots_[at];  // the texts are read only when the hashes match
      if (other.hash == h && texts_[other.idPlus1 - 1] == texts_[id]) break;
    }
    if (slots_[at].idPlus1 == 0)
      slots_[at] = Slot{h, id + 1};
    else if (duplicate_.first == kAbsent)
      duplicate_ = {slots_[at].idPlus1 - 1, id};
  }
}

std::string_view StringDictionary::store(std::string_view s) {
  if (s.empty()) return {};
  MemoryChunk* into = chunks_.empty() ? nullptr : chunks_.back().get();
  if (into == nullptr || into->remaining() < s.size()) {
    const size_t size = std::clamp<size_t>(into ? 2 * into->size() : 0, kFirstChunk, kLastChunk);
    if (s.size() > size / 4) {
      // A chunk of its own, put first: the last chunk stays the one being filled.
      chunks_.insert(chunks_.begin(), std::make_unique<MemoryChunk>(s.size()));
      into = chunks_.front().get();
    } else {
      chunks_.push_back(std::make_unique<MemoryChunk>(size));
      into = chunks_.back().get();
    }
    chunkBytes_ += into->size();
  }
  char* p = static_cast<char*>(into->take(s.size(), 1));
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

void StringDictionary::fill(Payloads& b, size_t at, std::string_view s) {
  std::string& text = b.strings[at];
  text.assign(s);
  b.ptrs[at] = StringPtr(b.strings, &text);
}

const StringDictionary::Payloads* StringDictionary::makePayloads(size_t block) const {
  std::lock_guard lock(making_);
  std::atomic<Payloads*>& entry = payloads_[block];
  if (Payloads* b = entry.load(std::memory_order_acquire)) return b;
  auto made = std::make_unique<Payloads>();
  made->strings = std::make_shared<std::string[]>(kBlock);
  const size_t from = block * kBlock, to = std::min(texts_.size(), from + kBlock);
  for (size_t id = from; id < to; ++id) fill(*made, id - from, texts_[id]);
  blocksMade_.fetch_add(1, std::memory_order_relaxed);
  entry.store(made.get(), std::memory_order_release);
  return made.release();
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

}  // namespace silkgraph
