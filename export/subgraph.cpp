// Collects the nodes and relationships to export (see subgraph.h).
#include "export/subgraph.h"

#include <algorithm>

namespace silkgraph {

namespace {

void sortUnique(std::vector<uint32_t>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

class Collector {
 public:
  Collector(const Graph& g, Subgraph& out) : graph_(g), out_(out) {}

  void visit(const Value& v) {
    switch (v.type()) {
      case Value::Type::Node:
        addNode(v.asNode());
        break;
      case Value::Type::Rel:
        addRel(v.asRel());
        break;
      case Value::Type::Path: {
        const PathValue& p = v.asPath();
        for (NodeId n : p.nodes) addNode(n);
        for (RelId r : p.rels) addRel(r);
        break;
      }
      case Value::Type::List:
        for (const Value& e : v.asList()) visit(e);
        break;
      case Value::Type::Map:
        for (const auto& entry : v.asMap()) visit(entry.second);
        break;
      default:
        break;
    }
  }

 private:
  void addNode(NodeId n) {
    if (graph_.nodeExists(n)) out_.nodes.push_back(n);
  }
  void addRel(RelId r) {
    if (!graph_.relExists(r)) return;
    out_.rels.push_back(r);
    addNode(graph_.relSource(r));
    addNode(graph_.relTarget(r));
  }

  const Graph& graph_;
  Subgraph& out_;
};

}  // namespace

Subgraph wholeGraph(const Graph& graph) {
  Subgraph s;
  s.nodes.reserve(graph.nodeCount());
  s.rels.reserve(graph.relCount());
  graph.forEachNode([&](NodeId n) {
    s.nodes.push_back(n);
    return true;
  });
  graph.forEachRel([&](RelId r) {
    s.rels.push_back(r);
    return true;
  });
  sortUnique(s.nodes);
  sortUnique(s.rels);
  return s;
}

Subgraph subgraphOf(const QueryResult& result, const Graph& graph) {
  Subgraph s;
  Collector collector(graph, s);
  for (const auto& row : result.rows) {
    for (const Value& cell : row) collector.visit(cell);
  }
  sortUnique(s.nodes);
  sortUnique(s.rels);
  return s;
}

}  // namespace silkgraph
