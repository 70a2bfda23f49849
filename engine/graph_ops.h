// Internal to engine/: the pieces the Graph's source files share. Error raising, bitmap and
// memory-accounting helpers, and Ops, the raw label/property/index changes that both the
// write API (graph_write.cpp) and the undo log (undo_log.cpp) apply.
#pragma once

#include <algorithm>
#include <bit>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/error.h"
#include "engine/graph.h"

namespace silkgraph::graph_ops {

[[noreturn]] inline void fail(ErrorKind kind, std::string message, std::string detail = {}) {
  throw Error(kind, std::move(message), SourcePos{}, std::move(detail), ErrorPhase::Runtime);
}

inline void setBit(MappedArray<uint64_t>& bits, uint32_t i) {
  bits[i / 64] |= uint64_t{1} << (i % 64);
}
inline void clearBit(MappedArray<uint64_t>& bits, uint32_t i) {
  bits[i / 64] &= ~(uint64_t{1} << (i % 64));
}
// Resizes a bitmap to hold n bits, zeroing every bit at or above n.
// Writes only what changes: a rollback that created nothing leaves a mapped array's pages
// untouched (engine/mapped_array.h).
inline void resizeBits(MappedArray<uint64_t>& bits, size_t n) {
  bits.resize((n + 63) / 64, 0);
  const uint64_t keep = (uint64_t{1} << (n % 64)) - 1;
  if (n % 64 != 0 && (bits.back() & ~keep) != 0) bits.back() &= keep;
}

// Bytes of a std::vector or MappedArray (a mapped array counts its mapped elements).
template <typename Array>
size_t vecBytes(const Array& v) {
  return v.capacity() * sizeof(typename Array::value_type);
}

// Rough cost of an unordered_map: bucket array plus one heap node per entry.
template <typename M>
size_t mapBytes(const M& m) {
  return m.bucket_count() * sizeof(void*) +
         m.size() * (sizeof(typename M::value_type) + sizeof(void*) + sizeof(size_t));
}

// Appends relationship src -[type]-> dst to the relationship arrays (not yet to any
// topology) after checking both ends are alive and the type exists; its id.
inline RelId pushRel(GraphImpl& g, NodeId src, NodeId dst, TypeId type) {
  if (!g.nodeAliveAt(src) || !g.nodeAliveAt(dst))
    fail(ErrorKind::EntityNotFound,
         "cannot create a relationship: node " + std::to_string(g.nodeAliveAt(src) ? dst : src) +
             " does not exist",
         "DeletedEntityAccess");
  if (type >= g.types.size())
    fail(ErrorKind::InternalError, "unknown relationship type id " + std::to_string(type));
  if (g.relTypes.size() >= kInvalidId) fail(ErrorKind::InternalError, "too many relationships");
  auto r = static_cast<RelId>(g.relTypes.size());
  ++g.writes;
  g.relSrc.push_back(src);
  g.relDst.push_back(dst);
  g.relTypes.push_back(type);
  return r;
}

// Calls f(label) for every label of n, ascending. f must not change any node's labels.
template <typename F>
void forEachLabelOf(const GraphImpl& g, NodeId n, F&& f) {
  g.labelSets.forEach(g.nodeLabelSet[n], f);
}

struct Ops {
  GraphImpl& g;

  bool logging(uint32_t id, uint32_t txLimit) const { return g.inTx && id < txLimit; }

  template <typename F>
  void eachLabel(NodeId n, F&& f) const {
    forEachLabelOf(g, n, f);
  }

  void checkKeyConflict(NodeId n, LabelId l, const Value& v) const {
    if (v.isNull() || l >= g.keyIndexes.size()) return;
    const KeyIndex& ix = g.keyIndexes[l];
    if (ix.key == kNoKey) return;
    auto it = ix.map.find(v);
    if (it != ix.map.end() && it->second != n) {
      fail(ErrorKind::ConstraintVerificationFailed,
           "Node(" + std::to_string(it->second) + ") already exists with label `" +
               g.labels.name(l) + "` and property `" + g.keys.name(ix.key) +
               "` = " + v.toCypherLiteral(),
           "UniquenessConstraint");
    }
  }

  void indexInsert(LabelId l, NodeId n, const Value& v) {
    if (v.isNull()) return;
    g.keyIndexes[l].map[v] = n;
  }
  void indexErase(LabelId l, NodeId n, const Value& v) {
    if (v.isNull()) return;
    auto& m = g.keyIndexes[l].map;
    auto it = m.find(v);
    if (it != m.end() && it->second == n) m.erase(it);
  }
  bool indexed(LabelId l) const { return l < g.keyIndexes.size() && g.keyIndexes[l].key != kNoKey; }

  // Property indexes (property_index.cpp): node n gains or loses value v of ix's key.
  static void propIndexInsert(PropertyIndex& ix, NodeId n, const Value& v) {
    if (v.isNull()) return;
    auto& list = ix.map[v];
    auto it = std::lower_bound(list.begin(), list.end(), n);
    if (it == list.end() || *it != n) list.insert(it, n);
  }
  static void propIndexErase(PropertyIndex& ix, NodeId n, const Value& v) {
    if (v.isNull()) return;
    auto m = ix.map.find(v);
    if (m == ix.map.end()) return;
    auto it = std::lower_bound(m->second.begin(), m->second.end(), n);
    if (it != m->second.end() && *it == n) m->second.erase(it);
    if (m->second.empty()) ix.map.erase(m);
  }
  // Label l of node n appears (add) or goes.
  void propIndexLabel(NodeId n, LabelId l, bool add) {
    for (PropertyIndex& ix : g.propIndexes) {
      if (ix.label != l) continue;
      if (add)
        propIndexInsert(ix, n, nodeProp(n, ix.key));
      else
        propIndexErase(ix, n, nodeProp(n, ix.key));
    }
  }
  // Key k of node n changes from its current value to v.
  void propIndexValue(NodeId n, KeyId k, const Value& v) {
    for (PropertyIndex& ix : g.propIndexes) {
      if (ix.key != k || !g.hasLabelAt(n, ix.label)) continue;
      Value old = nodeProp(n, k);
      propIndexErase(ix, n, old);
      propIndexInsert(ix, n, v);
    }
  }
  Value nodeProp(NodeId n, KeyId k) const {
    return k < g.nodeCols.size() ? g.nodeCols[k].get(n, g.strings) : Value();
  }

  // Node n moves to label set `to` (interned by g.labelSets).
  void moveToSet(NodeId n, uint32_t to) {
    const uint32_t from = g.nodeLabelSet[n];
    g.nodeLabelSet[n] = to;
    g.labelSets.move(from, to);
  }

  void addLabelRaw(NodeId n, LabelId l) {
    ++g.nodeWrites;
    ++g.writes;
    moveToSet(n, g.labelSets.with(g.nodeLabelSet[n], l));
    labelAdded(n, l);
  }
  // Gives n, which has no labels, the labels in `labels` (repeats allowed) at once.
  void setLabelsRaw(NodeId n, std::span<const LabelId> labels) {
    ++g.nodeWrites;
    ++g.writes;
    moveToSet(n, g.labelSets.withAll(0, labels));
    forEachLabelOf(g, n, [&](LabelId l) { labelAdded(n, l); });
  }
  // The label lists, counts and indexes after n gained label l.
  void labelAdded(NodeId n, LabelId l) {
    if (g.labelNodes.size() <= l) {
      g.labelNodes.resize(l + 1);
      g.labelCount.resize(l + 1, 0);
      g.labelVersion.resize(l + 1, 0);
    }
    ++g.labelCount[l];
    auto& list = g.labelNodes[l];
    if (list.empty() || list.back() < n) {
      list.push_back(n);
    } else {
      auto it = std::lower_bound(list.begin(), list.end(), n);
      if (it == list.end() || *it != n) {
        list.insert(it, n);
        ++g.labelVersion[l];
      }  // else: a stale entry revives
    }
    if (indexed(l)) indexInsert(l, n, nodeProp(n, g.keyIndexes[l].key));
    if (!g.propIndexes.empty()) propIndexLabel(n, l, true);
  }

  void removeLabelRaw(NodeId n, LabelId l) {
    ++g.nodeWrites;
    ++g.writes;
    moveToSet(n, g.labelSets.without(g.nodeLabelSet[n], l));
    labelRemoved(n, l);
  }
  // Takes every label off n at once.
  void clearLabelsRaw(NodeId n) {
    std::vector<LabelId> labels;
    forEachLabelOf(g, n, [&](LabelId l) { labels.push_back(l); });
    if (labels.empty()) return;
    ++g.nodeWrites;
    ++g.writes;
    moveToSet(n, 0);
    for (LabelId l : labels) labelRemoved(n, l);
  }
  // The label lists, counts and indexes after n lost label l.
  void labelRemoved(NodeId n, LabelId l) {
    --g.labelCount[l];
    if (indexed(l)) indexErase(l, n, nodeProp(n, g.keyIndexes[l].key));
    if (!g.propIndexes.empty()) propIndexLabel(n, l, false);
    auto& list = g.labelNodes[l];
    if (list.size() > 2 * g.labelCount[l] + 32) {
      // Stale entries dominate: drop them so label scans stay proportional to the label.
      list.erase(
          std::remove_if(list.begin(), list.end(), [&](NodeId m) { return !g.hasLabelAt(m, l); }),
          list.end());
      ++g.labelVersion[l];
    }
  }

  void setNodePropRaw(NodeId n, KeyId k, const Value& v) {
    ++g.nodeWrites;
    ++g.writes;
    if (k < g.keyIndexedCount.size() && g.keyIndexedCount[k] != 0) {
      Value old = nodeProp(n, k);
      eachLabel(n, [&](LabelId l) {
        if (indexed(l) && g.keyIndexes[l].key == k) {
          indexErase(l, n, old);
          indexInsert(l, n, v);
        }
      });
    }
    if (!g.propIndexes.empty()) propIndexValue(n, k, v);
    if (v.isNull()) {
      if (k < g.nodeCols.size()) g.nodeCols[k].erase(n);
    } else {
      if (g.nodeCols.size() <= k) g.nodeCols.resize(k + 1);
      g.nodeCols[k].set(n, v, g.strings);
    }
  }

  // setNodePropRaw of a string read from a log record: interned straight from the record's
  // bytes (no Value, no temporary copy) when no index needs the value.
  void setNodeStringRaw(NodeId n, KeyId k, std::string_view s) {
    if ((k < g.keyIndexedCount.size() && g.keyIndexedCount[k] != 0) || !g.propIndexes.empty()) {
      setNodePropRaw(n, k, Value(std::string(s)));
      return;
    }
    ++g.nodeWrites;
    ++g.writes;
    if (g.nodeCols.size() <= k) g.nodeCols.resize(k + 1);
    g.nodeCols[k].setString(n, g.strings.intern(s), g.strings);
  }

  // The string of dictionary id `word` (which the dictionary holds) as a created node's
  // property: set by id, without a lookup, unless an index needs the value.
  void setNodeStringIdRaw(NodeId n, KeyId k, uint32_t word) {
    if ((k < g.keyIndexedCount.size() && g.keyIndexedCount[k] != 0) || !g.propIndexes.empty()) {
      setNodePropRaw(n, k, Value(std::string(g.strings.view(word))));
      return;
    }
    ++g.nodeWrites;
    ++g.writes;
    if (g.nodeCols.size() <= k) g.nodeCols.resize(k + 1);
    g.nodeCols[k].setString(n, word, g.strings);
  }

  // The same for a created relationship's property.
  void setRelStringIdRaw(RelId r, KeyId k, uint32_t word) {
    g.needRels();
    ++g.writes;
    relOrderTouched(r, k);
    if (g.relCols.size() <= k) g.relCols.resize(k + 1);
    g.relCols[k].setString(r, word, g.strings);
  }

  // Key k of relationship r changes: if the row holding r is sorted by it, it no longer is
  // (until compact()).
  void relOrderTouched(RelId r, KeyId k) {
    if (r >= g.compactedRelLimit) return;
    AdjacencyOrder& o = g.topo[g.relTypes[r]].order;
    for (const OrderPart& p : o.parts)
      if (p.key == k) o.valid = false;
  }

  void setRelPropRaw(RelId r, KeyId k, const Value& v) {
    g.needRels();  // never a write into a section whose checks have not run
    ++g.writes;
    relOrderTouched(r, k);
    if (v.isNull()) {
      if (k < g.relCols.size()) g.relCols[k].erase(r);
    } else {
      if (g.relCols.size() <= k) g.relCols.resize(k + 1);
      g.relCols[k].set(r, v, g.strings);
    }
  }

  // Replaces the index of label l by one on key k (kNoKey: none). Fails on duplicates
  // before changing anything when `check` is set.
  void rebuildIndex(LabelId l, KeyId k, bool check) {
    std::unordered_map<Value, NodeId, ValueHash, ValueIdentical> map;
    if (k != kNoKey && l < g.labelNodes.size()) {
      for (NodeId n : g.labelNodes[l]) {
        if (!g.hasLabelAt(n, l)) continue;
        Value v = nodeProp(n, k);
        if (v.isNull()) continue;
        auto [it, inserted] = map.try_emplace(v, n);
        if (!inserted && check) {
          fail(ErrorKind::ConstraintVerificationFailed,
               "Cannot create the key index on :" + g.labels.name(l) + "(" + g.keys.name(k) +
                   "): nodes " + std::to_string(it->second) + " and " + std::to_string(n) +
                   " both have the value " + v.toCypherLiteral(),
               "UniquenessConstraint");
        }
      }
    }
    if (g.keyIndexes.size() <= l) g.keyIndexes.resize(l + 1);
    KeyIndex& ix = g.keyIndexes[l];
    if (ix.key != kNoKey) --g.keyIndexedCount[ix.key];
    ix.key = k;
    ix.map = std::move(map);
    if (k != kNoKey) {
      if (g.keyIndexedCount.size() <= k) g.keyIndexedCount.resize(k + 1, 0);
      ++g.keyIndexedCount[k];
    }
  }
};

// Sorts type t's CSR rows by its adjacency order (adjacency_sort.cpp). Up to codeBudget
// bytes hold every relationship's code for the sort (8 bytes each); above it the codes are
// worked out entry by entry from the columns (same rows, no extra memory per relationship).
// The default budget is an eighth of the machine's memory (at least 1 GiB).
inline constexpr size_t kOrderCodeBudgetAuto = ~size_t{0};
void sortAdjacency(GraphImpl& g, TypeId t, unsigned threads = 1,
                   size_t codeBudget = kOrderCodeBudgetAuto);

}  // namespace silkgraph::graph_ops
