// `export neo4j` (see neo4j_exporter.h): CSV files in neo4j-admin's header format, written
// into a temporary directory beside the target and renamed into place.
#include "export/neo4j_exporter.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/error.h"
#include "export/bulk_layout.h"
#include "export/cypher_exporter.h"
#include "export/index_ddl.h"
#include "export/text_util.h"

namespace silkgraph {

namespace fs = std::filesystem;

namespace {

using T = Value::Type;

[[noreturn]] void ioError(const std::string& path, const std::string& why) {
  throw Error(ErrorKind::IOError, "cannot export to " + path + ": " + why);
}

// RFC 4180: the cell in quotes, a quote doubled.
void appendQuoted(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void appendScalar(std::string& out, const Value& v) {
  switch (v.type()) {
    case T::Int:
      out += std::to_string(v.asInt());
      break;
    case T::Float:
      out += formatFloat(v.asFloat());
      break;
    case T::Bool:
      out += v.asBool() ? "true" : "false";
      break;
    case T::String:
      out += v.asString();
      break;
    default:
      out += temporalText(v);  // dates and the other temporal types, ISO 8601
  }
}

// One property cell: absent is an empty unquoted cell; strings, arrays and JSON are quoted so
// that an empty string or array stays distinct from an absent property.
void appendCell(std::string& out, const ExportColumn& c, const Value& v, char delimiter) {
  if (v.isNull()) return;
  if (c.kind == ColumnKind::Json) {
    appendQuoted(out, exporttext::jsonText(v));
    return;
  }
  if (c.array) {
    std::string joined;
    bool first = true;
    for (const Value& e : v.asList()) {
      if (!first) joined.push_back(delimiter);
      first = false;
      // An int in a float column is written as a float (Neo4j's float[] parser accepts both).
      if (c.kind == ColumnKind::Float && e.type() == T::Int)
        joined += formatFloat(static_cast<double>(e.asInt()));
      else
        appendScalar(joined, e);
    }
    appendQuoted(out, joined);
    return;
  }
  if (c.kind == ColumnKind::String) {
    appendQuoted(out, v.asString());
    return;
  }
  if (c.kind == ColumnKind::Float && v.type() == T::Int) {
    out += formatFloat(static_cast<double>(v.asInt()));
    return;
  }
  appendScalar(out, v);
}

// The array delimiter: ';' (neo4j-admin's default) unless an element of some exported array
// contains it; then the first of the other candidates that none contains.
char chooseDelimiter(const Graph& g, const BulkLayout& layout) {
  std::set<char> used;
  auto scan = [&](const Value& v) {
    if (v.type() != T::List) return;
    for (const Value& e : v.asList()) {
      if (e.type() != T::String) continue;
      for (char c : std::string_view(";|^~")) {
        if (e.asString().find(c) != std::string::npos) used.insert(c);
      }
    }
  };
  for (const NodeGroup& ng : layout.nodeGroups)
    for (NodeId n : ng.nodes) g.forEachNodeProperty(n, [&](KeyId, const Value& v) { scan(v); });
  for (size_t l = 0; l < g.labelCount(); ++l)
    scan(Value(ValueList{Value(g.labelName(static_cast<LabelId>(l)))}));
  for (const RelGroup& rg : layout.relGroups)
    for (RelId r : rg.rels) g.forEachRelProperty(r, [&](KeyId, const Value& v) { scan(v); });
  for (char c : std::string_view(";|^~"))
    if (!used.count(c)) return c;
  throw Error(ErrorKind::IOError,
              "cannot export: array elements contain every array delimiter neo4j-admin could "
              "be given here (; | ^ ~)");
}

std::string idSpace(const std::string& label) {
  return label.empty() ? "_" : label;
}

class Writer {
 public:
  Writer(const Graph& g, const BulkLayout& layout, const fs::path& dir, char delimiter)
      : g_(g), layout_(layout), dir_(dir), delimiter_(delimiter) {}

  void writeFile(const std::string& name, const std::string& content) {
    const fs::path path = dir_ / name;
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) ioError(path.string(), std::strerror(errno));
  }

  std::string nodeFile(size_t group, bool& multiline) const {
    const NodeGroup& ng = layout_.nodeGroups[group];
    std::string out = "id:ID(" + idSpace(layout_.nodeGroups[group].label) + "),:LABEL";
    for (const ExportColumn& c : ng.columns) out += "," + c.key + ":" + neo4jTypeName(c);
    out.push_back('\n');
    std::vector<Value> row(ng.columns.size());
    for (NodeId n : ng.nodes) {
      appendQuoted(out, layout_.exportIds[n]);
      out.push_back(',');
      std::string labels;
      // neo4j-admin splits :LABEL cells at the array delimiter too.
      for (LabelId l : g_.nodeLabels(n)) {
        if (!labels.empty()) labels.push_back(delimiter_);
        labels += g_.labelName(l);
      }
      appendQuoted(out, labels);
      for (size_t i = 0; i < ng.columns.size(); ++i) {
        out.push_back(',');
        appendCell(out, ng.columns[i], g_.nodeProperty(n, ng.columns[i].keyId), delimiter_);
      }
      out.push_back('\n');
    }
    multiline = multiline || hasInnerLineBreak(out);
    return out;
  }

  std::string relFile(const RelGroup& rg, bool& multiline) const {
    std::string out = ":START_ID(" + idSpace(rg.from) + "),:END_ID(" + idSpace(rg.to) + "),:TYPE";
    for (const ExportColumn& c : rg.columns) out += "," + c.key + ":" + neo4jTypeName(c);
    out.push_back('\n');
    for (RelId r : rg.rels) {
      appendQuoted(out, layout_.exportIds[g_.relSource(r)]);
      out.push_back(',');
      appendQuoted(out, layout_.exportIds[g_.relTarget(r)]);
      out.push_back(',');
      appendQuoted(out, rg.type);
      for (const ExportColumn& c : rg.columns) {
        out.push_back(',');
        appendCell(out, c, g_.relProperty(r, c.keyId), delimiter_);
      }
      out.push_back('\n');
    }
    multiline = multiline || hasInnerLineBreak(out);
    return out;
  }

 private:
  // A line break inside a quoted cell (every record ends with one outside quotes).
  static bool hasInnerLineBreak(const std::string& csv) {
    bool quoted = false;
    for (char c : csv) {
      if (c == '"') quoted = !quoted;
      if (quoted && (c == '\n' || c == '\r')) return true;
    }
    return false;
  }

  const Graph& g_;
  const BulkLayout& layout_;
  fs::path dir_;
  char delimiter_;
};

// A name not taken yet in `taken`: `base`, else base-2, base-3, ...
std::string uniqueName(std::set<std::string>& taken, const std::string& base) {
  std::string name = base;
  for (int i = 2; taken.count(name + ".csv"); ++i) name = base + "-" + std::to_string(i);
  taken.insert(name + ".csv");
  return name + ".csv";
}

std::string schemaCypher(const Schema& schema, const BulkLayout& layout);
std::string readme(const Neo4jExportSummary& s, const std::vector<std::string>& nodeFiles,
                   const std::vector<std::string>& relFiles);

void checkTarget(const fs::path& dir) {
  std::error_code ec;
  fs::file_status st = fs::symlink_status(dir, ec);
  if (!fs::exists(st)) return;
  if (!fs::is_directory(st)) ioError(dir.string(), "it exists and is not a directory");
  if (!fs::is_empty(dir, ec)) ioError(dir.string(), "the directory is not empty");
}

}  // namespace

Neo4jExportSummary exportNeo4j(const Graph& graph, const Schema& schema,
                               const std::string& outDir) {
  const fs::path dir = fs::path(outDir).lexically_normal();
  checkTarget(dir);
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  std::string tmpl = (parent / ("." + dir.filename().string() + ".tmp-XXXXXX")).string();
  if (!::mkdtemp(tmpl.data())) ioError(outDir, std::strerror(errno));
  const fs::path tmp = tmpl;
  try {
    const BulkLayout layout = layoutForExport(graph);
    Neo4jExportSummary s;
    s.arrayDelimiter = chooseDelimiter(graph, layout);
    s.generatedIds = layout.generatedIds;
    s.jsonColumns = layout.jsonColumns;
    Writer w(graph, layout, tmp, s.arrayDelimiter);
    std::set<std::string> taken;
    std::vector<std::string> nodeFiles, relFiles;
    for (size_t g = 0; g < layout.nodeGroups.size(); ++g) {
      const std::string name =
          uniqueName(taken, "nodes-" + fileSafe(idSpace(layout.nodeGroups[g].label)));
      w.writeFile(name, w.nodeFile(g, s.multiline));
      nodeFiles.push_back(name);
      s.nodes += layout.nodeGroups[g].nodes.size();
    }
    for (const RelGroup& rg : layout.relGroups) {
      const std::string name =
          uniqueName(taken, "rels-" + fileSafe(rg.type) + "-" + fileSafe(idSpace(rg.from)) + "-" +
                                fileSafe(idSpace(rg.to)));
      w.writeFile(name, w.relFile(rg, s.multiline));
      relFiles.push_back(name);
      s.relationships += rg.rels.size();
    }
    s.nodeFiles = nodeFiles.size();
    s.relFiles = relFiles.size();
    w.writeFile("schema.cypher", schemaCypher(schema, layout));
    w.writeFile("README.md", readme(s, nodeFiles, relFiles));
    std::error_code ec;
    if (fs::exists(fs::symlink_status(dir))) fs::remove(dir, ec);  // checked empty above
    if (::rename(tmp.c_str(), dir.c_str()) != 0) ioError(outDir, std::strerror(errno));
    return s;
  } catch (...) {
    std::error_code ec;
    fs::remove_all(tmp, ec);
    throw;
  }
}

namespace {

std::string constraintName(std::string s) {
  for (char& c : s) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return s;
}

std::string quoteName(const std::string& name) {
  std::string out;
  appendName(out, name);
  return out;
}

// Whether schemaCypher already wrote what `def` makes: the key constraint of a label it wrote
// (in `labels`) or a relationship type's adjacency order.
bool writtenAbove(const IndexDef& def, const Schema& schema, const std::set<std::string>& labels) {
  if (def.relationship) {
    const RelTypeDef* t = schema.findRelType(def.target);
    return def.kind == IndexDef::Kind::Index && t && t->index == def.properties;
  }
  if (def.kind != IndexDef::Kind::Unique || def.properties.size() != 1 || !labels.count(def.target))
    return false;
  const LabelDef* l = schema.findLabel(def.target);
  return def.properties[0] == (l && !l->key.empty() ? l->key : "id");
}

// One uniqueness constraint per node group on `id` (silkgraph's ids are unique across the
// graph, so within a label too); for a typed graph, each label's key and each relationship
// type's declared adjacency order (an index on those properties).
std::string schemaCypher(const Schema& schema, const BulkLayout& layout) {
  std::ostringstream out;
  out << "// Constraints and indexes for the data of this export. Run after the import:\n"
         "//   cypher-shell -u neo4j -f schema.cypher\n";
  std::set<std::string> done;
  for (const NodeGroup& ng : layout.nodeGroups) {
    if (ng.label.empty()) continue;
    const LabelDef* def = schema.findLabel(ng.label);
    std::string key = def && !def->key.empty() ? def->key : "id";
    if (!done.insert(ng.label).second) continue;
    out << "CREATE CONSTRAINT " << constraintName(ng.label + "_" + key)
        << " IF NOT EXISTS FOR (n:" << quoteName(ng.label) << ") REQUIRE n." << quoteName(key)
        << " IS UNIQUE;\n";
  }
  for (const RelTypeDef& t : schema.relTypes()) {
    if (t.index.empty()) continue;
    std::string name = t.name;
    std::string props;
    for (const std::string& p : t.index) {
      name += "_" + p;
      props += std::string(props.empty() ? "" : ", ") + "r." + quoteName(p);
    }
    out << "CREATE INDEX " << constraintName(name)
        << " IF NOT EXISTS FOR ()-[r:" << quoteName(t.name) << "]-() ON (" << props << ");\n";
  }
  for (const IndexDef& def : schema.indexes())
    if (!writtenAbove(def, schema, done)) out << indexDdl(def) << ";\n";
  for (const LabelDef& l : schema.labels())
    for (const PropertyDef& p : l.properties)
      if (p.required && p.name != l.key)
        out << "// Neo4j Enterprise only (property existence):\n// CREATE CONSTRAINT "
            << constraintName(l.name + "_" + p.name + "_exists")
            << " IF NOT EXISTS FOR (n:" << quoteName(l.name) << ") REQUIRE n." << quoteName(p.name)
            << " IS NOT NULL;\n";
  return out.str();
}

std::string readme(const Neo4jExportSummary& s, const std::vector<std::string>& nodeFiles,
                   const std::vector<std::string>& relFiles) {
  std::ostringstream out;
  out << "# silkgraph export for neo4j-admin\n\n"
      << s.nodes << " nodes in " << s.nodeFiles << " files and " << s.relationships
      << " relationships in " << s.relFiles
      << " files, in the header format of `neo4j-admin database import full`.\n"
         "Each node file holds the nodes whose first label names it; that label is their ID "
         "space (`:ID(Label)`), and relationship files name the ID space of each end.\n\n"
         "Import into a stopped Neo4j 5 server (run in this directory; the database must not "
         "exist yet or is replaced with --overwrite-destination):\n\n```\n"
         "neo4j-admin database import full neo4j --overwrite-destination";
  for (const std::string& f : nodeFiles) out << " \\\n  --nodes=" << f;
  for (const std::string& f : relFiles) out << " \\\n  --relationships=" << f;
  out << " \\\n  --array-delimiter='" << s.arrayDelimiter << "'";
  if (s.multiline) out << " \\\n  --multiline-fields=true";
  out << "\n```\n\nThen start the server and create the constraints and indexes:\n\n```\n"
         "cypher-shell -u neo4j -f schema.cypher\n```\n";
  if (s.generatedIds)
    out << "\n"
        << s.generatedIds
        << " nodes had no string `id` property; they were given ids of the form `_n<number>` "
           "(stored as their `id`).\n";
  if (!s.jsonColumns.empty()) {
    out << "\nNeo4j cannot store maps or lists of mixed types as properties; these columns "
           "hold them as JSON text:";
    for (const std::string& c : s.jsonColumns) out << " `" << c << "`";
    out << "\n";
  }
  return out.str();
}

}  // namespace

}  // namespace silkgraph
