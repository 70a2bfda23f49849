// DeleteOp: DELETE and DETACH DELETE of nodes, relationships and paths.
#pragma once

#include <string>
#include <vector>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class DeleteOp final : public Operator {
 public:
  DeleteOp(const std::vector<BoundExprPtr>* exprs, bool detach) : exprs_(exprs), detach_(detach) {}
  bool push(Row& row) override;
  // Nodes that still had relationships are deleted here, once every row's relationships
  // are gone (as at commit in Neo4j); one still connected then is an error.
  bool finish() override;
  std::string describe() const override { return detach_ ? "DetachDelete" : "Delete"; }

 private:
  const std::vector<BoundExprPtr>* exprs_;
  bool detach_;
  std::vector<NodeId> pending_;
};

}  // namespace silkgraph
