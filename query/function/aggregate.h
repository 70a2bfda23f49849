// The aggregate functions the binder knows (count, sum, avg, min, max, collect, stDev,
// stDevP, percentileCont, percentileDisc): their kinds and argument counts. How each one
// accumulates is the AggregateOp's job (query/execution/operators/aggregate.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace silkgraph {

enum class AggKind : uint8_t {
  Count,
  CountStar,
  Sum,
  Avg,
  Min,
  Max,
  Collect,
  StDev,
  StDevP,
  PercentileCont,
  PercentileDisc,
  // Not a function users call: --why's union of the entities of a group's rows (the planner
  // adds it, query/planner/provenance_plan.h); no name finds it.
  Entities
};

struct AggregateDef {
  const char* name;  // canonical spelling, e.g. "percentileCont"
  AggKind kind;      // count(*) is bound apart, as AggKind::CountStar
  size_t args;       // arguments it takes
};

// Case-insensitive lookup; nullptr if `name` is not an aggregate function.
const AggregateDef* findAggregate(std::string_view name);
// Their names, in the order of the table (for "did you mean" hints).
std::vector<std::string_view> aggregateNames();

}  // namespace silkgraph
