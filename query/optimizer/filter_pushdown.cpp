// Pass `filter_pushdown`. Pattern rewritten, inside a MatchProgram:
//
//   Expand (a)-[r:T]->(b {k: v})          Expand (a)-[r:T {x > 3}]->(b {k = v})
//   Filter r.x > 3                   =>
//
// An Expand (relationship not bound before) or a relationship scan, followed by Filter steps,
// takes each Filter that compares one property of what it binds (the relationship, the node it
// reaches, or a scan's start node) with a value known before it (a literal, a parameter, a
// property of an earlier variable) as a PropPredicate, checked on the property column before
// the row is built; so do its pattern properties {k: v}. At most kMaxPushedPredicates per step;
// the rest stay Filter steps / per-row property checks.
#include <algorithm>

#include "query/optimizer/passes.h"
#include "query/planner/slot_analysis.h"

namespace silkgraph {
namespace {

using Kind = MatchStep::Kind;
using Target = PropPredicate::Target;

bool pushable(const MatchStep& s) {
  return (s.kind == Kind::Expand && !s.relBound) || s.kind == Kind::ScanRels;
}

// The target of a predicate on `slot` in the step, if the step binds that slot.
bool targetOf(const MatchStep& s, Slot slot, Target* t) {
  if (slot == s.rel && !s.relBound) {
    *t = Target::Rel;
  } else if (slot == s.to && !s.toBound) {
    *t = Target::To;
  } else if (s.kind == Kind::ScanRels && slot == s.node) {
    *t = Target::From;
  } else {
    return false;
  }
  return true;
}

// True if `value` can be compared with in step s: deterministic and not reading what s binds.
bool valueUsable(const MatchStep& s, const BoundExpr& value) {
  if (!simpleValue(value)) return false;
  for (Slot x : freeSlots(value)) {
    if ((x == s.rel && !s.relBound) || (x == s.to && !s.toBound) ||
        (s.kind == Kind::ScanRels && x == s.node))
      return false;
  }
  return true;
}

// Pushes a WHERE conjunct into step s as a PropPredicate when it compares one property of
// what s binds with a usable value.
bool pushInto(MatchStep& s, const BoundExpr& e) {
  if (s.preds.size() >= kMaxPushedPredicates) return false;
  Slot slot;
  std::string key;
  Target target;
  if (e.kind == BExprKind::Unary && (e.op == ast::Op::IsNull || e.op == ast::Op::IsNotNull)) {
    if (!slotProperty(*e.children[0], &slot, &key) || !targetOf(s, slot, &target)) return false;
    s.preds.push_back({target, key, e.op, nullptr});
    return true;
  }
  if (e.kind != BExprKind::Binary || !isComparison(e.op)) return false;
  for (int side = 0; side < 2; ++side) {
    const BoundExpr& prop = *e.children[side];
    const BoundExpr& other = *e.children[1 - side];
    if (!slotProperty(prop, &slot, &key) || !targetOf(s, slot, &target)) continue;
    if (!valueUsable(s, other)) continue;
    s.preds.push_back({target, key, side == 0 ? e.op : mirrored(e.op), &other});
    return true;
  }
  return false;
}

// Pattern properties {key: value} of what step s binds become equality predicates where the
// value is usable and bound before the step; the others stay in `props` (checked per row).
void pushProps(MatchStep& s, Target target,
               std::vector<std::pair<std::string, const BoundExpr*>>& props,
               const std::vector<bool>& bound) {
  std::vector<std::pair<std::string, const BoundExpr*>> kept;
  for (auto& [key, value] : props) {
    std::vector<Slot> reads = freeSlots(*value);
    bool ready = std::all_of(reads.begin(), reads.end(),
                             [&](Slot x) { return x < bound.size() && bound[x]; });
    if (s.preds.size() < kMaxPushedPredicates && valueUsable(s, *value) && ready) {
      s.preds.push_back({target, key, ast::Op::Eq, value});
    } else {
      kept.emplace_back(key, value);
    }
  }
  props = std::move(kept);
}

// The step a Filter at index i may go into: the nearest step before it, over other Filters
// and the label/property check of a node an Expand reached already bound; -1 if that step
// cannot take predicates.
int pushTarget(const std::vector<MatchStep>& steps, size_t i) {
  for (size_t j = i; j-- > 0;) {
    const MatchStep& s = steps[j];
    if (s.kind == Kind::Filter) continue;
    if (s.kind == Kind::CheckNode && j > 0 && steps[j - 1].kind == Kind::Expand &&
        steps[j - 1].toBound && steps[j - 1].to == s.node)
      continue;
    return pushable(s) ? static_cast<int>(j) : -1;
  }
  return -1;
}

void pushDown(MatchProgram& prog) {
  // Pattern properties first (they come first in each step's predicates), with the slots
  // bound before each step.
  std::vector<bool> bound = prog.boundOnEntry;
  for (MatchStep& s : prog.steps) {
    if (pushable(s)) {
      pushProps(s, Target::Rel, s.relProps, bound);
      if (s.kind == Kind::ScanRels) pushProps(s, Target::From, s.fromProps, bound);
      if (!s.toBound) pushProps(s, Target::To, s.props, bound);
    }
    std::set<Slot> reads, binds;
    stepSlots(s, reads, binds);
    for (Slot x : binds) {
      if (x >= bound.size()) bound.resize(x + 1, false);
      bound[x] = true;
    }
  }
  std::vector<MatchStep> kept;
  kept.reserve(prog.steps.size());
  for (size_t i = 0; i < prog.steps.size(); ++i) {
    MatchStep& s = prog.steps[i];
    if (s.kind == Kind::Filter) {
      // Indexes into `kept`, where earlier Filters already left.
      int t = pushTarget(kept, kept.size());
      if (t >= 0 && pushInto(kept[static_cast<size_t>(t)], *s.predicate)) continue;
    }
    kept.push_back(std::move(s));
  }
  prog.steps = std::move(kept);
}

}  // namespace

void pushDownFilters(Plan& plan, const Graph&) {
  for (auto& prog : plan.programs) pushDown(*prog);
}

}  // namespace silkgraph
