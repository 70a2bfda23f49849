// Database: the embedding API, the one header a front end (the shell, tests, benchmarks, the
// Python module, the server) includes. It owns the graph and its schema, loads data into
// them (loaders/), and runs statements through query/ (parse -> bind -> plan -> optimize ->
// execute), each statement atomic.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/progress.h"
#include "engine/error.h"
#include "engine/graph.h"
#include "engine/schema.h"
#include "engine/value.h"
#include "engine/wal.h"
#include "engine/wal_redo.h"
#include "loaders/loader.h"
#include "loaders/world/import.h"
#include "query/binder/notices.h"
#include "query/optimizer/optimizer.h"
#include "query/procedure/procedure.h"
#include "query/query_result.h"

namespace silkgraph {

namespace ast {
struct Statement;
}
struct Plan;
class ResultCursor;
class CursorState;

// Receives a statement's result as it is produced (Database::execute with a receiver).
class ResultReceiver {
 public:
  virtual ~ResultReceiver() = default;
  // Once, before any row. `head` holds the columns; for a statement that does not stream
  // (see Database::execute) it has finished, and `head` also holds its update counts and, for
  // EXPLAIN and PROFILE, the plan text.
  virtual void start(const QueryResult& head) = 0;
  // Each row, in order; the receiver may take the values. Returning false asks for no more
  // rows: the rest is not computed and the statement ends normally.
  virtual bool row(std::vector<Value>& values) = 0;
};

// Called for each row of a cursor (Database::openCursor) where the statement runs, before the
// row is queued for the reader: the place to copy what the row refers to out of the graph.
using RowHook = std::function<void(const Graph& graph, const std::vector<Value>& row)>;

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

// Database::open's choices and report.
struct OpenOptions {
  bool readOnly = false;  // share the file with a writer; refuse statements that write
};
struct OpenReport {
  bool created = false;              // the path did not exist: an empty database was made
  uint64_t recoveredStatements = 0;  // committed transactions replayed from the log
  // "DB.sg.wal: Warning: ..." lines for the user (a torn tail dropped, a stale log ignored,
  // temporary files of a killed writer removed).
  std::vector<std::string> warnings;
};

// How one statement may run: what stops it early. The defaults set no limit.
struct ExecuteOptions {
  // Set to true by another thread or a signal handler: the statement stops with
  // ErrorKind::Cancelled.
  const std::atomic<bool>* cancel = nullptr;
  // Seconds after which the statement stops with ErrorKind::Cancelled (detail "Timeout");
  // 0 for none. Checked in operators and inside expressions (reduce, comprehensions, range,
  // list and string building), so it stops within milliseconds of the deadline.
  double timeoutSeconds = 0;
  // Bytes the statement's materialised rows and values may hold (sorts, aggregations,
  // collected lists, DISTINCT, the result rows, lists being built); past it the statement
  // stops with ErrorKind::MemoryLimitExceeded naming the limit. 0 for none. Approximate:
  // the bytes of the values held, not the process's size.
  uint64_t maxMemoryBytes = 0;
  // A view date (--as-of, docs/time.md): every node and relationship whose validity
  // (valid_from, valid_to, valid_precision, as_of) does not hold on that day is invisible to
  // the whole statement. Unset: everything is visible.
  std::optional<Date> asOf;
  // --why (docs/provenance.md): QueryResult::provenance gets, for each row, the citations
  // (`sources`) of every node and relationship its matches used, and the conflicting facts
  // among them. Off, the statement is planned and run exactly as without it.
  bool why = false;
  // Refuse any statement that writes (CREATE, MERGE, SET, REMOVE, DELETE, index and constraint
  // commands) with ErrorKind::Forbidden at its first writing clause, before it runs; a write
  // that only shows when running (a procedure) is rolled back with the same error. The
  // server's read-only users (docs/server.md).
  bool readOnly = false;
};

class Database {
 public:
  Database();
  // Closes an open database file (close()), ignoring errors: call close() to see them.
  ~Database();

  Graph& graph() { return *graph_; }
  const Graph& graph() const { return *graph_; }
  Schema& schema() { return schema_; }
  const Schema& schema() const { return schema_; }
  // Loads data files, directories or a database file (loaders/loader.h) into this database,
  // all or nothing, then declares the schema's key indexes and adjacency orders in the graph.
  // Throws Error{LoadError or IOError} naming the file and place.
  LoadReport load(const std::vector<std::string>& paths, const LoadOptions& options = {});
  // Imports a real source in its published format (countries, usgs-mcs, ...: docs/world.md,
  // loaders/world/import.h), all or nothing, then declares the schema's indexes as load()
  // does. Throws Error{LoadError, IOError or ArgumentError for an unknown source}.
  world::ImportSummary importSource(std::string_view source, const std::vector<std::string>& paths);
  // The source names importSource() knows, in the order a world graph is built.
  static const std::vector<std::string>& importSources();
  // Declares the schema's key indexes and adjacency orders ("index" of a relationship type)
  // in the graph (load() does it; call it yourself after changing the schema by hand).
  void applySchemaIndexes();
  // Renumbers the relationships of `type` in the order of each node's incoming (In) or
  // outgoing (Out) adjacency row, so a seek into a sorted row reads their properties side by
  // side (Graph::clusterRelationships, `silkgraph build --cluster`, docs/storage.md). Their
  // ids change: refused while a database file is open (its log names relationships by id) or
  // a transaction is. Returns why it was not done ("" when done or already so).
  std::string clusterRelationships(std::string_view type, Direction dir);
  // Writes the graph and its schema to the database file `path` (a name ending in .sg),
  // replacing it atomically (engine/graph_file.h). Throws Error{IOError}.
  void save(const std::string& path) const;
  // Whether `path` names a database file (ends in .sg), which load() opens as a whole graph.
  static bool isDatabaseFile(std::string_view path);
  // Runs every check of the database file `path` (each section's checksum, the consistency
  // of its content), those an open defers to the first use of the relationships included
  // (`silkgraph check`, docs/storage.md). Throws Error{IOError or LoadError} naming the file
  // and the damaged part; returns the number of checksummed parts.
  static size_t checkFile(const std::string& path);
  // Threads a statement may use where a second core helps: an aggregation over every
  // relationship of a type (a full scan) splits the scan between them. Default 1.
  void setThreads(unsigned threads) { threads_ = threads < 1 ? 1 : threads; }
  unsigned threads() const { return threads_; }
  // Which optimizer passes run (query/optimizer/README.md): all, unless the environment
  // variable SILKGRAPH_DISABLE_PASSES names some (a debug setting; results do not change).
  void setOptimizerOptions(OptimizerOptions options) { optimizer_ = std::move(options); }
  // The directory LOAD CSV reads from: 'file:///x.csv' is x.csv inside it, and no file
  // outside it can be read (query/execution/import_path.h). Empty (the default): the current
  // directory.
  void setImportDir(std::string dir) { importDir_ = std::move(dir); }
  const std::string& importDir() const { return importDir_; }
  const OptimizerOptions& optimizerOptions() const { return optimizer_; }

  // ---- a database file, durable (docs/storage.md) ----
  // Opens the database file `path` (DB.sg) into this empty database: reads it and replays its
  // write-ahead log DB.sg.wal. Unless read-only, a missing path becomes a new empty database,
  // the database is locked for writing (a second writer fails with Error{IOError} naming the
  // file and the holder's pid), and from now on every statement or transaction that changes
  // the graph is appended to the log and flushed before execute()/commit() returns. Throws
  // Error{IOError or LoadError} naming the file (the database is then left empty).
  OpenReport open(const std::string& path, const OpenOptions& options = {});
  bool isOpen() const { return !path_.empty(); }
  const std::string& path() const { return path_; }
  bool readOnly() const { return readOnly_; }
  // Folds the log into the database file (written beside it, flushed, renamed over it), then
  // empties the log. Also runs by itself after a commit that grows the log past the
  // checkpoint size, and at close(). Throws Error{IOError}; the log then still holds
  // everything.
  void checkpoint();
  void setCheckpointSize(uint64_t bytes) { checkpointBytes_ = bytes; }
  // Told when a database file is written (save, checkpoint) or a source imported, to show
  // progress (common/progress.h); null (the default) for none. Loads take theirs in
  // LoadOptions::progress.
  void setProgress(ProgressListener* progress) { progress_ = progress; }
  // Bytes in the log now (0 when no file is open for writing).
  uint64_t logBytes() const { return wal_ ? wal_->size() : 0; }
  // Rolls back an open transaction, checkpoints if the log holds anything, removes the log
  // and releases the lock. The database keeps its content in memory.
  void close();

  // ---- explicit transactions (autocommit otherwise) ----
  // begin(); statements see their own changes; commit() logs them all as one record (nothing
  // reaches the log before). A statement that fails inside a transaction rolls the whole
  // transaction back and leaves it failed: further statements and commit() are refused until
  // rollback() ends it. Throws Error{SemanticError} when the state does not allow the call.
  void begin();
  void commit();
  void rollback();
  bool inTransaction() const { return tx_ != Tx::None; }
  bool transactionFailed() const { return tx_ == Tx::Failed; }
  // The procedures CALL can run: the built-in ones (procedures/procedures.h) and any the
  // embedding program adds, e.g. procedures().add("my.proc(x :: INTEGER?) :: (y :: INTEGER?)",
  // "what it does", fn).
  ProcedureRegistry& procedures() { return *procedures_; }
  const ProcedureRegistry& procedures() const { return *procedures_; }

  // Runs one statement. Throws Error (positions relative to `query`). A statement is atomic:
  // if it fails, the graph is left exactly as it was. `cancel`, when set to true by another
  // thread or a signal handler, stops the query with ErrorKind::Cancelled.
  QueryResult execute(std::string_view query, const Params& params = {},
                      const std::atomic<bool>* cancel = nullptr);
  QueryResult execute(std::string_view query, const Params& params, const ExecuteOptions& options);

  // Parses a statement for repeated execution; throws SyntaxError as execute() would. Touches
  // nothing shared: may run on any thread at any time.
  // keepText = false: the caller keeps the text (text() is then empty), so a statement with a
  // 100 MB literal is not copied once more (the shell's scripts, issue 10 D10).
  PreparedQuery prepare(std::string_view query, bool keepText = true) const;
  // A statement of a script the caller holds shared (`statement` lies inside *script): the
  // names of unaliased columns are parts of the script, not copies, and stay valid as long as
  // the result (text() is empty, as with keepText = false).
  PreparedQuery prepare(std::shared_ptr<const std::string> script,
                        std::string_view statement) const;
  // Whether a statement only reads: it has no updating clause (CREATE, MERGE, SET, REMOVE,
  // DELETE), is no index or constraint command and calls no procedure (an added procedure may
  // write). Decided from the parse alone; may run on any thread at any time.
  //
  // Concurrent reads: execute() and openCursor() of statements that only read may run from
  // several threads at once, on this one Database, while nothing else runs: every other call
  // (a statement that is not a read, begin/commit/rollback, load, save, checkpoint, close,
  // graph() and schema() used directly, ...) must run alone. The caller keeps that rule, e.g.
  // with a std::shared_mutex held shared for reads and exclusively for anything else (the
  // server does: docs/server.md). A read outside a transaction starts no graph transaction
  // and leaves the database untouched; a read's cursor may run on after the caller's shared
  // lock is released: the next call that is not a read finishes it first (settle), as any
  // call does with a running cursor of a statement that is not a read. Inside an explicit
  // transaction statements must run one at a time.
  static bool isRead(const PreparedQuery& query);
  // Warnings about a valid statement, e.g. a label no data or schema has (a likely typo that
  // would silently give no rows). Kept out of execute() so that embedding callers who do not
  // show warnings pay nothing for them; the shell asks before it runs each statement.
  std::vector<Notice> notices(const PreparedQuery& query) const;
  // Every name resolve() knows (each node's id, name and aliases), sorted: the shell completes
  // them after resolve(' (engine/alias_index.h).
  std::vector<std::string> nodeNames() const;
  // Runs a prepared statement: the same as execute(query.text(), ...) without the parse.
  QueryResult execute(const PreparedQuery& query, const Params& params = {},
                      const std::atomic<bool>* cancel = nullptr);
  QueryResult execute(const PreparedQuery& query, const Params& params,
                      const ExecuteOptions& options);

  // ---- streaming results ----
  // Runs a statement and hands its rows to `receiver` instead of keeping them: a statement
  // that writes nothing streams, each row reaching the receiver as soon as the executor
  // produces it (ORDER BY, aggregation and DISTINCT still hold their rows, within the memory
  // limit, and stream what they output), so memory stays flat however many rows there are.
  // A statement that writes, PROFILE and UNION (without ALL) run to the end first, commit,
  // and then hand over their rows: no row is reported before its writes are durable. So does
  // a statement with ExecuteOptions::why: `head.provenance` then holds every row's citations,
  // numbered for the whole result. The
  // returned QueryResult has no rows. An Error thrown by the statement after some rows were
  // handed over ends it (rolled back) as execute() would.
  QueryResult execute(const PreparedQuery& query, const Params& params,
                      const ExecuteOptions& options, ResultReceiver& receiver);
  // A cursor over a statement's rows, pulled one at a time (main/result_cursor.h). The
  // statement is parsed, bound and planned here (those errors are thrown here); a statement
  // that can yield many rows and writes nothing then runs on a thread of its own, a bounded
  // queue ahead of the reader; any other, and any with ExecuteOptions::why (head().provenance),
  // runs here, to the end, as execute() does. `hook`
  // (optional) sees each row on the thread that produced it. While the cursor is running,
  // any other call on this Database but a read (isRead) first reads the cursor's remaining
  // rows into the cursor (they stay readable); close() and the destructor stop it instead.
  // `paced`: the statement makes only the rows its reader allows (ResultCursor::allow, the
  // server's PULL n) plus ResultCursor::kPacedAhead, instead of reading a few batches ahead.
  std::unique_ptr<ResultCursor> openCursor(const PreparedQuery& query, const Params& params,
                                           const ExecuteOptions& options, RowHook hook = {},
                                           bool paced = false);
  // Reads a running cursor's remaining rows into it (they stay readable), as any other call
  // does first: a caller about to read graph() or schema() directly while a cursor may run
  // (the server's web page) calls it, so that it never reads beside the cursor's thread.
  // Not a read (isRead): run alone.
  void settle() const { settleCursor(); }

 private:
  friend class CursorState;
  QueryResult run(const ast::Statement& statement, const Params& params,
                  const ExecuteOptions& options, std::chrono::steady_clock::time_point start,
                  ResultReceiver* receiver = nullptr);
  // Parse tree -> an optimized plan (`why`: with --why's provenance steps); `explain` and
  // `profile` say what the statement asked.
  std::unique_ptr<Plan> planFor(const ast::Statement& statement, const Params& params, bool why,
                                bool& explain, bool& profile);
  // Runs a plan inside a transaction (autocommit, or the open one); `stop` (a cursor's, may
  // be null) stops it as the cancel flag does.
  QueryResult runPlanned(Plan& plan, bool explain, bool profile, const ExecuteOptions& options,
                         std::chrono::steady_clock::time_point start, ResultReceiver* receiver,
                         const std::atomic<bool>* stop = nullptr);
  // The cursors still running: their remaining rows are read into them (or, with `stop`, they
  // are stopped) before anything else uses the database. `readsStay`: those of reads
  // (isRead) go on running, for a read that may run beside them.
  void settleCursor(bool stop = false, bool readsStay = false) const;

  // Runs an index or constraint command (database_schema.cpp): outside transactions only,
  // durable at once (a checkpoint) when a database file is open.
  QueryResult runSchemaCommand(const ast::Statement& statement,
                               std::chrono::steady_clock::time_point start);
  // Logs the changes of the graph's transaction (when a writable file is open) before it
  // commits; throws when they cannot be logged or the database is read-only.
  void logCommit();
  void checkpointIfLarge();

  enum class Tx : uint8_t { None, Open, Failed };

  std::unique_ptr<Graph> graph_;
  Schema schema_;
  std::string path_;
  bool readOnly_ = false;
  std::unique_ptr<WriteAheadLog> wal_;
  CatalogMark logged_;
  uint64_t nextSequence_ = 1;
  uint64_t checkpointBytes_ = uint64_t{64} << 20;
  Tx tx_ = Tx::None;
  std::unique_ptr<ProcedureRegistry> procedures_;  // a stable address: procedures read it
  // The cursors with a thread (those ended are dropped at the next openCursor), guarded by
  // cursorsMutex_: reads open them from several threads.
  mutable std::vector<std::shared_ptr<CursorState>> cursors_;
  mutable std::mutex cursorsMutex_;
  unsigned threads_ = 1;
  ProgressListener* progress_ = nullptr;
  std::string importDir_;
  OptimizerOptions optimizer_ = OptimizerOptions::fromEnvironment();
};

}  // namespace silkgraph
