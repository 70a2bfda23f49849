// Pass `rel_scan_aggregate`. Pattern rewritten, over an operator chain:
//
//   Match ... | RelationshipTypeScan ()-[r:T]->()     Match ... | RelationshipTypeScan ...
//   Aggregate (1 keys, 1 aggregates)             =>   RelationshipScanAggregate (1 keys, ...)
//
//   Match ... | Expand ()<-[r:T]-()                   Match ... | Expand ()<-[r:T]-()
//   Aggregate (1 keys, 1 aggregates)             =>   ExpandAggregate (1 keys, ...)
//
// A match whose program ends in a relationship scan or a one-hop expansion (one direction,
// not deduplicating, nothing carried for --why), feeding an aggregation: the step hands the
// aggregation the relationships that pass its checks in batches of ids (a scan on threads:
// whole id ranges), and the aggregation reads keys and arguments that are properties of the
// relationship or of its end nodes straight from the columns (RelScanAggregateOp). Runs after
// dedupe (a deduplicating step emits rows). With --why the aggregation gathers each
// relationship's entities too: from the whole-graph table when the statement has one
// (RelScanAggregateOp::gatherWhy), else row by row.
#include <algorithm>
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
      const bool expand = last.kind == MatchStep::Kind::Expand && !last.relBound;
      if ((last.kind != MatchStep::Kind::ScanRels && !expand) || last.dedupe ||
          last.dir == Direction::Both)
        continue;
      // An expansion's batches only where the aggregation sums them from the columns (a
      // scan's are cheaper to make than its rows in any case).
      if (expand &&
          (std::any_of(steps.begin(), steps.end(), [](const MatchStep& s) { return s.whyCarry; }) ||
           !RelScanAggregateOp::typedShape(agg->keys(), agg->aggregates(), last)))
        continue;
      auto fused =
          std::make_unique<RelScanAggregateOp>(agg->keys(), &agg->aggregates(), agg->rowWidth());
      fused->setExpand(expand);
      fused->next = agg->next;
      match->next = fused.get();
      match->setRelBatches(true);
      ops[k + 1] = std::move(fused);
    }
  }
}

}  // namespace silkgraph
