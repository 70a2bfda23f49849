// --why in the plan (Plan::why). A row's entities are the nodes, relationships, relationship
// lists and paths its MATCH and MERGE patterns bound, anonymous elements included (the binder
// gives them slots too). The planner keeps the list of those slots since the last
// aggregation; an aggregation (or DISTINCT, planned as one) unions its group's entities into
// the hidden slot Plan::whySlot with the aggregate AggKind::Entities; the ProvenanceOp before
// each ResultOp reads the hidden slot and the slots since. Without --why none of this is
// planned, so the plan (and its cost) is the same as before.
#pragma once

#include <vector>

#include "query/binder/bound.h"

namespace silkgraph {

// Appends the node, relationship and path slots of `pattern` that `slots` lacks.
void addPatternSlots(const BoundPattern& pattern, std::vector<Slot>& slots);

// The hidden aggregate that unions the entities of `whySlot` and `slots` over a group into
// `whySlot`.
BoundAggregate entitiesAggregate(Slot whySlot, const std::vector<Slot>& slots);

// A Slot expression reading `slot`.
BoundExprPtr slotExpr(Slot slot);

}  // namespace silkgraph
