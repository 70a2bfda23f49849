// BulkLayout (see bulk_layout.h): one pass over the nodes, one over the relationships, then
// each group's columns typed from the values they hold.
#include "export/bulk_layout.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "export/subgraph.h"

namespace silkgraph {

namespace {

using T = Value::Type;

std::optional<ColumnKind> scalarKind(const Value& v) {
  switch (v.type()) {
    case T::Int:
      return ColumnKind::Int;
    case T::Float:
      return ColumnKind::Float;
    case T::Bool:
      return ColumnKind::Boolean;
    case T::String:
      return ColumnKind::String;
    case T::Date:
      return ColumnKind::Date;
    case T::LocalTime:
      return ColumnKind::LocalTime;
    case T::Time:
      return ColumnKind::Time;
    case T::LocalDateTime:
      return ColumnKind::LocalDateTime;
    case T::DateTime:
      return ColumnKind::DateTime;
    case T::Duration:
      return ColumnKind::Duration;
    default:
      return std::nullopt;
  }
}

// A value's column kind as a code: a scalar kind k is k, an array of kind k is 16 + k, an
// empty list kEmptyArray (it fits any array column), anything else kJson.
constexpr int kArray = 16, kEmptyArray = 32, kJson = 40;

int kindCode(const Value& v) {
  if (v.type() != T::List) {
    std::optional<ColumnKind> k = scalarKind(v);
    return k ? static_cast<int>(*k) : kJson;
  }
  std::optional<ColumnKind> kind;
  for (const Value& e : v.asList()) {
    std::optional<ColumnKind> k = scalarKind(e);
    if (!k) return kJson;
    if (!kind) {
      kind = k;
    } else if (*kind != *k) {
      // Neo4j arrays are homogeneous: ints among floats become floats, other mixes JSON.
      bool numbers = (*kind == ColumnKind::Int || *kind == ColumnKind::Float) &&
                     (*k == ColumnKind::Int || *k == ColumnKind::Float);
      if (!numbers) return kJson;
      kind = ColumnKind::Float;
    }
  }
  return kind ? kArray + static_cast<int>(*kind) : kEmptyArray;
}

// The codes a property takes within a group, as a bit set; an empty list adds nothing when
// some array kind is there.
int effectiveCount(uint64_t mask) {
  if (mask & ~(uint64_t{1} << kEmptyArray) & (((uint64_t{1} << 16) - 1) << kArray))
    mask &= ~(uint64_t{1} << kEmptyArray);
  return __builtin_popcountll(mask);
}

// The column of a property whose codes within one group are `mask` (one kind, plus perhaps
// empty lists; only empty lists: a string array).
ExportColumn columnOf(const Graph& graph, KeyId key, uint64_t mask, size_t count) {
  ExportColumn c;
  c.keyId = key;
  c.key = graph.keyName(key);
  c.count = count;
  const uint64_t empty = uint64_t{1} << kEmptyArray;
  if (mask == empty) mask = uint64_t{1} << (kArray + static_cast<int>(ColumnKind::String));
  const int code = __builtin_ctzll(mask & ~empty);
  if (code == kJson) {
    c.kind = ColumnKind::Json;
  } else if (code >= kArray) {
    c.array = true;
    c.kind = static_cast<ColumnKind>(code - kArray);
  } else {
    c.kind = static_cast<ColumnKind>(code);
  }
  return c;
}

// Entities to group: each with its group name (label or type + ends) and its properties.
// Properties whose values have different kinds within a name split it: the entities' codes
// for those properties are part of their group's key.
class Grouper {
 public:
  using Props = std::vector<std::pair<KeyId, int>>;  // (key, kind code), in key order

  void add(const std::string& name, Props props) {
    auto& masks = masks_[name];
    for (const auto& [k, code] : props) masks[k] |= uint64_t{1} << code;
    entities_.push_back({name, std::move(props)});
  }

  // Calls emit(groupIndex, isNew, name) per entity in the order added; returns per group
  // its columns.
  template <typename Emit>
  std::vector<std::vector<ExportColumn>> group(const Graph& graph, Emit&& emit,
                                               std::vector<std::string>& jsonColumns) {
    std::map<std::pair<std::string, Props>, size_t> index;
    std::vector<std::map<KeyId, std::pair<uint64_t, size_t>>> seen;
    std::vector<std::string> names;
    for (const auto& [name, props] : entities_) {
      const auto& masks = masks_[name];
      Props signature;
      for (const auto& [k, code] : props)
        if (effectiveCount(masks.at(k)) > 1) signature.emplace_back(k, code);
      auto [it, added] = index.emplace(std::make_pair(name, std::move(signature)), seen.size());
      if (added) {
        seen.emplace_back();
        names.push_back(name);
      }
      for (const auto& [k, code] : props) {
        auto& [mask, count] = seen[it->second][k];
        mask |= uint64_t{1} << code;
        ++count;
      }
      emit(it->second, added);
    }
    std::vector<std::vector<ExportColumn>> columns(seen.size());
    for (size_t g = 0; g < seen.size(); ++g) {
      for (const auto& [k, mc] : seen[g]) {
        columns[g].push_back(columnOf(graph, k, mc.first, mc.second));
        if (columns[g].back().kind == ColumnKind::Json)
          jsonColumns.push_back(names[g] + "." + columns[g].back().key);
      }
      std::sort(columns[g].begin(), columns[g].end(),
                [](const ExportColumn& a, const ExportColumn& b) { return a.key < b.key; });
    }
    return columns;
  }

 private:
  std::map<std::string, std::map<KeyId, uint64_t>> masks_;
  std::vector<std::pair<std::string, Props>> entities_;
};

}  // namespace

BulkLayout layoutForExport(const Graph& graph) {
  BulkLayout layout;
  const Subgraph all = wholeGraph(graph);
  const KeyId idKey = graph.keyId("id");
  layout.exportIds.resize(graph.nodeIdLimit());
  std::vector<std::string> spaceOf(graph.nodeIdLimit());
  Grouper nodes;
  for (NodeId n : all.nodes) {
    std::vector<LabelId> labels = graph.nodeLabels(n);
    spaceOf[n] = labels.empty() ? "" : graph.labelName(labels.front());
    std::string& id = layout.exportIds[n];
    Grouper::Props props;
    graph.forEachNodeProperty(n, [&](KeyId k, const Value& v) {
      if (k == idKey && v.type() == T::String)
        id = v.asString();
      else
        props.emplace_back(k, kindCode(v));
    });
    std::sort(props.begin(), props.end());
    if (id.empty()) {
      id = "_n" + std::to_string(n);
      ++layout.generatedIds;
    }
    nodes.add(spaceOf[n], std::move(props));
  }
  size_t at = 0;
  std::vector<std::vector<ExportColumn>> nodeColumns = nodes.group(
      graph,
      [&](size_t g, bool added) {
        const NodeId n = all.nodes[at++];
        if (added) layout.nodeGroups.push_back(NodeGroup{spaceOf[n], {}, {}});
        layout.nodeGroups[g].nodes.push_back(n);
      },
      layout.jsonColumns);
  for (size_t g = 0; g < nodeColumns.size(); ++g)
    layout.nodeGroups[g].columns = std::move(nodeColumns[g]);

  Grouper rels;
  for (RelId r : all.rels) {
    Grouper::Props props;
    graph.forEachRelProperty(r,
                             [&](KeyId k, const Value& v) { props.emplace_back(k, kindCode(v)); });
    std::sort(props.begin(), props.end());
    // The name keeps type and ends apart ('\x1f' occurs in none of them).
    rels.add(graph.typeName(graph.relType(r)) + '\x1f' + spaceOf[graph.relSource(r)] + '\x1f' +
                 spaceOf[graph.relTarget(r)],
             std::move(props));
  }
  at = 0;
  std::vector<std::vector<ExportColumn>> relColumns = rels.group(
      graph,
      [&](size_t g, bool added) {
        const RelId r = all.rels[at++];
        if (added)
          layout.relGroups.push_back(RelGroup{graph.typeName(graph.relType(r)),
                                              spaceOf[graph.relSource(r)],
                                              spaceOf[graph.relTarget(r)],
                                              {},
                                              {}});
        layout.relGroups[g].rels.push_back(r);
      },
      layout.jsonColumns);
  for (size_t g = 0; g < relColumns.size(); ++g)
    layout.relGroups[g].columns = std::move(relColumns[g]);
  for (std::string& name : layout.jsonColumns)
    for (char& c : name)
      if (c == '\x1f') c = '/';
  return layout;
}

std::string neo4jTypeName(const ExportColumn& c) {
  static const char* const names[] = {"int",      "float",     "boolean", "string",
                                      "date",     "localtime", "time",    "localdatetime",
                                      "datetime", "duration",  "string"};
  std::string s = names[static_cast<size_t>(c.kind)];
  if (c.array) s += "[]";
  return s;
}

std::string fileSafe(const std::string& name) {
  std::string out;
  for (unsigned char ch : name)
    out.push_back(std::isalnum(ch) || ch == '_' || ch == '-' ? static_cast<char>(ch) : '_');
  return out.empty() ? "_" : out;
}

}  // namespace silkgraph
