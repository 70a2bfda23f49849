// SkipLimitOp: SKIP and LIMIT; stops the producers once the limit is reached (unless the
// query writes).
#pragma once

#include <cstdint>
#include <string>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class SkipLimitOp final : public Operator {
 public:
  // skip/limit: constant expressions (null when absent), evaluated once at the first row.
  // drain: the query writes, so upstream must run to the end even after the limit.
  SkipLimitOp(const BoundExpr* skip, const BoundExpr* limit, bool drain)
      : skipExpr_(skip), limitExpr_(limit), drain_(drain) {}
  const BoundExpr* skip() const { return skipExpr_; }
  const BoundExpr* limit() const { return limitExpr_; }
  bool push(Row& row) override { return pass(row, false); }
  bool pushOwned(Row& row) override { return pass(row, true); }
  std::string describe() const override;

  // Value of a SKIP/LIMIT expression: a non-negative integer, else a runtime error.
  static int64_t evaluateCount(const BoundExpr& e, Row& row, ExecContext& ctx, const char* what);

 private:
  bool pass(Row& row, bool owned);
  const BoundExpr* skipExpr_;
  const BoundExpr* limitExpr_;
  bool drain_;
  bool evaluated_ = false;
  int64_t skip_ = 0;
  int64_t limit_ = -1;  // -1: none
  int64_t seen_ = 0;
};

}  // namespace silkgraph
