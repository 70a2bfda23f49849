// tck_runner: runs openCypher TCK scenarios (JSON Lines, format in ../shared/tck/README.md)
// against silkgraph::Database and reports per scenario and per area.
//
//   tck_runner FILE.jsonl [--ratchet FILE] [--update-ratchet FILE] [--filter SUBSTR]
//              [--verbose] [--timeout SECONDS] [--no-fork] [--report-md FILE]
//
// The scenarios run in a forked child process by default, one after another (tck_worker.h),
// so that an engine crash or a query that ignores cancellation costs one scenario, never the
// whole run. Inside the child a watchdog sets the cancel flag passed to Database::execute
// after --timeout seconds; the parent kills the child if it still has not answered a while
// later, and the next scenario starts a new child.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/error.h"
#include "main/database.h"
#include "query/value_format.h"
#include "tests/tck/tck_procedures.h"
#include "tests/tck/tck_values.h"
#include "tests/tck/tck_worker.h"

using nlohmann::json;
using namespace silkgraph;

namespace {

struct Options {
  std::string file;
  std::string ratchet;
  std::string updateRatchet;
  std::string filter;
  std::string reportMd;
  bool verbose = false;
  bool fork = true;
  double timeoutSec = 5.0;
};

using tck::Outcome;

// ---------------------------------------------------------------- helpers

std::string oneLine(std::string s, size_t max) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  if (max && s.size() > max) s = s.substr(0, max) + "...";
  return s;
}

template <class S>  // std::string, SharedString (QueryResult::columns)
std::string joinStrings(const std::vector<S>& v, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += std::string_view(v[i]);
  }
  return out;
}

std::string errorText(const Error& e) {
  std::string s = errorKindName(e.kind());
  s += e.phase() == ErrorPhase::CompileTime ? " (compile time" : " (runtime";
  if (!e.detail().empty()) s += ", " + e.detail();
  s += "): ";
  s += e.what();
  return s;
}

// Everything the TCK counts for side effects, keyed so that set differences give the counts.
struct Snapshot {
  std::set<NodeId> nodes;
  std::set<RelId> rels;
  std::set<std::string> labels;
  std::set<std::string> props;  // "n<id>\x1f<key>\x1f<value>" or "r<id>..."
};

Snapshot snapshot(const Graph& g) {
  Snapshot s;
  g.forEachNode([&](NodeId n) {
    s.nodes.insert(n);
    for (LabelId l : g.nodeLabels(n)) s.labels.insert(g.labelName(l));
    g.forEachNodeProperty(n, [&](KeyId k, const Value& v) {
      if (!v.isNull())
        s.props.insert("n" + std::to_string(n) + "\x1f" + g.keyName(k) + "\x1f" +
                       tck::canonical(tck::fromValue(v, g)));
    });
    return true;
  });
  g.forEachRel([&](RelId r) {
    s.rels.insert(r);
    g.forEachRelProperty(r, [&](KeyId k, const Value& v) {
      if (!v.isNull())
        s.props.insert("r" + std::to_string(r) + "\x1f" + g.keyName(k) + "\x1f" +
                       tck::canonical(tck::fromValue(v, g)));
    });
    return true;
  });
  return s;
}

template <typename T>
int64_t countMissing(const std::set<T>& a, const std::set<T>& b) {  // |a \ b|
  int64_t n = 0;
  for (const auto& x : a)
    if (!b.count(x)) ++n;
  return n;
}

std::optional<std::string> compareSideEffects(const Snapshot& before, const Snapshot& after,
                                              const json& expected) {
  std::map<std::string, int64_t> actual = {
      {"+nodes", countMissing(after.nodes, before.nodes)},
      {"-nodes", countMissing(before.nodes, after.nodes)},
      {"+relationships", countMissing(after.rels, before.rels)},
      {"-relationships", countMissing(before.rels, after.rels)},
      {"+labels", countMissing(after.labels, before.labels)},
      {"-labels", countMissing(before.labels, after.labels)},
      {"+properties", countMissing(after.props, before.props)},
      {"-properties", countMissing(before.props, after.props)},
  };
  std::vector<std::string> diffs;
  for (const auto& [key, got] : actual) {
    int64_t want = expected.contains(key) ? expected[key].get<int64_t>() : 0;
    if (want != got)
      diffs.push_back(key + " expected " + std::to_string(want) + " got " + std::to_string(got));
  }
  if (diffs.empty()) return std::nullopt;
  return "side effects differ: " + joinStrings(diffs, ", ");
}

// Canonical text of every row, in the expected column order.
std::vector<std::string> actualRows(const QueryResult& r, const std::vector<size_t>& colMap,
                                    const Graph& g, bool ilo) {
  std::vector<std::string> rows;
  for (const auto& row : r.rows) {
    std::vector<std::string> cells;
    for (size_t c : colMap)
      cells.push_back(c < row.size() ? tck::canonical(tck::fromValue(row[c], g), ilo)
                                     : "<missing cell>");
    rows.push_back(joinStrings(cells, " | "));
  }
  return rows;
}

std::string listRows(const std::vector<std::string>& rows, size_t max = 8) {
  std::vector<std::string> shown;
  for (size_t i = 0; i < rows.size() && i < max; ++i) shown.push_back("(" + rows[i] + ")");
  std::string s = "[" + joinStrings(shown, ", ");
  if (rows.size() > max) s += ", ... " + std::to_string(rows.size() - max) + " more";
  return s + "]";
}

// Compares a successful result with a "rows" or "empty" expectation.
std::optional<std::string> compareResult(const QueryResult& r, const json& expect, const Graph& g) {
  const std::string kind = expect["kind"];
  if (kind == "empty") {
    if (r.rows.empty()) return std::nullopt;
    std::vector<size_t> all;
    for (size_t i = 0; i < r.columns.size(); ++i) all.push_back(i);
    return "expected an empty result, got " + std::to_string(r.rows.size()) +
           " rows: " + listRows(actualRows(r, all, g, false), 3);
  }
  std::vector<std::string> cols = expect["columns"].get<std::vector<std::string>>();
  // Columns are compared as names (the TCK compares rows as maps), then aligned.
  std::vector<size_t> colMap;
  bool colsOk = cols.size() == r.columns.size();
  for (const auto& c : cols) {
    auto it = std::find(r.columns.begin(), r.columns.end(), c);
    if (it == r.columns.end()) {
      colsOk = false;
      break;
    }
    colMap.push_back(static_cast<size_t>(it - r.columns.begin()));
  }
  if (!colsOk)
    return "columns differ: expected [" + joinStrings(cols, ", ") + "], got [" +
           joinStrings(r.columns, ", ") + "]";
  bool ilo = expect["ignore_list_order"].get<bool>();
  std::vector<std::string> want;
  for (const auto& row : expect["rows"]) {
    std::vector<std::string> cells;
    for (const auto& cell : row) {
      try {
        cells.push_back(tck::canonical(tck::parseTck(cell.get<std::string>()), ilo));
      } catch (const tck::ParseError& e) {
        return std::string("cannot parse expected cell: ") + e.what();
      }
    }
    want.push_back(joinStrings(cells, " | "));
  }
  std::vector<std::string> got = actualRows(r, colMap, g, ilo);
  bool ordered = expect["ordered"].get<bool>();
  if (ordered) {
    if (want == got) return std::nullopt;
    return "rows differ (in order): expected " + listRows(want) + ", got " + listRows(got);
  }
  std::vector<std::string> ws = want, gs = got;
  std::sort(ws.begin(), ws.end());
  std::sort(gs.begin(), gs.end());
  if (ws == gs) return std::nullopt;
  std::vector<std::string> missing, extra;
  std::set_difference(ws.begin(), ws.end(), gs.begin(), gs.end(), std::back_inserter(missing));
  std::set_difference(gs.begin(), gs.end(), ws.begin(), ws.end(), std::back_inserter(extra));
  return "rows differ (any order): expected " + std::to_string(want.size()) + " rows, got " +
         std::to_string(got.size()) + "; missing " + listRows(missing) + ", unexpected " +
         listRows(extra);
}

// The TCK (like Neo4j) reports compile-time semantic failures as SyntaxError; silkgraph
// splits them into SyntaxError and SemanticError, so both answer an expected SyntaxError.
bool kindMatches(const std::string& expected, ErrorKind actual) {
  std::string got = errorKindName(actual);
  if (got == expected) return true;
  return expected == "SyntaxError" && actual == ErrorKind::SemanticError;
}

// Checks an error (or its absence) against an "error" expectation.
std::optional<std::string> compareError(const std::optional<Error>& err, size_t rowsIfOk,
                                        const json& expect, std::string& note) {
  std::string want = expect["error"].get<std::string>();
  std::string phase =
      expect["error_phase"].is_string() ? expect["error_phase"].get<std::string>() : "any time";
  std::string detail =
      expect["error_detail"].is_string() ? expect["error_detail"].get<std::string>() : "*";
  std::string wantText = want + " at " + phase + (detail != "*" ? ": " + detail : "");
  if (!err)
    return "expected " + wantText + ", but the query succeeded with " + std::to_string(rowsIfOk) +
           " rows";
  if (err->kind() == ErrorKind::Cancelled) return "timed out (cancelled) instead of " + wantText;
  bool phaseOk =
      phase == "any time" || (phase == "compile time") == (err->phase() == ErrorPhase::CompileTime);
  if (!kindMatches(want, err->kind()) || !phaseOk)
    return "expected " + wantText + ", got " + errorText(*err);
  if (detail != "*" && err->detail() != detail)
    note = "error detail: expected " + detail + ", got '" + err->detail() + "'";
  return std::nullopt;
}

// ---------------------------------------------------------------- one scenario

// Sets the cancel flag once the scenario has run for too long.
class Watchdog {
 public:
  Watchdog(std::atomic<bool>& flag, double seconds)
      : thread_([this, &flag, seconds] {
          std::unique_lock lock(m_);
          if (!cv_.wait_for(lock, std::chrono::duration<double>(seconds), [this] { return done_; }))
            flag = true;
        }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(m_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

Outcome runScenarioBody(const json& s, const Options& opt) {
  Outcome out;
  auto fail = [&](std::string why) {
    out.pass = false;
    out.why = std::move(why);
    return out;
  };

  std::atomic<bool> cancel{false};
  Watchdog watchdog(cancel, opt.timeoutSec);
  Database db;
  try {
    tck::registerProcedures(db, s["procedures"]);
  } catch (const std::exception& e) {
    return fail(std::string("cannot register the test procedures: ") + e.what());
  }

  size_t step = 0;
  for (const auto& q : s["setup"]) {
    ++step;
    try {
      db.execute(q.get<std::string>(), {}, &cancel);
    } catch (const Error& e) {
      return fail("setup query " + std::to_string(step) + " failed: " + errorText(e));
    }
  }

  Params params;
  for (const auto& [name, text] : s["params"].items()) {
    try {
      params[name] = tck::toValue(tck::parseTck(text.get<std::string>()));
    } catch (const tck::ParseError& e) {
      return fail("cannot parse parameter $" + name + ": " + e.what());
    }
  }

  const json& expect = s["expect"];
  Snapshot before = snapshot(db.graph());
  std::optional<Error> err;
  QueryResult result;
  try {
    result = db.execute(s["query"].get<std::string>(), params, &cancel);
  } catch (const Error& e) {
    err = e;
  }
  Snapshot after = snapshot(db.graph());

  const std::string kind = expect["kind"];
  if (kind == "error") {
    if (auto why = compareError(err, result.rows.size(), expect, out.note)) return fail(*why);
  } else {
    if (err) {
      if (err->kind() == ErrorKind::Cancelled) return fail("timed out (cancelled)");
      return fail("unexpected error: " + errorText(*err));
    }
    if (auto why = compareResult(result, expect, db.graph())) return fail(*why);
  }
  if (expect["side_effects"].is_object()) {
    if (auto why = compareSideEffects(before, after, expect["side_effects"])) return fail(*why);
  }

  step = 0;
  for (const auto& c : s["control"]) {
    ++step;
    std::string prefix = "control query " + std::to_string(step) + ": ";
    std::optional<Error> cerr;
    QueryResult cr;
    try {
      cr = db.execute(c["query"].get<std::string>(), {}, &cancel);
    } catch (const Error& e) {
      cerr = e;
    }
    const json& ce = c["expect"];
    if (ce["kind"] == "error") {
      std::string ignored;
      if (auto why = compareError(cerr, cr.rows.size(), ce, ignored)) return fail(prefix + *why);
    } else if (cerr) {
      return fail(prefix + "unexpected error: " + errorText(*cerr));
    } else if (auto why = compareResult(cr, ce, db.graph())) {
      return fail(prefix + *why);
    }
  }
  out.pass = true;
  return out;
}

Outcome runScenarioGuarded(const json& s, const Options& opt) {
  try {
    return runScenarioBody(s, opt);
  } catch (const Error& e) {
    return {false, "error outside the query under test: " + errorText(e), {}};
  } catch (const std::exception& e) {
    return {false, std::string("exception: ") + e.what(), {}};
  } catch (...) {
    return {false, "unknown exception", {}};
  }
}

// ---------------------------------------------------------------- main

void usage() {
  std::cerr << "usage: tck_runner FILE.jsonl [--ratchet FILE] [--update-ratchet FILE]\n"
               "                  [--filter SUBSTR] [--verbose] [--timeout SECONDS] [--no-fork]\n"
               "                  [--report-md FILE]\n";
}

std::set<std::string> readIds(const std::string& path, bool mustExist) {
  std::set<std::string> ids;
  std::ifstream in(path);
  if (!in) {
    if (mustExist) throw std::runtime_error(path + ": cannot read the ratchet file");
    return ids;
  }
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    ids.insert(line);
  }
  return ids;
}

struct AreaCount {
  int passed = 0, failed = 0, skipped = 0;
};

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--ratchet")
      opt.ratchet = next();
    else if (a == "--update-ratchet")
      opt.updateRatchet = next();
    else if (a == "--filter")
      opt.filter = next();
    else if (a == "--report-md")
      opt.reportMd = next();
    else if (a == "--verbose" || a == "-v")
      opt.verbose = true;
    else if (a == "--no-fork")
      opt.fork = false;
    else if (a == "--timeout")
      opt.timeoutSec = std::stod(next());
    else if (a == "--help" || a == "-h") {
      usage();
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << "tck_runner: unknown option " << a << "\n";
      usage();
      return 2;
    } else if (opt.file.empty()) {
      opt.file = a;
    } else {
      usage();
      return 2;
    }
  }
  if (opt.file.empty()) {
    usage();
    return 2;
  }

  std::ifstream in(opt.file);
  if (!in) {
    std::cerr << opt.file << ": cannot open\n";
    return 2;
  }
  std::vector<json> scenarios;
  std::string line;
  size_t lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      json s = json::parse(line);
      for (const char* key : {"id", "query", "expect"})
        if (!s.contains(key)) throw std::runtime_error(std::string("missing key \"") + key + "\"");
      // Optional keys get their neutral values so that smaller extracts run unchanged.
      if (!s.contains("area") || !s["area"].is_string()) s["area"] = "(none)";
      for (const char* key : {"setup", "control", "procedures"})
        if (!s.contains(key) || s[key].is_null()) s[key] = json::array();
      if (!s.contains("params") || s["params"].is_null()) s["params"] = json::object();
      if (!s.contains("ignored")) s["ignored"] = false;
      json& e = s["expect"];
      if (!e.contains("ordered")) e["ordered"] = false;
      if (!e.contains("ignore_list_order")) e["ignore_list_order"] = false;
      if (!e.contains("kind")) throw std::runtime_error("missing key \"expect.kind\"");
      scenarios.push_back(std::move(s));
    } catch (const std::exception& ex) {
      std::cerr << opt.file << ":" << lineNo << ": malformed scenario: " << ex.what() << "\n";
      return 2;
    }
  }

  std::set<std::string> ratchet;
  try {
    if (!opt.ratchet.empty()) ratchet = readIds(opt.ratchet, true);
  } catch (const std::exception& ex) {
    std::cerr << ex.what() << "\n";
    return 2;
  }

  std::map<std::string, AreaCount> areas;
  int passed = 0, failed = 0, skipped = 0, corePassed = 0, coreTotal = 0, notes = 0;
  std::vector<std::string> passingIds, regressions, newlyPassing;
  std::vector<std::pair<std::string, std::string>> failures;  // id, reason
  // One child runs the scenarios in turn (a new one after a crash or a hang).
  tck::ScenarioWorker worker([&](size_t i) { return runScenarioGuarded(scenarios[i], opt); },
                             opt.timeoutSec * 2 + 10);
  for (size_t index = 0; index < scenarios.size(); ++index) {
    const json& s = scenarios[index];
    const std::string id = s["id"];
    if (!opt.filter.empty() && id.find(opt.filter) == std::string::npos) continue;
    AreaCount& area = areas[s["area"].get<std::string>()];
    if (s["ignored"].is_boolean() && s["ignored"].get<bool>()) {
      ++skipped;
      ++area.skipped;
      continue;
    }
    bool core = s.contains("tier") && s["tier"] == "core";
    Outcome o = opt.fork ? worker.run(index) : runScenarioGuarded(s, opt);
    if (core) ++coreTotal;
    if (o.pass) {
      ++passed;
      ++area.passed;
      if (core) ++corePassed;
      passingIds.push_back(id);
      if (!opt.ratchet.empty() && !ratchet.count(id)) newlyPassing.push_back(id);
      if (!o.note.empty()) {
        ++notes;
        if (opt.verbose) std::cout << "NOTE " << id << ": " << o.note << "\n";
      }
      if (opt.verbose) std::cout << "PASS " << id << "\n";
    } else {
      ++failed;
      ++area.failed;
      failures.emplace_back(id, o.why);
      if (ratchet.count(id)) regressions.push_back(id);
      std::cout << "FAIL " << id << ": " << oneLine(o.why, opt.verbose ? 0 : 600) << "\n";
      if (opt.verbose) {
        std::cout << "  query: " << oneLine(s["query"].get<std::string>(), 0) << "\n";
        for (const auto& q : s["setup"]) std::cout << "  setup: " << oneLine(q, 0) << "\n";
      }
    }
    std::cout.flush();
  }

  // Per-area table.
  size_t width = 4;
  for (const auto& [name, c] : areas) width = std::max(width, name.size());
  std::cout << "\n";
  auto row = [&](const std::string& a, const std::string& p, const std::string& f,
                 const std::string& k) {
    std::cout << a << std::string(width - a.size() + 2, ' ');
    for (const std::string* cell : {&p, &f, &k})
      std::cout << std::string(9 - std::min<size_t>(9, cell->size()), ' ') << *cell;
    std::cout << "\n";
  };
  row("area", "passed", "failed", "skipped");
  for (const auto& [name, c] : areas)
    row(name, std::to_string(c.passed), std::to_string(c.failed), std::to_string(c.skipped));
  row("total", std::to_string(passed), std::to_string(failed), std::to_string(skipped));
  std::cout << "\n";
  auto pct = [](int a, int b) {
    std::ostringstream o;
    o.setf(std::ios::fixed);
    o.precision(1);
    o << (b ? 100.0 * a / b : 0.0) << "%";
    return o.str();
  };
  std::cout << "tier core: " << corePassed << "/" << coreTotal << " passed ("
            << pct(corePassed, coreTotal) << "); all: " << passed << "/" << passed + failed << " ("
            << pct(passed, passed + failed) << ")\n";
  if (notes) std::cout << notes << " passing error scenarios differ in the error detail code\n";

  if (!opt.reportMd.empty()) {
    std::ofstream md(opt.reportMd);
    md << "| area | passed | failed | skipped |\n|---|---:|---:|---:|\n";
    for (const auto& [name, c] : areas)
      md << "| " << name << " | " << c.passed << " | " << c.failed << " | " << c.skipped << " |\n";
    md << "| **total** | **" << passed << "** | **" << failed << "** | **" << skipped << "** |\n\n";
    md << "Tier `core`: " << corePassed << " of " << coreTotal << " pass ("
       << pct(corePassed, coreTotal) << "). All scenarios: " << passed << " of " << passed + failed
       << " (" << pct(passed, passed + failed) << ").\n";
    std::ofstream fl(opt.reportMd + ".failures");
    for (const auto& [id, why] : failures) fl << id << "\t" << oneLine(why, 300) << "\n";
  }

  if (!opt.ratchet.empty()) {
    if (!newlyPassing.empty()) {
      std::cout << newlyPassing.size() << " scenarios pass that are not in the ratchet "
                << opt.ratchet << (opt.updateRatchet.empty() ? " (use --update-ratchet)" : "")
                << ":\n";
      for (const auto& id : newlyPassing) std::cout << "  NEW PASS " << id << "\n";
    }
    for (const auto& id : regressions) std::cout << "REGRESSION " << id << "\n";
  }
  if (!opt.updateRatchet.empty()) {
    std::set<std::string> all = readIds(opt.updateRatchet, false);
    size_t before = all.size();
    all.insert(passingIds.begin(), passingIds.end());
    std::ofstream out(opt.updateRatchet);
    out << "# TCK scenario ids that must keep passing (tests/tck/tck_runner --ratchet).\n"
           "# Only grows: tck_runner --update-ratchet adds newly passing ids.\n";
    for (const auto& id : all) out << id << "\n";
    std::cout << "ratchet " << opt.updateRatchet << ": " << all.size() - before << " ids added, "
              << all.size() << " in total\n";
  }
  if (!regressions.empty()) std::cout << regressions.size() << " ratchet scenarios regressed\n";
  std::cout << passed << " passed, " << failed << " failed, " << skipped << " skipped" << std::endl;
  return regressions.empty() ? 0 : 1;
}
