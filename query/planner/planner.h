// Planner: BoundStatement -> Plan, a chain of physical operators per UNION part.
// It compiles each pattern into a MatchProgram: the most selective anchor first (a key-index
// seek for {id: ...} or WHERE n.id = ..., else the smallest label, else a full scan), then
// expansions by relationship type through the topology, with every WHERE conjunct placed
// right after the step that binds its last variable.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/graph.h"
#include "query/binder/bound.h"
#include "query/execution/operators.h"

namespace silkgraph {

struct PlanChain {
  std::vector<OperatorPtr> operators;  // in data-flow order; the last is a ResultOp
  std::vector<std::vector<Value>> rows;
  std::vector<Value> why;  // --why: per row, the list of entities it used
};

struct Plan {
  BoundStatement statement;
  std::vector<PlanChain> chains;
  std::vector<std::shared_ptr<MatchProgram>> programs;
  std::vector<BoundExprPtr> ownedExprs;
  // --why (query/planner/provenance_plan.h): rows carry the entities their matches used; the
  // hidden slot `whySlot` holds those gathered by aggregations, and each chain's ProvenanceOp
  // records one entity list per result row in PlanChain::why.
  bool why = false;
  Slot whySlot = kNoSlot;
  // The plan as text, top-down. With `rows` (PROFILE), each operator also shows how many rows
  // it produced: rows[chain][operator], in data-flow order.
  // With `rows` (PROFILE), each operator also shows the rows it produced and, with `ms`, its
  // own time in milliseconds; both indexed [chain][operator].
  std::string explain(const std::vector<std::vector<uint64_t>>* rows = nullptr,
                      const std::vector<std::vector<double>>* ms = nullptr) const;
};

// `why`: plan for --why (ExecuteOptions::why); without it the plan has no trace of it.
std::unique_ptr<Plan> planStatement(BoundStatement statement, const Graph& graph, bool why = false);

}  // namespace silkgraph
