// MatchOp: MATCH / OPTIONAL MATCH, runs a compiled pattern (query/planner/match_program.h)
// for each input row; hands relationship batches and ranges on to the aggregation after it
// when the optimizer chose that (rel_scan_aggregate).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "query/execution/match_state.h"
#include "query/execution/operators/operator.h"
#include "query/planner/match_program.h"

namespace silkgraph {

// MATCH / OPTIONAL MATCH: runs a pattern per input row.
class MatchOp final : public Operator {
 public:
  MatchOp(std::shared_ptr<MatchProgram> program, bool optional, std::vector<Slot> newSlots)
      : program_(std::move(program)), optional_(optional), newSlots_(std::move(newSlots)) {}
  bool push(Row& row) override;
  std::string describe() const override;
  MatchProgram& program() { return *program_; }
  const MatchProgram& program() const { return *program_; }
  bool optional() const { return optional_; }
  // The relationship scan ending the program hands its relationships to `next` in batches
  // (pushRels / pushRelRange) rather than as rows: set by the optimizer when `next` is a
  // RelScanAggregateOp.
  void setRelBatches(bool on) { relBatches_ = on; }
  bool relBatches() const { return relBatches_; }

 private:
  std::shared_ptr<MatchProgram> program_;
  bool optional_;
  std::vector<Slot> newSlots_;
  MatchState state_;
  bool matched_ = false;
  bool relBatches_ = false;
};

}  // namespace silkgraph
