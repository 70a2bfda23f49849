// Result rows for the HTTP API (see http_result.h).
#include "server/http_result.h"

#include <set>

#include "main/value_json.h"

namespace silkgraph::server {
namespace {

using nlohmann::ordered_json;

ordered_json entityMeta(uint32_t id, bool node, bool live) {
  return ordered_json{{"id", id},
                      {"elementId", std::to_string(id)},
                      {"type", node ? "node" : "relationship"},
                      {"deleted", !live}};
}

// One cell: its "row" value and its "meta" value.
class CellWriter {
 public:
  explicit CellWriter(const Graph& g) : g_(g) {}

  ordered_json row(const Value& v) {
    switch (v.type()) {
      case Value::Type::Node:
        return properties(true, v.asNode());
      case Value::Type::Rel:
        return properties(false, v.asRel());
      case Value::Type::Path: {
        ordered_json out = ordered_json::array();
        const PathValue& p = v.asPath();
        for (size_t i = 0; i < p.nodes.size(); ++i) {
          out.push_back(properties(true, p.nodes[i]));
          if (i < p.rels.size()) out.push_back(properties(false, p.rels[i]));
        }
        return out;
      }
      case Value::Type::List: {
        ordered_json out = ordered_json::array();
        for (const Value& e : v.asList()) out.push_back(row(e));
        return out;
      }
      case Value::Type::Map: {
        ordered_json out = ordered_json::object();
        for (const auto& [k, e] : v.asMap()) out[k] = row(e);
        return out;
      }
      default:
        return valueToJson(v, g_);
    }
  }

  ordered_json meta(const Value& v) {
    switch (v.type()) {
      case Value::Type::Node:
        return entityMeta(v.asNode(), true, g_.nodeExists(v.asNode()));
      case Value::Type::Rel:
        return entityMeta(v.asRel(), false, g_.relExists(v.asRel()));
      case Value::Type::Path: {
        ordered_json out = ordered_json::array();
        const PathValue& p = v.asPath();
        for (size_t i = 0; i < p.nodes.size(); ++i) {
          out.push_back(meta(Value(NodeRef{p.nodes[i]})));
          if (i < p.rels.size()) out.push_back(meta(Value(RelRef{p.rels[i]})));
        }
        return out;
      }
      case Value::Type::List: {
        ordered_json out = ordered_json::array();
        for (const Value& e : v.asList()) out.push_back(meta(e));
        return out;
      }
      case Value::Type::Date:
        return ordered_json{{"type", "date"}};
      case Value::Type::LocalTime:
        return ordered_json{{"type", "localtime"}};
      case Value::Type::Time:
        return ordered_json{{"type", "time"}};
      case Value::Type::LocalDateTime:
        return ordered_json{{"type", "localdatetime"}};
      case Value::Type::DateTime:
        return ordered_json{{"type", "datetime"}};
      case Value::Type::Duration:
        return ordered_json{{"type", "duration"}};
      default:
        return nullptr;
    }
  }

  // The nodes and relationships a cell refers to, at any depth, into `nodes` and `rels`.
  void collect(const Value& v, std::set<NodeId>& nodes, std::set<RelId>& rels) const {
    switch (v.type()) {
      case Value::Type::Node:
        nodes.insert(v.asNode());
        break;
      case Value::Type::Rel:
        rels.insert(v.asRel());
        break;
      case Value::Type::Path:
        nodes.insert(v.asPath().nodes.begin(), v.asPath().nodes.end());
        rels.insert(v.asPath().rels.begin(), v.asPath().rels.end());
        break;
      case Value::Type::List:
        for (const Value& e : v.asList()) collect(e, nodes, rels);
        break;
      case Value::Type::Map:
        for (const auto& [k, e] : v.asMap()) collect(e, nodes, rels);
        break;
      default:
        break;
    }
  }

  ordered_json graph(const std::vector<Value>& row) const {
    std::set<NodeId> nodes;
    std::set<RelId> rels;
    for (const Value& v : row) collect(v, nodes, rels);
    ordered_json out{{"nodes", ordered_json::array()}, {"relationships", ordered_json::array()}};
    for (RelId r : rels) {
      if (!g_.relExists(r)) continue;
      nodes.insert(g_.relSource(r));
      nodes.insert(g_.relTarget(r));
      out["relationships"].push_back(ordered_json{{"id", std::to_string(r)},
                                                  {"elementId", std::to_string(r)},
                                                  {"type", g_.typeName(g_.relType(r))},
                                                  {"startNode", std::to_string(g_.relSource(r))},
                                                  {"endNode", std::to_string(g_.relTarget(r))},
                                                  {"properties", propertiesToJson(g_, false, r)}});
    }
    for (NodeId n : nodes) {
      if (!g_.nodeExists(n)) continue;
      std::vector<std::string> labels;
      for (LabelId l : g_.nodeLabels(n)) labels.push_back(g_.labelName(l));
      out["nodes"].push_back(ordered_json{{"id", std::to_string(n)},
                                          {"elementId", std::to_string(n)},
                                          {"labels", labels},
                                          {"properties", propertiesToJson(g_, true, n)}});
    }
    return out;
  }

 private:
  ordered_json properties(bool node, uint32_t id) const {
    const bool live = node ? g_.nodeExists(id) : g_.relExists(id);
    return live ? propertiesToJson(g_, node, id) : ordered_json::object();
  }

  const Graph& g_;
};

ordered_json statsJson(const QueryStats& s) {
  return ordered_json{
      {"contains_updates", s.containsUpdates()}, {"nodes_created", s.nodesCreated},
      {"nodes_deleted", s.nodesDeleted},         {"relationships_created", s.relsCreated},
      {"relationship_deleted", s.relsDeleted},   {"properties_set", s.propertiesSet},
      {"labels_added", s.labelsAdded},           {"labels_removed", s.labelsRemoved}};
}

}  // namespace

nlohmann::ordered_json httpResultJson(const QueryResult& result, const Graph& graph,
                                      const ResultContents& contents) {
  CellWriter w(graph);
  ordered_json data = ordered_json::array();
  for (const auto& row : result.rows) {
    ordered_json item = ordered_json::object();
    if (contents.row) {
      ordered_json cells = ordered_json::array();
      ordered_json metas = ordered_json::array();
      for (const Value& v : row) {
        cells.push_back(w.row(v));
        metas.push_back(w.meta(v));
      }
      item["row"] = std::move(cells);
      item["meta"] = std::move(metas);
    }
    if (contents.graph) item["graph"] = w.graph(row);
    data.push_back(std::move(item));
  }
  ordered_json columns = ordered_json::array();
  for (const SharedString& c : result.columns) columns.push_back(c.str());
  ordered_json out{{"columns", std::move(columns)}, {"data", std::move(data)}};
  if (result.stats.containsUpdates()) out["stats"] = statsJson(result.stats);
  if (result.explain || !result.plan.empty()) out["plan"] = result.plan;
  return out;
}

}  // namespace silkgraph::server
