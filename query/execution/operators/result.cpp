// Implements ResultOp (query/execution/operators/result.h).
#include "query/execution/operators/result.h"

namespace silkgraph {

bool ResultOp::push(Row& row) {
  if (!out_) return true;
  std::vector<Value> out;
  out.reserve(slots_.size());
  for (Slot s : slots_) out.push_back(row[s]);
  ctx->hold(out);
  out_->push_back(std::move(out));
  return true;
}

bool ResultOp::pushOwned(Row& row) {
  if (!out_ || !distinct_) return push(row);
  std::vector<Value> out;
  out.reserve(slots_.size());
  for (Slot s : slots_) out.push_back(std::move(row[s]));
  ctx->hold(out);
  out_->push_back(std::move(out));
  return true;
}

}  // namespace silkgraph
