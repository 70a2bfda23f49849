// Times one source import in process, for bench/run_gdelt.py and bench/run_loaders.py: imports
// `countries` first when --countries is given (untimed: the other sources resolve against its
// Nations), then times `import SOURCE PATH...` (or, for SOURCE `neo4j-csv`, Database::load of
// Neo4j bulk-import CSV files). Prints one JSON document: rows read, rows loaded, nodes and
// relationships created, milliseconds (wall and CPU), rows per second, peak RSS.
//
//   bench_import SOURCE PATH... [--countries DIR] [--threads N]
#include <sys/resource.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "main/database.h"

int main(int argc, char** argv) {
  using namespace silkgraph;
  std::vector<std::string> args(argv + 1, argv + argc), paths;
  std::string source, countries;
  unsigned threads = 1;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--countries" && i + 1 < args.size())
      countries = args[++i];
    else if (args[i] == "--threads" && i + 1 < args.size())
      threads = static_cast<unsigned>(std::stoul(args[++i]));
    else if (source.empty())
      source = args[i];
    else
      paths.push_back(args[i]);
  }
  if (source.empty() || paths.empty()) {
    std::cerr << "usage: bench_import SOURCE PATH... [--countries DIR] [--threads N]\n";
    return 2;
  }
  try {
    Database db;
    db.setThreads(threads);  // the schema's adjacency order is sorted with them, as in `build`
    if (!countries.empty()) db.importSource("countries", {countries});
    size_t relsBefore = db.graph().relCount(), nodesBefore = db.graph().nodeCount();
    nlohmann::json out;
    auto cpuSeconds = [] {
      rusage ru{};
      getrusage(RUSAGE_SELF, &ru);
      return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
             static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    };
    double cpuStart = cpuSeconds();
    auto start = std::chrono::steady_clock::now();
    if (source == "neo4j-csv") {
      LoadOptions options;
      options.threads = threads;
      LoadReport r = db.load(paths, options);
      out["rows"] = r.nodes + r.relationships;
      out["loaded"] = r.nodes + r.relationships;
    } else {
      world::ImportSummary s = db.importSource(source, paths);
      out["rows"] = s.rows;
      size_t loaded = 0;
      for (const auto& f : s.fileRows) loaded += f.loaded;
      out["loaded"] = loaded;
      out["skipped"] = s.rows - loaded;
    }
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    double cpuMs = (cpuSeconds() - cpuStart) * 1000;
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    out["cpu_ms"] = cpuMs;  // on a busy machine the wall time counts the waits too
    out["source"] = source;
    out["nodes"] = db.graph().nodeCount() - nodesBefore;
    out["relationships"] = db.graph().relCount() - relsBefore;
    out["ms"] = ms;
    out["rows_per_s"] = ms > 0 ? out["rows"].get<double>() / (ms / 1000) : 0.0;
    out["peak_rss_mb"] = static_cast<double>(ru.ru_maxrss) / 1024;
    std::cout << out.dump() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "bench_import: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
