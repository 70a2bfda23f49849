// Implements CreateOp (query/execution/operators/create.h).
#include "query/execution/operators/create.h"

#include "query/execution/operators/write_support.h"

namespace silkgraph {

bool CreateOp::push(Row& row) {
  createPattern(*pattern_, row, *ctx);
  return next->push(row);
}

}  // namespace silkgraph
