// GraphML exporter (see graphml_exporter.h). Two passes: the first decides each key's type
// from every value it takes, the second writes the elements.
#include "export/graphml_exporter.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "common/text.h"
#include "export/text_util.h"

namespace silkgraph {

namespace {

std::string escapeXml(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const size_t len = text::decode(s, i, cp);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";  // a raw CR would be normalised away by the parser
        break;
      case '\t':
      case '\n':
        out.push_back(static_cast<char>(cp));
        break;
      default:
        // XML 1.0 forbids these even as character references.
        if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
          text::append(out, text::kReplacement);
        } else if (cp == text::kReplacement) {
          text::append(out, cp);
        } else {
          out.append(s.substr(i, len));
        }
    }
    i += len;
  }
  return out;
}

enum class KeyType { None, Bool, Long, Double, String };

KeyType typeOf(const Value& v) {
  switch (v.type()) {
    case Value::Type::Bool:
      return KeyType::Bool;
    case Value::Type::Int:
      return KeyType::Long;
    case Value::Type::Float:
      return KeyType::Double;
    default:
      return KeyType::String;
  }
}

KeyType unify(KeyType a, KeyType b) {
  if (a == KeyType::None) return b;
  if (a == b) return a;
  if ((a == KeyType::Long && b == KeyType::Double) || (a == KeyType::Double && b == KeyType::Long))
    return KeyType::Double;
  return KeyType::String;
}

const char* typeName(KeyType t) {
  switch (t) {
    case KeyType::Bool:
      return "boolean";
    case KeyType::Long:
      return "long";
    case KeyType::Double:
      return "double";
    default:
      return "string";
  }
}

std::string valueText(const Value& v, KeyType t) {
  switch (v.type()) {
    case Value::Type::Bool:
      return v.asBool() ? "true" : "false";
    case Value::Type::Int:
      return t == KeyType::Double ? formatFloat(static_cast<double>(v.asInt()))
                                  : std::to_string(v.asInt());
    case Value::Type::Float:
      return formatFloat(v.asFloat());
    case Value::Type::String:
      return v.asString();
    case Value::Type::Date:
      return formatDate(v.asDate());
    case Value::Type::List:
    case Value::Type::Map:
      return exporttext::jsonText(v);
    default:
      return exporttext::plainText(v);
  }
}

// One <key>: the attribute name seen by tools, its GraphML id and type.
struct KeyDecl {
  std::string attrName;
  std::string xmlId;
  KeyType type = KeyType::None;
  size_t order = 0;  // position in the key list, which is also the order of <data>
};

// Property keys of one element kind, in name order. A property that collides with a
// reserved attribute ("labels" on nodes, "type" on edges) is renamed with a "_property"
// suffix rather than silently overwriting it.
class KeyTable {
 public:
  KeyTable(std::string prefix, std::string reserved)
      : prefix_(std::move(prefix)), reserved_(std::move(reserved)) {}

  void observe(const Graph& g, KeyId k, const Value& v) {
    if (v.isNull()) return;
    KeyDecl& d = byKey_[k];
    if (d.attrName.empty()) {
      d.attrName = g.keyName(k);
      if (d.attrName == reserved_) d.attrName += "_property";
    }
    d.type = unify(d.type, typeOf(v));
  }

  // Orders keys by attribute name and gives them ids; call once after observing.
  void finish() {
    std::vector<KeyDecl*> decls;
    for (auto& [k, d] : byKey_) decls.push_back(&d);
    std::sort(decls.begin(), decls.end(),
              [](const KeyDecl* a, const KeyDecl* b) { return a->attrName < b->attrName; });
    size_t i = 0;
    for (KeyDecl* d : decls) {
      d->order = i;
      d->xmlId = prefix_ + std::to_string(i++);
      ordered_.push_back(d);
    }
  }

  const std::vector<KeyDecl*>& ordered() const { return ordered_; }
  const KeyDecl& at(KeyId k) const { return byKey_.at(k); }

 private:
  std::string prefix_;
  std::string reserved_;
  std::map<KeyId, KeyDecl> byKey_;
  std::vector<KeyDecl*> ordered_;
};

void writeKey(std::ostream& out, const char* domain, const std::string& id, const std::string& name,
              KeyType t) {
  out << "  <key id=\"" << id << "\" for=\"" << domain << "\" attr.name=\"" << escapeXml(name)
      << "\" attr.type=\"" << typeName(t) << "\"/>\n";
}

template <typename ForEach>
void writeData(std::ostream& out, const KeyTable& table, ForEach&& forEach) {
  std::vector<std::pair<const KeyDecl*, std::string>> data;
  forEach([&](KeyId k, const Value& v) {
    if (v.isNull()) return;
    const KeyDecl& d = table.at(k);
    data.emplace_back(&d, valueText(v, d.type));
  });
  std::sort(data.begin(), data.end(),
            [](const auto& a, const auto& b) { return a.first->order < b.first->order; });
  for (const auto& [d, text] : data) {
    out << "      <data key=\"" << d->xmlId << "\">" << escapeXml(text) << "</data>\n";
  }
}

}  // namespace

void writeGraphml(const Graph& g, const Subgraph& sub, std::ostream& out) {
  std::vector<NodeId> nodes = sub.nodes;
  std::vector<RelId> rels;
  for (RelId r : sub.rels) {
    if (!g.relExists(r)) continue;
    rels.push_back(r);
    nodes.push_back(g.relSource(r));
    nodes.push_back(g.relTarget(r));
  }
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  nodes.erase(
      std::remove_if(nodes.begin(), nodes.end(), [&](NodeId n) { return !g.nodeExists(n); }),
      nodes.end());
  std::sort(rels.begin(), rels.end());
  rels.erase(std::unique(rels.begin(), rels.end()), rels.end());

  KeyTable nodeKeys("nk", "labels");
  KeyTable edgeKeys("ek", "type");
  for (NodeId n : nodes) {
    g.forEachNodeProperty(n, [&](KeyId k, const Value& v) { nodeKeys.observe(g, k, v); });
  }
  for (RelId r : rels) {
    g.forEachRelProperty(r, [&](KeyId k, const Value& v) { edgeKeys.observe(g, k, v); });
  }
  nodeKeys.finish();
  edgeKeys.finish();

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  writeKey(out, "node", "labels", "labels", KeyType::String);
  for (const KeyDecl* d : nodeKeys.ordered()) writeKey(out, "node", d->xmlId, d->attrName, d->type);
  writeKey(out, "edge", "type", "type", KeyType::String);
  for (const KeyDecl* d : edgeKeys.ordered()) writeKey(out, "edge", d->xmlId, d->attrName, d->type);
  out << "  <graph id=\"silkgraph\" edgedefault=\"directed\">\n";

  for (NodeId n : nodes) {
    out << "    <node id=\"n" << n << "\">\n";
    std::vector<std::string> labels;
    for (LabelId l : g.nodeLabels(n)) labels.push_back(g.labelName(l));
    std::sort(labels.begin(), labels.end());
    if (!labels.empty()) {
      std::string text;
      for (const std::string& l : labels) text += ":" + l;
      out << "      <data key=\"labels\">" << escapeXml(text) << "</data>\n";
    }
    writeData(out, nodeKeys, [&](auto&& f) { g.forEachNodeProperty(n, f); });
    out << "    </node>\n";
  }
  for (RelId r : rels) {
    out << "    <edge id=\"e" << r << "\" source=\"n" << g.relSource(r) << "\" target=\"n"
        << g.relTarget(r) << "\">\n";
    out << "      <data key=\"type\">" << escapeXml(g.typeName(g.relType(r))) << "</data>\n";
    writeData(out, edgeKeys, [&](auto&& f) { g.forEachRelProperty(r, f); });
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

}  // namespace silkgraph
