// ProvenanceOp: --why's record of what each result row rests on. Placed right before the
// ResultOp of a chain planned for --why (query/planner/provenance_plan.h), it gathers the
// row's entities (the list in the hidden slot an aggregation filled, then the nodes,
// relationships, relationship lists and paths of the matches after it) and appends them to
// the chain's per-row lists, in step with the rows the ResultOp keeps.
#pragma once

#include <string>
#include <vector>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class ProvenanceOp final : public Operator {
 public:
  ProvenanceOp(std::vector<Slot> slots, std::vector<Value>* out)
      : slots_(std::move(slots)), out_(out) {}
  bool push(Row& row) override {
    record(row);
    return next->push(row);
  }
  bool pushOwned(Row& row) override {
    record(row);
    return next->pushOwned(row);
  }
  std::string describe() const override;

 private:
  void record(const Row& row);
  std::vector<Slot> slots_;  // the hidden slot first
  std::vector<Value>* out_;
};

}  // namespace silkgraph
