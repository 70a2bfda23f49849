// Implements ProvenanceOp (query/execution/operators/provenance.h).
#include "query/execution/operators/provenance.h"

#include "query/execution/entity_list.h"

namespace silkgraph {

void ProvenanceOp::record(const Row& row) {
  std::vector<Value> entities;
  EntitySeen seen;
  for (Slot s : slots_) addEntities(row[s], entities, seen);
  Value list(std::move(entities));
  ctx->hold(list);
  out_->push_back(std::move(list));
}

std::string ProvenanceOp::describe() const {
  return "Provenance (" + std::to_string(slots_.size() - 1) + " entity slots)";
}

}  // namespace silkgraph
