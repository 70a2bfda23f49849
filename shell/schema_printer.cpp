// :schema (shell/schema_printer.h): names come from the declared schema and from the data
// (an open graph has no schema), sorted; counts from the graph's label and type cardinalities.
// Where no properties are declared, the keys the data has (shell/key_stats.h).
#include "shell/schema_printer.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "common/text.h"
#include "shell/key_stats.h"

namespace silkgraph::shell {

namespace {

std::string propertyList(const std::vector<PropertyDef>& props) {
  std::string out;
  for (const auto& p : props) {
    if (!out.empty()) out += ", ";
    out += p.name + " " + propTypeName(p.type);
    if (p.required) out += "!";
  }
  return out;
}

std::string joinNames(const std::vector<std::string>& names) {
  if (names.empty()) return "any";
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "|") + n;
  return out;
}

// Property lists can be long: wrap them under their label, indented, at the screen width.
void printWrapped(std::ostream& out, const std::string& text, size_t width) {
  const std::string indent = "      ";
  std::string line = indent;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t comma = text.find(", ", pos);
    std::string item =
        text.substr(pos, comma == std::string::npos ? std::string::npos : comma + 1 - pos);
    pos = comma == std::string::npos ? text.size() : comma + 2;
    if (line.size() > indent.size() &&
        text::displayWidth(line) + 1 + text::displayWidth(item) > width) {
      out << line << "\n";
      line = indent;
    }
    line += (line.size() > indent.size() ? " " : "") + item;
  }
  if (line.size() > indent.size()) out << line << "\n";
}

// The declared names, then those only the data has, without duplicates, sorted.
template <typename Defs, typename GraphName>
std::vector<std::string> namesOf(const Defs& defs, size_t graphCount, GraphName graphName) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& d : defs)
    if (seen.insert(d.name).second) names.push_back(d.name);
  for (size_t i = 0; i < graphCount; ++i)
    if (seen.insert(graphName(i)).second) names.push_back(graphName(i));
  std::sort(names.begin(), names.end());
  return names;
}

// Past this many nodes of a label (relationships of a type) the keys are those of the first
// ones, so that :schema answers at once on a big graph.
constexpr uint64_t kKeySample = 200000;

// The keys the data has (no properties are declared): "name string (4), ...".
void printKeysSeen(std::ostream& out, const KeysSeen& keys, const char* what, size_t width) {
  if (!keys.keys.empty()) printWrapped(out, keysText(keys), width);
  if (keys.sampled) out << "      (keys of the first " << keys.read << " " << what << ")\n";
}

void printLabels(std::ostream& out, const Database& db, const std::vector<std::string>& names,
                 size_t width) {
  const Graph& g = db.graph();
  for (const auto& name : names) {
    LabelId id = g.labelId(name);
    size_t count = id == kNoLabel ? 0 : g.labelCardinality(id);
    const LabelDef* def = db.schema().findLabel(name);
    out << "  :" << name << "  " << count << (count == 1 ? " node" : " nodes");
    if (def && !def->key.empty()) out << ", key " << def->key;
    out << "\n";
    if (def && !def->properties.empty()) {
      printWrapped(out, propertyList(def->properties), width);
    } else if (id != kNoLabel) {
      printKeysSeen(out, labelKeys(g, id, kKeySample), "nodes", width);
    }
  }
}

void printTypes(std::ostream& out, const Database& db, const std::vector<std::string>& names,
                size_t width) {
  const Graph& g = db.graph();
  std::vector<KeysSeen> seen;  // read once, when a type declares no properties
  for (const auto& name : names) {
    TypeId id = g.typeId(name);
    size_t count = id == kNoType ? 0 : g.typeCardinality(id);
    const RelTypeDef* def = db.schema().findRelType(name);
    out << "  :" << name << "  " << count << (count == 1 ? " relationship" : " relationships");
    if (def)
      out << ", " << joinNames(def->from) << (def->symmetric ? " <-> " : " -> ")
          << joinNames(def->to);
    if (def && def->symmetric) out << " (symmetric: a directed pattern matches both ways)";
    if (def && !def->index.empty()) {
      // The declared adjacency order: filters on these properties read a range of each row.
      std::string keys;
      for (const auto& k : def->index) keys += (keys.empty() ? "" : ", ") + k;
      out << ", ordered by (" << keys << ")";
    }
    out << "\n";
    if (def && !def->properties.empty()) {
      printWrapped(out, propertyList(def->properties), width);
    } else if (id != kNoType) {
      if (seen.empty()) seen = typeKeys(g, kKeySample);
      printKeysSeen(out, seen[id], "relationships", width);
    }
  }
}

}  // namespace

void printSchema(std::ostream& out, const Database& db, size_t width, bool color) {
  const Graph& g = db.graph();
  const Schema& s = db.schema();
  width = std::max<size_t>(40, width);
  auto heading = [&](const std::string& text) {
    out << (color ? "\033[1m" : "") << text << (color ? "\033[0m" : "") << "\n";
  };
  std::vector<std::string> labelNames = namesOf(
      s.labels(), g.labelCount(), [&](size_t i) { return g.labelName(static_cast<LabelId>(i)); });
  std::vector<std::string> typeNames = namesOf(
      s.relTypes(), g.typeCount(), [&](size_t i) { return g.typeName(static_cast<TypeId>(i)); });
  if (labelNames.empty() && typeNames.empty()) {
    out << "The graph is empty and has no schema. Load data with :load PATH.\n";
    return;
  }
  if (s.empty())
    out << "Open graph: no declared schema. Under each label and type, the property keys its\n"
           "data has, with the types seen and (in parentheses) how many carry each.\n";
  heading("Node labels (" + std::to_string(labelNames.size()) + "), " +
          std::to_string(g.nodeCount()) + " nodes");
  printLabels(out, db, labelNames, width);
  heading("Relationship types (" + std::to_string(typeNames.size()) + "), " +
          std::to_string(g.relCount()) + " relationships");
  printTypes(out, db, typeNames, width);
  if (!s.empty()) {
    out << "Any node or relationship may also have:\n";
    printWrapped(out, propertyList(Schema::commonProperties()), width);
    out << "(\"!\" marks a required property.)\n";
  }
}

}  // namespace silkgraph::shell
