// The plan verifier: checks, after the optimizer passes, the invariants the executor relies
// on (chains linked and ending in their result, step fields only where their kind uses them).
// Debug builds run it on every plan (optimize()); a broken invariant stops with SG_ASSERT.
#pragma once

#include "query/planner/planner.h"

namespace silkgraph {

void verifyPlan(const Plan& plan);

}  // namespace silkgraph
