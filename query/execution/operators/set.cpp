// Implements SetOp and applySetItems (query/execution/operators/set.h).
#include "query/execution/operators/set.h"

#include "query/execution/operators/write_support.h"
#include "query/function/value_ops.h"

namespace silkgraph {

using T = Value::Type;

void applySetItems(const std::vector<BoundSetItem>& items, Row& row, ExecContext& ctx) {
  for (const auto& item : items) {
    Value target = evaluate(*item.target, row, ctx);
    switch (item.kind) {
      case ast::SetItem::Kind::Property:
        setProperty(ctx, target, item.key, evaluate(*item.value, row, ctx));
        break;
      case ast::SetItem::Kind::ReplaceAll:
      case ast::SetItem::Kind::MergeAll: {
        if (target.isNull()) break;
        Value v = evaluate(*item.value, row, ctx);
        ValueMap m;
        if (v.type() == T::Map) {
          m = v.asMap();
        } else if (v.type() == T::Node) {
          ctx.graph.forEachNodeProperty(v.asNode(), [&](KeyId k, const Value& x) {
            m.emplace_back(ctx.graph.keyName(k), x);
          });
        } else if (v.type() == T::Rel) {
          ctx.graph.forEachRelProperty(
              v.asRel(), [&](KeyId k, const Value& x) { m.emplace_back(ctx.graph.keyName(k), x); });
        } else if (!v.isNull()) {
          throwRuntime(ErrorKind::TypeError,
                       std::string("SET expects a map, got ") + cypherTypeName(v),
                       "InvalidArgumentType");
        }
        if (item.kind == ast::SetItem::Kind::ReplaceAll) {
          if (target.type() == T::Node) {
            ctx.graph.clearNodeProperties(target.asNode());
          } else if (target.type() == T::Rel) {
            ctx.graph.clearRelProperties(target.asRel());
          } else {
            throwRuntime(ErrorKind::TypeError, "SET = expects a node or relationship",
                         "InvalidArgumentType");
          }
        }
        for (const auto& [k, x] : m) setProperty(ctx, target, k, x);
        break;
      }
      case ast::SetItem::Kind::Labels: {
        if (target.isNull()) break;
        if (target.type() != T::Node)
          throwRuntime(ErrorKind::TypeError, "labels can only be set on nodes",
                       "InvalidArgumentType");
        for (const auto& l : item.labels) {
          LabelId id = ctx.graph.internLabel(l);
          if (!ctx.graph.hasLabel(target.asNode(), id)) {
            ctx.graph.addLabel(target.asNode(), id);
            if (!ctx.schema.empty()) ctx.touchedNodes.push_back(target.asNode());
            ++ctx.stats.labelsAdded;
          }
        }
        break;
      }
    }
  }
}

bool SetOp::push(Row& row) {
  applySetItems(*items_, row, *ctx);
  return next->push(row);
}

}  // namespace silkgraph
