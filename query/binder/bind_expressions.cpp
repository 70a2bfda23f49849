// Binds expressions: variables and parameters resolved, operators, comprehensions, pattern
// expressions, map projections, and function calls looked up in the catalog (aggregates
// collected for their projection).
#include <strings.h>

#include <algorithm>

#include "common/text.h"
#include "query/binder/binder_impl.h"
#include "query/function/catalog.h"

namespace silkgraph::binding {

// Structural equality of two AST expressions (ORDER BY items that repeat a projection).
bool astEqual(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.op != b.op || a.name != b.name || a.name2 != b.name2 ||
      a.distinct != b.distinct || a.children.size() != b.children.size() || a.keys != b.keys ||
      a.labels != b.labels || a.hasSubject != b.hasSubject || a.hasElse != b.hasElse ||
      a.hasFrom != b.hasFrom || a.hasTo != b.hasTo || a.folded != b.folded)
    return false;
  if (a.kind == ExprKind::FunctionCall) {
    if (!text::equalsIgnoreAsciiCase(a.name, b.name)) return false;
  }
  if ((a.kind == ExprKind::Literal || a.folded) && !a.value.identical(b.value)) return false;
  if (static_cast<bool>(a.where) != static_cast<bool>(b.where) ||
      static_cast<bool>(a.projection) != static_cast<bool>(b.projection) || a.pattern ||
      b.pattern || !a.mapItems.empty() || !b.mapItems.empty())
    return false;
  if (a.where && !astEqual(*a.where, *b.where)) return false;
  if (a.projection && !astEqual(*a.projection, *b.projection)) return false;
  for (size_t i = 0; i < a.children.size(); ++i) {
    if (!astEqual(*a.children[i], *b.children[i])) return false;
  }
  return true;
}

bool containsAggregate(const Expr& e) {
  if (e.kind == ExprKind::CountStar) return true;
  if (e.kind == ExprKind::FunctionCall && isAggregateName(e.name)) return true;
  for (const auto& c : e.children) {
    if (containsAggregate(*c)) return true;
  }
  if (e.where && containsAggregate(*e.where)) return true;
  if (e.projection && containsAggregate(*e.projection)) return true;
  for (const auto& m : e.mapItems) {
    if (m.expr && containsAggregate(*m.expr)) return true;
  }
  return false;
}

BoundExprPtr Binder::bindExpr(const Expr& e, AggCollector* agg) {
  if (projectionAliases_) {
    for (const auto& [expr, slot] : *projectionAliases_) {
      if (astEqual(*expr, e) && e.kind != ExprKind::Literal) {
        auto b = make(BExprKind::Slot, e);
        b->slot = slot;
        return b;
      }
    }
  }
  switch (e.kind) {
    case ExprKind::Literal: {
      auto b = make(BExprKind::Literal, e);
      b->value = e.value;
      return b;
    }
    case ExprKind::Parameter: {
      auto it = params_.find(e.name);
      if (it == params_.end())
        throw Error(ErrorKind::ParameterMissing, "expected a parameter named '" + e.name + "'",
                    e.pos, "MissingParameter");
      auto b = make(BExprKind::Literal, e);
      b->value = it->second;
      return b;
    }
    case ExprKind::Variable: {
      const Var* v = lookup(e.name);
      if (!v) undefinedVariable(e.pos, e.name);
      auto b = make(BExprKind::Slot, e);
      b->slot = v->slot;
      return b;
    }
    case ExprKind::Property: {
      if (isPathVariable(*e.children[0]))
        throw Error(ErrorKind::SyntaxError,
                    "a path has no properties (read them from nodes(" + e.children[0]->name +
                        ") or relationships(" + e.children[0]->name + "))",
                    e.pos, "InvalidArgumentType");
      auto b = make(BExprKind::Property, e);
      b->name = e.name;
      b->children.push_back(bindExpr(*e.children[0], agg));
      return b;
    }
    case ExprKind::ListLiteral:
      if (e.folded) {  // a list of literals: one constant
        auto b = make(BExprKind::Literal, e);
        b->value = e.value;
        return b;
      }
      return bindOperator(e, agg);
    case ExprKind::Unary:
    case ExprKind::Binary:
    case ExprKind::Index:
    case ExprKind::Slice:
    case ExprKind::LabelCheck:
      return bindOperator(e, agg);
    case ExprKind::MapLiteral: {
      auto b = make(BExprKind::MapLiteral, e);
      b->keys = e.keys;
      for (const auto& c : e.children) b->children.push_back(bindExpr(*c, agg));
      return b;
    }
    case ExprKind::CountStar: {
      if (!agg)
        semantic(e.pos, "aggregate functions are not allowed here (count(*))",
                 "InvalidAggregation");
      BoundAggregate a;
      a.kind = AggKind::CountStar;
      a.pos = e.pos;
      return addAggregate(std::move(a), agg, e);
    }
    case ExprKind::FunctionCall:
      if (e.name.size() == 4 && strncasecmp(e.name.c_str(), "size", 4) == 0 &&
          e.children.size() == 1 && isPathVariable(*e.children[0]))
        throw Error(ErrorKind::SyntaxError,
                    "size() expects a list or a string, not a path (the number of "
                    "relationships of a path is length(" +
                        e.children[0]->name + "))",
                    e.pos, "InvalidArgumentType");
      return bindFunction(e, agg);
    case ExprKind::Case: {
      auto b = make(BExprKind::Case, e);
      b->hasSubject = e.hasSubject;
      b->hasElse = e.hasElse;
      for (const auto& c : e.children) b->children.push_back(bindExpr(*c, agg));
      return b;
    }
    case ExprKind::ListComprehension:
    case ExprKind::Quantifier:
    case ExprKind::Reduce:
      return bindComprehension(e, agg);
    case ExprKind::ExistsSubquery:
    case ExprKind::PatternPredicate:
    case ExprKind::PatternComprehension:
      return bindPatternExpr(e);
    case ExprKind::MapProjection:
      return bindMapProjection(e, agg);
  }
  semantic(e.pos, "unsupported expression", "UnsupportedExpression");
}

BoundExprPtr Binder::bindOperator(const Expr& e, AggCollector* agg) {
  static constexpr BExprKind map[] = {BExprKind::ListLiteral, BExprKind::Unary,
                                      BExprKind::Binary,      BExprKind::Index,
                                      BExprKind::Slice,       BExprKind::LabelCheck};
  BExprKind k = e.kind == ExprKind::ListLiteral ? map[0]
                : e.kind == ExprKind::Unary     ? map[1]
                : e.kind == ExprKind::Binary    ? map[2]
                : e.kind == ExprKind::Index     ? map[3]
                : e.kind == ExprKind::Slice     ? map[4]
                                                : map[5];
  auto b = make(k, e);
  b->labels = e.labels;
  b->hasFrom = e.hasFrom;
  b->hasTo = e.hasTo;
  for (const auto& c : e.children) b->children.push_back(bindExpr(*c, agg));
  if (e.op == ast::Op::And || e.op == ast::Op::Or || e.op == ast::Op::Xor || e.op == ast::Op::Not)
    checkBooleanOperands(*b);
  if (e.op == ast::Op::In) {
    const BoundExpr& rhs = *b->children[1];
    bool notList = rhs.kind == BExprKind::MapLiteral ||
                   (rhs.kind == BExprKind::Literal && !rhs.value.isNull() &&
                    rhs.value.type() != Value::Type::List);
    if (notList && e.children[1]->kind != ExprKind::Parameter)
      throw Error(ErrorKind::SyntaxError, "IN expects a list on its right", rhs.pos,
                  "InvalidArgumentType");
  }
  return b;
}

BoundExprPtr Binder::bindComprehension(const Expr& e, AggCollector* agg) {
  if (e.kind == ExprKind::Reduce) {
    auto b = make(BExprKind::Reduce, e);
    b->children.push_back(bindExpr(*e.children[0], agg));  // init
    b->children.push_back(bindExpr(*e.children[1], agg));  // list
    size_t mark = scope_.size();
    b->slot = declare(e.name, VarKind::Any);
    b->slot2 = declare(e.name2, VarKind::Any);
    b->children.push_back(bindExpr(*e.children[2], nullptr));
    scope_.resize(mark);
    return b;
  }
  auto b = make(
      e.kind == ExprKind::Quantifier ? BExprKind::Quantifier : BExprKind::ListComprehension, e);
  b->children.push_back(bindExpr(*e.children[0], agg));
  size_t mark = scope_.size();
  b->slot = declare(e.name, VarKind::Any);
  if (e.where) b->where = bindExpr(*e.where, nullptr);
  if (e.projection) {
    if (containsAggregate(*e.projection))
      throw Error(ErrorKind::SyntaxError,
                  "aggregate functions are not allowed inside a list comprehension",
                  e.projection->pos, "InvalidAggregation");
    b->projection = bindExpr(*e.projection, agg);
  }
  scope_.resize(mark);
  return b;
}

BoundExprPtr Binder::bindPatternExpr(const Expr& e) {
  bool comprehension = e.kind == ExprKind::PatternComprehension;
  auto b = make(comprehension ? BExprKind::PatternComprehension : BExprKind::PatternExists, e);
  size_t mark = scope_.size();
  if (!comprehension && e.kind == ExprKind::PatternPredicate) {
    // A pattern predicate may not introduce new named variables.
    for (const auto& part : e.pattern->parts) {
      for (const auto& n : part.nodes) {
        if (!n.var.empty() && !lookup(n.var))
          semantic(n.pos, "variable '" + n.var + "' is not defined", "UndefinedVariable");
      }
      for (const auto& r : part.rels) {
        if (!r.var.empty() && !lookup(r.var))
          semantic(r.pos, "variable '" + r.var + "' is not defined", "UndefinedVariable");
      }
    }
  }
  b->pattern = std::make_unique<BoundPattern>(bindPattern(*e.pattern, PatternUse::Expression));
  if (e.where) b->where = bindExpr(*e.where, nullptr);
  if (e.projection) b->projection = bindExpr(*e.projection, nullptr);
  scope_.resize(mark);
  return b;
}

BoundExprPtr Binder::bindMapProjection(const Expr& e, AggCollector* agg) {
  auto b = make(BExprKind::MapProjection, e);
  const Var* v = lookup(e.name);
  if (!v) semantic(e.pos, "variable '" + e.name + "' is not defined", "UndefinedVariable");
  b->slot = v->slot;
  for (const auto& item : e.mapItems) {
    BoundMapProjItem bi;
    bi.kind = item.kind;
    bi.key = item.key;
    if (item.kind == ast::MapProjectionItem::Kind::Literal) {
      bi.expr = bindExpr(*item.expr, agg);
    } else if (item.kind == ast::MapProjectionItem::Kind::Variable) {
      const Var* iv = lookup(item.key);
      if (!iv) semantic(e.pos, "variable '" + item.key + "' is not defined", "UndefinedVariable");
      bi.expr = std::make_unique<BoundExpr>(BExprKind::Slot, e.pos);
      bi.expr->slot = iv->slot;
    }
    b->mapItems.push_back(std::move(bi));
  }
  return b;
}

// A variable bound to a named path (p = ...): known to be a path when the query is bound.
bool Binder::isPathVariable(const Expr& e) const {
  if (e.kind != ExprKind::Variable) return false;
  const Var* v = lookup(e.name);
  return v && v->kind == VarKind::Path;
}

// A literal operand of a boolean operator must be a boolean or null: caught before running.
void Binder::checkBooleanOperands(const BoundExpr& b) {
  for (const auto& c : b.children) {
    bool literal = c->kind == BExprKind::Literal || c->kind == BExprKind::ListLiteral ||
                   c->kind == BExprKind::MapLiteral;
    if (!literal) continue;
    if (c->kind == BExprKind::Literal &&
        (c->value.isNull() || c->value.type() == Value::Type::Bool))
      continue;
    throw Error(ErrorKind::SyntaxError, "boolean operators expect Boolean operands", c->pos,
                "InvalidArgumentType");
  }
}

BoundExprPtr Binder::addAggregate(BoundAggregate a, AggCollector* agg, const Expr& e) {
  a.slot = newSlot(e.name.empty() ? "count(*)" : e.name);
  auto b = make(BExprKind::AggregateRef, e);
  b->slot = a.slot;
  agg->out->push_back(std::move(a));
  return b;
}

BoundExprPtr Binder::bindFunction(const Expr& e, AggCollector* agg) {
  if (const AggregateDef* def = findAggregate(e.name)) {
    if (!agg)
      semantic(e.pos, "aggregate function '" + e.name + "' is not allowed here",
               "InvalidAggregation");
    for (const auto& c : e.children) {
      if (containsAggregate(*c))
        semantic(c->pos, "aggregate functions cannot be nested", "NestedAggregation");
    }
    BoundAggregate a;
    a.pos = e.pos;
    a.distinct = e.distinct;
    a.kind = def->kind;
    size_t want = def->args;
    if (e.children.size() != want)
      semantic(e.pos, "function '" + e.name + "' expects " + std::to_string(want) + " argument(s)",
               "InvalidNumberOfArguments");
    if (callsRand(*e.children[0]))
      throw Error(ErrorKind::SyntaxError, "cannot aggregate over a non-deterministic expression",
                  e.children[0]->pos, "NonConstantExpression");
    a.arg = bindExpr(*e.children[0], nullptr);
    if (want == 2) a.arg2 = bindExpr(*e.children[1], nullptr);
    return addAggregate(std::move(a), agg, e);
  }
  const FunctionDef* f = findFunction(e.name);
  if (!f) {
    std::string hint = text::closest(e.name, functionNames());
    semantic(
        e.pos,
        "unknown function '" + e.name + "'" + (hint.empty() ? "" : " (did you mean " + hint + "?)"),
        "UnknownFunction");
  }
  int n = static_cast<int>(e.children.size());
  if (n < f->minArgs || (f->maxArgs >= 0 && n > f->maxArgs))
    semantic(e.pos,
             std::string("function '") + f->name + "' does not take " + std::to_string(n) +
                 " argument(s)",
             "InvalidNumberOfArguments");
  if (e.distinct)
    semantic(e.pos, "DISTINCT is only allowed in aggregate functions", "InvalidArgumentType");
  auto b = make(BExprKind::Function, e);
  b->function = f;
  b->name = f->name;
  for (const auto& c : e.children) b->children.push_back(bindExpr(*c, agg));
  return b;
}

bool Binder::callsRand(const Expr& e) {
  if (e.kind == ExprKind::FunctionCall && e.children.empty()) {
    if (text::equalsIgnoreAsciiCase(e.name, "rand")) return true;
  }
  return std::any_of(e.children.begin(), e.children.end(),
                     [](const ast::ExprPtr& c) { return callsRand(*c); });
}

}  // namespace silkgraph::binding
