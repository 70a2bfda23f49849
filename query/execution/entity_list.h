// --why's entity lists: the nodes and relationships a row's matches used, each once, in order
// of first use. Shared by the aggregation that unions a group's lists (AggKind::Entities) and
// the ProvenanceOp that records each result row's list.
#pragma once

#include <cstdint>
#include <vector>

#include "common/flat_u64_set.h"
#include "engine/value.h"

namespace silkgraph {

// The nodes and relationships already listed, by id (a node's and a relationship's apart).
class EntitySeen {
 public:
  // True when `entity` (a node or relationship) was not in the set yet.
  bool insert(const Value& entity) {
    return ids_.insert(entity.type() == Value::Type::Node ? uint64_t{entity.asNode()}
                                                          : uint64_t{1} << 32 | entity.asRel());
  }

 private:
  FlatU64Set ids_;
};

// Adds the entities in `v` to `out` (those `seen` does not hold yet): a node or relationship
// itself, a path's nodes and relationships, a list's elements (a variable-length pattern's
// relationships, an earlier entity list); anything else, null included, adds nothing.
void addEntities(const Value& v, std::vector<Value>& out, EntitySeen& seen);

}  // namespace silkgraph
