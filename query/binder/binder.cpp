// Implements the binder (query/binder/binder.h): scopes, slots and every semantic check.
#include "query/binder/binder.h"

#include <strings.h>

#include <algorithm>
#include <set>
#include <string>
#include <unordered_set>

#include "query/binder/suggest.h"
#include "query/function/catalog.h"

namespace silkgraph {
namespace {

using ast::Expr;
using ast::ExprKind;

[[noreturn]] void semantic(SourcePos pos, const std::string& msg, const std::string& detail) {
  throw Error(ErrorKind::SemanticError, msg, pos, detail);
}

const char* kindName(VarKind k) {
  switch (k) {
    case VarKind::Node:
      return "a node";
    case VarKind::Rel:
      return "a relationship";
    case VarKind::RelList:
      return "a list of relationships";
    case VarKind::Path:
      return "a path";
    case VarKind::Scalar:
      return "a value that is not a graph element";
    case VarKind::Any:
      return "a value";
  }
  return "a value";
}

// Structural equality of two AST expressions (ORDER BY items that repeat a projection).
bool astEqual(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.op != b.op || a.name != b.name || a.name2 != b.name2 ||
      a.distinct != b.distinct || a.children.size() != b.children.size() || a.keys != b.keys ||
      a.labels != b.labels || a.hasSubject != b.hasSubject || a.hasElse != b.hasElse ||
      a.hasFrom != b.hasFrom || a.hasTo != b.hasTo)
    return false;
  if (a.kind == ExprKind::FunctionCall) {
    std::string x = a.name, y = b.name;
    std::transform(x.begin(), x.end(), x.begin(), ::tolower);
    std::transform(y.begin(), y.end(), y.begin(), ::tolower);
    if (x != y) return false;
  }
  if (a.kind == ExprKind::Literal && !a.value.identical(b.value)) return false;
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

class Binder {
 public:
  explicit Binder(const Params& params) : params_(params) {}

  BoundStatement bind(const ast::Statement& st) {
    BoundStatement out;
    out.explain = st.explain;
    out.profile = st.profile;
    out.unionAll = st.unionAll;
    bool hasAll = false, hasDistinct = false;
    for (bool all : st.unionAll) (all ? hasAll : hasDistinct) = true;
    if (hasAll && hasDistinct)
      semantic(st.queries[1].clauses.empty() ? SourcePos{} : st.queries[1].clauses[0].pos,
               "UNION and UNION ALL cannot be mixed", "InvalidClauseComposition");
    for (size_t i = 0; i < st.queries.size(); ++i) {
      scope_.clear();
      out.queries.push_back(bindSingle(st.queries[i], i + 1 == st.queries.size()));
      if (i > 0 && out.queries[i].columns != out.queries[0].columns)
        semantic(st.queries[i].clauses.empty() ? SourcePos{} : st.queries[i].clauses[0].pos,
                 "all parts of a UNION must return the same column names",
                 "DifferentColumnsInUnion");
    }
    out.slotCount = static_cast<uint32_t>(slotNames_.size());
    out.slotNames = std::move(slotNames_);
    return out;
  }

 private:
  struct Var {
    std::string name;
    Slot slot;
    VarKind kind;
  };

  // Aggregates found while binding one projection item.
  struct AggCollector {
    std::vector<BoundAggregate>* out = nullptr;
  };

  const Params& params_;
  std::vector<Var> scope_;
  // Predicates that patterns add to their MATCH (a bound variable-length list).
  std::vector<BoundExprPtr> extraConjuncts_;  // in order of introduction (RETURN * lists them)
  std::vector<std::string> slotNames_;
  // Projection items of the clause being bound, for ORDER BY expressions that repeat them.
  const std::vector<std::pair<const Expr*, Slot>>* projectionAliases_ = nullptr;

  [[noreturn]] void undefinedVariable(SourcePos pos, const std::string& name) const {
    std::vector<std::string_view> names;
    for (const auto& v : scope_) names.push_back(v.name);
    std::string hint = closest(name, names);
    std::string inScope;
    for (const auto& v : scope_) inScope += (inScope.empty() ? "" : ", ") + v.name;
    semantic(pos,
             "variable '" + name + "' is not defined" +
                 (hint.empty() ? "" : " (did you mean " + hint + "?)") +
                 (inScope.empty() ? "" : "; in scope: " + inScope),
             "UndefinedVariable");
  }

  Slot newSlot(const std::string& name) {
    slotNames_.push_back(name);
    return static_cast<Slot>(slotNames_.size() - 1);
  }

  const Var* lookup(const std::string& name) const {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
      if (it->name == name) return &*it;
    }
    return nullptr;
  }

  Slot declare(const std::string& name, VarKind kind) {
    Slot s = newSlot(name.empty() ? "  anon" : name);
    if (!name.empty()) scope_.push_back({name, s, kind});
    return s;
  }

  static bool isUpdating(ast::ClauseKind k) {
    using K = ast::ClauseKind;
    return k == K::Create || k == K::Merge || k == K::Set || k == K::Remove || k == K::Delete;
  }

  BoundSingleQuery bindSingle(const ast::SingleQuery& q, bool /*last*/) {
    BoundSingleQuery out;
    const auto& clauses = q.clauses;
    if (clauses.empty()) semantic({}, "empty query", "InvalidClauseComposition");
    for (size_t i = 0; i < clauses.size(); ++i) {
      const auto& c = clauses[i];
      bool isLast = i + 1 == clauses.size();
      if (c.kind == ast::ClauseKind::Return && !isLast)
        semantic(clauses[i + 1].pos, "RETURN can only be used at the end of the query",
                 "InvalidClauseComposition");
      if (isLast && c.kind != ast::ClauseKind::Return && !isUpdating(c.kind))
        semantic(c.pos,
                 "a query cannot conclude with " + clauseName(c.kind) +
                     " (it must be a RETURN clause or an update clause)",
                 "InvalidClauseComposition");
      if (c.kind == ast::ClauseKind::Match && !c.optional && i > 0 &&
          clauses[i - 1].kind == ast::ClauseKind::Match && clauses[i - 1].optional) {
        // Allowed in openCypher: MATCH after OPTIONAL MATCH.
      }
      if (isUpdating(c.kind)) out.updates = true;
      out.clauses.push_back(bindClause(c));
      if (c.kind == ast::ClauseKind::Return) {
        for (const auto& item : out.clauses.back().projection.items) {
          out.columns.push_back(item.column);
          out.columnSlots.push_back(item.slot);
        }
      }
    }
    return out;
  }

  static std::string clauseName(ast::ClauseKind k) {
    switch (k) {
      case ast::ClauseKind::Match:
        return "MATCH";
      case ast::ClauseKind::Unwind:
        return "UNWIND";
      case ast::ClauseKind::With:
        return "WITH";
      case ast::ClauseKind::Return:
        return "RETURN";
      case ast::ClauseKind::Create:
        return "CREATE";
      case ast::ClauseKind::Merge:
        return "MERGE";
      case ast::ClauseKind::Set:
        return "SET";
      case ast::ClauseKind::Remove:
        return "REMOVE";
      case ast::ClauseKind::Delete:
        return "DELETE";
    }
    return "?";
  }

  BoundClause bindClause(const ast::Clause& c) {
    BoundClause out(c.kind, c.pos);
    out.optional = c.optional;
    switch (c.kind) {
      case ast::ClauseKind::Match: {
        size_t before = scope_.size();
        out.pattern = bindPattern(c.pattern, PatternUse::Match);
        for (size_t i = before; i < scope_.size(); ++i) out.newSlots.push_back(scope_[i].slot);
        collectAnonSlots(out.pattern, out.newSlots);
        if (c.where) splitConjuncts(bindExpr(*c.where, nullptr), out.whereConjuncts);
        for (auto& e : extraConjuncts_) out.whereConjuncts.push_back(std::move(e));
        extraConjuncts_.clear();
        break;
      }
      case ast::ClauseKind::Unwind: {
        out.expr = bindExpr(*c.expr, nullptr);
        if (lookup(c.alias))
          semantic(c.pos, "variable '" + c.alias + "' is already declared", "VariableAlreadyBound");
        out.slot = declare(c.alias, VarKind::Any);
        break;
      }
      case ast::ClauseKind::With:
      case ast::ClauseKind::Return:
        out.projection = bindProjection(c.projection, c.kind == ast::ClauseKind::Return, c.pos);
        break;
      case ast::ClauseKind::Create:
        out.pattern = bindPattern(c.pattern, PatternUse::Create);
        break;
      case ast::ClauseKind::Merge: {
        size_t before = scope_.size();
        out.pattern = bindPattern(c.pattern, PatternUse::Merge);
        for (size_t i = before; i < scope_.size(); ++i) out.newSlots.push_back(scope_[i].slot);
        collectAnonSlots(out.pattern, out.newSlots);
        for (const auto& s : c.onCreate) out.onCreate.push_back(bindSetItem(s));
        for (const auto& s : c.onMatch) out.onMatch.push_back(bindSetItem(s));
        break;
      }
      case ast::ClauseKind::Set:
        for (const auto& s : c.setItems) out.setItems.push_back(bindSetItem(s));
        break;
      case ast::ClauseKind::Remove:
        for (const auto& r : c.removeItems) {
          BoundRemoveItem item;
          item.kind = r.kind;
          item.pos = r.pos;
          item.labels = r.labels;
          if (r.kind == ast::RemoveItem::Kind::Property) {
            item.target = bindExpr(*r.target->children[0], nullptr);
            item.key = r.target->name;
          } else {
            item.target = bindExpr(*r.target, nullptr);
          }
          out.removeItems.push_back(std::move(item));
        }
        break;
      case ast::ClauseKind::Delete:
        out.detach = c.detach;
        for (const auto& e : c.deleteExprs) {
          if (e->kind == ExprKind::LabelCheck)
            semantic(e->pos, "DELETE expects a node, relationship or path, not a label predicate",
                     "InvalidDelete");
          auto b = bindExpr(*e, nullptr);
          if (b->kind == BExprKind::Literal && !b->value.isNull())
            semantic(e->pos, "DELETE expects a node, relationship or path", "InvalidArgumentType");
          out.deleteExprs.push_back(std::move(b));
        }
        break;
    }
    return out;
  }

  static void collectAnonSlots(const BoundPattern& p, std::vector<Slot>& out) {
    for (const auto& part : p.parts) {
      for (const auto& n : part.nodes) {
        if (!n.alreadyBound && std::find(out.begin(), out.end(), n.slot) == out.end())
          out.push_back(n.slot);
      }
      for (const auto& r : part.rels) {
        if (!r.alreadyBound && std::find(out.begin(), out.end(), r.slot) == out.end())
          out.push_back(r.slot);
      }
      if (part.pathSlot != kNoSlot && std::find(out.begin(), out.end(), part.pathSlot) == out.end())
        out.push_back(part.pathSlot);
    }
  }

  BoundSetItem bindSetItem(const ast::SetItem& s) {
    BoundSetItem item;
    item.kind = s.kind;
    item.pos = s.pos;
    item.labels = s.labels;
    if (s.kind == ast::SetItem::Kind::Property) {
      item.target = bindExpr(*s.target->children[0], nullptr);
      item.key = s.target->name;
    } else {
      item.target = bindExpr(*s.target, nullptr);
    }
    if (s.value) item.value = bindExpr(*s.value, nullptr);
    return item;
  }

  static void splitConjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out) {
    if (e->kind == BExprKind::Binary && e->op == ast::Op::And) {
      splitConjuncts(std::move(e->children[0]), out);
      splitConjuncts(std::move(e->children[1]), out);
      return;
    }
    out.push_back(std::move(e));
  }

  // ---- patterns ----
  enum class PatternUse { Match, Create, Merge, Expression };

  BoundPattern bindPattern(const ast::Pattern& p, PatternUse use) {
    BoundPattern out;
    for (const auto& part : p.parts) out.parts.push_back(bindPart(part, use));
    return out;
  }

  std::vector<std::pair<std::string, BoundExprPtr>> bindProps(const ast::ExprPtr& props) {
    std::vector<std::pair<std::string, BoundExprPtr>> out;
    if (!props) return out;
    if (props->kind == ExprKind::MapLiteral) {
      for (size_t i = 0; i < props->keys.size(); ++i)
        out.emplace_back(props->keys[i], bindExpr(*props->children[i], nullptr));
    } else {
      // A parameter map: expand its entries into literals.
      auto b = bindExpr(*props, nullptr);
      if (b->kind != BExprKind::Literal || b->value.type() != Value::Type::Map)
        semantic(props->pos, "pattern properties must be a map", "InvalidArgumentType");
      for (const auto& [k, v] : b->value.asMap()) {
        auto lit = std::make_unique<BoundExpr>(BExprKind::Literal, props->pos);
        lit->value = v;
        out.emplace_back(k, std::move(lit));
      }
    }
    return out;
  }

  BoundPatternPart bindPart(const ast::PatternPart& part, PatternUse use) {
    BoundPatternPart out;
    out.kind = part.kind;
    out.pos = part.pos;
    bool creating = use == PatternUse::Create || use == PatternUse::Merge;
    if (creating && part.kind != ast::PatternPart::Kind::Normal)
      semantic(part.pos, "shortestPath cannot be used to create", "InvalidClauseComposition");
    if (part.kind != ast::PatternPart::Kind::Normal) {
      if (part.rels.size() != 1)
        semantic(part.pos, "shortestPath needs a pattern with exactly one relationship",
                 "InvalidShortestPath");
    }
    for (size_t i = 0; i < part.nodes.size(); ++i) {
      const auto& np = part.nodes[i];
      BoundNodePattern bn;
      bn.pos = np.pos;
      bn.labels = np.labels;
      if (!np.var.empty()) {
        if (const Var* v = lookup(np.var)) {
          if (v->kind != VarKind::Node && v->kind != VarKind::Any)
            semantic(np.pos, "variable '" + np.var + "' is " + kindName(v->kind) + ", not a node",
                     "VariableTypeConflict");
          bool declaredHere =
              std::any_of(out.nodes.begin(), out.nodes.end(),
                          [&](const BoundNodePattern& n) { return n.slot == v->slot; });
          if (creating && (!np.labels.empty() || np.properties) &&
              (!declaredHere || use == PatternUse::Merge))
            semantic(np.pos, "variable '" + np.var + "' is already declared",
                     "VariableAlreadyBound");
          if (creating && part.nodes.size() == 1)
            semantic(np.pos, "variable '" + np.var + "' is already declared",
                     "VariableAlreadyBound");
          bn.slot = v->slot;
          bn.alreadyBound = true;
        } else {
          bn.slot = declare(np.var, VarKind::Node);
        }
      } else {
        bn.slot = declare("", VarKind::Node);
      }
      bn.properties = bindProps(np.properties);
      out.nodes.push_back(std::move(bn));
      if (i < part.rels.size()) {
        const auto& rp = part.rels[i];
        BoundRelPattern br;
        br.pos = rp.pos;
        br.types = rp.types;
        br.direction = rp.direction;
        br.varLength = rp.varLength;
        br.minHops = rp.varLength ? rp.minHops : 1;
        br.maxHops = rp.varLength ? rp.maxHops : 1;
        if (creating) {
          if (rp.types.size() != 1)
            semantic(rp.pos, "a relationship to create needs exactly one type",
                     rp.types.empty() ? "NoSingleRelationshipType" : "NoSingleRelationshipType");
          if (rp.direction == ast::RelDirection::Both && use == PatternUse::Create)
            semantic(rp.pos, "only directed relationships can be created",
                     "RequiresDirectedRelationship");
          if (rp.varLength)
            semantic(rp.pos, "variable length relationships cannot be created",
                     "CreatingVarLength");
        }
        VarKind kind = rp.varLength ? VarKind::RelList : VarKind::Rel;
        if (!rp.var.empty()) {
          if (const Var* v = lookup(rp.var)) {
            if (creating)
              semantic(rp.pos, "variable '" + rp.var + "' is already declared",
                       "VariableAlreadyBound");
            if (v->kind != kind && v->kind != VarKind::Any)
              semantic(
                  rp.pos,
                  "variable '" + rp.var + "' is " + kindName(v->kind) + ", not " + kindName(kind),
                  "VariableTypeConflict");
            if (rp.varLength) {
              // A bound list of relationships: match any path, then keep the one equal to it.
              br.slot = declare("", kind);
              auto fresh = std::make_unique<BoundExpr>(BExprKind::Slot, rp.pos);
              fresh->slot = br.slot;
              auto old = std::make_unique<BoundExpr>(BExprKind::Slot, rp.pos);
              old->slot = v->slot;
              auto eq = std::make_unique<BoundExpr>(BExprKind::Binary, rp.pos);
              eq->op = ast::Op::Eq;
              eq->children.push_back(std::move(fresh));
              eq->children.push_back(std::move(old));
              extraConjuncts_.push_back(std::move(eq));
              br.properties = bindProps(rp.properties);
              out.rels.push_back(std::move(br));
              continue;
            }
            bool sameClause = false;
            for (const auto& r : out.rels) sameClause |= r.slot == v->slot;
            if (sameClause)
              semantic(rp.pos,
                       "relationship variable '" + rp.var + "' is used twice in one pattern",
                       "RelationshipUniquenessViolation");
            br.slot = v->slot;
            br.alreadyBound = true;
          } else {
            br.slot = declare(rp.var, kind);
          }
        } else {
          br.slot = declare("", kind);
        }
        br.properties = bindProps(rp.properties);
        if (rp.varLength && !br.properties.empty() && creating)
          semantic(rp.pos, "variable length relationships cannot be created", "CreatingVarLength");
        out.rels.push_back(std::move(br));
      }
    }
    if (!part.pathVar.empty()) {
      if (lookup(part.pathVar))
        semantic(part.pos, "variable '" + part.pathVar + "' is already declared",
                 "VariableAlreadyBound");
      out.pathSlot = declare(part.pathVar, VarKind::Path);
    }
    return out;
  }

  // ---- projections ----
  BoundProjection bindProjection(const ast::Projection& p, bool isReturn, SourcePos pos) {
    BoundProjection out;
    out.isReturn = isReturn;
    out.distinct = p.distinct;
    struct Item {
      const Expr* expr;  // nullptr for * items
      std::string column;
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
      std::sort(vars.begin(), vars.end(),
                [](const Var& a, const Var& b) { return a.name < b.name; });
      for (const auto& v : vars) items.push_back({nullptr, v.name, v.slot, v.kind});
    }
    for (const auto& it : p.items) {
      std::string column = it.alias.empty() ? it.text : it.alias;
      if (!isReturn && it.alias.empty() && it.expr->kind != ExprKind::Variable)
        semantic(it.expr->pos, "expression in WITH must be aliased (use AS)", "NoExpressionAlias");
      items.push_back({it.expr.get(), column, kNoSlot, VarKind::Any});
    }
    for (size_t i = 0; i < items.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (items[i].column == items[j].column)
          semantic(items[i].expr ? items[i].expr->pos : pos,
                   "multiple result columns with the same name '" + items[i].column + "'",
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
          std::vector<std::string> keyNames;  // grouping keys by their column name
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
        semantic(p.where->pos, "aggregate functions are not allowed in WHERE",
                 "InvalidAggregation");
      out.where = bindExpr(*p.where, nullptr);
    }
    scope_ = outScope;
    return out;
  }

  // A variable bound to a named path (p = ...): known to be a path when the query is bound.
  bool isPathVariable(const Expr& e) const {
    if (e.kind != ExprKind::Variable) return false;
    const Var* v = lookup(e.name);
    return v && v->kind == VarKind::Path;
  }

  // What a projected expression can hold, for checks on later patterns.
  VarKind inferKind(const Expr& e) const {
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
  static bool aggregatesCovered(const Expr& e,
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
  static void checkAmbiguous(const Expr& e, const std::vector<const Expr*>& keys,
                             std::vector<std::string> locals = {}) {
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

  static bool callsRand(const Expr& e) {
    if (e.kind == ExprKind::FunctionCall && e.children.empty()) {
      std::string n = e.name;
      std::transform(n.begin(), n.end(), n.begin(), ::tolower);
      if (n == "rand") return true;
    }
    return std::any_of(e.children.begin(), e.children.end(),
                       [](const ast::ExprPtr& c) { return callsRand(*c); });
  }

  static bool matchesAlias(const Expr& e,
                           const std::vector<std::pair<const Expr*, Slot>>& aliases) {
    return std::any_of(aliases.begin(), aliases.end(),
                       [&](const auto& a) { return astEqual(*a.first, e); });
  }

  BoundExprPtr bindConstant(const ast::ExprPtr& e, const char* what) {
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

  static bool usesVariables(const Expr& e) {
    if (e.kind == ExprKind::Variable) return true;
    for (const auto& c : e.children) {
      if (usesVariables(*c)) return true;
    }
    return e.pattern != nullptr;
  }

  // ---- expressions ----
  BoundExprPtr make(BExprKind k, const Expr& e) {
    auto b = std::make_unique<BoundExpr>(k, e.pos);
    b->op = e.op;
    return b;
  }

  BoundExprPtr bindExpr(const Expr& e, AggCollector* agg) {
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
      case ExprKind::Unary:
      case ExprKind::Binary:
      case ExprKind::Index:
      case ExprKind::Slice:
      case ExprKind::LabelCheck: {
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
        if (e.op == ast::Op::And || e.op == ast::Op::Or || e.op == ast::Op::Xor ||
            e.op == ast::Op::Not)
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
      case ExprKind::Quantifier: {
        auto b = make(
            e.kind == ExprKind::Quantifier ? BExprKind::Quantifier : BExprKind::ListComprehension,
            e);
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
      case ExprKind::Reduce: {
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
      case ExprKind::ExistsSubquery:
      case ExprKind::PatternPredicate:
      case ExprKind::PatternComprehension: {
        bool comprehension = e.kind == ExprKind::PatternComprehension;
        auto b =
            make(comprehension ? BExprKind::PatternComprehension : BExprKind::PatternExists, e);
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
        b->pattern =
            std::make_unique<BoundPattern>(bindPattern(*e.pattern, PatternUse::Expression));
        if (e.where) b->where = bindExpr(*e.where, nullptr);
        if (e.projection) b->projection = bindExpr(*e.projection, nullptr);
        scope_.resize(mark);
        return b;
      }
      case ExprKind::MapProjection: {
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
            if (!iv)
              semantic(e.pos, "variable '" + item.key + "' is not defined", "UndefinedVariable");
            bi.expr = std::make_unique<BoundExpr>(BExprKind::Slot, e.pos);
            bi.expr->slot = iv->slot;
          }
          b->mapItems.push_back(std::move(bi));
        }
        return b;
      }
    }
    semantic(e.pos, "unsupported expression", "UnsupportedExpression");
  }

  // A literal operand of a boolean operator must be a boolean or null: caught before running.
  static void checkBooleanOperands(const BoundExpr& b) {
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

  BoundExprPtr addAggregate(BoundAggregate a, AggCollector* agg, const Expr& e) {
    a.slot = newSlot(e.name.empty() ? "count(*)" : e.name);
    auto b = make(BExprKind::AggregateRef, e);
    b->slot = a.slot;
    agg->out->push_back(std::move(a));
    return b;
  }

  BoundExprPtr bindFunction(const Expr& e, AggCollector* agg) {
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
        semantic(e.pos,
                 "function '" + e.name + "' expects " + std::to_string(want) + " argument(s)",
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
      std::string hint = closest(e.name, functionNames());
      semantic(e.pos,
               "unknown function '" + e.name + "'" +
                   (hint.empty() ? "" : " (did you mean " + hint + "?)"),
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
};

}  // namespace

BoundStatement bindStatement(const ast::Statement& statement, const Params& params) {
  Binder b(params);
  return b.bind(statement);
}

}  // namespace silkgraph
