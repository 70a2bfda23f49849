// Implements query/execution/entity_list.h.
#include "query/execution/entity_list.h"

namespace silkgraph {

using T = Value::Type;

void addEntities(const Value& v, std::vector<Value>& out, EntitySeen& seen) {
  switch (v.type()) {
    case T::Node:
    case T::Rel:
      if (seen.insert(v)) out.push_back(v);
      return;
    case T::Path: {
      const PathValue& p = v.asPath();
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        addEntities(Value(NodeRef{p.nodes[i]}), out, seen);
        if (i < p.rels.size()) addEntities(Value(RelRef{p.rels[i]}), out, seen);
      }
      return;
    }
    case T::List: {
      uint32_t block;
      if (whyBlockNumber(v, block)) {
        if (seen.insertList(v)) out.push_back(v);
        return;
      }
      for (const Value& e : v.asList()) addEntities(e, out, seen);
      return;
    }
    default:
      return;
  }
}

}  // namespace silkgraph
