// The optimizer passes, one per file in this folder; optimizer.cpp runs them in order. Each
// rewrites the plan in place (the operator chains and every MatchProgram in Plan::programs)
// and must not change a query's results.
#pragma once

#include "engine/graph.h"
#include "query/planner/planner.h"

namespace silkgraph {

void pushDownFilters(Plan& plan, const Graph& graph);       // filter_pushdown.cpp
void chooseAdjacencySeeks(Plan& plan, const Graph& graph);  // adjacency_seek.cpp
void dedupeBeforeDistinct(Plan& plan, const Graph& graph);  // dedupe.cpp
void boundTopK(Plan& plan, const Graph& graph);             // top_k.cpp
void aggregateRelScans(Plan& plan, const Graph& graph);     // rel_scan_aggregate.cpp

}  // namespace silkgraph
