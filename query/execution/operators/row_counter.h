// RowCounterOp: PROFILE's counter between two operators (rows passed, time spent below).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "query/execution/operators/operator.h"

namespace silkgraph {

// PROFILE: sits between two operators of a chain and counts the rows that pass, then hands
// them on unchanged (batches of relationships stay batches).
class RowCounterOp final : public Operator {
 public:
  using Clock = std::chrono::steady_clock;
  bool push(Row& row) override {
    ++rows;
    Clock::time_point t = Clock::now();
    bool more = next->push(row);
    below += Clock::now() - t;
    return more;
  }
  bool pushOwned(Row& row) override {
    ++rows;
    Clock::time_point t = Clock::now();
    bool more = next->pushOwned(row);
    below += Clock::now() - t;
    return more;
  }
  bool pushRels(Row& row, const MatchStep& step, const RelId* rels, size_t n) override {
    rows += n;
    Clock::time_point t = Clock::now();
    bool more = next->pushRels(row, step, rels, n);
    below += Clock::now() - t;
    return more;
  }
  bool finish() override {
    Clock::time_point t = Clock::now();
    bool more = next->finish();
    below += Clock::now() - t;
    return more;
  }
  std::string describe() const override { return "RowCounter"; }

  uint64_t rows = 0;
  // Time spent in the operators after this point (their pushes and finish), for PROFILE's
  // time per operator: an operator's own time is what its counter's `below` leaves out of
  // the one before it.
  Clock::duration below{};
};

}  // namespace silkgraph
