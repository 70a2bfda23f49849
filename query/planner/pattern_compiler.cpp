// The pattern compiler: turns one MATCH/MERGE pattern (with its WHERE conjuncts) into a
// MatchProgram. It picks the anchor (key-index seek, smallest label, full scan, or a
// relationship scan when that meets fewer relationships), orders the expansions, and places
// each WHERE conjunct as a Filter step right after the step that binds its last variable.
#include "query/planner/pattern_compiler.h"

#include <algorithm>
#include <limits>

#include "query/planner/slot_analysis.h"

namespace silkgraph {
namespace {

using Kind = MatchStep::Kind;

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

class PatternCompiler {
 public:
  PatternCompiler(const Graph& g, std::vector<bool>& bound) : g_(g), bound_(bound) {}

  std::shared_ptr<MatchProgram> compile(const BoundPattern& pattern,
                                        const std::vector<const BoundExpr*>& conjuncts) {
    program_ = std::make_shared<MatchProgram>();
    program_->boundOnEntry = bound_;
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

  bool allBound(const std::vector<Slot>& slots) const {
    return std::all_of(slots.begin(), slots.end(), [&](Slot s) { return bound_[s]; });
  }

  void addFilter(const BoundExpr* e) {
    MatchStep s{Kind::Filter};
    s.predicate = e;
    program_->steps.push_back(std::move(s));
  }

  void placeFilters() {
    for (auto& p : pending_) {
      if (p.expr && allBound(p.slots)) {
        addFilter(p.expr);
        p.expr = nullptr;
      }
    }
  }

  // Finds an index seek for the node: returns the key expression or nullptr. A label's
  // unique key index comes first, then its property indexes (CREATE INDEX); `key` receives
  // the property and `unique` which kind of index it is.
  const BoundExpr* indexKey(const BoundNodePattern& n, std::string* label,
                            std::string* key = nullptr, bool* unique = nullptr) const {
    for (const auto& l : n.labels) {
      LabelId lid = g_.labelId(l);
      if (lid == kNoLabel) continue;
      std::vector<KeyId> keys;
      if (g_.keyIndexOf(lid) != kNoKey) keys.push_back(g_.keyIndexOf(lid));
      const size_t uniqueKeys = keys.size();
      for (KeyId k : g_.propertyIndexesOf(lid)) keys.push_back(k);
      for (size_t i = 0; i < keys.size(); ++i) {
        const std::string& keyName = g_.keyName(keys[i]);
        if (const BoundExpr* e = keyExpr(n, keyName)) {
          *label = l;
          if (key) *key = keyName;
          if (unique) *unique = i < uniqueKeys;
          return e;
        }
      }
    }
    return nullptr;
  }

  // The expression the node's property `keyName` must equal (in its pattern's map or in a
  // pending WHERE equality), when everything it reads is bound; nullptr otherwise.
  const BoundExpr* keyExpr(const BoundNodePattern& n, const std::string& keyName) const {
    for (const auto& [name, expr] : n.properties)
      if (name == keyName && allBound(freeSlots(*expr))) return expr.get();
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
          if (std::find(slots.begin(), slots.end(), n.slot) == slots.end() && allBound(slots))
            return &other;
        }
      }
    }
    return nullptr;
  }

  double anchorCost(const BoundNodePattern& n, std::string* label) const {
    if (bound_[n.slot]) return 0;
    std::string l;
    bool unique = true;
    if (indexKey(n, &l, nullptr, &unique)) return unique ? 1 : 2;
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
    MatchStep s{Kind::CheckNode};
    s.node = n.slot;
    s.props = propRefs(n.properties);
    if (bound_[n.slot]) {
      s.labels = nameRefs(n.labels);
      program_->steps.push_back(std::move(s));
      return;
    }
    std::string label;
    if (const BoundExpr* key = indexKey(n, &label, &s.seekKey, &s.seekUnique)) {
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
    program_->steps.push_back(std::move(s));
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
    s.uniqueRels = relsInClause_;
    program_->steps.push_back(std::move(s));
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
    bound_[r.slot] = true;
    relsInClause_.push_back(r.slot);
    placeFilters();
    emitPath(part);
  }
};

}  // namespace

std::shared_ptr<MatchProgram> compilePattern(const Graph& graph, std::vector<bool>& bound,
                                             const BoundPattern& pattern,
                                             const std::vector<const BoundExpr*>& conjuncts) {
  PatternCompiler pc(graph, bound);
  return pc.compile(pattern, conjuncts);
}

}  // namespace silkgraph
