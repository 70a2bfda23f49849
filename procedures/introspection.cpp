// Introspection procedures, under Neo4j's names and column names so that clients and tools
// that ask them work: the labels, relationship types and property keys in use, and which
// properties (of which types, always present or not) each node label set and relationship
// type has, read from the data.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "procedures/procedures.h"

namespace silkgraph {
namespace {

// Neo4j's names for property value types (db.schema.*TypeProperties).
std::string neo4jTypeName(const Value& v) {
  using T = Value::Type;
  switch (v.type()) {
    case T::Bool:
      return "Boolean";
    case T::Int:
      return "Long";
    case T::Float:
      return "Double";
    case T::String:
      return "String";
    case T::Date:
      return "Date";
    case T::List: {
      std::set<std::string> el;
      for (const Value& x : v.asList()) el.insert(neo4jTypeName(x));
      return el.size() == 1 ? *el.begin() + "Array" : "List";
    }
    default:
      return Value::typeName(v.type());
  }
}

std::string backticked(const std::string& name) {
  std::string out = "`";
  for (char c : name) out += c == '`' ? std::string("``") : std::string(1, c);
  return out + "`";
}

// What one group (a label set, a relationship type) holds: how many entities and, per key,
// how many have it and with which value types.
struct KeyStats {
  size_t count = 0;
  std::set<std::string> types;
};
struct GroupStats {
  size_t count = 0;
  std::map<std::string, KeyStats> keys;  // by key name
};

void emitGroup(const GroupStats& g, std::vector<Value> prefix, const ProcedureSink& sink,
               bool& more) {
  if (g.keys.empty()) {
    prefix.insert(prefix.end(), {Value(), Value(), Value(false)});
    more = sink(prefix);
    return;
  }
  for (const auto& [key, ks] : g.keys) {
    if (!more) return;
    std::vector<Value> row = prefix;
    ValueList types(ks.types.begin(), ks.types.end());
    row.insert(row.end(), {Value(key), Value(std::move(types)), Value(ks.count == g.count)});
    more = sink(row);
  }
}

void nodeTypeProperties(ProcedureContext& ctx, std::span<const Value>, const ProcedureSink& sink) {
  const Graph& g = ctx.graph;
  std::map<std::vector<std::string>, GroupStats> groups;
  g.forEachNode([&](NodeId n) {
    ctx.poll();
    std::vector<std::string> labels;
    for (LabelId l : g.nodeLabels(n)) labels.push_back(g.labelName(l));
    std::sort(labels.begin(), labels.end());
    GroupStats& gs = groups[labels];
    ++gs.count;
    g.forEachNodeProperty(n, [&](KeyId k, const Value& v) {
      KeyStats& ks = gs.keys[g.keyName(k)];
      ++ks.count;
      ks.types.insert(neo4jTypeName(v));
    });
    return true;
  });
  bool more = true;
  for (const auto& [labels, gs] : groups) {
    if (!more) return;
    std::string type;
    ValueList names;
    for (const std::string& l : labels) {
      type += ":" + backticked(l);
      names.emplace_back(l);
    }
    emitGroup(gs, {Value(type), Value(std::move(names))}, sink, more);
  }
}

void relTypeProperties(ProcedureContext& ctx, std::span<const Value>, const ProcedureSink& sink) {
  const Graph& g = ctx.graph;
  std::map<std::string, GroupStats> groups;
  g.forEachRel([&](RelId r) {
    ctx.poll();
    GroupStats& gs = groups[g.typeName(g.relType(r))];
    ++gs.count;
    g.forEachRelProperty(r, [&](KeyId k, const Value& v) {
      KeyStats& ks = gs.keys[g.keyName(k)];
      ++ks.count;
      ks.types.insert(neo4jTypeName(v));
    });
    return true;
  });
  bool more = true;
  for (const auto& [type, gs] : groups) {
    if (!more) return;
    emitGroup(gs, {Value(":" + backticked(type))}, sink, more);
  }
}

// Emits each name once, sorted.
void emitNames(std::vector<std::string> names, const ProcedureSink& sink) {
  std::sort(names.begin(), names.end());
  for (std::string& n : names) {
    std::vector<Value> row{Value(std::move(n))};
    if (!sink(row)) return;
  }
}

}  // namespace

void registerIntrospectionProcedures(ProcedureRegistry& registry) {
  registry.add("db.labels() :: (label :: STRING?)",
               "The node labels in use (some live node has them), sorted.",
               [](ProcedureContext& ctx, std::span<const Value>, const ProcedureSink& sink) {
                 std::vector<std::string> names;
                 for (LabelId l = 0; l < ctx.graph.labelCount(); ++l)
                   if (ctx.graph.labelCardinality(l) > 0) names.push_back(ctx.graph.labelName(l));
                 emitNames(std::move(names), sink);
               });
  registry.add("db.relationshipTypes() :: (relationshipType :: STRING?)",
               "The relationship types in use (some live relationship has them), sorted.",
               [](ProcedureContext& ctx, std::span<const Value>, const ProcedureSink& sink) {
                 std::vector<std::string> names;
                 for (TypeId t = 0; t < ctx.graph.typeCount(); ++t)
                   if (ctx.graph.typeCardinality(t) > 0) names.push_back(ctx.graph.typeName(t));
                 emitNames(std::move(names), sink);
               });
  registry.add("db.propertyKeys() :: (propertyKey :: STRING?)",
               "Every property key the database knows (as in Neo4j, also keys no longer used), "
               "sorted.",
               [](ProcedureContext& ctx, std::span<const Value>, const ProcedureSink& sink) {
                 std::vector<std::string> names;
                 for (KeyId k = 0; k < ctx.graph.keyCount(); ++k)
                   names.push_back(ctx.graph.keyName(k));
                 emitNames(std::move(names), sink);
               });
  registry.add(
      "db.schema.nodeTypeProperties() :: (nodeType :: STRING?, nodeLabels :: LIST? OF STRING?, "
      "propertyName :: STRING?, propertyTypes :: LIST? OF STRING?, mandatory :: BOOLEAN?)",
      "For each set of labels nodes have, each property key with its value types and whether "
      "every such node has it (read from the data).",
      nodeTypeProperties);
  registry.add(
      "db.schema.relTypeProperties() :: (relType :: STRING?, propertyName :: STRING?, "
      "propertyTypes :: LIST? OF STRING?, mandatory :: BOOLEAN?)",
      "For each relationship type, each property key with its value types and whether every "
      "such relationship has it (read from the data).",
      relTypeProperties);
}

}  // namespace silkgraph
