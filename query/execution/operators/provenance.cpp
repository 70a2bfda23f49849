// Implements ProvenanceOp (query/execution/operators/provenance.h).
#include "query/execution/operators/provenance.h"

#include "query/execution/entity_list.h"

namespace silkgraph {

namespace {

// Whether `v` is a list of distinct nodes, relationships and summary blocks, as an
// aggregation's entity list is: addEntities would give its elements as they are.
bool entitiesAsTheyAre(const Value& v) {
  if (v.type() != Value::Type::List) return false;
  EntitySeen seen;
  uint32_t block;
  for (const Value& e : v.asList()) {
    const Value::Type t = e.type();
    if (t == Value::Type::Node || t == Value::Type::Rel) {
      if (!seen.insert(e)) return false;
    } else if (!whyBlockNumber(e, block) || !seen.insertList(e)) {
      return false;
    }
  }
  return true;
}

}  // namespace

void ProvenanceOp::record(const Row& row) {
  // One list and nothing else (a row of an aggregation): that list itself, shared; one node
  // or relationship: itself (explainRows takes an entity on its own as a list of one).
  const Value* only = nullptr;
  size_t held = 0;
  for (Slot s : slots_) {
    const Value::Type t = row[s].type();
    if (t == Value::Type::Node || t == Value::Type::Rel || t == Value::Type::Path ||
        t == Value::Type::List) {
      only = &row[s];
      ++held;
    }
  }
  if (held == 0) {  // nothing: no list
    out_->push_back(Value());
    return;
  }
  if (held == 1 && (only->type() == Value::Type::Node || only->type() == Value::Type::Rel ||
                    entitiesAsTheyAre(*only))) {
    out_->push_back(*only);  // one node or relationship, or one list, as it is
    return;
  }
  std::vector<Value> entities;
  entities.reserve(slots_.size());
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
