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
  const PropertyDef* findProperty(std::string_view n) const;
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
  // Merges another schema in (used when a directory holds several schema files).
  void merge(const Schema& other);

 private:
  std::vector<LabelDef> labels_;
  std::vector<RelTypeDef> types_;
};

}  // namespace silkgraph
