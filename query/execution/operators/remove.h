// RemoveOp: REMOVE of properties and labels.
#pragma once

#include <string>
#include <vector>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class RemoveOp final : public Operator {
 public:
  explicit RemoveOp(const std::vector<BoundRemoveItem>* items) : items_(items) {}
  bool push(Row& row) override;
  std::string describe() const override { return "Remove"; }

 private:
  const std::vector<BoundRemoveItem>* items_;
};

}  // namespace silkgraph
