// Implements ProjectOp (query/execution/operators/projection.h).
#include "query/execution/operators/projection.h"

namespace silkgraph {

bool ProjectOp::project(Row& row, bool owned) {
  // Evaluate all items first: an item may read a slot another item writes.
  Value buffer[8];
  std::vector<Value> large;
  Value* vals = buffer;
  if (items_.size() > 8) {
    large.resize(items_.size());
    vals = large.data();
  }
  for (size_t i = 0; i < items_.size(); ++i) vals[i] = evaluate(*items_[i].first, row, *ctx);
  for (size_t i = 0; i < items_.size(); ++i) row[items_[i].second] = std::move(vals[i]);
  return owned ? next->pushOwned(row) : next->push(row);
}

std::string ProjectOp::describe() const {
  return "Project (" + std::to_string(items_.size()) + " items)";
}

}  // namespace silkgraph
