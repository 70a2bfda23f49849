// Implements query/execution/schema_check.h.
#include "query/execution/schema_check.h"

#include <algorithm>
#include <string>

#include "engine/error.h"

namespace silkgraph {
namespace {

[[noreturn]] void violation(const std::string& message) {
  throw Error(ErrorKind::ConstraintVerificationFailed, message, {}, "SchemaViolation",
              ErrorPhase::Runtime);
}

const PropertyDef* findCommon(const std::string& key) {
  for (const auto& p : Schema::commonProperties()) {
    if (p.name == key) return &p;
  }
  return nullptr;
}

void checkValue(const PropertyDef& def, const Value& v, const std::string& owner) {
  if (!conforms(v, def.type))
    violation("property '" + def.name + "' of " + owner + " expects " + propTypeName(def.type) +
              ", got " + v.toCypherLiteral());
}

// Integers in a float (or float list) property.
bool needsCoercion(const PropertyDef& def, const Value& v) {
  if (def.type == PropType::Float) return v.type() == Value::Type::Int;
  if (def.type != PropType::FloatList || v.type() != Value::Type::List) return false;
  const ValueList& l = v.asList();
  return std::any_of(l.begin(), l.end(),
                     [](const Value& e) { return e.type() == Value::Type::Int; });
}

std::string nodeName(const Graph& g, NodeId n) {
  KeyId id = g.keyId("id");
  Value v = id == kNoKey ? Value() : g.nodeProperty(n, id);
  return v.type() == Value::Type::String ? "node '" + v.asString() + "'" : "a new node";
}

}  // namespace

void checkWritesAgainstSchema(Graph& g, const Schema& schema, const std::vector<NodeId>& nodes,
                              const std::vector<RelId>& rels) {
  if (schema.empty()) return;
  for (NodeId n : nodes) {
    if (!g.nodeExists(n)) continue;
    std::vector<const LabelDef*> defs;
    for (LabelId l : g.nodeLabels(n)) {
      const LabelDef* def = schema.findLabel(g.labelName(l));
      if (!def)
        violation("label '" + g.labelName(l) + "' of " + nodeName(g, n) +
                  " is not declared in the schema");
      defs.push_back(def);
    }
    std::string owner = nodeName(g, n);
    std::vector<std::pair<KeyId, Value>> coerced;
    g.forEachNodeProperty(n, [&](KeyId k, const Value& v) {
      const std::string& key = g.keyName(k);
      const PropertyDef* p = findCommon(key);
      for (const LabelDef* d : defs) {
        if (!p) p = d->findProperty(key);
      }
      if (!p && !defs.empty())
        violation("property '" + key + "' of " + owner + " is not declared for its labels");
      if (p) {
        checkValue(*p, v, owner);
        if (needsCoercion(*p, v)) coerced.emplace_back(k, coerce(v, p->type));
      }
    });
    for (const auto& [k, v] : coerced) g.setNodeProperty(n, k, v);
    for (const LabelDef* d : defs) {
      for (const auto& p : d->properties) {
        if (!p.required) continue;
        KeyId k = g.keyId(p.name);
        if (k == kNoKey || g.nodeProperty(n, k).isNull())
          violation(owner + " (" + d->name + ") needs the required property '" + p.name + "'");
      }
      if (!d->key.empty()) {
        KeyId k = g.keyId(d->key);
        if (k == kNoKey || g.nodeProperty(n, k).isNull())
          violation(owner + " (" + d->name + ") needs its key property '" + d->key + "'");
      }
    }
  }
  for (RelId r : rels) {
    if (!g.relExists(r)) continue;
    const std::string& type = g.typeName(g.relType(r));
    const RelTypeDef* def = schema.findRelType(type);
    if (!def) violation("relationship type '" + type + "' is not declared in the schema");
    auto hasOneOf = [&](NodeId n, const std::vector<std::string>& labels) {
      if (labels.empty()) return true;
      return std::any_of(labels.begin(), labels.end(), [&](const std::string& l) {
        LabelId id = g.labelId(l);
        return id != kNoLabel && g.hasLabel(n, id);
      });
    };
    if (!hasOneOf(g.relSource(r), def->from))
      violation(type + " cannot start at " + nodeName(g, g.relSource(r)) + " (allowed: " + [&] {
        std::string s;
        for (const auto& l : def->from) s += (s.empty() ? "" : ", ") + l;
        return s;
      }() + ")");
    if (!hasOneOf(g.relTarget(r), def->to))
      violation(type + " cannot end at " + nodeName(g, g.relTarget(r)) + " (allowed: " + [&] {
        std::string s;
        for (const auto& l : def->to) s += (s.empty() ? "" : ", ") + l;
        return s;
      }() + ")");
    std::string owner = "a " + type + " relationship";
    std::vector<std::pair<KeyId, Value>> coerced;
    g.forEachRelProperty(r, [&](KeyId k, const Value& v) {
      const std::string& key = g.keyName(k);
      const PropertyDef* p = findCommon(key);
      if (!p) p = def->findProperty(key);
      if (!p) violation("property '" + key + "' of " + owner + " is not declared");
      checkValue(*p, v, owner);
      if (needsCoercion(*p, v)) coerced.emplace_back(k, coerce(v, p->type));
    });
    for (const auto& [k, v] : coerced) g.setRelProperty(r, k, v);
    for (const auto& p : def->properties) {
      if (!p.required) continue;
      KeyId k = g.keyId(p.name);
      if (k == kNoKey || g.relProperty(r, k).isNull())
        violation(owner + " needs the required property '" + p.name + "'");
    }
  }
}

}  // namespace silkgraph
