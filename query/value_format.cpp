// Graph-aware printing of values in the openCypher TCK notation (see value_format.h). The
// TCK runner, the .test runner and the shell all compare or show values through this one
// printer, so its output must be deterministic: labels and keys are sorted by name.
#include "query/value_format.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace silkgraph {

namespace {

void appendQuoted(std::string& out, const std::string& s) {
  out += '\'';
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  out += '\'';
}

void appendValue(std::string& out, const Value& v, const Graph& g);

// Properties are collected first because the graph visits them in key-id order, and the
// notation needs them in name order.
void appendProps(std::string& out, std::vector<std::pair<std::string, Value>> props,
                 const Graph& g) {
  if (props.empty()) return;
  std::sort(props.begin(), props.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out += " {";
  bool first = true;
  for (const auto& [key, value] : props) {
    if (!first) out += ", ";
    first = false;
    out += key;
    out += ": ";
    appendValue(out, value, g);
  }
  out += '}';
}

void appendNode(std::string& out, NodeId n, const Graph& g) {
  if (!g.nodeExists(n)) {
    // A node deleted earlier in the same query has no content left to show.
    out += "(<deleted node>)";
    return;
  }
  std::vector<std::string> labels;
  for (LabelId l : g.nodeLabels(n)) labels.push_back(g.labelName(l));
  std::sort(labels.begin(), labels.end());
  std::vector<std::pair<std::string, Value>> props;
  g.forEachNodeProperty(n, [&](KeyId k, const Value& v) {
    if (!v.isNull()) props.emplace_back(g.keyName(k), v);
  });
  out += '(';
  for (const auto& l : labels) {
    out += ':';
    out += l;
  }
  std::string propText;
  appendProps(propText, std::move(props), g);
  // "( {k: 1})" would be odd: with no labels the map follows the parenthesis directly.
  if (labels.empty() && !propText.empty()) propText.erase(0, 1);
  out += propText;
  out += ')';
}

void appendRelBody(std::string& out, RelId r, const Graph& g) {
  if (!g.relExists(r)) {
    out += "[<deleted relationship>]";
    return;
  }
  std::vector<std::pair<std::string, Value>> props;
  g.forEachRelProperty(r, [&](KeyId k, const Value& v) {
    if (!v.isNull()) props.emplace_back(g.keyName(k), v);
  });
  out += "[:";
  out += g.typeName(g.relType(r));
  appendProps(out, std::move(props), g);
  out += ']';
}

void appendPath(std::string& out, const PathValue& p, const Graph& g) {
  out += '<';
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    appendNode(out, p.nodes[i], g);
    if (i >= p.rels.size()) break;
    RelId r = p.rels[i];
    // Each relationship shows its own direction relative to the traversal order.
    bool forward = !g.relExists(r) || g.relSource(r) == p.nodes[i];
    out += forward ? "-" : "<-";
    appendRelBody(out, r, g);
    out += forward ? "->" : "-";
  }
  out += '>';
}

// The TCK notation: strings in single quotes, temporal values as quoted ISO-8601 strings,
// graph entities with their labels, type and properties.
class TckNotation final : public ValueNotation {
 public:
  explicit TckNotation(const Graph& g) : g_(g) {}
  void string(std::string& out, const std::string& s) const override { appendQuoted(out, s); }
  void date(std::string& out, Date d) const override { appendQuoted(out, formatDate(d)); }
  void mapKey(std::string& out, const std::string& key) const override { out += key; }
  void entity(std::string& out, const Value& v) const override {
    if (v.type() == Value::Type::Node)
      appendNode(out, v.asNode(), g_);
    else if (v.type() == Value::Type::Rel)
      appendRelBody(out, v.asRel(), g_);
    else
      appendPath(out, v.asPath(), g_);
  }

 private:
  const Graph& g_;
};

void appendValue(std::string& out, const Value& v, const Graph& g) {
  appendValueText(out, v, TckNotation(g));
}

}  // namespace

std::string toCypherText(const Value& v, const Graph& g) {
  std::string out;
  appendValue(out, v, g);
  return out;
}

std::string toDisplayText(const Value& v, const Graph& g) {
  if (v.type() == Value::Type::String) return v.asString();
  if (v.type() == Value::Type::Date) return formatDate(v.asDate());
  return toCypherText(v, g);
}

}  // namespace silkgraph
