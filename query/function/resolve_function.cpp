// resolve(text[, label]): the node one of whose names (id, name, aliases) is `text`, compared
// after NFKC and case folding, through the graph's alias index (engine/alias_index.h): one
// hash lookup. Null when no node has that name; an error listing the candidates when several
// have it, and one suggesting the closest name when the text looks like a typo of one.
#include <algorithm>

#include "common/text.h"
#include "engine/alias_index.h"
#include "engine/error.h"
#include "query/function/scalar_functions.h"

namespace silkgraph::functions {

namespace {

// "KOR (Nation: 'South Korea')": how an error names a candidate.
std::string describe(const Graph& g, NodeId n) {
  std::string out;
  KeyId id = g.keyId("id"), name = g.keyId("name");
  Value idv = id == kNoKey ? Value() : g.nodeProperty(n, id);
  out = idv.type() == Value::Type::String ? idv.asString() : "node " + std::to_string(n);
  std::string labels;
  for (LabelId l : g.nodeLabels(n)) labels += (labels.empty() ? "" : ":") + g.labelName(l);
  Value nv = name == kNoKey ? Value() : g.nodeProperty(n, name);
  if (!labels.empty() || nv.type() == Value::Type::String) {
    out += " (" + labels;
    if (nv.type() == Value::Type::String)
      out += (labels.empty() ? "'" : " '") + nv.asString() + "'";
    out += ")";
  }
  return out;
}

LabelId labelArg(const Graph& g, const Value& v) {
  const std::string& name = strArg("resolve", v);
  LabelId l = g.labelId(name);
  if (l != kNoLabel) return l;
  std::vector<std::string_view> labels;
  for (size_t i = 0; i < g.labelCount(); ++i)
    labels.push_back(g.labelName(static_cast<LabelId>(i)));
  std::string hint = text::closest(name, labels);
  throwRuntime(ErrorKind::ArgumentError,
               "resolve(): there is no label '" + name + "' in the graph" +
                   (hint.empty() ? "" : " (did you mean " + hint + "?)"),
               "InvalidArgumentValue");
}

}  // namespace

Value fnResolve(Args a, const Graph& g) {
  if (a[0].isNull()) return Value();
  const std::string& text = strArg("resolve", a[0]);
  const LabelId label = a.size() > 1 && !a[1].isNull() ? labelArg(g, a[1]) : kNoLabel;
  std::shared_ptr<const AliasIndex> index = AliasIndex::of(g);
  std::vector<NodeId> found = index->find(text);
  if (label != kNoLabel) std::erase_if(found, [&](NodeId n) { return !g.hasLabel(n, label); });
  if (found.size() == 1) return Value(NodeRef{found[0]});
  if (found.empty()) {
    std::string hint = index->closest(text);
    if (hint.empty() || text::caseFold(hint) == text::caseFold(text)) return Value();
    throwRuntime(ErrorKind::ArgumentError,
                 "no node is called '" + text + "' (did you mean " + hint + "?)",
                 "InvalidArgumentValue");
  }
  std::string list;
  for (NodeId n : found) list += (list.empty() ? "" : ", ") + describe(g, n);
  throwRuntime(ErrorKind::ArgumentError,
               "'" + text + "' names " + std::to_string(found.size()) + " nodes: " + list +
                   (label == kNoLabel ? "; give a label, as in resolve('" + text +
                                            "', 'Nation'), or a more precise name"
                                      : "; give a more precise name"),
               "InvalidArgumentValue");
}

}  // namespace silkgraph::functions
