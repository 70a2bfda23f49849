// The clause planner (query/planner/planner.h): one operator chain per UNION part, clause by
// clause; patterns go to the pattern compiler. The optimizer (query/optimizer) rewrites the
// plan afterwards.
#include "query/planner/planner.h"

#include <algorithm>
#include <set>

#include "query/planner/match_program.h"
#include "query/planner/pattern_compiler.h"
#include "query/planner/provenance_plan.h"
#include "query/planner/slot_analysis.h"

namespace silkgraph {
namespace {

class Planner {
 public:
  Planner(Plan& plan, const Graph& g) : plan_(plan), g_(g) {}

  void run() {
    auto& st = plan_.statement;
    plan_.chains.reserve(st.queries.size());
    for (auto& q : st.queries) {
      bound_.assign(st.slotCount, false);
      whySlots_.clear();
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
  // --why: the entity slots of the matches since the last aggregation (provenance_plan.h).
  std::vector<Slot> whySlots_;

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
    auto prog = compilePattern(g_, bound_, p, conj);
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
            nk == ast::ClauseKind::Unwind || nk == ast::ClauseKind::Call ||
            nk == ast::ClauseKind::LoadCsv)
          add(std::make_unique<EagerOp>());
      }
    }
    if (plan_.why && !q.columns.empty()) {
      std::vector<Slot> slots{plan_.whySlot};
      slots.insert(slots.end(), whySlots_.begin(), whySlots_.end());
      add(std::make_unique<ProvenanceOp>(std::move(slots), &chain_->why));
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
        if (plan_.why) addPatternSlots(c.pattern, whySlots_);
        break;
      }
      case ast::ClauseKind::Unwind:
        compileExpr(*c.expr);
        add(std::make_unique<UnwindOp>(c.expr.get(), c.slot));
        bound_[c.slot] = true;
        break;
      case ast::ClauseKind::LoadCsv:
        compileExpr(*c.expr);
        add(std::make_unique<LoadCsvOp>(c.expr.get(), c.slot, c.withHeaders, c.fieldTerminator,
                                        c.pos));
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
        if (plan_.why) addPatternSlots(c.pattern, whySlots_);
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
      case ast::ClauseKind::Call:
        for (auto& a : c.args) compileExpr(*a);
        add(std::make_unique<CallOp>(&c));
        for (Slot s : c.newSlots) bound_[s] = true;
        for (auto& w : c.whereConjuncts) {
          compileExpr(*w);
          add(std::make_unique<FilterOp>(w.get()));
        }
        break;
    }
  }

  // --why: DISTINCT as a grouping by its items, so that each row kept gets the entities of
  // every row it stands for.
  void planWhyDistinct(BoundProjection& p) {
    std::vector<std::pair<const BoundExpr*, Slot>> keys;
    for (auto& item : p.items) {
      plan_.ownedExprs.push_back(slotExpr(item.slot));
      keys.emplace_back(plan_.ownedExprs.back().get(), item.slot);
    }
    p.aggregates.push_back(entitiesAggregate(plan_.whySlot, whySlots_));
    whySlots_.clear();
    add(std::make_unique<AggregateOp>(std::move(keys), &p.aggregates, plan_.statement.slotCount));
  }

  void compileSetItem(BoundSetItem& s) {
    compileExpr(*s.target);
    if (s.value) compileExpr(*s.value);
  }

  void planProjection(BoundProjection& p) {
    bool aggregating = !p.aggregates.empty();
    if (plan_.why && aggregating) {
      p.aggregates.push_back(entitiesAggregate(plan_.whySlot, whySlots_));
      whySlots_.clear();
    }
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
    if (p.distinct && plan_.why && !aggregating) {
      planWhyDistinct(p);
    } else if (p.distinct) {
      std::vector<Slot> slots;
      for (auto& item : p.items) slots.push_back(item.slot);
      add(std::make_unique<DistinctOp>(std::move(slots)));
    }
    if (p.skip) compileExpr(*p.skip);
    if (p.limit) compileExpr(*p.limit);
    if (!p.orderBy.empty()) {
      std::vector<std::pair<const BoundExpr*, bool>> keys;
      for (auto& s : p.orderBy) {
        compileExpr(*s.expr);
        keys.emplace_back(s.expr.get(), s.descending);
      }
      add(std::make_unique<SortOp>(std::move(keys), -1));  // top_k may bound it
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

std::unique_ptr<Plan> planStatement(BoundStatement statement, const Graph& graph, bool why) {
  auto plan = std::make_unique<Plan>();
  plan->statement = std::move(statement);
  if (why) {
    plan->why = true;
    plan->whySlot = plan->statement.slotCount++;
    plan->statement.slotNames.push_back("  sources");
  }
  Planner p(*plan, graph);
  p.run();
  return plan;
}

}  // namespace silkgraph
