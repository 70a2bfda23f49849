// Bulk append for loaders: relationships and their properties written straight into the
// arrays and columns, left out of the adjacency delta until the next compact().
#include <string>

#include "common/prefault.h"
#include "engine/graph_ops.h"

namespace silkgraph {

using namespace graph_ops;

namespace {
// The reserved part of an array past its elements, faulted in by another thread before the
// load writes there (common/prefault.h).
template <typename Array>
void prefaultTail(const Array& a) {
  if (a.capacity() > a.size())
    prefault::populateAsync(a.data() + a.size(), (a.capacity() - a.size()) * sizeof(a.data()[0]));
}
}  // namespace

void Graph::reserveRels(size_t total, const std::vector<KeyId>& keys) {
  GraphImpl& g = *impl_;
  g.needRels();
  if (total > g.relTypes.capacity()) {
    g.relSrc.reserve(total);
    g.relDst.reserve(total);
    g.relTypes.reserve(total);
    g.relDead.reserve(total / 64 + 1);
  }
  for (KeyId k : keys)
    if (k < g.relCols.size()) g.relCols[k].reserve(total);
  for (const NodeIdColumn* ends : {&g.relSrc, &g.relDst}) {
    prefaultTail(ends->narrowWords());
    prefaultTail(ends->wideWords());
  }
  prefaultTail(g.relTypes);
  for (KeyId k : keys) {
    if (k >= g.relCols.size()) continue;
    const PropertyColumn& c = g.relCols[k];
    prefaultTail(c.words64());
    prefaultTail(c.words32());
    prefaultTail(c.words16());
    prefaultTail(c.words8());
    prefaultTail(c.genericValues());
  }
}

void Graph::setAppendedRelProperty(RelId r, KeyId k, const Value& v) {
  GraphImpl& g = *impl_;
  g.needRels();
  if (!g.inTx || r < g.txRelLimit || r >= g.relTypes.size() || k >= g.keys.size() || v.isNull())
    fail(ErrorKind::InternalError, "setAppendedRelProperty: not a new relationship's property");
  if (g.relCols.size() <= k) g.relCols.resize(k + 1);
  ++g.writes;
  g.relCols[k].set(r, v, g.strings);
}

void Graph::setAppendedRelString(RelId r, KeyId k, uint32_t stringId) {
  GraphImpl& g = *impl_;
  g.needRels();
  if (!g.inTx || r < g.txRelLimit || r >= g.relTypes.size() || k >= g.keys.size() ||
      stringId >= g.strings.size())
    fail(ErrorKind::InternalError, "setAppendedRelString: not a new relationship's property");
  if (g.relCols.size() <= k) g.relCols.resize(k + 1);
  ++g.writes;
  g.relCols[k].setString(r, stringId, g.strings);
}

uint32_t Graph::internStringId(std::string_view s) {
  return impl_->strings.intern(s);
}

RelId Graph::appendRel(NodeId src, NodeId dst, TypeId type) {
  GraphImpl& g = *impl_;
  if (!g.inTx) fail(ErrorKind::InternalError, "appendRel() needs a transaction");
  g.needRels();
  const RelId r = pushRel(g, src, dst, type);
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

}  // namespace silkgraph
