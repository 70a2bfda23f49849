// bench_silkgraph: silkgraph side of `make bench` / `make bench-peers`. Loads a benchmark data
// directory once (CSV -> queryable, timed), then runs each query file one warm-up time plus
// --runs timed times in this process and reports median/min per query, peak RSS
// (getrusage) and bytes per relationship (Graph::stats()). A query that exceeds --timeout
// seconds is cancelled and reported as such instead of stalling the harness.
//
// Each query is parsed once (Database::prepare) and the timed runs execute the prepared
// statement (bind, plan, execute, result rows), as bench/sqlite_runner.py times SQLite through
// the sqlite3 module's statement cache, which prepares a repeated SQL text once. --no-prepare
// times execute(text) instead, parse included. --threads N is the thread count of the load
// (LoadOptions::threads) and of the queries (Database::setThreads: aggregations over a whole
// relationship type split their scan).
//
// Last (after the peak RSS of load and queries is recorded), the graph is written to a
// database file (silkgraph build's writeGraphFile) under DATA/results/ and opened three times
// the way `silkgraph DB.sg` opens it (Database::load into a fresh database,
// the file in the page cache): the median is the open time, against the CSV load time.
// --no-db-file skips that. --as-of DATE runs every query with that view date (docs/time.md):
// compare with and without it on data generated with and without --valid-time.
// --no-schema loads only DATA's CSV files (no schema.json: no key declarations, no adjacency
// order); --setup STATEMENT runs once after the load, before the queries (its time is
// "setup_ms"), e.g. a CREATE INDEX (bench/run_index_ddl.py). --why runs every query with
// ExecuteOptions::why (docs/provenance.md), to compare against a run without it.
//
//   bench_silkgraph DATA [--queries DIR] [--runs 5] [--timeout 300] [--only Q1,Q3]
//                   [--no-prepare] [--threads N] [--no-db-file] [--as-of DATE] [--why]
//                   [--no-schema] [--setup STATEMENT] [--json]
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/query_file.h"
#include "engine/error.h"
#include "engine/graph_file.h"
#include "main/database.h"
#include "query/value_format.h"

using namespace silkgraph;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

long peakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;  // kilobytes on Linux
}

long currentRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return -1;
}

double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Values as plain JSON so run_peers.py can compare them with the other engines' answers.
nlohmann::json toJson(const Value& v, const Graph& g) {
  switch (v.type()) {
    case Value::Type::Null:
      return nullptr;
    case Value::Type::Bool:
      return v.asBool();
    case Value::Type::Int:
      return v.asInt();
    case Value::Type::Float:
      return v.asFloat();
    case Value::Type::String:
      return v.asString();
    case Value::Type::List: {
      nlohmann::json a = nlohmann::json::array();
      for (const Value& e : v.asList()) a.push_back(toJson(e, g));
      return a;
    }
    default:
      return toCypherText(v, g);
  }
}

// Cancels the running query after a deadline. One thread for the whole run, armed and
// disarmed outside the timed region (starting a thread per execution cost more than a point
// lookup). It checks at least once a second, so a deadline is honoured within a second.
class Watchdog {
 public:
  Watchdog() : thread_([this] { loop(); }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(m_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  void arm(std::atomic<bool>& flag, double seconds) {
    std::lock_guard lock(m_);
    flag_ = &flag;
    deadline_ = Clock::now() +
                std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    armed_ = true;
  }
  void disarm() {
    std::lock_guard lock(m_);
    armed_ = false;
  }

 private:
  void loop() {
    std::unique_lock lock(m_);
    while (!stop_) {
      auto now = Clock::now();
      if (armed_ && now >= deadline_) {
        flag_->store(true);
        armed_ = false;
        continue;
      }
      auto until = now + std::chrono::seconds(1);
      if (armed_ && deadline_ < until) until = deadline_;
      cv_.wait_until(lock, until);
    }
  }

  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool armed_ = false;
  std::atomic<bool>* flag_ = nullptr;
  Clock::time_point deadline_;
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace

int main(int argc, char** argv) try {
  fs::path data, queries;
#ifdef SILKGRAPH_SOURCE_DIR
  queries = fs::path(SILKGRAPH_SOURCE_DIR) / "bench/queries";
#endif
  int runs = 5;
  double timeout = 300;
  bool json = false;
  bool prepare = true;
  bool dbFile = true;
  bool schemaFile = true;
  std::string setup;
  LoadOptions loadOptions;
  ExecuteOptions options;
  std::vector<std::string> only;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto need = [&]() -> std::string {
      if (i + 1 >= argc) throw Error(ErrorKind::IOError, "option " + a + " needs a value");
      return argv[++i];
    };
    if (a == "--queries")
      queries = need();
    else if (a == "--runs")
      runs = std::max(1, std::stoi(need()));
    else if (a == "--timeout")
      timeout = std::stod(need());
    else if (a == "--json")
      json = true;
    else if (a == "--no-prepare")
      prepare = false;
    else if (a == "--no-db-file")
      dbFile = false;
    else if (a == "--no-schema")
      schemaFile = false;
    else if (a == "--setup")
      setup = need();
    else if (a == "--as-of") {
      Date d;
      if (!parseDate(need(), d)) throw Error(ErrorKind::IOError, "--as-of needs YYYY-MM-DD");
      options.asOf = d;
    } else if (a == "--why") {
      options.why = true;
    } else if (a == "--threads")
      loadOptions.threads = static_cast<unsigned>(std::max(1, std::stoi(need())));
    else if (a == "--only") {
      std::stringstream ss(need());
      for (std::string q; std::getline(ss, q, ',');) only.push_back(q);
    } else if (!a.empty() && a[0] != '-' && data.empty())
      data = a;
    else {
      std::cerr
          << "usage: bench_silkgraph DATA [--queries DIR] [--runs N] [--timeout S] "
             "[--only Q1,Q2] [--no-prepare] [--threads N] [--no-db-file] [--as-of DATE] [--why] "
             "[--no-schema] [--setup STATEMENT] [--json]\n";
      return 2;
    }
  }
  if (data.empty()) throw Error(ErrorKind::IOError, "no data directory given");

  auto owned = std::make_unique<Database>();
  Database& db = *owned;
  db.setThreads(loadOptions.threads);
  auto t0 = Clock::now();
  std::vector<std::string> paths{data.string()};
  if (!schemaFile) {  // every file of DATA but its schema
    paths.clear();
    for (const auto& e : fs::directory_iterator(data))
      if (e.is_regular_file() && e.path().extension() == ".csv") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
  }
  LoadReport rep = db.load(paths, loadOptions);
  double loadMs = msSince(t0);
  double setupMs = 0;
  if (!setup.empty()) {
    auto s0 = Clock::now();
    db.execute(setup);
    setupMs = msSince(s0);
  }
  long rssAfterLoad = currentRssKb();
  long peakAfterLoad = peakRssKb();
  GraphStats st = db.graph().stats();
  TypeId supplies = db.graph().typeId("SUPPLIES");
  size_t suppliesCount = supplies == kNoType ? 0 : db.graph().typeCardinality(supplies);
  if (!json)
    std::fprintf(stderr, "loaded %zu nodes, %zu relationships in %.0f ms\n", rep.nodes,
                 rep.relationships, loadMs);

  nlohmann::json out;
  out["engine"] = "silkgraph";
  out["load_ms"] = loadMs;
  if (!setup.empty()) out["setup_ms"] = setupMs;
  out["nodes"] = st.nodes;
  out["relationships"] = st.relationships;
  out["supplies"] = suppliesCount;
  out["bytes_total"] = st.bytesTotal();
  out["bytes_topology"] = st.bytesTopology;
  out["bytes_properties"] = st.bytesProperties;
  out["bytes_per_rel"] =
      st.relationships ? double(st.bytesTotal()) / double(st.relationships) : 0.0;
  out["rss_after_load_kb"] = rssAfterLoad;
  out["peak_rss_after_load_kb"] = peakAfterLoad;

  out["prepared"] = prepare;
  out["threads"] = loadOptions.threads;
  Watchdog watchdog;
  nlohmann::json qs = nlohmann::json::object();
  for (int q = 1; q <= 8; ++q) {
    std::string name = "Q" + std::to_string(q);
    if (!only.empty() && std::find(only.begin(), only.end(), name) == only.end()) continue;
    std::string text = bench::readQuery(queries / ("q" + std::to_string(q) + ".cypher"));
    nlohmann::json entry;
    PreparedQuery prepared;
    std::vector<double> times;
    int n = runs;
    try {
      // Parsed once, as the SQLite runner's statements are prepared once (see the header).
      if (prepare) prepared = db.prepare(text);
      // Fast queries run more often (until 1 s of timed runs, at most 200), so that a
      // preemption on the shared machine cannot move the median of a sub-millisecond query.
      double spent = 0;
      for (int i = 0; i <= n || (spent < 1000 && i <= 200); ++i) {
        std::atomic<bool> cancel{false};
        QueryResult r;
        watchdog.arm(cancel, timeout);
        auto s = Clock::now();
        try {
          options.cancel = &cancel;
          r = prepare ? db.execute(prepared, {}, options) : db.execute(text, {}, options);
          options.cancel = nullptr;
        } catch (...) {
          watchdog.disarm();
          throw;
        }
        double ms = msSince(s);
        watchdog.disarm();
        if (i == 0) {
          entry["columns"] = r.columns;
          nlohmann::json rows = nlohmann::json::array();
          for (const auto& row : r.rows) {
            nlohmann::json jr = nlohmann::json::array();
            for (const Value& v : row) jr.push_back(toJson(v, db.graph()));
            rows.push_back(std::move(jr));
          }
          entry["rows"] = std::move(rows);
          entry["first_ms"] = ms;
          // A query slower than a tenth of the timeout is timed twice more, not `runs` times.
          if (ms * 10 > timeout * 1000 && n > 2) n = 2;
        } else {
          times.push_back(ms);
          spent += ms;
        }
      }
      std::sort(times.begin(), times.end());
      size_t m = times.size() / 2;
      entry["median_ms"] = times.size() % 2 ? times[m] : (times[m - 1] + times[m]) / 2;
      entry["min_ms"] = times.front();
      entry["runs"] = times.size();
    } catch (const Error& e) {
      entry["error"] = e.what();
    }
    if (!json) {
      if (entry.contains("error"))
        std::fprintf(stderr, "%s  error: %s\n", name.c_str(),
                     entry["error"].get<std::string>().c_str());
      else
        std::fprintf(stderr, "%s  median %10.3f ms  min %10.3f ms  (%d runs, %zu rows)\n",
                     name.c_str(), entry["median_ms"].get<double>(), entry["min_ms"].get<double>(),
                     entry["runs"].get<int>(), entry["rows"].size());
    }
    qs[name] = std::move(entry);
  }
  out["queries"] = std::move(qs);
  out["peak_rss_kb"] = peakRssKb();
  if (dbFile) {
    fs::path file = data / "results" / "bench.sg";
    fs::create_directories(file.parent_path());
    auto w = Clock::now();
    writeGraphFile(db.graph(), db.schema(), file.string());
    out["db_file_write_ms"] = msSince(w);
    out["db_file_bytes"] = fs::file_size(file);
    owned.reset();  // the open below is measured alone, as in a new process
    std::vector<double> opens;
    for (int i = 0; i < 3; ++i) {
      Database fresh;
      auto s = Clock::now();
      fresh.load({file.string()});
      opens.push_back(msSince(s));
      if (fresh.graph().relCount() != st.relationships)
        throw Error(ErrorKind::InternalError, "the database file did not round-trip");
    }
    std::sort(opens.begin(), opens.end());
    out["db_file_open_ms"] = opens[1];
    fs::remove(file);
    if (!json)
      std::printf(
          "database file        %.0f MB, written in %.0f ms, opened in %.1f ms (median of 3)\n",
          double(out["db_file_bytes"].get<uint64_t>()) / 1e6, out["db_file_write_ms"].get<double>(),
          opens[1]);
  }
  if (json) {
    std::cout << out.dump() << "\n";
  } else {
    std::printf("load                 %.0f ms (%zu nodes, %zu relationships, %zu SUPPLIES)\n",
                loadMs, st.nodes, st.relationships, suppliesCount);
    std::printf("bytes per rel        %.2f (total %zu)\n", out["bytes_per_rel"].get<double>(),
                st.bytesTotal());
    std::printf("RSS after load       %ld kB, peak RSS %ld kB\n", rssAfterLoad, peakRssKb());
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench_silkgraph: error: %s\n", e.what());
  return 1;
}
