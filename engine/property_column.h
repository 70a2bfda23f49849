// PropertyColumn: the values of one property key for every node (or every relationship),
// indexed by id. While all values share one scalar type the column is typed (packed values
// plus a presence bitmap); the first value of another type turns it into generic Values.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/string_dictionary.h"
#include "engine/value.h"

namespace silkgraph {

class PropertyColumn {
 public:
  // Int32 holds integers while they all fit in 32 bits and widens to Int64 on the first one
  // that does not (years, counts and orders are small; this halves their cost).
  enum class Kind : uint8_t { Empty, Int32, Int64, Float, Bool, Date, String, Generic };

  bool has(uint32_t id) const {
    return id / 64 < present_.size() && ((present_[id / 64] >> (id % 64)) & 1) != 0;
  }
  // Null when absent.
  Value get(uint32_t id, const StringDictionary& dict) const;
  // v must not be Null (use erase).
  void set(uint32_t id, const Value& v, StringDictionary& dict);
  void erase(uint32_t id);
  size_t count() const { return count_; }
  Kind kind() const { return kind_; }
  size_t bytes() const;
  // Drops spare capacity (after a bulk load).
  void shrink();

 private:
  // The database file (engine/graph_file.cpp) saves and restores the arrays as they are.
  friend struct GraphFileAccess;

  static Kind kindOf(const Value& v);
  void convertToGeneric(const StringDictionary& dict);
  void widenToInt64();
  void ensureSlot(uint32_t id);
  void clearAll();

  Kind kind_ = Kind::Empty;
  std::vector<uint64_t> present_;  // bit per id
  std::vector<uint64_t> w64_;      // Int64 values, Float bit patterns
  std::vector<uint32_t> w32_;      // Int32 values, Date days, dictionary string ids
  std::vector<uint8_t> w8_;        // Bool
  std::vector<Value> generic_;
  size_t count_ = 0;
};

}  // namespace silkgraph
