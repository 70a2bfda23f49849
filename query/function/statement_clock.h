// The clock of the temporal functions: date(), datetime.statement(), localtime() and the
// others without arguments read "now" once per statement, so that every call in one statement
// sees the same instant. The plan runner opens a StatementClock around each statement.
#pragma once

#include <cstdint>

namespace silkgraph {

class StatementClock {
 public:
  StatementClock();
  ~StatementClock();
  StatementClock(const StatementClock&) = delete;
  StatementClock& operator=(const StatementClock&) = delete;

 private:
  bool outer_;
};

// Nanoseconds since the epoch (UTC): the statement's instant, or the system clock outside
// a statement.
int64_t statementNowNanos();

}  // namespace silkgraph
