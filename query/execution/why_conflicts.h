// --why's answer read from the whole-graph table (why_table.h): explainRows (provenance.h)
// when the statement's WhyIndex reads from a table. Citations are numbered by their text and
// conflicts by their rank in the table (their sides' ids, smaller first), as explainRows
// numbers them without a table; a summary of an adjacency row (WhyTable::Block) that a row's
// entities hold is taken whole (its citation sets and the ranks of its conflicts), and the
// result's conflicts refer to the table's descriptions (Provenance::ConflictList, made when
// read), so the work per result grows with the blocks and entities it holds and the number of
// its conflicts, not with their texts.
#pragma once

#include <vector>

#include "engine/graph.h"
#include "engine/validity.h"
#include "query/execution/why_index.h"
#include "query/query_result.h"

namespace silkgraph {

Provenance explainFromTable(const Graph& graph, const std::vector<Value>& rowEntities,
                            const ValidView* view, WhyIndex& index);

}  // namespace silkgraph
