// Declarations shared by the files of the Python extension silkgraph._native: the database
// handle (database_handle.cpp), the result snapshot (result.cpp), value conversion both ways
// (convert.cpp), errors as Python exceptions (errors.cpp) and DataFrame columns (frame.cpp).
// The extension calls only the embedding API (main/).
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "main/database.h"
#include "main/result_cursor.h"
#include "main/value.h"

namespace silkgraph::py {

namespace pyb = pybind11;

// ---- convert.cpp -------------------------------------------------------------------------

// A node or relationship as the result saw it, copied out of the graph when the statement
// finished, so that a result stays readable while later statements change the graph.
struct NodeSnapshot {
  std::vector<std::string> labels;  // sorted
  ValueMap properties;
};
struct RelSnapshot {
  NodeId start = kInvalidId;
  NodeId end = kInvalidId;
  std::string type;
  ValueMap properties;
};

// Everything a Result reads: the rows taken from the statement and not yet dropped, and the
// entities they refer to, copied on the statement's thread as each row is made (`mutex`
// guards them).
struct ResultData {
  QueryResult result;
  std::string query;  // the text, to place errors raised while reading rows
  std::mutex mutex;
  std::unordered_map<NodeId, NodeSnapshot> nodes;
  std::unordered_map<RelId, RelSnapshot> rels;
  std::vector<NodeId> nodeOrder;  // first-seen order, for to_networkx
  std::vector<RelId> relOrder;
};

// Copies the labels, types, endpoints and properties of every entity `row` refers to (takes
// data.mutex).
void snapshotRow(const Graph& g, const std::vector<Value>& row, ResultData& data);

// The Python classes the package defines (silkgraph/_types.py), registered at import.
void registerTypes(const pyb::dict& types);
pyb::object pythonType(const char* name);

pyb::object toPython(const Value& v, const ResultData& data);
// Raises silkgraph.TypeError (naming `what`, e.g. "parameter $x") for a value with no
// Cypher equivalent.
Value fromPython(pyb::handle obj, const std::string& what, int depth = 0);
Params paramsFromPython(pyb::handle parameters);

// ---- temporal_convert.cpp ----------------------------------------------------------------
// LocalTime, Time, LocalDateTime, DateTime and Duration to Python (see the file).
pyb::object temporalToPython(const Value& v);
// datetime.datetime, datetime.time, datetime.timedelta or silkgraph.Duration to a Value;
// nullopt for anything else (a datetime.date is handled with the other scalars).
std::optional<Value> temporalFromPython(pyb::handle obj);

// ---- errors.cpp --------------------------------------------------------------------------

// Raises the Python exception for `e` (a subclass of silkgraph.Error chosen by its kind),
// its message the shell's (Error::format with the source excerpt).
[[noreturn]] void raiseError(const Error& e, std::string_view source);
[[noreturn]] void raiseError(ErrorKind kind, const std::string& message);
// Translates C++ exceptions escaping a binding into silkgraph exceptions.
void registerErrorTranslator();

// ---- database_handle.cpp -----------------------------------------------------------------

// A statement started by DatabaseHandle::execute: its rows so far and the cursor over the rest.
struct Execution {
  std::shared_ptr<ResultData> data;
  std::shared_ptr<ResultCursor> cursor;
};

class DatabaseHandle : public std::enable_shared_from_this<DatabaseHandle> {
 public:
  DatabaseHandle(unsigned threads, bool readOnly, double timeout, uint64_t maxMemory);
  void load(const std::vector<std::string>& paths);
  // Opens a database file (read-write unless read-only), durable (docs/storage.md); the
  // open's warnings become Python warnings.
  void open(const std::string& path);
  // begin/commit/rollback/checkpoint: f runs with the GIL released and the lock held.
  void call(const std::function<void(Database&)>& f);
  // Starts a statement with the GIL released and waits for its first rows (or its end, or
  // its error, raised here); Ctrl-C (on the main thread), interrupt(), the timeout and the
  // memory limit (0: the database's) stop it. why: ExecuteOptions::why (ResultHandle::sources
  // and conflicts then say what rows rest on).
  Execution execute(std::string query, const PreparedQuery* prepared, const Params& params,
                    double timeout, uint64_t maxMemory, std::optional<Date> asOf = std::nullopt,
                    bool why = false);
  // Runs f (waiting for a statement's rows) with the GIL released, Ctrl-C cancelling the
  // statement; raises the Error f throws, placed in `source`.
  void waitFor(const std::function<void()>& f, const std::string& source);
  PreparedQuery prepare(const std::string& query);
  void interrupt() { cancel_.store(true); }
  void close();
  bool closed() const { return closed_.load(); }
  void checkOpen() const;
  void save(const std::string& path);
  unsigned threads() const { return threads_; }
  bool readOnly() const { return readOnly_; }
  double timeout() const { return timeout_; }
  uint64_t maxMemory() const { return maxMemory_; }

 private:
  std::mutex mutex_;  // one statement at a time
  std::unique_ptr<Database> db_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> closed_{false};
  unsigned threads_;
  bool readOnly_;
  double timeout_;
  uint64_t maxMemory_;
};

// Records the main thread (the one that receives KeyboardInterrupt) at import.
void rememberMainThread();

// ---- result.cpp --------------------------------------------------------------------------

// A Result streams: rows come from the statement a batch at a time as they are read; rows
// handed out are dropped. result.rows holds rows [base_, base_ + size) of the statement.
class ResultHandle {
 public:
  ResultHandle(Execution e, std::shared_ptr<DatabaseHandle> db)
      : data_(std::move(e.data)), stream_(std::move(e.cursor)), db_(std::move(db)) {}
  pyb::list columns() const;
  pyb::object fetchone();
  pyb::list fetchmany(size_t n);
  pyb::list fetchall();
  pyb::list rowsAsDict();
  size_t size();
  pyb::object summary();
  pyb::object row(size_t i) const;  // result.rows[i]; takes data_->mutex
  std::string repr() const;
  pyb::list frameColumns();       // frame.cpp: what to_df builds its DataFrame from
  pyb::tuple graphElements();     // nodes and relationships, for to_networkx
  pyb::object sources() const;    // provenance.cpp: --why's citations per row, or None
  pyb::object conflicts() const;  // ... and the conflicts per row, or None
  void checkOpen() const { db_->checkOpen(); }
  // Stops the statement if it still runs; unread rows are dropped.
  void close();

 private:
  // Whether the statement's row cursor_ is in result.rows (takes the next batch if needed).
  bool ensure();
  // Reads every remaining row into result.rows, dropping those already handed out.
  void readAll();
  void endStream();
  // Reads from the statement (f, through DatabaseHandle::waitFor). A read that fails (the
  // statement's error, Cancelled, a KeyboardInterrupt) stops the statement, and every later
  // read raises that error again (a KeyboardInterrupt as silkgraph.Cancelled): the rows after
  // it were never made, so none are handed out as if the result had simply ended.
  void pull(const std::function<void()>& f);
  [[noreturn]] void raiseFailure() const;

  std::shared_ptr<ResultData> data_;
  std::shared_ptr<ResultCursor> stream_;  // null once the statement has ended and been read
  std::shared_ptr<DatabaseHandle> db_;
  size_t cursor_ = 0;  // the next row to hand out
  size_t base_ = 0;    // the statement's row that result.rows[0] is
  std::unique_ptr<std::mutex> readMutex_ = std::make_unique<std::mutex>();  // one reader at a time
  pyb::object failure_;  // the exception a read raised (null while none has)
};

void bindResult(pyb::module_& m);
void bindDatabase(pyb::module_& m);

}  // namespace silkgraph::py
