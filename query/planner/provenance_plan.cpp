// Implements query/planner/provenance_plan.h.
#include "query/planner/provenance_plan.h"

#include <algorithm>

namespace silkgraph {

namespace {

void addSlot(Slot s, std::vector<Slot>& slots) {
  if (s != kNoSlot && std::find(slots.begin(), slots.end(), s) == slots.end()) slots.push_back(s);
}

}  // namespace

void addPatternSlots(const BoundPattern& pattern, std::vector<Slot>& slots) {
  for (const auto& part : pattern.parts) {
    for (size_t i = 0; i < part.nodes.size(); ++i) {
      addSlot(part.nodes[i].slot, slots);
      if (i < part.rels.size()) addSlot(part.rels[i].slot, slots);
    }
    addSlot(part.pathSlot, slots);
  }
}

BoundExprPtr slotExpr(Slot slot) {
  auto e = std::make_unique<BoundExpr>(BExprKind::Slot, SourcePos{});
  e->slot = slot;
  return e;
}

BoundAggregate entitiesAggregate(Slot whySlot, const std::vector<Slot>& slots) {
  BoundAggregate a;
  a.kind = AggKind::Entities;
  a.slot = whySlot;
  a.arg = std::make_unique<BoundExpr>(BExprKind::ListLiteral, SourcePos{});
  a.arg->children.push_back(slotExpr(whySlot));
  for (Slot s : slots) a.arg->children.push_back(slotExpr(s));
  return a;
}

}  // namespace silkgraph
