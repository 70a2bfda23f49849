// The part of an adjacency row a seek visits: the range of order codes (engine/graph_impl.h,
// AdjacencyOrder) that holds every relationship passing a match step's pushed predicates on
// the relationship, and which of those predicates the range satisfies exactly. Used by the
// pattern matcher's Expand when the optimizer chose a seek (adjacency_seek).
#pragma once

#include <cstdint>

#include "engine/graph.h"
#include "query/execution/prop_predicate.h"
#include "query/planner/match_program.h"

namespace silkgraph {

// The range [lo, hi] of order codes of type t (which must be orderUsable) that holds every
// relationship passing the step's predicates on the relationship (`ready`, made ready):
// equalities on the leading parts, then bounds on the next one. False when the predicates
// bound no part, or bound one to nothing: then `empty`, and only relationships outside the
// compacted rows can match. `exact`: bit k set when every compacted entry in the range
// satisfies predicate k (an equality on a part the range fixes to one exact value), so it
// need not be tested on them; entries outside the compacted rows are not in the range and
// must still be tested.
bool orderRange(GraphView g, TypeId t, const MatchStep& s, const ReadyPredicate* ready,
                uint64_t& lo, uint64_t& hi, bool& empty, uint32_t& exact);

}  // namespace silkgraph
