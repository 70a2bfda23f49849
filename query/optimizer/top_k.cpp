// Pass `top_k`. Pattern rewritten, over an operator chain:
//
//   Match (p:Person)                       Match (p:Person) (top-k bound on age)
//   Sort p.age DESC                   =>   Top (10) p.age DESC
//   Limit 10                               Limit 10
//
// ORDER BY followed by SKIP/LIMIT written as literals keeps only the top SKIP + LIMIT rows
// (EXPLAIN: "Top (K)"). When the first sort key is, through projections and filters, a
// property of what a match step binds, the step gets the sort's current K-th value once the
// sort holds K rows and skips candidates that rank strictly after it (MatchStep::top;
// EXPLAIN: "(top-k bound on KEY)").
#include "query/optimizer/passes.h"
#include "query/planner/slot_analysis.h"

namespace silkgraph {
namespace {

using Kind = MatchStep::Kind;

// The value of a SKIP/LIMIT written as a literal, or -1 (absent or known only at run time).
int64_t literalCount(const BoundExpr* e) {
  if (!e || e->kind != BExprKind::Literal || e->value.type() != Value::Type::Int) return -1;
  return e->value.asInt();
}

// A sort followed by SKIP/LIMIT written as literals keeps only SKIP + LIMIT rows.
void setTopK(PlanChain& chain) {
  auto& ops = chain.operators;
  for (size_t k = 0; k + 1 < ops.size(); ++k) {
    auto* sort = dynamic_cast<SortOp*>(ops[k].get());
    auto* sl = dynamic_cast<SkipLimitOp*>(ops[k + 1].get());
    if (!sort || !sl) continue;
    int64_t skip = sl->skip() ? literalCount(sl->skip()) : 0;
    int64_t limit = literalCount(sl->limit());
    if (limit >= 0 && skip >= 0) sort->setTopK(skip + limit);
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

}  // namespace

void boundTopK(Plan& plan, const Graph&) {
  for (auto& chain : plan.chains) {
    setTopK(chain);
    linkTopBounds(chain);
  }
}

}  // namespace silkgraph
