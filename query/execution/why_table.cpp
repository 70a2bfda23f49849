// Implements query/execution/why_table.h.
#include "query/execution/why_table.h"

#include <algorithm>
#include <span>
#include <tuple>
#include <utility>

#include "common/assert.h"
#include "common/flat_u64_set.h"
#include "engine/graph_view.h"
#include "query/execution/conflicts.h"
#include "query/execution/entity_list.h"

namespace silkgraph {

using T = Value::Type;

uint32_t CitationSets::of(const Value& v) {
  key_.clear();
  auto take = [&](const Value& s) {
    if (s.type() == T::String && !s.asString().empty()) key_.push_back(s.stringPtr().get());
  };
  if (v.type() == T::List) {
    for (const Value& e : v.asList()) take(e);
  } else {
    take(v);
  }
  if (key_.empty()) return 0;
  if (last_ != 0 && key_ == lastKey_) return last_;  // the very strings the last one held
  text_.clear();
  for (const std::string* s : key_) {
    const auto n = static_cast<uint32_t>(s->size());
    text_.append(reinterpret_cast<const char*>(&n), sizeof n);
    text_ += *s;
  }
  SG_ASSERT(byId_.size() + 1 < WhyTable::kConflict, "citation set ids fit below the flag bits");
  auto [at, added] = byText_.try_emplace(text_, static_cast<uint32_t>(byId_.size() + 1));
  if (added) {
    byId_.push_back(key_);
    if (v.type() == T::List) {
      for (const Value& e : v.asList())
        if (e.type() == T::String) held_.push_back(e.stringPtr());
    } else {
      held_.push_back(v.stringPtr());
    }
  }
  // The last strings are kept alive too, so that no other string takes their address.
  lastHeld_.clear();
  if (v.type() == T::List) {
    for (const Value& e : v.asList())
      if (e.type() == T::String) lastHeld_.push_back(e.stringPtr());
  } else {
    lastHeld_.push_back(v.stringPtr());
  }
  lastKey_ = key_;
  last_ = at->second;
  return last_;
}

namespace {

// Sets out[id] to the citation set of each id that has a `sources` value in `col`.
void readCitations(const PropertyColumn& col, const StringDictionary& dict, size_t limit,
                   CitationSets& sets, std::vector<uint32_t>& out) {
  using K = PropertyColumn::Kind;
  if (col.kind() != K::Generic && col.kind() != K::String) return;
  for (size_t id = 0; id < limit; ++id) {
    const auto i = static_cast<uint32_t>(id);
    if (!col.has(i)) continue;
    out[id] = col.kind() == K::Generic ? sets.of(col.genericAt(i)) : sets.of(col.get(i, dict));
  }
}

// Marks every relationship that conflicts with a twin (same start, type and end) and records
// its partners: each start node's relationships sorted by (type, end), each group compared once.
void findAllConflicts(const Graph& g, WhyTable& t) {
  const GraphView v = g.view();
  std::span<const TypeId> types = v.relTypes();
  ConflictFinder finder(g);
  std::vector<std::tuple<TypeId, NodeId, RelId>> out;
  std::vector<RelId> twins;
  std::vector<std::pair<RelId, RelId>> pairs;
  for (NodeId n = 0; n < g.nodeIdLimit(); ++n) {
    if (!v.nodeAlive(n)) continue;
    out.clear();
    g.forEachAdjacent(n, Direction::Out, kNoType, [&](RelId r, NodeId other) {
      out.emplace_back(types[r], other, r);
      return true;
    });
    if (out.size() < 2) continue;
    std::sort(out.begin(), out.end());
    for (size_t i = 0; i < out.size();) {
      size_t j = i + 1;
      while (j < out.size() && std::get<0>(out[j]) == std::get<0>(out[i]) &&
             std::get<1>(out[j]) == std::get<1>(out[i]))
        ++j;
      if (j - i >= 2) {
        twins.clear();
        for (size_t k = i; k < j; ++k) twins.push_back(std::get<2>(out[k]));
        pairs.clear();
        finder.pairs(twins, pairs);
        for (auto [a, b] : pairs) {
          t.rels[a] |= WhyTable::kConflict;
          t.rels[b] |= WhyTable::kConflict;
          t.partners[a].push_back(b);
          t.partners[b].push_back(a);
        }
      }
      i = j;
    }
  }
  for (auto& [r, partners] : t.partners) std::sort(partners.begin(), partners.end());
}

}  // namespace

std::shared_ptr<const WhyTable> WhyTable::build(const Graph& g, CitationSets sets) {
  auto t = std::make_shared<WhyTable>();
  t->sets = std::move(sets);
  const GraphView v = g.view();
  t->nodes.assign(g.nodeIdLimit(), 0);
  t->rels.assign(g.relIdLimit(), 0);
  const KeyId key = g.keyId("sources");
  if (key != kNoKey) {
    if (key < v.nodeColumns().size())
      readCitations(v.nodeColumns()[key], v.strings(), t->nodes.size(), t->sets, t->nodes);
    if (key < v.relColumns().size())
      readCitations(v.relColumns()[key], v.strings(), t->rels.size(), t->sets, t->rels);
    for (NodeId n = 0; n < t->nodes.size(); ++n)
      if (!v.nodeAlive(n)) t->nodes[n] = 0;
    std::span<const uint64_t> dead = v.relDeadBits();
    for (RelId r = 0; r < t->rels.size(); ++r)
      if (r / 64 < dead.size() && ((dead[r / 64] >> (r % 64)) & 1) != 0) t->rels[r] = 0;
  }
  findAllConflicts(g, *t);
  // Every conflict described now, and ranked by its pair's ids.
  for (const auto& [r, partners] : t->partners)
    for (const FactConflict& c : t->describe(g, r))
      if (r < c.other) t->pairKeys.push_back(uint64_t{r} << 32 | c.other);
  std::sort(t->pairKeys.begin(), t->pairKeys.end());
  for (const auto& [r, partners] : t->partners) {
    std::vector<Ranked>& out = t->ranked[r];
    for (const FactConflict& c : t->describe(g, r))
      out.push_back({c.other, t->pairRank(r, c.other)});
  }
  return t;
}

const std::vector<FactConflict>& WhyTable::conflictsOf(const Graph& g, RelId r) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return describe(g, r);
}

const std::vector<FactConflict>& WhyTable::described(RelId r) const {
  static const std::vector<FactConflict> kNone;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = described_.find(r);
  return it == described_.end() || !it->second ? kNone : *it->second;
}

const std::vector<FactConflict>& WhyTable::describe(const Graph& g, RelId r) const {
  auto& slot = described_[r];
  if (!slot) {
    auto it = partners.find(r);
    slot = std::make_unique<const std::vector<FactConflict>>(
        it == partners.end() ? std::vector<FactConflict>{}
                             : silkgraph::conflictsOf(g, r, nullptr, &it->second));
  }
  return *slot;
}

uint32_t WhyTable::pairRank(RelId a, RelId b) const {
  const uint64_t key = uint64_t{std::min(a, b)} << 32 | std::max(a, b);
  auto it = std::lower_bound(pairKeys.begin(), pairKeys.end(), key);
  return it != pairKeys.end() && *it == key ? static_cast<uint32_t>(it - pairKeys.begin())
                                            : kNoRank;
}

const WhyTable::Block* WhyTable::block(const Value& list) const {
  uint32_t number;
  if (!whyBlockNumber(list, number)) return nullptr;
  const Block* b = blocks_.get(number);  // no lock: published whole by makeBlock
  return b && &b->entities.asList() == &list.asList() ? b : nullptr;
}

const WhyTable::Block* WhyTable::makeBlock(const Graph&, NodeId n, TypeId type, Direction dir,
                                           LabelId label, ValueList entities) const {
  const size_t number = blocks_.size();
  Block& b = blocks_.add();
  b.node = n;
  b.type = type;
  b.dir = dir;
  b.label = label;
  FlatU64Set sets, pairs, sides;
  for (const Value& e : entities) {
    const bool isRel = e.type() == T::Rel;
    const uint32_t id = isRel ? e.asRel() : e.asNode();
    const std::vector<uint32_t>& entries = isRel ? rels : nodes;
    const uint32_t entry = id < entries.size() ? entries[id] : 0;
    if ((entry & ~kConflict) != 0 && sets.insert(entry & ~kConflict))
      b.sets.push_back(entry & ~kConflict);
    if (!isRel || (entry & kConflict) == 0) continue;
    const RelId r = e.asRel();
    auto it = ranked.find(r);
    if (it == ranked.end()) continue;
    for (const Ranked& c : it->second) {
      if (!pairs.insert(c.rank)) continue;
      b.ranks.push_back(c.rank);
      for (RelId side : {r, c.other}) {
        const uint32_t set = side < rels.size() ? rels[side] & ~kConflict : 0;
        if (set != 0 && sides.insert(set)) b.sideSets.push_back(set);
      }
    }
  }
  std::sort(b.ranks.begin(), b.ranks.end());
  entities.insert(entities.begin(), Value(kWhyBlockMarker + static_cast<int64_t>(number)));
  b.entities = Value(std::move(entities));
  blocks_.publish();
  return &b;
}

Value WhyTable::twins(const Graph& g, NodeId n, TypeId type, Direction dir, NodeId other,
                      bool relFirst) const {
  auto pick = [&](const TwinGroups& groups) {
    auto it = groups.find(other);
    if (it == groups.end()) return Value();
    return relFirst ? it->second.relFirst->entities : it->second.otherFirst->entities;
  };
  if (const auto* slots = twinSlots_.find({type, dir}))  // no lock: made once, then unchanged
    if (const TwinGroups* groups = slots->get(n)) return pick(*groups);
  std::lock_guard<std::mutex> lock(mutex_);
  auto [at, added] = twins_.try_emplace({n, type, dir});
  TwinGroups& groups = at->second;
  if (added) {
    std::vector<std::pair<NodeId, RelId>> row;  // (other end, relationship), in row order
    g.forEachAdjacent(n, dir, type, [&](RelId r, NodeId o) {
      row.emplace_back(o, r);
      return true;
    });
    std::stable_sort(row.begin(), row.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<uint32_t> seen;  // the citation sets of the group so far
    for (size_t i = 0; i < row.size();) {
      const NodeId o = row[i].first;
      ValueList relsFirst, othersFirst;
      seen.clear();
      const uint32_t c = o < nodes.size() ? nodes[o] : 0;
      for (; i < row.size() && row[i].first == o; ++i) {
        const RelId r = row[i].second;
        const uint32_t e = r < rels.size() ? rels[r] : 0;
        bool brings = (e & kConflict) != 0 || relsFirst.empty();
        const uint32_t set = e & ~kConflict;
        if (set != 0 && std::find(seen.begin(), seen.end(), set) == seen.end()) {
          seen.push_back(set);
          brings = true;
        }
        if (c != 0 && std::find(seen.begin(), seen.end(), c) == seen.end()) seen.push_back(c);
        if (!brings) continue;
        relsFirst.emplace_back(RelRef{r});
        relsFirst.emplace_back(NodeRef{o});
        othersFirst.emplace_back(NodeRef{o});
        othersFirst.emplace_back(RelRef{r});
      }
      Summary& slot = groups[o];
      slot.relFirst = makeBlock(g, n, type, dir, kNoLabel, std::move(relsFirst));
      slot.otherFirst = makeBlock(g, n, type, dir, kNoLabel, std::move(othersFirst));
    }
    if (auto* slots = twinSlots_.add({type, dir}, nodes.size())) slots->set(n, &groups);
  }
  return pick(groups);
}

Value WhyTable::summary(const Graph& g, NodeId n, TypeId type, Direction dir, LabelId label,
                        bool relFirst) const {
  if (const auto* slots = summarySlots_.find({type, dir, label}))  // no lock: made once
    if (const Summary* s = slots->get(n))
      return relFirst ? s->relFirst->entities : s->otherFirst->entities;
  std::lock_guard<std::mutex> lock(mutex_);
  auto [at, added] = summaries_.try_emplace({n, type, dir, label});
  Summary& slot = at->second;
  if (!added) return relFirst ? slot.relFirst->entities : slot.otherFirst->entities;
  ValueList relsFirst, othersFirst;
  FlatU64Set seen;  // citation sets
  g.forEachAdjacent(n, dir, type, [&](RelId r, NodeId other) {
    if (label != kNoLabel && !g.hasLabel(other, label)) return true;
    const uint32_t e = r < rels.size() ? rels[r] : 0;
    const uint32_t c = other < nodes.size() ? nodes[other] : 0;
    bool brings = (e & kConflict) != 0;
    if ((e & ~kConflict) != 0 && seen.insert(e & ~kConflict)) brings = true;
    if (c != 0 && seen.insert(c)) brings = true;
    if (brings) {
      relsFirst.emplace_back(RelRef{r});
      relsFirst.emplace_back(NodeRef{other});
      othersFirst.emplace_back(NodeRef{other});
      othersFirst.emplace_back(RelRef{r});
    }
    return true;
  });
  slot.relFirst = makeBlock(g, n, type, dir, label, std::move(relsFirst));
  slot.otherFirst = makeBlock(g, n, type, dir, label, std::move(othersFirst));
  if (auto* slots = summarySlots_.add({type, dir, label}, nodes.size())) slots->set(n, &slot);
  return relFirst ? slot.relFirst->entities : slot.otherFirst->entities;
}

const WhyTable::Block* WhyTable::mergeBlocks(NodeId n, TypeId type, Direction dir,
                                             const ValueList& parts) const {
  const size_t number = blocks_.size();
  Block& b = blocks_.add();
  b.node = n;
  b.type = type;
  b.dir = dir;
  FlatU64Set sets, sides;
  ValueList entities{Value(kWhyBlockMarker + static_cast<int64_t>(number))};
  for (const Value& v : parts) {
    const Block* part = block(v);
    SG_ASSERT(part, "twoHops merges blocks of this table");
    entities.push_back(v);  // read one by one, a block of blocks gives the same
    for (uint32_t set : part->sets)
      if (sets.insert(set)) b.sets.push_back(set);
    for (uint32_t set : part->sideSets)
      if (sides.insert(set)) b.sideSets.push_back(set);
    b.ranks.insert(b.ranks.end(), part->ranks.begin(), part->ranks.end());
  }
  std::sort(b.ranks.begin(), b.ranks.end());
  b.ranks.erase(std::unique(b.ranks.begin(), b.ranks.end()), b.ranks.end());
  b.entities = Value(std::move(entities));
  blocks_.publish();
  return &b;
}

Value WhyTable::twoHops(const Graph& g, NodeId n, TypeId type1, Direction dir1, LabelId label1,
                        bool relFirst1, TypeId type2, Direction dir2, LabelId label2,
                        bool relFirst2) const {
  const auto key =
      std::make_tuple(n, type1, dir1, label1, relFirst1, type2, dir2, label2, relFirst2);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = twoHops_.find(key);
    if (it != twoHops_.end()) return it->second ? it->second->entities : Value();
  }
  // A first-hop relationship at m is in m's second-hop row when both hops have its type and
  // reach m from opposite sides (or either goes both ways), or when it is a self-loop at n.
  const bool sameRows = type1 == type2 && (dir1 == Direction::Both || dir1 != dir2);
  std::vector<NodeId> ends;  // the first hop's distinct other ends, in row order
  bool loop = false;
  g.forEachAdjacent(n, dir1, type1, [&](RelId, NodeId m) {
    loop = loop || m == n;
    ends.push_back(m);
    return true;
  });
  std::sort(ends.begin(), ends.end());
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  ValueList parts;
  if (!sameRows && !loop) {
    for (NodeId m : ends) {
      if (label1 != kNoLabel && !g.hasLabel(m, label1)) continue;
      bool reaches = false;  // the second hop makes a row from m
      g.forEachAdjacent(m, dir2, type2, [&](RelId, NodeId c) {
        reaches = label2 == kNoLabel || g.hasLabel(c, label2);
        return !reaches;
      });
      if (!reaches) continue;
      const Value twinsOf = twins(g, n, type1, dir1, m, relFirst1);  // locks
      if (!twinsOf.isNull()) parts.push_back(twinsOf);
      parts.push_back(summary(g, m, type2, dir2, label2, relFirst2));  // locks
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  auto [at, added] = twoHops_.try_emplace(key, nullptr);
  if (added && !sameRows && !loop) at->second = mergeBlocks(n, type1, dir1, parts);
  return at->second ? at->second->entities : Value();
}

const std::vector<Value>& WhyTable::scanSummaries(const Graph& g, std::span<const uint8_t> want,
                                                  KeyId key, uint8_t ends) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto [at, added] = scans_.try_emplace({std::string(want.begin(), want.end()), key, ends});
  std::vector<Value>& out = at->second;
  if (!added) return out;
  const GraphView v = g.view();
  const PropertyColumn* col = key != kNoKey && key < v.relColumns().size() &&
                                      v.relColumns()[key].kind() == PropertyColumn::Kind::String
                                  ? &v.relColumns()[key]
                                  : nullptr;
  const size_t words = col ? v.strings().size() : 0;
  std::vector<ValueList> kept(words + 1);
  std::vector<FlatU64Set> seen(words + 1);   // per group: its citation sets
  std::vector<uint32_t> last(words + 1, 0);  // per group: the last set it met
  std::span<const TypeId> types = v.relTypes();
  std::span<const uint64_t> dead = v.relDeadBits();
  const NodeIds sources = v.relSources(), targets = v.relTargets();
  const RelId end = static_cast<RelId>(std::min(rels.size(), types.size()));
  for (RelId r = 0; r < end; ++r) {
    if (r / 64 < dead.size() && ((dead[r / 64] >> (r % 64)) & 1) != 0) continue;
    if (!want.empty() && (types[r] >= want.size() || !want[types[r]])) continue;
    size_t slot = words;
    if (col && col->has(r)) slot = std::min<size_t>(col->wordAt(r), words);
    auto brings = [&](uint32_t set) {
      if (set == 0 || set == last[slot]) return false;
      last[slot] = set;
      return seen[slot].insert(set);
    };
    ValueList& list = kept[slot];
    if ((ends & kScanSource) != 0 && brings(sources[r] < nodes.size() ? nodes[sources[r]] : 0))
      list.emplace_back(NodeRef{sources[r]});
    if ((ends & kScanRel) != 0) {
      const uint32_t e = rels[r];
      if (brings(e & ~kConflict) || (e & kConflict) != 0) list.emplace_back(RelRef{r});
    }
    if ((ends & kScanTarget) != 0 && brings(targets[r] < nodes.size() ? nodes[targets[r]] : 0))
      list.emplace_back(NodeRef{targets[r]});
  }
  out.resize(words + 1);
  for (size_t slot = 0; slot <= words; ++slot)
    if (!kept[slot].empty())
      out[slot] =
          makeBlock(g, 0, kNoType, Direction::Out, kNoLabel, std::move(kept[slot]))->entities;
  return out;
}

}  // namespace silkgraph
