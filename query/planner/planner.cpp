// Implements the planner (query/planner/planner.h).
#include "query/planner/planner.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <set>

#include "query/execution/functions.h"
#include "query/planner/match_program.h"

namespace silkgraph {
namespace {

using Kind = MatchStep::Kind;

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

std::vector<Slot> freeSlots(const BoundExpr& e) {
  std::set<Slot> used, internal;
  collectSlots(e, used, internal);
  std::vector<Slot> out;
  for (Slot s : used) {
    if (!internal.count(s)) out.push_back(s);
  }
  return out;
}

Direction toDirection(ast::RelDirection d, bool reversed) {
  if (d == ast::RelDirection::Both) return Direction::Both;
  bool right = d == ast::RelDirection::Right;
  if (reversed) right = !right;
  return right ? Direction::Out : Direction::In;
}

std::vector<NameRef> nameRefs(const std::vector<std::string>& names) {
  std::vector<NameRef> out;
  for (const auto& n : names) {
    bool dup = std::any_of(out.begin(), out.end(), [&](const NameRef& r) { return r.name == n; });
    if (!dup) out.push_back({n, UINT32_MAX});
  }
  return out;
}

std::vector<std::pair<std::string, const BoundExpr*>> propRefs(
    const std::vector<std::pair<std::string, BoundExprPtr>>& props) {
  std::vector<std::pair<std::string, const BoundExpr*>> out;
  for (const auto& [k, v] : props) out.emplace_back(k, v.get());
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

class PatternCompiler {
 public:
  PatternCompiler(const Graph& g, std::vector<bool>& bound) : g_(g), bound_(bound) {}

  std::shared_ptr<MatchProgram> compile(const BoundPattern& pattern,
                                        const std::vector<const BoundExpr*>& conjuncts) {
    program_ = std::make_shared<MatchProgram>();
    pending_.clear();
    // Relationships bound by earlier clauses still take part in this pattern's uniqueness.
    for (const auto& part : pattern.parts) {
      for (const auto& r : part.rels) {
        if (r.alreadyBound && bound_[r.slot]) relsInClause_.push_back(r.slot);
      }
    }
    for (const BoundExpr* c : conjuncts) pending_.push_back({c, freeSlots(*c)});
    placeFilters();
    std::vector<const BoundPatternPart*> parts;
    for (const auto& p : pattern.parts) parts.push_back(&p);
    // Shortest-path parts go last: they need both ends bound.
    std::stable_partition(parts.begin(), parts.end(), [](const BoundPatternPart* p) {
      return p->kind == ast::PatternPart::Kind::Normal;
    });
    while (!parts.empty()) {
      size_t bestPart = 0, bestNode = 0;
      double bestCost = std::numeric_limits<double>::max();
      for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i]->kind != ast::PatternPart::Kind::Normal &&
            bestCost < std::numeric_limits<double>::max())
          continue;
        for (size_t n = 0; n < parts[i]->nodes.size(); ++n) {
          double c = anchorCost(parts[i]->nodes[n], nullptr);
          if (c < bestCost) {
            bestCost = c;
            bestPart = i;
            bestNode = n;
          }
        }
      }
      const BoundPatternPart& part = *parts[bestPart];
      // A relationship scan instead, when expanding from the best anchor would meet at least
      // as many relationships as there are of the scanned type(s): it reads them in id order,
      // so their property columns are read sequentially.
      size_t scanPart = 0, scanRel = 0;
      if (part.kind == ast::PatternPart::Kind::Normal && bestCost > 1 &&
          bestRelScan(parts, &scanPart, &scanRel) &&
          relScanCost(parts[scanPart]->rels[scanRel]) <= anchorWork(part, bestNode, bestCost)) {
        compileRelScan(*parts[scanPart], scanRel);
        parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(scanPart));
        continue;
      }
      if (part.kind == ast::PatternPart::Kind::Normal) {
        compilePart(part, bestNode);
      } else {
        compileShortest(part);
      }
      parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(bestPart));
    }
    // Anything left (cannot happen for well-bound input) is checked at the end.
    for (auto& p : pending_) {
      if (p.expr) addFilter(p.expr);
    }
    for (auto& s : program_->steps) noteOrder(s);
    return program_;
  }

 private:
  struct Pending {
    const BoundExpr* expr;
    std::vector<Slot> slots;
  };

  const Graph& g_;
  std::vector<bool>& bound_;
  std::shared_ptr<MatchProgram> program_;
  std::vector<Pending> pending_;
  std::vector<Slot> relsInClause_;
  // The Expand / ScanRels step that filters may be pushed into (the last one emitted), or -1.
  int pushStep_ = -1;

  bool allBound(const std::vector<Slot>& slots) const {
    return std::all_of(slots.begin(), slots.end(), [&](Slot s) { return bound_[s]; });
  }

  void addFilter(const BoundExpr* e) {
    MatchStep s{Kind::Filter};
    s.predicate = e;
    program_->steps.push_back(std::move(s));
  }

  // The target of a predicate on `slot` in the step, if the step binds that slot.
  static bool targetOf(const MatchStep& s, Slot slot, PropPredicate::Target* t) {
    if (slot == s.rel && !s.relBound) {
      *t = PropPredicate::Target::Rel;
    } else if (slot == s.to && !s.toBound) {
      *t = PropPredicate::Target::To;
    } else if (s.kind == Kind::ScanRels && slot == s.node) {
      *t = PropPredicate::Target::From;
    } else {
      return false;
    }
    return true;
  }

  // True if `value` can be compared with in step s: deterministic and not reading what s binds.
  static bool valueUsable(const MatchStep& s, const BoundExpr& value) {
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
  static bool pushInto(MatchStep& s, const BoundExpr& e) {
    if (s.preds.size() >= kMaxPushedPredicates) return false;
    Slot slot;
    std::string key;
    PropPredicate::Target target;
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
  // value is usable; the others stay in `props` (checked per row).
  void pushProps(MatchStep& s, PropPredicate::Target target,
                 std::vector<std::pair<std::string, const BoundExpr*>>& props) const {
    std::vector<std::pair<std::string, const BoundExpr*>> kept;
    for (auto& [key, value] : props) {
      if (s.preds.size() < kMaxPushedPredicates && valueUsable(s, *value) &&
          allBound(freeSlots(*value))) {
        s.preds.push_back({target, key, ast::Op::Eq, value});
      } else {
        kept.emplace_back(key, value);
      }
    }
    props = std::move(kept);
  }

  void placeFilters() {
    for (auto& p : pending_) {
      if (p.expr && allBound(p.slots)) {
        if (pushStep_ < 0 || !pushInto(program_->steps[static_cast<size_t>(pushStep_)], *p.expr))
          addFilter(p.expr);
        p.expr = nullptr;
      }
    }
  }

  // Finds an index seek for the node: returns the key expression or nullptr.
  const BoundExpr* indexKey(const BoundNodePattern& n, std::string* label) const {
    for (const auto& l : n.labels) {
      LabelId lid = g_.labelId(l);
      if (lid == kNoLabel) continue;
      KeyId k = g_.keyIndexOf(lid);
      if (k == kNoKey) continue;
      const std::string& keyName = g_.keyName(k);
      for (const auto& [name, expr] : n.properties) {
        if (name == keyName && allBound(freeSlots(*expr))) {
          *label = l;
          return expr.get();
        }
      }
      for (const auto& p : pending_) {
        if (!p.expr) continue;
        const BoundExpr& e = *p.expr;
        if (e.kind != BExprKind::Binary || e.op != ast::Op::Eq) continue;
        for (int side = 0; side < 2; ++side) {
          const BoundExpr& prop = *e.children[side];
          const BoundExpr& other = *e.children[1 - side];
          if (prop.kind == BExprKind::Property && prop.name == keyName &&
              prop.children[0]->kind == BExprKind::Slot && prop.children[0]->slot == n.slot) {
            auto slots = freeSlots(other);
            if (std::find(slots.begin(), slots.end(), n.slot) == slots.end() && allBound(slots)) {
              *label = l;
              return &other;
            }
          }
        }
      }
    }
    return nullptr;
  }

  double anchorCost(const BoundNodePattern& n, std::string* label) const {
    if (bound_[n.slot]) return 0;
    std::string l;
    if (indexKey(n, &l)) return 1;
    double best = static_cast<double>(g_.nodeCount()) + 3;
    for (const auto& name : n.labels) {
      LabelId id = g_.labelId(name);
      double c = id == kNoLabel ? 2 : static_cast<double>(g_.labelCardinality(id)) + 2;
      if (c < best) {
        best = c;
        if (label) *label = name;
      }
    }
    return best;
  }

  void emitAnchor(const BoundNodePattern& n) {
    pushStep_ = -1;
    MatchStep s{Kind::CheckNode};
    s.node = n.slot;
    s.props = propRefs(n.properties);
    if (bound_[n.slot]) {
      s.labels = nameRefs(n.labels);
      program_->steps.push_back(std::move(s));
      return;
    }
    std::string label;
    if (const BoundExpr* key = indexKey(n, &label)) {
      s.kind = Kind::IndexSeek;
      s.keyExpr = key;
    } else if (!n.labels.empty()) {
      s.kind = Kind::ScanLabel;
      anchorCost(n, &label);
      if (label.empty()) label = n.labels[0];
    } else {
      s.kind = Kind::ScanAll;
    }
    std::vector<std::string> labels = n.labels;
    if (!label.empty()) {
      // The scanned/sought label goes first.
      labels.erase(std::find(labels.begin(), labels.end(), label));
      labels.insert(labels.begin(), label);
    }
    s.labels = nameRefs(labels);
    program_->steps.push_back(std::move(s));
    bound_[n.slot] = true;
  }

  void emitExpand(const BoundPatternPart& part, size_t relIndex, bool leftward) {
    const BoundRelPattern& r = part.rels[relIndex];
    const BoundNodePattern& from = leftward ? part.nodes[relIndex + 1] : part.nodes[relIndex];
    const BoundNodePattern& to = leftward ? part.nodes[relIndex] : part.nodes[relIndex + 1];
    MatchStep s{r.varLength ? Kind::VarExpand : Kind::Expand};
    s.node = from.slot;
    s.rel = r.slot;
    s.to = to.slot;
    s.toBound = bound_[to.slot];
    s.relBound = !r.varLength && bound_[r.slot];
    s.dir = toDirection(r.direction, leftward);
    s.types = nameRefs(r.types);
    s.relProps = propRefs(r.properties);
    s.minHops = r.minHops;
    s.maxHops = r.maxHops;
    s.reverse = leftward;
    if (!s.toBound) {
      s.labels = nameRefs(to.labels);
      s.props = propRefs(to.properties);
    }
    s.uniqueRels = relsInClause_;
    bool relBound = s.relBound;
    bool pushable = s.kind == Kind::Expand && !relBound;
    if (pushable) {
      pushProps(s, PropPredicate::Target::Rel, s.relProps);
      if (!s.toBound) pushProps(s, PropPredicate::Target::To, s.props);
    }
    program_->steps.push_back(std::move(s));
    pushStep_ = pushable ? static_cast<int>(program_->steps.size() - 1) : -1;
    if (!relBound) relsInClause_.push_back(r.slot);
    if (relBound) {
      // A bound relationship must not be checked against itself.
      auto& u = program_->steps.back().uniqueRels;
      u.erase(std::remove(u.begin(), u.end(), r.slot), u.end());
    }
    bool checkTo = bound_[to.slot] && (!to.labels.empty() || !to.properties.empty());
    bound_[r.slot] = true;
    bound_[to.slot] = true;
    if (checkTo) {
      MatchStep c{Kind::CheckNode};
      c.node = to.slot;
      c.labels = nameRefs(to.labels);
      c.props = propRefs(to.properties);
      program_->steps.push_back(std::move(c));
    }
    placeFilters();
  }

  void emitPath(const BoundPatternPart& part) {
    if (part.pathSlot == kNoSlot) return;
    pushStep_ = -1;
    MatchStep s{Kind::BuildPath};
    s.rel = part.pathSlot;
    for (size_t i = 0; i < part.nodes.size(); ++i) {
      s.pathElements.push_back(part.nodes[i].slot);
      if (i < part.rels.size()) s.pathElements.push_back(part.rels[i].slot);
    }
    program_->steps.push_back(std::move(s));
    bound_[part.pathSlot] = true;
    placeFilters();
  }

  void compilePart(const BoundPatternPart& part, size_t anchor) {
    emitAnchor(part.nodes[anchor]);
    placeFilters();
    for (size_t i = anchor; i < part.rels.size(); ++i) emitExpand(part, i, false);
    for (size_t i = anchor; i > 0; --i) emitExpand(part, i - 1, true);
    emitPath(part);
  }

  // An expansion over one type with an adjacency order whose first key its filters fix or
  // bound: EXPLAIN names the order (the executor seeks in it while it is valid).
  void noteOrder(MatchStep& s) const {
    if (s.kind != Kind::Expand || s.relBound || s.types.size() != 1 || s.dir == Direction::Both)
      return;
    TypeId t = g_.typeId(s.types[0].name);
    if (t == kNoType) return;
    const std::vector<KeyId>& keys = g_.adjacencyOrder(t);
    if (keys.empty()) return;
    const std::string& first = g_.keyName(keys[0]);
    bool seeks = std::any_of(s.preds.begin(), s.preds.end(), [&](const PropPredicate& p) {
      return p.target == PropPredicate::Target::Rel && p.key == first &&
             (p.op == ast::Op::Eq || p.op == ast::Op::Lt || p.op == ast::Op::Le ||
              p.op == ast::Op::Gt || p.op == ast::Op::Ge);
    });
    if (!seeks) return;
    for (size_t i = 0; i < keys.size(); ++i) s.orderNote += (i ? ", " : "") + g_.keyName(keys[i]);
  }

  // Relationships met by a scan of the relationship's type(s).
  double relScanCost(const BoundRelPattern& r) const {
    if (r.types.empty()) return static_cast<double>(g_.relCount());
    double c = 0;
    for (const auto& name : r.types) {
      TypeId t = g_.typeId(name);
      if (t != kNoType) c += static_cast<double>(g_.typeCardinality(t));
    }
    return c;
  }

  // Anchoring at node n of the part: the anchor's cost plus the relationships met by the
  // cheapest first expansion from it.
  double anchorWork(const BoundPatternPart& part, size_t n, double cost) const {
    std::string label;
    anchorCost(part.nodes[n], &label);
    LabelId l = label.empty() ? kNoLabel : g_.labelId(label);
    double best = -1;
    for (size_t i = 0; i < part.rels.size(); ++i) {
      if (i != n && i + 1 != n) continue;
      const BoundRelPattern& r = part.rels[i];
      Direction d = toDirection(r.direction, i + 1 == n);
      double met = 0;
      if (r.types.empty()) {
        met = g_.degreeSum(l, kNoType, d);
      } else {
        for (const auto& name : r.types) {
          TypeId t = g_.typeId(name);
          if (t != kNoType) met += g_.degreeSum(l, t, d);
        }
      }
      if (best < 0 || met < best) best = met;
    }
    return cost + (best < 0 ? 0 : best);
  }

  // The relationship of a normal part that a scan could bind: fixed length, not bound, its
  // two end nodes distinct variables not bound yet. Picks the one with the fewest
  // relationships to scan.
  bool bestRelScan(const std::vector<const BoundPatternPart*>& parts, size_t* part,
                   size_t* rel) const {
    double best = -1;
    for (size_t p = 0; p < parts.size(); ++p) {
      if (parts[p]->kind != ast::PatternPart::Kind::Normal) continue;
      for (size_t i = 0; i < parts[p]->rels.size(); ++i) {
        const BoundRelPattern& r = parts[p]->rels[i];
        const BoundNodePattern& a = parts[p]->nodes[i];
        const BoundNodePattern& b = parts[p]->nodes[i + 1];
        if (r.varLength || bound_[r.slot] || bound_[a.slot] || bound_[b.slot] || a.slot == b.slot)
          continue;
        double c = relScanCost(r);
        if (best < 0 || c < best) {
          best = c;
          *part = p;
          *rel = i;
        }
      }
    }
    return best >= 0;
  }

  void compileRelScan(const BoundPatternPart& part, size_t relIndex) {
    const BoundRelPattern& r = part.rels[relIndex];
    const BoundNodePattern& left = part.nodes[relIndex];
    const BoundNodePattern& right = part.nodes[relIndex + 1];
    MatchStep s{Kind::ScanRels};
    s.node = left.slot;
    s.rel = r.slot;
    s.to = right.slot;
    s.dir = toDirection(r.direction, false);
    s.types = nameRefs(r.types);
    s.fromLabels = nameRefs(left.labels);
    s.labels = nameRefs(right.labels);
    s.fromProps = propRefs(left.properties);
    s.props = propRefs(right.properties);
    s.relProps = propRefs(r.properties);
    pushProps(s, PropPredicate::Target::Rel, s.relProps);
    pushProps(s, PropPredicate::Target::From, s.fromProps);
    pushProps(s, PropPredicate::Target::To, s.props);
    s.uniqueRels = relsInClause_;
    program_->steps.push_back(std::move(s));
    pushStep_ = static_cast<int>(program_->steps.size() - 1);
    relsInClause_.push_back(r.slot);
    bound_[r.slot] = true;
    bound_[left.slot] = true;
    bound_[right.slot] = true;
    placeFilters();
    for (size_t i = relIndex + 1; i < part.rels.size(); ++i) emitExpand(part, i, false);
    for (size_t i = relIndex; i > 0; --i) emitExpand(part, i - 1, true);
    emitPath(part);
  }

  void compileShortest(const BoundPatternPart& part) {
    for (const auto& n : part.nodes) {
      emitAnchor(n);
      placeFilters();
    }
    const BoundRelPattern& r = part.rels[0];
    MatchStep s{Kind::ShortestPath};
    s.node = part.nodes[0].slot;
    s.to = part.nodes[1].slot;
    s.rel = r.slot;
    s.dir = toDirection(r.direction, false);
    s.types = nameRefs(r.types);
    s.relProps = propRefs(r.properties);
    s.minHops = r.minHops;
    s.maxHops = r.maxHops;
    s.allShortest = part.kind == ast::PatternPart::Kind::AllShortest;
    program_->steps.push_back(std::move(s));
    pushStep_ = -1;
    bound_[r.slot] = true;
    relsInClause_.push_back(r.slot);
    placeFilters();
    emitPath(part);
  }
};

// ---- duplicate elimination in matches whose rows go to a consumer that ignores duplicates

// True if evaluating e twice may give two values (rand()): rows that agree on their slots
// are then not interchangeable.
bool nondeterministic(const BoundExpr* e) {
  if (!e) return false;
  if (e->kind == BExprKind::Function && e->function &&
      std::string_view(e->function->name) == "rand")
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

// Marks the steps of a program whose output rows only matter through the slots in `need`
// (see MatchStep::dedupe). Returns the slots the program reads from its input row.
std::set<Slot> markDedupe(MatchProgram& prog, const std::set<Slot>* need) {
  size_t n = prog.steps.size();
  std::vector<std::set<Slot>> reads(n), binds(n);
  for (size_t i = 0; i < n; ++i) stepSlots(prog.steps[i], reads[i], binds[i]);
  if (need) {
    std::set<Slot> full = *need, uniq;
    bool random = false;  // a later step evaluates rand()
    for (size_t i = n; i-- > 0;) {
      MatchStep& s = prog.steps[i];
      bool candidate =
          ((s.kind == Kind::Expand && !s.relBound) || s.kind == Kind::ScanRels) && !random;
      if (candidate && !full.count(s.rel)) {
        std::set<Slot> bound;
        for (size_t j = 0; j <= i; ++j) bound.insert(binds[j].begin(), binds[j].end());
        std::vector<Slot> key;
        for (Slot x : bound) {
          if (x != s.rel && (full.count(x) || uniq.count(x))) key.push_back(x);
        }
        // One slot at most: the runtime keeps a seen-set per node (or relationship).
        if (key.size() <= 1) {
          s.dedupe = true;
          s.dedupeKey = key;
          s.dedupeRetry = uniq.count(s.rel) != 0;
          prog.dedupes = true;
        }
      }
      full.insert(reads[i].begin(), reads[i].end());
      uniq.insert(s.uniqueRels.begin(), s.uniqueRels.end());
      random = random || stepNondeterministic(s);
    }
    for (size_t i = 0; i < n; ++i) {
      MatchStep& s = prog.steps[i];
      s.uniqueRelStep.assign(s.uniqueRels.size(), -1);
      for (size_t k = 0; k < s.uniqueRels.size(); ++k) {
        for (size_t j = 0; j < i; ++j) {
          const MatchStep& b = prog.steps[j];
          if (b.dedupe && b.dedupeRetry && b.rel == s.uniqueRels[k])
            s.uniqueRelStep[k] = static_cast<int>(j);
        }
      }
    }
  }
  std::set<Slot> all, inner;
  for (size_t i = 0; i < n; ++i) {
    all.insert(reads[i].begin(), reads[i].end());
    all.insert(prog.steps[i].uniqueRels.begin(), prog.steps[i].uniqueRels.end());
    inner.insert(binds[i].begin(), binds[i].end());
  }
  std::set<Slot> outer;
  for (Slot x : all) {
    if (!inner.count(x)) outer.insert(x);
  }
  return outer;
}

bool ignoresDuplicates(const BoundAggregate& a) {
  return a.distinct || a.kind == AggKind::Min || a.kind == AggKind::Max;
}

// Walks a chain from its end: while the operators downstream ignore duplicate rows (up to a
// DISTINCT or an aggregation of DISTINCT values, min or max), a match feeding them may drop
// rows that agree on the slots still needed.
void markChainDedupe(PlanChain& chain) {
  bool ignores = false;
  std::set<Slot> need;
  for (size_t k = chain.operators.size(); k-- > 0;) {
    Operator* op = chain.operators[k].get();
    if (auto* m = dynamic_cast<MatchOp*>(op)) {
      std::set<Slot> reads = markDedupe(m->program(), ignores ? &need : nullptr);
      for (const auto& st : m->program().steps)
        if (stepNondeterministic(st)) ignores = false;
      std::set<Slot> binds, r;
      for (const auto& st : m->program().steps) stepSlots(st, r, binds);
      for (Slot x : binds) need.erase(x);
      need.insert(reads.begin(), reads.end());
    } else if (auto* a = dynamic_cast<AggregateOp*>(op)) {
      ignores = std::all_of(a->aggregates().begin(), a->aggregates().end(), ignoresDuplicates);
      for (const auto& [e, slot] : a->keys()) ignores = ignores && !nondeterministic(e);
      for (const auto& ag : a->aggregates())
        ignores = ignores && !nondeterministic(ag.arg.get()) && !nondeterministic(ag.arg2.get());
      std::set<Slot> in;
      std::set<Slot> written;
      for (const auto& [e, slot] : a->keys()) {
        addFree(e, in);
        written.insert(slot);
      }
      for (const auto& ag : a->aggregates()) {
        addFree(ag.arg.get(), in);
        addFree(ag.arg2.get(), in);
        written.insert(ag.slot);
      }
      for (Slot x : need) {
        if (!written.count(x)) in.insert(x);
      }
      need = std::move(in);
    } else if (auto* d = dynamic_cast<DistinctOp*>(op)) {
      ignores = true;
      need = std::set<Slot>(d->slots().begin(), d->slots().end());
    } else if (auto* p = dynamic_cast<ProjectOp*>(op)) {
      std::set<Slot> in = need;
      for (const auto& [e, slot] : p->items()) in.erase(slot);
      for (const auto& [e, slot] : p->items()) {
        if (need.count(slot)) addFree(e, in);
        if (need.count(slot) && nondeterministic(e)) ignores = false;
      }
      need = std::move(in);
    } else if (auto* f = dynamic_cast<FilterOp*>(op)) {
      addFree(f->predicate(), need);
      if (nondeterministic(f->predicate())) ignores = false;
    } else if (auto* so = dynamic_cast<SortOp*>(op)) {
      for (const auto& [e, desc] : so->keys()) addFree(e, need);
    } else if (auto* u = dynamic_cast<UnwindOp*>(op)) {
      need.erase(u->slot());
      addFree(u->list(), need);
      if (nondeterministic(u->list())) ignores = false;
    } else if (dynamic_cast<EagerOp*>(op)) {
      // passes rows through
    } else {
      ignores = false;  // results, SKIP/LIMIT, writes: every row counts
      need.clear();
    }
  }
}

// A top-K sort whose first key is, through projections and filters, a property of what a
// match step binds: the step gets the sort's bound (see TopBound).
void linkTopBounds(PlanChain& chain) {
  for (size_t k = 0; k < chain.operators.size(); ++k) {
    auto* sort = dynamic_cast<SortOp*>(chain.operators[k].get());
    if (!sort || sort->topK() <= 0 || sort->keys().empty()) continue;
    // The key as an expression over the rows reaching each operator, or as `slot.name`.
    const BoundExpr* key = sort->keys()[0].first;
    Slot slot = kNoSlot;
    std::string name;
    if (slotProperty(*key, &slot, &name)) key = nullptr;
    for (size_t j = k; j-- > 0;) {
      Operator* op = chain.operators[j].get();
      if (auto* p = dynamic_cast<ProjectOp*>(op)) {
        for (const auto& [e, out] : p->items()) {
          if (key && key->kind == BExprKind::Slot && out == key->slot) {
            key = e;
            if (slotProperty(*key, &slot, &name)) key = nullptr;
            break;
          }
          if (!key && out == slot) {
            // `x AS y` keeps y.name a property of x; anything else hides it.
            slot = e->kind == BExprKind::Slot ? e->slot : kNoSlot;
            break;
          }
        }
        if (!key && slot == kNoSlot) break;
        continue;
      }
      if (dynamic_cast<FilterOp*>(op)) continue;
      // Not into an OPTIONAL MATCH: rejecting all its candidates would make a null row.
      auto* m = dynamic_cast<MatchOp*>(op);
      if (m && !m->optional() && !key) {
        for (auto& st : m->program().steps) {
          bool scan = st.kind == Kind::ScanRels;
          bool nodeScan = st.kind == Kind::ScanAll || st.kind == Kind::ScanLabel;
          if (!scan && !nodeScan && (st.kind != Kind::Expand || st.relBound)) continue;
          PropPredicate::Target target;
          if (nodeScan) {
            if (slot != st.node) continue;
            target = PropPredicate::Target::From;
          } else if (slot == st.rel) {
            target = PropPredicate::Target::Rel;
          } else if (slot == st.to && (scan || !st.toBound)) {
            target = PropPredicate::Target::To;
          } else if (scan && slot == st.node) {
            target = PropPredicate::Target::From;
          } else {
            continue;
          }
          st.top = std::make_shared<TopBound>();
          st.topTarget = target;
          st.topKey = name;
          sort->publishBound(st.top);
          break;
        }
      }
      break;  // anything else between the match and the sort: no bound
    }
  }
}

class Planner {
 public:
  Planner(Plan& plan, const Graph& g) : plan_(plan), g_(g) {}

  void run() {
    auto& st = plan_.statement;
    plan_.chains.reserve(st.queries.size());
    for (auto& q : st.queries) {
      bound_.assign(st.slotCount, false);
      chain_ = &plan_.chains.emplace_back();
      planQuery(q);
    }
    // Link the chains.
    for (auto& c : plan_.chains) {
      for (size_t i = 0; i + 1 < c.operators.size(); ++i)
        c.operators[i]->next = c.operators[i + 1].get();
      markChainDedupe(c);
      linkTopBounds(c);
    }
  }

 private:
  Plan& plan_;
  const Graph& g_;
  std::vector<bool> bound_;
  PlanChain* chain_ = nullptr;
  bool queryUpdates_ = false;

  void add(OperatorPtr op) { chain_->operators.push_back(std::move(op)); }

  std::shared_ptr<MatchProgram> compile(const BoundPattern& p,
                                        const std::vector<const BoundExpr*>& conj) {
    for (const auto& part : p.parts) {
      for (const auto& n : part.nodes) {
        for (const auto& [k, v] : n.properties) compileExpr(*v);
      }
      for (const auto& r : part.rels) {
        for (const auto& [k, v] : r.properties) compileExpr(*v);
      }
    }
    for (const BoundExpr* c : conj) compileExpr(const_cast<BoundExpr&>(*c));
    PatternCompiler pc(g_, bound_);
    auto prog = pc.compile(p, conj);
    plan_.programs.push_back(prog);
    return prog;
  }

  // Compiles patterns nested in expressions (EXISTS, pattern predicates and comprehensions).
  void compileExpr(BoundExpr& e) {
    for (auto& c : e.children) compileExpr(*c);
    if (e.where) compileExpr(*e.where);
    if (e.projection) compileExpr(*e.projection);
    for (auto& m : e.mapItems) {
      if (m.expr) compileExpr(*m.expr);
    }
    if (e.pattern && !e.program) {
      std::vector<bool> saved = bound_;
      std::vector<bool> local(bound_.size(), false);
      for (const auto& part : e.pattern->parts) {
        for (const auto& n : part.nodes) {
          if (n.alreadyBound) local[n.slot] = true;
        }
        for (const auto& r : part.rels) {
          if (r.alreadyBound) local[r.slot] = true;
        }
      }
      // Slots bound outside the pattern (read by its WHERE) count as bound too.
      for (size_t i = 0; i < saved.size(); ++i) local[i] = local[i] || saved[i];
      bound_ = local;
      std::vector<const BoundExpr*> conj;
      if (e.kind == BExprKind::PatternExists && e.where) conj.push_back(e.where.get());
      e.program = compile(*e.pattern, conj);
      bound_ = saved;
    }
  }

  static bool isUpdating(ast::ClauseKind k) {
    using K = ast::ClauseKind;
    return k == K::Create || k == K::Merge || k == K::Set || k == K::Remove || k == K::Delete;
  }

  void planQuery(BoundSingleQuery& q) {
    queryUpdates_ = q.updates;
    bool sawMatch = false;
    for (size_t i = 0; i < q.clauses.size(); ++i) {
      BoundClause& c = q.clauses[i];
      if (isUpdating(c.kind) && sawMatch && (i == 0 || !isUpdating(q.clauses[i - 1].kind)))
        add(std::make_unique<EagerOp>());
      planClause(c);
      if (c.kind == ast::ClauseKind::Match || c.kind == ast::ClauseKind::Merge) sawMatch = true;
      if (isUpdating(c.kind) && i + 1 < q.clauses.size()) {
        auto nk = q.clauses[i + 1].kind;
        if (nk == ast::ClauseKind::Match || nk == ast::ClauseKind::With ||
            nk == ast::ClauseKind::Unwind)
          add(std::make_unique<EagerOp>());
      }
    }
    // A query that ends in an update clause returns no rows at all.
    add(std::make_unique<ResultOp>(q.columnSlots, q.columns.empty() ? nullptr : &chain_->rows));
  }

  void planClause(BoundClause& c) {
    switch (c.kind) {
      case ast::ClauseKind::Match: {
        std::vector<const BoundExpr*> conj;
        for (const auto& w : c.whereConjuncts) conj.push_back(w.get());
        auto prog = compile(c.pattern, conj);
        add(std::make_unique<MatchOp>(prog, c.optional, c.newSlots));
        break;
      }
      case ast::ClauseKind::Unwind:
        compileExpr(*c.expr);
        add(std::make_unique<UnwindOp>(c.expr.get(), c.slot));
        bound_[c.slot] = true;
        break;
      case ast::ClauseKind::With:
      case ast::ClauseKind::Return:
        planProjection(c.projection);
        break;
      case ast::ClauseKind::Create:
        for (auto& part : c.pattern.parts) {
          for (auto& n : part.nodes) {
            for (auto& [k, v] : n.properties) compileExpr(*v);
            bound_[n.slot] = true;
          }
          for (auto& r : part.rels) {
            for (auto& [k, v] : r.properties) compileExpr(*v);
            bound_[r.slot] = true;
          }
          if (part.pathSlot != kNoSlot) bound_[part.pathSlot] = true;
        }
        add(std::make_unique<CreateOp>(&c.pattern));
        break;
      case ast::ClauseKind::Merge: {
        auto prog = compile(c.pattern, {});
        for (auto& s : c.onCreate) compileSetItem(s);
        for (auto& s : c.onMatch) compileSetItem(s);
        add(std::make_unique<MergeOp>(&c, prog));
        break;
      }
      case ast::ClauseKind::Set:
        for (auto& s : c.setItems) compileSetItem(s);
        add(std::make_unique<SetOp>(&c.setItems));
        break;
      case ast::ClauseKind::Remove:
        for (auto& r : c.removeItems) compileExpr(*r.target);
        add(std::make_unique<RemoveOp>(&c.removeItems));
        break;
      case ast::ClauseKind::Delete:
        for (auto& e : c.deleteExprs) compileExpr(*e);
        add(std::make_unique<DeleteOp>(&c.deleteExprs, c.detach));
        break;
    }
  }

  void compileSetItem(BoundSetItem& s) {
    compileExpr(*s.target);
    if (s.value) compileExpr(*s.value);
  }

  // The value of a SKIP/LIMIT written as a literal, or -1 (absent or known only at run time).
  static int64_t literalCount(const BoundExprPtr& e) {
    if (!e || e->kind != BExprKind::Literal || e->value.type() != Value::Type::Int) return -1;
    return e->value.asInt();
  }

  void planProjection(BoundProjection& p) {
    bool aggregating = !p.aggregates.empty();
    for (auto& item : p.items) compileExpr(*item.expr);
    for (auto& a : p.aggregates) {
      if (a.arg) compileExpr(*a.arg);
      if (a.arg2) compileExpr(*a.arg2);
    }
    if (aggregating) {
      std::vector<std::pair<const BoundExpr*, Slot>> keys;
      std::vector<std::pair<const BoundExpr*, Slot>> after;
      for (auto& item : p.items) {
        if (item.hasAggregate) {
          after.emplace_back(item.expr.get(), item.slot);
        } else {
          keys.emplace_back(item.expr.get(), item.slot);
        }
      }
      add(std::make_unique<AggregateOp>(std::move(keys), &p.aggregates, plan_.statement.slotCount));
      if (!after.empty()) add(std::make_unique<ProjectOp>(std::move(after)));
    } else {
      std::vector<std::pair<const BoundExpr*, Slot>> items;
      for (auto& item : p.items) items.emplace_back(item.expr.get(), item.slot);
      add(std::make_unique<ProjectOp>(std::move(items)));
    }
    for (auto& item : p.items) bound_[item.slot] = true;
    if (p.distinct) {
      std::vector<Slot> slots;
      for (auto& item : p.items) slots.push_back(item.slot);
      add(std::make_unique<DistinctOp>(std::move(slots)));
    }
    if (p.skip) compileExpr(*p.skip);
    if (p.limit) compileExpr(*p.limit);
    int64_t skip = p.skip ? literalCount(p.skip) : 0;
    int64_t limit = literalCount(p.limit);
    if (!p.orderBy.empty()) {
      std::vector<std::pair<const BoundExpr*, bool>> keys;
      for (auto& s : p.orderBy) {
        compileExpr(*s.expr);
        keys.emplace_back(s.expr.get(), s.descending);
      }
      int64_t topK = limit >= 0 && skip >= 0 ? skip + limit : -1;
      add(std::make_unique<SortOp>(std::move(keys), topK));
    }
    if (p.skip || p.limit)
      add(std::make_unique<SkipLimitOp>(p.skip.get(), p.limit.get(), queryUpdates_));
    if (p.where) {
      compileExpr(*p.where);
      add(std::make_unique<FilterOp>(p.where.get()));
    }
  }
};

}  // namespace

namespace {

const char* opText(ast::Op op) {
  switch (op) {
    case ast::Op::Eq:
      return " = ";
    case ast::Op::Neq:
      return " <> ";
    case ast::Op::Lt:
      return " < ";
    case ast::Op::Le:
      return " <= ";
    case ast::Op::Gt:
      return " > ";
    case ast::Op::Ge:
      return " >= ";
    case ast::Op::IsNull:
      return " IS NULL";
    case ast::Op::IsNotNull:
      return " IS NOT NULL";
    default:
      return " ? ";
  }
}

// "{key = value, ...}" for the step's pushed predicates on one target ("" when none), after
// `prefix` (labels or types) and a space.
std::string predicateText(const std::string& prefix, const MatchStep& s, PropPredicate::Target t) {
  std::string out;
  for (const auto& p : s.preds) {
    if (p.target != t) continue;
    out += out.empty() ? "{" : ", ";
    out += p.key + opText(p.op);
    if (p.value) {
      out += p.value->kind == BExprKind::Literal ? p.value->value.toCypherLiteral() : "<expr>";
    }
  }
  if (out.empty()) return prefix;
  return prefix.empty() ? out + "}" : prefix + " " + out + "}";
}

}  // namespace

std::string MatchProgram::describe() const {
  std::string out;
  for (const auto& s : steps) {
    out += "\n    ";
    auto labels = [&] {
      std::string l;
      for (const auto& n : s.labels) l += ":" + n.name;
      return predicateText(l, s, PropPredicate::Target::To);
    };
    auto types = [&] {
      std::string t;
      for (size_t i = 0; i < s.types.size(); ++i) t += (i ? "|" : ":") + s.types[i].name;
      return predicateText(t, s, PropPredicate::Target::Rel);
    };
    auto dedupe = [&] {
      std::string out = s.dedupe ? " (distinct rows)" : "";
      if (s.top) out += " (top-k bound on " + s.topKey + ")";
      return out;
    };
    switch (s.kind) {
      case Kind::ScanAll:
        out += "AllNodesScan" + dedupe();
        break;
      case Kind::ScanLabel:
        out += "NodeByLabelScan (" + labels() + ")" + dedupe();
        break;
      case Kind::IndexSeek:
        out += "NodeIndexSeek (" + labels() + " key)";
        break;
      case Kind::CheckNode:
        out += "CheckNode (" + labels() + ")";
        break;
      case Kind::Expand:
      case Kind::VarExpand: {
        std::string arrow = s.dir == Direction::Out  ? "-[" + types() + "]->"
                            : s.dir == Direction::In ? "<-[" + types() + "]-"
                                                     : "-[" + types() + "]-";
        out += (s.kind == Kind::Expand ? "Expand" : "VarLengthExpand") + std::string(" ()") +
               arrow + "(" + labels() + ")";
        if (s.kind == Kind::VarExpand)
          out += " *" + std::to_string(s.minHops) + ".." +
                 (s.maxHops < 0 ? std::string() : std::to_string(s.maxHops));
        if (s.toBound) out += " into bound node";
        if (!s.orderNote.empty()) out += " (ordered adjacency: " + s.orderNote + ")";
        out += dedupe();
        break;
      }
      case Kind::ScanRels: {
        std::string from;
        for (const auto& n : s.fromLabels) from += ":" + n.name;
        from = predicateText(from, s, PropPredicate::Target::From);
        std::string arrow = s.dir == Direction::Out  ? "-[" + types() + "]->"
                            : s.dir == Direction::In ? "<-[" + types() + "]-"
                                                     : "-[" + types() + "]-";
        out += std::string(s.types.empty() ? "RelationshipScan" : "RelationshipTypeScan") + " (" +
               from + ")" + arrow + "(" + labels() + ")" + dedupe();
        break;
      }
      case Kind::ShortestPath:
        out += s.allShortest ? "AllShortestPaths" : "ShortestPath";
        break;
      case Kind::Filter:
        out += "Filter";
        break;
      case Kind::BuildPath:
        out += "BuildPath";
        break;
    }
  }
  return out;
}

std::string Plan::explain(const std::vector<std::vector<uint64_t>>* rows,
                          const std::vector<std::vector<double>>* ms) const {
  std::string out;
  for (size_t i = 0; i < chains.size(); ++i) {
    if (chains.size() > 1) out += "Union part " + std::to_string(i + 1) + ":\n";
    const auto& ops = chains[i].operators;
    // Top-down, the way data is consumed: each operator reads from the one below it; the
    // steps of a pattern are listed under their Match in execution order.
    for (size_t k = ops.size(); k-- > 0;) {
      std::string indent(2 * (ops.size() - 1 - k), ' ');
      std::string text = ops[k]->describe();
      if (rows) {
        size_t eol = std::min(text.find('\n'), text.size());
        uint64_t n = (*rows)[i][k];
        std::string note = " [" + std::to_string(n) + (n == 1 ? " row" : " rows");
        if (ms) {
          char buf[32];
          std::snprintf(buf, sizeof buf, ", %.3f ms", (*ms)[i][k]);
          note += buf;
        }
        text.insert(eol, note + "]");
      }
      size_t start = 0;
      bool first = true;
      while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        size_t lead = line.find_first_not_of(' ');
        if (lead != std::string::npos) {
          out += indent + (first ? "" : "  | ") + line.substr(lead) + "\n";
          first = false;
        }
        start = end + 1;
      }
    }
  }
  return out;
}

std::unique_ptr<Plan> planStatement(BoundStatement statement, const Graph& graph) {
  auto plan = std::make_unique<Plan>();
  plan->statement = std::move(statement);
  Planner p(*plan, graph);
  p.run();
  return plan;
}

}  // namespace silkgraph
