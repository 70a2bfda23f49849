// Implements the plan verifier (query/optimizer/plan_verifier.h).
#include "query/optimizer/plan_verifier.h"

#include "common/assert.h"

namespace silkgraph {
namespace {

using Kind = MatchStep::Kind;

bool isNullTest(ast::Op op) {
  return op == ast::Op::IsNull || op == ast::Op::IsNotNull;
}

void verifyStep(const MatchProgram& prog, size_t i) {
  const MatchStep& s = prog.steps[i];
  bool expand = s.kind == Kind::Expand && !s.relBound;
  bool scan = s.kind == Kind::ScanRels;
  SG_ASSERT(s.kind != Kind::Filter || s.predicate, "a Filter step has a predicate");
  SG_ASSERT(s.preds.empty() || expand || scan,
            "only an Expand of a new relationship or a relationship scan takes predicates");
  SG_ASSERT(s.preds.size() <= kMaxPushedPredicates, "at most kMaxPushedPredicates per step");
  for (const PropPredicate& p : s.preds) {
    SG_ASSERT((p.value == nullptr) == isNullTest(p.op),
              "a pushed predicate has a value unless it tests for null");
    SG_ASSERT(p.target != PropPredicate::Target::From || scan,
              "only a relationship scan checks its start node");
  }
  SG_ASSERT(!s.dedupe || expand || scan, "only an Expand or a relationship scan deduplicates");
  SG_ASSERT(!s.dedupe || s.dedupeKey.size() <= 1, "a deduplicating step keys on one slot");
  SG_ASSERT(!s.dedupe || prog.dedupes, "a program with a deduplicating step says so");
  SG_ASSERT(!s.orderedSeek || (expand && s.dir != Direction::Both && !s.types.empty()),
            "an ordered seek is an Expand of one direction over named types");
  SG_ASSERT(!s.orderedSeek || !s.orderNote.empty(), "an ordered seek shows its order");
  SG_ASSERT(s.uniqueRelStep.empty() || s.uniqueRelStep.size() == s.uniqueRels.size(),
            "uniqueRelStep is parallel to uniqueRels");
  for (int j : s.uniqueRelStep) {
    SG_ASSERT(j < static_cast<int>(i), "uniqueRelStep names an earlier step");
    SG_ASSERT(j < 0 || (prog.steps[static_cast<size_t>(j)].dedupe &&
                        prog.steps[static_cast<size_t>(j)].dedupeRetry),
              "uniqueRelStep names a deduplicating step that retries");
  }
}

}  // namespace

void verifyPlan(const Plan& plan) {
  for (const PlanChain& chain : plan.chains) {
    const auto& ops = chain.operators;
    SG_ASSERT(!ops.empty(), "a chain has operators");
    SG_ASSERT(dynamic_cast<const ResultOp*>(ops.back().get()), "a chain ends in its result");
    for (size_t i = 0; i < ops.size(); ++i) {
      SG_ASSERT(ops[i]->next == (i + 1 < ops.size() ? ops[i + 1].get() : nullptr),
                "each operator of a chain feeds the next one");
      const auto* match = dynamic_cast<const MatchOp*>(ops[i].get());
      bool batches = match && match->relBatches();
      SG_ASSERT(!batches || dynamic_cast<const RelScanAggregateOp*>(ops[i]->next),
                "a match hands relationship batches only to a RelScanAggregateOp");
      SG_ASSERT(!dynamic_cast<const RelScanAggregateOp*>(ops[i].get()) ||
                    (i > 0 && dynamic_cast<const MatchOp*>(ops[i - 1].get()) &&
                     static_cast<const MatchOp*>(ops[i - 1].get())->relBatches()),
                "a RelScanAggregateOp follows a match that hands it batches");
    }
  }
  for (const auto& prog : plan.programs) {
    SG_ASSERT(prog != nullptr, "a plan's programs are not null");
    for (size_t i = 0; i < prog->steps.size(); ++i) verifyStep(*prog, i);
  }
}

}  // namespace silkgraph
