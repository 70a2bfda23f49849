// MergeOp: MERGE, matches the pattern or else creates it, then applies ON MATCH / ON CREATE.
#pragma once

#include <memory>
#include <string>

#include "query/execution/operators/operator.h"
#include "query/planner/match_program.h"

namespace silkgraph {

class MergeOp final : public Operator {
 public:
  MergeOp(const BoundClause* clause, std::shared_ptr<MatchProgram> program)
      : clause_(clause), program_(std::move(program)) {}
  bool push(Row& row) override;
  std::string describe() const override { return "Merge"; }

 private:
  const BoundClause* clause_;
  std::shared_ptr<MatchProgram> program_;
};

}  // namespace silkgraph
