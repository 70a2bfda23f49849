// Implements FilterOp (query/execution/operators/filter.h).
#include "query/execution/operators/filter.h"

namespace silkgraph {

bool FilterOp::push(Row& row) {
  if (!evaluatePredicate(*predicate_, row, *ctx)) return true;
  return next->push(row);
}

bool FilterOp::pushOwned(Row& row) {
  if (!evaluatePredicate(*predicate_, row, *ctx)) return true;
  return next->pushOwned(row);
}

}  // namespace silkgraph
