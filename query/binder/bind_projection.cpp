// Binds WITH and RETURN: items and their columns, aggregation and its grouping keys, the
// output scope, ORDER BY (which may repeat projected items), SKIP / LIMIT and WHERE.
#include <algorithm>

#include "query/binder/binder_impl.h"
#include "query/function/catalog.h"

namespace silkgraph::binding {

BoundProjection Binder::bindProjection(const ast::Projection& p, bool isReturn, SourcePos pos) {
  BoundProjection out;
  out.isReturn = isReturn;
  out.distinct = p.distinct;
  struct Item {
    const Expr* expr;     // nullptr for * items
    SharedString column;  // shared, never copied: it may be as long as the query
    Slot inputSlot;
    VarKind kind;
  };
  std::vector<Item> items;
  if (p.star) {
    if (isReturn && scope_.empty() && p.items.empty())
      semantic(pos,
               std::string(isReturn ? "RETURN" : "WITH") +
                   " * is not allowed when there are no variables in scope",
               "NoVariablesInScope");
    std::vector<Var> vars = scope_;
    std::sort(vars.begin(), vars.end(), [](const Var& a, const Var& b) { return a.name < b.name; });
    for (const auto& v : vars) items.push_back({nullptr, v.name, v.slot, v.kind});
  }
  for (const auto& it : p.items) {
    SharedString column = it.alias.empty() ? it.text : SharedString(it.alias);
    if (!isReturn && it.alias.empty() && it.expr->kind != ExprKind::Variable)
      semantic(it.expr->pos, "expression in WITH must be aliased (use AS)", "NoExpressionAlias");
    items.push_back({it.expr.get(), std::move(column), kNoSlot, VarKind::Any});
  }
  for (size_t i = 0; i < items.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (items[i].column == items[j].column)
        semantic(items[i].expr ? items[i].expr->pos : pos,
                 "multiple result columns with the same name '" + items[i].column.str() + "'",
                 "ColumnNameConflict");
    }
  }
  // Bind item expressions over the input scope.
  std::vector<std::pair<const Expr*, Slot>> aliases;
  for (auto& it : items) {
    BoundProjectionItem bi;
    bi.column = it.column;
    if (!it.expr) {
      bi.expr = std::make_unique<BoundExpr>(BExprKind::Slot, pos);
      bi.expr->slot = it.inputSlot;
    } else {
      AggCollector agg{&out.aggregates};
      bi.hasAggregate = containsAggregate(*it.expr);
      bi.expr = bindExpr(*it.expr, bi.hasAggregate ? &agg : nullptr);
      it.kind = inferKind(*it.expr);
    }
    out.items.push_back(std::move(bi));
  }
  bool aggregating = !out.aggregates.empty();
  if (aggregating) {
    std::vector<const Expr*> keys;
    for (const auto& it : items) {
      if (it.expr && !containsAggregate(*it.expr)) keys.push_back(it.expr);
    }
    for (const auto& it : items) {
      if (it.expr && containsAggregate(*it.expr)) checkAmbiguous(*it.expr, keys);
    }
  }
  // The output scope.
  std::vector<Var> outScope;
  for (size_t i = 0; i < items.size(); ++i) {
    Slot s = newSlot(items[i].column);
    out.items[i].slot = s;
    outScope.push_back({items[i].column, s, items[i].kind});
    if (items[i].expr) aliases.emplace_back(items[i].expr, s);
  }
  // ORDER BY sees the output scope, plus the input scope when the projection neither
  // aggregates nor is DISTINCT.
  std::vector<Var> inputScope = scope_;
  std::vector<Var> sortScope = outScope;
  if (!aggregating && !p.distinct) {
    for (const auto& v : inputScope) {
      bool shadowed = std::any_of(outScope.begin(), outScope.end(),
                                  [&](const Var& o) { return o.name == v.name; });
      if (!shadowed) sortScope.push_back(v);
    }
  }
  if (!p.orderBy.empty()) {
    scope_ = sortScope;
    projectionAliases_ = &aliases;
    for (const auto& s : p.orderBy) {
      BoundSortItem si;
      si.descending = s.descending;
      if (containsAggregate(*s.expr) && aggregating && !matchesAlias(*s.expr, aliases)) {
        std::vector<const Expr*> keys;
        std::vector<SharedString> keyNames;  // grouping keys by their column name
        for (const auto& it : items) {
          if (it.expr && !containsAggregate(*it.expr)) {
            keys.push_back(it.expr);
            keyNames.push_back(it.column);
          }
        }
        checkAmbiguous(*s.expr, keys, keyNames);
      }
      if (containsAggregate(*s.expr) && !aggregatesCovered(*s.expr, aliases))
        semantic(s.expr->pos, "ORDER BY can only use aggregates that are also projected",
                 "InvalidAggregation");
      si.expr = bindExpr(*s.expr, nullptr);
      out.orderBy.push_back(std::move(si));
    }
    projectionAliases_ = nullptr;
  }
  scope_ = {};
  out.skip = bindConstant(p.skip, "SKIP");
  out.limit = bindConstant(p.limit, "LIMIT");
  // WHERE of a WITH sees the projected variables, and the input ones when the
  // projection does not aggregate (the row still holds them).
  scope_ = outScope;
  if (!aggregating) {
    for (const auto& v : inputScope) {
      bool shadowed = std::any_of(outScope.begin(), outScope.end(),
                                  [&](const Var& o) { return o.name == v.name; });
      if (!shadowed) scope_.insert(scope_.begin(), v);
    }
  }
  if (p.where) {
    if (containsAggregate(*p.where))
      semantic(p.where->pos, "aggregate functions are not allowed in WHERE", "InvalidAggregation");
    out.where = bindExpr(*p.where, nullptr);
  }
  scope_ = outScope;
  return out;
}

// What a projected expression can hold, for checks on later patterns.
VarKind Binder::inferKind(const Expr& e) const {
  switch (e.kind) {
    case ExprKind::Variable: {
      const Var* v = lookup(e.name);
      return v ? v->kind : VarKind::Any;
    }
    case ExprKind::Literal:
      return e.value.isNull() ? VarKind::Any : VarKind::Scalar;
    // A list can only ever stand for a list of relationships in a pattern.
    case ExprKind::ListLiteral:
    case ExprKind::ListComprehension:
      return VarKind::RelList;
    case ExprKind::MapLiteral:
    case ExprKind::PatternComprehension:
    case ExprKind::MapProjection:
    case ExprKind::Binary:
    case ExprKind::Unary:
    case ExprKind::Quantifier:
    case ExprKind::ExistsSubquery:
    case ExprKind::PatternPredicate:
    case ExprKind::LabelCheck:
    case ExprKind::CountStar:
      return VarKind::Scalar;
    default:
      return VarKind::Any;
  }
}

// True when every aggregate call in e is one that the projection computes.
bool Binder::aggregatesCovered(const Expr& e,
                               const std::vector<std::pair<const Expr*, Slot>>& aliases) {
  if (matchesAlias(e, aliases)) return true;
  if (e.kind == ExprKind::CountStar ||
      (e.kind == ExprKind::FunctionCall && isAggregateName(e.name)))
    return false;
  for (const auto& c : e.children) {
    if (!aggregatesCovered(*c, aliases)) return false;
  }
  return true;
}

// In an item that aggregates, what lies outside the aggregate calls may only use grouping keys.
void Binder::checkAmbiguous(const Expr& e, const std::vector<const Expr*>& keys,
                            std::vector<SharedString> locals) {
  // Only simple grouping keys (a variable or a property of one) may appear, as in Neo4j.
  bool simple = e.kind == ExprKind::Variable ||
                (e.kind == ExprKind::Property && e.children[0]->kind == ExprKind::Variable);
  for (const Expr* k : keys) {
    if (simple && astEqual(*k, e)) return;
  }
  if (e.kind == ExprKind::Variable &&
      std::find(locals.begin(), locals.end(), e.name) != locals.end())
    return;
  if (e.kind == ExprKind::ListComprehension || e.kind == ExprKind::Quantifier ||
      e.kind == ExprKind::Reduce) {
    locals.push_back(e.name);
    if (!e.name2.empty()) locals.push_back(e.name2);
  }
  if (e.kind == ExprKind::CountStar ||
      (e.kind == ExprKind::FunctionCall && isAggregateName(e.name)))
    return;
  if (e.kind == ExprKind::Variable)
    throw Error(ErrorKind::SyntaxError,
                "variable '" + e.name +
                    "' is used next to an aggregation but is not a grouping key; project it "
                    "as its own column",
                e.pos, "AmbiguousAggregationExpression");
  for (const auto& c : e.children) checkAmbiguous(*c, keys, locals);
  if (e.where) checkAmbiguous(*e.where, keys, locals);
  if (e.projection) checkAmbiguous(*e.projection, keys, locals);
}

bool Binder::matchesAlias(const Expr& e, const std::vector<std::pair<const Expr*, Slot>>& aliases) {
  return std::any_of(aliases.begin(), aliases.end(),
                     [&](const auto& a) { return astEqual(*a.first, e); });
}

BoundExprPtr Binder::bindConstant(const ast::ExprPtr& e, const char* what) {
  if (!e) return nullptr;
  if (usesVariables(*e))
    semantic(e->pos,
             std::string("the ") + what + " value must be a constant, not depend on variables",
             "NonConstantExpression");
  auto b = bindExpr(*e, nullptr);
  // Literals written in the query are checked now; parameters and expressions when the
  // query runs (their values are checked by the Skip/Limit operator).
  if (e->kind == ExprKind::Literal) {
    const Value& v = b->value;
    if (v.type() == Value::Type::Float)
      throw Error(ErrorKind::SyntaxError, std::string(what) + " expects an integer, got a float",
                  e->pos, "InvalidArgumentType");
    if (v.type() == Value::Type::Int && v.asInt() < 0)
      throw Error(ErrorKind::SyntaxError, std::string(what) + " must not be negative", e->pos,
                  "NegativeIntegerArgument");
    if (v.type() != Value::Type::Int && v.type() != Value::Type::Null)
      throw Error(ErrorKind::SyntaxError, std::string(what) + " expects an integer", e->pos,
                  "InvalidArgumentType");
  }
  return b;
}

bool Binder::usesVariables(const Expr& e) {
  if (e.kind == ExprKind::Variable) return true;
  for (const auto& c : e.children) {
    if (usesVariables(*c)) return true;
  }
  return e.pattern != nullptr;
}

}  // namespace silkgraph::binding
