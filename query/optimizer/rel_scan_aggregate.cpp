// Pass `rel_scan_aggregate`. Pattern rewritten, over an operator chain:
//
//   Match ... | RelationshipTypeScan ()-[r:T]->()     Match ... | RelationshipTypeScan ...
//   Aggregate (1 keys, 1 aggregates)             =>   RelationshipScanAggregate (1 keys, ...)
//
// A match whose program ends in a relationship scan (one direction, not deduplicating),
// feeding an aggregation: the scan hands the aggregation its relationships in batches of ids,
// or on threads whole id ranges, and the aggregation reads keys and arguments that are
// properties of the scanned relationship straight from the columns (RelScanAggregateOp).
// Runs after dedupe (a deduplicating scan emits rows). With --why the aggregation gathers each
// relationship's entities too: from the whole-graph table when the statement has one
// (RelScanAggregateOp::gatherWhy), else row by row.
#include <memory>

#include "query/optimizer/passes.h"

namespace silkgraph {

void aggregateRelScans(Plan& plan, const Graph&) {
  for (auto& chain : plan.chains) {
    auto& ops = chain.operators;
    for (size_t k = 0; k + 1 < ops.size(); ++k) {
      auto* match = dynamic_cast<MatchOp*>(ops[k].get());
      auto* agg = dynamic_cast<AggregateOp*>(ops[k + 1].get());
      if (!match || !agg || dynamic_cast<RelScanAggregateOp*>(agg)) continue;
      const std::vector<MatchStep>& steps = match->program().steps;
      if (steps.empty()) continue;
      const MatchStep& last = steps.back();
      if (last.kind != MatchStep::Kind::ScanRels || last.dedupe || last.dir == Direction::Both)
        continue;
      auto fused =
          std::make_unique<RelScanAggregateOp>(agg->keys(), &agg->aggregates(), agg->rowWidth());
      fused->next = agg->next;
      match->next = fused.get();
      match->setRelBatches(true);
      ops[k + 1] = std::move(fused);
    }
  }
}

}  // namespace silkgraph
