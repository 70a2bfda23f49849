// Implements query/execution/operators/write_support.h.
#include "query/execution/operators/write_support.h"

#include "query/function/value_ops.h"

namespace silkgraph {

using T = Value::Type;

namespace {

void checkPropertyValue(const Value& v, const std::string& key) {
  auto bad = [&](const Value& x) {
    return x.type() == T::Map || x.type() == T::Node || x.type() == T::Rel || x.type() == T::Path;
  };
  if (bad(v)) {
    throwRuntime(ErrorKind::TypeError,
                 "property '" + key + "' cannot hold a " + cypherTypeName(v) +
                     " (only scalars and lists of scalars)",
                 "InvalidPropertyType");
  }
  if (v.type() == T::List) {
    for (const auto& x : v.asList()) {
      if (bad(x) || x.type() == T::List)
        throwRuntime(ErrorKind::TypeError,
                     "property '" + key + "' cannot hold a list containing a " +
                         std::string(cypherTypeName(x)),
                     "InvalidPropertyType");
    }
  }
}

}  // namespace

void setProperty(ExecContext& ctx, const Value& target, const std::string& key, const Value& v) {
  if (target.isNull()) return;
  checkPropertyValue(v, key);
  KeyId k = ctx.graph.internKey(key);
  if (target.type() == T::Node) {
    if (!ctx.graph.nodeExists(target.asNode()))
      throwRuntime(ErrorKind::EntityNotFound, "cannot set a property of a deleted node",
                   "DeletedEntityAccess");
    ctx.graph.setNodeProperty(target.asNode(), k, v);
    if (!ctx.schema.empty()) ctx.touchedNodes.push_back(target.asNode());
  } else if (target.type() == T::Rel) {
    if (!ctx.graph.relExists(target.asRel()))
      throwRuntime(ErrorKind::EntityNotFound, "cannot set a property of a deleted relationship",
                   "DeletedEntityAccess");
    ctx.graph.setRelProperty(target.asRel(), k, v);
    if (!ctx.schema.empty()) ctx.touchedRels.push_back(target.asRel());
  } else {
    throwRuntime(ErrorKind::TypeError,
                 std::string("cannot set a property on a ") + cypherTypeName(target),
                 "InvalidArgumentType");
  }
  ++ctx.stats.propertiesSet;
}

namespace {

NodeId createNodeFrom(const BoundNodePattern& np, Row& row, ExecContext& ctx) {
  std::vector<LabelId> labels;
  for (const auto& l : np.labels) labels.push_back(ctx.graph.internLabel(l));
  NodeId n = ctx.graph.createNode(labels);
  if (!ctx.schema.empty()) ctx.touchedNodes.push_back(n);
  ++ctx.stats.nodesCreated;
  ctx.stats.labelsAdded += static_cast<int64_t>(np.labels.size());
  for (const auto& [key, expr] : np.properties) {
    Value v = evaluate(*expr, row, ctx);
    if (v.isNull()) continue;
    setProperty(ctx, Value(NodeRef{n}), key, v);
  }
  return n;
}

}  // namespace

void createPattern(const BoundPattern& pattern, Row& row, ExecContext& ctx) {
  for (const auto& part : pattern.parts) {
    for (const auto& np : part.nodes) {
      if (np.alreadyBound) {
        const Value& v = row[np.slot];
        if (v.type() != T::Node)
          throwRuntime(ErrorKind::TypeError,
                       "cannot create a relationship with a null or non-node endpoint",
                       "InvalidArgumentType");
        continue;
      }
      row[np.slot] = Value(NodeRef{createNodeFrom(np, row, ctx)});
    }
    for (size_t i = 0; i < part.rels.size(); ++i) {
      const auto& rp = part.rels[i];
      NodeId a = row[part.nodes[i].slot].asNode();
      NodeId b = row[part.nodes[i + 1].slot].asNode();
      if (rp.direction == ast::RelDirection::Left) std::swap(a, b);
      RelId r = ctx.graph.createRel(a, b, ctx.graph.internType(rp.types[0]));
      if (!ctx.schema.empty()) ctx.touchedRels.push_back(r);
      ++ctx.stats.relsCreated;
      row[rp.slot] = Value(RelRef{r});
      for (const auto& [key, expr] : rp.properties) {
        Value v = evaluate(*expr, row, ctx);
        if (v.isNull()) continue;
        setProperty(ctx, Value(RelRef{r}), key, v);
      }
    }
    if (part.pathSlot != kNoSlot) {
      PathValue p;
      for (size_t i = 0; i < part.nodes.size(); ++i) {
        p.nodes.push_back(row[part.nodes[i].slot].asNode());
        if (i < part.rels.size()) p.rels.push_back(row[part.rels[i].slot].asRel());
      }
      row[part.pathSlot] = Value(std::move(p));
    }
  }
}

}  // namespace silkgraph
