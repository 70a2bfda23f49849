// Implements the physical operators (query/execution/operators.h).
#include "query/execution/operators.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "query/execution/value_ops.h"

namespace silkgraph {

using T = Value::Type;

bool Operator::pushRels(Row& row, const MatchStep& step, const RelId* rels, size_t n) {
  const GraphImpl& g = ctx->graph.impl();
  bool in = step.dir == Direction::In;
  for (size_t k = 0; k < n; ++k) {
    RelId r = rels[k];
    row[step.rel].setRel(r);
    row[step.node].setNode(in ? g.relDst[r] : g.relSrc[r]);
    row[step.to].setNode(in ? g.relSrc[r] : g.relDst[r]);
    if (!push(row)) return false;
  }
  return true;
}

// ---- MATCH ----
bool MatchOp::push(Row& row) {
  matched_ = false;
  if (!state_.relBatch && next->takesRelBatches()) {
    state_.relBatch = [this](Row& r, const MatchStep& step, const RelId* rels, size_t n) {
      matched_ = true;
      return next->pushRels(r, step, rels, n);
    };
    state_.relRange = [this](Row& r, const MatchStep& step, RelId begin, RelId end,
                             std::span<const uint8_t> want) {
      bool any = false;
      int result = next->pushRelRange(r, step, begin, end, want, any);
      if (any) matched_ = true;
      return result;
    };
  }
  bool keepGoing = runMatch(
      *program_, row, *ctx,
      [&](Row& r) {
        matched_ = true;
        return next->push(r);
      },
      &state_);
  if (!keepGoing) return false;
  if (!matched_ && optional_) {
    for (Slot s : newSlots_) row[s] = Value();
    return next->push(row);
  }
  return true;
}

std::string MatchOp::describe() const {
  return std::string(optional_ ? "OptionalMatch" : "Match") + program_->describe();
}

bool FilterOp::push(Row& row) {
  if (!evaluatePredicate(*predicate_, row, *ctx)) return true;
  return next->push(row);
}

bool FilterOp::pushOwned(Row& row) {
  if (!evaluatePredicate(*predicate_, row, *ctx)) return true;
  return next->pushOwned(row);
}

bool UnwindOp::push(Row& row) {
  Value v = evaluate(*list_, row, *ctx);
  if (v.isNull()) return true;
  if (v.type() != T::List) {
    row[slot_] = v;
    return next->push(row);
  }
  for (const auto& x : v.asList()) {
    ctx->poll();
    row[slot_] = x;
    if (!next->push(row)) return false;
  }
  return true;
}

bool ProjectOp::project(Row& row, bool owned) {
  // Evaluate all items first: an item may read a slot another item writes.
  Value buffer[8];
  std::vector<Value> large;
  Value* vals = buffer;
  if (items_.size() > 8) {
    large.resize(items_.size());
    vals = large.data();
  }
  for (size_t i = 0; i < items_.size(); ++i) vals[i] = evaluate(*items_[i].first, row, *ctx);
  for (size_t i = 0; i < items_.size(); ++i) row[items_[i].second] = std::move(vals[i]);
  return owned ? next->pushOwned(row) : next->push(row);
}

std::string ProjectOp::describe() const {
  return "Project (" + std::to_string(items_.size()) + " items)";
}

// ---- aggregation ----
namespace {

// `x.key` read straight from the column when x holds a live node or relationship: the value
// evaluate() would give, without its dispatch. False when x holds anything else (evaluate()
// then gives the value or the error).
bool readProperty(const BoundExpr& e, const Row& row, ExecContext& ctx, Value& out) {
  if (e.kind != BExprKind::Property || e.children[0]->kind != BExprKind::Slot) return false;
  const Value& base = row[e.children[0]->slot];
  const GraphImpl& g = ctx.graph.impl();
  bool rel = base.type() == T::Rel;
  if (rel ? !g.relAliveAt(base.asRel()) : (base.type() != T::Node || !g.nodeAliveAt(base.asNode())))
    return false;
  if (e.keyCache == kNoKey) e.keyCache = ctx.graph.keyId(e.name);
  const std::vector<PropertyColumn>& cols = rel ? g.relCols : g.nodeCols;
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
    out = c.get(id, g.strings);
  }
  return true;
}

}  // namespace

int64_t AggregateOp::groupByWord(Row& row) {
  const BoundExpr& e = *keys_[0].first;
  if (e.kind != BExprKind::Property || e.children[0]->kind != BExprKind::Slot) return -1;
  const Value& base = row[e.children[0]->slot];
  const GraphImpl& g = ctx->graph.impl();
  bool rel = base.type() == T::Rel;
  if (rel ? !g.relAliveAt(base.asRel()) : (base.type() != T::Node || !g.nodeAliveAt(base.asNode())))
    return -1;
  if (e.keyCache == kNoKey) e.keyCache = ctx->graph.keyId(e.name);
  const std::vector<PropertyColumn>& cols = rel ? g.relCols : g.nodeCols;
  if (e.keyCache >= cols.size()) return -1;
  const PropertyColumn& c = cols[e.keyCache];
  uint32_t id = rel ? base.asRel() : base.asNode();
  if (c.kind() != PropertyColumn::Kind::String || !c.has(id)) return -1;
  uint32_t w = c.wordAt(id);
  if (w < byWord_.size() && byWord_[w] != 0) return byWord_[w] - 1;
  if (w >= kWordLimit) return -1;  // a large dictionary: the general path
  // First time for this string: a group the general path made for it, or a new one (kept
  // out of index_: the general path looks strings up here too).
  Value key(g.strings.get(w));
  size_t group;
  auto it = stringGroupsByValue_ ? index_.find(key) : index_.end();
  if (it != index_.end()) {
    group = it->second;
  } else {
    group = newGroup(row, key, false);
  }
  if (byWord_.size() <= w)
    byWord_.resize(std::max<size_t>(w + 1, std::min<size_t>(g.strings.size(), kWordLimit)), 0);
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
    uint32_t w = ctx->graph.impl().strings.find(key.asString());
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

bool AggregateOp::typedColumns(const MatchStep& step, const PropertyColumn*& keyCol,
                               std::vector<const PropertyColumn*>& argCols) {
  // Typed loops when the keys and arguments are the scanned relationship's properties: one
  // key of strings (grouped by dictionary id) or none, and count(*), sum or avg.
  auto relProperty = [&](const BoundExpr* e) {
    return e && e->kind == BExprKind::Property && e->children[0]->kind == BExprKind::Slot &&
           e->children[0]->slot == step.rel;
  };
  const GraphImpl& g = ctx->graph.impl();
  auto column = [&](const BoundExpr* e) -> const PropertyColumn* {
    if (e->keyCache == kNoKey) e->keyCache = ctx->graph.keyId(e->name);
    return e->keyCache < g.relCols.size() ? &g.relCols[e->keyCache] : nullptr;
  };
  keyCol = nullptr;
  argCols.assign(aggs_->size(), nullptr);
  if (keys_.size() > 1 || (!keys_.empty() && !relProperty(keys_[0].first))) return false;
  if (!keys_.empty()) {
    keyCol = column(keys_[0].first);
    if (!keyCol || keyCol->kind() != PropertyColumn::Kind::String) return false;
  }
  for (size_t i = 0; i < aggs_->size(); ++i) {
    const BoundAggregate& a = (*aggs_)[i];
    if (a.kind == AggKind::CountStar) continue;
    if ((a.kind != AggKind::Sum && a.kind != AggKind::Avg) || a.distinct ||
        !relProperty(a.arg.get()))
      return false;
    argCols[i] = column(a.arg.get());
  }
  return true;
}

bool AggregateOp::pushRels(Row& row, const MatchStep& step, const RelId* rels, size_t n) {
  const PropertyColumn* keyCol = nullptr;
  constexpr size_t kMaxTyped = 8;
  if (aggs_->size() > kMaxTyped) return Operator::pushRels(row, step, rels, n);
  std::vector<const PropertyColumn*>& argCols = typedArgCols_;
  if (!typedColumns(step, keyCol, argCols)) return Operator::pushRels(row, step, rels, n);
  const GraphImpl& g = ctx->graph.impl();
  ctx->poll();
  bool in = step.dir == Direction::In;
  auto setRow = [&](RelId r) {
    row[step.rel].setRel(r);
    row[step.node].setNode(in ? g.relDst[r] : g.relSrc[r]);
    row[step.to].setNode(in ? g.relSrc[r] : g.relDst[r]);
  };
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
      uint32_t w;
      if (keyCol->has(r) && (w = keyCol->wordAt(r)) < byWord_.size() && byWord_[w] != 0) {
        group = byWord_[w] - 1;
      } else {
        setRow(r);
        if (!push(row)) return false;  // a new group, or a null key
        continue;
      }
    }
    AggState* states = statesOf(group);
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

int AggregateOp::pushRelRange(Row& row, const MatchStep& step, RelId begin, RelId end,
                              std::span<const uint8_t> want, bool& any) {
  // Below this many ids a second thread costs more than it saves.
  constexpr RelId kMinIds = 1 << 16;
  // Accumulators per (dictionary id, aggregate) and thread: only for small dictionaries.
  constexpr size_t kMaxWords = 1 << 16;
  const unsigned threads = std::min(ctx->threads, 8u);
  const GraphImpl& g = ctx->graph.impl();
  const PropertyColumn* keyCol = nullptr;
  std::vector<const PropertyColumn*> argCols;
  if (threads < 2 || end - begin < kMinIds || !typedColumns(step, keyCol, argCols)) return -1;
  for (const PropertyColumn* c : argCols) {
    if (c && c->kind() != PropertyColumn::Kind::Float && c->kind() != PropertyColumn::Kind::Int32 &&
        c->kind() != PropertyColumn::Kind::Int64)
      return -1;  // a mixed column: the row-by-row path converts each value
  }
  const size_t words = keyCol ? g.strings.size() : 0;
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
  auto work = [&](unsigned t, RelId from, RelId to) noexcept {
    Part& p = parts[t];
    const TypeId* relType = g.relTypes.data();
    const uint64_t* dead = g.relDead.data();
    for (RelId r = from; r < to; ++r) {
      if ((r & 0xFFFF) == 0 && ctx->cancel && ctx->cancel->load(std::memory_order_relaxed)) {
        p.cancelled = true;
        return;
      }
      if ((dead[r / 64] >> (r % 64)) & 1) continue;
      if (!want.empty() && (relType[r] >= want.size() || !want[relType[r]])) continue;
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
    if (p.cancelled)
      throw Error(ErrorKind::Cancelled, "query cancelled", {}, "", ErrorPhase::Runtime);
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
    row[step.node].setNode(in ? g.relDst[first] : g.relSrc[first]);
    row[step.to].setNode(in ? g.relSrc[first] : g.relDst[first]);
    size_t group;
    if (keys_.empty()) {
      if (groups_.empty()) newGroup(row, Value());
      group = 0;
    } else if (slot < words) {
      int64_t byWord = groupByWord(row);
      if (byWord < 0) return -1;  // cannot happen: the key is a dictionary string
      group = static_cast<size_t>(byWord);
    } else {
      Value nullKey;
      auto it = index_.find(nullKey);
      group = it == index_.end() ? newGroup(row, nullKey) : it->second;
    }
    AggState* states = statesOf(group);
    for (size_t i = 0; i < naggs; ++i) {
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

void AggregateOp::update(AggState& st, const BoundAggregate& a, Row& row) {
  if (a.kind == AggKind::CountStar) {
    ++st.count;
    return;
  }
  Value v;
  if (!readProperty(*a.arg, row, *ctx, v)) v = evaluate(*a.arg, row, *ctx);
  add(st, a, std::move(v), row);
}

void AggregateOp::add(AggState& st, const BoundAggregate& a, Value v, Row& row) {
  if (v.isNull()) return;
  if (a.distinct) {
    if (!st.seen)
      st.seen = std::make_unique<std::unordered_set<Value, ValueHash, ValueIdentical>>();
    if (!st.seen->insert(v).second) return;
  }
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
      st.values.push_back(std::move(v));
      break;
    case AggKind::CountStar:
      break;
  }
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

bool DistinctOp::push(Row& row) {
  Value key;
  if (slots_.size() == 1) {
    key = row[slots_[0]];
  } else {
    ValueList k;
    k.reserve(slots_.size());
    for (Slot s : slots_) k.push_back(row[s]);
    key = Value(std::move(k));
  }
  if (!seen_.insert(std::move(key)).second) return true;
  return next->push(row);
}

// ---- ORDER BY ----
bool SortOp::less(const Entry& a, const Entry& b) const {
  for (size_t i = 0; i < keys_.size(); ++i) {
    int c = Value::orderCompare(a.key[i], b.key[i]);
    if (c != 0) return keys_[i].second ? c > 0 : c < 0;
  }
  return a.seq < b.seq;  // stable: earlier rows first among equals
}

bool SortOp::insert(Row& row, bool owned) {
  ctx->poll();
  scratch_.key.resize(keys_.size());
  scratch_.seq = seq_++;
  auto cmp = [this](const Entry& a, const Entry& b) { return less(a, b); };
  if (topK_ >= 0 && topK_ > 0 && entries_.size() == static_cast<size_t>(topK_)) {
    // Top-K with a full heap: evaluate sort keys one at a time and drop the row as soon as it
    // is known to rank after the current K-th row (most rows leave after the first key).
    const Entry& worst = entries_.front();
    size_t i = 0;
    for (; i < keys_.size(); ++i) {
      scratch_.key[i] = evaluate(*keys_[i].first, row, *ctx);
      int c = Value::orderCompare(scratch_.key[i], worst.key[i]);
      if (keys_[i].second) c = -c;
      if (c > 0) return true;
      if (c < 0) break;
    }
    if (i == keys_.size()) return true;  // equal keys: the earlier row stays
    for (++i; i < keys_.size(); ++i) scratch_.key[i] = evaluate(*keys_[i].first, row, *ctx);
  } else {
    for (size_t i = 0; i < keys_.size(); ++i)
      scratch_.key[i] = evaluate(*keys_[i].first, row, *ctx);
  }
  if (topK_ >= 0) {
    // Top-K: a max-heap of the best K rows seen so far; a row that cannot enter is not copied.
    if (topK_ == 0) return true;
    if (entries_.size() == static_cast<size_t>(topK_)) {
      std::pop_heap(entries_.begin(), entries_.end(), cmp);
      entries_.back().key.swap(scratch_.key);
      entries_.back().seq = scratch_.seq;
      if (owned) {
        entries_.back().row.swap(row);
      } else {
        entries_.back().row = row;
      }
      std::push_heap(entries_.begin(), entries_.end(), cmp);
      publish();
      return true;
    }
    entries_.push_back(Entry{scratch_.key, owned ? std::move(row) : row, scratch_.seq});
    std::push_heap(entries_.begin(), entries_.end(), cmp);
    publish();
    return true;
  }
  entries_.push_back(Entry{scratch_.key, owned ? std::move(row) : row, scratch_.seq});
  return true;
}

void SortOp::publish() {
  if (!bound_ || entries_.size() != static_cast<size_t>(topK_)) return;
  bound_->descending = keys_[0].second;
  bound_->bound = entries_.front().key[0];
  bound_->active = true;
}

bool SortOp::finish() {
  // Sorts positions, not the entries (each holds a row and its keys).
  std::vector<uint32_t> order(entries_.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [this](uint32_t a, uint32_t b) { return less(entries_[a], entries_[b]); });
  for (uint32_t i : order) {
    if (!next->pushOwned(entries_[i].row)) break;
  }
  entries_.clear();
  return next->finish();
}

std::string SortOp::describe() const {
  return topK_ >= 0 ? "Top (" + std::to_string(topK_) + ")" : "Sort";
}

int64_t SkipLimitOp::evaluateCount(const BoundExpr& e, Row& row, ExecContext& ctx,
                                   const char* what) {
  Value v = evaluate(e, row, ctx);
  if (v.type() != T::Int)
    throw Error(ErrorKind::SyntaxError,
                std::string(what) + " expects an integer, got " + cypherTypeName(v), e.pos,
                "InvalidArgumentType", ErrorPhase::Runtime);
  if (v.asInt() < 0)
    throw Error(ErrorKind::SyntaxError, std::string(what) + " must not be negative", e.pos,
                "NegativeIntegerArgument", ErrorPhase::Runtime);
  return v.asInt();
}

bool SkipLimitOp::pass(Row& row, bool owned) {
  if (!evaluated_) {
    evaluated_ = true;
    if (skipExpr_) skip_ = evaluateCount(*skipExpr_, row, *ctx, "SKIP");
    if (limitExpr_) limit_ = evaluateCount(*limitExpr_, row, *ctx, "LIMIT");
  }
  int64_t i = seen_++;
  if (i < skip_) return true;
  if (limit_ >= 0 && i >= skip_ + limit_) return drain_;
  bool more = owned ? next->pushOwned(row) : next->push(row);
  if (limit_ >= 0 && i + 1 >= skip_ + limit_) return drain_;
  return more;
}

std::string SkipLimitOp::describe() const {
  return std::string(skipExpr_ ? "Skip" : "") + (skipExpr_ && limitExpr_ ? " / " : "") +
         (limitExpr_ ? "Limit" : "");
}

bool EagerOp::finish() {
  for (auto& r : rows_) {
    if (!next->pushOwned(r)) break;
  }
  rows_.clear();
  return next->finish();
}

// ---- writes ----
namespace {

void checkPropertyValue(const Value& v, const std::string& key) {
  auto bad = [&](const Value& x) {
    return x.type() == T::Map || x.type() == T::Node || x.type() == T::Rel || x.type() == T::Path;
  };
  if (bad(v)) {
    throwRuntime(ErrorKind::TypeError,
                 "property '" + key + "' cannot hold a " + cypherTypeName(v) +
                     " (only scalars and lists of scalars)",
                 "InvalidPropertyType");
  }
  if (v.type() == T::List) {
    for (const auto& x : v.asList()) {
      if (bad(x) || x.type() == T::List)
        throwRuntime(ErrorKind::TypeError,
                     "property '" + key + "' cannot hold a list containing a " +
                         std::string(cypherTypeName(x)),
                     "InvalidPropertyType");
    }
  }
}

void setProperty(ExecContext& ctx, const Value& target, const std::string& key, const Value& v) {
  if (target.isNull()) return;
  checkPropertyValue(v, key);
  KeyId k = ctx.graph.internKey(key);
  if (target.type() == T::Node) {
    if (!ctx.graph.nodeExists(target.asNode()))
      throwRuntime(ErrorKind::EntityNotFound, "cannot set a property of a deleted node",
                   "DeletedEntityAccess");
    ctx.graph.setNodeProperty(target.asNode(), k, v);
    if (!ctx.schema.empty()) ctx.touchedNodes.push_back(target.asNode());
  } else if (target.type() == T::Rel) {
    if (!ctx.graph.relExists(target.asRel()))
      throwRuntime(ErrorKind::EntityNotFound, "cannot set a property of a deleted relationship",
                   "DeletedEntityAccess");
    ctx.graph.setRelProperty(target.asRel(), k, v);
    if (!ctx.schema.empty()) ctx.touchedRels.push_back(target.asRel());
  } else {
    throwRuntime(ErrorKind::TypeError,
                 std::string("cannot set a property on a ") + cypherTypeName(target),
                 "InvalidArgumentType");
  }
  ++ctx.stats.propertiesSet;
}

NodeId createNodeFrom(const BoundNodePattern& np, Row& row, ExecContext& ctx) {
  std::vector<LabelId> labels;
  for (const auto& l : np.labels) labels.push_back(ctx.graph.internLabel(l));
  NodeId n = ctx.graph.createNode(labels);
  if (!ctx.schema.empty()) ctx.touchedNodes.push_back(n);
  ++ctx.stats.nodesCreated;
  ctx.stats.labelsAdded += static_cast<int64_t>(np.labels.size());
  for (const auto& [key, expr] : np.properties) {
    Value v = evaluate(*expr, row, ctx);
    if (v.isNull()) continue;
    setProperty(ctx, Value(NodeRef{n}), key, v);
  }
  return n;
}

void createPattern(const BoundPattern& pattern, Row& row, ExecContext& ctx) {
  for (const auto& part : pattern.parts) {
    for (const auto& np : part.nodes) {
      if (np.alreadyBound) {
        const Value& v = row[np.slot];
        if (v.type() != T::Node)
          throwRuntime(ErrorKind::TypeError,
                       "cannot create a relationship with a null or non-node endpoint",
                       "InvalidArgumentType");
        continue;
      }
      row[np.slot] = Value(NodeRef{createNodeFrom(np, row, ctx)});
    }
    for (size_t i = 0; i < part.rels.size(); ++i) {
      const auto& rp = part.rels[i];
      NodeId a = row[part.nodes[i].slot].asNode();
      NodeId b = row[part.nodes[i + 1].slot].asNode();
      if (rp.direction == ast::RelDirection::Left) std::swap(a, b);
      RelId r = ctx.graph.createRel(a, b, ctx.graph.internType(rp.types[0]));
      if (!ctx.schema.empty()) ctx.touchedRels.push_back(r);
      ++ctx.stats.relsCreated;
      row[rp.slot] = Value(RelRef{r});
      for (const auto& [key, expr] : rp.properties) {
        Value v = evaluate(*expr, row, ctx);
        if (v.isNull()) continue;
        setProperty(ctx, Value(RelRef{r}), key, v);
      }
    }
    if (part.pathSlot != kNoSlot) {
      PathValue p;
      for (size_t i = 0; i < part.nodes.size(); ++i) {
        p.nodes.push_back(row[part.nodes[i].slot].asNode());
        if (i < part.rels.size()) p.rels.push_back(row[part.rels[i].slot].asRel());
      }
      row[part.pathSlot] = Value(std::move(p));
    }
  }
}

}  // namespace

bool CreateOp::push(Row& row) {
  createPattern(*pattern_, row, *ctx);
  return next->push(row);
}

bool MergeOp::push(Row& row) {
  std::vector<Row> matches;
  runMatch(*program_, row, *ctx, [&](Row& r) {
    matches.push_back(r);
    return true;
  });
  if (matches.empty()) {
    for (const auto& part : clause_->pattern.parts) {
      for (const auto& np : part.nodes) {
        if (np.alreadyBound && row[np.slot].isNull())
          throwRuntime(ErrorKind::TypeError, "MERGE cannot use a null node", "InvalidArgumentType");
      }
      for (const auto& rp : part.rels) {
        for (const auto& [k, e] : rp.properties) {
          if (evaluate(*e, row, *ctx).isNull())
            throwRuntime(ErrorKind::SemanticError,
                         "MERGE cannot use a null property value ('" + k + "')",
                         "MergeReadOwnWrites");
        }
      }
      for (const auto& np : part.nodes) {
        for (const auto& [k, e] : np.properties) {
          if (evaluate(*e, row, *ctx).isNull())
            throwRuntime(ErrorKind::SemanticError,
                         "MERGE cannot use a null property value ('" + k + "')",
                         "MergeReadOwnWrites");
        }
      }
    }
    createPattern(clause_->pattern, row, *ctx);
    applySetItems(clause_->onCreate, row, *ctx);
    return next->push(row);
  }
  for (auto& m : matches) {
    applySetItems(clause_->onMatch, m, *ctx);
    if (!next->push(m)) return false;
  }
  return true;
}

void applySetItems(const std::vector<BoundSetItem>& items, Row& row, ExecContext& ctx) {
  for (const auto& item : items) {
    Value target = evaluate(*item.target, row, ctx);
    switch (item.kind) {
      case ast::SetItem::Kind::Property:
        setProperty(ctx, target, item.key, evaluate(*item.value, row, ctx));
        break;
      case ast::SetItem::Kind::ReplaceAll:
      case ast::SetItem::Kind::MergeAll: {
        if (target.isNull()) break;
        Value v = evaluate(*item.value, row, ctx);
        ValueMap m;
        if (v.type() == T::Map) {
          m = v.asMap();
        } else if (v.type() == T::Node) {
          ctx.graph.forEachNodeProperty(v.asNode(), [&](KeyId k, const Value& x) {
            m.emplace_back(ctx.graph.keyName(k), x);
          });
        } else if (v.type() == T::Rel) {
          ctx.graph.forEachRelProperty(
              v.asRel(), [&](KeyId k, const Value& x) { m.emplace_back(ctx.graph.keyName(k), x); });
        } else if (!v.isNull()) {
          throwRuntime(ErrorKind::TypeError,
                       std::string("SET expects a map, got ") + cypherTypeName(v),
                       "InvalidArgumentType");
        }
        if (item.kind == ast::SetItem::Kind::ReplaceAll) {
          if (target.type() == T::Node) {
            ctx.graph.clearNodeProperties(target.asNode());
          } else if (target.type() == T::Rel) {
            ctx.graph.clearRelProperties(target.asRel());
          } else {
            throwRuntime(ErrorKind::TypeError, "SET = expects a node or relationship",
                         "InvalidArgumentType");
          }
        }
        for (const auto& [k, x] : m) setProperty(ctx, target, k, x);
        break;
      }
      case ast::SetItem::Kind::Labels: {
        if (target.isNull()) break;
        if (target.type() != T::Node)
          throwRuntime(ErrorKind::TypeError, "labels can only be set on nodes",
                       "InvalidArgumentType");
        for (const auto& l : item.labels) {
          LabelId id = ctx.graph.internLabel(l);
          if (!ctx.graph.hasLabel(target.asNode(), id)) {
            ctx.graph.addLabel(target.asNode(), id);
            if (!ctx.schema.empty()) ctx.touchedNodes.push_back(target.asNode());
            ++ctx.stats.labelsAdded;
          }
        }
        break;
      }
    }
  }
}

bool SetOp::push(Row& row) {
  applySetItems(*items_, row, *ctx);
  return next->push(row);
}

bool RemoveOp::push(Row& row) {
  for (const auto& item : *items_) {
    Value target = evaluate(*item.target, row, *ctx);
    if (target.isNull()) continue;
    if (item.kind == ast::RemoveItem::Kind::Property) {
      KeyId k = ctx->graph.keyId(item.key);
      if (k == kNoKey) continue;
      if (target.type() == T::Node) {
        if (!ctx->graph.nodeProperty(target.asNode(), k).isNull()) {
          ctx->graph.setNodeProperty(target.asNode(), k, Value());
          ++ctx->stats.propertiesSet;
        }
      } else if (target.type() == T::Rel) {
        if (!ctx->graph.relProperty(target.asRel(), k).isNull()) {
          ctx->graph.setRelProperty(target.asRel(), k, Value());
          ++ctx->stats.propertiesSet;
        }
      } else {
        throwRuntime(ErrorKind::TypeError, "REMOVE expects a node or relationship",
                     "InvalidArgumentType");
      }
    } else {
      if (target.type() != T::Node)
        throwRuntime(ErrorKind::TypeError, "labels can only be removed from nodes",
                     "InvalidArgumentType");
      for (const auto& l : item.labels) {
        LabelId id = ctx->graph.labelId(l);
        if (id != kNoLabel && ctx->graph.hasLabel(target.asNode(), id)) {
          ctx->graph.removeLabel(target.asNode(), id);
          ++ctx->stats.labelsRemoved;
        }
      }
    }
  }
  return next->push(row);
}

bool DeleteOp::push(Row& row) {
  Graph& g = ctx->graph;
  auto deleteRel = [&](RelId r) {
    if (!g.relExists(r)) return;
    g.deleteRel(r);
    ++ctx->stats.relsDeleted;
  };
  auto deleteNode = [&](NodeId n) {
    if (!g.nodeExists(n)) return;
    if (detach_) {
      std::vector<RelId> rels;
      g.forEachAdjacent(n, Direction::Both, kNoType, [&](RelId r, NodeId) {
        rels.push_back(r);
        return true;
      });
      for (RelId r : rels) deleteRel(r);
    } else if (g.degree(n, Direction::Both, kNoType) > 0) {
      pending_.push_back(n);
      return;
    }
    g.deleteNode(n);
    ++ctx->stats.nodesDeleted;
  };
  std::vector<NodeId> nodes;
  for (const auto& e : *exprs_) {
    Value v = evaluate(*e, row, *ctx);
    switch (v.type()) {
      case T::Null:
        break;
      case T::Node:
        nodes.push_back(v.asNode());
        break;
      case T::Rel:
        deleteRel(v.asRel());
        break;
      case T::Path:
        for (RelId r : v.asPath().rels) deleteRel(r);
        for (NodeId n : v.asPath().nodes) nodes.push_back(n);
        break;
      default:
        throwRuntime(
            ErrorKind::TypeError,
            std::string("DELETE expects a node, relationship or path, got ") + cypherTypeName(v),
            "InvalidArgumentType");
    }
  }
  for (NodeId n : nodes) deleteNode(n);
  return next->push(row);
}

bool DeleteOp::finish() {
  Graph& g = ctx->graph;
  for (NodeId n : pending_) {
    if (!g.nodeExists(n)) continue;
    if (g.degree(n, Direction::Both, kNoType) > 0)
      throwRuntime(ErrorKind::ConstraintVerificationFailed,
                   "cannot delete a node that still has relationships; use DETACH DELETE",
                   "DeleteConnectedNode");
    g.deleteNode(n);
    ++ctx->stats.nodesDeleted;
  }
  pending_.clear();
  return next->finish();
}

bool ResultOp::push(Row& row) {
  if (!out_) return true;
  std::vector<Value> out;
  out.reserve(slots_.size());
  for (Slot s : slots_) out.push_back(row[s]);
  out_->push_back(std::move(out));
  return true;
}

bool ResultOp::pushOwned(Row& row) {
  if (!out_ || !distinct_) return push(row);
  std::vector<Value> out;
  out.reserve(slots_.size());
  for (Slot s : slots_) out.push_back(std::move(row[s]));
  out_->push_back(std::move(out));
  return true;
}

}  // namespace silkgraph
