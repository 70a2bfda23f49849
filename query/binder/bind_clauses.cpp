// Binds each clause (MATCH, UNWIND, LOAD CSV, WITH / RETURN, CREATE, MERGE, SET, REMOVE, DELETE)
// into a BoundClause, with the checks particular to each.
#include <algorithm>

#include "query/binder/binder_impl.h"

namespace silkgraph::binding {

BoundClause Binder::bindClause(const ast::Clause& c) {
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
    case ast::ClauseKind::LoadCsv: {
      out.expr = bindExpr(*c.expr, nullptr);
      const std::string& t = c.fieldTerminator;
      if (t.size() != 1 || static_cast<unsigned char>(t[0]) >= 0x80 || t[0] == '"' ||
          t[0] == '\r' || t[0] == '\n')
        semantic(c.fieldTerminatorPos,
                 "FIELDTERMINATOR must be one ASCII character other than '\"' and a line break, "
                 "such as ';' or '\\t'",
                 "InvalidArgumentValue");
      out.withHeaders = c.withHeaders;
      out.fieldTerminator = t[0];
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
    case ast::ClauseKind::Call:
      bindCall(c, out, false);  // bindSingle binds a standalone CALL itself
      break;
  }
  return out;
}

void Binder::collectAnonSlots(const BoundPattern& p, std::vector<Slot>& out) {
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

BoundSetItem Binder::bindSetItem(const ast::SetItem& s) {
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

void Binder::splitConjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out) {
  if (e->kind == BExprKind::Binary && e->op == ast::Op::And) {
    splitConjuncts(std::move(e->children[0]), out);
    splitConjuncts(std::move(e->children[1]), out);
    return;
  }
  out.push_back(std::move(e));
}

}  // namespace silkgraph::binding
