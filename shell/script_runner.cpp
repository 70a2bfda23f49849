// Session: runs statements and meta-commands against one Database. Error positions are
// shifted from the statement to the whole script (Error::offsetPosition) so that messages
// name FILE:line:col of the script the user wrote, with the offending line and a caret.
#include "shell/script_runner.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

#include "export/dot_exporter.h"
#include "export/graphml_exporter.h"
#include "export/graphviz_render.h"
#include "export/subgraph.h"
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

// False with errno set when the file cannot be opened (a directory counts as unreadable).
bool readFile(const std::string& path, std::string& out) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    errno = EISDIR;
    return false;
  }
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

// Edit distance (insertions, deletions, substitutions, swaps of neighbours) of two words.
size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// " Did you mean :params?" for a mistyped meta-command, or "" when nothing is close.
std::string suggestCommand(const std::string& cmd) {
  static const char* const known[] = {":help",   ":quit",   ":exit",   ":load",
                                      ":schema", ":mode",   ":timer",  ":param",
                                      ":params", ":source", ":export", ":format"};
  std::string best;
  size_t bestDistance = 3;  // at most two edits away
  for (const char* k : known) {
    size_t d = editDistance(cmd, k);
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  if (best.empty() && cmd.size() > 2) {
    // A prefix of one command only (":sch", ":expo").
    for (const char* k : known) {
      if (std::string_view(k).substr(0, cmd.size()) == cmd) {
        if (!best.empty()) return {};
        best = k;
      }
    }
  }
  return best.empty() ? std::string() : " Did you mean " + best + "?";
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

std::string cypherLiteral(const Value& v, const Graph& graph) {
  switch (v.type()) {
    case Value::Type::Date:
      return "date('" + formatDate(v.asDate()) + "')";
    case Value::Type::List: {
      std::string out = "[";
      for (const Value& e : v.asList())
        out += (out.size() > 1 ? ", " : "") + cypherLiteral(e, graph);
      return out + "]";
    }
    case Value::Type::Map: {
      std::string out = "{";
      for (const auto& [key, value] : v.asMap()) {
        if (out.size() > 1) out += ", ";
        bool plain =
            !key.empty() && (std::isalpha(static_cast<unsigned char>(key[0])) || key[0] == '_');
        for (char c : key)
          if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') plain = false;
        if (plain) {
          out += key;
        } else {
          out += '`';
          for (char c : key) out += c == '`' ? std::string("``") : std::string(1, c);
          out += '`';
        }
        out += ": " + cypherLiteral(value, graph);
      }
      return out + "}";
    }
    default:
      return toCypherText(v, graph);
  }
}

std::string expandHome(const std::string& path) {
  if (path != "~" && path.rfind("~/", 0) != 0) return path;
  const char* home = std::getenv("HOME");
  if (!home || !*home) return path;
  return std::string(home) + path.substr(1);
}

std::string graphmlPathProblem(const std::string& path) {
  std::string ext = fileExtension(path);
  if (ext.empty() || ext == "graphml" || ext == "xml") return {};
  return "GraphML is XML: name the output file .graphml or .xml, not ." + ext +
         " (export dot draws pictures)";
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
    LoadOptions options;
    options.threads = loadThreads_;
    LoadReport report = db_.load(paths, options);
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
                       std::string_view origin, const ScriptPlace* place) {
  std::string where = place ? metaWhere_ : std::string(origin) + ": ";
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_') ||
      !std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
      })) {
    err_ << where << "invalid parameter name '" << name
         << "' (letters, digits and '_', not starting with a digit)\n";
    return false;
  }
  if (trim(expression).empty()) {
    err_ << where << "missing value for parameter '" << name << "'\n";
    return false;
  }
  std::string query = "RETURN " + std::string(expression) + " AS v";
  try {
    QueryResult r = db_.execute(query, params_);
    if (r.rows.size() != 1 || r.rows[0].empty()) {
      err_ << where << "the value of '" << name << "' is not a single value\n";
      return false;
    }
    params_[name] = r.rows[0][0];
    return true;
  } catch (const Error& e) {
    Error shifted = e;
    // The user typed only the expression: point into it, not into "RETURN ".
    if (shifted.pos().known() && shifted.pos().line == 1 && shifted.pos().col > 7)
      shifted.offsetPosition(0, static_cast<uint32_t>(-7));
    // An error past the end of what was typed (in the " AS v" added above) means the value
    // stopped too early: say so at its end instead of naming text the user never wrote.
    uint32_t chars = 0;
    for (char c : expression)
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
    if (shifted.pos().known() && (shifted.pos().line > 1 || shifted.pos().col > chars + 1)) {
      std::string message = shifted.what();
      size_t expected = message.find("expected ");
      shifted = Error(e.kind(),
                      "the value ends too early" + (expected == std::string::npos
                                                        ? std::string()
                                                        : " (" + message.substr(expected) + ")"),
                      {1, chars + 1}, e.detail());
    }
    if (place) {
      if (!shifted.pos().known()) shifted = Error(e.kind(), e.what(), {1, 1}, e.detail());
      shifted.offsetPosition(place->pos.line - 1, place->pos.col - 1);
      shifted.setFile(place->file);
      err_ << shifted.format(place->script) << "\n";
    } else {
      err_ << origin << ": " << shifted.format(expression) << "\n";
    }
  } catch (const std::exception& e) {
    err_ << where << "InternalError: " << e.what() << "\n";
  }
  return false;
}

bool Session::runStatements(const std::vector<ScriptStatement>& statements, std::string_view script,
                            const std::string& file, const RunOptions& options, bool& allOk) {
  for (const auto& st : statements) {
    std::string heading = options.showComments ? leadingComment(script, st.start) : std::string();
    if (!runStatement(st.text, st.start, script, file, heading)) {
      allOk = false;
      if (!options.keepGoing) return false;
    }
  }
  return true;
}

void Session::flushJson() {
  if (jsonDocs_.size() == 1) {
    out_ << jsonDocs_[0] << "\n";
  } else if (jsonDocs_.size() > 1) {
    // One array with an element per result; each document indented one level more.
    out_ << "[\n";
    for (size_t i = 0; i < jsonDocs_.size(); ++i) {
      std::string_view doc = jsonDocs_[i];
      size_t pos = 0;
      while (pos <= doc.size()) {
        size_t nl = doc.find('\n', pos);
        if (nl == std::string_view::npos) nl = doc.size();
        out_ << "  " << doc.substr(pos, nl - pos) << (nl == doc.size() ? "" : "\n");
        pos = nl + 1;
      }
      out_ << (i + 1 < jsonDocs_.size() ? ",\n" : "\n");
    }
    out_ << "]\n";
  }
  jsonDocs_.clear();
  out_.flush();
}

bool Session::runScript(std::string_view script, const std::string& file,
                        const RunOptions& options) {
  ++scriptDepth_;
  bool ok = runScriptText(script, file, options);
  if (--scriptDepth_ == 0) flushJson();
  return ok;
}

bool Session::runScriptText(std::string_view script, const std::string& file,
                            const RunOptions& options) {
  // The script is read line by line only to find meta-commands: a line starting with ':'
  // where a statement could start (not inside a statement, string or comment). The Cypher
  // text between them is split into statements as a whole, and its positions are shifted by
  // the line it starts on, so errors still name FILE:line:col of the script.
  bool allOk = true;
  size_t pendingStart = 0;  // the Cypher text not yet run starts here (at a line start)
  uint32_t pendingLine = 1;
  auto split = [&](std::string_view text, uint32_t firstLine, bool* complete,
                   std::vector<ScriptStatement>& out) {
    try {
      out = splitStatements(text, complete, complete != nullptr);
    } catch (const Error& e) {
      if (complete) {
        *complete = false;  // the final split reports it
        return true;
      }
      Error copy = e;
      copy.offsetPosition(firstLine - 1, 0);
      copy.setFile(file);
      err_ << copy.format(script) << "\n";
      return false;
    }
    for (auto& st : out)
      if (st.start.known()) st.start.line += firstLine - 1;
    return true;
  };
  size_t pos = 0;
  uint32_t lineNo = 1;
  while (pos < script.size()) {
    size_t eol = script.find('\n', pos);
    if (eol == std::string_view::npos) eol = script.size();
    std::string_view line = script.substr(pos, eol - pos);
    if (lineNo == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // UTF-8 BOM
    std::string_view text = trim(line);
    if (!text.empty() && text.front() == ':') {
      bool complete = true;
      std::vector<ScriptStatement> before;
      split(script.substr(pendingStart, pos - pendingStart), pendingLine, &complete, before);
      if (complete) {
        if (!runStatements(before, script, file, options, allOk)) return false;
        ScriptPlace place{file, SourcePos{lineNo, 1}, script};
        MetaOutcome outcome = runMeta(line, &place);
        if (outcome == MetaOutcome::Quit) return allOk;
        if (outcome == MetaOutcome::Failed) {
          allOk = false;
          if (!options.keepGoing) return false;
        }
        pendingStart = std::min(eol + 1, script.size());
        pendingLine = lineNo + 1;
      }
    }
    pos = eol + 1;
    ++lineNo;
  }
  std::vector<ScriptStatement> rest;
  if (!split(script.substr(std::min(pendingStart, script.size())), pendingLine, nullptr, rest))
    return false;
  runStatements(rest, script, file, options, allOk);
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
    PreparedQuery prepared = db_.prepare(text);
    for (const Notice& n : db_.notices(prepared)) {
      // Warnings go to stderr, placed like errors, and do not stop the statement.
      SourcePos pos = n.pos;
      if (pos.known()) {
        if (pos.line == 1) pos.col += start.col - 1;
        pos.line += start.line - 1;
      }
      if (!file.empty()) err_ << file << ":";
      if (pos.known()) err_ << pos.line << ":" << pos.col << ":";
      err_ << (file.empty() && !pos.known() ? "" : " ") << "Warning: " << n.message
           << sourceExcerpt(script, pos) << "\n";
    }
    result = db_.execute(prepared, params_, &cancel_);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Cancelled) {
      err_ << "Query cancelled.\n";
      return false;
    }
    Error shifted = e;
    if (e.pos().known()) {
      shifted.offsetPosition(start.line - 1, start.col - 1);
    } else {
      // Runtime errors (division by zero, a bad argument, a constraint) often carry no
      // position: point at the start of the failing statement instead.
      shifted = Error(e.kind(), e.what(), start, e.detail(), e.phase());
    }
    shifted.setFile(file);
    err_ << shifted.format(script) << "\n";
    if (e.kind() == ErrorKind::ParameterMissing) printParamHint(e.what());
    return false;
  } catch (const std::exception& e) {
    Error internal(ErrorKind::InternalError, e.what(), start);
    internal.setFile(file);
    err_ << internal.format(script) << "\n";
    return false;
  }
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (print_.format == OutputFormat::Json) {
    // Held until the script ends, so that several results make one JSON document.
    std::string doc = resultJson(result, db_.graph());
    if (!doc.empty()) jsonDocs_.push_back(std::move(doc));
  } else {
    printResult(out_, result, db_.graph(), print_);
  }
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
  info() << R"(Statements end with ';' and may span several lines. Ctrl-C cancels a running query
or clears the line being typed; Ctrl-D or :quit leaves. Tab completes keywords, labels
and types (after ':'), property keys (after '.'), parameters (after '$') and file names
(after :load, :source and :export). Meta-commands take one line each; they also work in
query files (-f, :source) and on standard input, on lines between statements.

  :help                      this text
  :quit, :exit               leave the shell (in a query file: stop running it)
  :load PATH...              load JSON/CSV files, directories or a .sg database file
                             (all or nothing)
  :schema                    labels and relationship types with counts and properties
  :mode [box|csv|json|jsonl|markdown]   show or set the output format
  :timer [on|off]            show or set whether each statement's time is printed
  :param NAME => VALUE       set $NAME to a Cypher expression, e.g. :param year => 2023
  :params [clear]            list (or forget) the parameters
  :source FILE               run the statements and meta-commands of a query file
  :export dot FILE           write the last result's nodes and relationships: FILE.svg,
                             .png or .pdf rendered with Graphviz, FILE.dot or .gv as DOT
  :export graphml FILE       the same as GraphML (FILE.graphml)
)";
}

void Session::printParamHint(const std::string& message) {
  size_t open = message.find('\'');
  size_t close = open == std::string::npos ? open : message.find('\'', open + 1);
  if (close == std::string::npos) return;
  std::string name = message.substr(open + 1, close - open - 1);
  err_ << "Set it with :param " << name << " => VALUE (in the shell or a script) or --param "
       << name << "=VALUE.\n";
}

void Session::printParams() {
  if (params_.empty()) {
    info() << "No parameters. Set one with :param name => value\n";
    return;
  }
  for (const auto& [k, v] : params_)
    info() << ":param " << k << " => " << cypherLiteral(v, db_.graph()) << "\n";
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
        info() << line << "\n";
        line = indent;
      }
      line += (line.size() > indent.size() ? " " : "") + item;
    }
    if (line.size() > indent.size()) info() << line << "\n";
  };
  auto heading = [&](const std::string& text) {
    info() << (color_ ? "\033[1m" : "") << text << (color_ ? "\033[0m" : "") << "\n";
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
    info() << "The graph is empty and has no schema. Load data with :load PATH.\n";
    return;
  }
  if (s.empty()) info() << "Open graph: no declared schema.\n";
  heading("Node labels (" + std::to_string(labelNames.size()) + "), " +
          std::to_string(g.nodeCount()) + " nodes");
  for (const auto& name : labelNames) {
    LabelId id = g.labelId(name);
    size_t count = id == kNoLabel ? 0 : g.labelCardinality(id);
    const LabelDef* def = s.findLabel(name);
    info() << "  :" << name << "  " << count << (count == 1 ? " node" : " nodes");
    if (def && !def->key.empty()) info() << ", key " << def->key;
    info() << "\n";
    if (def && !def->properties.empty()) printWrapped(propertyList(def->properties));
  }
  heading("Relationship types (" + std::to_string(typeNames.size()) + "), " +
          std::to_string(g.relCount()) + " relationships");
  for (const auto& name : typeNames) {
    TypeId id = g.typeId(name);
    size_t count = id == kNoType ? 0 : g.typeCardinality(id);
    const RelTypeDef* def = s.findRelType(name);
    info() << "  :" << name << "  " << count << (count == 1 ? " relationship" : " relationships");
    if (def) info() << ", " << joinNames(def->from) << " -> " << joinNames(def->to);
    if (def && !def->index.empty()) {
      // The declared adjacency order: filters on these properties read a range of each row.
      std::string keys;
      for (const auto& k : def->index) keys += (keys.empty() ? "" : ", ") + k;
      info() << ", ordered by (" << keys << ")";
    }
    info() << "\n";
    if (def && !def->properties.empty()) printWrapped(propertyList(def->properties));
  }
  if (!s.empty()) {
    info() << "Any node or relationship may also have:\n";
    printWrapped(propertyList(Schema::commonProperties()));
    info() << "(\"!\" marks a required property.)\n";
  }
}

bool Session::exportLast(const std::vector<std::string>& args) {
  const char* usage =
      "usage: :export dot FILE      (FILE.dot or .gv: DOT text; FILE.svg, .png or .pdf: a "
      "picture rendered with Graphviz)\n"
      "       :export graphml FILE  (FILE.graphml or .xml)\n";
  if (args.size() != 2 || (lower(args[0]) != "dot" && lower(args[0]) != "graphml")) {
    metaErr() << usage;
    return false;
  }
  const bool graphml = lower(args[0]) == "graphml";
  const std::string path = expandHome(args[1]);
  std::string render;
  if (graphml) {
    if (std::string problem = graphmlPathProblem(path); !problem.empty()) {
      metaErr() << ":export: " << problem << "\n";
      return false;
    }
  } else {
    DotOutput choice = chooseDotOutput(path, "");
    if (!choice.error.empty()) {
      metaErr() << ":export: " << choice.error << "\n";
      return false;
    }
    render = choice.render;
  }
  if (!last_) {
    metaErr() << ":export: no result to export yet; run a query that returns nodes or "
                 "relationships first\n";
    return false;
  }
  Subgraph sub = subgraphOf(*last_, db_.graph());
  if (sub.nodes.empty() && sub.rels.empty()) {
    metaErr() << ":export: the last result refers to no nodes or relationships (return them, e.g. "
                 "RETURN n, r, p)\n";
    return false;
  }
  std::ostringstream text;
  if (graphml) {
    writeGraphml(db_.graph(), sub, text);
  } else {
    writeDot(db_.graph(), sub, text);
  }
  try {
    if (!render.empty()) {
      renderDot(text.str(), path, render);
    } else {
      std::ofstream f(path, std::ios::binary);
      if (!f || !(f << text.str()) || !f.flush()) {
        metaErr() << path << ": IOError: cannot write the file\n";
        return false;
      }
    }
  } catch (const Error& e) {
    metaErr() << e.format() << "\n";
    return false;
  }
  if (!quietMeta_) {
    info() << "Wrote " << sub.nodes.size() << (sub.nodes.size() == 1 ? " node" : " nodes")
           << " and " << sub.rels.size()
           << (sub.rels.size() == 1 ? " relationship" : " relationships") << " to " << path;
    if (!render.empty()) info() << " (rendered as " << render << " by Graphviz)";
    info() << "\n";
  }
  return true;
}

std::ostream& Session::metaErr() {
  return err_ << metaWhere_;
}

MetaOutcome Session::runMeta(std::string_view rawLine, const ScriptPlace* place) {
  std::string_view line = trim(rawLine);
  // Characters (code points) before `p`, a pointer into rawLine: the 0-based column.
  auto columnOf = [&](const char* p) {
    uint32_t col = 0;
    for (const char* c = rawLine.data(); c < p; ++c)
      if ((static_cast<unsigned char>(*c) & 0xC0) != 0x80) ++col;
    return col;
  };
  struct Restore {
    Session& s;
    std::string where;
    bool quiet;
    ~Restore() {
      s.metaWhere_ = where;
      s.quietMeta_ = quiet;
    }
  } restore{*this, metaWhere_, quietMeta_};
  if (place) {
    quietMeta_ = true;
    metaWhere_ = (place->file.empty() ? "" : place->file + ":") + std::to_string(place->pos.line) +
                 ":" + std::to_string(columnOf(line.data()) + 1) + ": ";
  }
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
      metaErr() << "usage: :load PATH...   (JSON/CSV files, directories of them, or a database "
                   "file DB.sg)\n";
      return MetaOutcome::Failed;
    }
    for (auto& a : args) a = expandHome(a);
    bool wasInteractive = interactive_;
    interactive_ = !quietMeta_;  // typed at the prompt: say what was loaded
    bool ok = load(args);
    interactive_ = wasInteractive;
    if (!ok) metaErr() << "Nothing was loaded; the graph is unchanged.\n";
    return ok ? MetaOutcome::Ok : MetaOutcome::Failed;
  }
  if (cmd == ":schema") {
    printSchema();
    return MetaOutcome::Ok;
  }
  if (cmd == ":mode" || cmd == ":format") {
    if (args.empty()) {
      info() << "Output mode: " << outputFormatName(print_.format) << " (" << outputFormatChoices()
             << ")\n";
      return MetaOutcome::Ok;
    }
    auto f = parseOutputFormat(lower(args[0]));
    if (!f || args.size() > 1) {
      metaErr() << "usage: :mode " << outputFormatChoices() << "\n";
      return MetaOutcome::Failed;
    }
    if (*f != print_.format) flushJson();  // JSON results so far form their own document
    print_.format = *f;
    return MetaOutcome::Ok;
  }
  if (cmd == ":timer") {
    if (args.empty()) {
      info() << "Timer is " << (timer_ ? "on" : "off") << "\n";
    } else if (lower(args[0]) == "on") {
      timer_ = true;
    } else if (lower(args[0]) == "off") {
      timer_ = false;
    } else {
      metaErr() << "usage: :timer on|off\n";
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
      metaErr() << "usage: :param NAME => VALUE   (VALUE is a Cypher expression, e.g. 2023, 'KAZ', "
                   "[1, 2], {k: 'v'})\n";
      return MetaOutcome::Failed;
    }
    std::string name(trim(rest.substr(0, cut)));
    if (name.size() > 1 && name.front() == '$') name.erase(0, 1);
    std::string_view value = trim(rest.substr(cut + skip));
    std::optional<ScriptPlace> valuePlace;
    if (place)
      valuePlace =
          ScriptPlace{place->file, {place->pos.line, columnOf(value.data()) + 1}, place->script};
    if (!setParam(name, value, ":param " + name, valuePlace ? &*valuePlace : nullptr))
      return MetaOutcome::Failed;
    if (!quietMeta_)
      info() << ":param " << name << " => " << cypherLiteral(params_[name], db_.graph()) << "\n";
    return MetaOutcome::Ok;
  }
  if (cmd == ":source") {
    if (args.size() != 1) {
      metaErr() << "usage: :source FILE\n";
      return MetaOutcome::Failed;
    }
    args[0] = expandHome(args[0]);
    std::string text;
    if (!readFile(args[0], text)) {
      metaErr() << args[0] << ": IOError: cannot read the file: " << std::strerror(errno) << "\n";
      return MetaOutcome::Failed;
    }
    bool wasInteractive = interactive_;
    interactive_ = false;
    firstOutput_ = true;
    bool ok = runScript(text, args[0], RunOptions{false, true});
    interactive_ = wasInteractive;
    return ok ? MetaOutcome::Ok : MetaOutcome::Failed;
  }
  if (cmd == ":export") return exportLast(args) ? MetaOutcome::Ok : MetaOutcome::Failed;
  metaErr() << "Unknown command " << cmd << "." << suggestCommand(cmd)
            << " Type :help for the list.\n";
  return MetaOutcome::Failed;
}

}  // namespace silkgraph::shell
