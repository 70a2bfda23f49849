// Implements the planner (query/planner/planner.h).
#include "query/planner/planner.h"

#include <algorithm>
#include <limits>
#include <set>

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

std::string MatchProgram::describe() const {
  std::string out;
  for (const auto& s : steps) {
    out += "\n    ";
    auto labels = [&] {
      std::string l;
      for (const auto& n : s.labels) l += ":" + n.name;
      return l;
    };
    auto types = [&] {
      std::string t;
      for (size_t i = 0; i < s.types.size(); ++i) t += (i ? "|" : ":") + s.types[i].name;
      return t;
    };
    switch (s.kind) {
      case Kind::ScanAll:
        out += "AllNodesScan";
        break;
      case Kind::ScanLabel:
        out += "NodeByLabelScan (" + labels() + ")";
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

std::string Plan::explain() const {
  std::string out;
  for (size_t i = 0; i < chains.size(); ++i) {
    if (chains.size() > 1) out += "Union part " + std::to_string(i + 1) + ":\n";
    const auto& ops = chains[i].operators;
    // Top-down, the way data is consumed: each operator reads from the one below it; the
    // steps of a pattern are listed under their Match in execution order.
    for (size_t k = ops.size(); k-- > 0;) {
      std::string indent(2 * (ops.size() - 1 - k), ' ');
      std::string text = ops[k]->describe();
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
