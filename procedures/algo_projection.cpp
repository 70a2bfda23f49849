// Implements algo::Config (procedures/algo_projection.h): reads the config map of an algo.*
// procedure into a Projection, refusing what it does not know.
#include "procedures/algo_projection.h"

#include <algorithm>

#include "common/text.h"

namespace silkgraph::algo {
namespace {

constexpr std::string_view kProjectionKeys[] = {"relationshipTypes", "nodeLabels", "direction",
                                                "weightProperty"};

}  // namespace

Config::Config(const Graph& graph, const Value& config, std::string_view procedure,
               std::initializer_list<std::string_view> extraKeys, Direction defaultDirection,
               const ValidView* view)
    : procedure_(procedure) {
  if (!config.isNull()) {
    if (config.type() != Value::Type::Map) fail("the config must be a map");
    map_ = config.asMap();
  }
  std::vector<std::string_view> known(std::begin(kProjectionKeys), std::end(kProjectionKeys));
  known.insert(known.end(), extraKeys.begin(), extraKeys.end());
  for (const auto& [key, v] : map_) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string hint = text::closest(key, known);
    std::string all;
    for (std::string_view k : known) all += (all.empty() ? "" : ", ") + std::string(k);
    fail("unknown config key '" + key + "'" +
         (hint.empty() ? "" : " (did you mean " + hint + "?)") + "; it takes " + all);
  }
  Projection& p = projection_;
  p.graph = &graph;
  p.direction = defaultDirection;
  auto names = [&](std::string_view key) {
    std::vector<std::string> out;
    const Value* v = find(key);
    if (!v || v->isNull()) return out;
    if (v->type() == Value::Type::String) return std::vector<std::string>{v->asString()};
    if (v->type() != Value::Type::List) fail("'" + std::string(key) + "' must be a list of names");
    for (const Value& x : v->asList()) {
      if (x.type() != Value::Type::String)
        fail("'" + std::string(key) + "' must be a list of names");
      out.push_back(x.asString());
    }
    return out;
  };
  std::vector<std::string> types = names("relationshipTypes");
  if (types.empty()) {
    for (size_t t = 0; t < graph.typeCount(); ++t) p.types.push_back(static_cast<TypeId>(t));
  }
  for (const std::string& t : types) {
    TypeId id = graph.typeId(t);
    if (id == kNoType) fail("there is no relationship type '" + t + "' in the graph");
    p.types.push_back(id);
  }
  std::vector<LabelId> labels;
  for (const std::string& l : names("nodeLabels")) {
    LabelId id = graph.labelId(l);
    if (id == kNoLabel) fail("there is no node label '" + l + "' in the graph");
    labels.push_back(id);
  }
  p.view = view;
  p.filtered = !labels.empty() || view;
  p.member.assign(graph.nodeIdLimit(), 0);
  for (NodeId n = 0; n < graph.nodeIdLimit(); ++n) {
    if (!graph.nodeExists(n)) continue;
    bool in = (labels.empty() || std::any_of(labels.begin(), labels.end(),
                                             [&](LabelId l) { return graph.hasLabel(n, l); })) &&
              (!view || view->node(n));
    p.member[n] = in;
    p.nodeCount += in;
  }
  if (const Value* d = find("direction"); d && !d->isNull()) {
    std::string dir = d->type() == Value::Type::String ? text::asciiLower(d->asString()) : "";
    if (dir == "outgoing" || dir == "out" || dir == "natural") {
      p.direction = Direction::Out;
    } else if (dir == "incoming" || dir == "in" || dir == "reverse") {
      p.direction = Direction::In;
    } else if (dir == "both" || dir == "undirected") {
      p.direction = Direction::Both;
    } else {
      fail("'direction' must be 'OUTGOING', 'INCOMING' or 'BOTH'");
    }
  }
  p.weightKey = propertyKey("weightProperty");
}

KeyId Config::propertyKey(std::string_view key) const {
  const Value* w = find(key);
  if (!w || w->isNull()) return kNoKey;
  if (w->type() != Value::Type::String) fail("'" + std::string(key) + "' must be a property name");
  KeyId id = projection_.graph->keyId(w->asString());
  if (id == kNoKey) fail("there is no property '" + w->asString() + "' in the graph");
  return id;
}

const Value* Config::find(std::string_view key) const {
  for (const auto& [k, v] : map_)
    if (k == key) return &v;
  return nullptr;
}

double Config::number(std::string_view key, double fallback) const {
  const Value* v = find(key);
  if (!v || v->isNull()) return fallback;
  if (!v->isNumber()) fail("'" + std::string(key) + "' must be a number");
  return v->asNumber();
}

bool Config::boolean(std::string_view key, bool fallback) const {
  const Value* v = find(key);
  if (!v || v->isNull()) return fallback;
  if (v->type() != Value::Type::Bool) fail("'" + std::string(key) + "' must be true or false");
  return v->asBool();
}

NodeId nodeArgument(const Value& v, const Projection& p, std::string_view procedure,
                    std::string_view what) {
  auto fail = [&](std::string_view problem) {
    throw Error(ErrorKind::ArgumentError,
                std::string(procedure) + ": the " + std::string(what) + std::string(problem), {},
                "InvalidArgumentValue", ErrorPhase::Runtime);
  };
  if (v.isNull() || v.type() != Value::Type::Node) fail(" must be a node");
  NodeId n = v.asNode();
  if (n >= p.member.size() || !p.contains(n)) fail(" is not in the projection (see nodeLabels)");
  return n;
}

void Config::fail(const std::string& message) const {
  throw Error(ErrorKind::ArgumentError, procedure_ + ": " + message, {}, "InvalidArgumentValue",
              ErrorPhase::Runtime);
}

}  // namespace silkgraph::algo
