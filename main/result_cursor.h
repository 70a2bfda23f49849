// ResultCursor: a statement's rows pulled one at a time (Database::openCursor), for readers
// that take rows at their own pace (the Python module's iteration and fetchone()). A
// statement that streams runs on a thread of its own and stays at most a few batches of rows
// ahead of the reader, so memory stays flat however many rows it makes; closing the cursor
// stops it. A paced cursor (the server's, for Bolt's PULL n) goes further: its statement
// makes only the rows the reader has asked for (allow()) plus kPacedAhead, then waits.
// CursorState is the part the statement's thread, the cursor and the Database share.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "main/database.h"

namespace silkgraph {

class CursorState final : public ResultReceiver {
 public:
  using Batch = std::vector<std::vector<Value>>;

  // ---- the statement's side (ResultReceiver), on the thread that runs it ----
  void start(const QueryResult& head) override;
  bool row(std::vector<Value>& values) override;
  // The statement ended: `summary` its counters and time, `error` what it threw (or null).
  void finish(QueryResult summary, std::exception_ptr error);

  // ---- the reader's side ----
  // The next batch of rows into `out`; false when there are no more. Waits for the statement;
  // rethrows its error (once, after the rows made before it).
  bool take(Batch& out);
  // Waits until the statement has handed over its first rows, or ended.
  void waitFirst();
  const QueryResult& head();
  // Lets the statement run to the end with no bound on the rows queued (stop: stops it
  // instead), and waits for its thread.
  void settle(bool stop);
  // Paces the statement (before its thread starts): it makes `rows` rows, then as many more
  // as allow() adds.
  void pace(uint64_t rows);
  // `rows` more rows may be made (saturating).
  void allow(uint64_t rows);
  bool ended();
  const QueryResult& summary();

  RowHook hook;
  const Graph* graph = nullptr;
  bool read = false;  // the statement only reads (Database::isRead): reads may run beside it
  std::atomic<bool> stopFlag{false};
  std::thread thread;

 private:
  void publish(std::unique_lock<std::mutex>& lock);
  void join();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> ready_;
  Batch filling_;
  size_t batchRows_ = 64;  // the first batch is small, so that the first rows come soon
  bool started_ = false, ended_ = false, unbounded_ = false, errorTaken_ = false;
  // Pacing: the statement's thread reads paced_ and counts made_; allowed_ grows under
  // mutex_ (allow()) and is read without it on the statement's thread.
  bool paced_ = false;
  uint64_t made_ = 0;
  std::atomic<uint64_t> allowed_{0};
  QueryResult head_, summary_;
  std::exception_ptr error_;
  std::mutex joinMutex_;
};

class ResultCursor {
 public:
  ResultCursor(const ResultCursor&) = delete;
  ResultCursor& operator=(const ResultCursor&) = delete;
  // Stops the statement if it still runs (close()).
  ~ResultCursor();

  // The columns; for a statement that did not stream (it writes, or gives at most a row per
  // UNION part) also its counters and, for EXPLAIN and PROFILE, the plan text. No rows.
  const QueryResult& head() { return state_->head(); }
  // The next row into `row`; false after the last. Throws the statement's Error when it
  // failed (after the rows it made before failing); its writes were then rolled back.
  bool next(std::vector<Value>& row);
  // The rest of the batch being read, or the next batch, appended to `rows`: the cheap way
  // to read many. False (nothing appended) after the last row; throws as next() does.
  bool nextBatch(std::vector<std::vector<Value>>& rows);
  // Waits until the first rows are ready or the statement has ended, and throws its Error if
  // it failed before making any: so that errors show where the statement was started.
  void waitFirst();
  // Reads every remaining row into the cursor (next() still returns them) and waits for the
  // statement to end.
  void bufferRest();
  // Stops the statement if it still runs and drops the rows not read. next() then returns
  // false.
  void close();
  // For a paced cursor (Database::openCursor's `paced`): the reader will take `rows` more
  // rows, so the statement may make that many more (it makes kPacedAhead rows at first and
  // stays at most kPacedAhead rows ahead of what was allowed). UINT64_MAX: no bound but the
  // queue's, as for a cursor that is not paced. No effect on other cursors.
  void allow(uint64_t rows);
  static constexpr uint64_t kPacedAhead = 64;

  // A statement that streams runs on a thread of its own while its cursor is open and it has
  // not ended. At most maxRunning() of them run at once in the process: Database::openCursor
  // refuses one more with Error{MemoryLimitExceeded, detail "Cursors"} naming the limit, so
  // 1,000 open cursors cannot make 1,000 threads. A cursor read to its end or closed frees its
  // place; a statement that runs without a thread (one that writes, at most one row) is not
  // counted.
  static constexpr size_t kMaxRunning = 128;
  static size_t running();
  static size_t maxRunning();
  static void setMaxRunning(size_t n);
  // Whether the statement has ended (all its rows made, or it failed or was stopped).
  bool ended() { return state_->ended(); }
  // The statement's counters and time, once it has ended (otherwise waits for it).
  const QueryResult& summary() { return state_->summary(); }

 private:
  friend class Database;
  explicit ResultCursor(std::shared_ptr<CursorState> state) : state_(std::move(state)) {}

  std::shared_ptr<CursorState> state_;
  CursorState::Batch batch_;  // rows taken from the statement, not yet read
  size_t next_ = 0;
  bool closed_ = false;
};

}  // namespace silkgraph
