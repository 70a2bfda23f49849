// Session: runs statements and meta-commands against one Database. Error positions are
// shifted from the statement to the whole script (Error::offsetPosition) so that messages
// name FILE:line:col of the script the user wrote, with the offending line and a caret.
#include "shell/script_runner.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

#include "export/dot_exporter.h"
#include "export/subgraph.h"
#include "loaders/loader.h"
#include "query/parser/parser.h"
#include "query/value_format.h"
#include "shell/display_width.h"

namespace silkgraph::shell {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool readFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

std::string msText(double ms) {
  std::ostringstream ss;
  ss << std::fixed << std::setprecision(ms < 10 ? 2 : 1) << ms << " ms";
  return ss.str();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Byte offset of the start of 1-based `line` in text (text.size() when past the end).
size_t lineOffset(std::string_view text, uint32_t line) {
  size_t pos = 0;
  for (uint32_t l = 1; l < line; ++l) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return text.size();
    pos = nl + 1;
  }
  return pos;
}

std::string propertyList(const std::vector<PropertyDef>& props) {
  std::string out;
  for (const auto& p : props) {
    if (!out.empty()) out += ", ";
    out += p.name + " " + propTypeName(p.type);
    if (p.required) out += "!";
  }
  return out;
}

std::string joinNames(const std::vector<std::string>& names) {
  if (names.empty()) return "any";
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "|") + n;
  return out;
}

}  // namespace

std::string leadingComment(std::string_view script, SourcePos start) {
  if (!start.known()) return {};
  size_t startLine = lineOffset(script, start.line);
  // Only when the statement starts its line: otherwise the line above belongs to another.
  if (!trim(script.substr(startLine, std::min<size_t>(script.size() - startLine,
                                                      start.col > 0 ? start.col - 1 : 0)))
           .empty())
    return {};
  std::vector<std::string> lines;
  for (uint32_t l = start.line; l > 1; --l) {
    size_t b = lineOffset(script, l - 1);
    size_t e = script.find('\n', b);
    std::string_view text =
        trim(script.substr(b, (e == std::string_view::npos ? script.size() : e) - b));
    if (text.substr(0, 2) != "//") break;
    text.remove_prefix(2);
    // Keep the indentation after "// " so wrapped comment lines stay aligned.
    if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
    lines.emplace_back(text);
  }
  std::reverse(lines.begin(), lines.end());
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

std::vector<std::string> splitArgs(std::string_view text) {
  std::vector<std::string> args;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size()) break;
    std::string arg;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) {
      char c = text[i];
      if (c == '\'' || c == '"') {
        size_t close = text.find(c, i + 1);
        if (close == std::string_view::npos) close = text.size();
        arg += text.substr(i + 1, close - i - 1);
        i = std::min(close + 1, text.size());
      } else {
        arg += c;
        ++i;
      }
    }
    args.push_back(std::move(arg));
  }
  return args;
}

Session::Session(std::ostream& out, std::ostream& err) : out_(out), err_(err) {}

bool Session::load(const std::vector<std::string>& paths) {
  if (paths.empty()) return true;
  try {
    LoadReport report = loadPaths(db_.graph(), db_.schema(), paths);
    db_.applySchemaIndexes();
    if (interactive_) {
      out_ << "Loaded " << report.nodes << (report.nodes == 1 ? " node" : " nodes") << " and "
           << report.relationships
           << (report.relationships == 1 ? " relationship" : " relationships") << " from "
           << report.files.size() << (report.files.size() == 1 ? " file" : " files") << " ("
           << msText(report.elapsedMs) << ").\n";
    }
    return true;
  } catch (const Error& e) {
    std::string source;
    // Show the offending line of the data file, but never read a huge file just for that.
    if (!e.file().empty() && e.pos().known()) {
      std::ifstream in(e.file(), std::ios::binary | std::ios::ate);
      if (in && in.tellg() < (64 << 20)) readFile(e.file(), source);
    }
    err_ << e.format(source) << "\n";
  } catch (const std::exception& e) {
    err_ << "InternalError: while loading: " << e.what() << "\n";
  }
  return false;
}

bool Session::setParam(const std::string& name, std::string_view expression,
                       std::string_view origin) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_') ||
      !std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
      })) {
    err_ << origin << ": invalid parameter name '" << name
         << "' (letters, digits and '_', not starting with a digit)\n";
    return false;
  }
  if (trim(expression).empty()) {
    err_ << origin << ": missing value for parameter '" << name << "'\n";
    return false;
  }
  std::string query = "RETURN " + std::string(expression) + " AS v";
  try {
    QueryResult r = db_.execute(query, params_);
    if (r.rows.size() != 1 || r.rows[0].empty()) {
      err_ << origin << ": the value of '" << name << "' is not a single value\n";
      return false;
    }
    params_[name] = r.rows[0][0];
    return true;
  } catch (const Error& e) {
    Error shifted = e;
    // The user typed only the expression: point into it, not into "RETURN ".
    if (shifted.pos().known() && shifted.pos().line == 1 && shifted.pos().col > 7)
      shifted.offsetPosition(0, static_cast<uint32_t>(-7));
    err_ << origin << ": " << shifted.format(expression) << "\n";
  } catch (const std::exception& e) {
    err_ << origin << ": InternalError: " << e.what() << "\n";
  }
  return false;
}

bool Session::runScript(std::string_view script, const std::string& file,
                        const RunOptions& options) {
  std::vector<ScriptStatement> statements;
  try {
    statements = splitStatements(script);
  } catch (const Error& e) {
    Error copy = e;
    copy.setFile(file);
    err_ << copy.format(script) << "\n";
    return false;
  }
  bool allOk = true;
  for (const auto& st : statements) {
    std::string heading = options.showComments ? leadingComment(script, st.start) : std::string();
    if (!runStatement(st.text, st.start, script, file, heading)) {
      allOk = false;
      if (!options.keepGoing) break;
    }
  }
  return allOk;
}

bool Session::runStatement(std::string_view text, SourcePos start, std::string_view script,
                           const std::string& file, const std::string& heading) {
  bool human = print_.format == OutputFormat::Box || print_.format == OutputFormat::Markdown;
  if (human && !heading.empty()) {
    if (!firstOutput_) out_ << "\n";
    std::istringstream lines(heading);
    std::string line;
    while (std::getline(lines, line)) {
      if (print_.format == OutputFormat::Markdown) {
        out_ << "> " << line << "\n";
      } else {
        out_ << (color_ ? "\033[1m" : "") << line << (color_ ? "\033[0m" : "") << "\n";
      }
    }
    if (print_.format == OutputFormat::Markdown) out_ << "\n";
  } else if (human && !firstOutput_ && !interactive_) {
    out_ << "\n";
  }
  firstOutput_ = false;
  cancel_ = false;
  auto t0 = std::chrono::steady_clock::now();
  QueryResult result;
  try {
    result = db_.execute(text, params_, &cancel_);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Cancelled) {
      err_ << "Query cancelled.\n";
      return false;
    }
    Error shifted = e;
    shifted.offsetPosition(start.line - 1, start.col - 1);
    shifted.setFile(file);
    err_ << shifted.format(script) << "\n";
    return false;
  } catch (const std::exception& e) {
    Error internal(ErrorKind::InternalError, e.what(), start);
    internal.setFile(file);
    err_ << internal.format(script) << "\n";
    return false;
  }
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  printResult(out_, result, db_.graph(), print_);
  if (timer_) (human ? out_ : err_) << "Time: " << msText(ms) << "\n";
  out_.flush();
  if (!result.columns.empty() && !result.explain) last_ = std::move(result);
  return true;
}

std::vector<std::string> Session::labelAndTypeNames() const {
  std::set<std::string> names;
  const Graph& g = db_.graph();
  for (size_t i = 0; i < g.labelCount(); ++i) names.insert(g.labelName(static_cast<LabelId>(i)));
  for (size_t i = 0; i < g.typeCount(); ++i) names.insert(g.typeName(static_cast<TypeId>(i)));
  for (const auto& l : db_.schema().labels()) names.insert(l.name);
  for (const auto& t : db_.schema().relTypes()) names.insert(t.name);
  return {names.begin(), names.end()};
}

std::vector<std::string> Session::propertyKeys() const {
  std::set<std::string> names;
  const Graph& g = db_.graph();
  for (size_t i = 0; i < g.keyCount(); ++i) names.insert(g.keyName(static_cast<KeyId>(i)));
  for (const auto& l : db_.schema().labels())
    for (const auto& p : l.properties) names.insert(p.name);
  for (const auto& t : db_.schema().relTypes())
    for (const auto& p : t.properties) names.insert(p.name);
  for (const auto& p : Schema::commonProperties()) names.insert(p.name);
  return {names.begin(), names.end()};
}

std::vector<std::string> Session::paramNames() const {
  std::vector<std::string> names;
  for (const auto& [k, v] : params_) names.push_back(k);
  return names;
}

void Session::printHelp() {
  out_ << R"(Statements end with ';' and may span several lines. Ctrl-C cancels a running
query or clears the line being typed; Ctrl-D or :quit leaves. Tab completes keywords,
labels and types (after ':'), property keys (after '.') and parameters (after '$').

  :help                      this text
  :quit, :exit               leave the shell
  :load PATH...              load JSON/CSV files or directories (all or nothing)
  :schema                    labels and relationship types with counts and properties
  :mode [box|csv|json|jsonl|markdown]   show or set the output format
  :timer [on|off]            show how long each statement takes
  :param NAME => VALUE       set $NAME to a Cypher expression, e.g. :param year => 2023
  :params [clear]            list (or forget) the parameters
  :source FILE               run the statements of a query file
  :export dot FILE           write the last result's nodes and relationships as DOT
                             (FILE ending in .svg or .png is rendered with Graphviz)
)";
}

void Session::printParams() {
  if (params_.empty()) {
    out_ << "No parameters. Set one with :param name => value\n";
    return;
  }
  for (const auto& [k, v] : params_)
    out_ << ":param " << k << " => " << toCypherText(v, db_.graph()) << "\n";
}

void Session::printSchema() {
  const Graph& g = db_.graph();
  const Schema& s = db_.schema();
  size_t width = std::max<size_t>(40, terminalWidth_);

  // Property lists can be long: wrap them under their label, indented, at the screen width.
  auto printWrapped = [&](const std::string& text) {
    const std::string indent = "      ";
    std::string line = indent;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t comma = text.find(", ", pos);
      std::string item =
          text.substr(pos, comma == std::string::npos ? std::string::npos : comma + 1 - pos);
      pos = comma == std::string::npos ? text.size() : comma + 2;
      if (line.size() > indent.size() && displayWidth(line) + 1 + displayWidth(item) > width) {
        out_ << line << "\n";
        line = indent;
      }
      line += (line.size() > indent.size() ? " " : "") + item;
    }
    if (line.size() > indent.size()) out_ << line << "\n";
  };
  auto heading = [&](const std::string& text) {
    out_ << (color_ ? "\033[1m" : "") << text << (color_ ? "\033[0m" : "") << "\n";
  };

  std::vector<std::string> labelNames;
  std::set<std::string> seen;
  for (const auto& l : s.labels())
    if (seen.insert(l.name).second) labelNames.push_back(l.name);
  for (size_t i = 0; i < g.labelCount(); ++i)
    if (seen.insert(g.labelName(static_cast<LabelId>(i))).second)
      labelNames.push_back(g.labelName(static_cast<LabelId>(i)));
  std::vector<std::string> typeNames;
  seen.clear();
  for (const auto& t : s.relTypes())
    if (seen.insert(t.name).second) typeNames.push_back(t.name);
  for (size_t i = 0; i < g.typeCount(); ++i)
    if (seen.insert(g.typeName(static_cast<TypeId>(i))).second)
      typeNames.push_back(g.typeName(static_cast<TypeId>(i)));
  std::sort(labelNames.begin(), labelNames.end());
  std::sort(typeNames.begin(), typeNames.end());

  if (labelNames.empty() && typeNames.empty()) {
    out_ << "The graph is empty and has no schema. Load data with :load PATH.\n";
    return;
  }
  if (s.empty()) out_ << "Open graph: no declared schema.\n";
  heading("Node labels (" + std::to_string(labelNames.size()) + "), " +
          std::to_string(g.nodeCount()) + " nodes");
  for (const auto& name : labelNames) {
    LabelId id = g.labelId(name);
    size_t count = id == kNoLabel ? 0 : g.labelCardinality(id);
    const LabelDef* def = s.findLabel(name);
    out_ << "  :" << name << "  " << count << (count == 1 ? " node" : " nodes");
    if (def && !def->key.empty()) out_ << ", key " << def->key;
    out_ << "\n";
    if (def && !def->properties.empty()) printWrapped(propertyList(def->properties));
  }
  heading("Relationship types (" + std::to_string(typeNames.size()) + "), " +
          std::to_string(g.relCount()) + " relationships");
  for (const auto& name : typeNames) {
    TypeId id = g.typeId(name);
    size_t count = id == kNoType ? 0 : g.typeCardinality(id);
    const RelTypeDef* def = s.findRelType(name);
    out_ << "  :" << name << "  " << count << (count == 1 ? " relationship" : " relationships");
    if (def) out_ << ", " << joinNames(def->from) << " -> " << joinNames(def->to);
    out_ << "\n";
    if (def && !def->properties.empty()) printWrapped(propertyList(def->properties));
  }
  if (!s.empty()) {
    out_ << "Any node or relationship may also have: " << propertyList(Schema::commonProperties())
         << "\n(\"!\" marks a required property.)\n";
  }
}

bool Session::exportDot(const std::vector<std::string>& args) {
  if (args.size() != 2 || args[0] != "dot") {
    err_ << "usage: :export dot FILE   (FILE.svg or FILE.png is rendered with Graphviz)\n";
    return false;
  }
  if (!last_) {
    err_ << ":export: no result to export yet; run a query that returns nodes or "
            "relationships first\n";
    return false;
  }
  const std::string& path = args[1];
  Subgraph sub = subgraphOf(*last_, db_.graph());
  if (sub.nodes.empty() && sub.rels.empty()) {
    err_ << ":export: the last result holds no nodes or relationships (return them, e.g. "
            "RETURN n, r)\n";
    return false;
  }
  std::ostringstream dot;
  writeDot(db_.graph(), sub, dot);
  std::string ext = lower(path.substr(
      path.find_last_of('.') == std::string::npos ? path.size() : path.find_last_of('.') + 1));
  try {
    if (ext == "svg" || ext == "png" || ext == "pdf") {
      renderDot(dot.str(), path, ext);
    } else {
      std::ofstream f(path, std::ios::binary);
      if (!f || !(f << dot.str()) || !f.flush()) {
        err_ << path << ": IOError: cannot write the file\n";
        return false;
      }
    }
  } catch (const Error& e) {
    err_ << e.format() << "\n";
    return false;
  }
  out_ << "Wrote " << sub.nodes.size() << (sub.nodes.size() == 1 ? " node" : " nodes") << " and "
       << sub.rels.size() << (sub.rels.size() == 1 ? " relationship" : " relationships") << " to "
       << path << "\n";
  return true;
}

MetaOutcome Session::runMeta(std::string_view line) {
  line = trim(line);
  if (!line.empty() && line.back() == ';') line = trim(line.substr(0, line.size() - 1));
  size_t sp = line.find_first_of(" \t");
  std::string cmd = lower(line.substr(0, sp));
  std::string_view rest = sp == std::string_view::npos ? std::string_view{} : trim(line.substr(sp));
  std::vector<std::string> args = splitArgs(rest);

  if (cmd == ":quit" || cmd == ":exit" || cmd == ":q") return MetaOutcome::Quit;
  if (cmd == ":help" || cmd == ":h" || cmd == ":?") {
    printHelp();
    return MetaOutcome::Ok;
  }
  if (cmd == ":load") {
    if (args.empty()) {
      err_ << "usage: :load PATH...   (JSON/CSV files or directories)\n";
      return MetaOutcome::Failed;
    }
    bool wasInteractive = interactive_;
    interactive_ = true;  // always say what was loaded
    bool ok = load(args);
    interactive_ = wasInteractive;
    if (!ok) err_ << "Nothing was loaded; the graph is unchanged.\n";
    return ok ? MetaOutcome::Ok : MetaOutcome::Failed;
  }
  if (cmd == ":schema") {
    printSchema();
    return MetaOutcome::Ok;
  }
  if (cmd == ":mode" || cmd == ":format") {
    if (args.empty()) {
      out_ << "Output mode: " << outputFormatName(print_.format) << " (" << outputFormatChoices()
           << ")\n";
      return MetaOutcome::Ok;
    }
    auto f = parseOutputFormat(lower(args[0]));
    if (!f || args.size() > 1) {
      err_ << "usage: :mode " << outputFormatChoices() << "\n";
      return MetaOutcome::Failed;
    }
    print_.format = *f;
    return MetaOutcome::Ok;
  }
  if (cmd == ":timer") {
    if (args.empty()) {
      out_ << "Timer is " << (timer_ ? "on" : "off") << "\n";
    } else if (lower(args[0]) == "on") {
      timer_ = true;
    } else if (lower(args[0]) == "off") {
      timer_ = false;
    } else {
      err_ << "usage: :timer on|off\n";
      return MetaOutcome::Failed;
    }
    return MetaOutcome::Ok;
  }
  if (cmd == ":params" || (cmd == ":param" && rest.empty())) {
    if (!args.empty() && lower(args[0]) == "clear") {
      params_.clear();
      return MetaOutcome::Ok;
    }
    printParams();
    return MetaOutcome::Ok;
  }
  if (cmd == ":param") {
    size_t arrow = rest.find("=>");
    size_t cut = arrow;
    size_t skip = 2;
    if (arrow == std::string_view::npos) {
      cut = rest.find(':');
      skip = 1;
    }
    if (cut == std::string_view::npos) {
      err_ << "usage: :param NAME => VALUE   (VALUE is a Cypher expression, e.g. 2023, 'KAZ', "
              "[1, 2], {k: 'v'})\n";
      return MetaOutcome::Failed;
    }
    std::string name(trim(rest.substr(0, cut)));
    if (name.size() > 1 && name.front() == '$') name.erase(0, 1);
    std::string_view value = trim(rest.substr(cut + skip));
    if (!setParam(name, value, ":param " + name)) return MetaOutcome::Failed;
    out_ << ":param " << name << " => " << toCypherText(params_[name], db_.graph()) << "\n";
    return MetaOutcome::Ok;
  }
  if (cmd == ":source") {
    if (args.size() != 1) {
      err_ << "usage: :source FILE\n";
      return MetaOutcome::Failed;
    }
    std::string text;
    if (!readFile(args[0], text)) {
      err_ << args[0] << ": IOError: cannot read the file\n";
      return MetaOutcome::Failed;
    }
    bool wasInteractive = interactive_;
    interactive_ = false;
    firstOutput_ = true;
    bool ok = runScript(text, args[0], RunOptions{false, true});
    interactive_ = wasInteractive;
    return ok ? MetaOutcome::Ok : MetaOutcome::Failed;
  }
  if (cmd == ":export") return exportDot(args) ? MetaOutcome::Ok : MetaOutcome::Failed;
  err_ << "Unknown command " << cmd << ". Type :help for the list.\n";
  return MetaOutcome::Failed;
}

}  // namespace silkgraph::shell
