// Schema: the declared shape of a typed graph (node labels, relationship types and their
// properties). A graph with an empty schema is open, as in Neo4j: anything goes.
// Loaders check every node and relationship against it (see loaders/); the query engine
// checks CREATE/SET/MERGE writes against it when it is not empty; both by the rules of
// engine/schema_rules.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/value.h"

namespace silkgraph {

enum class PropType : uint8_t {
  Any,
  Bool,
  Int,
  Float,  // accepts integers too (stored as float)
  String,
  Date,
  StringList,
  IntList,
  FloatList,
  List,
  Map,
  // Appended: the database file stores these numbers.
  LocalTime,
  Time,
  LocalDateTime,
  DateTime,
  Duration
};

const char* propTypeName(PropType t);
// The narrowest schema type a value has: a list by its elements (all strings string[], all
// integers int[], numbers mixing both float[]; empty or mixed: list); Any for null, nodes,
// relationships and paths.
PropType propTypeOf(const Value& v);
std::optional<PropType> parsePropType(std::string_view name);  // "int", "float", "string[]", ...
// Whether a value fits a type, and the rest of what a typed graph accepts: schema_rules.h.

struct PropertyDef {
  std::string name;
  PropType type = PropType::Any;
  bool required = false;
  std::string description;
};

struct LabelDef {
  std::string name;
  std::string key;  // key property (unique, indexed), usually "id"; empty for none
  std::vector<PropertyDef> properties;
  std::string description;
  const PropertyDef* findProperty(std::string_view n) const;
};

struct RelTypeDef {
  std::string name;
  std::vector<std::string> from;  // allowed start labels (empty: any)
  std::vector<std::string> to;    // allowed end labels (empty: any)
  std::vector<PropertyDef> properties;
  std::string description;
  // Adjacency order ("index"): each node's relationships of this type are kept sorted by these
  // properties, most significant first (Graph::setAdjacencyOrder, a vertex-centric index).
  std::vector<std::string> index;
  // Symmetric ("symmetric": true): a relationship of this type means the same read either way
  // (BORDERS, TRADES_WITH): it is stored once, in the direction given, and a directed MATCH
  // pattern naming only symmetric types is answered in both directions (docs/formats.md).
  bool symmetric = false;
  const PropertyDef* findProperty(std::string_view n) const;
};

// An index or a uniqueness constraint made by DDL (CREATE INDEX / CREATE CONSTRAINT,
// docs/query-language.md "Indexes and constraints"), kept with the schema and stored in the
// database file. What it does in the graph (a key index, a property index, an adjacency
// order) is engine/index_catalog.h's business.
struct IndexDef {
  enum class Kind : uint8_t { Index, Unique };
  std::string name;
  Kind kind = Kind::Index;
  bool relationship = false;            // on a relationship type (else on a node label)
  std::string target;                   // the label or relationship type
  std::vector<std::string> properties;  // in the order written
  // A uniqueness constraint made on a key index that existed before it (the loaders index
  // each loaded label's id): dropping the constraint leaves that index.
  bool adoptedKeyIndex = false;
  bool operator==(const IndexDef&) const = default;
};

class Schema {
 public:
  bool empty() const { return labels_.empty() && types_.empty(); }
  const std::vector<LabelDef>& labels() const { return labels_; }
  const std::vector<RelTypeDef>& relTypes() const { return types_; }
  const LabelDef* findLabel(std::string_view name) const;
  const RelTypeDef* findRelType(std::string_view name) const;
  // Properties every node/relationship may carry whatever its label or type:
  // id, name, aliases, valid_from, valid_to, sources.
  static const std::vector<PropertyDef>& commonProperties();

  // Adds a definition; throws std::invalid_argument on a duplicate or inconsistent one.
  void addLabel(LabelDef def);
  void addRelType(RelTypeDef def);
  // Declares a relationship type symmetric; false if the schema does not declare the type.
  bool markSymmetric(std::string_view type);
  // Merges another schema in (used when a directory holds several schema files).
  void merge(const Schema& other);

  // Indexes and constraints made by DDL, in the order they were made. They do not make the
  // schema non-empty: an open graph stays open.
  const std::vector<IndexDef>& indexes() const { return indexes_; }
  const IndexDef* findIndex(std::string_view name) const;
  void addIndex(IndexDef def);  // throws std::invalid_argument on a duplicate name
  bool removeIndex(std::string_view name);

 private:
  std::vector<LabelDef> labels_;
  std::vector<RelTypeDef> types_;
  std::vector<IndexDef> indexes_;
};

}  // namespace silkgraph
