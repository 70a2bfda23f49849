// Implements RemoveOp (query/execution/operators/remove.h).
#include "query/execution/operators/remove.h"

namespace silkgraph {

using T = Value::Type;

bool RemoveOp::push(Row& row) {
  for (const auto& item : *items_) {
    Value target = evaluate(*item.target, row, *ctx);
    if (target.isNull()) continue;
    if (item.kind == ast::RemoveItem::Kind::Property) {
      KeyId k = ctx->graph.keyId(item.key);
      if (k == kNoKey) continue;
      if (target.type() == T::Node) {
        if (!ctx->graph.nodeProperty(target.asNode(), k).isNull()) {
          ctx->graph.setNodeProperty(target.asNode(), k, Value());
          ++ctx->stats.propertiesSet;
          // A required or key property may not go (checked at the end of the statement).
          if (!ctx->schema.empty()) ctx->touchedNodes.push_back(target.asNode());
        }
      } else if (target.type() == T::Rel) {
        if (!ctx->graph.relProperty(target.asRel(), k).isNull()) {
          ctx->graph.setRelProperty(target.asRel(), k, Value());
          ++ctx->stats.propertiesSet;
          if (!ctx->schema.empty()) ctx->touchedRels.push_back(target.asRel());
        }
      } else {
        throwRuntime(ErrorKind::TypeError, "REMOVE expects a node or relationship",
                     "InvalidArgumentType");
      }
    } else {
      if (target.type() != T::Node)
        throwRuntime(ErrorKind::TypeError, "labels can only be removed from nodes",
                     "InvalidArgumentType");
      for (const auto& l : item.labels) {
        LabelId id = ctx->graph.labelId(l);
        if (id != kNoLabel && ctx->graph.hasLabel(target.asNode(), id)) {
          ctx->graph.removeLabel(target.asNode(), id);
          ++ctx->stats.labelsRemoved;
          // The node must keep a declared label (checked at the end of the statement).
          if (!ctx->schema.empty()) ctx->touchedNodes.push_back(target.asNode());
        }
      }
    }
  }
  return next->push(row);
}

}  // namespace silkgraph
