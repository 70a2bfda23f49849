// --why's entity lists: the nodes and relationships a row's matches used, each once, in order
// of first use. Shared by the aggregation that unions a group's lists (AggKind::Entities) and
// the ProvenanceOp that records each result row's list.
#pragma once

#include <unordered_set>
#include <vector>

#include "engine/value.h"

namespace silkgraph {

using EntitySeen = std::unordered_set<Value, ValueHash, ValueIdentical>;

// Adds the entities in `v` to `out` (those `seen` does not hold yet): a node or relationship
// itself, a path's nodes and relationships, a list's elements (a variable-length pattern's
// relationships, an earlier entity list); anything else, null included, adds nothing.
void addEntities(const Value& v, std::vector<Value>& out, EntitySeen& seen);

}  // namespace silkgraph
