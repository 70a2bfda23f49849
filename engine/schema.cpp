// Schema: property type names and the label/relationship-type catalogue of a typed graph
// (what a value must be to fit is in schema_rules.cpp). Loaders and the query engine rely on the
// errors raised here being precise, because they are shown to users as the reason a file or a write
// was rejected.
#include "engine/schema.h"

#include <algorithm>
#include <stdexcept>

#include "common/text.h"

namespace silkgraph {

namespace {

template <typename Def>
const PropertyDef* findIn(const Def& d, std::string_view n) {
  for (const PropertyDef& p : d.properties)
    if (p.name == n) return &p;
  return nullptr;
}

void checkProperties(const std::string& owner, const std::vector<PropertyDef>& props) {
  for (size_t i = 0; i < props.size(); ++i) {
    if (props[i].name.empty())
      throw std::invalid_argument(owner + " declares a property with an empty name");
    for (size_t j = 0; j < i; ++j)
      if (props[j].name == props[i].name)
        throw std::invalid_argument(owner + " declares property '" + props[i].name + "' twice");
  }
}

// Union of two property lists; a property declared on both sides must agree.
void mergeProperties(const std::string& owner, std::vector<PropertyDef>& into,
                     const std::vector<PropertyDef>& from) {
  for (const PropertyDef& p : from) {
    auto it = std::find_if(into.begin(), into.end(),
                           [&](const PropertyDef& q) { return q.name == p.name; });
    if (it == into.end()) {
      into.push_back(p);
      continue;
    }
    if (it->type != p.type)
      throw std::invalid_argument(owner + ": property '" + p.name + "' is declared as " +
                                  propTypeName(it->type) + " and as " + propTypeName(p.type));
    if (it->required != p.required)
      throw std::invalid_argument(owner + ": property '" + p.name +
                                  "' is declared both required and optional");
    if (it->description.empty()) it->description = p.description;
  }
}

// Allowed endpoint labels: an empty list means "any", so it only merges with another empty
// list; two non-empty lists are united (a later file may allow more endpoints).
void mergeEnds(const std::string& owner, const char* side, std::vector<std::string>& into,
               const std::vector<std::string>& from) {
  if (into.empty() != from.empty())
    throw std::invalid_argument(owner + ": '" + side +
                                "' labels are unrestricted in one declaration and restricted "
                                "in another");
  for (const std::string& l : from)
    if (std::find(into.begin(), into.end(), l) == into.end()) into.push_back(l);
}

}  // namespace

PropType propTypeOf(const Value& v) {
  switch (v.type()) {
    case Value::Type::Bool:
      return PropType::Bool;
    case Value::Type::Int:
      return PropType::Int;
    case Value::Type::Float:
      return PropType::Float;
    case Value::Type::String:
      return PropType::String;
    case Value::Type::Date:
      return PropType::Date;
    case Value::Type::LocalTime:
      return PropType::LocalTime;
    case Value::Type::Time:
      return PropType::Time;
    case Value::Type::LocalDateTime:
      return PropType::LocalDateTime;
    case Value::Type::DateTime:
      return PropType::DateTime;
    case Value::Type::Duration:
      return PropType::Duration;
    case Value::Type::Map:
      return PropType::Map;
    case Value::Type::List: {
      const auto& items = v.asList();
      if (items.empty()) return PropType::List;
      bool strings = true, ints = true, numbers = true;
      for (const Value& e : items) {
        strings = strings && e.type() == Value::Type::String;
        ints = ints && e.type() == Value::Type::Int;
        numbers = numbers && e.isNumber();
      }
      return strings   ? PropType::StringList
             : ints    ? PropType::IntList
             : numbers ? PropType::FloatList
                       : PropType::List;
    }
    default:
      return PropType::Any;
  }
}

const char* propTypeName(PropType t) {
  switch (t) {
    case PropType::Any:
      return "any";
    case PropType::Bool:
      return "bool";
    case PropType::Int:
      return "int";
    case PropType::Float:
      return "float";
    case PropType::String:
      return "string";
    case PropType::Date:
      return "date";
    case PropType::StringList:
      return "string[]";
    case PropType::IntList:
      return "int[]";
    case PropType::FloatList:
      return "float[]";
    case PropType::List:
      return "list";
    case PropType::Map:
      return "map";
    case PropType::LocalTime:
      return "localtime";
    case PropType::Time:
      return "time";
    case PropType::LocalDateTime:
      return "localdatetime";
    case PropType::DateTime:
      return "datetime";
    case PropType::Duration:
      return "duration";
  }
  return "?";
}

std::optional<PropType> parsePropType(std::string_view name) {
  const std::string n = text::asciiLower(name);
  if (n == "any") return PropType::Any;
  if (n == "bool" || n == "boolean") return PropType::Bool;
  if (n == "int" || n == "long" || n == "integer") return PropType::Int;
  if (n == "float" || n == "double") return PropType::Float;
  if (n == "string") return PropType::String;
  if (n == "date") return PropType::Date;
  if (n == "string[]") return PropType::StringList;
  if (n == "int[]" || n == "long[]" || n == "integer[]") return PropType::IntList;
  if (n == "float[]" || n == "double[]") return PropType::FloatList;
  if (n == "list") return PropType::List;
  if (n == "map") return PropType::Map;
  if (n == "localtime") return PropType::LocalTime;
  if (n == "time") return PropType::Time;
  if (n == "localdatetime") return PropType::LocalDateTime;
  if (n == "datetime") return PropType::DateTime;
  if (n == "duration") return PropType::Duration;
  return std::nullopt;
}

const PropertyDef* LabelDef::findProperty(std::string_view n) const {
  return findIn(*this, n);
}
const PropertyDef* RelTypeDef::findProperty(std::string_view n) const {
  return findIn(*this, n);
}

const LabelDef* Schema::findLabel(std::string_view name) const {
  for (const LabelDef& l : labels_)
    if (l.name == name) return &l;
  return nullptr;
}

const RelTypeDef* Schema::findRelType(std::string_view name) const {
  for (const RelTypeDef& t : types_)
    if (t.name == name) return &t;
  return nullptr;
}

const std::vector<PropertyDef>& Schema::commonProperties() {
  static const std::vector<PropertyDef> common = {
      {"id", PropType::String, false, "stable identifier"},
      {"name", PropType::String, false, "display name"},
      {"aliases", PropType::StringList, false, "other names"},
      {"valid_from", PropType::Date, false, "first day the fact holds"},
      {"valid_to", PropType::Date, false, "last day the fact holds"},
      {"sources", PropType::StringList, false, "citations"},
  };
  return common;
}

void Schema::addLabel(LabelDef def) {
  if (def.name.empty()) throw std::invalid_argument("a label needs a name");
  if (findLabel(def.name))
    throw std::invalid_argument("label '" + def.name + "' is declared twice");
  const std::string owner = "label '" + def.name + "'";
  checkProperties(owner, def.properties);
  if (!def.key.empty() && !def.findProperty(def.key)) {
    const auto& common = commonProperties();
    if (std::none_of(common.begin(), common.end(),
                     [&](const PropertyDef& p) { return p.name == def.key; }))
      throw std::invalid_argument(owner + ": key '" + def.key + "' is not a declared property");
  }
  labels_.push_back(std::move(def));
}

void Schema::addRelType(RelTypeDef def) {
  if (def.name.empty()) throw std::invalid_argument("a relationship type needs a name");
  if (findRelType(def.name))
    throw std::invalid_argument("relationship type '" + def.name + "' is declared twice");
  checkProperties("relationship type '" + def.name + "'", def.properties);
  for (size_t i = 0; i < def.index.size(); ++i) {
    const std::string& k = def.index[i];
    bool common = std::any_of(commonProperties().begin(), commonProperties().end(),
                              [&](const PropertyDef& p) { return p.name == k; });
    if (!def.findProperty(k) && !common)
      throw std::invalid_argument("relationship type '" + def.name + "' has an index on '" + k +
                                  "', which it does not declare");
    if (std::find(def.index.begin(), def.index.begin() + static_cast<std::ptrdiff_t>(i), k) !=
        def.index.begin() + static_cast<std::ptrdiff_t>(i))
      throw std::invalid_argument("relationship type '" + def.name + "' names '" + k +
                                  "' twice in its index");
  }
  for (const auto* ends : {&def.from, &def.to})
    for (const std::string& l : *ends)
      if (l.empty())
        throw std::invalid_argument("relationship type '" + def.name +
                                    "' names an empty endpoint label");
  types_.push_back(std::move(def));
}

bool Schema::markSymmetric(std::string_view type) {
  for (RelTypeDef& t : types_)
    if (t.name == type) return t.symmetric = true;
  return false;
}

void Schema::merge(const Schema& other) {
  // Merge into a copy so a conflict leaves *this untouched.
  Schema result = *this;
  for (const LabelDef& l : other.labels_) {
    auto it = std::find_if(result.labels_.begin(), result.labels_.end(),
                           [&](const LabelDef& m) { return m.name == l.name; });
    if (it == result.labels_.end()) {
      result.addLabel(l);
      continue;
    }
    const std::string owner = "label '" + l.name + "'";
    if (it->key != l.key)
      throw std::invalid_argument(owner + " is declared with key '" + it->key + "' and with key '" +
                                  l.key + "'");
    mergeProperties(owner, it->properties, l.properties);
    if (it->description.empty()) it->description = l.description;
  }
  for (const RelTypeDef& t : other.types_) {
    auto it = std::find_if(result.types_.begin(), result.types_.end(),
                           [&](const RelTypeDef& m) { return m.name == t.name; });
    if (it == result.types_.end()) {
      result.addRelType(t);
      continue;
    }
    const std::string owner = "relationship type '" + t.name + "'";
    mergeEnds(owner, "from", it->from, t.from);
    mergeEnds(owner, "to", it->to, t.to);
    mergeProperties(owner, it->properties, t.properties);
    if (it->description.empty()) it->description = t.description;
    it->symmetric = it->symmetric || t.symmetric;
    if (it->index.empty()) {
      it->index = t.index;
    } else if (!t.index.empty() && t.index != it->index) {
      throw std::invalid_argument(owner + " is declared with two different indexes");
    }
  }
  for (const IndexDef& d : other.indexes_) {
    const IndexDef* same = result.findIndex(d.name);
    if (!same) {
      result.addIndex(d);
    } else if (!(*same == d)) {
      throw std::invalid_argument("two different indexes or constraints are named '" + d.name +
                                  "'");
    }
  }
  *this = std::move(result);
}

const IndexDef* Schema::findIndex(std::string_view name) const {
  for (const IndexDef& d : indexes_)
    if (d.name == name) return &d;
  return nullptr;
}

void Schema::addIndex(IndexDef def) {
  if (def.name.empty() || def.target.empty() || def.properties.empty())
    throw std::invalid_argument("an index needs a name, a label or type, and properties");
  if (findIndex(def.name))
    throw std::invalid_argument("an index or constraint named '" + def.name + "' exists");
  indexes_.push_back(std::move(def));
}

bool Schema::removeIndex(std::string_view name) {
  auto it = std::find_if(indexes_.begin(), indexes_.end(),
                         [&](const IndexDef& d) { return d.name == name; });
  if (it == indexes_.end()) return false;
  indexes_.erase(it);
  return true;
}

}  // namespace silkgraph
