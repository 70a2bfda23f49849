// `export cypher` (see cypher_exporter.h).
#include "export/cypher_exporter.h"

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "engine/index_catalog.h"
#include "export/bulk_layout.h"
#include "export/index_ddl.h"

namespace silkgraph {

namespace {

using T = Value::Type;

void appendString(std::string& out, const std::string& s) {
  out += '\'';
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  out += '\'';
}

}  // namespace

void appendName(std::string& out, const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (unsigned char c : name) plain = plain && (std::isalnum(c) || c == '_');
  if (plain) {
    out += name;
    return;
  }
  out += '`';
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  out += '`';
}

namespace {

// The labels of a node as `:A:B`.
std::string labelText(const Graph& g, NodeId n) {
  std::string s;
  for (LabelId l : g.nodeLabels(n)) {
    s += ':';
    appendName(s, g.labelName(l));
  }
  return s;
}

// `{k: v, ...}` of what forEach(f) passes to f(key, value), but `skip`.
template <typename ForEach>
void appendProps(std::string& out, const Graph& g, ForEach&& forEach, KeyId skip = kNoKey) {
  out += '{';
  bool first = true;
  forEach([&](KeyId k, const Value& v) {
    if (k == skip) return;
    if (!first) out += ", ";
    first = false;
    appendName(out, g.keyName(k));
    out += ": ";
    appendCypherLiteral(out, v);
  });
  out += '}';
}

class ScriptWriter {
 public:
  ScriptWriter(const Graph& g, const BulkLayout& layout, std::ostream& out, size_t batch)
      : g_(g), layout_(layout), out_(out), batch_(batch == 0 ? 1 : batch) {}

  // Nodes, grouped by their exact label set (CREATE needs the labels written out).
  void nodes() {
    const KeyId idKey = g_.keyId("id");
    std::map<std::string, std::vector<NodeId>> byLabels;
    for (const NodeGroup& ng : layout_.nodeGroups)
      for (NodeId n : ng.nodes) byLabels[labelText(g_, n)].push_back(n);
    for (const auto& [labels, nodes] : byLabels) {
      for (size_t at = 0; at < nodes.size(); at += batch_) {
        std::string rows;
        bool temp = false;
        for (size_t i = at; i < std::min(nodes.size(), at + batch_); ++i) {
          const NodeId n = nodes[i];
          const bool generated = !hasStringId(n, idKey);
          temp = temp || generated;
          rows += i == at ? "\n  {" : ",\n  {";
          rows += generated ? "x: " : "id: ";
          appendString(rows, layout_.exportIds[n]);
          rows += ", p: ";
          appendProps(
              rows, g_, [&](auto&& f) { g_.forEachNodeProperty(n, f); },
              generated ? kNoKey : idKey);
          rows += '}';
        }
        // A row has `id` or, for a node without a string id, `x`: the temporary _export_id
        // that relationships find it by (SET to null sets nothing).
        out_ << "UNWIND [" << rows << "\n] AS row\nCREATE (n" << labels << ")\n"
             << "SET n = row.p, n.id = row.id, n._export_id = row.x;\n";
        if (temp) tempIds_ = true;
        ++summary.statements;
      }
      summary.nodes += nodes.size();
    }
  }

  void rels() {
    const KeyId idKey = g_.keyId("id");
    for (const RelGroup& rg : layout_.relGroups) {
      for (size_t at = 0; at < rg.rels.size(); at += batch_) {
        // One statement per batch; ends with generated ids are found by _export_id.
        std::string rows;
        bool anyTemp = false;
        for (size_t i = at; i < std::min(rg.rels.size(), at + batch_); ++i) {
          const RelId r = rg.rels[i];
          const NodeId s = g_.relSource(r), e = g_.relTarget(r);
          anyTemp = anyTemp || !hasStringId(s, idKey) || !hasStringId(e, idKey);
          rows += i == at ? "\n  {s: " : ",\n  {s: ";
          appendString(rows, layout_.exportIds[s]);
          rows += ", e: ";
          appendString(rows, layout_.exportIds[e]);
          rows += ", p: ";
          appendProps(rows, g_, [&](auto&& f) { g_.forEachRelProperty(r, f); });
          rows += '}';
        }
        out_ << "UNWIND [" << rows << "\n] AS row\n";
        if (anyTemp)
          out_ << "MATCH " << endPattern("a", rg.from, "") << ", " << endPattern("b", rg.to, "")
               << "\nWHERE (a.id = row.s OR a._export_id = row.s) AND (b.id = row.e OR "
                  "b._export_id = row.e)\n";
        else
          out_ << "MATCH " << endPattern("a", rg.from, "row.s") << ", "
               << endPattern("b", rg.to, "row.e") << "\n";
        out_ << "CREATE (a)-[r:";
        std::string type;
        appendName(type, rg.type);
        out_ << type << "]->(b)\nSET r = row.p;\n";
        ++summary.statements;
      }
      summary.relationships += rg.rels.size();
    }
    if (tempIds_) {
      out_ << "MATCH (n) WHERE n._export_id IS NOT NULL REMOVE n._export_id;\n";
      ++summary.statements;
    }
  }

  CypherExportSummary summary;

 private:
  bool hasStringId(NodeId n, KeyId idKey) const {
    return idKey != kNoKey && g_.nodeProperty(n, idKey).type() == T::String;
  }
  // `(a:Label {id: row.s})`, or `(a:Label)` when idExpr is empty (the id tested in WHERE).
  std::string endPattern(const char* var, const std::string& label,
                         const std::string& idExpr) const {
    std::string p = "(";
    p += var;
    if (!label.empty()) {
      p += ':';
      appendName(p, label);
    }
    if (!idExpr.empty()) p += " {id: " + idExpr + "}";
    return p + ")";
  }

  const Graph& g_;
  const BulkLayout& layout_;
  std::ostream& out_;
  size_t batch_;
  bool tempIds_ = false;
};

}  // namespace

void appendCypherLiteral(std::string& out, const Value& v) {
  switch (v.type()) {
    case T::String:
      appendString(out, v.asString());
      return;
    case T::Float:
      if (std::isnan(v.asFloat())) {
        out += "(0.0 / 0.0)";
        return;
      }
      if (std::isinf(v.asFloat())) {
        out += v.asFloat() > 0 ? "(1.0 / 0.0)" : "(-1.0 / 0.0)";
        return;
      }
      out += v.toCypherLiteral();
      return;
    case T::List: {
      out += '[';
      bool first = true;
      for (const Value& e : v.asList()) {
        if (!first) out += ", ";
        first = false;
        appendCypherLiteral(out, e);
      }
      out += ']';
      return;
    }
    case T::Map: {
      out += '{';
      bool first = true;
      for (const auto& [k, e] : v.asMap()) {
        if (!first) out += ", ";
        first = false;
        appendName(out, k);
        out += ": ";
        appendCypherLiteral(out, e);
      }
      out += '}';
      return;
    }
    default:
      out += v.toCypherLiteral();  // null, booleans, integers, temporal values
  }
}

CypherExportSummary exportCypher(const Graph& graph, std::ostream& out, size_t batch,
                                 const Schema* schema) {
  const BulkLayout layout = layoutForExport(graph);
  size_t rels = 0;
  for (const RelGroup& rg : layout.relGroups) rels += rg.rels.size();
  out << "// silkgraph export: " << graph.nodeCount() << " nodes and " << rels
      << " relationships. Run it into an empty database with\n"
      << "// silkgraph -f FILE NEW.sg, cypher-shell -f FILE or mgconsole < FILE.\n";
  ScriptWriter w(graph, layout, out, batch);
  w.nodes();
  w.rels();
  const std::vector<CatalogEntry> indexes =
      schema ? catalogEntries(*schema) : std::vector<CatalogEntry>();
  if (!indexes.empty())
    out << "// Indexes and constraints (SHOW INDEXES, SHOW CONSTRAINTS of the exported graph).\n";
  for (const CatalogEntry& e : indexes) {
    out << indexDdl(e.def) << ";\n";
    ++w.summary.statements;
  }
  return w.summary;
}

}  // namespace silkgraph
