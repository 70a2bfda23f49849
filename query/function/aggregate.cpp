// Implements query/function/aggregate.h: the table of aggregate functions.
#include "query/function/aggregate.h"

#include <array>
#include <string_view>
#include <vector>

#include "common/text.h"

namespace silkgraph {

namespace {

constexpr std::array kAggregates = {
    AggregateDef{"count", AggKind::Count, 1},
    AggregateDef{"sum", AggKind::Sum, 1},
    AggregateDef{"avg", AggKind::Avg, 1},
    AggregateDef{"min", AggKind::Min, 1},
    AggregateDef{"max", AggKind::Max, 1},
    AggregateDef{"collect", AggKind::Collect, 1},
    AggregateDef{"stDev", AggKind::StDev, 1},
    AggregateDef{"stDevP", AggKind::StDevP, 1},
    AggregateDef{"percentileCont", AggKind::PercentileCont, 2},
    AggregateDef{"percentileDisc", AggKind::PercentileDisc, 2},
};

}  // namespace

const AggregateDef* findAggregate(std::string_view name) {
  for (const auto& a : kAggregates) {
    if (text::equalsIgnoreAsciiCase(a.name, name)) return &a;
  }
  return nullptr;
}

std::vector<std::string_view> aggregateNames() {
  std::vector<std::string_view> out;
  for (const auto& a : kAggregates) out.push_back(a.name);
  return out;
}

}  // namespace silkgraph
