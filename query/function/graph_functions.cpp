// Functions over nodes, relationships and paths: id, labels, type, properties, keys,
// length, nodes, relationships, startNode, endNode, exists.
#include <algorithm>

#include "common/text.h"
#include "engine/error.h"
#include "query/function/scalar_functions.h"

namespace silkgraph::functions {

using T = Value::Type;

Value fnId(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  if (a[0].type() == T::Node) return Value(static_cast<int64_t>(a[0].asNode()));
  if (a[0].type() == T::Rel) return Value(static_cast<int64_t>(a[0].asRel()));
  argType("id", a[0]);
}

namespace {

// labels(), keys() and properties() of a node or relationship deleted earlier in the
// statement: an error, as in Neo4j (its id and type stay readable).
void requireLive(const Value& v, const Graph& g) {
  if (v.type() == T::Node && !g.nodeExists(v.asNode()))
    throwRuntime(ErrorKind::EntityNotFound, "the node was deleted", "DeletedEntityAccess");
  if (v.type() == T::Rel && !g.relExists(v.asRel()))
    throwRuntime(ErrorKind::EntityNotFound, "the relationship was deleted", "DeletedEntityAccess");
}

}  // namespace

Value fnLabels(Args a, const Graph& g) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Node) argType("labels", a[0]);
  requireLive(a[0], g);
  ValueList out;
  for (LabelId l : g.nodeLabels(a[0].asNode())) out.emplace_back(g.labelName(l));
  std::sort(out.begin(), out.end(),
            [](const Value& x, const Value& y) { return x.asString() < y.asString(); });
  return Value(std::move(out));
}

Value fnType(Args a, const Graph& g) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Rel) argType("type", a[0]);
  return Value(g.typeName(g.relType(a[0].asRel())));
}

Value fnProperties(Args a, const Graph& g) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  requireLive(v, g);
  ValueMap m;
  if (v.type() == T::Node) {
    g.forEachNodeProperty(v.asNode(),
                          [&](KeyId k, const Value& x) { m.emplace_back(g.keyName(k), x); });
  } else if (v.type() == T::Rel) {
    g.forEachRelProperty(v.asRel(),
                         [&](KeyId k, const Value& x) { m.emplace_back(g.keyName(k), x); });
  } else if (v.type() == T::Map) {
    return v;
  } else {
    argType("properties", v);
  }
  return Value(std::move(m));
}

Value fnKeys(Args a, const Graph& g) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  requireLive(v, g);
  ValueList out;
  if (v.type() == T::Node) {
    g.forEachNodeProperty(v.asNode(),
                          [&](KeyId k, const Value&) { out.emplace_back(g.keyName(k)); });
  } else if (v.type() == T::Rel) {
    g.forEachRelProperty(v.asRel(), [&](KeyId k, const Value&) { out.emplace_back(g.keyName(k)); });
  } else if (v.type() == T::Map) {
    for (const auto& [k, x] : v.asMap()) out.emplace_back(k);
  } else {
    argType("keys", v);
  }
  std::sort(out.begin(), out.end(),
            [](const Value& x, const Value& y) { return x.asString() < y.asString(); });
  return Value(std::move(out));
}

Value fnLength(Args a, const Graph&) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::Path) return Value(static_cast<int64_t>(v.asPath().rels.size()));
  if (v.type() == T::String) return Value(static_cast<int64_t>(text::length(v.asString())));
  if (v.type() == T::List) return Value(static_cast<int64_t>(v.asList().size()));
  argType("length", v);
}

Value fnNodes(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Path) argType("nodes", a[0]);
  ValueList out;
  for (NodeId n : a[0].asPath().nodes) out.emplace_back(NodeRef{n});
  return Value(std::move(out));
}
Value fnRelationships(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Path) argType("relationships", a[0]);
  ValueList out;
  for (RelId r : a[0].asPath().rels) out.emplace_back(RelRef{r});
  return Value(std::move(out));
}
Value fnStartNode(Args a, const Graph& g) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Rel) argType("startNode", a[0]);
  return Value(NodeRef{g.relSource(a[0].asRel())});
}
Value fnEndNode(Args a, const Graph& g) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Rel) argType("endNode", a[0]);
  return Value(NodeRef{g.relTarget(a[0].asRel())});
}

Value fnExists(Args a, const Graph&) {
  return Value(!a[0].isNull());
}

}  // namespace silkgraph::functions
