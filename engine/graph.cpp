// Graph: catalog, node/relationship storage, property columns, key indexes, the undo log of
// transactions and compaction of the topology into per-type CSR graphs (docs/storage.md).
#include "engine/graph.h"

#include <algorithm>
#include <bit>
#include <boost/sort/spreadsort/integer_sort.hpp>
#include <cstring>
#include <string>
#include <thread>

#include "engine/error.h"

namespace silkgraph {

namespace {

[[noreturn]] void fail(ErrorKind kind, std::string message, std::string detail = {}) {
  throw Error(kind, std::move(message), SourcePos{}, std::move(detail), ErrorPhase::Runtime);
}

inline void setBit(std::vector<uint64_t>& bits, uint32_t i) {
  bits[i / 64] |= uint64_t{1} << (i % 64);
}
inline void clearBit(std::vector<uint64_t>& bits, uint32_t i) {
  bits[i / 64] &= ~(uint64_t{1} << (i % 64));
}
// Resizes a bitmap to hold n bits, zeroing every bit at or above n.
void resizeBits(std::vector<uint64_t>& bits, size_t n) {
  bits.resize((n + 63) / 64, 0);
  if (n % 64 != 0) bits.back() &= (uint64_t{1} << (n % 64)) - 1;
}

template <typename T>
size_t vecBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

// Rough cost of an unordered_map: bucket array plus one heap node per entry.
template <typename M>
size_t mapBytes(const M& m) {
  return m.bucket_count() * sizeof(void*) +
         m.size() * (sizeof(typename M::value_type) + sizeof(void*) + sizeof(size_t));
}

}  // namespace

size_t NameCatalog::bytes() const {
  size_t b = vecBytes(names_) + mapBytes(index_);
  for (const auto& n : names_) b += n.size() > 15 ? 2 * (n.capacity() + 1) : 0;
  return b;
}

// ---------------------------------------------------------------- internal operations

namespace {

// Calls f(label) for every label of n.
template <typename F>
void forEachLabelOf(const GraphImpl& g, NodeId n, F&& f) {
  for (uint32_t w = 0; w < g.labelWords; ++w) {
    uint64_t bits = g.labelBits[static_cast<size_t>(n) * g.labelWords + w];
    while (bits) {
      int b = std::countr_zero(bits);
      bits &= bits - 1;
      f(static_cast<LabelId>(w * 64 + b));
    }
  }
}

struct Ops {
  GraphImpl& g;

  bool logging(uint32_t id, uint32_t txLimit) const { return g.inTx && id < txLimit; }

  void ensureLabelWords(LabelId l) {
    uint32_t need = l / 64u + 1;
    if (need <= g.labelWords) return;
    std::vector<uint64_t> bits(static_cast<size_t>(g.nodeLimit) * need, 0);
    for (size_t n = 0; n < g.nodeLimit; ++n)
      for (uint32_t w = 0; w < g.labelWords; ++w)
        bits[n * need + w] = g.labelBits[n * g.labelWords + w];
    g.labelBits = std::move(bits);
    g.labelWords = need;
  }

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
  Value nodeProp(NodeId n, KeyId k) const {
    return k < g.nodeCols.size() ? g.nodeCols[k].get(n, g.strings) : Value();
  }

  void addLabelRaw(NodeId n, LabelId l) {
    ensureLabelWords(l);
    g.labelBits[static_cast<size_t>(n) * g.labelWords + l / 64] |= uint64_t{1} << (l % 64);
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
  }

  void removeLabelRaw(NodeId n, LabelId l) {
    g.labelBits[static_cast<size_t>(n) * g.labelWords + l / 64] &= ~(uint64_t{1} << (l % 64));
    --g.labelCount[l];
    if (indexed(l)) indexErase(l, n, nodeProp(n, g.keyIndexes[l].key));
    auto& list = g.labelNodes[l];
    if (list.size() > 2 * g.labelCount[l] + 32) {
      // Stale entries dominate: drop them so label scans stay proportional to the label.
      std::erase_if(list, [&](NodeId m) { return !g.hasLabelAt(m, l); });
      ++g.labelVersion[l];
    }
  }

  void setNodePropRaw(NodeId n, KeyId k, const Value& v) {
    if (k < g.keyIndexedCount.size() && g.keyIndexedCount[k] != 0) {
      Value old = nodeProp(n, k);
      eachLabel(n, [&](LabelId l) {
        if (indexed(l) && g.keyIndexes[l].key == k) {
          indexErase(l, n, old);
          indexInsert(l, n, v);
        }
      });
    }
    if (v.isNull()) {
      if (k < g.nodeCols.size()) g.nodeCols[k].erase(n);
    } else {
      if (g.nodeCols.size() <= k) g.nodeCols.resize(k + 1);
      g.nodeCols[k].set(n, v, g.strings);
    }
  }

  void setRelPropRaw(RelId r, KeyId k, const Value& v) {
    if (r < g.compactedRelLimit) {
      // The row holding r is sorted by these values: it no longer is (until compact()).
      AdjacencyOrder& o = g.topo[g.relTypes[r]].order;
      for (const OrderPart& p : o.parts)
        if (p.key == k) o.valid = false;
    }
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

// Sorts keys by their bits from `low` up, stably: a least-significant-digit radix sort in
// 11-bit digits, one histogram pass for all digits, skipping the digits every key shares.
// Adjacency rows are sorted by codes whose parts are few and wide (a resource, a year, a
// quantity); on rows of thousands of entries this is about three times faster than
// spreadsort, whose buckets fall back to comparison sorts.
void radixSortFrom(std::vector<uint64_t>& keys, std::vector<uint64_t>& tmp,
                   std::vector<uint32_t>& count, unsigned low) {
  constexpr unsigned kBits = 11;
  constexpr size_t kBuckets = size_t{1} << kBits;
  const size_t n = keys.size();
  const unsigned digits = (64 - low + kBits - 1) / kBits;
  count.assign(digits * kBuckets, 0);
  for (uint64_t k : keys)
    for (unsigned d = 0; d < digits; ++d)
      ++count[d * kBuckets + ((k >> (low + d * kBits)) & (kBuckets - 1))];
  tmp.resize(n);
  for (unsigned d = 0; d < digits; ++d) {
    uint32_t* c = &count[d * kBuckets];
    const unsigned shift = low + d * kBits;
    if (c[(keys[0] >> shift) & (kBuckets - 1)] == n) continue;  // one value: order stays
    uint32_t sum = 0;
    for (size_t b = 0; b < kBuckets; ++b) {
      const uint32_t here = c[b];
      c[b] = sum;
      sum += here;
    }
    for (uint64_t k : keys) tmp[c[(k >> shift) & (kBuckets - 1)]++] = k;
    keys.swap(tmp);
  }
}

// Sorts type t's CSR rows by its adjacency order (AdjacencyOrder): chooses how each key is
// packed into the 64-bit code from the range of its values among the type's relationships,
// then sorts every forward and backward row by (code, other node, relationship).
void sortAdjacency(GraphImpl& g, TypeId t, unsigned threads = 1) {
  TypeTopology& tp = g.topo[t];
  AdjacencyOrder& o = tp.order;
  o.parts.clear();
  o.valid = false;
  if (o.keys.empty() || tp.csrVertices == 0) return;
  const RelId limit = g.compactedRelLimit;
  auto ofType = [&](RelId r) { return g.relTypes[r] == t && g.relAliveAt(r); };
  auto& fwd = tp.csr.m_forward;
  auto& bwd = tp.csr.m_backward;
  // A row is sorted as one array of 64-bit words: the code in the high bits, the entry's
  // position in the row in the low `reserve` bits, so the parts get what the longest row
  // leaves (and equal codes keep the row's previous order).
  uint32_t longest = 0;
  for (uint32_t n = 0; n < tp.csrVertices; ++n) {
    longest = std::max(longest, fwd.m_rowstart[n + 1] - fwd.m_rowstart[n]);
    longest = std::max(longest, bwd.m_rowstart[n + 1] - bwd.m_rowstart[n]);
  }
  const unsigned reserve =
      longest < 2 ? 0u : 32u - static_cast<unsigned>(std::countl_zero(longest - 1));
  unsigned used = reserve;  // bits taken, counted from the low end
  for (KeyId k : o.keys) {
    if (k >= g.relCols.size() || used >= 64) break;
    const PropertyColumn& c = g.relCols[k];
    if (!order::usable(c.kind())) break;
    uint64_t lo = ~uint64_t{0}, hi = 0;
    for (RelId r = 0; r < limit; ++r) {
      if (!ofType(r) || !c.has(r)) continue;
      uint64_t e = order::encode(c, r);
      lo = std::min(lo, e);
      hi = std::max(hi, e);
    }
    if (lo > hi) break;  // no relationship of the type has it
    const unsigned remaining = 64 - used;
    uint64_t range = hi - lo;
    unsigned shift = 0;
    // The part holds values 0 .. range >> shift and the absent value above them.
    auto width = [](uint64_t top) {
      return top == ~uint64_t{0} ? 65u : 64u - std::countl_zero(top + 1);
    };
    while (width(range >> shift) > remaining) ++shift;
    OrderPart part;
    part.key = k;
    part.kind = order::kindClass(c.kind());
    part.min = lo;
    part.shift = static_cast<uint8_t>(shift);
    part.bits = static_cast<uint8_t>(width(range >> shift));
    o.parts.push_back(part);
    used += part.bits;
  }
  // Offsets from the top: the first key is the most significant.
  unsigned top = 64;
  for (OrderPart& p : o.parts) {
    top -= p.bits;
    p.offset = static_cast<uint8_t>(top);
  }
  if (o.parts.empty()) return;
  std::vector<uint64_t> code(limit, 0);
  for (RelId r = 0; r < limit; ++r)
    if (ofType(r)) code[r] = g.orderCode(o, r);
  const unsigned low = o.parts.back().offset;  // the lowest bit of the code
  // One direction's rows; the two directions share only code[], which they read.
  auto sortRows = [&](bool out) {
    std::vector<uint64_t> keys, tmp;
    std::vector<uint32_t> count;
    std::vector<std::pair<NodeId, RelId>> was;
    const auto& rows = out ? fwd.m_rowstart : bwd.m_rowstart;
    auto& others = out ? fwd.m_column : bwd.m_column;
    auto relAt = [&](uint32_t i) -> RelId& {
      return out ? fwd.m_edge_properties[i].rel : bwd.m_edge_properties[i];
    };
    for (uint32_t n = 0; n < tp.csrVertices; ++n) {
      uint32_t b = rows[n], e = rows[n + 1];
      if (e - b < 2) continue;
      keys.clear();
      was.clear();
      for (uint32_t i = b; i < e; ++i) {
        // code[] is read in the row's order, which is random in relationship ids: ask for the
        // entry a few steps ahead so the cache misses overlap.
        if (i + 48 < e) __builtin_prefetch(&code[relAt(i + 48)]);
        keys.push_back(code[relAt(i)] | (i - b));
        was.emplace_back(others[i], relAt(i));
      }
      // Keys are unique (the position is in the low bits). Long rows: a stable sort of the
      // code bits alone keeps positions in order; short ones: Boost's integer sort.
      if (e - b >= 1024)
        radixSortFrom(keys, tmp, count, low);
      else
        boost::sort::spreadsort::integer_sort(keys.begin(), keys.end());
      for (uint32_t i = b; i < e; ++i) {
        const auto& [other, rel] = was[keys[i - b] & order::mask(reserve)];
        others[i] = other;
        relAt(i) = rel;
      }
    }
  };
  if (threads >= 2) {
    std::thread backward(sortRows, false);
    sortRows(true);
    backward.join();
  } else {
    sortRows(true);
    sortRows(false);
  }
  o.valid = true;
}

}  // namespace

// ---------------------------------------------------------------- Graph

Graph::Graph() : impl_(std::make_unique<GraphImpl>()) {}
Graph::~Graph() = default;

// ---- catalog

LabelId Graph::labelId(std::string_view name) const {
  uint32_t id = impl_->labels.find(name);
  return id == NameCatalog::kAbsent ? kNoLabel : static_cast<LabelId>(id);
}
LabelId Graph::internLabel(std::string_view name) {
  if (impl_->labels.find(name) == NameCatalog::kAbsent && impl_->labels.size() >= kNoLabel)
    fail(ErrorKind::InternalError, "too many labels");
  return static_cast<LabelId>(impl_->labels.intern(name));
}
const std::string& Graph::labelName(LabelId id) const {
  return impl_->labels.name(id);
}
size_t Graph::labelCount() const {
  return impl_->labels.size();
}

TypeId Graph::typeId(std::string_view name) const {
  uint32_t id = impl_->types.find(name);
  return id == NameCatalog::kAbsent ? kNoType : static_cast<TypeId>(id);
}
TypeId Graph::internType(std::string_view name) {
  if (impl_->types.find(name) == NameCatalog::kAbsent && impl_->types.size() >= kNoType)
    fail(ErrorKind::InternalError, "too many relationship types");
  auto id = static_cast<TypeId>(impl_->types.intern(name));
  if (impl_->topo.size() <= id) impl_->topo.resize(id + 1);
  return id;
}
const std::string& Graph::typeName(TypeId id) const {
  return impl_->types.name(id);
}
size_t Graph::typeCount() const {
  return impl_->types.size();
}

KeyId Graph::keyId(std::string_view name) const {
  uint32_t id = impl_->keys.find(name);
  return id == NameCatalog::kAbsent ? kNoKey : id;
}
KeyId Graph::internKey(std::string_view name) {
  return impl_->keys.intern(name);
}
const std::string& Graph::keyName(KeyId id) const {
  return impl_->keys.name(id);
}
size_t Graph::keyCount() const {
  return impl_->keys.size();
}

StringPtr Graph::internString(std::string_view s) {
  return impl_->strings.get(impl_->strings.intern(s));
}

// ---- nodes

NodeId Graph::createNode(std::span<const LabelId> labels) {
  GraphImpl& g = *impl_;
  for (LabelId l : labels)
    if (l >= g.labels.size())
      fail(ErrorKind::InternalError, "unknown label id " + std::to_string(l));
  if (g.nodeLimit == kInvalidId) fail(ErrorKind::InternalError, "too many nodes");
  NodeId n = g.nodeLimit++;
  resizeBits(g.nodeAlive, g.nodeLimit);
  setBit(g.nodeAlive, n);
  g.labelBits.resize(static_cast<size_t>(g.nodeLimit) * g.labelWords, 0);
  ++g.nodeCount;
  // A node created in the transaction is removed wholesale by rollback: no undo entries.
  Ops ops{g};
  for (LabelId l : labels)
    if (!g.hasLabelAt(n, l)) ops.addLabelRaw(n, l);
  return n;
}

size_t Graph::nodeCount() const {
  return impl_->nodeCount;
}
NodeId Graph::nodeIdLimit() const {
  return impl_->nodeLimit;
}

std::vector<LabelId> Graph::nodeLabels(NodeId n) const {
  std::vector<LabelId> out;
  if (n >= impl_->nodeLimit) return out;
  forEachLabelOf(*impl_, n, [&](LabelId l) { out.push_back(l); });
  return out;
}

size_t Graph::labelCountOf(NodeId n) const {
  const GraphImpl& g = *impl_;
  if (n >= g.nodeLimit) return 0;
  size_t c = 0;
  for (uint32_t w = 0; w < g.labelWords; ++w)
    c += std::popcount(g.labelBits[static_cast<size_t>(n) * g.labelWords + w]);
  return c;
}

void Graph::addLabel(NodeId n, LabelId l) {
  GraphImpl& g = *impl_;
  if (!g.nodeAliveAt(n))
    fail(ErrorKind::EntityNotFound, "node " + std::to_string(n) + " does not exist",
         "DeletedEntityAccess");
  if (l >= g.labels.size()) fail(ErrorKind::InternalError, "unknown label id " + std::to_string(l));
  if (g.hasLabelAt(n, l)) return;
  Ops ops{g};
  if (ops.indexed(l)) ops.checkKeyConflict(n, l, ops.nodeProp(n, g.keyIndexes[l].key));
  if (ops.logging(n, g.txNodeLimit)) g.undo.push_back({UndoEntry::Kind::AddLabel, n, l, Value()});
  ops.addLabelRaw(n, l);
}

void Graph::removeLabel(NodeId n, LabelId l) {
  GraphImpl& g = *impl_;
  if (!g.hasLabelAt(n, l)) return;
  Ops ops{g};
  if (ops.logging(n, g.txNodeLimit))
    g.undo.push_back({UndoEntry::Kind::RemoveLabel, n, l, Value()});
  ops.removeLabelRaw(n, l);
}

void Graph::deleteNode(NodeId n) {
  GraphImpl& g = *impl_;
  if (!g.nodeAliveAt(n)) return;
  bool connected = false;
  forEachAdjacent(n, Direction::Both, kNoType, [&](RelId, NodeId) {
    connected = true;
    return false;
  });
  if (connected) {
    fail(ErrorKind::ConstraintVerificationFailed,
         "Cannot delete node " + std::to_string(n) +
             ", because it still has relationships. To delete this node, you must first delete "
             "its relationships.",
         "DeleteConnectedNode");
  }
  clearNodeProperties(n);
  for (LabelId l : nodeLabels(n)) removeLabel(n, l);
  Ops ops{g};
  if (ops.logging(n, g.txNodeLimit)) g.undo.push_back({UndoEntry::Kind::DeleteNode, n, 0, Value()});
  clearBit(g.nodeAlive, n);
  --g.nodeCount;
}

size_t Graph::labelCardinality(LabelId l) const {
  return l < impl_->labelCount.size() ? impl_->labelCount[l] : 0;
}

void Graph::forEachNode(const std::function<bool(NodeId)>& f) const {
  const GraphImpl& g = *impl_;
  NodeId limit = g.nodeLimit;
  for (NodeId n = 0; n < limit; ++n)
    if (g.nodeAliveAt(n) && !f(n)) return;
}

void Graph::forEachNodeWithLabel(LabelId l, const std::function<bool(NodeId)>& f) const {
  const GraphImpl& g = *impl_;
  if (l >= g.labelNodes.size()) return;
  const auto& list = g.labelNodes[l];
  // The callback may add or remove labels (SET/REMOVE during a scan): the list is sorted, so
  // after a change that moved entries the scan resumes after the last node it visited.
  uint64_t version = g.labelVersion[l];
  for (size_t i = 0; i < list.size();) {
    NodeId n = list[i];
    if (g.hasLabelAt(n, l) && !f(n)) return;
    if (g.labelVersion[l] != version) {
      version = g.labelVersion[l];
      i = static_cast<size_t>(std::upper_bound(list.begin(), list.end(), n) - list.begin());
    } else {
      ++i;
    }
  }
}

// ---- relationships

RelId Graph::createRel(NodeId src, NodeId dst, TypeId type) {
  GraphImpl& g = *impl_;
  if (!g.nodeAliveAt(src) || !g.nodeAliveAt(dst))
    fail(ErrorKind::EntityNotFound,
         "cannot create a relationship: node " + std::to_string(g.nodeAliveAt(src) ? dst : src) +
             " does not exist",
         "DeletedEntityAccess");
  if (type >= g.types.size())
    fail(ErrorKind::InternalError, "unknown relationship type id " + std::to_string(type));
  if (g.relTypes.size() >= kInvalidId) fail(ErrorKind::InternalError, "too many relationships");
  auto r = static_cast<RelId>(g.relTypes.size());
  g.relSrc.push_back(src);
  g.relDst.push_back(dst);
  g.relTypes.push_back(type);
  resizeBits(g.relDead, g.relTypes.size());
  TypeTopology& tp = g.topo[type];
  tp.deltaOut[src].push_back(r);
  tp.deltaIn[dst].push_back(r);
  ++tp.deltaRels;
  ++tp.live;
  ++g.relCount;
  return r;
}

size_t Graph::relCount() const {
  return impl_->relCount;
}
RelId Graph::relIdLimit() const {
  return static_cast<RelId>(impl_->relTypes.size());
}
NodeId Graph::relSource(RelId r) const {
  return r < impl_->relSrc.size() ? impl_->relSrc[r] : kInvalidId;
}
NodeId Graph::relTarget(RelId r) const {
  return r < impl_->relDst.size() ? impl_->relDst[r] : kInvalidId;
}
TypeId Graph::relType(RelId r) const {
  return r < impl_->relTypes.size() ? impl_->relTypes[r] : kNoType;
}

void Graph::deleteRel(RelId r) {
  GraphImpl& g = *impl_;
  if (!g.relAliveAt(r)) return;
  clearRelProperties(r);
  if (g.inTx && r < g.txRelLimit) g.undo.push_back({UndoEntry::Kind::DeleteRel, r, 0, Value()});
  setBit(g.relDead, r);
  --g.relCount;
  TypeTopology& tp = g.topo[g.relTypes[r]];
  --tp.live;
  if (r < g.compactedRelLimit) ++tp.csrDeleted;
}

size_t Graph::typeCardinality(TypeId t) const {
  return t < impl_->topo.size() ? impl_->topo[t].live : 0;
}

void Graph::forEachRel(const std::function<bool(RelId)>& f) const {
  const GraphImpl& g = *impl_;
  size_t limit = g.relTypes.size();
  for (size_t r = 0; r < limit; ++r)
    if (g.relAliveAt(static_cast<RelId>(r)) && !f(static_cast<RelId>(r))) return;
}

size_t Graph::degree(NodeId n, Direction dir, TypeId t) const {
  size_t d = 0;
  forEachAdjacent(n, dir, t, [&](RelId, NodeId) { ++d; });
  return d;
}

double Graph::degreeSum(LabelId l, TypeId t, Direction dir) const {
  const GraphImpl& g = *impl_;
  double ends = dir == Direction::Both ? 2.0 : 1.0;
  if (t == kNoType) {
    double sum = 0;
    for (size_t i = 0; i < g.topo.size(); ++i) sum += degreeSum(l, static_cast<TypeId>(i), dir);
    return sum;
  }
  if (t >= g.topo.size()) return 0;
  const TypeTopology& tp = g.topo[t];
  if (l == kNoLabel) return ends * static_cast<double>(tp.live);
  size_t card = labelCardinality(l);
  if (card == 0 || g.nodeCount == 0) return 0;
  double share = static_cast<double>(card) / static_cast<double>(g.nodeCount);
  if (card > 65536) return ends * static_cast<double>(tp.live) * share;
  double sum = 0;
  const auto& fwd = tp.csr.m_forward.m_rowstart;
  const auto& bwd = tp.csr.m_backward.m_rowstart;
  auto deltaOf = [](const std::unordered_map<NodeId, std::vector<RelId>>& m, NodeId n) {
    auto it = m.find(n);
    return it == m.end() ? 0.0 : static_cast<double>(it->second.size());
  };
  for (NodeId n : g.labelNodes[l]) {
    if (!g.hasLabelAt(n, l)) continue;
    if (n < tp.csrVertices) {
      if (dir != Direction::In) sum += fwd[n + 1] - fwd[n];
      if (dir != Direction::Out) sum += bwd[n + 1] - bwd[n];
    }
    if (tp.deltaRels != 0) {
      if (dir != Direction::In) sum += deltaOf(tp.deltaOut, n);
      if (dir != Direction::Out) sum += deltaOf(tp.deltaIn, n);
    }
  }
  return sum;
}

// ---- properties

void Graph::setNodeProperty(NodeId n, KeyId k, const Value& v) {
  GraphImpl& g = *impl_;
  if (!g.nodeAliveAt(n))
    fail(ErrorKind::EntityNotFound, "node " + std::to_string(n) + " does not exist",
         "DeletedEntityAccess");
  if (k >= g.keys.size())
    fail(ErrorKind::InternalError, "unknown property key id " + std::to_string(k));
  Ops ops{g};
  bool had = k < g.nodeCols.size() && g.nodeCols[k].has(n);
  if (v.isNull() && !had) return;
  if (!v.isNull() && k < g.keyIndexedCount.size() && g.keyIndexedCount[k] != 0) {
    ops.eachLabel(n, [&](LabelId l) {
      if (ops.indexed(l) && g.keyIndexes[l].key == k) ops.checkKeyConflict(n, l, v);
    });
  }
  if (ops.logging(n, g.txNodeLimit))
    g.undo.push_back({UndoEntry::Kind::SetNodeProp, n, k, ops.nodeProp(n, k)});
  ops.setNodePropRaw(n, k, v);
}

void Graph::forEachNodeProperty(NodeId n, const std::function<void(KeyId, const Value&)>& f) const {
  const GraphImpl& g = *impl_;
  for (size_t k = 0; k < g.nodeCols.size(); ++k)
    if (g.nodeCols[k].has(n)) f(static_cast<KeyId>(k), g.nodeCols[k].get(n, g.strings));
}

void Graph::clearNodeProperties(NodeId n) {
  GraphImpl& g = *impl_;
  for (size_t k = 0; k < g.nodeCols.size(); ++k)
    if (g.nodeCols[k].has(n)) setNodeProperty(n, static_cast<KeyId>(k), Value());
}

void Graph::setRelProperty(RelId r, KeyId k, const Value& v) {
  GraphImpl& g = *impl_;
  if (!g.relAliveAt(r))
    fail(ErrorKind::EntityNotFound, "relationship " + std::to_string(r) + " does not exist",
         "DeletedEntityAccess");
  if (k >= g.keys.size())
    fail(ErrorKind::InternalError, "unknown property key id " + std::to_string(k));
  bool had = k < g.relCols.size() && g.relCols[k].has(r);
  if (v.isNull() && !had) return;
  Ops ops{g};
  if (ops.logging(r, g.txRelLimit))
    g.undo.push_back({UndoEntry::Kind::SetRelProp, r, k, relProperty(r, k)});
  ops.setRelPropRaw(r, k, v);
}

void Graph::forEachRelProperty(RelId r, const std::function<void(KeyId, const Value&)>& f) const {
  const GraphImpl& g = *impl_;
  for (size_t k = 0; k < g.relCols.size(); ++k)
    if (g.relCols[k].has(r)) f(static_cast<KeyId>(k), g.relCols[k].get(r, g.strings));
}

void Graph::clearRelProperties(RelId r) {
  GraphImpl& g = *impl_;
  for (size_t k = 0; k < g.relCols.size(); ++k)
    if (g.relCols[k].has(r)) setRelProperty(r, static_cast<KeyId>(k), Value());
}

// ---- key indexes

void Graph::createKeyIndex(LabelId l, KeyId k) {
  GraphImpl& g = *impl_;
  if (l >= g.labels.size() || k >= g.keys.size())
    fail(ErrorKind::InternalError, "createKeyIndex: unknown label or key id");
  KeyId prev = l < g.keyIndexes.size() ? g.keyIndexes[l].key : kNoKey;
  if (prev == k) return;
  Ops ops{g};
  ops.rebuildIndex(l, k, true);
  if (g.inTx) g.undo.push_back({UndoEntry::Kind::CreateIndex, l, prev, Value()});
}

bool Graph::hasKeyIndex(LabelId l, KeyId k) const {
  return k != kNoKey && keyIndexOf(l) == k;
}

KeyId Graph::keyIndexOf(LabelId l) const {
  return l < impl_->keyIndexes.size() ? impl_->keyIndexes[l].key : kNoKey;
}

NodeId Graph::findByKey(LabelId l, const Value& v) const {
  const GraphImpl& g = *impl_;
  if (v.isNull() || l >= g.keyIndexes.size() || g.keyIndexes[l].key == kNoKey) return kInvalidId;
  auto it = g.keyIndexes[l].map.find(v);
  return it == g.keyIndexes[l].map.end() ? kInvalidId : it->second;
}

// ---- transactions

void Graph::begin() {
  GraphImpl& g = *impl_;
  if (g.inTx) fail(ErrorKind::InternalError, "a transaction is already active");
  g.inTx = true;
  g.txNodeLimit = g.nodeLimit;
  g.txRelLimit = static_cast<RelId>(g.relTypes.size());
  g.undo.clear();
}

void Graph::commit() {
  GraphImpl& g = *impl_;
  if (!g.inTx) fail(ErrorKind::InternalError, "commit without an active transaction");
  g.inTx = false;
  g.undo.clear();
  g.undo.shrink_to_fit();
}

void Graph::rollback() {
  GraphImpl& g = *impl_;
  if (!g.inTx) fail(ErrorKind::InternalError, "rollback without an active transaction");
  Ops ops{g};
  // 1. Relationships created in the transaction: they are the newest ids and the newest
  //    entries of their delta lists, so they are peeled off from the end.
  for (size_t r = g.relTypes.size(); r-- > g.txRelLimit;) {
    auto rid = static_cast<RelId>(r);
    TypeTopology& tp = g.topo[g.relTypes[r]];
    auto popDelta = [&](std::unordered_map<NodeId, std::vector<RelId>>& m, NodeId n) {
      auto it = m.find(n);
      if (it == m.end()) return;
      auto& v = it->second;
      if (!v.empty() && v.back() == rid) v.pop_back();
      if (v.empty()) m.erase(it);
    };
    popDelta(tp.deltaOut, g.relSrc[r]);
    popDelta(tp.deltaIn, g.relDst[r]);
    --tp.deltaRels;
    if (g.relAliveAt(rid)) {
      --tp.live;
      --g.relCount;
      for (auto& col : g.relCols) col.erase(rid);
    }
  }
  g.relSrc.resize(g.txRelLimit);
  g.relDst.resize(g.txRelLimit);
  g.relTypes.resize(g.txRelLimit);
  resizeBits(g.relDead, g.txRelLimit);

  // 2. Nodes created in the transaction.
  for (NodeId n = g.nodeLimit; n-- > g.txNodeLimit;) {
    if (!g.nodeAliveAt(n)) continue;
    for (LabelId l : nodeLabels(n)) ops.removeLabelRaw(n, l);
    for (auto& col : g.nodeCols) col.erase(n);
    --g.nodeCount;
  }
  g.nodeLimit = g.txNodeLimit;
  resizeBits(g.nodeAlive, g.nodeLimit);
  g.labelBits.resize(static_cast<size_t>(g.nodeLimit) * g.labelWords);

  // 3. Changes to entities that existed at begin(), newest first.
  for (size_t i = g.undo.size(); i-- > 0;) {
    UndoEntry& e = g.undo[i];
    switch (e.kind) {
      case UndoEntry::Kind::DeleteNode:
        setBit(g.nodeAlive, e.id);
        ++g.nodeCount;
        break;
      case UndoEntry::Kind::AddLabel:
        ops.removeLabelRaw(e.id, static_cast<LabelId>(e.aux));
        break;
      case UndoEntry::Kind::RemoveLabel:
        ops.addLabelRaw(e.id, static_cast<LabelId>(e.aux));
        break;
      case UndoEntry::Kind::DeleteRel: {
        clearBit(g.relDead, e.id);
        ++g.relCount;
        TypeTopology& tp = g.topo[g.relTypes[e.id]];
        ++tp.live;
        if (e.id < g.compactedRelLimit) --tp.csrDeleted;
        break;
      }
      case UndoEntry::Kind::SetNodeProp:
        ops.setNodePropRaw(e.id, e.aux, e.old);
        break;
      case UndoEntry::Kind::SetRelProp:
        ops.setRelPropRaw(e.id, e.aux, e.old);
        break;
      case UndoEntry::Kind::CreateIndex:
        ops.rebuildIndex(static_cast<LabelId>(e.id), e.aux, false);
        break;
    }
  }
  g.undo.clear();
  g.undo.shrink_to_fit();
  g.inTx = false;
}

bool Graph::inTransaction() const {
  return impl_->inTx;
}

// ---- bulk

void Graph::compact(unsigned threads) {
  GraphImpl& g = *impl_;
  if (g.inTx) fail(ErrorKind::InternalError, "compact() cannot run inside a transaction");
  const size_t types = g.topo.size();
  const uint32_t nv = g.nodeLimit;
  const size_t rels = g.relTypes.size();
  // The new topology is built from relSrc/relDst/relTypes alone, so the old one and the
  // delta go first (lower peak memory), and the CSR arrays are filled in place by counting
  // sort: one pass counts per (type, source) and (type, target), one places the edges. The
  // layout is what boost's edges_are_unsorted_multi_pass constructor builds (forward rows in
  // relationship id order, backward rows in forward edge order), except that a backward
  // entry holds the relationship id instead of the forward edge's index.
  std::vector<TypeTopology*> tps(types);
  for (size_t t = 0; t < types; ++t) {
    TypeTopology& tp = g.topo[t];
    tps[t] = &tp;
    {
      CsrGraph empty;
      std::swap(tp.csr, empty);
    }
    tp.deltaOut = {};
    tp.deltaIn = {};
    tp.deltaRels = 0;
    tp.csrDeleted = 0;
    tp.csrVertices = 0;
  }
  std::vector<size_t> liveOf(types, 0);
  for (size_t r = 0; r < rels; ++r)
    if (g.relAliveAt(static_cast<RelId>(r))) ++liveOf[g.relTypes[r]];
  for (size_t t = 0; t < types; ++t) {
    if (liveOf[t] == 0) continue;
    TypeTopology& tp = *tps[t];
    tp.csr = CsrGraph(nv);
    tp.csrVertices = nv;
    tp.csr.m_forward.m_column.resize(liveOf[t]);
    tp.csr.m_forward.m_edge_properties.resize(liveOf[t]);
    tp.csr.m_backward.m_column.resize(liveOf[t]);
    tp.csr.m_backward.m_edge_properties.resize(liveOf[t]);
  }
  // Row starts: counts shifted by one, then prefix sums.
  for (size_t r = 0; r < rels; ++r) {
    if (!g.relAliveAt(static_cast<RelId>(r))) continue;
    CsrGraph& csr = tps[g.relTypes[r]]->csr;
    ++csr.m_forward.m_rowstart[g.relSrc[r] + 1];
    ++csr.m_backward.m_rowstart[g.relDst[r] + 1];
  }
  for (size_t t = 0; t < types; ++t) {
    if (liveOf[t] == 0) continue;
    CsrGraph& csr = tps[t]->csr;
    for (auto* rows : {&csr.m_forward.m_rowstart, &csr.m_backward.m_rowstart})
      for (size_t i = 1; i < rows->size(); ++i) (*rows)[i] += (*rows)[i - 1];
  }
  // Forward: each relationship into its source's row, in id order.
  {
    std::vector<std::vector<uint32_t>> next(types);
    for (size_t t = 0; t < types; ++t)
      if (liveOf[t] != 0)
        next[t].assign(tps[t]->csr.m_forward.m_rowstart.begin(),
                       tps[t]->csr.m_forward.m_rowstart.end() - 1);
    for (size_t r = 0; r < rels; ++r) {
      if (!g.relAliveAt(static_cast<RelId>(r))) continue;
      TypeId t = g.relTypes[r];
      auto& fwd = tps[t]->csr.m_forward;
      uint32_t e = next[t][g.relSrc[r]]++;
      fwd.m_column[e] = g.relDst[r];
      fwd.m_edge_properties[e] = CsrEdge{static_cast<RelId>(r)};
    }
  }
  // Backward: each forward edge into its target's row, in forward edge order, with its
  // relationship id (not boost's forward edge index: an incoming scan reads it directly).
  for (size_t t = 0; t < types; ++t) {
    if (liveOf[t] == 0) continue;
    auto& fwd = tps[t]->csr.m_forward;
    auto& bwd = tps[t]->csr.m_backward;
    std::vector<uint32_t> next(bwd.m_rowstart.begin(), bwd.m_rowstart.end() - 1);
    for (uint32_t u = 0; u < nv; ++u)
      for (uint32_t e = fwd.m_rowstart[u], end = fwd.m_rowstart[u + 1]; e < end; ++e) {
        uint32_t b = next[fwd.m_column[e]]++;
        bwd.m_column[b] = u;
        bwd.m_edge_properties[b] = fwd.m_edge_properties[e].rel;
      }
  }
  g.compactedRelLimit = static_cast<RelId>(rels);
  shrinkIfWasteful(g.relSrc);
  shrinkIfWasteful(g.relDst);
  shrinkIfWasteful(g.relTypes);
  shrinkIfWasteful(g.relDead);
  for (auto& c : g.relCols) c.shrink();
  for (auto& c : g.nodeCols) c.shrink();
  for (size_t t = 0; t < types; ++t)
    if (!g.topo[t].order.keys.empty()) sortAdjacency(g, static_cast<TypeId>(t), threads);
}

void Graph::setAdjacencyOrder(TypeId t, std::vector<KeyId> keys, unsigned threads) {
  GraphImpl& g = *impl_;
  if (t >= g.topo.size()) fail(ErrorKind::InternalError, "setAdjacencyOrder: unknown type id");
  for (KeyId k : keys)
    if (k >= g.keys.size()) fail(ErrorKind::InternalError, "setAdjacencyOrder: unknown key id");
  AdjacencyOrder& o = g.topo[t].order;
  if (o.keys == keys && (o.valid || keys.empty())) return;
  o.keys = std::move(keys);
  sortAdjacency(g, t, threads);
}

const std::vector<KeyId>& Graph::adjacencyOrder(TypeId t) const {
  static const std::vector<KeyId> none;
  return t < impl_->topo.size() ? impl_->topo[t].order.keys : none;
}

// ---- bulk append (loaders)

void Graph::reserveRels(size_t total, const std::vector<KeyId>& keys) {
  GraphImpl& g = *impl_;
  if (total > g.relTypes.capacity()) {
    g.relSrc.reserve(total);
    g.relDst.reserve(total);
    g.relTypes.reserve(total);
    g.relDead.reserve(total / 64 + 1);
  }
  for (KeyId k : keys)
    if (k < g.relCols.size()) g.relCols[k].reserve(total);
}

void Graph::setAppendedRelProperty(RelId r, KeyId k, const Value& v) {
  GraphImpl& g = *impl_;
  if (!g.inTx || r < g.txRelLimit || r >= g.relTypes.size() || k >= g.keys.size() || v.isNull())
    fail(ErrorKind::InternalError, "setAppendedRelProperty: not a new relationship's property");
  if (g.relCols.size() <= k) g.relCols.resize(k + 1);
  g.relCols[k].set(r, v, g.strings);
}

void Graph::setAppendedRelString(RelId r, KeyId k, uint32_t stringId) {
  GraphImpl& g = *impl_;
  if (!g.inTx || r < g.txRelLimit || r >= g.relTypes.size() || k >= g.keys.size() ||
      stringId >= g.strings.size())
    fail(ErrorKind::InternalError, "setAppendedRelString: not a new relationship's property");
  if (g.relCols.size() <= k) g.relCols.resize(k + 1);
  g.relCols[k].setString(r, stringId, g.strings);
}

uint32_t Graph::internStringId(std::string_view s) {
  return impl_->strings.intern(s);
}

RelId Graph::appendRel(NodeId src, NodeId dst, TypeId type) {
  GraphImpl& g = *impl_;
  if (!g.inTx) fail(ErrorKind::InternalError, "appendRel() needs a transaction");
  if (!g.nodeAliveAt(src) || !g.nodeAliveAt(dst))
    fail(ErrorKind::EntityNotFound,
         "cannot create a relationship: node " + std::to_string(g.nodeAliveAt(src) ? dst : src) +
             " does not exist",
         "DeletedEntityAccess");
  if (type >= g.types.size())
    fail(ErrorKind::InternalError, "unknown relationship type id " + std::to_string(type));
  if (g.relTypes.size() >= kInvalidId) fail(ErrorKind::InternalError, "too many relationships");
  auto r = static_cast<RelId>(g.relTypes.size());
  g.relSrc.push_back(src);
  g.relDst.push_back(dst);
  g.relTypes.push_back(type);
  if (g.relDead.size() * 64 < g.relTypes.size()) g.relDead.push_back(0);
  if (type != g.appendType) {
    g.appendTopo = &g.topo[type];
    g.appendType = type;
  }
  TypeTopology& tp = *g.appendTopo;
  // Counted as a delta entry (rollback and compact() account for it) without being listed:
  // rollback's delta pops find nothing to pop, compact() rebuilds from relSrc/relDst.
  ++tp.deltaRels;
  ++tp.live;
  ++g.relCount;
  return r;
}

GraphStats Graph::stats() const {
  const GraphImpl& g = *impl_;
  GraphStats s;
  s.nodes = g.nodeCount;
  s.relationships = g.relCount;
  s.labels = g.labels.size();
  s.types = g.types.size();

  size_t topo = vecBytes(g.nodeAlive) + vecBytes(g.labelBits) + vecBytes(g.labelNodes) +
                vecBytes(g.labelCount) + vecBytes(g.relSrc) + vecBytes(g.relDst) +
                vecBytes(g.relTypes) + vecBytes(g.relDead) + g.topo.size() * sizeof(TypeTopology);
  for (const auto& l : g.labelNodes) topo += vecBytes(l);
  for (const TypeTopology& tp : g.topo) {
    const auto& f = tp.csr.m_forward;
    const auto& b = tp.csr.m_backward;
    topo += vecBytes(f.m_rowstart) + vecBytes(f.m_column) + vecBytes(f.m_edge_properties) +
            vecBytes(b.m_rowstart) + vecBytes(b.m_column) + vecBytes(b.m_edge_properties);
    topo += mapBytes(tp.deltaOut) + mapBytes(tp.deltaIn);
    for (const auto& [n, v] : tp.deltaOut) topo += vecBytes(v);
    for (const auto& [n, v] : tp.deltaIn) topo += vecBytes(v);
  }
  s.bytesTopology = topo;

  size_t props = vecBytes(g.nodeCols) + vecBytes(g.relCols);
  for (const auto& c : g.nodeCols) props += c.bytes();
  for (const auto& c : g.relCols) props += c.bytes();
  s.bytesProperties = props;

  s.bytesStrings = g.strings.bytes() + g.labels.bytes() + g.types.bytes() + g.keys.bytes();

  size_t idx = vecBytes(g.keyIndexes) + vecBytes(g.keyIndexedCount);
  for (const auto& ix : g.keyIndexes) idx += mapBytes(ix.map);
  s.bytesIndexes = idx;
  return s;
}

}  // namespace silkgraph
