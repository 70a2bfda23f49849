// Database: the embedding API, the one header a front end (the shell, tests, benchmarks, the
// Python module, the server) includes. It owns the graph and its schema, loads data into
// them (loaders/), and runs statements through query/ (parse -> bind -> plan -> optimize ->
// execute), each statement atomic.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/graph.h"
#include "engine/schema.h"
#include "engine/value.h"
#include "loaders/loader.h"
#include "query/binder/notices.h"
#include "query/optimizer/optimizer.h"
#include "query/query_result.h"

namespace silkgraph {

namespace ast {
struct Statement;
}

// A statement parsed once (Database::prepare) and executed any number of times. Binding
// (which folds parameter values in and checks the statement against them) and planning (which
// reads the graph's current statistics) still run at every execute(), so a prepared query sees
// the graph as it is then; what it saves is lexing and parsing the text. Copies share the
// parsed statement.
class PreparedQuery {
 public:
  PreparedQuery() = default;
  const std::string& text() const { return text_; }
  bool valid() const { return statement_ != nullptr; }

 private:
  friend class Database;
  std::string text_;
  std::shared_ptr<const ast::Statement> statement_;
};

class Database {
 public:
  Database();
  ~Database();

  Graph& graph() { return *graph_; }
  const Graph& graph() const { return *graph_; }
  Schema& schema() { return schema_; }
  const Schema& schema() const { return schema_; }
  // Loads data files, directories or a database file (loaders/loader.h) into this database,
  // all or nothing, then declares the schema's key indexes and adjacency orders in the graph.
  // Throws Error{LoadError or IOError} naming the file and place.
  LoadReport load(const std::vector<std::string>& paths, const LoadOptions& options = {});
  // Declares the schema's key indexes and adjacency orders ("index" of a relationship type)
  // in the graph (load() does it; call it yourself after changing the schema by hand).
  void applySchemaIndexes();
  // Writes the graph and its schema to the database file `path` (a name ending in .sg),
  // replacing it atomically (engine/graph_file.h). Throws Error{IOError}.
  void save(const std::string& path) const;
  // Whether `path` names a database file (ends in .sg), which load() opens as a whole graph.
  static bool isDatabaseFile(std::string_view path);
  // Threads a statement may use where a second core helps: an aggregation over every
  // relationship of a type (a full scan) splits the scan between them. Default 1.
  void setThreads(unsigned threads) { threads_ = threads < 1 ? 1 : threads; }
  unsigned threads() const { return threads_; }
  // Which optimizer passes run (query/optimizer/README.md): all, unless the environment
  // variable SILKGRAPH_DISABLE_PASSES names some (a debug setting; results do not change).
  void setOptimizerOptions(OptimizerOptions options) { optimizer_ = std::move(options); }
  const OptimizerOptions& optimizerOptions() const { return optimizer_; }

  // Runs one statement. Throws Error (positions relative to `query`). A statement is atomic:
  // if it fails, the graph is left exactly as it was. `cancel`, when set to true by another
  // thread or a signal handler, stops the query with ErrorKind::Cancelled.
  QueryResult execute(std::string_view query, const Params& params = {},
                      const std::atomic<bool>* cancel = nullptr);

  // Parses a statement for repeated execution; throws SyntaxError as execute() would.
  PreparedQuery prepare(std::string_view query) const;
  // Warnings about a valid statement, e.g. a label no data or schema has (a likely typo that
  // would silently give no rows). Kept out of execute() so that embedding callers who do not
  // show warnings pay nothing for them; the shell asks before it runs each statement.
  std::vector<Notice> notices(const PreparedQuery& query) const;
  // Runs a prepared statement: the same as execute(query.text(), ...) without the parse.
  QueryResult execute(const PreparedQuery& query, const Params& params = {},
                      const std::atomic<bool>* cancel = nullptr);

 private:
  QueryResult run(const ast::Statement& statement, const Params& params,
                  const std::atomic<bool>* cancel, std::chrono::steady_clock::time_point start);

  std::unique_ptr<Graph> graph_;
  Schema schema_;
  unsigned threads_ = 1;
  OptimizerOptions optimizer_ = OptimizerOptions::fromEnvironment();
};

}  // namespace silkgraph
