// The meta-command table (shell/meta_commands.h), its handlers, and Session::runMeta, which
// parses a ':' line and dispatches it through the table.
#include "shell/meta_commands.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include "common/text.h"
#include "main/export.h"
#include "shell/limit_commands.h"
#include "shell/params.h"
#include "shell/schema_printer.h"

namespace silkgraph::shell {

using text::asciiLower;
using text::trim;

uint32_t MetaCall::columnOf(const char* p) const {
  uint32_t col = 0;
  for (const char* c = rawLine.data(); c < p; ++c)
    if (text::isLeadByte(*c)) ++col;
  return col;
}

std::vector<std::string> splitArgs(std::string_view text) {
  std::vector<std::string> args;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text::isAsciiSpace(text[i])) ++i;
    if (i >= text.size()) break;
    std::string arg;
    while (i < text.size() && !text::isAsciiSpace(text[i])) {
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

// The handlers: one static function per command, friends of Session.
class MetaCommandHandlers {
 public:
  static MetaOutcome help(Session& s, const MetaCall&) {
    s.info() << metaHelpText();
    return MetaOutcome::Ok;
  }

  static MetaOutcome quit(Session&, const MetaCall&) { return MetaOutcome::Quit; }

  static MetaOutcome load(Session& s, const MetaCall& c) {
    const bool merge = !c.args.empty() && c.args[0] == "--merge";
    if (c.args.size() == (merge ? 1u : 0u)) {
      s.metaErr() << "usage: :load [--merge] PATH...   (JSON/CSV files, directories of them, or "
                     "a database file DB.sg; --merge updates the nodes whose id is already in "
                     "the graph)\n";
      return MetaOutcome::Failed;
    }
    std::vector<std::string> paths;
    for (size_t i = merge ? 1 : 0; i < c.args.size(); ++i) paths.push_back(expandHome(c.args[i]));
    bool wasInteractive = s.interactive_;
    s.interactive_ = !s.quietMeta_;  // typed at the prompt: say what was loaded
    bool ok = s.load(paths, merge);
    s.interactive_ = wasInteractive;
    if (!ok) s.metaErr() << "Nothing was loaded; the graph is unchanged.\n";
    return ok ? MetaOutcome::Ok : MetaOutcome::Failed;
  }

  static MetaOutcome importSource(Session& s, const MetaCall& c) {
    if (c.args.size() < 2) {
      s.metaErr() << "usage: :import SOURCE PATH...   (SOURCE one of " << importSourceList()
                  << "; docs/world.md)\n";
      return MetaOutcome::Failed;
    }
    std::vector<std::string> paths;
    for (size_t i = 1; i < c.args.size(); ++i) paths.push_back(expandHome(c.args[i]));
    try {
      world::ImportSummary summary = s.db_.importSource(c.args[0], paths);
      if (!s.quietMeta_) s.info() << summary.text();
    } catch (const Error& e) {
      printLoadError(s.metaErr(), e);
      s.metaErr() << "Nothing was imported; the graph is unchanged.\n";
      return MetaOutcome::Failed;
    }
    return MetaOutcome::Ok;
  }

  static std::string importSourceList() {
    std::string out;
    for (const std::string& n : Database::importSources()) out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  static MetaOutcome schema(Session& s, const MetaCall&) {
    printSchema(s.info(), s.db_, s.terminalWidth_, s.color_);
    return MetaOutcome::Ok;
  }

  static MetaOutcome mode(Session& s, const MetaCall& c) {
    if (c.args.empty()) {
      s.info() << "Output mode: " << outputFormatName(s.print_.format) << " ("
               << outputFormatChoices() << ")\n";
      return MetaOutcome::Ok;
    }
    auto f = parseOutputFormat(asciiLower(c.args[0]));
    if (!f || c.args.size() > 1) {
      s.metaErr() << "usage: :mode " << outputFormatChoices() << "\n";
      return MetaOutcome::Failed;
    }
    if (*f != s.print_.format) s.flushJson();  // JSON results so far form their own document
    s.print_.format = *f;
    return MetaOutcome::Ok;
  }

  static MetaOutcome maxRows(Session& s, const MetaCall& c) {
    if (c.args.empty()) {
      const size_t n = s.print_.maxRows;
      s.info() << "max-rows: " << (n ? std::to_string(n) : std::string("0 (every row)"))
               << " (how many rows box tables and line mode show)\n";
      return MetaOutcome::Ok;
    }
    const std::string& a = c.args[0];
    size_t n = 0;
    bool ok = c.args.size() == 1 && !a.empty() && a.size() <= 9 &&
              std::all_of(a.begin(), a.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (ok) n = std::stoul(a);
    if (!ok) {
      s.metaErr() << "usage: :max-rows [N]   (rows a box table or line mode shows, then a count "
                     "of the rest; 0: every row)\n";
      return MetaOutcome::Failed;
    }
    s.print_.maxRows = n;
    return MetaOutcome::Ok;
  }

  static MetaOutcome timer(Session& s, const MetaCall& c) {
    if (c.args.empty()) {
      s.info() << "Timer is " << (s.timer_ ? "on" : "off") << "\n";
    } else if (asciiLower(c.args[0]) == "on") {
      s.timer_ = true;
    } else if (asciiLower(c.args[0]) == "off") {
      s.timer_ = false;
    } else {
      s.metaErr() << "usage: :timer on|off\n";
      return MetaOutcome::Failed;
    }
    return MetaOutcome::Ok;
  }

  static MetaOutcome why(Session& s, const MetaCall& c) { return s.whyCommand(c.args); }

  static MetaOutcome params(Session& s, const MetaCall& c) {
    if (!c.args.empty() && asciiLower(c.args[0]) == "clear") {
      s.params_.clear();
      return MetaOutcome::Ok;
    }
    s.printParams();
    return MetaOutcome::Ok;
  }

  static MetaOutcome param(Session& s, const MetaCall& c) {
    if (c.rest.empty()) return params(s, c);  // ":param" alone lists them, as :params
    if (c.rest.front() == '{') {              // Neo4j 5: :param {a: 1, b: 'x'}
      std::optional<ScriptPlace> mapPlace;
      if (c.place)
        mapPlace = ScriptPlace{
            c.place->file, {c.place->pos.line, c.columnOf(c.rest.data()) + 1}, c.place->script};
      std::vector<std::string> names;
      if (!s.setParamMap(c.rest, ":param", mapPlace ? &*mapPlace : nullptr, &names))
        return MetaOutcome::Failed;
      if (!s.quietMeta_)
        for (const auto& n : names)
          s.info() << ":param " << n << " => " << cypherLiteral(s.params_[n], s.db_.graph())
                   << "\n";
      return MetaOutcome::Ok;
    }
    size_t cut = c.rest.find("=>");
    size_t skip = 2;
    if (cut == std::string_view::npos) {
      cut = c.rest.find(':');
      skip = 1;
    }
    if (cut == std::string_view::npos) {
      s.metaErr() << "usage: :param NAME => VALUE   (VALUE is a Cypher expression, e.g. 2023, "
                     "'KAZ', [1, 2], {k: 'v'}), or :param {NAME: VALUE, ...}\n";
      return MetaOutcome::Failed;
    }
    std::string name(trim(c.rest.substr(0, cut)));
    if (name.size() > 1 && name.front() == '$') name.erase(0, 1);
    std::string_view value = trim(c.rest.substr(cut + skip));
    std::optional<ScriptPlace> valuePlace;
    if (c.place)
      valuePlace = ScriptPlace{
          c.place->file, {c.place->pos.line, c.columnOf(value.data()) + 1}, c.place->script};
    if (!s.setParam(name, value, ":param " + name, valuePlace ? &*valuePlace : nullptr))
      return MetaOutcome::Failed;
    if (!s.quietMeta_)
      s.info() << ":param " << name << " => " << cypherLiteral(s.params_[name], s.db_.graph())
               << "\n";
    return MetaOutcome::Ok;
  }

  static MetaOutcome source(Session& s, const MetaCall& c) {
    if (c.args.size() != 1) {
      s.metaErr() << "usage: :source FILE\n";
      return MetaOutcome::Failed;
    }
    std::string path = expandHome(c.args[0]);
    auto text = std::make_shared<std::string>();
    if (!readFile(path, *text)) {
      s.metaErr() << path << ": IOError: cannot read the file: " << std::strerror(errno) << "\n";
      return MetaOutcome::Failed;
    }
    bool wasInteractive = s.interactive_;
    s.interactive_ = false;
    s.firstOutput_ = true;
    // The file runs with its own settings: what it sets with :mode, :param, :max-rows,
    // :timer, :timeout, :max-memory or :as-of is undone when it ends (docs/shell.md).
    const PrintOptions print = s.print_;
    const Params params = s.params_;
    const ExecuteOptions limits = s.limits_;
    const bool timer = s.timer_;
    bool ok = s.runScript(std::shared_ptr<const std::string>(std::move(text)), path,
                          RunOptions{false, true});
    if (s.print_.format != print.format) s.flushJson();  // as :mode does
    s.print_ = print;
    s.params_ = params;
    s.limits_ = limits;
    s.timer_ = timer;
    s.interactive_ = wasInteractive;
    return ok ? MetaOutcome::Ok : MetaOutcome::Failed;
  }

  static MetaOutcome exportLast(Session& s, const MetaCall& c);

  static MetaOutcome transaction(Session& s, const MetaCall& c) {
    if (!c.args.empty()) {
      s.metaErr() << "usage: " << c.name << " (no arguments)\n";
      return MetaOutcome::Failed;
    }
    return s.transactionCommand(c.name);
  }
};

MetaOutcome MetaCommandHandlers::exportLast(Session& s, const MetaCall& c) {
  std::optional<ExportFormat> format =
      c.args.size() >= 2 ? parseExportFormat(asciiLower(c.args[0])) : std::nullopt;
  DotOptions dot;  // the picture options of export dot (docs/export.md)
  for (size_t i = 2; format && i < c.args.size(); ++i) {
    const std::string& a = c.args[i];
    if (a == "--force" && format == ExportFormat::Dot) {
      dot.force = true;
    } else if ((a == "--layout" || a == "--cluster-by") && format == ExportFormat::Dot &&
               i + 1 < c.args.size()) {
      (a == "--layout" ? dot.layout : dot.clusterBy) = c.args[++i];
    } else {
      format.reset();
    }
  }
  if (!format) {
    s.metaErr() << "usage: :export dot FILE [--layout L] [--cluster-by P] [--force]\n"
                   "                             (FILE.dot or .gv: DOT text; FILE.svg, .png or "
                   ".pdf: a picture rendered with Graphviz)\n"
                   "       :export graphml FILE  (FILE.graphml or .xml)\n";
    return MetaOutcome::Failed;
  }
  const std::string path = expandHome(c.args[1]);
  ExportTarget target;
  if (std::string problem = planExport(*format, path, "", target); !problem.empty()) {
    s.metaErr() << ":export: " << problem << "\n";
    return MetaOutcome::Failed;
  }
  if (!s.last_) {
    s.metaErr() << ":export: no result to export yet; run a query that returns nodes or "
                   "relationships first\n";
    return MetaOutcome::Failed;
  }
  Subgraph sub = subgraphOf(*s.last_, s.db_.graph());
  if (sub.nodes.empty() && sub.rels.empty()) {
    s.metaErr() << ":export: the last result refers to no nodes or relationships (return them, "
                   "e.g. RETURN n, r, p)\n";
    return MetaOutcome::Failed;
  }
  try {
    if (path.empty()) {  // :export dot '': never standard output
      throw Error(ErrorKind::IOError, "cannot write the file");
    }
    ProgressPhase progress(&s.progress_, target.render.empty() ? "Exporting" : "Rendering", 0,
                           ProgressUnit::Rows);
    exportSubgraph(s.db_.graph(), sub, target, s.info(), dot);
  } catch (const Error& e) {
    s.metaErr() << e.format() << "\n";
    return MetaOutcome::Failed;
  }
  // A file was written: said at the prompt as the other confirmations, and in a script too
  // (on standard error there, keeping standard output for results), since it is an action.
  std::ostream& said = s.quietMeta_ ? s.err_ : s.info();
  said << "Wrote " << sub.nodes.size() << (sub.nodes.size() == 1 ? " node" : " nodes") << " and "
       << sub.rels.size() << (sub.rels.size() == 1 ? " relationship" : " relationships") << " to "
       << path;
  if (!target.render.empty()) said << " (rendered as " << target.render << " by Graphviz)";
  said << "\n";
  return MetaOutcome::Ok;
}

namespace {

std::vector<std::string> splitChoices(std::string_view choices) {
  std::vector<std::string> out;
  for (size_t b = 0; b <= choices.size();) {
    size_t e = std::min(choices.find('|', b), choices.size());
    out.emplace_back(choices.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

std::vector<MetaCommand> buildTable() {
  using H = MetaCommandHandlers;
  const std::string modes = outputFormatChoices();
  return {
      {{":help"}, {":h", ":?"}, {{":help", "this text"}}, {}, false, H::help},
      {{":quit", ":exit"},
       {":q"},
       {{":quit, :exit", "leave the shell (in a query file: stop running it)"}},
       {},
       false,
       H::quit},
      {{":load"},
       {},
       {{":load [--merge] PATH...",
         "load JSON/CSV files, directories or a .sg database file\n(all or nothing; --merge "
         "updates nodes whose id exists)"}},
       {},
       true,
       H::load},
      {{":import"},
       {},
       {{":import SOURCE PATH...",
         "import a real source as published (countries, usgs-mcs,\n...; docs/world.md), all or "
         "nothing, with a summary"}},
       Database::importSources(),
       true,
       H::importSource},
      {{":schema"},
       {},
       {{":schema", "labels and relationship types with counts and properties"}},
       {},
       false,
       H::schema},
      {{":mode"},
       {":format"},
       {{":mode [" + modes + "]", "show or set the output format"}},
       splitChoices(modes),
       false,
       H::mode},
      {{":max-rows"},
       {":maxrows", ":max_rows"},
       {{":max-rows [N]",
         "show or set how many rows a table shows (40 at a terminal;\n0: all; scripts show all)"}},
       {},
       false,
       H::maxRows},
      {{":timer"},
       {},
       {{":timer [on|off]", "show or set whether each statement's time is printed"}},
       {"on", "off"},
       false,
       H::timer},
      {{":why"},
       {},
       {{":why", "show the sources the last result rests on (runs it again)"},
        {":why on|off", "show or stop showing the sources of every result"}},
       {"on", "off"},
       false,
       H::why},
      {{":param"},
       {},
       {{":param NAME => VALUE", "set $NAME to a Cypher expression, e.g. :param year => 2023"},
        {":param {NAME: VALUE, ...}", "set several at once (Neo4j 5's form)"}},
       {},
       false,
       H::param},
      {{":params"},
       {},
       {{":params [clear]", "list (or forget) the parameters"}},
       {"clear"},
       false,
       H::params},
      {{":source"},
       {},
       {{":source FILE", "run the statements and meta-commands of a query file"}},
       {},
       true,
       H::source},
      {{":export"},
       {},
       {{":export dot FILE",
         "write the last result's nodes and relationships: FILE.svg,\n.png or .pdf rendered "
         "with Graphviz, FILE.dot or .gv as DOT"},
        {":export graphml FILE", "the same as GraphML (FILE.graphml)"}},
       {"dot", "graphml"},
       true,
       H::exportLast},
      {{":begin"},
       {},
       {{":begin",
         "open a transaction: the statements up to :commit are\none change, logged at :commit"}},
       {},
       false,
       H::transaction},
      {{":commit"}, {}, {{":commit", "commit the open transaction"}}, {}, false, H::transaction},
      {{":rollback"}, {}, {{":rollback", "undo the open transaction"}}, {}, false, H::transaction},
      {{":checkpoint"},
       {},
       {{":checkpoint", "fold the write-ahead log into the database file"}},
       {},
       false,
       H::transaction},
  };
}

}  // namespace

const std::vector<MetaCommand>& metaCommands() {
  static const std::vector<MetaCommand> table = [] {
    std::vector<MetaCommand> t = buildTable();
    for (auto& c : limitCommands()) t.push_back(std::move(c));
    return t;
  }();
  return table;
}

const MetaCommand* findMetaCommand(std::string_view name) {
  std::string key = asciiLower(name);
  for (const auto& cmd : metaCommands()) {
    for (const auto& n : cmd.names)
      if (n == key) return &cmd;
    for (const auto& n : cmd.shortcuts)
      if (n == key) return &cmd;
  }
  return nullptr;
}

std::string metaHelpText() {
  std::string out =
      "Statements end with ';' and may span several lines. Ctrl-C cancels a running query\n"
      "or clears the line being typed; Ctrl-D or :quit leaves. Tab completes keywords, labels\n"
      "and types (after ':'), property keys (after '.'), parameters (after '$') and file names\n"
      "(after :load, :source and :export). Meta-commands take one line each; they also work in\n"
      "query files (-f, :source) and on standard input, on lines between statements.\n\n";
  constexpr size_t kUsageColumns = 27;  // descriptions start in column 30
  for (const auto& cmd : metaCommands()) {
    for (const auto& row : cmd.help) {
      std::string line = "  " + row.usage;
      line += row.usage.size() < kUsageColumns ? std::string(kUsageColumns - row.usage.size(), ' ')
                                               : std::string(3, ' ');
      for (char ch : row.description)
        line += ch == '\n' ? "\n" + std::string(kUsageColumns + 2, ' ') : std::string(1, ch);
      out += line + "\n";
    }
  }
  return out;
}

std::string suggestMetaCommand(std::string_view name) {
  std::vector<std::string_view> known;
  for (const auto& cmd : metaCommands())
    for (const auto& n : cmd.names) known.push_back(n);
  std::string best = text::closest(name, known, 2);
  if (best.empty() && name.size() > 2) {
    // A prefix of one command only (":sch", ":expo").
    for (std::string_view k : known) {
      if (text::startsWithIgnoreAsciiCase(k, name)) {
        if (!best.empty()) return {};
        best = std::string(k);
      }
    }
  }
  return best.empty() ? std::string() : " Did you mean " + best + "?";
}

MetaOutcome Session::runMeta(std::string_view rawLine, const ScriptPlace* place) {
  std::string_view line = trim(rawLine);
  MetaCall call{rawLine, {}, {}, {}, place};
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
                 ":" + std::to_string(call.columnOf(line.data()) + 1) + ": ";
  }
  if (!line.empty() && line.back() == ';') line = trim(line.substr(0, line.size() - 1));
  size_t sp = line.find_first_of(" \t");
  call.name = asciiLower(line.substr(0, sp));
  call.rest = sp == std::string_view::npos ? std::string_view{} : trim(line.substr(sp));
  call.args = splitArgs(call.rest);
  if (const MetaCommand* cmd = findMetaCommand(call.name)) return cmd->handler(*this, call);
  metaErr() << "Unknown command " << call.name << "." << suggestMetaCommand(call.name)
            << " Type :help for the list.\n";
  return MetaOutcome::Failed;
}

}  // namespace silkgraph::shell
