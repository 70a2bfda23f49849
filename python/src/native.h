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

// Everything a Result reads: the rows and the entities they refer to.
struct ResultData {
  QueryResult result;
  std::unordered_map<NodeId, NodeSnapshot> nodes;
  std::unordered_map<RelId, RelSnapshot> rels;
  std::vector<NodeId> nodeOrder;  // first-seen order, for to_networkx
  std::vector<RelId> relOrder;
};

// Copies the labels, types, endpoints and properties of every entity the rows refer to.
void snapshotEntities(const Graph& g, ResultData& data);

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

class DatabaseHandle : public std::enable_shared_from_this<DatabaseHandle> {
 public:
  DatabaseHandle(unsigned threads, bool readOnly, double timeout);
  void load(const std::vector<std::string>& paths);
  // Opens a database file (read-write unless read-only), durable (docs/storage.md); the
  // open's warnings become Python warnings.
  void open(const std::string& path);
  // begin/commit/rollback/checkpoint: f runs with the GIL released and the lock held.
  void call(const std::function<void(Database&)>& f);
  // Runs a statement with the GIL released; Ctrl-C (on the main thread), interrupt() and
  // the timeout cancel it.
  std::shared_ptr<ResultData> execute(const std::string& query, const PreparedQuery* prepared,
                                      const Params& params, double timeout,
                                      std::optional<Date> asOf = std::nullopt);
  PreparedQuery prepare(const std::string& query);
  void interrupt() { cancel_.store(true); }
  void close();
  bool closed() const { return closed_.load(); }
  void checkOpen() const;
  void save(const std::string& path);
  unsigned threads() const { return threads_; }
  bool readOnly() const { return readOnly_; }
  double timeout() const { return timeout_; }

 private:
  std::mutex mutex_;  // one statement at a time
  std::unique_ptr<Database> db_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> closed_{false};
  unsigned threads_;
  bool readOnly_;
  double timeout_;
};

// Records the main thread (the one that receives KeyboardInterrupt) at import.
void rememberMainThread();

// ---- result.cpp --------------------------------------------------------------------------

class ResultHandle {
 public:
  ResultHandle(std::shared_ptr<const ResultData> data, std::shared_ptr<DatabaseHandle> db)
      : data_(std::move(data)), db_(std::move(db)) {}
  pyb::list columns() const;
  pyb::object fetchone();
  pyb::list fetchmany(size_t n);
  pyb::list fetchall();
  pyb::list rowsAsDict();
  size_t size() const { return data_->result.rows.size(); }
  pyb::object summary() const;
  pyb::object row(size_t i) const;
  std::string repr() const;
  pyb::list frameColumns() const;    // frame.cpp: what to_df builds its DataFrame from
  pyb::tuple graphElements() const;  // nodes and relationships, for to_networkx
  void checkOpen() const { db_->checkOpen(); }

 private:
  std::shared_ptr<const ResultData> data_;
  std::shared_ptr<DatabaseHandle> db_;
  size_t cursor_ = 0;
};

void bindResult(pyb::module_& m);
void bindDatabase(pyb::module_& m);

}  // namespace silkgraph::py
