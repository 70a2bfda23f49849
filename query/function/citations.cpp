// Implements query/function/citations.h.
#include "query/function/citations.h"

namespace silkgraph {

using T = Value::Type;

KeyId sourcesKey(const Graph& graph) {
  return graph.keyId("sources");
}

void appendCitations(const Graph& graph, KeyId key, const Value& entity,
                     std::vector<std::string>& out) {
  if (key == kNoKey) return;
  Value v;
  if (entity.type() == T::Node && graph.nodeExists(entity.asNode())) {
    v = graph.nodeProperty(entity.asNode(), key);
  } else if (entity.type() == T::Rel && graph.relExists(entity.asRel())) {
    v = graph.relProperty(entity.asRel(), key);
  } else {
    return;
  }
  if (v.type() == T::String) {
    if (!v.asString().empty()) out.push_back(v.asString());
  } else if (v.type() == T::List) {
    for (const Value& e : v.asList()) {
      if (e.type() == T::String && !e.asString().empty()) out.push_back(e.asString());
    }
  }
}

}  // namespace silkgraph
