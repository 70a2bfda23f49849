// Command line: parses options, loads the data, then runs -c, -f, stdin or the interactive
// shell. Usage errors exit 2, failed loads and statements exit 1, so scripts can tell them
// apart.
#include "shell/cli.h"

#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/spill.h"
#include "main/export.h"
#include "shell/bulk_export_command.h"
#include "shell/check_command.h"
#include "shell/import_command.h"
#include "shell/limit_commands.h"
#include "shell/repl.h"
#include "shell/script_interrupt.h"
#include "shell/session.h"

namespace po = boost::program_options;

namespace silkgraph::shell {

namespace {

constexpr const char* kVersion = "0.1.0";

constexpr const char* kUsage =
    "Usage: silkgraph [OPTIONS] [DATA...]\n"
    "       silkgraph export dot|graphml [DATA...] [--query Q] [-o FILE] [--render svg|png|pdf]\n"
    "       silkgraph export neo4j DATA... OUTDIR | export cypher DATA... [-o FILE]\n"
    "       silkgraph build DB.sg DATA...\n"
    "       silkgraph import SOURCE FILE_OR_DIR... [-o DB.sg]\n"
    "       silkgraph check DB.sg...\n"
    "       silkgraph serve DATA... [--bolt HOST:PORT] (--password-file FILE | --no-auth)\n"
    "       silkgraph passwd FILE USER\n"
    "\n"
    "Loads DATA (JSON or CSV files, or directories of them) into an in-memory graph, then\n"
    "runs Cypher statements: from -c, from a query file (-f), from standard input when it\n"
    "is not a terminal, or in an interactive shell (type :help there).\n"
    "`build` writes the loaded graph to a database file; DATA may then be that .sg file,\n"
    "which opens much faster than loading the files again.\n";

constexpr const char* kBuildUsage =
    "Usage: silkgraph build [--threads N] [--memory SIZE] [--cluster TYPE:in|out]... [--update]\n"
    "                       [--quiet] DB.sg DATA...\n"
    "\n"
    "Loads DATA (JSON or CSV files, directories, or a .sg file to extend) and writes the\n"
    "graph and its schema to the database file DB.sg, replacing it atomically. Open it with\n"
    "`silkgraph DB.sg` (or -f/-c/export dot/:load with DB.sg as DATA).\n"
    "With --update, a node whose id is already in the graph (e.g. in the .sg file given as\n"
    "DATA) is updated instead of refused: its properties are set and its labels added. All\n"
    "or nothing, as every load. On a terminal a progress bar shows on standard error;\n"
    "--quiet turns it off.\n"
    "Arrays past --memory SIZE (e.g. 8GB; default: half of the memory this process may use,\n"
    "the machine's or its container's, or all but 8 GB of it) go to unnamed temporary files\n"
    "beside DB.sg, which the system writes out when memory runs short: a graph larger than\n"
    "memory can be built (docs/storage.md, \"Building beyond memory\").\n"
    "--cluster TYPE:in numbers the TYPE relationships in the order of each node's incoming\n"
    "relationships (:out, outgoing), sorted by the type's adjacency order if it has one: a\n"
    "query that reads part of a node's incoming TYPE relationships then reads their\n"
    "properties side by side (docs/storage.md, \"Clustered relationships\").\n";

constexpr const char* kExportUsage =
    "Usage: silkgraph export dot|graphml [DATA...] [--query Q] [-o FILE] [--render svg|png|pdf]\n"
    "       silkgraph export neo4j|cypher --help   (the whole graph for Neo4j and others)\n"
    "\n"
    "Writes the whole graph, or the nodes and relationships a query returns, as Graphviz\n"
    "DOT or as GraphML, to standard output without -o. For dot, the -o FILE's extension\n"
    "says what to write: .svg, .png or .pdf a picture rendered by Graphviz `dot`, .dot or\n"
    ".gv (or no extension) the DOT text; --render svg|png|pdf asks for a picture whatever\n"
    "the name. Other extensions are refused. GraphML files end in .graphml or .xml.\n"
    "A picture stays readable: more than 1000 nodes or 2000 relationships are refused\n"
    "without --force (draw a part with --query ... LIMIT); larger pictures are laid out\n"
    "by sfdp, smaller ones by dot (--layout), parallel relationships are one arrow with\n"
    "their count, and --cluster-by groups nodes (docs/export.md).\n";

// After a usage mistake already reported: the pointer to --help, and exit status 2.
int usageHint(const char* prog = "silkgraph") {
  std::cerr << "Try '" << prog << " --help' for more information.\n";
  return 2;
}

int usageError(const std::string& message, const char* prog = "silkgraph") {
  std::cerr << prog << ": " << message << "\n";
  return usageHint(prog);
}

// Reads a query file, or standard input for "-". False with errno set when it cannot.
bool readAll(const std::string& path, std::string& out) {
  if (path != "-") return readFile(path, out);
  std::ostringstream ss;
  ss << std::cin.rdbuf();
  out = ss.str();
  return !std::cin.bad();
}

bool applyParams(Session& session, const std::vector<std::string>& params) {
  for (const auto& p : params) {
    size_t eq = p.find('=');
    if (eq == std::string::npos) {
      std::cerr << "silkgraph: --param '" << p << "': expected NAME=VALUE (VALUE a Cypher "
                << "literal, e.g. year=2023 or name='Kazakhstan')\n";
      return false;
    }
    std::string name = p.substr(0, eq);
    if (!session.setParam(name, std::string_view(p).substr(eq + 1), "--param " + name))
      return false;
  }
  return true;
}

int runExport(int argc, char** argv) {
  // argv[0] = "silkgraph", argv[1] = "export".
  po::options_description opts("Options");
  opts.add_options()("help,h", "show this help")("query,q", po::value<std::string>(),
                                                 "draw only the nodes and relationships Q returns")(
      "output,o", po::value<std::string>(), "write to FILE instead of standard output")(
      "render,r", po::value<std::string>(), "render with Graphviz: svg, png or pdf")(
      "param,p", po::value<std::vector<std::string>>()->composing(),
      "NAME=VALUE: query parameter $NAME (VALUE a Cypher literal); repeatable")(
      "title", po::value<std::string>(), "caption drawn above the picture")(
      "quiet", "no progress bar on standard error")(
      "layout", po::value<std::string>(),
      "dot: the Graphviz layout, auto (default: dot for small pictures, sfdp for larger ones), "
      "dot, sfdp, neato, fdp, circo or twopi")(
      "cluster-by", po::value<std::string>(),
      "dot: group nodes into boxes by a property (region) or by the node a relationship type "
      "leads to (PART_OF)")(
      "force", "dot: draw even more nodes or relationships than a picture can show readably");
  if (argc < 3 || std::string(argv[2]) == "--help" || std::string(argv[2]) == "-h") {
    (argc < 3 ? std::cerr : std::cout) << kExportUsage << "\n" << opts;
    return argc < 3 ? 2 : 0;
  }
  if (std::string(argv[2]) == "neo4j" || std::string(argv[2]) == "cypher")
    return runBulkExport(argc, argv);
  const std::optional<ExportFormat> format = parseExportFormat(argv[2]);
  if (!format)
    return usageError(
        "unknown format '" + std::string(argv[2]) + "' (supported: dot, graphml, neo4j, cypher)",
        "silkgraph export");
  po::options_description hidden;
  hidden.add_options()("data", po::value<std::vector<std::string>>()->composing());
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("data", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc - 2, argv + 2).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return usageError(e.what(), "silkgraph export");
  }
  if (vm.count("help")) {
    std::cout << kExportUsage << "\n" << opts;
    return 0;
  }
  std::string outPath = vm.count("output") ? vm["output"].as<std::string>() : "";
  std::string render = vm.count("render") ? vm["render"].as<std::string>() : "";
  if (*format == ExportFormat::Graphml && !render.empty())
    return usageError("--render applies to dot, not graphml", "silkgraph export");
  ExportTarget target;
  if (std::string problem = planExport(*format, outPath, render, target); !problem.empty()) {
    if (*format == ExportFormat::Dot && render.empty())
      problem += " (or give --render " + std::string(renderFormatChoices()) + ")";
    return usageError(problem, "silkgraph export");
  }

  if (vm.count("layout") && !isDotLayout(vm["layout"].as<std::string>()))
    return usageError("--layout: expected one of " + std::string(dotLayoutChoices()) + ", not '" +
                          vm["layout"].as<std::string>() + "'",
                      "silkgraph export");
  Session session(std::cout, std::cerr);
  session.setQuiet(vm.count("quiet") > 0);
  // Parameters are literals: a malformed one is a command-line mistake, found before a load.
  if (vm.count("param") && !applyParams(session, vm["param"].as<std::vector<std::string>>()))
    return usageHint("silkgraph export");
  if (!session.load(vm.count("data") ? vm["data"].as<std::vector<std::string>>()
                                     : std::vector<std::string>{}))
    return 1;
  Graph& graph = session.db().graph();
  Subgraph sub;
  if (vm.count("query")) {
    const std::string& q = vm["query"].as<std::string>();
    try {
      PreparedQuery prepared = session.db().prepare(q);
      // Unknown labels, types and keys are warned about as in the shell (the diagram would
      // silently be empty or miss them).
      for (const Notice& n : session.db().notices(prepared)) {
        std::cerr << "--query:";
        if (n.pos.known()) std::cerr << n.pos.line << ":" << n.pos.col << ":";
        std::cerr << " Warning: " << n.message << sourceExcerpt(q, n.pos) << "\n";
      }
      QueryResult r = session.db().execute(prepared, session.params());
      sub = subgraphOf(r, graph);
      if (sub.nodes.empty() && sub.rels.empty())
        std::cerr << "silkgraph export: warning: the query result refers to no nodes or "
                     "relationships; the diagram is empty (return nodes, relationships or "
                     "paths, e.g. RETURN n, r, p)\n";
    } catch (const Error& e) {
      Error copy = e;
      copy.setFile("--query");
      std::cerr << copy.format(q) << "\n";
      return 1;
    }
  } else {
    sub = wholeGraph(graph);
    if (sub.nodes.empty())
      std::cerr << "silkgraph export: warning: the graph is empty (no DATA loaded); the "
                   "diagram is empty\n";
  }
  DotOptions dotOptions;
  if (vm.count("title")) dotOptions.title = vm["title"].as<std::string>();
  if (vm.count("layout")) dotOptions.layout = vm["layout"].as<std::string>();
  if (vm.count("cluster-by")) dotOptions.clusterBy = vm["cluster-by"].as<std::string>();
  dotOptions.force = vm.count("force") > 0;
  try {
    ProgressPhase progress(&session.progress(), target.render.empty() ? "Exporting" : "Rendering",
                           0, ProgressUnit::Rows);
    exportSubgraph(graph, sub, target, std::cout, dotOptions);
  } catch (const Error& e) {
    std::cerr << e.format() << "\n";
    return 1;
  }
  return 0;
}

int runBuild(int argc, char** argv) {
  // argv[0] = "silkgraph", argv[1] = "build".
  std::vector<std::string> args(argv + 2, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << kBuildUsage;
    return args.empty() ? 2 : 0;
  }
  unsigned threads = 1;
  const auto quiet = std::find_if(args.begin(), args.end(),
                                  [](const std::string& a) { return a == "--quiet" || a == "-q"; });
  const bool beQuiet = quiet != args.end();
  if (beQuiet) args.erase(quiet);
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] != "--threads") continue;
    int n = 0;
    if (i + 1 < args.size()) {
      const std::string& v = args[i + 1];
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc() || end != v.data() + v.size()) n = 0;
    }
    if (n < 1 || n > 256)
      return usageError("--threads: expected a number from 1 to 256", "silkgraph build");
    threads = static_cast<unsigned>(n);
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
               args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
    break;
  }
  // Half of the usable memory, or all but 8 GB of it where that is more: the rest is for
  // the build's smaller allocations and the system (3/4 of a 1 GiB container was too much).
  const size_t usable = huge_pages::usableMemory(), reserve = size_t{8} << 30;
  size_t memory = std::max(usable / 2, usable > reserve ? usable - reserve : 0);
  if (auto it = std::find(args.begin(), args.end(), "--memory"); it != args.end()) {
    const auto bytes = it + 1 == args.end() ? std::nullopt : shell::parseMemoryLimit(*(it + 1));
    if (!bytes || *bytes == 0)
      return usageError("--memory: expected a size such as 512MB or 8GB", "silkgraph build");
    memory = static_cast<size_t>(*bytes);
    args.erase(it, it + 2);
  }
  std::vector<std::pair<std::string, Direction>> clusters;
  for (auto it = std::find(args.begin(), args.end(), "--cluster"); it != args.end();
       it = std::find(args.begin(), args.end(), "--cluster")) {
    const std::string spec = it + 1 == args.end() ? "" : *(it + 1);
    const size_t colon = spec.rfind(':');
    const std::string rows = colon == std::string::npos ? "" : spec.substr(colon + 1);
    if (colon == 0 || (rows != "in" && rows != "out"))
      return usageError(
          "--cluster: expected TYPE:in or TYPE:out (which rows of each node set "
          "the order), not '" +
              spec + "'",
          "silkgraph build");
    clusters.emplace_back(spec.substr(0, colon), rows == "in" ? Direction::In : Direction::Out);
    args.erase(it, it + 2);
  }
  bool update = false;
  if (auto it = std::find(args.begin(), args.end(), "--update"); it != args.end()) {
    update = true;
    args.erase(it);
  }
  if (args.empty()) return usageError("no database file given", "silkgraph build");
  const std::string& db = args[0];
  if (!Database::isDatabaseFile(db))
    return usageError("the database file must end in .sg, not '" + db + "'", "silkgraph build");
  std::vector<std::string> data(args.begin() + 1, args.end());
  if (data.empty()) return usageError("no DATA to load", "silkgraph build");
  const std::filesystem::path dir = std::filesystem::absolute(db).parent_path();
  // A missing directory is reported once, by the write below, not by a warning first.
  if (std::string why = huge_pages::startSpilling(dir.string(), memory);
      !why.empty() && std::filesystem::is_directory(dir))
    std::cerr << "silkgraph build: warning: the graph must fit in memory: " << why << "\n";
  Session session(std::cout, std::cerr);
  session.setQuiet(beQuiet);
  session.setLoadThreads(threads);
  // The schema's adjacency orders are sorted after the load: with the same threads.
  session.db().setThreads(threads);
  if (update) {
    // A .sg file among DATA is opened first: what the other files update must be there.
    std::stable_partition(data.begin(), data.end(),
                          [](const std::string& p) { return Database::isDatabaseFile(p); });
  }
  if (!session.load(data, update)) return 1;
  try {
    for (const auto& [type, dir] : clusters)
      if (std::string why = session.db().clusterRelationships(type, dir); !why.empty())
        std::cerr << "silkgraph build: warning: --cluster " << type
                  << (dir == Direction::In ? ":in" : ":out") << " not done: " << why << "\n";
    session.db().save(db);
    session.progress().summary("");
  } catch (const Error& e) {
    std::cerr << e.format() << "\n";
    return 1;
  }
  const Graph& g = session.db().graph();
  std::cout << "Wrote " << db << ": " << g.nodeCount() << " nodes, " << g.relCount()
            << " relationships";
  if (update) std::cout << " (" << session.lastLoad().updatedNodes << " nodes updated)";
  if (const size_t spilled = huge_pages::usage().peakSpilledBytes; spilled > 0)
    std::cout << " (up to " << formatBytes(spilled) << " of it in temporary files past --memory "
              << formatBytes(memory) << ")";
  std::cout << ".\n";
  return 0;
}

// The shell's options, as --help lists them.
po::options_description shellOptions() {
  po::options_description opts("Options");
  opts.add_options()("help,h", "show this help and exit")("version,V", "show the version and exit")(
      "file,f", po::value<std::string>(),
      "run a query file: statements and meta-commands such as :param ('-': stdin)")(
      "command,c", po::value<std::string>(), "run one query (or several, separated by ';')")(
      "format", po::value<std::string>()->default_value("box"),
      "output format: box, csv, json (one document per run), jsonl, markdown or line")(
      "param,p", po::value<std::vector<std::string>>()->composing(),
      "NAME=VALUE: query parameter $NAME (VALUE a Cypher literal); repeatable")(
      "quiet,q", "no progress bars or their summaries on standard error")(
      "keep-going,k", "after a failing statement, run the rest (exit status is still 1)")(
      "read-only", "open the database file DB.sg for reading only (statements that write fail)")(
      "timer", "print how long each statement takes")(
      "why", "show the sources (citations) each result row rests on, and conflicting facts")(
      "timeout", po::value<std::string>(),
      "SECONDS a statement may run before it is stopped (also :timeout)")(
      "max-memory", po::value<std::string>(),
      "SIZE (e.g. 512MB, 2GB) of rows and values one statement may hold (also :max-memory)")(
      "as-of", po::value<std::string>(),
      "DATE (YYYY-MM-DD): statements see only the nodes and relationships valid on that day "
      "(also :as-of; docs/time.md)")(
      "threads", po::value<int>()->default_value(1),
      "threads to use where a second core helps: the load (the threads parse a large "
      "relationship file in chunks) and aggregations over every relationship of a type (the "
      "scan is split); same results")(
      "array-delimiter", po::value<std::string>(),
      "C: the character between the elements of CSV array cells and the labels of :LABEL "
      "cells (default ';'; neo4j-admin's --array-delimiter)")(
      "import-dir", po::value<std::string>(),
      "DIR where LOAD CSV reads 'file:///NAME.csv' (default: the current directory); no file "
      "outside it can be read");
  return opts;
}

bool wantColor() {
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") && term && std::string(term) != "dumb";
}

// The one character of --array-delimiter, or nothing when it is not one that can separate
// elements (the field delimiter, a quote or a line break).
std::optional<char> parseArrayDelimiter(const std::string& d) {
  if (d.size() != 1 || d[0] == '"' || d[0] == ',' || d[0] == '\n' || d[0] == '\r')
    return std::nullopt;
  return d[0];
}

}  // namespace

int runMain(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "export") return runExport(argc, argv);
  if (argc >= 2 && std::string(argv[1]) == "build") return runBuild(argc, argv);
  if (argc >= 2 && std::string(argv[1]) == "import") return runImport(argc, argv);
  if (argc >= 2 && std::string(argv[1]) == "check") return runCheck(argc, argv);

  po::options_description opts = shellOptions();
  po::options_description hidden;
  hidden.add_options()("data", po::value<std::vector<std::string>>()->composing());
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("data", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return usageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << kUsage << "\n"
              << opts
              << "\nExamples:\n"
                 "  silkgraph samples/central-asia-korea\n"
                 "  silkgraph -f samples/central-asia-korea/questions.cypher "
                 "samples/central-asia-korea\n"
                 "  silkgraph -c \"MATCH (n:Nation) RETURN n.name\" --format csv "
                 "samples/central-asia-korea\n"
                 "  silkgraph export dot samples/central-asia-korea -o graph.svg\n"
                 "  silkgraph build sample.sg samples/central-asia-korea && silkgraph sample.sg\n";
    return 0;
  }
  if (vm.count("version")) {
    std::cout << "silkgraph " << kVersion << "\n";
    return 0;
  }
  auto format = parseOutputFormat(vm["format"].as<std::string>());
  if (!format)
    return usageError("--format: expected one of " + std::string(outputFormatChoices()) +
                      ", not '" + vm["format"].as<std::string>() + "'");
  if (vm.count("file") && vm.count("command"))
    return usageError("use either -f FILE or -c QUERY, not both");

  const int threads = vm["threads"].as<int>();
  if (threads < 1 || threads > 256) return usageError("--threads: expected a number from 1 to 256");
  std::optional<double> timeout = 0.0;
  if (vm.count("timeout") && !(timeout = parseTimeout(vm["timeout"].as<std::string>())))
    return usageError("--timeout: expected a number of seconds (e.g. 2 or 0.5) or off, not '" +
                      vm["timeout"].as<std::string>() + "'");
  std::optional<uint64_t> maxMemory = uint64_t{0};
  if (vm.count("max-memory") && !(maxMemory = parseMemoryLimit(vm["max-memory"].as<std::string>())))
    return usageError("--max-memory: expected a size such as 512MB or 2GB, not '" +
                      vm["max-memory"].as<std::string>() + "'");
  std::optional<char> arrayDelimiter = ';';
  if (vm.count("array-delimiter") &&
      !(arrayDelimiter = parseArrayDelimiter(vm["array-delimiter"].as<std::string>())))
    return usageError(
        "--array-delimiter: expected one character other than the field "
        "delimiter, a quote or a line break, not '" +
        vm["array-delimiter"].as<std::string>() + "'");
  std::optional<std::optional<Date>> asOf = std::optional<Date>();
  if (vm.count("as-of") && !(asOf = parseAsOf(vm["as-of"].as<std::string>())))
    return usageError("--as-of: expected a date such as 2025-07-01 (YYYY-MM-DD) or off, not '" +
                      vm["as-of"].as<std::string>() + "'");
  const std::string importDir = vm.count("import-dir") ? vm["import-dir"].as<std::string>() : "";
  if (std::error_code ec; !importDir.empty() && !std::filesystem::is_directory(importDir, ec))
    return usageError("--import-dir: '" + importDir + "' is not a directory");
  Session session(std::cout, std::cerr);
  session.setQuiet(vm.count("quiet") > 0);
  session.setArrayDelimiter(*arrayDelimiter);
  session.db().setImportDir(importDir);
  session.setAsOf(*asOf);
  session.setTimeout(*timeout);
  session.setMaxMemory(*maxMemory);
  session.setLoadThreads(static_cast<unsigned>(threads));
  session.db().setThreads(static_cast<unsigned>(threads));
  session.printOptions().format = *format;
  session.setTimer(vm.count("timer") > 0);
  session.setWhy(vm.count("why") > 0);
  session.setColor(wantColor());
  bool interactive = !vm.count("file") && !vm.count("command") && isatty(STDIN_FILENO);
  session.setInteractive(interactive);
  // Parameters are literals: a malformed one is a command-line mistake, found before a load.
  if (vm.count("param") && !applyParams(session, vm["param"].as<std::vector<std::string>>()))
    return usageHint();
  const std::vector<std::string> data =
      vm.count("data") ? vm["data"].as<std::vector<std::string>>() : std::vector<std::string>{};
  const bool readOnly = vm.count("read-only") > 0;
  // One database file is opened as the database (read-write unless --read-only: what the
  // statements change is kept); anything else is loaded into memory.
  if (data.size() == 1 && Database::isDatabaseFile(data[0])) {
    if (!session.open(data[0], readOnly)) return 1;
  } else {
    if (readOnly) return usageError("--read-only applies to one database file DB.sg as DATA");
    if (!session.load(data)) return 1;
  }

  RunOptions run;
  run.keepGoing = vm.count("keep-going") > 0;
  bool ok = true;
  if (interactive) {
    runRepl(session);
    return session.close() ? 0 : 1;
  }
  // Ctrl-C cancels the running statement (rolled back) and stops the script: status 130.
  ScriptInterrupt sigint(session);
  if (vm.count("command")) {
    ok = session.runScript(vm["command"].as<std::string>(), "", run);
    ok = session.endScript("") && ok;
  } else {
    std::string file = vm.count("file") ? vm["file"].as<std::string>() : "-";
    auto text = std::make_shared<std::string>();
    if (!readAll(file, *text)) {
      std::cerr << file << ": IOError: cannot read the file: " << std::strerror(errno) << "\n";
      session.close();
      return 1;
    }
    run.showComments = true;
    const std::string name = file == "-" ? "<stdin>" : file;
    ok = session.runScript(std::shared_ptr<const std::string>(std::move(text)), name, run);
    ok = session.endScript(name) && ok;
  }
  // A clean exit folds the log into the database file.
  ok = session.close() && ok;
  return sigint.interrupted() ? ScriptInterrupt::kExitStatus : ok ? 0 : 1;
}

}  // namespace silkgraph::shell
