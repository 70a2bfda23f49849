// The Graph's write API: nodes, labels, relationships, properties and key indexes, with their
// checks (entity exists, uniqueness) and undo entries inside a transaction.
#include <string>

#include "engine/graph_ops.h"

namespace silkgraph {

using namespace graph_ops;

NodeId Graph::createNode(std::span<const LabelId> labels) {
  GraphImpl& g = *impl_;
  for (LabelId l : labels)
    if (l >= g.labels.size())
      fail(ErrorKind::InternalError, "unknown label id " + std::to_string(l));
  if (g.nodeLimit == kInvalidId) fail(ErrorKind::InternalError, "too many nodes");
  NodeId n = g.nodeLimit++;
  ++g.writes;
  resizeBits(g.nodeAlive, g.nodeLimit);
  setBit(g.nodeAlive, n);
  g.nodeLabelSet.resize(g.nodeLimit, 0);
  ++g.nodeCount;
  // A node created in the transaction is removed wholesale by rollback: no undo entries.
  if (!labels.empty()) Ops{g}.setLabelsRaw(n, labels);
  return n;
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
  Ops ops{g};
  if (ops.logging(n, g.txNodeLimit))
    ops.eachLabel(n, [&](LabelId l) {
      g.undo.push_back({UndoEntry::Kind::RemoveLabel, n, l, Value()});
    });
  ops.clearLabelsRaw(n);
  if (ops.logging(n, g.txNodeLimit)) g.undo.push_back({UndoEntry::Kind::DeleteNode, n, 0, Value()});
  clearBit(g.nodeAlive, n);
  --g.nodeCount;
  ++g.writes;
}

RelId Graph::createRel(NodeId src, NodeId dst, TypeId type) {
  GraphImpl& g = *impl_;
  g.needRels();
  const RelId r = pushRel(g, src, dst, type);
  resizeBits(g.relDead, g.relTypes.size());
  TypeTopology& tp = g.topo[type];
  tp.deltaOut[src].push_back(r);
  tp.deltaIn[dst].push_back(r);
  ++tp.deltaRels;
  ++tp.live;
  ++g.relCount;
  return r;
}

void Graph::deleteRel(RelId r) {
  GraphImpl& g = *impl_;
  g.needRels();
  if (!g.relAliveAt(r)) return;
  clearRelProperties(r);
  if (g.inTx && r < g.txRelLimit) g.undo.push_back({UndoEntry::Kind::DeleteRel, r, 0, Value()});
  setBit(g.relDead, r);
  --g.relCount;
  ++g.writes;
  TypeTopology& tp = g.topo[g.relTypes[r]];
  --tp.live;
  if (r < g.compactedRelLimit) ++tp.csrDeleted;
}

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

void Graph::clearNodeProperties(NodeId n) {
  GraphImpl& g = *impl_;
  for (size_t k = 0; k < g.nodeCols.size(); ++k)
    if (g.nodeCols[k].has(n)) setNodeProperty(n, static_cast<KeyId>(k), Value());
}

void Graph::setRelProperty(RelId r, KeyId k, const Value& v) {
  GraphImpl& g = *impl_;
  g.needRels();
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

void Graph::clearRelProperties(RelId r) {
  GraphImpl& g = *impl_;
  g.needRels();
  for (size_t k = 0; k < g.relCols.size(); ++k)
    if (g.relCols[k].has(r)) setRelProperty(r, static_cast<KeyId>(k), Value());
}

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

}  // namespace silkgraph
