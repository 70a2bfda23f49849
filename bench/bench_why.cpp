// bench_why: the timings of bench/run_why.py (the cost of --why, docs/provenance.md). Loads two
// benchmark data directories into one process, PLAIN (no `sources` anywhere) and SOURCED (every
// relationship cites something), and times each query in four configurations: plain, plain
// with --why, sourced, sourced with --why. The configurations are interleaved run by run (in an
// order that rotates from one run to the next), not timed one block after another, so that a
// change of load on this shared machine hits all four alike and the ratios between them stay
// trustworthy. Each query is prepared once per database; each configuration runs once untimed
// first (the first --why statement on the sourced data builds its whole-graph table), then at
// least --runs timed times, and more (until each configuration has 1 s of timed runs, at most
// 200) for fast queries. Prints JSON: per query and configuration the median and the minimum,
// in ms, the number of timed runs and the number of rows.
//
//   bench_why PLAIN SOURCED [--queries DIR] [--runs 5] [--only Q1,Q3] [--threads N]
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "bench/query_file.h"
#include "engine/error.h"
#include "main/database.h"

using namespace silkgraph;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Config {
  const char* name;
  int db;  // 0 plain, 1 sourced
  bool why;
};
constexpr std::array<Config, 4> kConfigs{
    {{"plain", 0, false}, {"plain_why", 0, true}, {"sourced", 1, false}, {"sourced_why", 1, true}}};

}  // namespace

int main(int argc, char** argv) try {
  fs::path queries;
#ifdef SILKGRAPH_SOURCE_DIR
  queries = fs::path(SILKGRAPH_SOURCE_DIR) / "bench/queries";
#endif
  std::vector<std::string> data, only;
  int runs = 5;
  unsigned threads = 1;
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
    else if (a == "--threads")
      threads = static_cast<unsigned>(std::max(1, std::stoi(need())));
    else if (a == "--only") {
      std::stringstream ss(need());
      for (std::string q; std::getline(ss, q, ',');) only.push_back(q);
    } else if (!a.empty() && a[0] != '-' && data.size() < 2)
      data.push_back(a);
    else {
      std::cerr << "usage: bench_why PLAIN SOURCED [--queries DIR] [--runs N] [--only Q1,Q2] "
                   "[--threads N]\n";
      return 2;
    }
  }
  if (data.size() != 2) throw Error(ErrorKind::IOError, "two data directories are needed");

  std::array<Database, 2> dbs;
  nlohmann::json out;
  for (int d = 0; d < 2; ++d) {
    dbs[d].setThreads(threads);
    LoadOptions lo;
    lo.threads = threads;
    auto t0 = Clock::now();
    dbs[d].load({data[d]}, lo);
    out[d == 0 ? "plain_load_ms" : "sourced_load_ms"] =
        std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  }
  nlohmann::json qs = nlohmann::json::object();
  for (int q = 1; q <= 8; ++q) {
    std::string name = "Q" + std::to_string(q);
    if (!only.empty() && std::find(only.begin(), only.end(), name) == only.end()) continue;
    std::string text = bench::readQuery(queries / ("q" + std::to_string(q) + ".cypher"));
    std::array<PreparedQuery, 2> prepared{dbs[0].prepare(text), dbs[1].prepare(text)};
    std::array<std::vector<double>, 4> times;
    std::array<double, 4> spent{};
    std::array<size_t, 4> rows{};
    auto runOnce = [&](size_t c) {
      ExecuteOptions o;
      o.why = kConfigs[c].why;
      const int d = kConfigs[c].db;
      auto s = Clock::now();
      QueryResult r = dbs[d].execute(prepared[d], {}, o);
      double ms = std::chrono::duration<double, std::milli>(Clock::now() - s).count();
      rows[c] = r.rows.size();
      return ms;
    };
    for (size_t c = 0; c < 4; ++c) runOnce(c);  // untimed
    for (int i = 0;; ++i) {
      const double least = *std::min_element(spent.begin(), spent.end());
      if (i >= runs && (least >= 1000 || i >= 200)) break;
      for (size_t k = 0; k < 4; ++k) {
        const size_t c = (k + static_cast<size_t>(i)) % 4;
        const double ms = runOnce(c);
        times[c].push_back(ms);
        spent[c] += ms;
      }
    }
    nlohmann::json entry;
    for (size_t c = 0; c < 4; ++c) {
      std::vector<double>& t = times[c];
      std::sort(t.begin(), t.end());
      const size_t m = t.size() / 2;
      entry[kConfigs[c].name] = {
          {"median_ms", t.size() % 2 ? t[m] : (t[m - 1] + t[m]) / 2},
          {"min_ms", t.front()},
          {"runs", t.size()},
          {"rows", rows[c]},
      };
    }
    qs[name] = std::move(entry);
  }
  out["queries"] = std::move(qs);
  std::cout << out.dump() << "\n";
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench_why: error: %s\n", e.what());
  return 1;
}
