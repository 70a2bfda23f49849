// --why inside a match (MatchStep::whyCarry, whySummary): which relationships a later step may
// meet, and what the whole-graph table says an adjacency row brings. Stateless helpers of the
// pattern matcher (query/execution/pattern_matcher.cpp).
#pragma once

#include <cstddef>

#include "engine/graph.h"
#include "engine/value.h"
#include "query/execution/context.h"
#include "query/execution/match_state.h"
#include "query/execution/why_table.h"
#include "query/planner/match_program.h"

namespace silkgraph {

// --why (MatchStep::whyCarry): hands the consumer `row` for its entities only (and `carry`
// after them), with the slots of the steps after s emptied.
bool handWhyRow(MatchState& st, const MatchStep& s, Row& row, const Value* carry);

// --why (MatchStep::whySummary, whyTwins): the whole-graph table when the expansion of s from n
// can drop no relationship of its adjacency rows but by deduplication (no filter, view date,
// or relationship of this match in them), else null. `dedupes`: the match keeps a state.
const WhyTable* whyTableFor(ExecContext& ctx, bool dedupes, const MatchStep& s, NodeId n,
                            const Row& row, const TypeId* types, size_t count);

// --why (WhyTable::twoHops): when step i (s, whyTwins, from n over the one type `type`, with
// the table `t` that whyTableFor gave) is followed by the last step, whySummary, which would
// hand a summary from every node s reaches: the table's union of all those summaries and of
// s's twins, to hand once instead; else null.
Value whyTwoHops(ExecContext& ctx, const MatchProgram& p, size_t i, NodeId n, const Row& row,
                 const WhyTable& t, TypeId type);

// --why (MatchStep::whyTwins): after the first row from n to `other` (through r) at step i
// went on, the table's summary of r's twins, which the rows that repeat it would have
// brought; also for the first row from n to an `other` an earlier start node reached. Marks
// the twins from n to `other` handed over.
bool handWhyTwins(MatchState& st, size_t i, const MatchStep& s, const Graph& g, NodeId n, RelId r,
                  NodeId other, Row& row, const WhyTable& t);

// Whether relationship `rel` is in the adjacency rows step t walks from node `from`.
bool mayMeet(const Graph& g, const MatchStep& t, const Value& rel, const Value& from);

// The entities the adjacency rows of s at n bring (WhyTable::summary), in the order of the
// --why entity slots.
Value summaryEntities(const WhyTable& t, const Graph& g, const MatchStep& s, NodeId n,
                      const TypeId* types, size_t count);

}  // namespace silkgraph
