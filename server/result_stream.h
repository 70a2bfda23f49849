// One statement's result inside a Bolt session, as RECORD messages waiting for PULL.
//
// An autocommit statement is opened as a paced cursor (Database::openCursor): a reading
// statement runs on a thread of its own, making the rows PULL n asks for (ask()) plus
// ResultCursor::kPacedAhead (PULL -1: a few batches ahead), each row encoded as a
// RECORD on that thread (the cursor's row hook, where reading the graph is safe), so the
// server holds a bounded number of rows whatever the result's size; close() stops the
// statement and frees its work (DISCARD, RESET, a failure, a closed connection). A statement
// that writes runs to the end inside openCursor, as before. A result inside an explicit
// transaction is computed whole by execute() and encoded at once (its first row then waits
// for its writes, as docs/storage.md says).
//
// Memory: the encoded records not yet sent (and a cursor's rows behind them, approximately)
// count against the connection's limit
// (ServerState::maxConnectionMemory). A streaming statement that would pass it (it is
// buffered when another session needs the database, Database::settleCursor) is stopped with
// an Error whose detail is "ConnectionMemory": the session then closes the connection.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "main/database.h"
#include "main/result_cursor.h"

namespace silkgraph::server {

class ResultStream {
 public:
  // Opens a cursor over `query`. Throws the statement's Error: parsing, binding, and for a
  // statement that runs to the end here (one that writes), its run.
  ResultStream(Database& db, const PreparedQuery& query, const Params& params,
               const ExecuteOptions& options, int major, uint64_t memoryLimit);
  // A result already computed (inside an explicit transaction), encoded now. Throws an Error
  // with detail "ConnectionMemory" when its records pass `memoryLimit`, as the other
  // constructor and next() do when a streaming statement's records pass it.
  ResultStream(QueryResult&& result, const Graph& graph, int major, uint64_t memoryLimit);
  ~ResultStream();  // close()
  ResultStream(const ResultStream&) = delete;
  ResultStream& operator=(const ResultStream&) = delete;

  const std::vector<SharedString>& columns() const { return columns_; }
  // Waits for the first rows (or the end) and throws the Error of a statement that failed
  // before making any.
  void waitFirst();
  // The client asks for `n` more records (PULL or DISCARD n; -1: all): the statement may make
  // that many more rows.
  void ask(int64_t n);
  // The next RECORD message; false after the last. Throws the statement's Error.
  bool next(std::string& record);
  // Whether next() would give a record (waits for the statement to make it or end).
  bool hasMore();
  // Stops the statement if it still runs and drops the records not sent. Returns whether it
  // was still running (its rows were not all made).
  bool close();
  // The statement's update counters, once every record has been read.
  const QueryStats& stats();
  // The encoded records made so far (sent or not), and those sent.
  uint64_t recordsMade() const;
  uint64_t recordsSent() const { return sent_; }
  // Bytes held by the records not yet sent (see Pending::records).
  uint64_t heldBytes() const;

  // Shared with the statement's thread (the cursor's row hook).
  struct Pending {
    std::mutex mutex;
    // Each record and the bytes it holds: its own, and for a cursor's row the approximate
    // bytes of the row's values, which wait in the cursor until the record is sent.
    std::deque<std::pair<std::string, uint64_t>> records;
    uint64_t bytes = 0;  // held by `records`
    uint64_t made = 0;   // records encoded so far
    uint64_t limit = 0;  // 0: none
  };

 private:
  bool take(std::string& record);

  std::shared_ptr<Pending> pending_ = std::make_shared<Pending>();
  std::unique_ptr<ResultCursor> cursor_;  // null: a computed result
  std::vector<SharedString> columns_;
  QueryStats stats_;
  bool statsKnown_ = false;
  bool peeked_ = false;  // a row was read from the cursor; its record is pending_'s first
  bool ended_ = false;   // every record was read
  uint64_t sent_ = 0;
};

}  // namespace silkgraph::server
