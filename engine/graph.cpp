// Graph: the catalog and the read API over node/relationship storage, property columns and key
// indexes (docs/storage.md). Writes are in graph_write.cpp, transactions in undo_log.cpp,
// compaction in compaction.cpp, adjacency orders in adjacency_sort.cpp and bulk loading in
// bulk_append.cpp.
#include "engine/graph.h"

#include <algorithm>
#include <bit>
#include <mutex>
#include <string>

#include "engine/graph_ops.h"

namespace silkgraph {

using namespace graph_ops;

size_t NameCatalog::bytes() const {
  size_t b = vecBytes(names_) + mapBytes(index_);
  for (const auto& n : names_) b += n.size() > 15 ? 2 * (n.capacity() + 1) : 0;
  return b;
}

// ---------------------------------------------------------------- Graph

Graph::Graph() : impl_(std::make_unique<GraphImpl>()) {}
Graph::~Graph() = default;

void GraphImpl::runDeferredChecks() const {
  std::lock_guard lock(relsChecks->mutex);
  if (!relsPending.load(std::memory_order_relaxed)) return;  // another thread ran them
  if (relsChecks->failure) std::rethrow_exception(relsChecks->failure);
  try {
    relsChecks->run();
  } catch (...) {
    relsChecks->failure = std::current_exception();
    throw;
  }
  relsPending.store(false, std::memory_order_release);
}

void Graph::runDeferredChecks() const {
  impl_->needRels();
}

// ---- derived data

namespace {
std::mutex derivedMutex;  // guards GraphImpl::derived and derivedWrites of every graph
}  // namespace

uint64_t Graph::changeStamp() const {
  return impl_->writes;
}

std::shared_ptr<const void> Graph::derivedData(const void* tag) const {
  std::lock_guard lock(derivedMutex);
  if (impl_->derivedWrites != impl_->writes) return nullptr;
  for (const auto& [t, data] : impl_->derived)
    if (t == tag) return data;
  return nullptr;
}

void Graph::keepDerivedData(const void* tag, std::shared_ptr<const void> data,
                            uint64_t stamp) const {
  std::lock_guard lock(derivedMutex);
  if (stamp != impl_->writes) return;
  if (impl_->derivedWrites != stamp) {
    impl_->derived.clear();
    impl_->derivedWrites = stamp;
  }
  for (auto& [t, kept] : impl_->derived)
    if (t == tag) {
      kept = std::move(data);
      return;
    }
  impl_->derived.emplace_back(tag, std::move(data));
}

// ---- catalog

LabelId Graph::labelId(std::string_view name) const {
  uint32_t id = impl_->labels.find(name);
  return id == NameCatalog::kAbsent ? kNoLabel : static_cast<LabelId>(id);
}
LabelId Graph::internLabel(std::string_view name) {
  if (impl_->labels.find(name) == NameCatalog::kAbsent && impl_->labels.size() >= kNoLabel)
    fail(ErrorKind::ArgumentError,
         "too many labels: a graph holds at most " + std::to_string(kNoLabel) + " labels");
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
    fail(ErrorKind::ArgumentError, "too many relationship types: a graph holds at most " +
                                       std::to_string(kNoType) + " relationship types");
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
  return g.labelSets.count(g.nodeLabelSet[n]);
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

size_t Graph::relCount() const {
  return impl_->relCount;
}
RelId Graph::relIdLimit() const {
  return static_cast<RelId>(impl_->relTypes.size());
}
NodeId Graph::relSource(RelId r) const {
  impl_->needRels();
  return r < impl_->relSrc.size() ? impl_->relSrc[r] : kInvalidId;
}
NodeId Graph::relTarget(RelId r) const {
  impl_->needRels();
  return r < impl_->relDst.size() ? impl_->relDst[r] : kInvalidId;
}
TypeId Graph::relType(RelId r) const {
  impl_->needRels();
  return r < impl_->relTypes.size() ? impl_->relTypes[r] : kNoType;
}

size_t Graph::typeCardinality(TypeId t) const {
  return t < impl_->topo.size() ? impl_->topo[t].live : 0;
}

void Graph::forEachRel(const std::function<bool(RelId)>& f) const {
  const GraphImpl& g = *impl_;
  g.needRels();
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
  g.needRels();
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

void Graph::forEachNodeProperty(NodeId n, const std::function<void(KeyId, const Value&)>& f) const {
  const GraphImpl& g = *impl_;
  for (size_t k = 0; k < g.nodeCols.size(); ++k)
    if (g.nodeCols[k].has(n)) f(static_cast<KeyId>(k), g.nodeCols[k].get(n, g.strings));
}

void Graph::forEachRelProperty(RelId r, const std::function<void(KeyId, const Value&)>& f) const {
  const GraphImpl& g = *impl_;
  g.needRels();
  for (size_t k = 0; k < g.relCols.size(); ++k)
    if (g.relCols[k].has(r)) f(static_cast<KeyId>(k), g.relCols[k].get(r, g.strings));
}

// ---- key indexes

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

GraphStats Graph::stats() const {
  const GraphImpl& g = *impl_;
  GraphStats s;
  s.nodes = g.nodeCount;
  s.relationships = g.relCount;
  s.labels = g.labels.size();
  s.types = g.types.size();

  size_t topo = vecBytes(g.nodeAlive) + vecBytes(g.nodeLabelSet) + g.labelSets.bytes() +
                vecBytes(g.labelNodes) + vecBytes(g.labelCount) + g.relSrc.bytes() +
                g.relDst.bytes() + vecBytes(g.relTypes) + vecBytes(g.relDead) +
                g.topo.size() * sizeof(TypeTopology);
  for (const auto& l : g.labelNodes) topo += vecBytes(l);
  for (const TypeTopology& tp : g.topo) {
    const auto& f = tp.csr.m_forward;
    const auto& b = tp.csr.m_backward;
    topo += vecBytes(f.m_rowstart) + f.m_column.bytes() + vecBytes(f.m_edge_properties) +
            vecBytes(b.m_rowstart) + b.m_column.bytes() + vecBytes(b.m_edge_properties);
    for (const DistinctRows& d : tp.distinct)
      topo += vecBytes(d.rowstart) + vecBytes(d.column) + vecBytes(d.rel);
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
  for (const auto& ix : g.propIndexes) {
    idx += mapBytes(ix.map);
    for (const auto& [v, nodes] : ix.map) idx += vecBytes(nodes);
  }
  s.bytesIndexes = idx;
  return s;
}

}  // namespace silkgraph
