// The optimizer's pass list: the one place that says which rewrites run, and in what order.
// Each pass is a file of this folder that states at its top the pattern it rewrites.
#include "query/optimizer/optimizer.h"

#include <algorithm>
#include <cstdlib>

#include "query/optimizer/passes.h"
#include "query/optimizer/plan_verifier.h"

namespace silkgraph {

const std::vector<OptimizerPass>& optimizerPasses() {
  static const std::vector<OptimizerPass> passes = {
      // Inside match programs: WHERE conjuncts and pattern properties into the step.
      {"filter_pushdown", pushDownFilters},
      // Expands whose pushed predicates bound the first key of an adjacency order: seek.
      {"adjacency_seek", chooseAdjacencySeeks},
      // Over operator chains: drop duplicate rows early before DISTINCT / min / max.
      {"dedupe", dedupeBeforeDistinct},
      // ORDER BY + LIMIT: keep the top K, and bound the match step on the first sort key.
      {"top_k", boundTopK},
      // A match ending in a relationship scan, into an aggregation: batches of relationships.
      {"rel_scan_aggregate", aggregateRelScans},
  };
  return passes;
}

bool OptimizerOptions::runs(std::string_view pass) const {
  return std::none_of(disabled.begin(), disabled.end(),
                      [&](const std::string& d) { return d == pass || d == "all"; });
}

std::vector<std::string> OptimizerOptions::unknownNames() const {
  std::vector<std::string> out;
  for (const std::string& d : disabled) {
    bool known = d == "all" || std::any_of(optimizerPasses().begin(), optimizerPasses().end(),
                                           [&](const OptimizerPass& p) { return d == p.name; });
    if (!known) out.push_back(d);
  }
  return out;
}

OptimizerOptions OptimizerOptions::fromEnvironment() {
  OptimizerOptions options;
  const char* env = std::getenv("SILKGRAPH_DISABLE_PASSES");
  std::string_view list = env ? env : "";
  while (!list.empty()) {
    size_t comma = std::min(list.find(','), list.size());
    std::string name(list.substr(0, comma));
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (!name.empty()) options.disabled.push_back(name);
    list.remove_prefix(std::min(comma + 1, list.size()));
  }
  return options;
}

void optimize(Plan& plan, const Graph& graph, const OptimizerOptions& options) {
  for (const OptimizerPass& pass : optimizerPasses()) {
    if (options.runs(pass.name)) pass.run(plan, graph);
  }
#ifndef NDEBUG
  verifyPlan(plan);
#endif
}

}  // namespace silkgraph
