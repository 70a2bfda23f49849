// Implements SkipLimitOp (query/execution/operators/skip_limit.h).
#include "query/execution/operators/skip_limit.h"

#include "query/function/value_ops.h"

namespace silkgraph {

using T = Value::Type;

int64_t SkipLimitOp::evaluateCount(const BoundExpr& e, Row& row, ExecContext& ctx,
                                   const char* what) {
  Value v = evaluate(e, row, ctx);
  if (v.type() != T::Int)
    throw Error(ErrorKind::SyntaxError,
                std::string(what) + " expects an integer, got " + cypherTypeName(v), e.pos,
                "InvalidArgumentType", ErrorPhase::Runtime);
  if (v.asInt() < 0)
    throw Error(ErrorKind::SyntaxError, std::string(what) + " must not be negative", e.pos,
                "NegativeIntegerArgument", ErrorPhase::Runtime);
  return v.asInt();
}

bool SkipLimitOp::pass(Row& row, bool owned) {
  if (!evaluated_) {
    evaluated_ = true;
    if (skipExpr_) skip_ = evaluateCount(*skipExpr_, row, *ctx, "SKIP");
    if (limitExpr_) limit_ = evaluateCount(*limitExpr_, row, *ctx, "LIMIT");
  }
  int64_t i = seen_++;
  if (i < skip_) return true;
  if (limit_ >= 0 && i >= skip_ + limit_) return drain_;
  bool more = owned ? next->pushOwned(row) : next->push(row);
  if (limit_ >= 0 && i + 1 >= skip_ + limit_) return drain_;
  return more;
}

std::string SkipLimitOp::describe() const {
  return std::string(skipExpr_ ? "Skip" : "") + (skipExpr_ && limitExpr_ ? " / " : "") +
         (limitExpr_ ? "Limit" : "");
}

}  // namespace silkgraph
