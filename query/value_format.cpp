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

// The TCK notation: strings in single quotes, graph entities with their labels, type and
// properties. The TCK writes temporal values as quoted ISO-8601 strings; tables shown to people
// print them bare (2024-11-04) so that a date never looks like a string.
class TckNotation final : public ValueNotation {
 public:
  TckNotation(const Graph& g, bool bareDates) : g_(g), bareDates_(bareDates) {}
  void string(std::string& out, const std::string& s) const override { appendQuoted(out, s); }
  void date(std::string& out, Date d) const override {
    if (bareDates_)
      out += formatDate(d);
    else
      appendQuoted(out, formatDate(d));
  }
  // Times, datetimes and durations like dates: bare in tables, quoted in the TCK notation.
  void temporal(std::string& out, const Value& v) const override {
    if (bareDates_)
      out += temporalText(v);
    else
      appendQuoted(out, temporalText(v));
  }
  void mapKey(std::string& out, const std::string& key) const override { out += key; }
  void entity(std::string& out, const Value& v) const override {
    if (v.type() == Value::Type::Node)
      appendNode(out, v.asNode());
    else if (v.type() == Value::Type::Rel)
      appendRelBody(out, v.asRel());
    else
      appendPath(out, v.asPath());
  }

 private:
  // Properties are collected first because the graph visits them in key-id order, and the
  // notation needs them in name order.
  void appendProps(std::string& out, std::vector<std::pair<std::string, Value>> props) const {
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
      appendValueText(out, value, *this);
    }
    out += '}';
  }

  void appendNode(std::string& out, NodeId n) const {
    if (!g_.nodeExists(n)) {
      // A node deleted earlier in the same query has no content left to show.
      out += "(<deleted node>)";
      return;
    }
    std::vector<std::string> labels;
    for (LabelId l : g_.nodeLabels(n)) labels.push_back(g_.labelName(l));
    std::sort(labels.begin(), labels.end());
    std::vector<std::pair<std::string, Value>> props;
    g_.forEachNodeProperty(n, [&](KeyId k, const Value& v) {
      if (!v.isNull()) props.emplace_back(g_.keyName(k), v);
    });
    out += '(';
    for (const auto& l : labels) {
      out += ':';
      out += l;
    }
    std::string propText;
    appendProps(propText, std::move(props));
    // "( {k: 1})" would be odd: with no labels the map follows the parenthesis directly.
    if (labels.empty() && !propText.empty()) propText.erase(0, 1);
    out += propText;
    out += ')';
  }

  void appendRelBody(std::string& out, RelId r) const {
    if (!g_.relExists(r)) {
      out += "[<deleted relationship>]";
      return;
    }
    std::vector<std::pair<std::string, Value>> props;
    g_.forEachRelProperty(r, [&](KeyId k, const Value& v) {
      if (!v.isNull()) props.emplace_back(g_.keyName(k), v);
    });
    out += "[:";
    out += g_.typeName(g_.relType(r));
    appendProps(out, std::move(props));
    out += ']';
  }

  void appendPath(std::string& out, const PathValue& p) const {
    out += '<';
    for (size_t i = 0; i < p.nodes.size(); ++i) {
      appendNode(out, p.nodes[i]);
      if (i >= p.rels.size()) break;
      RelId r = p.rels[i];
      // Each relationship shows its own direction relative to the traversal order.
      bool forward = !g_.relExists(r) || g_.relSource(r) == p.nodes[i];
      out += forward ? "-" : "<-";
      appendRelBody(out, r);
      out += forward ? "->" : "-";
    }
    out += '>';
  }

  const Graph& g_;
  bool bareDates_;
};

}  // namespace

std::string toCypherText(const Value& v, const Graph& g) {
  std::string out;
  appendValueText(out, v, TckNotation(g, false));
  return out;
}

std::string toDisplayText(const Value& v, const Graph& g) {
  if (v.type() == Value::Type::String) return v.asString();
  std::string out;
  appendValueText(out, v, TckNotation(g, true));
  return out;
}

}  // namespace silkgraph
