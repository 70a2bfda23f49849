// writes_silkgraph: silkgraph side of `make bench-writes` (bench/run_writes.py). The write
// workloads of issue 10 on a database file in DIR, each on a fresh file, timed through the
// embedding API (main/database.h) with every commit flushed to the write-ahead log:
//   autocommit  N statements `CREATE (:Item {id: $i, name: $name})`, one commit each
//   batch       one transaction of N such CREATEs (:begin ... :commit)
//   merge       `UNWIND $rows AS r MERGE (n:Nation {id: r.id}) SET n += r`, M rows in one
//               statement (rows: id, name, population, area; synthetic, deterministic)
//   recovery    a log of about L MiB (autocommit batches of 1,000 CREATEs, the process's
//               checkpoint turned off, the files copied as a crash leaves them) replayed by
//               Database::open; MiB of log per second
//   replay      `--replay DB`: only the timed read-only open of an existing DB and its log (a
//               recovery run leaves DIR/recovery-copy.sg), to replay the same log again
// Prints one JSON document.
//
//   writes_silkgraph DIR [--autocommit N] [--batch N] [--merge M] [--recovery-mib L]
//   writes_silkgraph --replay DB
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "main/database.h"

using namespace silkgraph;
namespace fs = std::filesystem;

namespace {

double secondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// CPU time of the process (user and system), to read beside the wall time on a busy machine.
double cpuSeconds() {
  timespec t{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

std::string fresh(const std::string& dir, const std::string& name) {
  std::string path = dir + "/" + name + ".sg";
  fs::remove(path);
  fs::remove(path + ".wal");
  return path;
}

Params itemParams(int64_t i) {
  return {{"i", Value(i)}, {"name", Value("item " + std::to_string(i))}};
}

constexpr const char* kCreate = "CREATE (:Item {id: $i, name: $name})";

nlohmann::json autocommit(const std::string& dir, int64_t n) {
  Database db;
  db.open(fresh(dir, "autocommit"));
  PreparedQuery q = db.prepare(kCreate);
  const double cpu = cpuSeconds();
  auto t = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < n; ++i) db.execute(q, itemParams(i));
  double s = secondsSince(t);
  return {{"statements", n},
          {"seconds", s},
          {"cpu_seconds", cpuSeconds() - cpu},
          {"per_second", static_cast<double>(n) / s}};
}

nlohmann::json batch(const std::string& dir, int64_t n) {
  Database db;
  db.open(fresh(dir, "batch"));
  PreparedQuery q = db.prepare(kCreate);
  auto t = std::chrono::steady_clock::now();
  db.begin();
  for (int64_t i = 0; i < n; ++i) db.execute(q, itemParams(i));
  db.commit();
  double s = secondsSince(t);
  return {{"statements", n},
          {"seconds", s},
          {"per_second", static_cast<double>(n) / s},
          {"log_bytes", db.logBytes()}};
}

nlohmann::json merge(const std::string& dir, int64_t m) {
  Database db;
  db.open(fresh(dir, "merge"));
  // Nation keyed by id (a key index, as Kuzu's primary key and SQLite's PRIMARY KEY): MERGE
  // finds a row's node by index instead of scanning the label.
  db.load({std::string(SILKGRAPH_SOURCE_DIR) + "/bench/writes_schema.json"});
  ValueList rows;
  rows.reserve(static_cast<size_t>(m));
  for (int64_t i = 0; i < m; ++i) {
    ValueMap r;  // keys in order
    char id[32];
    std::snprintf(id, sizeof id, "N%07lld", static_cast<long long>(i));
    r.emplace_back("area", Value(static_cast<double>((i * 104729) % 1000000) / 10));
    r.emplace_back("id", Value(std::string(id)));
    r.emplace_back("name", Value("Nation " + std::to_string(i)));
    r.emplace_back("population", Value(int64_t{1000} + (i * 7919) % 100000000));
    rows.push_back(Value(std::move(r)));
  }
  Params p{{"rows", Value(std::move(rows))}};
  auto t = std::chrono::steady_clock::now();
  db.execute("UNWIND $rows AS r MERGE (n:Nation {id: r.id}) SET n += r", p);
  double s = secondsSince(t);
  return {{"rows", m},
          {"seconds", s},
          {"per_second", static_cast<double>(m) / s},
          {"log_bytes", db.logBytes()}};
}

// The bytes of header and whole records of the log at `path` (docs/storage.md, "Log format":
// a 40-byte header, then records of a 16-byte frame, whose bytes 4-7 are the payload length,
// and the payload; the writer preallocates zeros after them).
uint64_t usedBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const uint64_t size = fs::file_size(path);
  uint64_t at = 40;
  char frame[16];
  while (at + sizeof frame <= size && in.seekg(static_cast<std::streamoff>(at)) &&
         in.read(frame, sizeof frame) && std::string_view(frame, 4) == "SGWR") {
    uint32_t length = 0;
    std::memcpy(&length, frame + 4, 4);  // little-endian, as the machines this runs on
    at += sizeof frame + length;
  }
  return std::min(at, size);
}

// Times a read-only open of `path`, whose log holds `logBytes` of header and records.
nlohmann::json replay(const std::string& path, double logBytes) {
  const double cpu = cpuSeconds();
  auto t = std::chrono::steady_clock::now();
  Database db;
  OpenReport r = db.open(path, OpenOptions{true});
  double s = secondsSince(t);
  return {{"log_bytes", logBytes},
          {"commits", r.recoveredStatements},
          {"nodes", db.graph().nodeCount()},
          {"seconds", s},
          {"cpu_seconds", cpuSeconds() - cpu},
          {"mib_per_second", logBytes / (1 << 20) / s}};
}

nlohmann::json recovery(const std::string& dir, int64_t mib) {
  const std::string path = fresh(dir, "recovery"), copy = fresh(dir, "recovery-copy");
  uint64_t logged = 0;  // header and records; the file also has the zeros preallocated after
  {
    Database db;
    db.open(path);
    db.setCheckpointSize(UINT64_MAX);
    PreparedQuery q = db.prepare(kCreate);
    int64_t i = 0;
    while (db.logBytes() < static_cast<uint64_t>(mib) << 20) {
      db.begin();
      for (int k = 0; k < 1000; ++k, ++i) db.execute(q, itemParams(i));
      db.commit();
    }
    logged = db.logBytes();
    fs::copy_file(path, copy, fs::copy_options::overwrite_existing);
    fs::copy_file(path + ".wal", copy + ".wal", fs::copy_options::overwrite_existing);
  }  // closes (checkpoints) the original; the copy keeps its log, as after a crash
  return replay(copy, static_cast<double>(logged));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: writes_silkgraph DIR [--autocommit N] [--batch N] [--merge M] "
                 "[--recovery-mib L]\n";
    return 2;
  }
  const std::string dir = argv[1];
  if (dir == "--replay" && argc == 3) {
    try {
      nlohmann::json out{{"engine", "silkgraph"}};
      out["recovery"] =
          replay(argv[2], static_cast<double>(usedBytes(std::string(argv[2]) + ".wal")));
      std::cout << out.dump(2) << "\n";
      return 0;
    } catch (const Error& e) {
      std::cerr << e.format() << "\n";
      return 1;
    }
  }
  int64_t nAuto = 2000, nBatch = 100000, nMerge = 1000000, mib = 1024;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    int64_t v = std::strtoll(argv[i + 1], nullptr, 10);
    if (a == "--autocommit")
      nAuto = v;
    else if (a == "--batch")
      nBatch = v;
    else if (a == "--merge")
      nMerge = v;
    else if (a == "--recovery-mib")
      mib = v;
  }
  fs::create_directories(dir);
  try {
    nlohmann::json out{{"engine", "silkgraph"}};
    if (nAuto > 0) out["autocommit"] = autocommit(dir, nAuto);
    if (nBatch > 0) out["batch"] = batch(dir, nBatch);
    if (nMerge > 0) out["merge"] = merge(dir, nMerge);
    if (mib > 0) out["recovery"] = recovery(dir, mib);
    std::cout << out.dump(2) << "\n";
  } catch (const Error& e) {
    std::cerr << e.format() << "\n";
    return 1;
  }
}
