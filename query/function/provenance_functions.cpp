// sources(x): the citations of a node, a relationship, a path, or a list of them (the
// relationships of a variable-length pattern), from their `sources` properties
// (query/function/citations.h), in order of first appearance, each once.
#include <string_view>
#include <unordered_set>

#include "engine/error.h"
#include "query/function/citations.h"
#include "query/function/scalar_functions.h"

namespace silkgraph::functions {

using T = Value::Type;

namespace {

void collect(const Value& v, const Graph& g, KeyId key, std::vector<std::string>& out) {
  switch (v.type()) {
    case T::Null:
      return;
    case T::Node:
      if (!g.nodeExists(v.asNode()))
        throwRuntime(ErrorKind::EntityNotFound, "the node was deleted", "DeletedEntityAccess");
      appendCitations(g, key, v, out);
      return;
    case T::Rel:
      if (!g.relExists(v.asRel()))
        throwRuntime(ErrorKind::EntityNotFound, "the relationship was deleted",
                     "DeletedEntityAccess");
      appendCitations(g, key, v, out);
      return;
    case T::Path: {
      const PathValue& p = v.asPath();
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        collect(Value(NodeRef{p.nodes[i]}), g, key, out);
        if (i < p.rels.size()) collect(Value(RelRef{p.rels[i]}), g, key, out);
      }
      return;
    }
    case T::List:
      for (const Value& e : v.asList()) {
        if (e.type() == T::List) argType("sources", e);
        collect(e, g, key, out);
      }
      return;
    default:
      argType("sources", v);
  }
}

}  // namespace

Value fnSources(Args a, const Graph& g) {
  if (a[0].isNull()) return Value();
  std::vector<std::string> all;
  collect(a[0], g, sourcesKey(g), all);
  ValueList out;
  std::unordered_set<std::string_view> seen;
  for (const std::string& c : all) {
    if (seen.insert(c).second) out.emplace_back(c);
  }
  return Value(std::move(out));
}

}  // namespace silkgraph::functions
