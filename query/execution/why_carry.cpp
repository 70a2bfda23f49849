// --why inside a match: stateless helpers (query/execution/why_carry.h).
#include "query/execution/why_carry.h"

#include <algorithm>
#include <utility>

#include "engine/graph_view.h"

namespace silkgraph {

// Whether relationship `rel` is in the adjacency rows step t walks from node `from`.
bool mayMeet(const Graph& g, const MatchStep& t, const Value& rel, const Value& from) {
  if (rel.type() != Value::Type::Rel || from.type() != Value::Type::Node ||
      !g.relExists(rel.asRel()))
    return false;
  const RelId r = rel.asRel();
  const NodeId n = from.asNode();
  const GraphView v = g.view();  // the inline arrays: called for every dropped row
  const TypeId type = v.relTypes()[r];
  const bool typed =
      t.types.empty() || std::any_of(t.types.begin(), t.types.end(), [&](const NameRef& x) {
        return x.cached != UINT32_MAX && x.cached == type;
      });
  return typed && ((t.dir != Direction::In && v.relSources()[r] == n) ||
                   (t.dir != Direction::Out && v.relTargets()[r] == n));
}

// The entities the adjacency rows of s at n bring (WhyTable::summary), in the order of the
// --why entity slots.
Value summaryEntities(const WhyTable& t, const Graph& g, const MatchStep& s, NodeId n,
                      const TypeId* types, size_t count) {
  const LabelId label = s.labels.empty() ? kNoLabel : static_cast<LabelId>(s.labels[0].cached);
  if (count == 1) return t.summary(g, n, types[0], s.dir, label, s.whyRelFirst);
  ValueList out;  // the blocks of each type, each taken whole
  for (size_t k = 0; k < count; ++k)
    out.push_back(t.summary(g, n, types[k], s.dir, label, s.whyRelFirst));
  return Value(std::move(out));
}

}  // namespace silkgraph
