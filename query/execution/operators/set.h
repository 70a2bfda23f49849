// SetOp: SET items on nodes and relationships (properties, maps, labels).
#pragma once

#include <string>
#include <vector>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class SetOp final : public Operator {
 public:
  explicit SetOp(const std::vector<BoundSetItem>* items) : items_(items) {}
  bool push(Row& row) override;
  std::string describe() const override { return "Set"; }

 private:
  const std::vector<BoundSetItem>* items_;
};

// Applies SET items (shared by SET and MERGE ... ON CREATE/ON MATCH).
void applySetItems(const std::vector<BoundSetItem>& items, Row& row, ExecContext& ctx);

}  // namespace silkgraph
