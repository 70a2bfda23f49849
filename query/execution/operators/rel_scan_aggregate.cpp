// Implements RelScanAggregateOp (query/execution/operators/rel_scan_aggregate.h): batches of
// relationships summed straight from the property columns, and whole id ranges split
// between threads.
#include "query/execution/operators/rel_scan_aggregate.h"

#include <algorithm>
#include <thread>

#include "query/execution/why_index.h"
#include "query/execution/why_table.h"

namespace silkgraph {

using T = Value::Type;

std::string RelScanAggregateOp::describe() const {
  return (expand_ ? "Expand" : "RelationshipScan") + AggregateOp::describe();
}

bool RelScanAggregateOp::typedShape(const std::vector<std::pair<const BoundExpr*, Slot>>& keys,
                                    const std::vector<BoundAggregate>& aggs,
                                    const MatchStep& step) {
  auto propertyOf = [](const BoundExpr* e, std::initializer_list<Slot> slots) {
    return e && e->kind == BExprKind::Property && e->children[0]->kind == BExprKind::Slot &&
           std::find(slots.begin(), slots.end(), e->children[0]->slot) != slots.end();
  };
  if (keys.size() > 1 ||
      (!keys.empty() && !propertyOf(keys[0].first, {step.rel, step.node, step.to})))
    return false;
  return std::all_of(aggs.begin(), aggs.end(), [&](const BoundAggregate& a) {
    return a.kind == AggKind::CountStar || a.kind == AggKind::Entities ||
           ((a.kind == AggKind::Sum || a.kind == AggKind::Avg) && !a.distinct &&
            propertyOf(a.arg.get(), {step.rel}));
  });
}

bool RelScanAggregateOp::typedColumns(const MatchStep& step, const PropertyColumn*& keyCol,
                                      std::vector<const PropertyColumn*>& argCols, bool why) {
  // Typed loops when the arguments are the relationship's properties and the key is a string
  // property of it or of one of its ends (grouped by dictionary id) or absent: count(*), sum
  // or avg.
  auto propertyOf = [&](const BoundExpr* e, Slot slot) {
    return e && e->kind == BExprKind::Property && e->children[0]->kind == BExprKind::Slot &&
           e->children[0]->slot == slot;
  };
  auto relProperty = [&](const BoundExpr* e) { return propertyOf(e, step.rel); };
  const GraphView g = ctx->graph.view();
  auto column = [&](const BoundExpr* e, bool rel = true) -> const PropertyColumn* {
    if (e->keyCache == kNoKey) e->keyCache = ctx->graph.keyId(e->name);
    std::span<const PropertyColumn> cols = rel ? g.relColumns() : g.nodeColumns();
    return e->keyCache < cols.size() ? &cols[e->keyCache] : nullptr;
  };
  keyCol = nullptr;
  keyEnd_ = KeyEnd::Rel;
  whyAgg_ = -1;
  argCols.assign(aggs_->size(), nullptr);
  if (keys_.size() > 1) return false;
  if (!keys_.empty()) {
    const BoundExpr* key = keys_[0].first;
    if (relProperty(key)) {
      keyCol = column(key);
    } else if (propertyOf(key, step.node) || propertyOf(key, step.to)) {
      keyEnd_ = propertyOf(key, step.to) ? KeyEnd::To : KeyEnd::From;
      keyCol = column(key, false);
    } else {
      return false;
    }
    if (!keyCol || keyCol->kind() != PropertyColumn::Kind::String) return false;
  }
  for (size_t i = 0; i < aggs_->size(); ++i) {
    const BoundAggregate& a = (*aggs_)[i];
    if (a.kind == AggKind::CountStar) continue;
    if (a.kind == AggKind::Entities && why && whyAgg_ < 0 && whyColumns(step, a)) {
      whyAgg_ = static_cast<int>(i);
      continue;
    }
    if ((a.kind != AggKind::Sum && a.kind != AggKind::Avg) || a.distinct ||
        !relProperty(a.arg.get()))
      return false;
    argCols[i] = column(a.arg.get());
  }
  return true;
}

bool RelScanAggregateOp::whyColumns(const MatchStep& step, const BoundAggregate& a) {
  whyRoles_.clear();
  if (!ctx->why || !ctx->why->whole() || !a.arg || a.arg->kind != BExprKind::ListLiteral ||
      a.arg->children.empty())
    return false;
  // The list of slots entitiesAggregate made (query/planner/provenance_plan.h): the hidden
  // slot first, then the pattern's.
  for (size_t k = 0; k < a.arg->children.size(); ++k) {
    const BoundExpr& e = *a.arg->children[k];
    if (e.kind != BExprKind::Slot) return false;
    if (k == 0) {
      whyHidden_ = e.slot;
    } else if (e.slot == step.node) {
      whyRoles_.push_back(WhyRole::From);
    } else if (e.slot == step.rel) {
      whyRoles_.push_back(WhyRole::Rel);
    } else if (e.slot == step.to) {
      whyRoles_.push_back(WhyRole::To);
    } else {
      return false;
    }
  }
  return true;
}

void RelScanAggregateOp::gatherWhy(AggState& st, RelId r, NodeId from, NodeId to) {
  const WhyTable& t = *ctx->why->table();
  WhyGather& gather = whyOf(st);
  for (WhyRole role : whyRoles_) {
    Value kept;
    if (role == WhyRole::Rel) {
      const uint32_t e = r < t.rels.size() ? t.rels[r] : 0;
      if (!whyBringsRel(gather, r, e & ~WhyTable::kConflict, (e & WhyTable::kConflict) != 0))
        continue;
      kept = Value(RelRef{r});
    } else {
      const NodeId n = role == WhyRole::From ? from : to;
      if (!whyBrings(gather, n < t.nodes.size() ? t.nodes[n] : 0)) continue;
      kept = Value(NodeRef{n});
    }
    ctx->hold(kept);
    st.values.push_back(std::move(kept));
  }
}

bool RelScanAggregateOp::pushRels(Row& row, const MatchStep& step, const RelId* rels, size_t n) {
  const PropertyColumn* keyCol = nullptr;
  constexpr size_t kMaxTyped = 8;
  if (aggs_->size() > kMaxTyped) return Operator::pushRels(row, step, rels, n);
  std::vector<const PropertyColumn*>& argCols = typedArgCols_;
  if (!typedColumns(step, keyCol, argCols, true) || (whyAgg_ >= 0 && !row[whyHidden_].isNull()))
    return Operator::pushRels(row, step, rels, n);
  const GraphView g = ctx->graph.view();
  ctx->poll();
  bool in = step.dir == Direction::In;
  auto setRow = [&](RelId r) {
    row[step.rel].setRel(r);
    row[step.node].setNode(in ? g.relTargets()[r] : g.relSources()[r]);
    row[step.to].setNode(in ? g.relSources()[r] : g.relTargets()[r]);
  };
  // The id the key is read at: the relationship, or the end node the key is a property of.
  const bool keyOnEnd = keyEnd_ != KeyEnd::Rel;
  const NodeIds keyEnds = !keyOnEnd                          ? NodeIds()
                          : (keyEnd_ == KeyEnd::From) == !in ? g.relSources()
                                                             : g.relTargets();
  for (size_t k = 0; k < n; ++k) {
    RelId r = rels[k];
    size_t group;
    if (!keyCol) {
      if (groups_.empty()) {
        setRow(r);
        newGroup(row, Value());
      }
      group = 0;
    } else {
      const uint32_t at = keyOnEnd ? keyEnds[r] : r;
      uint32_t w;
      if (keyCol->has(at) && (w = keyCol->wordAt(at)) < byWord_.size() && byWord_[w] != 0) {
        group = byWord_[w] - 1;
      } else {
        setRow(r);
        if (!push(row)) return false;  // a new group, or a null key
        continue;
      }
    }
    AggState* states = statesOf(group);
    if (whyAgg_ >= 0)
      gatherWhy(states[whyAgg_], r, in ? g.relTargets()[r] : g.relSources()[r],
                in ? g.relSources()[r] : g.relTargets()[r]);
    for (size_t i = 0; i < aggs_->size(); ++i) {
      AggState& st = states[i];
      if ((*aggs_)[i].kind == AggKind::CountStar) {
        ++st.count;
        continue;
      }
      const PropertyColumn* c = argCols[i];
      if (!c || !c->has(r)) continue;  // null
      if (c->kind() == PropertyColumn::Kind::Float) {
        ++st.count;
        st.sumIsFloat = true;
        st.fsum += c->floatAt(r);
      } else if (c->kind() == PropertyColumn::Kind::Int32 ||
                 c->kind() == PropertyColumn::Kind::Int64) {
        int64_t v = c->intAt(r);
        ++st.count;
        st.fsum += static_cast<double>(v);
        if (__builtin_add_overflow(st.isum, v, &st.isum))
          throwRuntime(ErrorKind::ArgumentError, "integer overflow in sum()", "IntegerOverflow");
      } else {
        setRow(r);
        update(st, (*aggs_)[i], row);
      }
    }
  }
  return true;
}

const std::vector<Value>* RelScanAggregateOp::whySummaries(const MatchStep& step, const Row& row,
                                                           std::span<const uint8_t> want,
                                                           RelId begin, RelId end) {
  const WhyTable* t = ctx->why ? ctx->why->table() : nullptr;
  // The summaries are of every relationship the table knows; a view hides some.
  if (!t || ctx->view || !row[whyHidden_].isNull() || begin != 0 || end != t->rels.size())
    return nullptr;
  uint8_t ends = 0;
  const bool in = step.dir == Direction::In;
  for (WhyRole role : whyRoles_)
    ends |= role == WhyRole::Rel             ? WhyTable::kScanRel
            : (role == WhyRole::From) == !in ? WhyTable::kScanSource
                                             : WhyTable::kScanTarget;
  const KeyId key = keys_.empty() ? kNoKey : keys_[0].first->keyCache;
  return &t->scanSummaries(ctx->graph, want, key, ends);
}

int64_t RelScanAggregateOp::rangeGroup(Row& row, bool keyed) {
  if (keys_.empty()) {
    if (groups_.empty()) newGroup(row, Value());
    return 0;
  }
  if (keyed) return groupByWord(row);
  Value nullKey;
  auto it = index_.find(nullKey);
  return static_cast<int64_t>(it == index_.end() ? newGroup(row, nullKey) : it->second);
}

void RelScanAggregateOp::keepWhySummary(AggState& st, const std::vector<Value>& why, size_t at) {
  WhyGather& gather = whyOf(st);
  if (at >= why.size() || why[at].isNull()) return;  // a word added since: no relationship has it
  const size_t before = st.values.size();
  gatherEntities(*ctx->why, why[at], gather, st.values);
  for (size_t k = before; k < st.values.size(); ++k) ctx->hold(st.values[k]);
}

int RelScanAggregateOp::pushRelRange(Row& row, const MatchStep& step, RelId begin, RelId end,
                                     std::span<const uint8_t> want, bool& any) {
  // Accumulators per (dictionary id, aggregate) and thread: only for small dictionaries.
  constexpr size_t kMaxWords = 1 << 16;
  unsigned threads = std::min(ctx->threads, 8u);
  const GraphView g = ctx->graph.view();
  const PropertyColumn* keyCol = nullptr;
  std::vector<const PropertyColumn*> argCols;
  // --why's entities aggregate takes each group's summary from the table (whySummaries), the
  // sums are made as without --why; on one thread below relScanThreadMinIds.
  const std::vector<Value>* why = nullptr;
  if (!typedColumns(step, keyCol, argCols, true) || keyEnd_ != KeyEnd::Rel) return -1;
  if (whyAgg_ >= 0) {
    if (!(why = whySummaries(step, row, want, begin, end))) return -1;
    if (end - begin < relScanThreadMinIds) threads = 1;
  } else if (threads < 2 || end - begin < relScanThreadMinIds) {
    return -1;
  }
  for (const PropertyColumn* c : argCols) {
    if (c && c->kind() != PropertyColumn::Kind::Float && c->kind() != PropertyColumn::Kind::Int32 &&
        c->kind() != PropertyColumn::Kind::Int64)
      return -1;  // a mixed column: the row-by-row path converts each value
  }
  const size_t words = keyCol ? g.strings().size() : 0;
  if (words > kMaxWords) return -1;
  const size_t slots = words + 1;  // the last: a null key (or the only group without a key)
  const size_t naggs = aggs_->size();

  struct Acc {
    int64_t count = 0;
    int64_t isum = 0;
    double fsum = 0;
  };
  struct Part {
    std::vector<RelId> first;  // per slot: its first relationship id, kInvalidId if none
    std::vector<Acc> acc;      // slots * aggregates
    bool overflow = false;
    bool cancelled = false;
  };
  std::vector<Part> parts(threads);
  for (Part& p : parts) {  // allocated here: a helper thread must not throw
    p.first.assign(slots, kInvalidId);
    p.acc.assign(slots * naggs, Acc{});
  }
  // Fetched here, not in the threads: the first fetch may run the deferred checks of a graph
  // just opened from a file, which throw on damage.
  const TypeId* relType = g.relTypes().data();
  const uint64_t* dead = g.relDeadBits().data();
  const ValidView* const view = ctx->view;
  // Compiled with and without a view date: without one, no test per relationship.
  auto scan = [&]<bool kView>(unsigned t, RelId from, RelId to) noexcept {
    Part& p = parts[t];
    for (RelId r = from; r < to; ++r) {
      if ((r & 0xFFFF) == 0 && ctx->limits.stopRequested()) {
        p.cancelled = true;
        return;
      }
      if ((dead[r / 64] >> (r % 64)) & 1) continue;
      if (!want.empty() && (relType[r] >= want.size() || !want[relType[r]])) continue;
      if constexpr (kView) {
        if (!view->rel(r)) continue;
      }
      size_t slot = keyCol && keyCol->has(r) ? keyCol->wordAt(r) : words;
      if (p.first[slot] == kInvalidId) p.first[slot] = r;
      Acc* acc = &p.acc[slot * naggs];
      for (size_t i = 0; i < naggs; ++i) {
        const PropertyColumn* c = argCols[i];
        if ((*aggs_)[i].kind == AggKind::CountStar) {
          ++acc[i].count;
        } else if (c && c->has(r)) {
          ++acc[i].count;
          if (c->kind() == PropertyColumn::Kind::Float) {
            acc[i].fsum += c->floatAt(r);
          } else {
            int64_t v = c->intAt(r);
            acc[i].fsum += static_cast<double>(v);
            p.overflow |= __builtin_add_overflow(acc[i].isum, v, &acc[i].isum);
          }
        }
      }
    }
  };
  auto work = [&](unsigned t, RelId from, RelId to) noexcept {
    if (view) {
      scan.template operator()<true>(t, from, to);
    } else {
      scan.template operator()<false>(t, from, to);
    }
  };
  // Equal shares of the id range; the calling thread takes the first.
  std::vector<std::thread> helpers;
  struct JoinAll {  // also when starting a thread fails part-way
    std::vector<std::thread>& threads;
    ~JoinAll() {
      for (auto& t : threads)
        if (t.joinable()) t.join();
    }
  } joinAll{helpers};
  const RelId share = (end - begin + threads - 1) / threads;
  for (unsigned t = 1; t < threads; ++t) {
    RelId from = std::min<RelId>(end, begin + t * share);
    RelId to = std::min<RelId>(end, from + share);
    helpers.emplace_back(work, t, from, to);
  }
  work(0, begin, std::min<RelId>(end, begin + share));
  for (auto& h : helpers) h.join();
  for (const Part& p : parts) {
    if (p.cancelled) ctx->limits.check();  // throws Cancelled, naming the timeout if it was that
    if (p.overflow)
      throwRuntime(ErrorKind::ArgumentError, "integer overflow in sum()", "IntegerOverflow");
  }
  // Groups in the order one thread would have made them: by their first relationship.
  std::vector<std::pair<RelId, size_t>> order;
  for (size_t slot = 0; slot < slots; ++slot) {
    RelId first = kInvalidId;
    for (const Part& p : parts) first = std::min(first, p.first[slot]);
    if (first != kInvalidId) order.emplace_back(first, slot);
  }
  std::sort(order.begin(), order.end());
  bool in = step.dir == Direction::In;
  for (const auto& [first, slot] : order) {
    any = true;
    row[step.rel].setRel(first);
    row[step.node].setNode(in ? g.relTargets()[first] : g.relSources()[first]);
    row[step.to].setNode(in ? g.relSources()[first] : g.relTargets()[first]);
    const int64_t group = rangeGroup(row, slot < words);
    if (group < 0) return -1;  // cannot happen: the key is a dictionary string
    AggState* states = statesOf(group);
    if (why) keepWhySummary(states[whyAgg_], *why, slot == words ? why->size() - 1 : slot);
    for (size_t i = 0; i < naggs; ++i) {  // (the entities aggregate's sums are empty)
      AggState& st = states[i];
      for (const Part& p : parts) {
        const Acc& a = p.acc[slot * naggs + i];
        if (a.count == 0) continue;
        st.count += a.count;
        const PropertyColumn* c = argCols[i];
        if ((*aggs_)[i].kind == AggKind::CountStar || !c) continue;
        st.fsum += a.fsum;
        if (c->kind() == PropertyColumn::Kind::Float) {
          st.sumIsFloat = true;
        } else if (__builtin_add_overflow(st.isum, a.isum, &st.isum)) {
          throwRuntime(ErrorKind::ArgumentError, "integer overflow in sum()", "IntegerOverflow");
        }
      }
    }
  }
  return 1;
}

}  // namespace silkgraph
