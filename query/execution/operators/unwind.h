// UnwindOp: UNWIND, one output row per element of a list.
#pragma once

#include <string>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class UnwindOp final : public Operator {
 public:
  UnwindOp(const BoundExpr* list, Slot slot) : list_(list), slot_(slot) {}
  bool push(Row& row) override;
  std::string describe() const override { return "Unwind"; }
  const BoundExpr* list() const { return list_; }
  Slot slot() const { return slot_; }

 private:
  const BoundExpr* list_;
  Slot slot_;
};

}  // namespace silkgraph
