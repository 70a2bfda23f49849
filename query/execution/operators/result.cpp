// Implements ResultOp (query/execution/operators/result.h).
#include "query/execution/operators/result.h"

namespace silkgraph {

bool ResultOp::emit(std::vector<Value>& out) {
  if (sink_) {
    if (!(*sink_)(out)) stopped_ = true;
    return !stopped_;
  }
  ctx->hold(out);
  out_->push_back(std::move(out));
  return true;
}

bool ResultOp::push(Row& row) {
  if (stopped_) return false;
  if (!out_) return true;
  std::vector<Value> out;
  out.reserve(slots_.size());
  for (Slot s : slots_) out.push_back(row[s]);
  return emit(out);
}

bool ResultOp::pushOwned(Row& row) {
  if (!out_ || !distinct_ || stopped_) return push(row);
  std::vector<Value> out;
  out.reserve(slots_.size());
  for (Slot s : slots_) out.push_back(std::move(row[s]));
  return emit(out);
}

}  // namespace silkgraph
