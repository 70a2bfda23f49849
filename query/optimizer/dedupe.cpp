// Pass `dedupe`. Pattern rewritten, over an operator chain:
//
//   Match (a)-[:T]->(b)-[:U]->(c)          Match (a)-[:T]->(b) (distinct rows)-[:U]->(c) ...
//   Aggregate count(DISTINCT c)       =>   Aggregate count(DISTINCT c)
//
// Walking a chain from its end: while the operators downstream ignore duplicate rows (a
// DISTINCT, or an aggregation whose aggregates are all DISTINCT, min or max), a match
// feeding them may drop, after an Expand or a relationship scan, rows that agree on the slots
// still needed (MatchStep::dedupe; EXPLAIN: "(distinct rows)"). Nothing nondeterministic
// (rand()) may come after the dropped rows. Runs after filter_pushdown (step indexes).
#include <algorithm>
#include <set>

#include "query/optimizer/passes.h"
#include "query/planner/slot_analysis.h"

namespace silkgraph {
namespace {

using Kind = MatchStep::Kind;

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

// The position of `slot` in the entities aggregate's list, or -1.
int whyPosition(const BoundAggregate& entities, Slot slot) {
  const auto& items = entities.arg->children;
  for (size_t k = 0; k < items.size(); ++k)
    if (items[k]->kind == BExprKind::Slot && items[k]->slot == slot) return static_cast<int>(k);
  return -1;
}

// --why: a dropped row still used its entities, so only a match right before an aggregation
// deduplicates, and hands what it drops to that aggregation (MatchStep::whyCarry): an Expand
// step that is the last of its program (its dropped rows are whole rows, in the group of the
// row they repeat), or one before whose groups depend only on what is bound by then (a
// dropped row's continuation is that of the row it repeats, and so are its groups).
void markChainWhyDedupe(PlanChain& chain) {
  for (size_t k = 0; k + 1 < chain.operators.size(); ++k) {
    auto* m = dynamic_cast<MatchOp*>(chain.operators[k].get());
    auto* a = dynamic_cast<AggregateOp*>(chain.operators[k + 1].get());
    if (!m || !a) continue;
    const BoundAggregate* entities = nullptr;
    bool ignores = true;
    std::set<Slot> need, keys;
    for (const auto& [e, slot] : a->keys()) {
      addFree(e, keys);
      ignores = ignores && !nondeterministic(e);
    }
    for (const auto& ag : a->aggregates()) {
      if (ag.kind == AggKind::Entities && !entities && ag.arg &&
          ag.arg->kind == BExprKind::ListLiteral) {
        entities = &ag;
        continue;
      }
      ignores = ignores && ignoresDuplicates(ag) && !nondeterministic(ag.arg.get()) &&
                !nondeterministic(ag.arg2.get());
      addFree(ag.arg.get(), need);
      addFree(ag.arg2.get(), need);
    }
    if (!ignores || !entities) continue;
    MatchProgram& prog = m->program();
    if (std::any_of(prog.steps.begin(), prog.steps.end(), stepNondeterministic)) continue;
    need.insert(keys.begin(), keys.end());
    markDedupe(prog, &need);
    const size_t n = prog.steps.size();
    std::vector<std::set<Slot>> binds(n);
    for (size_t i = 0; i < n; ++i) {
      std::set<Slot> reads;
      stepSlots(prog.steps[i], reads, binds[i]);
    }
    std::set<Slot> boundSoFar;
    for (size_t s = 0; s < prog.boundOnEntry.size(); ++s)
      if (prog.boundOnEntry[s]) boundSoFar.insert(static_cast<Slot>(s));
    prog.dedupes = false;
    for (size_t i = 0; i < n; ++i) {
      MatchStep& s = prog.steps[i];
      boundSoFar.insert(binds[i].begin(), binds[i].end());
      if (!s.dedupe) continue;
      const bool last = i + 1 == n;
      // A relationship needed later only for uniqueness (dedupeRetry): only when one Expand
      // follows, which can meet it at a dropped row's key node only (next() then runs it).
      bool ok = s.kind == Kind::Expand && !s.relBound && !s.toBound &&
                (!s.dedupeRetry ||
                 (i + 2 == n && prog.steps[i + 1].kind == Kind::Expand && s.dedupeKey.size() == 1 &&
                  s.dedupeKey[0] == s.to && prog.steps[i + 1].node == s.to));
      if (!last)
        ok = ok && std::includes(boundSoFar.begin(), boundSoFar.end(), keys.begin(), keys.end());
      if (!ok) {
        s.dedupe = false;
        s.dedupeKey.clear();
        s.dedupeRetry = false;
        continue;
      }
      prog.dedupes = true;
      s.whyCarry = true;
      for (size_t j = i + 1; j < n; ++j)
        s.whyLater.insert(s.whyLater.end(), binds[j].begin(), binds[j].end());
      const int rel = whyPosition(*entities, s.rel), to = whyPosition(*entities, s.to);
      s.whyRel = rel >= 0;
      s.whyTo = to >= 0;
      s.whyRelFirst = rel < to;
      s.whySummary = last && s.whyRel && s.whyTo && !keys.count(s.rel) && !keys.count(s.to);
      s.whyTwins =
          !last && s.whyRel && s.whyTo && s.dedupeKey.size() == 1 && s.dedupeKey[0] == s.to;
      s.whyTwinsUnion = s.whyTwins && !keys.count(s.rel) && !keys.count(s.to);
    }
    for (MatchStep& s : prog.steps) {
      for (int& j : s.uniqueRelStep)
        if (j >= 0 && !prog.steps[static_cast<size_t>(j)].dedupe) j = -1;
    }
  }
}

}  // namespace

void dedupeBeforeDistinct(Plan& plan, const Graph&) {
  for (auto& chain : plan.chains) {
    if (plan.why) {
      markChainWhyDedupe(chain);
    } else {
      markChainDedupe(chain);
    }
  }
}

}  // namespace silkgraph
