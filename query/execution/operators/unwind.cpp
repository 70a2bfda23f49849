// Implements UnwindOp (query/execution/operators/unwind.h).
#include "query/execution/operators/unwind.h"

namespace silkgraph {

using T = Value::Type;

bool UnwindOp::push(Row& row) {
  Value v = evaluate(*list_, row, *ctx);
  if (v.isNull()) return true;
  if (v.type() != T::List) {
    row[slot_] = v;
    return next->push(row);
  }
  for (const auto& x : v.asList()) {
    ctx->poll();
    row[slot_] = x;
    if (!next->push(row)) return false;
  }
  return true;
}

}  // namespace silkgraph
