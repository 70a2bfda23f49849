// The schema panel and the SVG drawing of the web page (see web_api.h).
#include "server/web_api.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "main/export.h"
#include "main/value_json.h"

namespace silkgraph::server {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json propertiesJson(const std::vector<PropertyDef>& props) {
  ordered_json out = ordered_json::array();
  for (const PropertyDef& p : props)
    out.push_back(
        ordered_json{{"name", p.name}, {"type", propTypeName(p.type)}, {"required", p.required}});
  return out;
}

// Declared names, then those only the data has, without duplicates, sorted.
template <typename Defs, typename Name>
std::vector<std::string> namesOf(const Defs& defs, size_t count, Name name) {
  std::set<std::string> names;
  for (const auto& d : defs) names.insert(d.name);
  for (size_t i = 0; i < count; ++i) names.insert(name(i));
  return {names.begin(), names.end()};
}

std::vector<uint32_t> idList(const json& request, const char* key, size_t max) {
  std::vector<uint32_t> ids;
  auto it = request.find(key);
  if (it == request.end() || it->is_null()) return ids;
  if (!it->is_array())
    throw Error(ErrorKind::ArgumentError, std::string("\"") + key + "\": expected a list of ids");
  if (it->size() > max)
    throw Error(ErrorKind::ArgumentError, std::to_string(it->size()) + " " + key +
                                              " are too many to draw (at most " +
                                              std::to_string(max) + ")");
  for (const json& id : *it) {
    // Ids come as numbers (meta) or as strings (the graph format).
    int64_t v = -1;
    if (id.is_number_integer()) {
      v = id.get<int64_t>();
    } else if (id.is_string()) {
      try {
        size_t used = 0;
        v = std::stoll(id.get<std::string>(), &used);
        if (used != id.get<std::string>().size()) v = -1;
      } catch (const std::exception&) {
        v = -1;
      }
    }
    if (v < 0 || v >= static_cast<int64_t>(kInvalidId))
      throw Error(ErrorKind::ArgumentError, std::string("\"") + key + "\": " + id.dump() +
                                                " is not an id (a number, or its decimal text)");
    ids.push_back(static_cast<uint32_t>(v));
  }
  return ids;
}

std::string renderSvg(const std::string& dotText, double seconds) {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string path = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/silkgraph-XXXXXX.svg";
  const int fd = ::mkstemps(path.data(), 4);
  if (fd < 0) throw Error(ErrorKind::IOError, "cannot make a temporary file in " + path);
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { ::unlink(path.c_str()); }
  } remove{path};
  renderDot(dotText, path, "svg", "", seconds);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

ordered_json schemaJson(const Database& db) {
  db.settle();  // a Bolt cursor's statement may still be reading the graph on its thread
  const Graph& g = db.graph();
  const Schema& s = db.schema();
  ordered_json labels = ordered_json::array();
  for (const std::string& name : namesOf(s.labels(), g.labelCount(), [&](size_t i) {
         return g.labelName(static_cast<LabelId>(i));
       })) {
    const LabelId id = g.labelId(name);
    const LabelDef* def = s.findLabel(name);
    labels.push_back(ordered_json{
        {"name", name},
        {"count", id == kNoLabel ? 0 : g.labelCardinality(id)},
        {"key", def ? def->key : std::string()},
        {"properties", def ? propertiesJson(def->properties) : ordered_json::array()}});
  }
  ordered_json types = ordered_json::array();
  for (const std::string& name : namesOf(s.relTypes(), g.typeCount(), [&](size_t i) {
         return g.typeName(static_cast<TypeId>(i));
       })) {
    const TypeId id = g.typeId(name);
    const RelTypeDef* def = s.findRelType(name);
    types.push_back(ordered_json{
        {"name", name},
        {"count", id == kNoType ? 0 : g.typeCardinality(id)},
        {"from", def ? def->from : std::vector<std::string>()},
        {"to", def ? def->to : std::vector<std::string>()},
        {"properties", def ? propertiesJson(def->properties) : ordered_json::array()}});
  }
  return ordered_json{{"nodes", g.nodeCount()},
                      {"relationships", g.relCount()},
                      {"labels", std::move(labels)},
                      {"types", std::move(types)}};
}

ordered_json drawSvg(const Database& db, const json& request, const DrawLimits& limits) {
  if (!request.is_object())
    throw Error(ErrorKind::ArgumentError,
                "the request must be a JSON object {\"nodes\": [...], \"relationships\": [...]}");
  db.settle();  // as in schemaJson
  const Graph& g = db.graph();
  Subgraph sub;
  for (uint32_t n : idList(request, "nodes", limits.maxNodes))
    if (g.nodeExists(n)) sub.nodes.push_back(n);
  for (uint32_t r : idList(request, "relationships", limits.maxRelationships)) {
    if (!g.relExists(r)) continue;
    sub.rels.push_back(r);
    sub.nodes.push_back(g.relSource(r));
    sub.nodes.push_back(g.relTarget(r));
  }
  for (auto* ids : {&sub.nodes, &sub.rels}) {
    std::sort(ids->begin(), ids->end());
    ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  }
  if (sub.nodes.size() > limits.maxNodes)
    throw Error(ErrorKind::ArgumentError, std::to_string(sub.nodes.size()) +
                                              " nodes are too many to draw (at most " +
                                              std::to_string(limits.maxNodes) + ")");
  ordered_json nodes = ordered_json::object();
  for (NodeId n : sub.nodes) nodes[std::to_string(n)] = valueToJson(Value(NodeRef{n}), g);
  std::string svg;
  if (!sub.nodes.empty()) {
    std::ostringstream dot;
    DotOptions options;
    writeDot(g, sub, dot, options);
    svg = renderSvg(dot.str(), limits.dotSeconds);
  }
  return ordered_json{{"svg", svg}, {"nodes", std::move(nodes)}};
}

}  // namespace silkgraph::server
