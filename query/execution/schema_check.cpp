// Implements query/execution/schema_check.h by the rules of engine/schema_rules.h, which the
// loaders follow too: a statement's writes are rejected for what a loaded file would be.
#include "query/execution/schema_check.h"

#include <string>

#include "engine/error.h"
#include "engine/schema_rules.h"

namespace silkgraph {
namespace {

[[noreturn]] void violation(const std::string& message) {
  throw Error(ErrorKind::ConstraintVerificationFailed, message, {}, "SchemaViolation",
              ErrorPhase::Runtime);
}

std::string nodeName(const Graph& g, NodeId n) {
  KeyId id = g.keyId("id");
  Value v = id == kNoKey ? Value() : g.nodeProperty(n, id);
  return v.type() == Value::Type::String ? "node '" + v.asString() + "'" : "a new node";
}

std::string labelList(const Graph& g, NodeId n) {
  std::string out;
  for (LabelId l : g.nodeLabels(n)) out += (out.empty() ? "" : ", ") + g.labelName(l);
  return out;
}

// Checks a property value against its declaration; integers in a float (or float list)
// property are noted in `coerced`, to be stored as floats.
void checkValue(const PropertyDef& def, KeyId k, const Value& v, const std::string& owner,
                std::vector<std::pair<KeyId, Value>>& coerced) {
  if (!conforms(v, def.type))
    violation(rules::typeMismatch(def.name, owner, def.type, v.toCypherLiteral()));
  if (rules::needsCoercion(v, def.type)) coerced.emplace_back(k, coerce(v, def.type));
}

bool hasProperty(const Graph& g, NodeId n, const std::string& key) {
  KeyId k = g.keyId(key);
  return k != kNoKey && !g.nodeProperty(n, k).isNull();
}

void checkNode(Graph& g, const Schema& schema, NodeId n) {
  const std::string owner = nodeName(g, n);
  std::vector<const LabelDef*> defs;
  for (LabelId l : g.nodeLabels(n)) {
    const LabelDef* def = schema.findLabel(g.labelName(l));
    if (!def) violation(rules::undeclaredLabel(g.labelName(l), owner, schema));
    defs.push_back(def);
  }
  if (defs.empty()) violation(rules::unlabeledNode(owner));
  std::vector<std::pair<KeyId, Value>> coerced;
  g.forEachNodeProperty(n, [&](KeyId k, const Value& v) {
    const std::string& key = g.keyName(k);
    const PropertyDef* p = rules::findForLabels(defs, key);
    if (!p) violation(rules::undeclaredProperty(key, owner, defs));
    checkValue(*p, k, v, owner, coerced);
  });
  for (const auto& [k, v] : coerced) g.setNodeProperty(n, k, v);
  for (const LabelDef* d : defs) {
    if (!d->key.empty() && !hasProperty(g, n, d->key)) violation(rules::missingKey(owner, *d));
    for (const auto& p : d->properties)
      if (p.required && !hasProperty(g, n, p.name))
        violation(rules::missingRequired(owner, *d, p.name));
  }
}

void checkRel(Graph& g, const Schema& schema, RelId r) {
  const std::string& type = g.typeName(g.relType(r));
  const RelTypeDef* def = schema.findRelType(type);
  if (!def) violation(rules::undeclaredRelType(type, schema));
  auto hasLabel = [&](NodeId n) {
    return [&g, n](const std::string& l) {
      LabelId id = g.labelId(l);
      return id != kNoLabel && g.hasLabel(n, id);
    };
  };
  for (bool start : {true, false}) {
    NodeId n = start ? g.relSource(r) : g.relTarget(r);
    const std::vector<std::string>& allowed = start ? def->from : def->to;
    if (!rules::endpointAllowed(!allowed.empty(), allowed, hasLabel(n)))
      violation(rules::endpointNotAllowed(*def, start, nodeName(g, n), labelList(g, n)));
  }
  const std::string owner = "a " + type + " relationship";
  std::vector<std::pair<KeyId, Value>> coerced;
  g.forEachRelProperty(r, [&](KeyId k, const Value& v) {
    const std::string& key = g.keyName(k);
    const PropertyDef* p = rules::findForType(*def, key);
    if (!p) violation(rules::undeclaredProperty(key, owner, *def));
    checkValue(*p, k, v, owner, coerced);
  });
  for (const auto& [k, v] : coerced) g.setRelProperty(r, k, v);
  for (const auto& p : def->properties) {
    if (!p.required) continue;
    KeyId k = g.keyId(p.name);
    if (k == kNoKey || g.relProperty(r, k).isNull())
      violation(rules::missingRequired(*def, p.name));
  }
}

}  // namespace

void checkWritesAgainstSchema(Graph& g, const Schema& schema, const std::vector<NodeId>& nodes,
                              const std::vector<RelId>& rels) {
  if (schema.empty()) return;
  for (NodeId n : nodes)
    if (g.nodeExists(n)) checkNode(g, schema, n);
  for (RelId r : rels)
    if (g.relExists(r)) checkRel(g, schema, r);
}

}  // namespace silkgraph
