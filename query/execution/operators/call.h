// CallOp: CALL proc(args) YIELD ..., one output row per row the procedure streams for each
// input row, with the yielded columns in their slots. A procedure with no outputs (VOID) passes
// each input row through once, after running.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class CallOp final : public Operator {
 public:
  explicit CallOp(const BoundClause* call) : call_(call) {}
  bool push(Row& row) override;
  std::string describe() const override;
  const BoundClause& call() const { return *call_; }

 private:
  const BoundClause* call_;
};

}  // namespace silkgraph
