// Implements DeleteOp (query/execution/operators/delete.h).
#include "query/execution/operators/delete.h"

#include "query/function/value_ops.h"

namespace silkgraph {

using T = Value::Type;

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

}  // namespace silkgraph
