// Implements StringDictionary (engine/string_dictionary.h): the strings' characters in chunks,
// their ids in a StringSlots table, and the payloads made per block on first read.
#include "engine/string_dictionary.h"

#include <algorithm>
#include <cstring>

namespace silkgraph {

namespace {

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
         payloads_.capacity() * sizeof(void*) + slots_.bytes();
}

uint32_t StringDictionary::find(std::string_view s) const {
  if (slots_.empty()) return kAbsent;
  const StringSlots::Slot& slot = slots_[probe(s, hash(s))];
  return slot.idPlus1 == 0 ? kAbsent : slot.idPlus1 - 1;
}

void StringDictionary::prefetch(std::string_view s) const {
  if (!slots_.empty()) __builtin_prefetch(&slots_[hash(s) & slots_.mask()]);
}

void StringDictionary::reserve(size_t more) {
  slots_.reserve(texts_.size() + more);
}

uint32_t StringDictionary::intern(std::string_view s, const StringPtr* payload) {
  if (indexed_ != texts_.size()) indexPending();
  slots_.makeRoom();
  const uint32_t h = hash(s);
  const size_t at = probe(s, h);
  if (slots_[at].idPlus1 != 0) return slots_[at].idPlus1 - 1;
  const uint32_t id = add(s, payload);
  slots_.put(at, h, id);
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
  std::vector<uint32_t> hashes;
  while (indexed_ < texts_.size()) {
    const auto from = static_cast<uint32_t>(indexed_);
    const auto to = static_cast<uint32_t>(std::min(texts_.size(), indexed_ + kWindow));
    hashes.resize(to - from);
    for (uint32_t id = from; id < to; ++id) hashes[id - from] = hash(texts_[id]);
    slots_.insertSorted(hashes.data(), hashes.size(), from, sameAsHeld());
    indexed_ = to;
  }
  return duplicate_;
}

StringSlots::Same StringDictionary::sameAsHeld() {
  return [this](uint32_t held, uint32_t id) { return same(held, id); };
}

bool StringDictionary::same(uint32_t held, uint32_t id) {
  if (texts_[held] != texts_[id]) return false;
  // The pair in id order: the later id is the string added again.
  if (duplicate_.first == kAbsent) duplicate_ = {std::min(held, id), std::max(held, id)};
  return true;
}

bool StringDictionary::adoptPending(StringSlots&& table, uint32_t firstId, uint32_t endId,
                                    const std::vector<std::pair<uint32_t, uint32_t>>& suspects) {
  if (firstId != indexed_ || endId != texts_.size() || table.held() > endId - firstId) return false;
  // A pair the table left for later is a duplicate when the strings are equal (the table
  // then holds both ids: the caller reports the damage and drops the dictionary).
  for (auto [held, id] : suspects) same(held, id);
  if (table.held() >= slots_.held()) std::swap(table, slots_);
  slots_.insertAll(table, sameAsHeld());
  indexed_ = texts_.size();
  return true;
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

}  // namespace silkgraph
