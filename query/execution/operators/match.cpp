// Implements MatchOp (query/execution/operators/match.h).
#include "query/execution/operators/match.h"

#include <algorithm>

namespace silkgraph {

bool MatchOp::push(Row& row) {
  matched_ = false;
  if (relBatches_ && !state_.relBatch) {
    state_.relBatch = [this](Row& r, const MatchStep& step, const RelId* rels, size_t n) {
      matched_ = true;
      return next->pushRels(r, step, rels, n);
    };
    state_.relRange = [this](Row& r, const MatchStep& step, RelId begin, RelId end,
                             std::span<const uint8_t> want) {
      bool any = false;
      int result = next->pushRelRange(r, step, begin, end, want, any);
      if (any) matched_ = true;
      return result;
    };
  }
  if (!state_.whyRow && std::any_of(program_->steps.begin(), program_->steps.end(),
                                    [](const MatchStep& st) { return st.whyCarry; }))
    state_.whyRow = [this](Row& r, const Value* carry) { return next->pushWhy(r, carry); };
  bool keepGoing = runMatch(
      *program_, row, *ctx,
      [&](Row& r) {
        matched_ = true;
        return state_.counted ? next->pushCounted(r) : next->push(r);
      },
      &state_);
  if (!keepGoing) return false;
  if (!matched_ && optional_) {
    for (Slot s : newSlots_) row[s] = Value();
    return next->push(row);
  }
  return true;
}

std::string MatchOp::describe() const {
  return std::string(optional_ ? "OptionalMatch" : "Match") + program_->describe();
}

}  // namespace silkgraph
