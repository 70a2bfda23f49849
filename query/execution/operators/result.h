// ResultOp: the end of a chain, copies the column slots into result rows: kept in the chain's
// rows (counted against the memory limit), or handed to a sink as they come (streaming).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class ResultOp final : public Operator {
 public:
  ResultOp(std::vector<Slot> slots, std::vector<std::vector<Value>>* out)
      : slots_(std::move(slots)), out_(out) {
    std::vector<Slot> sorted = slots_;
    std::sort(sorted.begin(), sorted.end());
    distinct_ = std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
  }
  bool push(Row& row) override;
  bool pushOwned(Row& row) override;
  bool finish() override { return true; }
  std::string describe() const override { return "ProduceResults"; }
  // Streaming: rows go to `sink` instead of the chain's rows, and are not held.
  void streamTo(const ResultSink* sink) { sink_ = sink; }
  // Whether the sink asked for no more rows.
  bool stopped() const { return stopped_; }

 private:
  std::vector<Slot> slots_;
  std::vector<std::vector<Value>>* out_;
  bool distinct_ = true;  // no slot twice among the columns: values can be moved out
  const ResultSink* sink_ = nullptr;
  bool stopped_ = false;

  bool emit(std::vector<Value>& out);
};

}  // namespace silkgraph
