// DistinctOp: DISTINCT, passes on the first row of each combination of the given slots.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class DistinctOp final : public Operator {
 public:
  explicit DistinctOp(std::vector<Slot> slots) : slots_(std::move(slots)) {}
  bool push(Row& row) override;
  std::string describe() const override { return "Distinct"; }
  const std::vector<Slot>& slots() const { return slots_; }

 private:
  std::vector<Slot> slots_;
  std::unordered_set<Value, ValueHash, ValueIdentical> seen_;
};

}  // namespace silkgraph
