// What the write operators share: setting a property (with its checks and counters) and
// creating the nodes and relationships of a pattern (CREATE, MERGE).
#pragma once

#include <string>

#include "query/execution/operators/operator.h"

namespace silkgraph {

// Sets property `key` of the node or relationship `target` (nothing when it is null).
void setProperty(ExecContext& ctx, const Value& target, const std::string& key, const Value& v);

// Creates the pattern's nodes (those not already bound) and relationships into `row`.
void createPattern(const BoundPattern& pattern, Row& row, ExecContext& ctx);

}  // namespace silkgraph
