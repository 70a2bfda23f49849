// Values as JSON and JSON as values (see value_json.h).
#include "main/value_json.h"

#include <algorithm>
#include <cmath>

namespace silkgraph {

using nlohmann::ordered_json;

namespace {

ordered_json nodeJson(NodeId n, const Graph& g) {
  ordered_json obj;
  obj["id"] = n;
  std::vector<std::string> labels;
  if (g.nodeExists(n)) {
    for (LabelId l : g.nodeLabels(n)) labels.push_back(g.labelName(l));
  }
  std::sort(labels.begin(), labels.end());
  obj["labels"] = labels;
  obj["properties"] = g.nodeExists(n) ? propertiesToJson(g, true, n) : ordered_json::object();
  return obj;
}

ordered_json relJson(RelId r, const Graph& g) {
  ordered_json obj;
  obj["id"] = r;
  bool live = g.relExists(r);
  obj["type"] = live ? g.typeName(g.relType(r)) : std::string();
  obj["start"] = live ? g.relSource(r) : kInvalidId;
  obj["end"] = live ? g.relTarget(r) : kInvalidId;
  obj["properties"] = live ? propertiesToJson(g, false, r) : ordered_json::object();
  return obj;
}

}  // namespace

ordered_json propertiesToJson(const Graph& g, bool node, uint32_t id) {
  // Sorted by key for stable output (ordered_json keeps insertion order).
  std::vector<std::pair<std::string, Value>> props;
  auto collect = [&](KeyId k, const Value& v) { props.emplace_back(g.keyName(k), v); };
  if (node) {
    g.forEachNodeProperty(id, collect);
  } else {
    g.forEachRelProperty(id, collect);
  }
  std::sort(props.begin(), props.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  ordered_json obj = ordered_json::object();
  for (const auto& [k, v] : props) obj[k] = valueToJson(v, g);
  return obj;
}

ordered_json valueToJson(const Value& v, const Graph& g) {
  switch (v.type()) {
    case Value::Type::Null:
      return nullptr;
    case Value::Type::Bool:
      return v.asBool();
    case Value::Type::Int:
      return v.asInt();
    case Value::Type::Float: {
      double d = v.asFloat();
      if (std::isfinite(d)) return d;
      return formatFloat(d);
    }
    case Value::Type::String:
      return v.asString();
    case Value::Type::Date:
    case Value::Type::LocalTime:
    case Value::Type::Time:
    case Value::Type::LocalDateTime:
    case Value::Type::DateTime:
    case Value::Type::Duration:
      return temporalText(v);  // ISO 8601, as toString() gives it
    case Value::Type::List: {
      ordered_json arr = ordered_json::array();
      for (const auto& e : v.asList()) arr.push_back(valueToJson(e, g));
      return arr;
    }
    case Value::Type::Map: {
      ordered_json obj = ordered_json::object();
      for (const auto& [k, e] : v.asMap()) obj[k] = valueToJson(e, g);
      return obj;
    }
    case Value::Type::Node:
      return nodeJson(v.asNode(), g);
    case Value::Type::Rel:
      return relJson(v.asRel(), g);
    case Value::Type::Path: {
      ordered_json obj;
      obj["nodes"] = ordered_json::array();
      obj["relationships"] = ordered_json::array();
      for (NodeId n : v.asPath().nodes) obj["nodes"].push_back(nodeJson(n, g));
      for (RelId r : v.asPath().rels) obj["relationships"].push_back(relJson(r, g));
      return obj;
    }
  }
  return nullptr;
}

std::string jsonText(const ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

void writeJsonText(std::ostream& out, const ordered_json& j) {
  // What dump() does, into the stream instead of a string. operator<< would do it too, but it
  // throws on invalid UTF-8 where jsonText replaces it.
  nlohmann::detail::serializer<ordered_json> s(nlohmann::detail::output_adapter<char>(out), ' ',
                                               ordered_json::error_handler_t::replace);
  s.dump(j, false, false, 0);
}

Value valueFromJson(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::boolean:
      return Value(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return Value(j.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
      const uint64_t u = j.get<uint64_t>();
      if (u <= static_cast<uint64_t>(INT64_MAX)) return Value(static_cast<int64_t>(u));
      return Value(static_cast<double>(u));
    }
    case nlohmann::json::value_t::number_float:
      return Value(j.get<double>());
    case nlohmann::json::value_t::string:
      return Value(j.get<std::string>());
    case nlohmann::json::value_t::array: {
      ValueList list;
      list.reserve(j.size());
      for (const auto& e : j) list.push_back(valueFromJson(e));
      return Value(std::move(list));
    }
    case nlohmann::json::value_t::object: {
      ValueMap map;
      for (const auto& [k, e] : j.items()) map.emplace_back(k, valueFromJson(e));
      return Value(std::move(map));
    }
    default:
      return Value();
  }
}

}  // namespace silkgraph
