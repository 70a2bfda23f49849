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

// Whether the plan's rows can go to the reader while it runs (runPlanStreaming): it writes
// nothing (writes commit before any row is reported) and has no UNION that drops repeated
// rows. Blocking operators (ORDER BY, aggregation, DISTINCT) inside it are fine: they hold
// their rows, counted against the memory limit, and stream what they output.
bool planStreams(const Plan& plan);

// Whether a chain has an operator that can make many rows from one (MATCH, UNWIND, CALL; not a
// MATCH that only seeks nodes by their unique key): a plan without one gives at most a row per
// chain, not worth streaming (a cursor runs it where it is opened, without a thread).
bool planMayYieldManyRows(const Plan& plan);

// Runs a plan that streams: each result row goes to `sink` as soon as it is produced and is
// not kept; when the sink returns false, the rest is not computed.
void runPlanStreaming(Plan& plan, ExecContext& ctx, const ResultSink& sink);

}  // namespace silkgraph
