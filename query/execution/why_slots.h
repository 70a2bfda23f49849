// Lock-free reads of what the whole-graph table (why_table.h) makes on first use and keeps:
// WhySlots holds a pointer per id in pages made when first written, WhyChunks holds
// elements by number in chunks that never move. Both are written only under their owner's
// lock and read without it (a reader sees an element whole or not at all: each pointer and
// count is published with release and read with acquire), so a statement finds an adjacency
// row's summary or a block by its number without a lock or a map.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace silkgraph {

// A pointer per id below a limit fixed at construction (rounded up to a page); null until set.
template <class T>
class WhySlots {
 public:
  explicit WhySlots(size_t limit) : pages_((limit + kPage - 1) / kPage) {}
  WhySlots(const WhySlots&) = delete;
  WhySlots& operator=(const WhySlots&) = delete;
  ~WhySlots() {
    for (auto& p : pages_) delete[] p.load(std::memory_order_relaxed);
  }
  const T* get(size_t id) const {
    if (id / kPage >= pages_.size()) return nullptr;
    const std::atomic<const T*>* page = pages_[id / kPage].load(std::memory_order_acquire);
    return page ? page[id % kPage].load(std::memory_order_acquire) : nullptr;
  }
  // Under the owner's lock. Ids past the limit's last page are not kept (get gives null).
  void set(size_t id, const T* value) {
    if (id / kPage >= pages_.size()) return;
    std::atomic<std::atomic<const T*>*>& slot = pages_[id / kPage];
    std::atomic<const T*>* page = slot.load(std::memory_order_relaxed);
    if (!page) {
      page = new std::atomic<const T*>[kPage]();
      slot.store(page, std::memory_order_release);
    }
    page[id % kPage].store(value, std::memory_order_release);
  }

 private:
  static constexpr size_t kPage = 1024;
  std::vector<std::atomic<std::atomic<const T*>*>> pages_;
};

// Elements numbered 0, 1, ... in the order they were added; chunk k holds 16 << k of them,
// so an element's address never changes and a reader needs no lock.
template <class T>
class WhyChunks {
 public:
  WhyChunks() = default;
  WhyChunks(const WhyChunks&) = delete;
  WhyChunks& operator=(const WhyChunks&) = delete;
  ~WhyChunks() {
    for (auto& c : chunks_) delete[] c.load(std::memory_order_relaxed);
  }
  size_t size() const { return size_.load(std::memory_order_acquire); }
  // Null when `i` was not added yet.
  const T* get(size_t i) const {
    if (i >= size()) return nullptr;
    auto [k, at] = where(i);
    return &chunks_[k].load(std::memory_order_acquire)[at];
  }
  // Under the owner's lock: a new element, default-made, for the caller to fill before
  // publish() makes it visible.
  T& add() {
    const size_t i = size_.load(std::memory_order_relaxed);
    auto [k, at] = where(i);
    T* chunk = chunks_[k].load(std::memory_order_relaxed);
    if (!chunk) {
      chunk = new T[size_t{16} << k]();
      chunks_[k].store(chunk, std::memory_order_release);
    } else if (i < made_) {
      chunk[at] = T();  // made before a reset: made anew
    }
    made_ = std::max(made_, i + 1);
    return chunk[at];
  }
  void publish() { size_.fetch_add(1, std::memory_order_release); }
  // Under the owner's lock, with no reader left: forgets every element (the chunks stay, to
  // be filled again).
  void reset() { size_.store(0, std::memory_order_release); }

 private:
  static std::pair<size_t, size_t> where(size_t i) {
    const size_t j = i / 16 + 1;
    const size_t k = static_cast<size_t>(std::bit_width(j)) - 1;
    return {k, i - 16 * ((size_t{1} << k) - 1)};
  }
  std::array<std::atomic<T*>, 40> chunks_{};
  std::atomic<size_t> size_{0};
  size_t made_ = 0;  // elements ever made (add): those below it are reused after a reset
};

// A WhySlots per key, for the few keys a table meets (the (type, direction, label) of the
// patterns its statements walk), found by a scan; past kKeys keys, none (the owner keeps to
// its locked path).
template <class Key, class T>
class WhyKeyedSlots {
 public:
  const WhySlots<T>* find(const Key& key) const {
    const size_t n = count_.load(std::memory_order_acquire);
    for (size_t i = 0; i < n; ++i)
      if (keys_[i] == key) return slots_[i].get();
    return nullptr;
  }
  // Under the owner's lock: the slots of `key`, made (for ids below `limit`) if new.
  WhySlots<T>* add(const Key& key, size_t limit) {
    const size_t n = count_.load(std::memory_order_relaxed);
    for (size_t i = 0; i < n; ++i)
      if (keys_[i] == key) return slots_[i].get();
    if (n == kKeys) return nullptr;
    keys_[n] = key;
    slots_[n] = std::make_unique<WhySlots<T>>(limit);
    count_.store(n + 1, std::memory_order_release);
    return slots_[n].get();
  }

 private:
  static constexpr size_t kKeys = 32;
  std::array<Key, kKeys> keys_{};
  std::array<std::unique_ptr<WhySlots<T>>, kKeys> slots_;
  std::atomic<size_t> count_{0};
};

}  // namespace silkgraph
