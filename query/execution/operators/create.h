// CreateOp: CREATE, makes the nodes and relationships of a pattern for each row.
#pragma once

#include <string>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class CreateOp final : public Operator {
 public:
  explicit CreateOp(const BoundPattern* pattern) : pattern_(pattern) {}
  bool push(Row& row) override;
  std::string describe() const override { return "Create"; }

 private:
  const BoundPattern* pattern_;
};

}  // namespace silkgraph
