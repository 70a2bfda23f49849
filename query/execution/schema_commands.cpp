// Index and constraint commands (schema_commands.h). The rules, as in Neo4j 5: names are
// unique across indexes and constraints; one index or constraint per schema (label or type
// and properties); IF NOT EXISTS / IF EXISTS turn "exists" / "does not exist" into doing
// nothing. silkgraph adds: a label has at most one unique key, a relationship type at most
// one index (its adjacency order), and the schema file's declarations cannot be dropped.
#include "query/execution/schema_commands.h"

#include <algorithm>

#include "engine/error.h"
#include "engine/index_catalog.h"

namespace silkgraph {

namespace {

using Kind = ast::SchemaCommand::Kind;

[[noreturn]] void fail(ErrorKind kind, SourcePos pos, std::string msg, std::string detail) {
  throw Error(kind, std::move(msg), pos, std::move(detail), ErrorPhase::Runtime);
}

std::string describe(const IndexDef& d) {
  std::string out = d.relationship ? "()-[:" + d.target + "]-()" : "(:" + d.target + ")";
  out += " (";
  for (size_t i = 0; i < d.properties.size(); ++i) out += (i ? ", " : "") + d.properties[i];
  return out + ")";
}

// "an index 'x' on ..." / "a constraint 'x' on ...".
std::string what(const CatalogEntry& e) {
  std::string kind = e.def.kind == IndexDef::Kind::Unique ? "a constraint" : "an index";
  return kind + " '" + e.def.name + "' on " + describe(e.def) +
         (e.declared ? " (declared by the schema file)" : "");
}

// The checks of CREATE that the catalog decides; returns false when IF NOT EXISTS makes the
// command do nothing.
bool checkCreate(const ast::SchemaCommand& c, const IndexDef& def, const Schema& schema) {
  const std::vector<CatalogEntry> all = catalogEntries(schema);
  // A generated name is the definition's: the definition check below says it better.
  for (const CatalogEntry& e : all) {
    if (e.def.name == def.name && !c.name.empty()) {
      if (c.ifExists) return false;
      fail(ErrorKind::SemanticError, c.name.empty() ? c.pos : c.namePos,
           what(e) + " already exists with the name '" + def.name + "'",
           "EquivalentSchemaRuleAlreadyExists");
    }
  }
  for (const CatalogEntry& e : all) {
    if (e.def.relationship != def.relationship || e.def.target != def.target) continue;
    if (e.def.properties == def.properties) {
      if (c.ifExists && e.def.kind == def.kind) return false;
      fail(ErrorKind::SemanticError, c.propertiesPos,
           "there already is " + what(e) + (e.def.kind == def.kind ? "" : "; drop it first"),
           "EquivalentSchemaRuleAlreadyExists");
    }
    if (def.relationship)
      fail(ErrorKind::SemanticError, c.targetPos,
           "relationship type " + def.target + " already has " + what(e) +
               ": a type keeps one index (its adjacency order); drop it first",
           "IndexAlreadyExists");
    if (def.kind == IndexDef::Kind::Unique && e.def.kind == IndexDef::Kind::Unique)
      fail(ErrorKind::SemanticError, c.targetPos,
           "label " + def.target + " already has " + what(e) +
               ": silkgraph keeps one unique key per label; drop it first",
           "ConstraintAlreadyExists");
  }
  return true;
}

QueryStats create(const ast::SchemaCommand& c, Graph& graph, Schema& schema, unsigned threads) {
  IndexDef def;
  def.kind = c.kind == Kind::CreateConstraint ? IndexDef::Kind::Unique : IndexDef::Kind::Index;
  def.relationship = c.relationship;
  def.target = c.target;
  def.properties = c.properties;
  def.name = c.name.empty() ? generatedIndexName(def) : c.name;
  for (size_t i = 0; i < def.properties.size(); ++i)
    if (std::find(def.properties.begin(), def.properties.begin() + static_cast<long>(i),
                  def.properties[i]) != def.properties.begin() + static_cast<long>(i))
      fail(ErrorKind::SemanticError, c.propertiesPos,
           "property '" + def.properties[i] + "' is named twice", "InvalidSchemaRule");
  if (def.kind == IndexDef::Kind::Unique && def.relationship)
    fail(ErrorKind::SemanticError, c.targetPos,
         "uniqueness constraints on relationships are not supported by silkgraph",
         "UnsupportedSchemaRule");
  if (def.kind == IndexDef::Kind::Unique && def.properties.size() > 1)
    fail(ErrorKind::SemanticError, c.propertiesPos,
         "uniqueness constraints on several properties are not supported by silkgraph; a "
         "constraint is on one property",
         "UnsupportedSchemaRule");
  QueryStats stats;
  if (!checkCreate(c, def, schema)) return stats;
  if (def.kind == IndexDef::Kind::Unique) {
    LabelId l = graph.labelId(def.target);
    KeyId has = l == kNoLabel ? kNoKey : graph.keyIndexOf(l);
    if (has != kNoKey && graph.keyName(has) != def.properties.front())
      fail(ErrorKind::SemanticError, c.propertiesPos,
           "label " + def.target + " already has a unique key, '" + graph.keyName(has) +
               "' (the loaders make each loaded label's id one): silkgraph keeps one unique "
               "key per label",
           "ConstraintAlreadyExists");
    def.adoptedKeyIndex = has != kNoKey;
  }
  try {
    applyIndex(graph, def, threads);
  } catch (Error& e) {
    if (e.kind() != ErrorKind::ConstraintVerificationFailed) throw;
    fail(e.kind(), c.pos, "cannot create constraint '" + def.name + "': " + e.what(),
         "ConstraintCreationFailed");
  }
  schema.addIndex(def);
  (def.kind == IndexDef::Kind::Unique ? stats.constraintsAdded : stats.indexesAdded) = 1;
  return stats;
}

QueryStats drop(const ast::SchemaCommand& c, Graph& graph, Schema& schema, unsigned threads) {
  const bool index = c.kind == Kind::DropIndex;
  const char* noun = index ? "index" : "constraint";
  QueryStats stats;
  for (const CatalogEntry& e : catalogEntries(schema)) {
    if (e.def.name != c.name) continue;
    if ((e.def.kind == IndexDef::Kind::Index) != index)
      fail(ErrorKind::SemanticError, c.namePos,
           std::string("'") + c.name + "' is a " + (index ? "constraint" : "index") + ", not an " +
               noun + ": use DROP " + (index ? "CONSTRAINT" : "INDEX"),
           "DropSchemaRuleFailed");
    if (e.declared)
      fail(ErrorKind::SemanticError, c.namePos,
           "cannot drop " + what(e).substr(what(e).find(' ') + 1) +
               "; remove it from the schema file instead",
           "DropSchemaRuleFailed");
    unapplyIndex(graph, e.def);
    schema.removeIndex(c.name);
    // What the dropped one served may still be asked for by another (a node index on a
    // dropped unique key becomes a property index of its own).
    applyIndexes(graph, schema, threads);
    (index ? stats.indexesRemoved : stats.constraintsRemoved) = 1;
    return stats;
  }
  if (c.ifExists) return stats;
  fail(ErrorKind::SemanticError, c.namePos,
       std::string("cannot drop ") + noun + " '" + c.name + "': there is no such " + noun +
           " (SHOW " + (index ? "INDEXES" : "CONSTRAINTS") + " lists them)",
       "DropSchemaRuleFailed");
}

}  // namespace

QueryStats runSchemaCommand(const ast::SchemaCommand& c, Graph& graph, Schema& schema,
                            unsigned threads) {
  if (c.kind == Kind::CreateIndex || c.kind == Kind::CreateConstraint)
    return create(c, graph, schema, threads);
  return drop(c, graph, schema, threads);
}

}  // namespace silkgraph
