// Encodes result rows for RECORD messages (see record_encoder.h; structure layouts from the
// Bolt documentation's "Structure semantics" page). Element ids are the decimal ids the
// graph uses, the same number as the legacy integer id.
#include "server/record_encoder.h"

#include <algorithm>

#include "server/bolt_message.h"
#include "server/bolt_temporal.h"
#include "server/packstream.h"

namespace silkgraph::server {
namespace {

class Encoder {
 public:
  Encoder(PackWriter& w, const Graph& g, int major) : w_(w), g_(g), v5_(major >= 5) {}

  void value(const Value& v) {
    switch (v.type()) {
      case Value::Type::Null:
        w_.null();
        break;
      case Value::Type::Bool:
        w_.boolean(v.asBool());
        break;
      case Value::Type::Int:
        w_.integer(v.asInt());
        break;
      case Value::Type::Float:
        w_.floating(v.asFloat());
        break;
      case Value::Type::String:
        w_.string(v.asString());
        break;
      case Value::Type::Date:
        w_.structHeader(1, kTagDate);
        w_.integer(v.asDate().days);
        break;
      case Value::Type::List:
        w_.listHeader(v.asList().size());
        for (const Value& item : v.asList()) value(item);
        break;
      case Value::Type::Map:
        w_.mapHeader(v.asMap().size());
        for (const auto& [key, item] : v.asMap()) {
          w_.string(key);
          value(item);
        }
        break;
      case Value::Type::Node:
        node(v.asNode());
        break;
      case Value::Type::Rel:
        rel(v.asRel(), true);
        break;
      case Value::Type::Path:
        path(v.asPath());
        break;
      case Value::Type::LocalTime:
      case Value::Type::Time:
      case Value::Type::LocalDateTime:
      case Value::Type::DateTime:
      case Value::Type::Duration:
        writeTemporal(w_, v, v5_);
        break;
    }
  }

 private:
  void node(NodeId n) {
    const bool live = g_.nodeExists(n);
    w_.structHeader(v5_ ? 4 : 3, kTagNode);
    w_.integer(n);
    std::vector<LabelId> labels;
    if (live) labels = g_.nodeLabels(n);
    w_.listHeader(labels.size());
    for (LabelId l : labels) w_.string(g_.labelName(l));
    std::vector<std::pair<KeyId, Value>> props;
    if (live) g_.forEachNodeProperty(n, [&](KeyId k, const Value& p) { props.emplace_back(k, p); });
    properties(props, true);
    if (v5_) w_.string(std::to_string(n));
  }

  void properties(const std::vector<std::pair<KeyId, Value>>& props, bool) {
    w_.mapHeader(props.size());
    for (const auto& [k, p] : props) {
      w_.string(g_.keyName(k));
      value(p);
    }
  }

  void rel(RelId r, bool bound) {
    const bool live = g_.relExists(r);
    std::vector<std::pair<KeyId, Value>> props;
    if (live) g_.forEachRelProperty(r, [&](KeyId k, const Value& p) { props.emplace_back(k, p); });
    const std::string type = live ? g_.typeName(g_.relType(r)) : std::string();
    if (!bound) {
      w_.structHeader(v5_ ? 4 : 3, kTagUnboundRelationship);
      w_.integer(r);
      w_.string(type);
      properties(props, false);
      if (v5_) w_.string(std::to_string(r));
      return;
    }
    const int64_t src = live ? g_.relSource(r) : -1;
    const int64_t dst = live ? g_.relTarget(r) : -1;
    w_.structHeader(v5_ ? 8 : 5, kTagRelationship);
    w_.integer(r);
    w_.integer(src);
    w_.integer(dst);
    w_.string(type);
    properties(props, false);
    if (v5_) {
      w_.string(std::to_string(r));
      w_.string(std::to_string(src));
      w_.string(std::to_string(dst));
    }
  }

  void path(const PathValue& p) {
    std::vector<NodeId> nodes;
    std::vector<RelId> rels;
    auto indexOf = [](auto& list, auto id) {
      auto it = std::find(list.begin(), list.end(), id);
      if (it != list.end()) return static_cast<int64_t>(it - list.begin());
      list.push_back(id);
      return static_cast<int64_t>(list.size() - 1);
    };
    std::vector<int64_t> indices;
    if (!p.nodes.empty()) indexOf(nodes, p.nodes[0]);
    for (size_t i = 0; i < p.rels.size() && i + 1 < p.nodes.size(); ++i) {
      const RelId r = p.rels[i];
      const int64_t ri = indexOf(rels, r) + 1;
      const bool forward = !g_.relExists(r) || g_.relSource(r) == p.nodes[i];
      indices.push_back(forward ? ri : -ri);
      indices.push_back(indexOf(nodes, p.nodes[i + 1]));
    }
    w_.structHeader(3, kTagPath);
    w_.listHeader(nodes.size());
    for (NodeId n : nodes) node(n);
    w_.listHeader(rels.size());
    for (RelId r : rels) rel(r, false);
    w_.listHeader(indices.size());
    for (int64_t i : indices) w_.integer(i);
  }

  PackWriter& w_;
  const Graph& g_;
  bool v5_;
};

}  // namespace

std::string encodeRecord(const std::vector<Value>& row, const Graph& graph, int major) {
  std::string out;
  PackWriter w(out);
  w.structHeader(1, static_cast<uint8_t>(BoltTag::Record));
  w.listHeader(row.size());
  Encoder e(w, graph, major);
  for (const Value& v : row) e.value(v);
  return out;
}

}  // namespace silkgraph::server
