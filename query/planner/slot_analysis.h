// Slot analysis: which row slots bound expressions and match steps read and bind, and the
// expression shapes the planner and the optimizer passes look for.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "query/binder/bound.h"
#include "query/planner/match_program.h"

namespace silkgraph {

// Free slots of an expression: those it reads from the row, minus the variables it
// introduces itself (comprehension variables, fresh pattern elements). Sorted.
std::vector<Slot> freeSlots(const BoundExpr& e);
// Adds the free slots of e (if any) to out.
void addFree(const BoundExpr* e, std::set<Slot>& out);

// A value a pushed predicate can be compared with: evaluated once per run of its step, so it
// must be deterministic and read only variables bound before the step.
bool simpleValue(const BoundExpr& e);
// `x.key` for a variable x: its slot and key.
bool slotProperty(const BoundExpr& e, Slot* slot, std::string* key);
// The comparison with its sides swapped (a < b is b > a).
ast::Op mirrored(ast::Op op);
bool isComparison(ast::Op op);

// True if evaluating e twice may give two values (rand()): rows that agree on their slots
// are then not interchangeable.
bool nondeterministic(const BoundExpr* e);
bool stepNondeterministic(const MatchStep& s);
// Slots a step reads (besides relationship uniqueness) and the slots it binds.
void stepSlots(const MatchStep& s, std::set<Slot>& reads, std::set<Slot>& binds);

}  // namespace silkgraph
