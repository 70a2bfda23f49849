// Implements DistinctOp (query/execution/operators/distinct.h).
#include "query/execution/operators/distinct.h"

namespace silkgraph {

bool DistinctOp::push(Row& row) {
  Value key;
  if (slots_.size() == 1) {
    key = row[slots_[0]];
  } else {
    ValueList k;
    k.reserve(slots_.size());
    for (Slot s : slots_) k.push_back(row[s]);
    key = Value(std::move(k));
  }
  if (ctx->limits.accounting()) {
    if (seen_.count(key)) return true;
    ctx->hold(key);
  }
  if (!seen_.insert(std::move(key)).second) return true;
  return next->push(row);
}

}  // namespace silkgraph
