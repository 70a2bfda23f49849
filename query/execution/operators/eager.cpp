// Implements EagerOp (query/execution/operators/eager.h).
#include "query/execution/operators/eager.h"

namespace silkgraph {

bool EagerOp::finish() {
  for (auto& r : rows_) {
    if (!next->pushOwned(r)) break;
  }
  rows_.clear();
  return next->finish();
}

}  // namespace silkgraph
