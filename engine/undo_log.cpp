// Transactions: begin/commit, and rollback, which replays the undo log (UndoEntry) newest first
// after peeling off the nodes and relationships created in the transaction.
#include "common/assert.h"
#include "engine/graph_ops.h"

namespace silkgraph {

using namespace graph_ops;

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
  ++g.writes;
  Ops ops{g};
  SG_ASSERT(g.txRelLimit <= g.relTypes.size() && g.txNodeLimit <= g.nodeLimit,
            "a transaction only appends ids: none can be below the limits begin() noted");
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
    SG_ASSERT(tp.deltaRels > 0, "a relationship created in the transaction is in its type's delta");
    --tp.deltaRels;
    if (g.relAliveAt(rid)) {
      --tp.live;
      --g.relCount;
      for (auto& col : g.relCols) col.erase(rid);
    }
  }
  g.relSrc.truncate(g.txRelLimit);
  g.relDst.truncate(g.txRelLimit);
  g.relTypes.resize(g.txRelLimit);
  resizeBits(g.relDead, g.txRelLimit);

  // 2. Nodes created in the transaction.
  for (NodeId n = g.nodeLimit; n-- > g.txNodeLimit;) {
    if (!g.nodeAliveAt(n)) continue;
    ops.clearLabelsRaw(n);
    for (auto& col : g.nodeCols) col.erase(n);
    --g.nodeCount;
  }
  g.nodeLimit = g.txNodeLimit;
  resizeBits(g.nodeAlive, g.nodeLimit);
  g.nodeLabelSet.resize(g.nodeLimit);

  // 3. Changes to entities that existed at begin(), newest first.
  for (size_t i = g.undo.size(); i-- > 0;) {
    UndoEntry& e = g.undo[i];
    switch (e.kind) {
      case UndoEntry::Kind::DeleteNode:
        SG_ASSERT(!g.nodeAliveAt(e.id), "the undo log restores only nodes it saw deleted");
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
        SG_ASSERT(!g.relAliveAt(e.id), "the undo log restores only relationships it saw deleted");
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

}  // namespace silkgraph
