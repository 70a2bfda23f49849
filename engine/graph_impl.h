// GraphImpl: the data structures behind Graph (layout in docs/storage.md) and the templated
// adjacency scan, which is the hot path of pattern expansion and so lives in a header.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/graph.h"
#include "engine/label_sets.h"
#include "engine/mapped_array.h"
#include "engine/node_id_column.h"
#include "engine/property_column.h"
#include "engine/string_dictionary.h"
#include "engine/undo_log.h"
#include "engine/value.h"

namespace silkgraph {

class AliasIndex;
struct ValidityCache;

// Interns names to dense ids (labels, relationship types, property keys).
class NameCatalog {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;
  uint32_t find(std::string_view name) const {
    auto it = index_.find(name);  // heterogeneous lookup: no temporary string
    return it == index_.end() ? kAbsent : it->second;
  }
  uint32_t intern(std::string_view name) {
    auto [it, inserted] =
        index_.try_emplace(std::string(name), static_cast<uint32_t>(names_.size()));
    if (inserted) names_.emplace_back(name);
    return it->second;
  }
  const std::string& name(uint32_t id) const { return names_.at(id); }
  size_t size() const { return names_.size(); }
  size_t bytes() const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> index_;
};

// Edge property of the compressed topology: the relationship id, so properties and the
// relationship's identity are one indirection away.
struct CsrEdge {
  RelId rel = kInvalidId;
};

// The compressed topology of one relationship type, in the layout of boost's bidirectional
// compressed_sparse_row_graph (whose member names it keeps), filled by Graph::compact():
// forward rows (targets and CsrEdge) and backward rows (sources and, unlike boost's own
// constructor, which stores the forward edge's index there, the relationship id). Node n's
// row is [m_rowstart[n], m_rowstart[n + 1]). The graph reads the arrays directly (visitType);
// Boost.Graph runs on engine/boost_graph_view.h. The arrays may be in a mapped file.
struct CsrGraph {
  struct Forward {
    MappedArray<uint32_t> m_rowstart;
    NodeIdColumn m_column;  // 16 bits while every node id fits (engine/node_id_column.h)
    MappedArray<CsrEdge> m_edge_properties;
  } m_forward;
  struct Backward {
    MappedArray<uint32_t> m_rowstart;
    NodeIdColumn m_column;
    MappedArray<RelId> m_edge_properties;
  } m_backward;
  CsrGraph() = default;
  // nv vertices, no edges.
  explicit CsrGraph(size_t nv) {
    m_forward.m_rowstart.resize(nv + 1);
    m_backward.m_rowstart.resize(nv + 1);
  }
};

// Adjacency order of a relationship type, a vertex-centric index (Graph::setAdjacencyOrder):
// the type's CSR rows are sorted by a 64-bit code packing some of its relationships'
// properties, so a node's relationships with given values of the leading properties (and a
// range of the next one) are a contiguous part of its row, found by binary search.
struct OrderPart {
  KeyId key = kNoKey;
  PropertyColumn::Kind kind = PropertyColumn::Kind::Empty;  // Int64 stands for Int32 too
  uint64_t min = 0;    // smallest encoded value among the type's relationships when sorted
  uint8_t shift = 0;   // the part holds (encoded - min) >> shift (0: exact)
  uint8_t bits = 0;    // its width; the all-ones value means the property is absent
  uint8_t offset = 0;  // its lowest bit in the code
};

struct AdjacencyOrder {
  std::vector<KeyId> keys;       // the declared keys, most significant first
  std::vector<OrderPart> parts;  // how the CSR rows are sorted (a prefix of keys)
  // The rows are sorted by `parts`: cleared when a property of a part changes on a
  // relationship of the CSR, set again by the next compact().
  bool valid = false;
};

namespace order {
inline uint64_t mask(unsigned bits) {
  return bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
}
// Order-preserving unsigned encodings.
inline uint64_t encodeInt(int64_t v) {
  return static_cast<uint64_t>(v) ^ (uint64_t{1} << 63);
}
inline uint64_t encodeFloat(double d) {
  if (d != d) return ~uint64_t{0};  // NaN: after every number
  if (d == 0) d = 0.0;              // -0.0 equals 0.0
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return (b >> 63) ? ~b : b | (uint64_t{1} << 63);
}
inline PropertyColumn::Kind kindClass(PropertyColumn::Kind k) {
  return k == PropertyColumn::Kind::Int32 ? PropertyColumn::Kind::Int64 : k;
}
// The encoded value of a present property in a column of a kind an order can use.
inline uint64_t encode(const PropertyColumn& c, uint32_t id) {
  switch (c.kind()) {
    case PropertyColumn::Kind::Int32:
    case PropertyColumn::Kind::Int64:
      return encodeInt(c.intAt(id));
    case PropertyColumn::Kind::Float:
      return encodeFloat(c.floatAt(id));
    case PropertyColumn::Kind::Date:
      return encodeInt(static_cast<int32_t>(c.wordAt(id)));
    case PropertyColumn::Kind::String:
      return c.wordAt(id);  // dictionary id: groups equal strings, not in text order
    case PropertyColumn::Kind::Bool:
      return c.boolAt(id) ? 1 : 0;
    default:
      return 0;
  }
}
inline bool usable(PropertyColumn::Kind k) {
  return k != PropertyColumn::Kind::Empty && k != PropertyColumn::Kind::Generic;
}
}  // namespace order

// The distinct neighbours of one direction of a type's compressed rows (engine/distinct_rows.h):
// node n's entries [rowstart[n], rowstart[n + 1]) name each node its row reaches once, in the
// order of their first entry in the row, with that entry's relationship. Empty when not built.
struct DistinctRows {
  MappedArray<uint32_t> rowstart;
  MappedArray<NodeId> column;
  MappedArray<RelId> rel;
  bool built() const { return !rowstart.empty(); }
};

// Topology of one relationship type.
struct TypeTopology {
  CsrGraph csr;              // relationships live at the last compact()
  DistinctRows distinct[2];  // [0] outgoing rows, [1] incoming; built by compact() where it pays
  uint32_t csrVertices = 0;  // nodes known to the CSR (ids >= this have no CSR edges)
  size_t csrDeleted = 0;     // CSR relationships deleted since: scans must filter
  // Relationships created since the last compaction, per endpoint, in creation order.
  std::unordered_map<NodeId, std::vector<RelId>> deltaOut;
  std::unordered_map<NodeId, std::vector<RelId>> deltaIn;
  size_t deltaRels = 0;  // entries in deltaOut (live or deleted)
  size_t live = 0;       // live relationships of this type
  AdjacencyOrder order;
};

// One unique key index (label, key) -> node.
struct KeyIndex {
  KeyId key = kNoKey;
  std::unordered_map<Value, NodeId, ValueHash, ValueIdentical> map;
};

// One non-unique property index (label, key) -> nodes, each list in id order
// (Graph::createPropertyIndex).
struct PropertyIndex {
  LabelId label = kNoLabel;
  KeyId key = kNoKey;
  std::unordered_map<Value, std::vector<NodeId>, ValueHash, ValueIdentical> map;
};

// Checks of a database file's relationship sections that run at their first use instead of
// at open (graph_file_reader.cpp): the sections' checksums and the consistency of their
// content, so that opening reads none of them.
struct DeferredChecks {
  std::mutex mutex;
  std::function<void()> run;   // throws Error{LoadError} naming the file and the damage
  std::exception_ptr failure;  // the first run's error, thrown again at every later use
};

static_assert(std::is_same_v<LabelSetLabel, LabelId>);

class GraphImpl {
 public:
  // ---- catalog
  NameCatalog labels, types, keys;
  StringDictionary strings;

  // ---- nodes
  MappedArray<uint64_t> nodeAlive;  // bit per node id
  NodeId nodeLimit = 0;
  size_t nodeCount = 0;
  // Labels: per node the id of its label set, interned in labelSets (engine/label_sets.h).
  MappedArray<uint32_t> nodeLabelSet;  // nodeLimit entries
  LabelSets labelSets;
  // Per label: sorted node ids, a superset of the nodes carrying it (entries go stale on
  // label removal and are filtered by hasLabel; purged when stale ones dominate).
  std::vector<MappedArray<NodeId>> labelNodes;
  std::vector<size_t> labelCount;
  // Bumped whenever entries of labelNodes[l] move (insertion in the middle, purge), so that a
  // scan running while its callback changes labels can find its place again.
  std::vector<uint64_t> labelVersion;

  // ---- relationships
  NodeIdColumn relSrc, relDst;  // 16 bits per id while the node ids allow
  MappedArray<TypeId> relTypes;
  MappedArray<uint64_t> relDead;  // bit per relationship id: deleted
  size_t relCount = 0;
  RelId compactedRelLimit = 0;  // relationships below this id were considered by compact()
  // By TypeId. A deque so that interning a new type (from inside an adjacency callback, e.g.
  // a CREATE during expansion) never moves the topology being scanned.
  std::deque<TypeTopology> topo;
  // appendRel's last type and its topology (deque elements never move; topo only grows).
  TypeId appendType = kNoType;
  TypeTopology* appendTopo = nullptr;

  // ---- properties
  std::vector<PropertyColumn> nodeCols, relCols;  // by KeyId

  // ---- indexes
  std::vector<KeyIndex> keyIndexes;        // by LabelId; key == kNoKey when none
  std::vector<uint32_t> keyIndexedCount;   // by KeyId: number of labels indexing it
  std::vector<PropertyIndex> propIndexes;  // few; searched in order

  // ---- derived data, rebuilt when the nodes change (engine/alias_index.h)
  uint64_t nodeWrites = 0;  // bumped by every change of a node's labels or properties
  mutable std::shared_ptr<const AliasIndex> aliasIndex;
  mutable uint64_t aliasStamp[3] = {0, 0, 0};  // nodeWrites, nodeLimit, nodeCount it was built at
  // Bumped by every change of the graph's nodes, relationships, labels or properties, rollback
  // included: derived data kept across statements is valid while it is unchanged.
  uint64_t writes = 0;
  // The visibility bits of the last view date read statements built them for
  // (engine/validity.cpp), with the `writes` they were built at.
  mutable std::shared_ptr<const ValidityCache> validityCache;
  // What read statements derived from the whole graph for later ones (Graph::derivedData), by
  // the owner's tag, with the `writes` it was derived at.
  mutable std::vector<std::pair<const void*, std::shared_ptr<const void>>> derived;
  mutable uint64_t derivedWrites = 0;

  // ---- transactions
  bool inTx = false;
  NodeId txNodeLimit = 0;
  RelId txRelLimit = 0;
  std::vector<UndoEntry> undo;

  // ---- relationship data not yet checked (a graph just opened from a database file)
  // Every read or write of the relationship arrays, the topology or the relationship columns
  // calls needRels() first, once per array fetch or scan (not per element): the first call
  // runs the deferred checks and throws their error if the file is damaged.
  mutable std::atomic<bool> relsPending{false};
  std::shared_ptr<DeferredChecks> relsChecks;
  void needRels() const {
    if (relsPending.load(std::memory_order_acquire)) [[unlikely]]
      runDeferredChecks();
  }
  void runDeferredChecks() const;

  // ---- helpers
  bool nodeAliveAt(NodeId n) const {
    return n < nodeLimit && ((nodeAlive[n / 64] >> (n % 64)) & 1) != 0;
  }
  bool relAliveAt(RelId r) const {
    return r < relTypes.size() && ((relDead[r / 64] >> (r % 64)) & 1) == 0;
  }
  bool hasLabelAt(NodeId n, LabelId l) const {
    return n < nodeLimit && labelSets.has(nodeLabelSet[n], l);
  }

  template <typename F>
  bool visitType(NodeId n, Direction dir, TypeId t, F& f) const;
  // Whether type t's rows in direction dir (Out or In) have their distinct neighbours listed,
  // and the list still holds: no relationship of the compressed rows deleted since.
  bool distinctUsable(TypeId t, Direction dir) const {
    return t < topo.size() && dir != Direction::Both && topo[t].csrDeleted == 0 &&
           topo[t].distinct[dir == Direction::In].built();
  }
  // Like visitType for Out or In, but each node the compressed row reaches once (with the
  // first relationship of the row that reaches it), then the delta part entirely. Only where
  // distinctUsable(t, dir).
  template <typename F>
  bool visitTypeDistinct(NodeId n, Direction dir, TypeId t, F& f) const;

  // ---- adjacency order (adjacency_sort.cpp sorts, these read)
  // True when type t's rows are sorted by an order whose columns still have their kinds.
  bool orderUsable(TypeId t) const {
    if (t >= topo.size()) return false;
    const AdjacencyOrder& o = topo[t].order;
    if (!o.valid || o.parts.empty()) return false;
    for (const OrderPart& p : o.parts) {
      if (p.key >= relCols.size() || order::kindClass(relCols[p.key].kind()) != p.kind)
        return false;
    }
    return true;
  }
  uint64_t orderCode(const AdjacencyOrder& o, RelId r) const {
    uint64_t code = 0;
    for (const OrderPart& p : o.parts) {
      const PropertyColumn& c = relCols[p.key];
      uint64_t part = c.has(r) ? (order::encode(c, r) - p.min) >> p.shift : order::mask(p.bits);
      code |= part << p.offset;
    }
    return code;
  }
  // Like visitType for Out or In, but the compacted part of the row only where the order
  // code is within [lo, hi] (type t must be orderUsable); the delta part entirely.
  template <typename F>
  bool visitTypeRange(NodeId n, Direction dir, TypeId t, uint64_t lo, uint64_t hi, F& f) const;
};

namespace detail {
// Adjacency callbacks may return bool (false stops) or nothing.
template <typename F>
inline bool callAdjacent(F& f, RelId r, NodeId other) {
  if constexpr (std::is_void_v<std::invoke_result_t<F&, RelId, NodeId>>) {
    f(r, other);
    return true;
  } else {
    return static_cast<bool>(f(r, other));
  }
}
}  // namespace detail

template <typename F>
bool GraphImpl::visitType(NodeId n, Direction dir, TypeId t, F& f) const {
  const TypeTopology& tp = topo[t];
  if (tp.live == 0) return true;
  needRels();
  const bool filter = tp.csrDeleted != 0;
  if (n < tp.csrVertices) {
    const auto& fwd = tp.csr.m_forward;
    if (dir != Direction::In) {
      const NodeIds targets = fwd.m_column.view();
      for (uint32_t e = fwd.m_rowstart[n], end = fwd.m_rowstart[n + 1]; e < end; ++e) {
        RelId r = fwd.m_edge_properties[e].rel;
        if (filter && !relAliveAt(r)) continue;
        if (!detail::callAdjacent(f, r, targets[e])) return false;
      }
    }
    if (dir != Direction::Out) {
      const auto& bwd = tp.csr.m_backward;
      const NodeIds sources = bwd.m_column.view();
      for (uint32_t e = bwd.m_rowstart[n], end = bwd.m_rowstart[n + 1]; e < end; ++e) {
        NodeId src = sources[e];
        if (dir == Direction::Both && src == n) continue;  // self-loop: seen as outgoing
        RelId r = bwd.m_edge_properties[e];
        if (filter && !relAliveAt(r)) continue;
        if (!detail::callAdjacent(f, r, src)) return false;
      }
    }
  }
  if (tp.deltaRels != 0) {
    // By index up to the size at the start: a callback that creates relationships appends to
    // these vectors (the map keeps element references stable), and those are not visited.
    if (dir != Direction::In) {
      auto it = tp.deltaOut.find(n);
      if (it != tp.deltaOut.end()) {
        const std::vector<RelId>& rels = it->second;
        for (size_t i = 0, end = rels.size(); i < end; ++i) {
          RelId r = rels[i];
          if (!relAliveAt(r)) continue;
          if (!detail::callAdjacent(f, r, relDst[r])) return false;
        }
      }
    }
    if (dir != Direction::Out) {
      auto it = tp.deltaIn.find(n);
      if (it != tp.deltaIn.end()) {
        const std::vector<RelId>& rels = it->second;
        for (size_t i = 0, end = rels.size(); i < end; ++i) {
          RelId r = rels[i];
          if (!relAliveAt(r)) continue;
          NodeId src = relSrc[r];
          if (dir == Direction::Both && src == n) continue;
          if (!detail::callAdjacent(f, r, src)) return false;
        }
      }
    }
  }
  return true;
}

// Small reads of the query engine's hot paths, inline.
inline bool Graph::nodeExists(NodeId n) const {
  return impl_->nodeAliveAt(n);
}
inline bool Graph::hasLabel(NodeId n, LabelId l) const {
  return impl_->hasLabelAt(n, l);
}
inline bool Graph::relExists(RelId r) const {
  impl_->needRels();
  return impl_->relAliveAt(r);
}
inline Value Graph::nodeProperty(NodeId n, KeyId k) const {
  const GraphImpl& g = *impl_;
  return k < g.nodeCols.size() ? g.nodeCols[k].get(n, g.strings) : Value();
}
inline Value Graph::relProperty(RelId r, KeyId k) const {
  const GraphImpl& g = *impl_;
  g.needRels();
  return k < g.relCols.size() ? g.relCols[k].get(r, g.strings) : Value();
}

template <typename F>
bool GraphImpl::visitTypeRange(NodeId n, Direction dir, TypeId t, uint64_t lo, uint64_t hi,
                               F& f) const {
  const TypeTopology& tp = topo[t];
  if (tp.live == 0) return true;
  needRels();
  const bool filter = tp.csrDeleted != 0;
  if (n < tp.csrVertices && lo <= hi) {
    const bool out = dir == Direction::Out;
    const auto& rows = out ? tp.csr.m_forward.m_rowstart : tp.csr.m_backward.m_rowstart;
    const NodeIds others =
        out ? tp.csr.m_forward.m_column.view() : tp.csr.m_backward.m_column.view();
    auto relAt = [&](uint32_t e) -> RelId {
      return out ? tp.csr.m_forward.m_edge_properties[e].rel
                 : tp.csr.m_backward.m_edge_properties[e];
    };
    // First entry of [b, e) whose code is at least `bound` (codes ascend along the row).
    auto first = [&](uint32_t b, uint32_t e, uint64_t bound) {
      while (b < e) {
        uint32_t mid = b + (e - b) / 2;
        if (orderCode(tp.order, relAt(mid)) < bound) {
          b = mid + 1;
        } else {
          e = mid;
        }
      }
      return b;
    };
    uint32_t b = first(rows[n], rows[n + 1], lo);
    uint32_t e = hi == ~uint64_t{0} ? rows[n + 1] : first(b, rows[n + 1], hi + 1);
    for (; b < e; ++b) {
      RelId r = relAt(b);
      if (filter && !relAliveAt(r)) continue;
      if (!detail::callAdjacent(f, r, others[b])) return false;
    }
  }
  if (tp.deltaRels != 0) {
    const auto& delta = dir == Direction::Out ? tp.deltaOut : tp.deltaIn;
    auto it = delta.find(n);
    if (it != delta.end()) {
      const std::vector<RelId>& rels = it->second;
      for (size_t i = 0, end = rels.size(); i < end; ++i) {
        RelId r = rels[i];
        if (!relAliveAt(r)) continue;
        if (!detail::callAdjacent(f, r, dir == Direction::Out ? relDst[r] : relSrc[r]))
          return false;
      }
    }
  }
  return true;
}

template <typename F>
bool GraphImpl::visitTypeDistinct(NodeId n, Direction dir, TypeId t, F& f) const {
  const TypeTopology& tp = topo[t];
  if (tp.live == 0) return true;
  needRels();
  if (n < tp.csrVertices) {
    const DistinctRows& d = tp.distinct[dir == Direction::In];
    for (uint32_t e = d.rowstart[n], end = d.rowstart[n + 1]; e < end; ++e)
      if (!detail::callAdjacent(f, d.rel[e], d.column[e])) return false;
  }
  return visitTypeRange(n, dir, t, 1, 0, f);  // lo > hi: the delta part alone
}

template <typename F>
void Graph::forEachAdjacent(NodeId n, Direction dir, TypeId t, F&& f) const {
  const GraphImpl& g = *impl_;
  if (t == kNoType) {
    for (size_t i = 0, types = g.topo.size(); i < types; ++i)
      if (!g.visitType(n, dir, static_cast<TypeId>(i), f)) return;
  } else if (t < g.topo.size()) {
    g.visitType(n, dir, t, f);
  }
}

}  // namespace silkgraph
