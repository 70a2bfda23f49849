// --why's entity lists: the nodes and relationships a row's matches used, each once, in order
// of first use. Shared by the aggregation that unions a group's lists (AggKind::Entities) and
// the ProvenanceOp that records each result row's list.
#pragma once

#include <cstdint>
#include <vector>

#include "common/small_u64_set.h"
#include "engine/value.h"

namespace silkgraph {

// A summary of an adjacency row from the whole-graph table (WhyTable::Block, why_table.h) is
// a list of entities whose first element is this marker plus the block's number: the readers
// that take it whole (gatherEntities, explainRows) know it by that and by its address; the
// others read its entities and skip the marker (an integer adds nothing).
constexpr int64_t kWhyBlockMarker = INT64_MIN + (int64_t{1} << 40);
// The block number of `v` if it is a list that starts with the marker (else false).
inline bool whyBlockNumber(const Value& v, uint32_t& number) {
  if (v.type() != Value::Type::List || v.asList().empty()) return false;
  const Value& m = v.asList()[0];
  if (m.type() != Value::Type::Int || m.asInt() < kWhyBlockMarker ||
      m.asInt() - kWhyBlockMarker > int64_t{UINT32_MAX})
    return false;
  number = static_cast<uint32_t>(m.asInt() - kWhyBlockMarker);
  return true;
}

// The nodes and relationships already listed, by id (a node's and a relationship's apart).
class EntitySeen {
 public:
  // True when `entity` (a node or relationship) was not in the set yet.
  bool insert(const Value& entity) {
    return ids_.insert(entity.type() == Value::Type::Node ? uint64_t{entity.asNode()}
                                                          : uint64_t{1} << 32 | entity.asRel());
  }
  // True when the list (a summary block, by its address) was not in the set yet.
  bool insertList(const Value& list) {
    return ids_.insert(uint64_t{1} << 63 | reinterpret_cast<uintptr_t>(&list.asList()));
  }

 private:
  SmallU64Set ids_;
};

// Adds the entities in `v` to `out` (those `seen` does not hold yet): a node or relationship
// itself, a path's nodes and relationships, a list's elements (a variable-length pattern's
// relationships, an earlier entity list); anything else, null included, adds nothing. A
// summary block (whyBlockNumber) is added whole, once, as one element.
void addEntities(const Value& v, std::vector<Value>& out, EntitySeen& seen);

}  // namespace silkgraph
