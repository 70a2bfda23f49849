// The Binder's state and steps, shared by the files that implement them: binder.cpp (the
// statement, its single queries and the scope), bind_clauses.cpp, bind_patterns.cpp,
// bind_projection.cpp (WITH / RETURN, ORDER BY, SKIP / LIMIT), bind_call.cpp (CALL ... YIELD)
// and bind_expressions.cpp (expressions and function calls). Only those files include it; the rest
// of the engine calls bindStatement() (query/binder/binder.h).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/schema.h"
#include "query/binder/bound.h"
#include "query/parser/ast.h"
#include "query/query_result.h"

namespace silkgraph::binding {

using ast::Expr;
using ast::ExprKind;

[[noreturn]] inline void semantic(SourcePos pos, const std::string& msg,
                                  const std::string& detail) {
  throw Error(ErrorKind::SemanticError, msg, pos, detail);
}

// Structural equality of two AST expressions (ORDER BY items that repeat a projection).
bool astEqual(const Expr& a, const Expr& b);
// Whether e calls an aggregate function (count(*) included) outside a nested query.
bool containsAggregate(const Expr& e);

class Binder {
 public:
  Binder(const Params& params, const ProcedureRegistry* procedures, const Schema* schema)
      : params_(params), procedures_(procedures), schema_(schema) {}

  BoundStatement bind(const ast::Statement& st);

 private:
  struct Var {
    SharedString name;  // a column's name may be its expression's whole text: shared
    Slot slot;
    VarKind kind;
  };

  // Aggregates found while binding one projection item.
  struct AggCollector {
    std::vector<BoundAggregate>* out = nullptr;
  };

  enum class PatternUse { Match, Create, Merge, Expression };

  const Params& params_;
  const ProcedureRegistry* procedures_;
  const Schema* schema_;  // nullable: no symmetric types
  std::vector<Var> scope_;
  // Predicates that patterns add to their MATCH (a bound variable-length list).
  std::vector<BoundExprPtr> extraConjuncts_;  // in order of introduction (RETURN * lists them)
  std::vector<SharedString> slotNames_;
  // Projection items of the clause being bound, for ORDER BY expressions that repeat them.
  const std::vector<std::pair<const Expr*, Slot>>* projectionAliases_ = nullptr;

  // ---- statement and scope (binder.cpp) ----
  BoundSingleQuery bindSingle(const ast::SingleQuery& q, bool /*last*/);
  static std::string clauseName(ast::ClauseKind k);
  static bool isUpdating(ast::ClauseKind k) {
    using K = ast::ClauseKind;
    return k == K::Create || k == K::Merge || k == K::Set || k == K::Remove || k == K::Delete;
  }

  [[noreturn]] void undefinedVariable(SourcePos pos, const std::string& name) const;

  Slot newSlot(SharedString name) {
    slotNames_.push_back(std::move(name));
    return static_cast<Slot>(slotNames_.size() - 1);
  }

  const Var* lookup(const std::string& name) const {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
      if (it->name == name) return &*it;
    }
    return nullptr;
  }

  Slot declare(const std::string& name, VarKind kind) {
    if (name.empty()) return newSlot("  anon");
    SharedString shared(name);
    Slot s = newSlot(shared);
    scope_.push_back({std::move(shared), s, kind});
    return s;
  }

  // ---- clauses (bind_clauses.cpp) ----
  BoundClause bindClause(const ast::Clause& c);
  static void collectAnonSlots(const BoundPattern& p, std::vector<Slot>& out);
  BoundSetItem bindSetItem(const ast::SetItem& s);
  static void splitConjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out);

  // ---- CALL (bind_call.cpp) ----
  // standalone: the query is this one clause, so arguments may come from parameters of the
  // same names, YIELD * is allowed, and without YIELD every output column is yielded.
  void bindCall(const ast::Clause& c, BoundClause& out, bool standalone);
  const ProcedureDef& findProcedure(const ast::Clause& c) const;
  void bindCallArgs(const ast::Clause& c, BoundClause& out, bool standalone);
  void bindYields(const ast::Clause& c, BoundClause& out, bool standalone);

  // ---- patterns (bind_patterns.cpp) ----
  BoundPattern bindPattern(const ast::Pattern& p, PatternUse use);
  std::vector<std::pair<std::string, BoundExprPtr>> bindProps(const ast::ExprPtr& props);
  BoundPatternPart bindPart(const ast::PatternPart& part, PatternUse use);

  // ---- projections (bind_projection.cpp) ----
  BoundProjection bindProjection(const ast::Projection& p, bool isReturn, SourcePos pos);
  // What a projected expression can hold, for checks on later patterns.
  VarKind inferKind(const Expr& e) const;
  // True when every aggregate call in e is one that the projection computes.
  static bool aggregatesCovered(const Expr& e,
                                const std::vector<std::pair<const Expr*, Slot>>& aliases);
  // In an item that aggregates, what lies outside the aggregate calls may only use grouping keys.
  static void checkAmbiguous(const Expr& e, const std::vector<const Expr*>& keys,
                             std::vector<SharedString> locals = {});
  static bool matchesAlias(const Expr& e, const std::vector<std::pair<const Expr*, Slot>>& aliases);
  BoundExprPtr bindConstant(const ast::ExprPtr& e, const char* what);
  static bool usesVariables(const Expr& e);

  // ---- expressions (bind_expressions.cpp) ----
  BoundExprPtr make(BExprKind k, const Expr& e) {
    auto b = std::make_unique<BoundExpr>(k, e.pos);
    b->op = e.op;
    return b;
  }
  BoundExprPtr bindExpr(const Expr& e, AggCollector* agg);
  BoundExprPtr bindOperator(const Expr& e, AggCollector* agg);
  BoundExprPtr bindComprehension(const Expr& e, AggCollector* agg);
  BoundExprPtr bindPatternExpr(const Expr& e);
  BoundExprPtr bindMapProjection(const Expr& e, AggCollector* agg);
  // A variable bound to a named path (p = ...): known to be a path when the query is bound.
  bool isPathVariable(const Expr& e) const;
  // A literal operand of a boolean operator must be a boolean or null: caught before running.
  static void checkBooleanOperands(const BoundExpr& b);
  BoundExprPtr addAggregate(BoundAggregate a, AggCollector* agg, const Expr& e);
  BoundExprPtr bindFunction(const Expr& e, AggCollector* agg);
  static bool callsRand(const Expr& e);
};

}  // namespace silkgraph::binding
