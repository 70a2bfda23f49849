// Implements query/function/statement_clock.h with a per-thread instant.
#include "query/function/statement_clock.h"

#include <chrono>

namespace silkgraph {

namespace {

thread_local bool tActive = false;
thread_local int64_t tNanos = 0;

int64_t systemNanos() {
  using namespace std::chrono;
  return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

StatementClock::StatementClock() : outer_(!tActive) {
  if (outer_) {
    tActive = true;
    tNanos = systemNanos();
  }
}

StatementClock::~StatementClock() {
  if (outer_) tActive = false;
}

int64_t statementNowNanos() {
  return tActive ? tNanos : systemNanos();
}

}  // namespace silkgraph
