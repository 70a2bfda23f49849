// StatementLimits: what stops a running statement before it ends by itself: a cancel flag
// (Ctrl-C, another thread), a deadline (a timeout) and a memory budget (what the operators
// that materialise rows may hold). The operators and the expression evaluator poll it in
// their loops; the functions that build big values (range, string and list building) reach
// the statement's limits through StatementLimits::current(), so their signature stays plain.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "engine/value.h"

namespace silkgraph {

class StatementLimits {
 public:
  using Clock = std::chrono::steady_clock;

  StatementLimits() = default;
  // timeoutSeconds <= 0: no deadline; maxMemoryBytes 0: no budget.
  StatementLimits(const std::atomic<bool>* cancel, double timeoutSeconds, uint64_t maxMemoryBytes);

  // Cheap enough for inner loops: the clock and the flag are read once per 1024 units of
  // work (a step of a loop is 1; a step that copies n values may say n).
  void poll(uint32_t cost = 1) {
    if (active_ && (tick_ += cost) >= 1024u) {
      tick_ = 0;
      check();
    }
  }
  // Throws Error{Cancelled} when the flag is set or the deadline has passed.
  void check() const;
  // The same test without throwing, for worker threads that stop and let the caller throw.
  bool stopRequested() const;
  const std::atomic<bool>* cancelFlag() const { return cancel_; }
  // A second flag that stops the statement as the cancel flag does: a result cursor's, set
  // when its reader closes it (main/result_cursor.h).
  void setStopFlag(const std::atomic<bool>* stop) {
    stop_ = stop;
    active_ = active_ || stop_ != nullptr;
  }

  // Memory held by this statement's materialised rows and values (approximate bytes).
  // charge() throws Error{MemoryLimitExceeded} naming the limit when the budget is passed.
  void charge(uint64_t bytes) {
    held_ += bytes;
    if (held_ > peak_) peak_ = held_;
    if (maxMemory_ != 0 && held_ > maxMemory_) overBudget();
  }
  // For a value about to be built that no operator keeps (range(), a list being grown):
  // throws as charge() would if `bytes` more would pass the budget, and keeps nothing.
  void checkRoom(uint64_t bytes) const {
    if (maxMemory_ != 0 && held_ + bytes > maxMemory_) overBudget();
  }
  void release(uint64_t bytes) { held_ = bytes > held_ ? 0 : held_ - bytes; }
  uint64_t held() const { return held_; }
  uint64_t maxMemory() const { return maxMemory_; }
  // Whether a budget is set: callers skip measuring values when it is not.
  bool accounting() const { return maxMemory_ != 0; }

  // The limits of the statement running on this thread, or null outside a statement.
  static StatementLimits* current();
  // Makes `limits` the current ones for this thread while it lives.
  class Scope {
   public:
    explicit Scope(StatementLimits* limits);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    StatementLimits* previous_;
  };

 private:
  [[noreturn]] void overBudget() const;

  const std::atomic<bool>* cancel_ = nullptr;
  const std::atomic<bool>* stop_ = nullptr;
  bool hasDeadline_ = false;
  bool active_ = false;
  uint32_t tick_ = 0;
  double timeoutSeconds_ = 0;
  Clock::time_point deadline_{};
  uint64_t maxMemory_ = 0;
  uint64_t held_ = 0;
  uint64_t peak_ = 0;
};

// Polls the current statement's limits (see StatementLimits::current), if any: for loops in
// functions that build big values.
inline void pollCurrentLimits(uint32_t cost = 1) {
  if (StatementLimits* l = StatementLimits::current()) l->poll(cost);
}
// checkRoom() of the current statement's limits, if any.
inline void checkCurrentRoom(uint64_t bytes) {
  if (StatementLimits* l = StatementLimits::current()) l->checkRoom(bytes);
}

// Approximate bytes a value holds: its own size plus what its strings, lists, maps and paths
// point to (shared parts are counted at each holder, so this errs on the high side).
uint64_t approxValueBytes(const Value& v);
// Approximate bytes of a row of values (the vector and each value).
uint64_t approxRowBytes(const std::vector<Value>& row);

// "512 MB", "2 GB", "1.5 GB": a byte count as people write it (powers of 1024).
std::string formatByteSize(uint64_t bytes);
// Parses "512MB", "2GB", "1.5G", "100000" (bytes), "64 KB"; 0 on failure (or a zero size).
uint64_t parseByteSize(std::string_view text);

}  // namespace silkgraph
