// FilterOp: WHERE, passes on the rows for which the predicate is true.
#pragma once

#include <string>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class FilterOp final : public Operator {
 public:
  explicit FilterOp(const BoundExpr* predicate) : predicate_(predicate) {}
  bool push(Row& row) override;
  bool pushOwned(Row& row) override;
  std::string describe() const override { return "Filter"; }
  const BoundExpr* predicate() const { return predicate_; }

 private:
  const BoundExpr* predicate_;
};

}  // namespace silkgraph
