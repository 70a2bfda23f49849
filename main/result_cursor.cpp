// Implements main/result_cursor.h and Database::openCursor / settleCursor: the statement's
// thread fills batches of rows, the reader takes them; at most kQueuedBatches wait between
// them, so the statement pauses when the reader does.
#include "main/result_cursor.h"

#include "query/execution/plan_runner.h"
#include "query/planner/planner.h"

namespace silkgraph {

namespace {

constexpr size_t kQueuedBatches = 4;
constexpr size_t kBatchRows = 1024;

// Statements running on cursor threads in the process, and the most that may.
std::atomic<size_t> gRunning{0};
std::atomic<size_t> gMaxRunning{ResultCursor::kMaxRunning};

// Takes a place for one more cursor thread, or throws naming the limit.
void takeRunningPlace() {
  size_t now = gRunning.load();
  do {
    const size_t most = gMaxRunning.load();
    if (now >= most)
      throw Error(ErrorKind::MemoryLimitExceeded,
                  std::to_string(most) +
                      " cursors already run their statements, each on a thread of its own (the "
                      "most that run at once): read one to its end or close it first",
                  {}, "Cursors", ErrorPhase::Runtime);
  } while (!gRunning.compare_exchange_weak(now, now + 1));
}

}  // namespace

// ---- CursorState ----

void CursorState::start(const QueryResult& head) {
  std::lock_guard lock(mutex_);
  head_ = head;
  started_ = true;
  changed_.notify_all();
}

void CursorState::publish(std::unique_lock<std::mutex>& lock) {
  // Wait for the reader while the queue is full (not when the rest is being buffered).
  changed_.wait(lock,
                [&] { return unbounded_ || ready_.size() < kQueuedBatches || stopFlag.load(); });
  ready_.push_back(std::move(filling_));
  filling_.clear();
  filling_.reserve(batchRows_ = kBatchRows);
  changed_.notify_all();
}

bool CursorState::row(std::vector<Value>& values) {
  if (stopFlag.load(std::memory_order_relaxed)) return false;
  if (hook) hook(*graph, values);
  filling_.push_back(std::move(values));
  const bool allowanceUsed = paced_ && ++made_ >= allowed_.load();
  if (filling_.size() < batchRows_ && !allowanceUsed) return true;
  std::unique_lock lock(mutex_);
  publish(lock);
  if (paced_) {
    // Wait until the reader allows more (or the rest is being buffered, or it stops).
    changed_.wait(lock, [&] { return unbounded_ || stopFlag.load() || made_ < allowed_.load(); });
    if (unbounded_) paced_ = false;  // buffering the rest: in whole batches
  }
  return !stopFlag.load();
}

void CursorState::pace(uint64_t rows) {
  paced_ = true;
  allowed_ = rows;
}

void CursorState::allow(uint64_t rows) {
  {
    std::lock_guard lock(mutex_);
    const uint64_t now = allowed_.load();
    allowed_ = rows > UINT64_MAX - now ? UINT64_MAX : now + rows;
  }
  changed_.notify_all();
}

void CursorState::finish(QueryResult summary, std::exception_ptr error) {
  std::lock_guard lock(mutex_);
  if (!filling_.empty()) ready_.push_back(std::move(filling_));
  filling_.clear();
  summary_ = std::move(summary);
  error_ = error;
  ended_ = true;
  started_ = true;
  changed_.notify_all();
}

bool CursorState::take(Batch& out) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !ready_.empty() || ended_; });
  if (!ready_.empty()) {
    out = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();
    return true;
  }
  if (error_ && !errorTaken_) {
    errorTaken_ = true;
    std::rethrow_exception(error_);
  }
  return false;
}

void CursorState::waitFirst() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !ready_.empty() || ended_; });
  if (ready_.empty() && error_ && !errorTaken_) {
    errorTaken_ = true;
    std::rethrow_exception(error_);
  }
}

const QueryResult& CursorState::head() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return started_; });
  return head_;  // no columns when the statement failed before it started: next() throws
}

void CursorState::settle(bool stop) {
  {
    std::lock_guard lock(mutex_);
    if (stop) {
      stopFlag.store(true);
    } else {
      unbounded_ = true;
    }
    changed_.notify_all();
  }
  join();
}

void CursorState::join() {
  std::lock_guard lock(joinMutex_);
  if (thread.joinable()) thread.join();
}

bool CursorState::ended() {
  std::lock_guard lock(mutex_);
  return ended_;
}

const QueryResult& CursorState::summary() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return ended_; });
  return summary_;
}

// ---- ResultCursor ----

ResultCursor::~ResultCursor() {
  close();
}

bool ResultCursor::next(std::vector<Value>& row) {
  if (closed_) return false;
  while (next_ >= batch_.size()) {
    batch_.clear();
    next_ = 0;
    if (!state_->take(batch_)) return false;
  }
  row = std::move(batch_[next_++]);
  return true;
}

bool ResultCursor::nextBatch(std::vector<std::vector<Value>>& rows) {
  if (closed_) return false;
  if (next_ < batch_.size()) {
    for (; next_ < batch_.size(); ++next_) rows.push_back(std::move(batch_[next_]));
    return true;
  }
  batch_.clear();
  next_ = 0;
  if (rows.empty()) return state_->take(rows);
  CursorState::Batch more;
  if (!state_->take(more)) return false;
  for (auto& r : more) rows.push_back(std::move(r));
  return true;
}

void ResultCursor::waitFirst() {
  if (!closed_) state_->waitFirst();
}

void ResultCursor::bufferRest() {
  if (closed_) return;
  state_->settle(false);
}

size_t ResultCursor::running() {
  return gRunning.load();
}

size_t ResultCursor::maxRunning() {
  return gMaxRunning.load();
}

void ResultCursor::setMaxRunning(size_t n) {
  gMaxRunning = n;
}

void ResultCursor::allow(uint64_t rows) {
  if (!closed_) state_->allow(rows);
}

void ResultCursor::close() {
  if (closed_) return;
  closed_ = true;
  state_->settle(true);
  batch_.clear();
}

// ---- Database ----

std::unique_ptr<ResultCursor> Database::openCursor(const PreparedQuery& query, const Params& params,
                                                   const ExecuteOptions& options, RowHook hook,
                                                   bool paced) {
  auto start = std::chrono::steady_clock::now();
  if (!query.statement_)
    throw Error(ErrorKind::InternalError, "execute: the prepared query is empty", {}, "",
                ErrorPhase::Runtime);
  if (query.statement_->schema) {  // runs here; no rows
    auto state = std::make_shared<CursorState>();
    state->hook = std::move(hook);
    state->graph = graph_.get();
    std::unique_ptr<ResultCursor> cursor(new ResultCursor(state));
    state->settle(false);
    QueryResult summary = runSchemaCommand(*query.statement_, start);
    state->start(summary);
    state->finish(std::move(summary), nullptr);
    return cursor;
  }
  bool explain = false, profile = false;
  std::shared_ptr<Plan> plan = planFor(*query.statement_, params, options.why, explain, profile);
  auto state = std::make_shared<CursorState>();
  state->hook = std::move(hook);
  state->graph = graph_.get();
  std::unique_ptr<ResultCursor> cursor(new ResultCursor(state));
  if (explain || profile || options.why || !planStreams(*plan) || !planMayYieldManyRows(*plan)) {
    // Runs here, to the end; its errors are thrown here.
    state->settle(false);  // no thread yet: only makes the queue unbounded
    QueryResult summary = runPlanned(*plan, explain, profile, options, start, state.get());
    state->finish(std::move(summary), nullptr);
    return cursor;
  }
  takeRunningPlace();  // before the cursor is listed: a refused one leaves no trace
  state->read = tx_ == Tx::None && isRead(query);
  if (paced) state->pace(ResultCursor::kPacedAhead);
  {
    std::lock_guard lock(cursorsMutex_);
    std::erase_if(cursors_, [](const std::shared_ptr<CursorState>& c) { return c->ended(); });
    cursors_.push_back(state);
  }
  state->thread = std::thread([this, plan, options, start, s = state.get()] {
    QueryResult summary;
    std::exception_ptr error;
    try {
      summary = runPlanned(*plan, false, false, options, start, s, &s->stopFlag);
    } catch (...) {
      error = std::current_exception();
    }
    --gRunning;  // before finish(): a reader that sees the end finds the place free
    s->finish(std::move(summary), error);
  });
  return cursor;
}

void Database::settleCursor(bool stop, bool readsStay) const {
  std::vector<std::shared_ptr<CursorState>> settling;
  {
    std::lock_guard lock(cursorsMutex_);
    if (!readsStay) {
      settling.swap(cursors_);
    } else {
      // Left in the list: settling again is harmless, and another read must wait for it too.
      for (const auto& c : cursors_)
        if (!c->read) settling.push_back(c);
    }
  }
  for (const auto& c : settling) c->settle(stop);
}

}  // namespace silkgraph
