// Runs a planned statement: pushes a row into each operator chain, then gathers the chains'
// rows into the result (UNION ALL keeps every row, UNION drops repeated ones). For PROFILE
// it puts a row counter between operators first and prints the plan with each operator's
// rows and own time. The transaction around it belongs to the caller (main/database.cpp).
#pragma once

#include "query/execution/context.h"
#include "query/planner/planner.h"
#include "query/query_result.h"

namespace silkgraph {

// Runs every chain of `plan` with `ctx` and moves the rows into result.rows; with `profile`
// also fills result.plan. Throws whatever an operator throws (the graph is then part-way
// through the statement: the caller rolls back).
void runPlan(Plan& plan, ExecContext& ctx, bool profile, QueryResult& result);

}  // namespace silkgraph
