// The optimizer: rewrites a plan fresh from the planner by running a fixed list of passes
// (optimizer.cpp; one file per pass in this folder, README.md). None changes a query's
// results, so any of them can be switched off to check that (OptimizerOptions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/graph.h"
#include "query/planner/planner.h"

namespace silkgraph {

struct OptimizerOptions {
  // Passes not to run, by name ("all": none of them). A debug setting: results do not change,
  // only the work done and EXPLAIN.
  std::vector<std::string> disabled;

  bool runs(std::string_view pass) const;
  // Names in `disabled` that are neither a pass nor "all" (a typo would go unnoticed).
  std::vector<std::string> unknownNames() const;
  // The setting of the environment variable SILKGRAPH_DISABLE_PASSES (names separated by
  // commas, or "all"); nothing disabled when it is not set.
  static OptimizerOptions fromEnvironment();
};

struct OptimizerPass {
  const char* name;
  void (*run)(Plan& plan, const Graph& graph);
};

// The passes, in the order they run.
const std::vector<OptimizerPass>& optimizerPasses();

// Runs the passes the options allow, then (in debug builds) checks the plan's invariants.
void optimize(Plan& plan, const Graph& graph, const OptimizerOptions& options = {});

}  // namespace silkgraph
