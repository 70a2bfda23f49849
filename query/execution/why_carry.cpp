// --why inside a match: stateless helpers (query/execution/why_carry.h).
#include "query/execution/why_carry.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "common/assert.h"
#include "engine/graph_view.h"
#include "query/execution/why_index.h"

namespace silkgraph {

bool handWhyRow(MatchState& st, const MatchStep& s, Row& row, const Value* carry) {
  SG_ASSERT(st.whyRow, "a match with whyCarry steps takes entity rows");
  ++st.emitted;
  if (s.whyLater.empty()) return st.whyRow(row, carry);
  // Called for every dropped row: the saved slots stay on the stack when they are few.
  constexpr size_t kInline = 8;
  std::array<Value, kInline> inlineSaved;
  std::vector<Value> heapSaved;
  Value* saved = inlineSaved.data();
  if (s.whyLater.size() > kInline) {
    heapSaved.resize(s.whyLater.size());
    saved = heapSaved.data();
  }
  for (size_t k = 0; k < s.whyLater.size(); ++k)
    saved[k] = std::exchange(row[s.whyLater[k]], Value());
  bool keepGoing = st.whyRow(row, carry);
  for (size_t k = 0; k < s.whyLater.size(); ++k) row[s.whyLater[k]] = std::move(saved[k]);
  return keepGoing;
}

const WhyTable* whyTableFor(ExecContext& ctx, bool dedupes, const MatchStep& s, NodeId n,
                            const Row& row, const TypeId* types, size_t count) {
  if (!(s.whySummary || s.whyTwins) || !dedupes || !ctx.why || !ctx.why->whole() || ctx.view)
    return nullptr;
  if (!s.preds.empty() || !s.relProps.empty() || !s.props.empty() || s.top || s.orderedSeek ||
      s.toBound || s.labels.size() > 1)
    return nullptr;
  for (Slot u : s.uniqueRels) {
    const Value& v = row[u];
    if (v.type() == Value::Type::List && !v.asList().empty()) return nullptr;
    if (v.type() != Value::Type::Rel || !ctx.graph.relExists(v.asRel())) continue;
    const RelId r = v.asRel();
    bool typed = std::any_of(types, types + count,
                             [&](TypeId t) { return t == kNoType || t == ctx.graph.relType(r); });
    bool atN = (s.dir != Direction::In && ctx.graph.relSource(r) == n) ||
               (s.dir != Direction::Out && ctx.graph.relTarget(r) == n);
    if (typed && atN) return nullptr;
  }
  return ctx.why->table();
}

bool handWhyTwins(MatchState& st, size_t i, const MatchStep& s, const Graph& g, NodeId n, RelId r,
                  NodeId other, Row& row, const WhyTable& t) {
  if (other < MatchState::kStampLimit) st.markTwinsHanded(i, other, n);
  if (st.seenEnd(i, other) != MatchState::Seen::Done || !st.emittedEnd(i, other)) return true;
  Value all = t.twins(g, n, g.relType(r), s.dir, other, s.whyRelFirst);
  return handWhyRow(st, s, row, &all);
}

namespace {

// The checks of whyTableFor that do not depend on the row: s can drop nothing but by
// deduplication.
bool whyPlainStep(const MatchStep& s) {
  return s.preds.empty() && s.relProps.empty() && s.props.empty() && !s.top && !s.orderedSeek &&
         !s.toBound && s.labels.size() <= 1;
}

// The step's one label (kNoLabel: none), resolved; false when it names no label of the graph.
bool whyLabel(const MatchStep& s, const Graph& g, LabelId& out) {
  out = kNoLabel;
  if (s.labels.empty()) return true;
  const NameRef& l = s.labels[0];
  out = l.cached != UINT32_MAX ? static_cast<LabelId>(l.cached) : g.labelId(l.name);
  return out != kNoLabel;
}

}  // namespace

Value whyTwoHops(ExecContext& ctx, const MatchProgram& p, size_t i, NodeId n, const Row& row,
                 const WhyTable& t, TypeId type) {
  const MatchStep& s = p.steps[i];
  if (!s.whyTwinsUnion || i + 2 != p.steps.size() || type == kNoType) return Value();
  const MatchStep& last = p.steps[i + 1];
  if (last.kind != MatchStep::Kind::Expand || !last.whySummary || !last.whyCarry || !last.dedupe ||
      last.relBound || last.node != s.to || !whyPlainStep(last) || last.types.size() != 1)
    return Value();
  const NameRef& lastType = last.types[0];
  const TypeId type2 = lastType.cached != UINT32_MAX ? static_cast<TypeId>(lastType.cached)
                                                     : ctx.graph.typeId(lastType.name);
  LabelId label1, label2;
  if (type2 == kNoType || !whyLabel(s, ctx.graph, label1) || !whyLabel(last, ctx.graph, label2))
    return Value();  // a name the graph does not hold: the steps find nothing anyway
  // Only s's relationship may be one the last step must not meet (twoHops makes sure it is
  // not in any row the last step walks).
  for (Slot u : last.uniqueRels) {
    if (u == s.rel) continue;
    const Value& v = row[u];
    if (v.type() == Value::Type::Rel || (v.type() == Value::Type::List && !v.asList().empty()))
      return Value();
  }
  return t.twoHops(ctx.graph, n, type, s.dir, label1, s.whyRelFirst, type2, last.dir, label2,
                   last.whyRelFirst);
}

// Whether relationship `rel` is in the adjacency rows step t walks from node `from`.
bool mayMeet(const Graph& g, const MatchStep& t, const Value& rel, const Value& from) {
  if (rel.type() != Value::Type::Rel || from.type() != Value::Type::Node ||
      !g.relExists(rel.asRel()))
    return false;
  const RelId r = rel.asRel();
  const NodeId n = from.asNode();
  const GraphView v = g.view();  // the inline arrays: called for every dropped row
  const TypeId type = v.relTypes()[r];
  const bool typed =
      t.types.empty() || std::any_of(t.types.begin(), t.types.end(), [&](const NameRef& x) {
        return x.cached != UINT32_MAX && x.cached == type;
      });
  return typed && ((t.dir != Direction::In && v.relSources()[r] == n) ||
                   (t.dir != Direction::Out && v.relTargets()[r] == n));
}

// The entities the adjacency rows of s at n bring (WhyTable::summary), in the order of the
// --why entity slots.
Value summaryEntities(const WhyTable& t, const Graph& g, const MatchStep& s, NodeId n,
                      const TypeId* types, size_t count) {
  const LabelId label = s.labels.empty() ? kNoLabel : static_cast<LabelId>(s.labels[0].cached);
  if (count == 1) return t.summary(g, n, types[0], s.dir, label, s.whyRelFirst);
  ValueList out;  // the blocks of each type, each taken whole
  for (size_t k = 0; k < count; ++k)
    out.push_back(t.summary(g, n, types[k], s.dir, label, s.whyRelFirst));
  return Value(std::move(out));
}

}  // namespace silkgraph
