// A Bolt session's result as RECORD messages (see result_stream.h).
#include "server/result_stream.h"

#include "common/assert.h"
#include "server/record_encoder.h"

namespace silkgraph::server {
namespace {

Error overLimitError(uint64_t limit) {
  return Error(ErrorKind::MemoryLimitExceeded,
               "the connection holds more than " + formatByteSize(limit) +
                   " of records not yet sent to the client (the server's "
                   "--max-connection-memory); the connection is closed",
               {}, "ConnectionMemory", ErrorPhase::Runtime);
}

}  // namespace

ResultStream::ResultStream(Database& db, const PreparedQuery& query, const Params& params,
                           const ExecuteOptions& options, int major, uint64_t memoryLimit) {
  pending_->limit = memoryLimit;
  std::shared_ptr<Pending> pending = pending_;
  // Runs where the statement runs (its own thread, or here for one that runs to the end).
  auto hook = [pending, major](const Graph& graph, const std::vector<Value>& row) {
    std::string record = encodeRecord(row, graph, major);
    // The row's values wait in the cursor as long as its record waits here: count both.
    const uint64_t held = record.size() + approxRowBytes(row);
    std::lock_guard lock(pending->mutex);
    if (pending->limit && pending->bytes + held > pending->limit)
      throw overLimitError(pending->limit);
    pending->bytes += held;
    ++pending->made;
    pending->records.push_back({std::move(record), held});
  };
  cursor_ = db.openCursor(query, params, options, std::move(hook), true);
  columns_ = cursor_->head().columns;
}

ResultStream::ResultStream(QueryResult&& result, const Graph& graph, int major,
                           uint64_t memoryLimit) {
  columns_ = std::move(result.columns);
  stats_ = result.stats;
  statsKnown_ = true;
  Pending& p = *pending_;
  p.limit = memoryLimit;
  for (const auto& row : result.rows) {
    std::string record = encodeRecord(row, graph, major);
    if (p.limit && p.bytes + record.size() > p.limit) throw overLimitError(p.limit);
    p.bytes += record.size();
    ++p.made;
    const uint64_t held = record.size();
    p.records.push_back({std::move(record), held});
  }
  result.rows.clear();
}

ResultStream::~ResultStream() {
  close();
}

void ResultStream::waitFirst() {
  if (cursor_) cursor_->waitFirst();
}

bool ResultStream::take(std::string& record) {
  if (ended_) return false;
  if (cursor_ && !peeked_) {
    std::vector<Value> row;
    if (!cursor_->next(row)) {
      ended_ = true;
      return false;
    }
  }
  peeked_ = false;
  std::lock_guard lock(pending_->mutex);
  if (pending_->records.empty()) {
    SG_ASSERT(!cursor_, "each row of the cursor was encoded by its hook");
    ended_ = true;
    return false;
  }
  record = std::move(pending_->records.front().first);
  pending_->bytes -= pending_->records.front().second;
  pending_->records.pop_front();
  return true;
}

void ResultStream::ask(int64_t n) {
  if (cursor_) cursor_->allow(n < 0 ? UINT64_MAX : static_cast<uint64_t>(n));
}

bool ResultStream::next(std::string& record) {
  if (!take(record)) return false;
  ++sent_;
  return true;
}

bool ResultStream::hasMore() {
  if (ended_) return false;
  if (peeked_) return true;
  if (cursor_) {
    std::vector<Value> row;
    if (!cursor_->next(row)) {
      ended_ = true;
      return false;
    }
    peeked_ = true;
    return true;
  }
  std::lock_guard lock(pending_->mutex);
  return !pending_->records.empty();
}

bool ResultStream::close() {
  bool running = false;
  if (cursor_) {
    running = !cursor_->ended();
    cursor_->close();
  }
  ended_ = true;
  peeked_ = false;
  std::lock_guard lock(pending_->mutex);
  pending_->records.clear();
  pending_->bytes = 0;
  return running;
}

const QueryStats& ResultStream::stats() {
  if (!statsKnown_ && cursor_) {
    stats_ = cursor_->summary().stats;
    statsKnown_ = true;
  }
  return stats_;
}

uint64_t ResultStream::recordsMade() const {
  std::lock_guard lock(pending_->mutex);
  return pending_->made;
}

uint64_t ResultStream::heldBytes() const {
  std::lock_guard lock(pending_->mutex);
  return pending_->bytes;
}

}  // namespace silkgraph::server
