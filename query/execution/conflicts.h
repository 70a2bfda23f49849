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
#include <utility>
#include <vector>

#include "common/shared_string.h"
#include "engine/graph.h"
#include "engine/validity.h"
#include "query/query_result.h"

namespace silkgraph {

struct FactConflict {
  RelId other = 0;
  SharedString subject;            // (CHN)-[:SUPPLIES {resource: 'REE', year: 2022}]->(KOR)
  SharedString claim, otherClaim;  // "share_pct 61.2", "share_pct 50"
};

// The relationships that conflict with `rel`, in id order; with a view date (--as-of), only
// those it shows. `candidates` (if given) holds every relationship that may conflict with it
// (conflictPairs' partners): only those are compared, not all of its twins.
std::vector<FactConflict> conflictsOf(const Graph& graph, RelId rel,
                                      const ValidView* view = nullptr,
                                      const std::vector<RelId>* candidates = nullptr);

// Which relationships conflict, for many groups of twins: reads the key names once.
class ConflictFinder {
 public:
  explicit ConflictFinder(const Graph& graph);
  // Every conflicting pair among `twins`, relationships with the same start node, type and
  // end node (any view date: a pair a view would hide is in it too), each pair once, smaller
  // id first. Reads the period properties of each and compares only those whose periods
  // overlap, column by column, without the texts conflictsOf builds.
  void pairs(const std::vector<RelId>& twins, std::vector<std::pair<RelId, RelId>>& out) const;

 private:
  bool conflict(RelId a, RelId b) const;  // periods known to overlap
  const Graph& graph_;
  KeyId from_, to_, year_, period_;
  std::vector<bool> skip_;  // per key: never compared, or no relationship has it
};

}  // namespace silkgraph
