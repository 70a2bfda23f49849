// Implements CallOp (query/execution/operators/call.h): evaluates the arguments, checks those
// the binder could not (values known only when running) and streams the procedure's rows.
#include "query/execution/operators/call.h"

#include "query/procedure/procedure.h"

namespace silkgraph {

namespace {

// The statement's limits as a procedure polls them.
class LimitsCheck final : public StopCheck {
 public:
  explicit LimitsCheck(const StatementLimits& limits) : limits_(limits) {}
  void check() const override { limits_.check(); }
  bool stopRequested() const override { return limits_.stopRequested(); }

 private:
  const StatementLimits& limits_;
};

}  // namespace

bool CallOp::push(Row& row) {
  const ProcedureDef& def = *call_->procedure;
  std::vector<Value> args;
  args.reserve(call_->args.size());
  for (size_t i = 0; i < call_->args.size(); ++i) {
    const BoundExpr& e = *call_->args[i];
    Value v = evaluate(e, row, *ctx);
    const ProcParam& p = def.params[i];
    if (!procTypeAccepts(p.type, v))
      throw Error(ErrorKind::TypeError,
                  "argument '" + p.name + "' of " + def.name + " must be " + procTypeName(p.type) +
                      ", not " + Value::typeName(v.type()),
                  e.pos, "InvalidArgumentType", ErrorPhase::Runtime);
    args.push_back(procCoerce(p.type, std::move(v)));
  }
  const LimitsCheck limits(ctx->limits);
  ProcedureContext pctx{ctx->graph, ctx->schema, &limits};
  pctx.view = ctx->view;
  pctx.threads = ctx->threads;
  bool more = true;
  try {
    def.fn(pctx, args, [&](std::vector<Value>& out) {
      ctx->poll();
      for (const auto& [column, slot] : call_->yields) row[slot] = out[column];
      more = next->push(row);
      return more;
    });
  } catch (Error& e) {
    e.placeAt(call_->pos);  // a procedure's own error names the CALL
    throw;
  }
  if (def.outputs.empty()) return next->push(row);
  return more;
}

std::string CallOp::describe() const {
  std::string s = "ProcedureCall " + call_->procedure->name + "(";
  for (size_t i = 0; i < call_->procedure->params.size(); ++i)
    s += (i ? ", " : "") + call_->procedure->params[i].name;
  s += ")";
  if (!call_->yields.empty()) {
    s += " YIELD ";
    for (size_t i = 0; i < call_->yields.size(); ++i)
      s += (i ? ", " : "") + call_->procedure->outputs[call_->yields[i].first].name;
  }
  return s;
}

}  // namespace silkgraph
