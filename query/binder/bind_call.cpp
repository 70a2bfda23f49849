// Binds CALL: resolves the procedure in the registry (an unknown name gets the closest known
// one as a hint), checks the arguments against its signature (count, and the type of those
// known before running), and declares the yielded columns as variables.
#include <algorithm>
#include <string>

#include "common/text.h"
#include "query/binder/binder_impl.h"
#include "query/procedure/procedure.h"

namespace silkgraph::binding {
namespace {

VarKind kindOf(const ProcTypeSpec& t) {
  switch (t.type) {
    case ProcType::Node:
      return VarKind::Node;
    case ProcType::Relationship:
      return VarKind::Rel;
    case ProcType::Path:
      return VarKind::Path;
    case ProcType::Any:
    case ProcType::List:
      return VarKind::Any;
    default:
      return VarKind::Scalar;
  }
}

std::string typeOfValue(const Value& v) {
  return Value::typeName(v.type());
}

}  // namespace

const ProcedureDef& Binder::findProcedure(const ast::Clause& c) const {
  const ProcedureDef* def = procedures_ ? procedures_->find(c.procedure) : nullptr;
  if (def) return *def;
  std::string hint = procedures_ ? procedures_->closest(c.procedure) : std::string();
  throw Error(ErrorKind::ProcedureError,
              "there is no procedure named '" + c.procedure + "'" +
                  (hint.empty() ? "" : " (did you mean " + hint + "?)") +
                  "; CALL dbms.procedures() lists them",
              c.procedurePos, "ProcedureNotFound");
}

void Binder::bindCall(const ast::Clause& c, BoundClause& out, bool standalone) {
  const ProcedureDef& def = findProcedure(c);
  out.procedure = &def;
  bindCallArgs(c, out, standalone);
  bindYields(c, out, standalone);
  if (c.where) splitConjuncts(bindExpr(*c.where, nullptr), out.whereConjuncts);
}

void Binder::bindCallArgs(const ast::Clause& c, BoundClause& out, bool standalone) {
  const ProcedureDef& def = *out.procedure;
  auto literal = [&](Value v) {
    auto b = std::make_unique<BoundExpr>(BExprKind::Literal, c.procedurePos);
    b->value = std::move(v);
    return b;
  };
  if (c.implicitArgs) {
    if (!standalone && !def.params.empty())
      semantic(c.procedurePos,
               "a CALL inside a query must pass its arguments in parentheses: " + def.signature(),
               "InvalidArgumentPassingMode");
    std::string missing;
    for (const ProcParam& p : def.params) {
      auto it = params_.find(p.name);
      if (it != params_.end()) {
        out.args.push_back(literal(it->second));
      } else if (p.defaultValue) {
        out.args.push_back(literal(*p.defaultValue));
      } else {
        missing += (missing.empty() ? "$" : ", $") + p.name;
      }
    }
    if (!missing.empty())
      throw Error(ErrorKind::ParameterMissing,
                  "CALL " + def.name +
                      " without parentheses takes its arguments from parameters "
                      "of the same names; missing: " +
                      missing,
                  c.procedurePos, "MissingParameter");
  } else {
    size_t n = c.args.size();
    if (n < def.requiredParams() || n > def.params.size())
      semantic(c.procedurePos,
               "wrong number of arguments to " + def.name + ": got " + std::to_string(n) +
                   ", expected " +
                   (def.requiredParams() == def.params.size()
                        ? std::to_string(n > def.params.size() ? def.params.size()
                                                               : def.requiredParams())
                        : std::to_string(def.requiredParams()) + " to " +
                              std::to_string(def.params.size())) +
                   ": " + def.signature(),
               "InvalidNumberOfArguments");
    for (size_t i = 0; i < def.params.size(); ++i) {
      if (i >= n) {
        out.args.push_back(literal(*def.params[i].defaultValue));
        continue;
      }
      auto b = bindExpr(*c.args[i], nullptr);
      if (b->kind == BExprKind::Literal && !procTypeAccepts(def.params[i].type, b->value))
        semantic(c.args[i]->pos,
                 "argument '" + def.params[i].name + "' of " + def.name + " must be " +
                     procTypeName(def.params[i].type) + ", not " + typeOfValue(b->value),
                 "InvalidArgumentType");
      out.args.push_back(std::move(b));
    }
  }
}

void Binder::bindYields(const ast::Clause& c, BoundClause& out, bool standalone) {
  const ProcedureDef& def = *out.procedure;
  std::vector<ast::YieldItem> items = c.yields;
  if (c.yieldStar && !standalone)
    semantic(c.pos, "YIELD * is only allowed in a standalone CALL; name the columns",
             "UnexpectedSyntax");
  if (c.yieldStar || (!c.hasYield && standalone)) {
    for (const ProcColumn& col : def.outputs) items.push_back({c.procedurePos, col.name, ""});
  }
  std::vector<std::string_view> columns;
  for (const ProcColumn& col : def.outputs) columns.push_back(col.name);
  std::vector<std::string> declared;
  for (const ast::YieldItem& y : items) {
    int idx = def.outputIndex(y.column);
    if (idx < 0) {
      std::string hint = text::closest(y.column, columns);
      std::string all;
      for (std::string_view col : columns) all += (all.empty() ? "" : ", ") + std::string(col);
      semantic(y.pos,
               "unknown output column '" + y.column + "' of " + def.name +
                   (hint.empty() ? "" : " (did you mean " + hint + "?)") + "; it yields " +
                   (all.empty() ? "nothing" : all),
               "UndefinedVariable");
    }
    const std::string& var = y.alias.empty() ? y.column : y.alias;
    if (lookup(var) || std::find(declared.begin(), declared.end(), var) != declared.end())
      semantic(y.pos, "variable '" + var + "' is already declared", "VariableAlreadyBound");
    declared.push_back(var);
  }
  for (size_t i = 0; i < items.size(); ++i) {
    int idx = def.outputIndex(items[i].column);
    Slot s = declare(declared[i], kindOf(def.outputs[idx].type));
    out.yields.emplace_back(static_cast<uint32_t>(idx), s);
    out.newSlots.push_back(s);
  }
}

}  // namespace silkgraph::binding
