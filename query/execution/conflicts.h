// Conflicting facts, for --why (docs/provenance.md). Two relationships conflict when they
//   - have the same start node, type and end node,
//   - hold for overlapping periods: [valid_from, valid_to] when they are dates (an open end
//     is unbounded), else the calendar year `year`, else always; and both or neither state
//     a `period` (a span such as '2012-01/2012-11', compared like a qualifier),
//   - describe the same thing: every qualifier both carry (a string, boolean or temporal
//     property) is equal,
//   - and disagree: some number both carry differs (61.2 vs 50 for share_pct).
// Provenance and time keys are neither qualifiers nor numbers: sources, fact_id, confidence,
// notes, source_of_data, data_from, edition, estimated, valid_from, valid_to,
// valid_precision, as_of and year. Lists are not compared.
#pragma once

#include <string>
#include <vector>

#include "engine/graph.h"
#include "engine/validity.h"
#include "query/query_result.h"

namespace silkgraph {

struct FactConflict {
  RelId other = 0;
  std::string subject;            // (CHN)-[:SUPPLIES {resource: 'REE', year: 2022}]->(KOR)
  std::string claim, otherClaim;  // "share_pct 61.2", "share_pct 50"
};

// The relationships that conflict with `rel`, in id order; with a view date (--as-of), only
// those it shows.
std::vector<FactConflict> conflictsOf(const Graph& graph, RelId rel,
                                      const ValidView* view = nullptr);

}  // namespace silkgraph
