// Pattern matcher: runs a MatchProgram depth-first over the graph (query/planner/match_program.h).
// Each step binds or checks slots of the row and recurses into the next step; the hot loops
// (scans and expansions) do not allocate. Pushed property predicates are checked on the
// columns before a row is built (prop_predicate.h); steps marked `dedupe` drop rows that agree
// with an earlier one on the slots still needed (match_state.h).
#include <algorithm>
#include <array>
#include <deque>
#include <unordered_map>
#include <utility>

#include "common/assert.h"
#include "query/execution/context.h"
#include "query/execution/distinct_expand.h"
#include "query/execution/match_state.h"
#include "query/execution/order_range.h"
#include "query/execution/prop_predicate.h"
#include "query/execution/shortest_path.h"
#include "query/execution/why_carry.h"
#include "query/execution/why_index.h"
#include "query/function/value_ops.h"
#include "query/planner/match_program.h"

namespace silkgraph {
namespace {

using T = Value::Type;
using Kind = MatchStep::Kind;

// Resolves label names; false when some label does not exist (so nothing can match).
bool resolveLabels(const std::vector<NameRef>& names, const Graph& g) {
  for (const auto& n : names) {
    if (n.cached == UINT32_MAX) {
      LabelId id = g.labelId(n.name);
      if (id == kNoLabel) return false;
      n.cached = id;
    }
  }
  return true;
}

bool resolveKeys(const std::vector<std::pair<std::string, const BoundExpr*>>& props,
                 std::vector<KeyId>& keys, const Graph& g) {
  if (keys.size() == props.size()) return true;
  keys.clear();
  for (const auto& [name, e] : props) {
    KeyId k = g.keyId(name);
    if (k == kNoKey) {
      keys.clear();
      return false;
    }
    keys.push_back(k);
  }
  return true;
}

bool nodeMatches(const std::vector<NameRef>& labels,
                 const std::vector<std::pair<std::string, const BoundExpr*>>& props,
                 std::vector<KeyId>& keys, NodeId n, Row& row, ExecContext& ctx) {
  if (ctx.view && !ctx.view->node(n)) return false;
  for (const auto& l : labels) {
    if (!ctx.graph.hasLabel(n, static_cast<LabelId>(l.cached))) return false;
  }
  if (props.empty()) return true;
  if (!resolveKeys(props, keys, ctx.graph)) return false;
  for (size_t i = 0; i < props.size(); ++i) {
    Value want = evaluate(*props[i].second, row, ctx);
    if (cypherEquals(ctx.graph.nodeProperty(n, keys[i]), want) != Tri::True) return false;
  }
  return true;
}

bool relMatches(const MatchStep& s, RelId r, Row& row, ExecContext& ctx) {
  if (ctx.view && !ctx.view->rel(r)) return false;
  if (s.relProps.empty()) return true;
  if (!resolveKeys(s.relProps, s.relPropKeys, ctx.graph)) return false;
  for (size_t i = 0; i < s.relProps.size(); ++i) {
    Value want = evaluate(*s.relProps[i].second, row, ctx);
    if (cypherEquals(ctx.graph.relProperty(r, s.relPropKeys[i]), want) != Tri::True) return false;
  }
  return true;
}

// Type ids to expand over; empty result with `any` false means: no type exists, no match.
bool resolveTypes(const MatchStep& s, const Graph& g, TypeId* out, size_t& count) {
  count = 0;
  if (s.types.empty()) {
    out[count++] = kNoType;
    return true;
  }
  for (const auto& t : s.types) {
    if (t.cached == UINT32_MAX) {
      TypeId id = g.typeId(t.name);
      if (id == kNoType) continue;
      t.cached = id;
    }
    if (count < 16) out[count++] = static_cast<TypeId>(t.cached);
  }
  return count > 0;
}

// One run of a program for one input row.
struct Run {
  const MatchProgram& p;
  ExecContext& ctx;
  const RowSink& sink;
  MatchState* state;  // null: no duplicate elimination
  // --why: the step whose dropped rows its summary already counts (MatchStep::whySummary).
  size_t silentStep = SIZE_MAX;
  bool whyCovered = false;  // the steps from here on walk as without --why (whyTwoHops)
};

bool runStep(Run& run, size_t i, Row& row);

// Counts a uniqueness rejection against the relationship of a deduplicating step.
bool relUsed(Run& run, const MatchStep& s, RelId r, const Row& row) {
  for (size_t k = 0; k < s.uniqueRels.size(); ++k) {
    const Value& v = row[s.uniqueRels[k]];
    bool hit = false;
    if (v.type() == T::Rel) {
      hit = v.asRel() == r;
    } else if (v.type() == T::List) {
      for (const auto& x : v.asList()) {
        if (x.type() == T::Rel && x.asRel() == r) {
          hit = true;
          break;
        }
      }
    }
    if (hit) {
      if (run.state && k < s.uniqueRelStep.size() && s.uniqueRelStep[k] >= 0)
        ++run.state->steps[static_cast<size_t>(s.uniqueRelStep[k])].conflicts;
      return true;
    }
  }
  return false;
}

// The pushed predicates of a step, made ready on first use (a step may meet no candidate).
struct Predicates {
  Predicates(const MatchStep& step, Row& r, ExecContext& c) : s(step), row(r), ctx(c) {}
  const MatchStep& s;
  Row& row;
  ExecContext& ctx;
  ReadyPredicate ready[kMaxPushedPredicates];
  bool prepared = false;
  bool hasFrom = false, hasTo = false;
  uint32_t relMask = 0;  // bit k: predicate k is on the relationship
  // Bit k: predicate k holds for every relationship now visited (a seek's range satisfies it
  // exactly, query/execution/order_range.h), so rel() does not test it.
  uint32_t skipRel = 0;

  void prepare() {
    for (size_t k = 0; k < s.preds.size(); ++k) {
      ready[k].prepare(s.preds[k], row, ctx);
      if (s.preds[k].target == PropPredicate::Target::Rel) relMask |= uint32_t{1} << k;
      hasFrom |= s.preds[k].target == PropPredicate::Target::From;
      hasTo |= s.preds[k].target == PropPredicate::Target::To;
    }
    prepared = true;
  }
  bool check(PropPredicate::Target t, uint32_t id, uint32_t skip = 0) {
    if (!prepared) prepare();
    const GraphView g = ctx.graph.view();
    for (size_t k = 0; k < s.preds.size(); ++k) {
      if (ready[k].target() == t && !((skip >> k) & 1) && !ready[k].holds(g, id)) return false;
    }
    return true;
  }
  bool hasRelPredicates() const {
    return std::any_of(s.preds.begin(), s.preds.end(), [](const PropPredicate& p) {
      return p.target == PropPredicate::Target::Rel;
    });
  }
  bool rel(RelId r) {
    return s.preds.empty() || (prepared && (relMask & ~skipRel) == 0) ||
           check(PropPredicate::Target::Rel, r, skipRel);
  }
  bool from(NodeId n) {
    return s.preds.empty() || ((prepared && !hasFrom) || check(PropPredicate::Target::From, n));
  }
  bool to(NodeId n) {
    return s.preds.empty() || ((prepared && !hasTo) || check(PropPredicate::Target::To, n));
  }
};

// The step's top-K bound (MatchStep::top): false for a candidate that ranks strictly after
// the K-th row the sort holds, on the sort's first key.
struct TopCheck {
  const MatchStep& s;
  ExecContext& ctx;
  KeyId key = kNoKey;
  bool resolved = false;

  bool ok(PropPredicate::Target t, uint32_t id) {
    if (!s.top || t != s.topTarget || !s.top->active) return true;
    const TopBound& b = *s.top;
    if (!resolved) {
      key = ctx.graph.keyId(s.topKey);
      resolved = true;
    }
    const GraphView g = ctx.graph.view();
    std::span<const PropertyColumn> cols =
        t == PropPredicate::Target::Rel ? g.relColumns() : g.nodeColumns();
    const PropertyColumn* c = key < cols.size() ? &cols[key] : nullptr;
    bool present = c && c->has(id);
    if (present && c->kind() == PropertyColumn::Kind::Float && b.bound.type() == T::Float) {
      double v = c->floatAt(id), w = b.bound.asFloat();
      if (v == v && w == w) return b.descending ? v >= w : v <= w;  // neither is NaN
    } else if (present && b.bound.type() == T::Int &&
               (c->kind() == PropertyColumn::Kind::Int32 ||
                c->kind() == PropertyColumn::Kind::Int64)) {
      int64_t v = c->intAt(id), w = b.bound.asInt();
      return b.descending ? v >= w : v <= w;
    }
    int cmp = Value::orderCompare(present ? c->get(id, g.strings()) : Value(), b.bound);
    return b.descending ? cmp >= 0 : cmp <= 0;
  }
};

bool handWhy(Run& run, const MatchStep& s, Row& row, const Value* carry) {
  return handWhyRow(*run.state, s, row, carry);
}

// Continues after step i, dropping the row when the step deduplicates and an earlier row of
// this input row agreed on the step's key.
bool next(Run& run, size_t i, const MatchStep& s, Row& row) {
  if (!s.dedupe || !run.state || !run.p.dedupes) return runStep(run, i + 1, row);
  MatchState& st = *run.state;
  bool isNode = false;
  NodeId node = 0;
  uint64_t other = 0;
  if (!s.dedupeKey.empty()) {
    const Value& v = row[s.dedupeKey[0]];
    if (v.type() == T::Node && v.asNode() < MatchState::kStampLimit) {
      isNode = true;
      node = v.asNode();
    } else if (v.type() == T::Node) {
      other = (uint64_t{3} << 32) | v.asNode();  // beyond the stamp arrays' reach
    } else if (v.type() == T::Rel) {
      other = (uint64_t{1} << 32) | v.asRel();
    } else if (v.isNull()) {
      other = uint64_t{2} << 32;
    } else {
      return runStep(run, i + 1, row);  // not a key the seen-sets hold
    }
  }
  MatchState::Seen seen = isNode ? st.seenNode(i, node) : st.seenOther(i, other);
  if (seen == MatchState::Seen::Done) {
    // --why: the dropped row still counts for its entities, if the row it repeats went on.
    if (!s.whyCarry || run.silentStep == i || run.whyCovered) return true;
    // Its relationship may be one the next step must skip (dedupeRetry): then its
    // continuation is not the repeated row's, and it runs.
    if (s.dedupeRetry && mayMeet(run.ctx.graph, run.p.steps[i + 1], row[s.rel], row[s.to]))
      return runStep(run, i + 1, row);
    bool went = isNode ? st.emittedNode(i, node) : st.emittedOther(i, other);
    return !went || handWhy(run, s, row, nullptr);
  }
  if (seen == MatchState::Seen::Retry) return runStep(run, i + 1, row);
  auto mark = [&](MatchState::Seen how) {
    if (isNode) {
      st.markNode(i, node, how);
    } else {
      st.markOther(i, other, how);
    }
  };
  mark(MatchState::Seen::Done);
  uint64_t before = st.steps[i].conflicts, emitted = st.emitted;
  bool keepGoing = runStep(run, i + 1, row);
  if (s.dedupeRetry && st.steps[i].conflicts != before) mark(MatchState::Seen::Retry);
  if (s.whyCarry && st.emitted != emitted) {
    if (isNode) {
      st.markEmittedNode(i, node);
    } else {
      st.markEmittedOther(i, other);
    }
  }
  return keepGoing;
}

bool checkTarget(const MatchStep& s, NodeId other, Row& row, ExecContext& ctx) {
  if (s.toBound) {
    const Value& t = row[s.to];
    return t.type() == T::Node && t.asNode() == other;
  }
  return nodeMatches(s.labels, s.props, s.propKeys, other, row, ctx);
}

// The relationships the last step of a match hands its consumer in batches
// (MatchState::relBatch), with the input row.
struct RelBuffer {
  RelBuffer(Run& r, const MatchStep& step, Row& input) : run(r), s(step), row(input) {}
  Run& run;
  const MatchStep& s;
  Row& row;
  std::array<RelId, 256> ids;
  size_t size = 0;
  bool add(RelId r) {
    ids[size++] = r;
    if (size < ids.size()) return true;
    run.ctx.poll();
    return flush();
  }
  bool flush() {
    const size_t m = size;
    size = 0;
    return m == 0 || run.state->relBatch(row, s, ids.data(), m);
  }
};

// Whether an expansion's target passes its checks, remembered per node (256 slots) when they
// read the node alone: along a seek's part of a row the same nodes recur.
struct TargetMemo {
  explicit TargetMemo(bool enabled) : on(enabled) {}
  bool on;
  std::array<uint64_t, 256> slots;  // (node << 1 | passed), ~0: none
  bool ready = false;
  size_t seen = 0;
  template <typename Check>
  bool check(NodeId n, Check&& checkNode) {
    // Not worth making the slots for the few entries of most rows.
    if (!on || ++seen <= 32) return checkNode();
    if (!ready) {
      slots.fill(~uint64_t{0});
      ready = true;
    }
    uint64_t& slot = slots[n % slots.size()];
    if ((slot >> 1) == n) return (slot & 1) != 0;
    const bool ok = checkNode();
    slot = (uint64_t{n} << 1) | (ok ? 1 : 0);
    return ok;
  }
};

// The part [lo, hi] of n's row of type t that a seek the optimizer chose (adjacency_seek)
// visits, when the type's order is still valid; false to visit the whole row. Sets
// preds.skipRel to the filters the range satisfies exactly, which need no test when every
// entry visited is in it: no delta, and no twins walked outside it (--why).
bool seekRange(GraphView g, const MatchStep& s, Predicates& preds, NodeId n, TypeId t, uint64_t& lo,
               uint64_t& hi) {
  if (!preds.hasRelPredicates() || !g.orderUsable(t) || n >= g.csrVertices(t)) return false;
  const std::span<const uint32_t> rows = g.rowStarts(t, s.dir);
  if (rows[n + 1] <= rows[n]) return false;
  if (!preds.prepared) preds.prepare();
  bool empty;
  uint32_t exact;
  if (!orderRange(g, t, s, preds.ready, lo, hi, empty, exact) && !empty) return false;
  if (empty) {
    lo = 1;
    hi = 0;  // no compacted relationship; the delta still
  }
  preds.skipRel = g.hasDelta(t) || s.whyCarry ? 0 : exact;
  return true;
}

// An expansion whose relationship an earlier clause bound: checks it and its other end.
bool runExpandBound(Run& run, size_t i, const MatchStep& s, Row& row, NodeId n) {
  ExecContext& ctx = run.ctx;
  const Value& rv = row[s.rel];
  if (rv.type() != T::Rel) return true;
  RelId r = rv.asRel();
  bool typeOk =
      s.types.empty() || std::any_of(s.types.begin(), s.types.end(), [&](const NameRef& t) {
        return ctx.graph.typeName(ctx.graph.relType(r)) == t.name;
      });
  if (!typeOk || !relMatches(s, r, row, ctx)) return true;
  NodeId src = ctx.graph.relSource(r), dst = ctx.graph.relTarget(r);
  auto tryOther = [&](NodeId other) {
    if (!checkTarget(s, other, row, ctx)) return true;
    if (!s.toBound) row[s.to].setNode(other);
    return runStep(run, i + 1, row);
  };
  if ((s.dir == Direction::Out || s.dir == Direction::Both) && src == n) {
    if (!tryOther(dst)) return false;
  }
  if ((s.dir == Direction::In || s.dir == Direction::Both) && dst == n &&
      !(s.dir == Direction::Both && src == n)) {
    if (!tryOther(src)) return false;
  }
  return true;
}

// Restores, when a step returns, what it changed of its run for --why: the silent step,
// whether the steps from here on are covered, and (unless an earlier step covers this one)
// the flag that the rest of the rows bring nothing new.
struct WhyScope {
  Run& run;
  size_t silentStep;
  bool covered;
  ~WhyScope() {
    run.silentStep = silentStep;
    run.whyCovered = covered;
    if (run.state && !covered) run.state->counted = false;
  }
};

// The last step of a match, expanding from n, when its consumer takes relationships in batches
// (MatchState::relBatch): the consumer binds the row's relationship and end nodes itself.
bool runExpandBatches(Run& run, const MatchStep& s, Row& row, NodeId n, const TypeId* types,
                      size_t count) {
  ExecContext& ctx = run.ctx;
  Predicates preds{s, row, ctx};
  TopCheck top{s, ctx};
  RelBuffer buffer{run, s, row};
  bool keepGoing = true;
  // Not for a bound target, its properties from expressions or a top-K bound.
  TargetMemo known{!s.toBound && !s.top && s.props.empty()};
  auto collect = [&](RelId r, NodeId other) -> bool {
    if (ctx.view && !ctx.view->rel(r)) return true;
    if (!preds.rel(r) || !top.ok(PropPredicate::Target::Rel, r)) return true;
    if (relUsed(run, s, r, row) || !relMatches(s, r, row, ctx)) return true;
    if (!known.check(other, [&] {
          return checkTarget(s, other, row, ctx) && preds.to(other) &&
                 top.ok(PropPredicate::Target::To, other);
        }))
      return true;
    return keepGoing = buffer.add(r);
  };
  const GraphView g = ctx.graph.view();
  for (size_t t = 0; t < count && keepGoing; ++t) {
    uint64_t lo, hi;
    if (s.orderedSeek && types[t] != kNoType && seekRange(g, s, preds, n, types[t], lo, hi)) {
      g.visitTypeRange(n, s.dir, types[t], lo, hi, collect);
      preds.skipRel = 0;
      continue;
    }
    ctx.graph.forEachAdjacent(n, s.dir, types[t], collect);
  }
  return keepGoing && buffer.flush();
}

bool runExpand(Run& run, size_t i, const MatchStep& s, Row& row) {
  ExecContext& ctx = run.ctx;
  const Value& from = row[s.node];
  if (from.isNull()) return true;
  if (from.type() != T::Node) throwRuntime(ErrorKind::TypeError, "expected a node to expand from");
  if (!s.toBound && !resolveLabels(s.labels, ctx.graph)) return true;
  NodeId n = from.asNode();
  if (s.relBound) return runExpandBound(run, i, s, row, n);
  TypeId types[16];
  size_t count;
  if (!resolveTypes(s, ctx.graph, types, count)) return true;
  // The last step hands its relationships over in batches when the consumer takes them (an
  // aggregation reading their columns, rel_scan_aggregate).
  if (run.state && run.state->relBatch && i + 1 == run.p.steps.size() && !s.dedupe && !s.whyCarry &&
      !run.state->counted && s.dir != Direction::Both)
    return runExpandBatches(run, s, row, n, types, count);
  Predicates preds{s, row, ctx};
  TopCheck top{s, ctx};
  bool keepGoing = true;
  // A step that deduplicates on the node it reaches (count(DISTINCT c) two hops away): a
  // node already done for this input row would be dropped after every check below, so it
  // is dropped before them (next() decides the rest, Retry marks included).
  // --why: a row dropped so still counts (whyCarry), so it must pass the checks first, unless
  // the table's summary of the adjacency row counts them all (handed on with the first row).
  const bool covered = run.whyCovered;  // an earlier step handed what this one brings
  const WhyTable* table = s.whyCarry && !covered
                              ? whyTableFor(run.ctx, run.state != nullptr, s, n, row, types, count)
                              : nullptr;
  const WhyTable* summary = s.whySummary ? table : nullptr;
  // Before the last step: each first row to a node that went on hands over the summary of its
  // twins, which the rows that repeat it would bring; or the table's union of those and of the
  // last step's summaries, once, with the first row that went on.
  const WhyTable* twins = s.whyTwins ? table : nullptr;
  Value hops = twins && count == 1 ? whyTwoHops(ctx, run.p, i, n, row, *twins, types[0]) : Value();
  const uint64_t emittedBefore = run.state ? run.state->emitted : 0;
  if (!hops.isNull()) twins = nullptr;
  bool carried = summary == nullptr && hops.isNull();
  MatchState* seen = s.dedupe && run.state && run.p.dedupes && !s.toBound &&
                             s.dedupeKey.size() == 1 && s.dedupeKey[0] == s.to &&
                             (!s.whyCarry || table || covered)
                         ? run.state
                         : nullptr;
  WhyScope silence{run, run.silentStep, covered};
  // The union brings what the rows bring, but for the slots bound before this step, which the
  // first row that goes on hands with it.
  if (!hops.isNull()) run.whyCovered = run.state->counted = true;
  if (summary) run.silentStep = i;
  bool walkingTwins = false;  // visiting the twins of a row whose continuation is not theirs
  auto visitOne = [&](auto& self, RelId r, NodeId other) -> bool {
    ctx.poll();
    // A node done for this input row: its row is dropped before any check, unless the twins
    // from this start node to it are still to be handed over (they reached it from another).
    const bool done = seen && carried && !walkingTwins && other < MatchState::kStampLimit &&
                      seen->seenNode(i, other) == MatchState::Seen::Done;
    if (done && (!twins || seen->twinsHanded(i, other, n))) return true;
    // A relationship the view date hides is dropped before any other check (a bit test once
    // the statement's visibility bits are built).
    if (ctx.view && !ctx.view->rel(r)) return true;
    if (!preds.rel(r) || !top.ok(PropPredicate::Target::Rel, r)) return true;
    if (relUsed(run, s, r, row)) return true;
    if (!relMatches(s, r, row, ctx)) return true;
    if (!checkTarget(s, other, row, ctx) || !preds.to(other) ||
        !top.ok(PropPredicate::Target::To, other))
      return true;
    row[s.rel].setRel(r);
    if (!s.toBound) row[s.to].setNode(other);
    if (done)
      return keepGoing = handWhyTwins(*run.state, i, s, ctx.graph, n, r, other, row, *twins);
    const bool first =
        twins && !walkingTwins && run.state->seenEnd(i, other) == MatchState::Seen::No;
    keepGoing = next(run, i, s, row);
    if (keepGoing && first) {
      if (s.dedupeRetry && mayMeet(ctx.graph, run.p.steps[i + 1], row[s.rel], row[s.to])) {
        // The next step may meet r (a self-loop): a twin's continuation is not r's, so each
        // runs (next() runs a dropped row whose relationship it may meet).
        walkingTwins = true;
        ctx.graph.forEachAdjacent(n, s.dir, ctx.graph.relType(r), [&](RelId r2, NodeId o2) {
          return o2 != other || r2 == r || self(self, r2, o2);
        });
        walkingTwins = false;
      } else {
        keepGoing = handWhyTwins(*run.state, i, s, ctx.graph, n, r, other, row, *twins);
      }
    }
    if (keepGoing && !carried && (summary || run.state->emitted != emittedBefore)) {
      carried = true;
      Value all = summary ? summaryEntities(*summary, ctx.graph, s, n, types, count) : hops;
      keepGoing = handWhy(run, s, row, &all);
      run.state->counted = true;  // the rest of the row brings nothing new
    }
    return keepGoing;
  };
  auto visit = [&](RelId r, NodeId other) { return visitOne(visitOne, r, other); };
  const GraphView g = ctx.graph.view();
  // With `seen`, only the first entry that reaches each node can make a row, when nothing
  // else about the relationship is checked: the type's distinct neighbours (under the view
  // date, if any) stand for its row (distinct_expand.h). With --why only where the table's
  // summary stands for the entries it skips (`seen` is only set then).
  const bool distinctOk = seen && s.relProps.empty() && !preds.hasRelPredicates() &&
                          !(s.top && s.topTarget == PropPredicate::Target::Rel);
  auto retried = [&](NodeId other) {
    MatchState& st = *run.state;
    return (other < MatchState::kStampLimit
                ? st.seenNode(i, other)
                : st.seenOther(i, (uint64_t{3} << 32) | other)) == MatchState::Seen::Retry;
  };
  for (size_t t = 0; t < count && keepGoing; ++t) {
    if (distinctOk && types[t] != kNoType && g.distinctUsable(types[t], s.dir) &&
        !usesRelOf(s, row, g, n, types[t]) &&
        expandDistinct(ctx, run.state->viewWalked, g, n, s.dir, types[t], s.dedupeRetry, visit,
                       retried, keepGoing))
      continue;
    // A seek the optimizer chose: only the part of the row the filters allow.
    uint64_t lo, hi;
    if (s.orderedSeek && types[t] != kNoType && seekRange(g, s, preds, n, types[t], lo, hi)) {
      g.visitTypeRange(n, s.dir, types[t], lo, hi, visit);
      preds.skipRel = 0;
      continue;
    }
    ctx.graph.forEachAdjacent(n, s.dir, types[t], visit);
  }
  return keepGoing;
}

// IndexSeek by a property index (CREATE INDEX): the nodes whose property is the key. The
// index compares values as stored (Value::identical), while Cypher's = has 1 = 1.0, so a
// number is sought in both forms; a list or map (whose elements could be either) falls back
// to scanning the label. Every candidate still passes the step's label and property checks.
bool runPropertySeek(Run& run, size_t i, const MatchStep& s, Row& row, const Value& key) {
  ExecContext& ctx = run.ctx;
  const auto label = static_cast<LabelId>(s.labels[0].cached);
  bool keepGoing = true;
  auto visit = [&](NodeId n) {
    ctx.poll();
    if (!nodeMatches(s.labels, s.props, s.propKeys, n, row, ctx)) return true;
    row[s.node].setNode(n);
    keepGoing = runStep(run, i + 1, row);
    return keepGoing;
  };
  const KeyId k = ctx.graph.keyId(s.seekKey);
  if (k == kNoKey) return true;
  if (key.type() == T::List || key.type() == T::Map) {
    ctx.graph.forEachNodeWithLabel(label, visit);
    return keepGoing;
  }
  ctx.graph.forEachByProperty(label, k, key, visit);
  if (!keepGoing) return false;
  if (key.type() == T::Int) {
    const auto f = static_cast<double>(key.asInt());
    if (f >= -9.2e18 && f <= 9.2e18 && static_cast<int64_t>(f) == key.asInt())
      ctx.graph.forEachByProperty(label, k, Value(f), visit);
  } else if (key.type() == T::Float && key.asFloat() >= -9.2e18 && key.asFloat() <= 9.2e18 &&
             key.asFloat() == static_cast<double>(static_cast<int64_t>(key.asFloat()))) {
    ctx.graph.forEachByProperty(label, k, Value(static_cast<int64_t>(key.asFloat())), visit);
  }
  return keepGoing;
}

// Every relationship of the step's types, in id order, bound with its two ends.
bool runScanRels(Run& run, size_t i, const MatchStep& s, Row& row) {
  ExecContext& ctx = run.ctx;
  const Graph& graph = ctx.graph;
  if (!resolveLabels(s.labels, graph) || !resolveLabels(s.fromLabels, graph)) return true;
  TypeId types[16];
  size_t count;
  if (!resolveTypes(s, graph, types, count)) return true;
  std::vector<bool> wanted;
  bool any = count == 1 && types[0] == kNoType;
  if (!any) {
    wanted.assign(graph.typeCount(), false);
    for (size_t t = 0; t < count; ++t) wanted[types[t]] = true;
  }
  Predicates preds{s, row, ctx};
  const GraphView g = graph.view();
  TopCheck top{s, ctx};
  auto endOk = [&](NodeId a, NodeId b) {
    return nodeMatches(s.fromLabels, s.fromProps, s.fromPropKeys, a, row, ctx) && preds.from(a) &&
           top.ok(PropPredicate::Target::From, a) &&
           nodeMatches(s.labels, s.props, s.propKeys, b, row, ctx) && preds.to(b) &&
           top.ok(PropPredicate::Target::To, b);
  };
  // Relationships created by the rows this scan produces (through a later write) are not
  // visited: the scan stops at the id limit it started with.
  const RelId limit = graph.relIdLimit();
  // One candidate relationship: filters, then emit(rel, from, to) per orientation; false to stop.
  // Kept out of line: inlined into the scan loops it made the relationship scan ~8% slower
  // (bench Q7, GCC 12), by register pressure in the loop.
  auto one = [&](RelId r, auto&& emit) __attribute__((noinline)) {
    ctx.poll();
    if (!preds.rel(r) || !top.ok(PropPredicate::Target::Rel, r)) return true;
    if (relUsed(run, s, r, row) || !relMatches(s, r, row, ctx)) return true;
    NodeId src = g.relSources()[r], dst = g.relTargets()[r];
    if (s.dir != Direction::In && endOk(src, dst) && !emit(r, src, dst)) return false;
    if (s.dir == Direction::In && endOk(dst, src) && !emit(r, dst, src)) return false;
    if (s.dir == Direction::Both && src != dst && endOk(dst, src) && !emit(r, dst, src))
      return false;
    return true;
  };
  // Few relationships of the types among many: through their topologies (by source node),
  // not through every relationship id.
  size_t ofTypes = 0;
  for (size_t t = 0; t < count && !any; ++t) ofTypes += graph.typeCardinality(types[t]);
  const bool byTopology = !any && (ofTypes + graph.nodeIdLimit()) * 4 < limit;
  auto scan = [&](auto&& emit) {
    if (byTopology) {
      for (size_t t = 0; t < count; ++t) {
        bool keepGoing = true;
        auto visit = [&](RelId r, NodeId) {
          keepGoing = r >= limit || one(r, emit);
          return keepGoing;
        };
        for (NodeId n = 0, nodes = graph.nodeIdLimit(); n < nodes && keepGoing; ++n)
          g.visitType(n, Direction::Out, types[t], visit);
        if (!keepGoing) return false;
      }
      return true;
    }
    for (RelId r = 0; r < limit; ++r) {
      if (!g.relAlive(r)) continue;
      if (!any) {
        TypeId t = g.relTypes()[r];
        if (t >= wanted.size() || !wanted[t]) continue;
      }
      if (!one(r, emit)) return false;
    }
    return true;
  };
  // The last step of its program hands its relationships over in batches when the consumer
  // takes them (an aggregation reading their columns).
  if (run.state && run.state->relBatch && i + 1 == run.p.steps.size() && !s.dedupe &&
      s.dir != Direction::Both) {
    std::array<RelId, 1024> buffer;
    size_t buffered = 0;
    auto flush = [&] {
      size_t n = buffered;
      buffered = 0;
      return n == 0 || run.state->relBatch(row, s, buffer.data(), n);
    };
    // Nothing to check on a relationship but its type (no labels, properties, pushed filters,
    // bound or earlier relationships) and the view date: a tight loop over the type and
    // liveness arrays.
    bool plain = s.fromLabels.empty() && s.labels.empty() && s.fromProps.empty() &&
                 s.props.empty() && s.relProps.empty() && s.preds.empty() && !s.top &&
                 s.uniqueRels.empty() && !byTopology;
    if (plain) {
      std::vector<uint8_t> want(any ? 0 : wanted.size());
      for (size_t t = 0; t < want.size(); ++t) want[t] = wanted[t];
      const TypeId* relType = g.relTypes().data();
      const uint64_t* dead = g.relDeadBits().data();
      const RelId end = std::min<RelId>(limit, static_cast<RelId>(g.relTypes().size()));
      const ValidView* view = ctx.view;  // the consumer of a whole range checks it too
      // The whole range at once, when the consumer takes it (an aggregation on threads).
      if (run.state->relRange) {
        int taken = run.state->relRange(row, s, 0, end, want);
        if (taken >= 0) return taken == 1;
      }
      for (RelId r = 0; r < end; ++r) {
        if ((dead[r / 64] >> (r % 64)) & 1) continue;
        if (!any && (relType[r] >= want.size() || !want[relType[r]])) continue;
        if (view && !view->rel(r)) continue;
        buffer[buffered++] = r;
        if (buffered == buffer.size()) {
          ctx.poll();
          if (!flush()) return false;
        }
      }
      return flush();
    }
    return scan([&](RelId r, NodeId, NodeId) {
             buffer[buffered++] = r;
             return buffered < buffer.size() || flush();
           }) &&
           flush();
  }
  return scan([&](RelId r, NodeId a, NodeId b) {
    row[s.rel].setRel(r);
    row[s.node].setNode(a);
    row[s.to].setNode(b);
    return next(run, i, s, row);
  });
}

// Depth-first variable-length expansion with relationship uniqueness along the path.
struct VarExpander {
  Run& run;
  size_t i;
  const MatchStep& s;
  Row& row;
  TypeId types[16];
  size_t typeCount = 0;
  std::vector<RelId> path;

  bool emit(NodeId end) {
    if (!checkTarget(s, end, row, run.ctx)) return true;
    ValueList rels;
    rels.reserve(path.size());
    for (RelId r : path) rels.emplace_back(RelRef{r});
    if (s.reverse) std::reverse(rels.begin(), rels.end());
    row[s.rel] = Value(std::move(rels));
    if (!s.toBound) row[s.to].setNode(end);
    return runStep(run, i + 1, row);
  }

  bool dfs(NodeId n) {
    int64_t depth = static_cast<int64_t>(path.size());
    if (depth >= s.minHops && !emit(n)) return false;
    if (s.maxHops >= 0 && depth >= s.maxHops) return true;
    bool keepGoing = true;
    for (size_t t = 0; t < typeCount && keepGoing; ++t) {
      run.ctx.graph.forEachAdjacent(n, s.dir, types[t], [&](RelId r, NodeId other) {
        run.ctx.poll();
        if (std::find(path.begin(), path.end(), r) != path.end()) return true;
        if (relUsed(run, s, r, row)) return true;
        if (!relMatches(s, r, row, run.ctx)) return true;
        path.push_back(r);
        keepGoing = dfs(other);
        path.pop_back();
        return keepGoing;
      });
    }
    return keepGoing;
  }
};

bool runVarExpand(Run& run, size_t i, const MatchStep& s, Row& row) {
  const Value& from = row[s.node];
  if (from.isNull()) return true;
  if (from.type() != T::Node) throwRuntime(ErrorKind::TypeError, "expected a node to expand from");
  if (!s.toBound && !resolveLabels(s.labels, run.ctx.graph)) return true;
  VarExpander x{run, i, s, row, {}, 0, {}};
  if (!resolveTypes(s, run.ctx.graph, x.types, x.typeCount)) {
    if (s.minHops == 0) return x.emit(from.asNode());
    return true;
  }
  return x.dfs(from.asNode());
}

// shortestPath / allShortestPaths between two bound nodes (query/execution/shortest_path.cpp).
bool runShortest(Run& run, size_t i, const MatchStep& s, Row& row) {
  ExecContext& ctx = run.ctx;
  const Value& fromV = row[s.node];
  const Value& toV = row[s.to];
  if (fromV.type() != T::Node || toV.type() != T::Node) return true;
  TypeId types[16];
  size_t typeCount;
  if (!resolveTypes(s, ctx.graph, types, typeCount)) return true;
  ShortestPathRequest req;
  req.from = fromV.asNode();
  req.to = toV.asNode();
  req.types = std::span<const TypeId>(types, typeCount);
  req.dir = s.dir;
  req.minHops = s.minHops;
  req.maxHops = s.maxHops;
  req.all = s.allShortest;
  RelFilter relOk = [&](RelId r) { return relMatches(s, r, row, ctx); };
  return findShortestPaths(req, ctx, s.relProps.empty() && !ctx.view ? nullptr : &relOk,
                           [&](std::span<const RelId> rels) {
                             ValueList l;
                             l.reserve(rels.size());
                             for (RelId r : rels) l.emplace_back(RelRef{r});
                             row[s.rel] = Value(std::move(l));
                             return runStep(run, i + 1, row);
                           });
}

bool buildPath(const MatchStep& s, Row& row, ExecContext& ctx) {
  PathValue path;
  const Value& first = row[s.pathElements[0]];
  if (first.type() != T::Node) return false;
  path.nodes.push_back(first.asNode());
  for (size_t k = 1; k + 1 < s.pathElements.size(); k += 2) {
    const Value& r = row[s.pathElements[k]];
    auto step = [&](RelId rel) {
      NodeId cur = path.nodes.back();
      NodeId src = ctx.graph.relSource(rel), dst = ctx.graph.relTarget(rel);
      path.rels.push_back(rel);
      path.nodes.push_back(src == cur ? dst : src);
    };
    if (r.type() == T::Rel) {
      step(r.asRel());
    } else if (r.type() == T::List) {
      for (const auto& x : r.asList()) step(x.asRel());
    } else {
      return false;
    }
  }
  row[s.rel] = Value(std::move(path));
  return true;
}

bool runStep(Run& run, size_t i, Row& row) {
  const MatchProgram& p = run.p;
  ExecContext& ctx = run.ctx;
  if (i == p.steps.size()) {
    if (run.state) ++run.state->emitted;
    return run.sink(row);
  }
  const MatchStep& s = p.steps[i];
  switch (s.kind) {
    case Kind::ScanAll:
    case Kind::ScanLabel: {
      if (!resolveLabels(s.labels, ctx.graph)) return true;
      bool keepGoing = true;
      TopCheck top{s, ctx};
      auto visit = [&](NodeId n) {
        ctx.poll();
        if (!top.ok(PropPredicate::Target::From, n)) return true;
        if (!nodeMatches(s.labels, s.props, s.propKeys, n, row, ctx)) return true;
        row[s.node].setNode(n);
        keepGoing = runStep(run, i + 1, row);
        return keepGoing;
      };
      if (s.kind == Kind::ScanAll) {
        ctx.graph.forEachNode(visit);
      } else {
        ctx.graph.forEachNodeWithLabel(static_cast<LabelId>(s.labels[0].cached), visit);
      }
      return keepGoing;
    }
    case Kind::IndexSeek: {
      if (!resolveLabels(s.labels, ctx.graph)) return true;
      Value key = evaluate(*s.keyExpr, row, ctx);
      if (key.isNull()) return true;
      if (!s.seekUnique) return runPropertySeek(run, i, s, row, key);
      NodeId n = ctx.graph.findByKey(static_cast<LabelId>(s.labels[0].cached), key);
      if (n == kInvalidId && key.type() == T::Float &&
          key.asFloat() == static_cast<double>(static_cast<int64_t>(key.asFloat())))
        n = ctx.graph.findByKey(static_cast<LabelId>(s.labels[0].cached),
                                Value(static_cast<int64_t>(key.asFloat())));
      if (n == kInvalidId || !nodeMatches(s.labels, s.props, s.propKeys, n, row, ctx)) return true;
      row[s.node].setNode(n);
      return runStep(run, i + 1, row);
    }
    case Kind::CheckNode: {
      const Value& v = row[s.node];
      if (v.isNull()) return true;
      if (v.type() != T::Node) throwRuntime(ErrorKind::TypeError, "expected a node");
      if (!resolveLabels(s.labels, ctx.graph)) return true;
      if (!nodeMatches(s.labels, s.props, s.propKeys, v.asNode(), row, ctx)) return true;
      return runStep(run, i + 1, row);
    }
    case Kind::ScanRels:
      return runScanRels(run, i, s, row);
    case Kind::Expand:
      return runExpand(run, i, s, row);
    case Kind::VarExpand:
      return runVarExpand(run, i, s, row);
    case Kind::ShortestPath:
      return runShortest(run, i, s, row);
    case Kind::Filter:
      if (!evaluatePredicate(*s.predicate, row, ctx)) return true;
      return runStep(run, i + 1, row);
    case Kind::BuildPath:
      if (!buildPath(s, row, ctx)) return true;
      return runStep(run, i + 1, row);
  }
  return true;
}

}  // namespace

bool runMatch(const MatchProgram& program, Row& row, ExecContext& ctx, const RowSink& sink,
              MatchState* state) {
  if (state && program.dedupes) state->beginRow(program.steps.size());
  Run run{program, ctx, sink, state, SIZE_MAX};
  return runStep(run, 0, row);
}

}  // namespace silkgraph
