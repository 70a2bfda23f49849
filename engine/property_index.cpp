// Property indexes (Graph::createPropertyIndex): non-unique hash indexes (label, key) ->
// nodes, and dropping a key index. The raw maintenance every write runs is in graph_ops.h
// (propIndexLabel, propIndexValue).
#include <algorithm>

#include "engine/graph_ops.h"

namespace silkgraph {

using namespace graph_ops;

void Graph::dropKeyIndex(LabelId l) {
  GraphImpl& g = *impl_;
  KeyId prev = keyIndexOf(l);
  if (prev == kNoKey) return;
  Ops ops{g};
  ops.rebuildIndex(l, kNoKey, false);
  if (g.inTx) g.undo.push_back({UndoEntry::Kind::CreateIndex, l, prev, Value()});
}

void Graph::createPropertyIndex(LabelId l, KeyId k) {
  GraphImpl& g = *impl_;
  if (l >= g.labels.size() || k >= g.keys.size())
    fail(ErrorKind::InternalError, "createPropertyIndex: unknown label or key id");
  PropertyIndex ix;
  ix.label = l;
  ix.key = k;
  Ops ops{g};
  if (l < g.labelNodes.size())
    for (NodeId n : g.labelNodes[l])
      if (g.hasLabelAt(n, l)) Ops::propIndexInsert(ix, n, ops.nodeProp(n, k));
  auto it = std::find_if(g.propIndexes.begin(), g.propIndexes.end(),
                         [&](const PropertyIndex& p) { return p.label == l && p.key == k; });
  if (it != g.propIndexes.end())
    *it = std::move(ix);
  else
    g.propIndexes.push_back(std::move(ix));
}

void Graph::dropPropertyIndex(LabelId l, KeyId k) {
  std::erase_if(impl_->propIndexes,
                [&](const PropertyIndex& p) { return p.label == l && p.key == k; });
}

bool Graph::hasPropertyIndex(LabelId l, KeyId k) const {
  const auto& v = impl_->propIndexes;
  return std::any_of(v.begin(), v.end(),
                     [&](const PropertyIndex& p) { return p.label == l && p.key == k; });
}

std::vector<KeyId> Graph::propertyIndexesOf(LabelId l) const {
  std::vector<KeyId> out;
  for (const PropertyIndex& p : impl_->propIndexes)
    if (p.label == l) out.push_back(p.key);
  return out;
}

bool Graph::forEachByProperty(LabelId l, KeyId k, const Value& v,
                              const std::function<bool(NodeId)>& f) const {
  for (const PropertyIndex& p : impl_->propIndexes) {
    if (p.label != l || p.key != k) continue;
    auto it = p.map.find(v);
    if (it == p.map.end()) return true;
    // A copy: f may write, and a write may change this list.
    std::vector<NodeId> nodes = it->second;
    for (NodeId n : nodes)
      if (!f(n)) break;
    return true;
  }
  return false;
}

}  // namespace silkgraph
