// loadPaths: turns the paths given by the user into an ordered list of files (directories
// expanded, JSON imports placed before the files that import them) and runs the load in
// passes over a Stage: every schema, then every node, then every relationship, then one
// transactional apply. Nothing touches the graph or the schema before the apply. A .sg
// database file is opened (engine/graph_file.h) into a fresh graph that replaces an empty one.
#include "loaders/loader.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <system_error>

#include "engine/graph_file.h"
#include "engine/wal.h"
#include "loaders/csv_loader.h"
#include "loaders/json_loader.h"
#include "loaders/staging.h"

namespace silkgraph {

namespace {

namespace fs = std::filesystem;
using load::CsvFile;
using load::JsonFile;
using load::Stage;

enum class Format { Json, Csv, Other };

Format formatOf(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (ext == ".json") return Format::Json;
  if (ext == ".csv") return Format::Csv;
  return Format::Other;
}

[[noreturn]] void ioError(const std::string& path, const std::string& message) {
  Error e(ErrorKind::IOError, message);
  e.setFile(path);
  throw e;
}

struct Entry {
  std::unique_ptr<JsonFile> json;
  std::unique_ptr<CsvFile> csv;
  uint64_t bytes = 0;  // the file's size, for progress (0 when unknown)
};

class Planner {
 public:
  explicit Planner(Stage& stage) : stage_(stage) {}

  std::vector<Entry> entries;
  std::vector<std::string> order;          // file names in load order
  uint64_t totalBytes = 0, jsonBytes = 0;  // JSON files are read whole while planning

  void addArgument(const std::string& arg) {
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) ioError(arg, "no such file or directory");
    if (!fs::is_directory(st)) {
      if (formatOf(arg) == Format::Other)
        ioError(arg,
                "cannot load this file: expected a .json or .csv file, a .sg database file or a "
                "directory");
      addFile(arg);
      return;
    }
    std::vector<fs::path> files;
    for (const fs::directory_entry& e : fs::directory_iterator(arg, ec)) {
      std::error_code fe;
      if (e.is_regular_file(fe) && formatOf(e.path()) != Format::Other) files.push_back(e.path());
    }
    if (ec) ioError(arg, "cannot list the directory: " + ec.message());
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
    for (const fs::path& p : files) addFile(p.string());
  }

 private:
  // Adds a file once (by canonical path); a JSON file's imports come before it.
  void addFile(const std::string& path) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    std::string key = ec ? path : canonical.string();
    if (!seen_.insert(key).second) return;
    uint32_t file = stage_.addFile(path);
    Entry e;
    e.bytes = fs::file_size(path, ec);
    if (ec) e.bytes = 0;
    totalBytes += e.bytes;
    if (formatOf(path) == Format::Json) {
      jsonBytes += e.bytes;
      e.json = JsonFile::read(path, stage_, file);
      fs::path dir = fs::path(path).parent_path();
      for (const auto& [name, pos] : e.json->imports()) {
        fs::path target = (dir / name).lexically_normal();
        std::error_code ie;
        if (!fs::is_regular_file(target, ie))
          stage_.fail(
              file, pos,
              "cannot import '" + name + "': " + target.string() + " is not a readable file");
        if (formatOf(target) == Format::Other)
          stage_.fail(file, pos, "cannot import '" + name + "': expected a .json or .csv file");
        addFile(target.string());
      }
    } else {
      e.csv = CsvFile::open(path, stage_, file);
    }
    entries.push_back(std::move(e));
    order.push_back(path);
  }

  Stage& stage_;
  std::set<std::string> seen_;
};

}  // namespace

namespace {

// A database file (.sg) becomes the whole content of an empty graph; the other paths then
// load on top of it. Both happen on a fresh graph that replaces the caller's only when
// everything succeeded, so the load stays all or nothing.
LoadReport openDatabaseFile(Graph& graph, Schema& schema, const std::vector<std::string>& paths,
                            const LoadOptions& options,
                            std::chrono::steady_clock::time_point started) {
  std::string db;
  std::vector<std::string> rest;
  for (const std::string& p : paths) {
    if (!isGraphFilePath(p)) {
      rest.push_back(p);
    } else if (db.empty()) {
      db = p;
    } else {
      ioError(p, "cannot open two database files at once (" + db + " is already being opened)");
    }
  }
  if (graph.nodeIdLimit() != 0 || graph.relIdLimit() != 0 || !schema.empty())
    ioError(db,
            "cannot open a database file into a graph that already holds data or a schema; "
            "open it first (other files can be loaded on top of it)");
  Graph fresh;
  Schema freshSchema;
  {
    ProgressPhase progress(options.progress, "Opening " + db, 0, ProgressUnit::Bytes);
    readGraphFileWithLog(db, fresh, freshSchema);  // with what its log committed since
  }
  LoadReport report;
  report.nodes = fresh.nodeCount();
  report.relationships = fresh.relCount();
  report.files.push_back(db);
  if (!rest.empty()) {
    LoadReport more = loadPaths(fresh, freshSchema, rest, options);
    report.nodes += more.nodes;
    report.relationships += more.relationships;
    report.updatedNodes = more.updatedNodes;
    report.files.insert(report.files.end(), more.files.begin(), more.files.end());
  }
  graph.swap(fresh);
  schema = std::move(freshSchema);
  report.elapsedMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace

LoadReport loadPaths(Graph& graph, Schema& schema, const std::vector<std::string>& paths,
                     const LoadOptions& options) {
  auto started = std::chrono::steady_clock::now();
  if (std::any_of(paths.begin(), paths.end(),
                  [](const std::string& p) { return isGraphFilePath(p); }))
    return openDatabaseFile(graph, schema, paths, options, started);
  Stage stage(graph, schema);
  stage.setThreads(options.threads);
  stage.setChunkBytes(options.chunkBytes);
  stage.setArrayDelimiter(options.arrayDelimiter);
  stage.setUpdate(options.update);
  Planner plan(stage);
  for (const std::string& p : paths) plan.addArgument(p);

  {
    ProgressPhase progress(options.progress, "Loading", plan.totalBytes, ProgressUnit::Bytes);
    stage.setProgress(&progress, plan.jsonBytes);
    for (Entry& e : plan.entries)
      if (e.json) e.json->stageSchema(stage);
    for (Entry& e : plan.entries)
      if (e.json) e.json->checkSchemaReferences(stage);
    for (Entry& e : plan.entries) {
      if (e.json) e.json->stageNodes(stage);
      if (e.csv && e.csv->holdsNodes()) {
        e.csv->stageRows(stage);
        stage.progressFileDone(e.bytes);
      }
    }
    for (Entry& e : plan.entries) {
      if (e.json) e.json->stageRelationships(stage);
      if (e.csv && !e.csv->holdsNodes()) {
        e.csv->stageRows(stage);
        stage.progressFileDone(e.bytes);
      }
    }
    stage.setProgress(nullptr, 0);
  }

  LoadReport report;
  {
    // Writing what is left, committing and compacting the topology: no count to show.
    ProgressPhase progress(options.progress, "Indexing", 0, ProgressUnit::Rows);
    stage.apply(graph, schema, report);
  }
  report.files = plan.order;
  report.elapsedMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace silkgraph
