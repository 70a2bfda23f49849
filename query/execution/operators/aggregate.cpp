// Implements AggregateOp (query/execution/operators/aggregate.h): groups, accumulators and the
// row-by-row path. The relationship-scan paths are in aggregate_rel_scan.cpp.
#include "query/execution/operators/aggregate.h"

#include <algorithm>
#include <cmath>

#include "query/execution/entity_list.h"
#include "query/function/value_ops.h"

namespace silkgraph {

using T = Value::Type;

// ---- aggregation ----
namespace {

// `x.key` read straight from the column when x holds a live node or relationship: the value
// evaluate() would give, without its dispatch. False when x holds anything else (evaluate()
// then gives the value or the error).
bool readProperty(const BoundExpr& e, const Row& row, ExecContext& ctx, Value& out) {
  if (e.kind != BExprKind::Property || e.children[0]->kind != BExprKind::Slot) return false;
  const Value& base = row[e.children[0]->slot];
  const GraphView g = ctx.graph.view();
  bool rel = base.type() == T::Rel;
  if (rel ? !g.relAlive(base.asRel()) : (base.type() != T::Node || !g.nodeAlive(base.asNode())))
    return false;
  if (e.keyCache == kNoKey) e.keyCache = ctx.graph.keyId(e.name);
  std::span<const PropertyColumn> cols = rel ? g.relColumns() : g.nodeColumns();
  if (e.keyCache >= cols.size()) {
    out = Value();
    return true;
  }
  const PropertyColumn& c = cols[e.keyCache];
  uint32_t id = rel ? base.asRel() : base.asNode();
  if (!c.has(id)) {
    out = Value();
  } else if (c.kind() == PropertyColumn::Kind::Float) {
    out = Value(c.floatAt(id));
  } else if (c.kind() == PropertyColumn::Kind::Int32 || c.kind() == PropertyColumn::Kind::Int64) {
    out = Value(c.intAt(id));
  } else {
    out = c.get(id, g.strings());
  }
  return true;
}

}  // namespace

int64_t AggregateOp::groupByWord(Row& row) {
  const BoundExpr& e = *keys_[0].first;
  if (e.kind != BExprKind::Property || e.children[0]->kind != BExprKind::Slot) return -1;
  const Value& base = row[e.children[0]->slot];
  const GraphView g = ctx->graph.view();
  bool rel = base.type() == T::Rel;
  if (rel ? !g.relAlive(base.asRel()) : (base.type() != T::Node || !g.nodeAlive(base.asNode())))
    return -1;
  if (e.keyCache == kNoKey) e.keyCache = ctx->graph.keyId(e.name);
  std::span<const PropertyColumn> cols = rel ? g.relColumns() : g.nodeColumns();
  if (e.keyCache >= cols.size()) return -1;
  const PropertyColumn& c = cols[e.keyCache];
  uint32_t id = rel ? base.asRel() : base.asNode();
  if (c.kind() != PropertyColumn::Kind::String || !c.has(id)) return -1;
  uint32_t w = c.wordAt(id);
  if (w < byWord_.size() && byWord_[w] != 0) return byWord_[w] - 1;
  if (w >= kWordLimit) return -1;  // a large dictionary: the general path
  // First time for this string: a group the general path made for it, or a new one (kept
  // out of index_: the general path looks strings up here too).
  Value key(g.strings().get(w));
  size_t group;
  auto it = stringGroupsByValue_ ? index_.find(key) : index_.end();
  if (it != index_.end()) {
    group = it->second;
  } else {
    group = newGroup(row, key, false);
  }
  if (byWord_.size() <= w)
    byWord_.resize(std::max<size_t>(w + 1, std::min<size_t>(g.strings().size(), kWordLimit)), 0);
  byWord_[w] = static_cast<uint32_t>(group + 1);
  return static_cast<int64_t>(group);
}

size_t AggregateOp::newGroup(Row& row, const Value& key, bool indexed) {
  size_t g = groups_.size();
  if (indexed) {
    index_.emplace(key, g);
    if (key.type() == T::String) stringGroupsByValue_ = true;
  }
  Group group;
  ctx->hold(row);
  group.row = row;
  if (keys_.size() == 1) {
    group.row[keys_[0].second] = key;
  } else {
    for (size_t i = 0; i < keys_.size(); ++i) group.row[keys_[i].second] = key.asList()[i];
  }
  group.states = states_.size();
  states_.resize(states_.size() + aggs_->size());
  groups_.push_back(std::move(group));
  return g;
}

bool AggregateOp::push(Row& row) {
  ctx->poll();
  if (keys_.empty()) {  // one group, made by the first row: no key to evaluate or look up
    const size_t g = groups_.empty() ? newGroup(row, Value()) : 0;
    AggState* states = statesOf(g);
    for (size_t i = 0; i < aggs_->size(); ++i) update(states[i], (*aggs_)[i], row);
    return true;
  }
  if (keys_.size() == 1) {
    int64_t byWord = groupByWord(row);
    if (byWord >= 0) {
      AggState* states = statesOf(static_cast<size_t>(byWord));
      for (size_t i = 0; i < aggs_->size(); ++i) update(states[i], (*aggs_)[i], row);
      return true;
    }
  }
  Value key;
  if (keys_.size() == 1) {
    key = evaluate(*keys_[0].first, row, *ctx);
  } else if (!keys_.empty()) {
    ValueList k;
    k.reserve(keys_.size());
    for (const auto& [e, s] : keys_) k.push_back(evaluate(*e, row, *ctx));
    key = Value(std::move(k));
  }
  size_t g;
  const std::string* address = nullptr;
  if (keys_.size() == 1 && key.type() == T::String) {
    address = key.stringPtr().get();
    auto hit = byStringAddress_.find(address);
    if (hit != byStringAddress_.end()) {
      AggState* states = statesOf(hit->second);
      for (size_t i = 0; i < aggs_->size(); ++i) update(states[i], (*aggs_)[i], row);
      return true;
    }
  }
  if (address && !byWord_.empty()) {
    // A group made from a dictionary id (groupByWord) for the same string.
    uint32_t w = ctx->graph.view().strings().find(key.asString());
    if (w < byWord_.size() && byWord_[w] != 0) {
      AggState* states = statesOf(byWord_[w] - 1);
      for (size_t i = 0; i < aggs_->size(); ++i) update(states[i], (*aggs_)[i], row);
      return true;
    }
  }
  auto it = index_.find(key);
  g = it == index_.end() ? newGroup(row, key) : it->second;
  // The group's stored key keeps this payload alive, so the address stays unique to it.
  if (address && groups_[g].row[keys_[0].second].type() == T::String &&
      groups_[g].row[keys_[0].second].stringPtr().get() == address)
    byStringAddress_.emplace(address, g);
  AggState* states = statesOf(g);
  for (size_t i = 0; i < aggs_->size(); ++i) update(states[i], (*aggs_)[i], row);
  return true;
}

bool AggregateOp::pushWhy(Row& row, const Value* carry) {
  static const Value kNothing{ValueList{}};
  whyOnly_ = carry ? carry : &kNothing;
  struct Reset {
    const Value*& p;
    ~Reset() { p = nullptr; }
  } reset{whyOnly_};
  return push(row);
}

bool AggregateOp::pushCounted(Row& row) {
  counted_ = true;
  struct Reset {
    bool& b;
    ~Reset() { b = false; }
  } reset{counted_};
  return push(row);
}

void AggregateOp::update(AggState& st, const BoundAggregate& a, Row& row) {
  if (counted_ && a.kind == AggKind::Entities) return;
  if (whyOnly_) {  // pushWhy: the entities aggregate only, with the carried entities after
    if (a.kind != AggKind::Entities) return;
    if (ctx->why) {
      gatherWhy(st, a, row);
      size_t before = st.values.size();
      gatherEntities(*ctx->why, *whyOnly_, *st.why, st.values);
      for (size_t i = before; i < st.values.size(); ++i) ctx->hold(st.values[i]);
    } else {
      add(st, a, evaluate(*a.arg, row, *ctx), row);
      add(st, a, *whyOnly_, row);
    }
    return;
  }
  if (a.kind == AggKind::CountStar) {
    ++st.count;
    return;
  }
  if (a.kind == AggKind::Entities && ctx->why) {
    gatherWhy(st, a, row);
    return;
  }
  Value v;
  if (!readProperty(*a.arg, row, *ctx, v)) v = evaluate(*a.arg, row, *ctx);
  add(st, a, std::move(v), row);
}

void AggregateOp::gatherWhy(AggState& st, const BoundAggregate& a, Row& row) {
  WhyGather& gather = whyOf(st);
  size_t before = st.values.size();
  if (a.arg->kind != BExprKind::ListLiteral) {
    gatherEntities(*ctx->why, evaluate(*a.arg, row, *ctx), gather, st.values);
  } else {
    // The list of the slots (query/planner/provenance_plan.h): read them in place.
    for (const auto& e : a.arg->children) {
      if (e->kind == BExprKind::Slot) {
        gatherEntities(*ctx->why, row[e->slot], gather, st.values);
      } else {
        gatherEntities(*ctx->why, evaluate(*e, row, *ctx), gather, st.values);
      }
    }
  }
  for (size_t i = before; i < st.values.size(); ++i) ctx->hold(st.values[i]);
}

void AggregateOp::add(AggState& st, const BoundAggregate& a, Value v, Row& row) {
  if (v.isNull()) return;
  if (a.distinct && !firstSight(st, v)) return;
  ++st.count;
  switch (a.kind) {
    case AggKind::Count:
      break;
    case AggKind::Sum:
    case AggKind::Avg:
      if (!v.isNumber())
        throwRuntime(ErrorKind::TypeError,
                     std::string(a.kind == AggKind::Sum ? "sum" : "avg") +
                         "() expects numbers, got " + cypherTypeName(v),
                     "InvalidArgumentType");
      if (v.type() == T::Float) st.sumIsFloat = true;
      st.fsum += v.asNumber();
      if (v.type() == T::Int && !__builtin_add_overflow(st.isum, v.asInt(), &st.isum)) {
      } else if (v.type() == T::Int) {
        throwRuntime(ErrorKind::ArgumentError, "integer overflow in sum()", "IntegerOverflow");
      }
      break;
    case AggKind::Min:
      if (st.acc.isNull() || Value::orderCompare(v, st.acc) < 0) st.acc = v;
      break;
    case AggKind::Max:
      if (st.acc.isNull() || Value::orderCompare(v, st.acc) > 0) st.acc = v;
      break;
    case AggKind::Collect:
      ctx->hold(v);
      st.values.push_back(std::move(v));
      break;
    case AggKind::StDev:
    case AggKind::StDevP:
    case AggKind::PercentileCont:
    case AggKind::PercentileDisc:
      if (!v.isNumber())
        throwRuntime(ErrorKind::TypeError,
                     "expected numbers, got " + std::string(cypherTypeName(v)),
                     "InvalidArgumentType");
      if (st.values.empty() && a.arg2) st.acc = evaluate(*a.arg2, row, *ctx);
      ctx->hold(v);
      st.values.push_back(std::move(v));
      break;
    case AggKind::Entities: {  // --why: never distinct, its count unused
      if (!st.entities) st.entities = std::make_unique<EntitySeen>();
      size_t before = st.values.size();
      addEntities(v, st.values, *st.entities);
      for (size_t i = before; i < st.values.size(); ++i) ctx->hold(st.values[i]);
      break;
    }
    case AggKind::CountStar:
      break;
  }
}

bool AggregateOp::firstSight(AggState& st, const Value& v) {
  // A node equals only itself, as does a relationship: their ids (tagged by kind) are the
  // whole identity, so the flat set decides without hashing or copying the Value.
  if (v.type() == T::Node) return st.seenIds.insert(v.asNode());
  if (v.type() == T::Rel) return st.seenIds.insert(uint64_t{1} << 32 | v.asRel());
  if (!st.seen) st.seen = std::make_unique<std::unordered_set<Value, ValueHash, ValueIdentical>>();
  return st.seen->insert(v).second;
}

Value AggregateOp::result(AggState& st, const BoundAggregate& a) {
  switch (a.kind) {
    case AggKind::Count:
    case AggKind::CountStar:
      return Value(st.count);
    case AggKind::Sum:
      if (st.sumIsFloat) return Value(st.fsum);
      return Value(st.isum);
    case AggKind::Avg:
      if (st.count == 0) return Value();
      return Value(st.fsum / static_cast<double>(st.count));
    case AggKind::Min:
    case AggKind::Max:
      return st.acc;
    case AggKind::Entities:
      // --why's gather: what the group kept, a node or relationship on its own when that is
      // all (ProvenanceOp and explainRows take it as a list of one; no list to allocate).
      if (st.why && st.values.empty()) return Value();
      if (st.why && st.values.size() == 1 &&
          (st.values[0].type() == T::Node || st.values[0].type() == T::Rel))
        return st.values[0];
      return Value(std::move(st.values));
    case AggKind::Collect:
      return Value(std::move(st.values));
    case AggKind::StDev:
    case AggKind::StDevP: {
      size_t n = st.values.size();
      if (n == 0 || (a.kind == AggKind::StDev && n < 2)) return Value(0.0);
      double mean = 0;
      for (const auto& v : st.values) mean += v.asNumber();
      mean /= static_cast<double>(n);
      double ss = 0;
      for (const auto& v : st.values) ss += (v.asNumber() - mean) * (v.asNumber() - mean);
      return Value(std::sqrt(ss / static_cast<double>(a.kind == AggKind::StDev ? n - 1 : n)));
    }
    case AggKind::PercentileCont:
    case AggKind::PercentileDisc: {
      if (st.values.empty()) return Value();
      if (!st.acc.isNumber() || st.acc.asNumber() < 0 || st.acc.asNumber() > 1)
        throwRuntime(ErrorKind::ArgumentError, "percentile must be a number between 0.0 and 1.0",
                     "NumberOutOfRange");
      double p = st.acc.asNumber();
      std::sort(st.values.begin(), st.values.end(),
                [](const Value& x, const Value& y) { return x.asNumber() < y.asNumber(); });
      size_t n = st.values.size();
      if (a.kind == AggKind::PercentileDisc) {
        size_t idx = p == 0 ? 0 : static_cast<size_t>(std::ceil(p * static_cast<double>(n))) - 1;
        return st.values[std::min(idx, n - 1)];
      }
      double pos = p * static_cast<double>(n - 1);
      size_t lo = static_cast<size_t>(std::floor(pos));
      size_t hi = std::min(lo + 1, n - 1);
      double frac = pos - static_cast<double>(lo);
      return Value(st.values[lo].asNumber() +
                   (st.values[hi].asNumber() - st.values[lo].asNumber()) * frac);
    }
  }
  return Value();
}

bool AggregateOp::finish() {
  if (groups_.empty() && keys_.empty()) {
    Group g;
    g.states = states_.size();
    states_.resize(states_.size() + aggs_->size());
    groups_.push_back(std::move(g));
  }
  for (auto& g : groups_) {
    if (g.row.empty()) g.row.resize(rowWidth_);
    for (size_t i = 0; i < aggs_->size(); ++i)
      g.row[(*aggs_)[i].slot] = result(states_[g.states + i], (*aggs_)[i]);
    if (!next->pushOwned(g.row)) break;
  }
  groups_.clear();
  states_.clear();
  whyGathers_.reset();
  index_.clear();
  byStringAddress_.clear();
  byWord_.clear();
  stringGroupsByValue_ = false;
  return next->finish();
}

std::string AggregateOp::describe() const {
  return "Aggregate (" + std::to_string(keys_.size()) + " keys, " + std::to_string(aggs_->size()) +
         " aggregates)";
}

}  // namespace silkgraph
