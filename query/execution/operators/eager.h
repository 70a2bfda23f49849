// EagerOp: materialises every row before passing any on, to separate reads from writes.
#pragma once

#include <string>
#include <vector>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class EagerOp final : public Operator {
 public:
  bool push(Row& row) override {
    ctx->hold(row);
    rows_.push_back(row);
    return true;
  }
  bool finish() override;
  std::string describe() const override { return "Eager"; }

 private:
  std::vector<Row> rows_;
};

}  // namespace silkgraph
