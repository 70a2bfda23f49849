// StringSlots: the hash table of the string dictionary (engine/string_dictionary.h), apart from
// the strings: 32-bit ids placed by their strings' hashes. The dictionary owns one; a log's
// replay builds another for the strings its records add, on the thread that reads the log
// (engine/wal_strings.h), and the dictionary takes it over at the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/mapped_array.h"

namespace silkgraph {

class StringSlots {
 public:
  // 8 bytes a slot (a view and a prefix took 24, and a table of millions of strings is mostly
  // slots). `hash` is the low half of the string's hash, which places it in any table of up
  // to 2^32 slots, so growing reads no string.
  struct Slot {
    uint32_t hash = 0;
    uint32_t idPlus1 = 0;  // 0: free
  };
  // Whether the strings of ids `held` (in the table) and `id` (being put in) are the same, asked
  // only of ids whose hashes are equal. True: `id` is not put in (its string is held already).
  using Same = std::function<bool(uint32_t held, uint32_t id)>;

  bool empty() const { return slots_.empty(); }
  size_t slotCount() const { return slots_.size(); }
  // The ids held.
  size_t held() const { return held_; }
  const Slot& operator[](size_t i) const { return slots_[i]; }
  size_t mask() const { return slots_.size() - 1; }

  // Grows the table at once (to a power of two, at most three quarters full) so that `ids` ids
  // fit in all; never shrinks.
  void reserve(size_t ids);
  // Makes room for one more id, doubling the table when it is three quarters full.
  void makeRoom();
  // Puts id `id` of hash `h` in free slot `at` (a slot a probe ended on).
  void put(size_t at, uint32_t h, uint32_t id) {
    slots_[at] = Slot{h, id + 1};
    ++held_;
  }
  // The slot of hash h whose id satisfies is(id), or the free slot where it would go.
  template <typename Is>
  size_t probe(uint32_t h, Is is) const {
    const size_t m = mask();
    for (size_t i = h & m;; i = (i + 1) & m) {
      const Slot& s = slots_[i];
      if (s.idPlus1 == 0 || (s.hash == h && is(s.idPlus1 - 1))) return i;
    }
  }
  // Puts ids first, first + 1, ... (hashes[i] is id first + i's) in the table, which has room
  // for them, in the order of their slots: a sweep over the table instead of a cache miss per
  // id. An id for which same() says its string is held already is left out.
  void insertSorted(const uint32_t* hashes, size_t n, uint32_t first, const Same& same);
  // Puts every id of `other` in this table (grown to hold both): a sweep over `other`.
  void insertAll(const StringSlots& other, const Same& same);

  size_t bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  void rehash(size_t slots);  // into a table of `slots` (a power of two)

  MappedArray<Slot> slots_;  // huge pages once large
  size_t held_ = 0;
  std::vector<uint32_t> order_, starts_;  // insertSorted's scratch, kept for the next call
};

}  // namespace silkgraph
