// ProjectOp: the items of WITH / RETURN, evaluated into their output slots.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "query/execution/operators/operator.h"

namespace silkgraph {

// Computes projection items into their output slots.
class ProjectOp final : public Operator {
 public:
  explicit ProjectOp(std::vector<std::pair<const BoundExpr*, Slot>> items)
      : items_(std::move(items)) {}
  bool push(Row& row) override { return project(row, false); }
  bool pushOwned(Row& row) override { return project(row, true); }
  std::string describe() const override;
  const std::vector<std::pair<const BoundExpr*, Slot>>& items() const { return items_; }

 private:
  bool project(Row& row, bool owned);
  std::vector<std::pair<const BoundExpr*, Slot>> items_;
};

}  // namespace silkgraph
