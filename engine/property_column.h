// PropertyColumn: the values of one property key for every node (or every relationship),
// indexed by id. While all values share one scalar type the column is typed (packed values
// plus a presence bitmap); the first value of another type turns it into generic Values.
// A typed column also starts narrow where its values allow: integers in 16 bits, string ids
// in 16 bits, doubles as 32-bit floats while each is exactly one; the first value that does
// not fit widens the whole column (one copy), never changing what it reads back.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <utility>
#include <vector>

#include "engine/mapped_array.h"
#include "engine/permute_range.h"
#include "engine/string_dictionary.h"
#include "engine/value.h"

namespace silkgraph {

// Gives back a vector's spare capacity when it exceeds an eighth of its size: a copy of the
// whole array is worth it only when it frees a real share of the memory.
template <typename Array>
void shrinkIfWasteful(Array& v) {
  if (v.capacity() - v.size() > v.size() / 8) v.shrink_to_fit();
}

class PropertyColumn {
 public:
  // Int32 holds integers while they all fit in 32 bits and widens to Int64 on the first one
  // that does not (years, counts and orders are small; this halves their cost).
  enum class Kind : uint8_t { Empty, Int32, Int64, Float, Bool, Date, String, Generic };

  bool has(uint32_t id) const {
    return id / 64 < present_.size() && ((present_[id / 64] >> (id % 64)) & 1) != 0;
  }
  // Null when absent.
  Value get(uint32_t id, const StringDictionary& dict) const {
    if (!has(id)) return Value();
    switch (kind_) {
      case Kind::Empty:
        return Value();
      case Kind::Int32:
      case Kind::Int64:
        return Value(intAt(id));
      case Kind::Float:
        return Value(floatAt(id));
      case Kind::Bool:
        return Value(w8_[id] != 0);
      case Kind::Date:
        return Value(Date{static_cast<int32_t>(w32_[id])});
      case Kind::String:
        return Value(dict.get(wordAt(id)));
      case Kind::Generic:
        return generic_[id];
    }
    return Value();
  }

  // Typed reads for the query engine's hot loops. Each requires has(id) and the column kind
  // named: the integer of an Int32/Int64 column, the double of a Float column, the word of a
  // Date/String column (days, or the dictionary id of a string), the value of a Generic
  // column. The width test is the same for every id of a column (a predicted branch).
  int64_t intAt(uint32_t id) const {
    if (kind_ != Kind::Int32) return static_cast<int64_t>(w64_[id]);
    return narrow_ ? static_cast<int16_t>(w16_[id]) : static_cast<int32_t>(w32_[id]);
  }
  double floatAt(uint32_t id) const {
    if (narrow_) {
      float f;
      std::memcpy(&f, &w32_[id], sizeof f);
      return f;
    }
    double d;
    std::memcpy(&d, &w64_[id], sizeof d);
    return d;
  }
  uint32_t wordAt(uint32_t id) const { return narrow_ ? w16_[id] : w32_[id]; }
  bool boolAt(uint32_t id) const { return w8_[id] != 0; }
  const Value& genericAt(uint32_t id) const { return generic_[id]; }
  // v must not be Null (use erase).
  void set(uint32_t id, const Value& v, StringDictionary& dict);
  // set() of the dictionary's string `word` (an id of dict), without looking the text up.
  void setString(uint32_t id, uint32_t word, StringDictionary& dict);
  void erase(uint32_t id);
  size_t count() const { return count_; }
  Kind kind() const { return kind_; }
  // Narrow storage: an Int32 or String column in w16, a Float column as float bits in w32.
  bool narrow() const { return narrow_; }
  size_t bytes() const;
  // Makes room for ids below n in the arrays of the column's current kind (a bulk load that
  // knows roughly how many rows follow grows each array once, not by doubling).
  void reserve(size_t n);
  // Drops spare capacity beyond an eighth (after a bulk load).
  void shrink();
  // Asks the cache for id's presence bit and value word (for loops that read at random ids).
  // The i-th id of `slots` takes the value the from[i]-th held; other ids keep theirs
  // (engine/permute_range.h, Graph::clusterRelationships).
  void permute(const IdSlots& slots, std::span<const uint32_t> from);
  void prefetch(uint32_t id) const {
    if (id / 64 < present_.size()) __builtin_prefetch(present_.data() + id / 64);
    if (id < w64_.size()) __builtin_prefetch(w64_.data() + id);
    if (id < w32_.size()) __builtin_prefetch(w32_.data() + id);
    if (id < w16_.size()) __builtin_prefetch(w16_.data() + id);
    if (id < w8_.size()) __builtin_prefetch(w8_.data() + id);
  }

  // The arrays as they are, for the database file (engine/graph_file_writer.cpp): the
  // presence bitmap, the 64-, 32-, 16- and 8-bit value words and the generic values (which
  // of them a kind and width use: see the members below).
  const MappedArray<uint64_t>& presentBits() const { return present_; }
  const MappedArray<uint64_t>& words64() const { return w64_; }
  const MappedArray<uint32_t>& words32() const { return w32_; }
  const MappedArray<uint16_t>& words16() const { return w16_; }
  const MappedArray<uint8_t>& words8() const { return w8_; }
  const std::vector<Value>& genericValues() const { return generic_; }
  // Replaces the column by arrays read back from a database file (graph_file_reader.cpp,
  // which checks them against each other first).
  struct Arrays {
    MappedArray<uint64_t> present, w64;
    MappedArray<uint32_t> w32;
    MappedArray<uint16_t> w16;
    MappedArray<uint8_t> w8;
    std::vector<Value> generic;
  };
  void restore(Kind kind, bool narrow, size_t count, Arrays a) {
    kind_ = kind;
    narrow_ = narrow;
    count_ = count;
    present_ = std::move(a.present);
    w64_ = std::move(a.w64);
    w32_ = std::move(a.w32);
    w16_ = std::move(a.w16);
    w8_ = std::move(a.w8);
    generic_ = std::move(a.generic);
  }
  // Whether a kind has a narrow form (Int32, String, Float).
  static bool hasNarrowForm(Kind k) {
    return k == Kind::Int32 || k == Kind::String || k == Kind::Float;
  }

 private:
  static Kind kindOf(const Value& v);
  void convertToGeneric(const StringDictionary& dict);
  void widenToInt64();
  void widen();                              // narrow -> the kind's full width
  void putWord(uint32_t id, uint32_t word);  // a String column's id, widening if needed
  void ensureSlot(uint32_t id);
  void clearAll();

  Kind kind_ = Kind::Empty;
  bool narrow_ = false;
  // The arrays of typed values may be in a mapped database file (engine/mapped_array.h).
  MappedArray<uint64_t> present_;  // bit per id
  MappedArray<uint64_t> w64_;      // Int64 values, Float bit patterns
  MappedArray<uint32_t> w32_;      // Int32 values, Date days, string ids; narrow Float bits
  MappedArray<uint16_t> w16_;      // narrow Int32 values and string ids
  MappedArray<uint8_t> w8_;        // Bool
  std::vector<Value> generic_;
  size_t count_ = 0;
};

}  // namespace silkgraph
