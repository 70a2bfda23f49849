// Slot analysis over bound expressions and match steps: which row slots an expression or a
// step reads and binds, which values can be compared early, and which are nondeterministic.
// Shared by the pattern compiler and the optimizer passes.
#include "query/planner/slot_analysis.h"

#include <algorithm>
#include <string_view>

#include "query/function/catalog.h"

namespace silkgraph {

using Kind = MatchStep::Kind;

namespace {

// Free slots of an expression: those it reads from the row, minus the variables it
// introduces itself (comprehension variables, fresh pattern elements).
void collectSlots(const BoundExpr& e, std::set<Slot>& used, std::set<Slot>& internal) {
  switch (e.kind) {
    case BExprKind::Slot:
    case BExprKind::AggregateRef:
    case BExprKind::MapProjection:
      used.insert(e.slot);
      break;
    case BExprKind::ListComprehension:
    case BExprKind::Quantifier:
    case BExprKind::Reduce:
      internal.insert(e.slot);
      if (e.slot2 != kNoSlot) internal.insert(e.slot2);
      break;
    default:
      break;
  }
  if (e.pattern) {
    for (const auto& part : e.pattern->parts) {
      for (const auto& n : part.nodes) {
        (n.alreadyBound ? used : internal).insert(n.slot);
        for (const auto& [k, v] : n.properties) collectSlots(*v, used, internal);
      }
      for (const auto& r : part.rels) {
        (r.alreadyBound ? used : internal).insert(r.slot);
        for (const auto& [k, v] : r.properties) collectSlots(*v, used, internal);
      }
      if (part.pathSlot != kNoSlot) internal.insert(part.pathSlot);
    }
  }
  for (const auto& c : e.children) collectSlots(*c, used, internal);
  if (e.where) collectSlots(*e.where, used, internal);
  if (e.projection) collectSlots(*e.projection, used, internal);
  for (const auto& m : e.mapItems) {
    if (m.expr) collectSlots(*m.expr, used, internal);
  }
}

}  // namespace

std::vector<Slot> freeSlots(const BoundExpr& e) {
  std::set<Slot> used, internal;
  collectSlots(e, used, internal);
  std::vector<Slot> out;
  for (Slot s : used) {
    if (!internal.count(s)) out.push_back(s);
  }
  return out;
}

// A value a pushed predicate can be compared with: evaluated once per run of its step, so it
// must be deterministic and read only variables bound before the step.
bool simpleValue(const BoundExpr& e) {
  switch (e.kind) {
    case BExprKind::Literal:
    case BExprKind::Slot:
      return true;
    case BExprKind::Property:
      return simpleValue(*e.children[0]);
    case BExprKind::Unary:
      return (e.op == ast::Op::Negate || e.op == ast::Op::Plus) && simpleValue(*e.children[0]);
    case BExprKind::ListLiteral:
      return std::all_of(e.children.begin(), e.children.end(),
                         [](const BoundExprPtr& c) { return simpleValue(*c); });
    default:
      return false;
  }
}

// `x.key` for a variable x: its slot and key.
bool slotProperty(const BoundExpr& e, Slot* slot, std::string* key) {
  if (e.kind != BExprKind::Property || e.children[0]->kind != BExprKind::Slot) return false;
  *slot = e.children[0]->slot;
  *key = e.name;
  return true;
}

ast::Op mirrored(ast::Op op) {
  switch (op) {
    case ast::Op::Lt:
      return ast::Op::Gt;
    case ast::Op::Le:
      return ast::Op::Ge;
    case ast::Op::Gt:
      return ast::Op::Lt;
    case ast::Op::Ge:
      return ast::Op::Le;
    default:
      return op;
  }
}

bool isComparison(ast::Op op) {
  return op == ast::Op::Eq || op == ast::Op::Neq || op == ast::Op::Lt || op == ast::Op::Le ||
         op == ast::Op::Gt || op == ast::Op::Ge;
}

// True if evaluating e twice may give two values (rand(), linenumber()): rows that agree on their
// slots are then not interchangeable.
bool nondeterministic(const BoundExpr* e) {
  if (!e) return false;
  // linenumber() and file() read the LOAD CSV row being produced, not the row's slots.
  if (e->kind == BExprKind::Function && e->function &&
      (std::string_view(e->function->name) == "rand" ||
       std::string_view(e->function->name) == "linenumber" ||
       std::string_view(e->function->name) == "file"))
    return true;
  for (const auto& c : e->children)
    if (nondeterministic(c.get())) return true;
  if (nondeterministic(e->where.get()) || nondeterministic(e->projection.get())) return true;
  for (const auto& m : e->mapItems)
    if (nondeterministic(m.expr.get())) return true;
  if (e->pattern) {
    for (const auto& part : e->pattern->parts) {
      for (const auto& n : part.nodes)
        for (const auto& [k, v] : n.properties)
          if (nondeterministic(v.get())) return true;
      for (const auto& r : part.rels)
        for (const auto& [k, v] : r.properties)
          if (nondeterministic(v.get())) return true;
    }
  }
  return false;
}

bool stepNondeterministic(const MatchStep& s) {
  auto props = [](const std::vector<std::pair<std::string, const BoundExpr*>>& ps) {
    return std::any_of(ps.begin(), ps.end(),
                       [](const auto& p) { return nondeterministic(p.second); });
  };
  return nondeterministic(s.predicate) || nondeterministic(s.keyExpr) || props(s.props) ||
         props(s.relProps) || props(s.fromProps);
}

void addFree(const BoundExpr* e, std::set<Slot>& out) {
  if (!e) return;
  for (Slot s : freeSlots(*e)) out.insert(s);
}

// Slots a step reads (besides relationship uniqueness) and the slots it binds.
void stepSlots(const MatchStep& s, std::set<Slot>& reads, std::set<Slot>& binds) {
  auto props = [&](const std::vector<std::pair<std::string, const BoundExpr*>>& ps) {
    for (const auto& [k, v] : ps) addFree(v, reads);
  };
  props(s.props);
  props(s.relProps);
  props(s.fromProps);
  for (const auto& p : s.preds) addFree(p.value, reads);
  switch (s.kind) {
    case Kind::ScanAll:
    case Kind::ScanLabel:
      binds.insert(s.node);
      break;
    case Kind::IndexSeek:
      addFree(s.keyExpr, reads);
      binds.insert(s.node);
      break;
    case Kind::CheckNode:
      reads.insert(s.node);
      break;
    case Kind::ScanRels:
      binds.insert(s.node);
      binds.insert(s.rel);
      binds.insert(s.to);
      break;
    case Kind::Expand:
    case Kind::VarExpand:
      reads.insert(s.node);
      (s.toBound ? reads : binds).insert(s.to);
      (s.relBound ? reads : binds).insert(s.rel);
      break;
    case Kind::ShortestPath:
      reads.insert(s.node);
      reads.insert(s.to);
      binds.insert(s.rel);
      break;
    case Kind::Filter:
      addFree(s.predicate, reads);
      break;
    case Kind::BuildPath:
      for (Slot x : s.pathElements) reads.insert(x);
      binds.insert(s.rel);
      break;
  }
}

}  // namespace silkgraph
