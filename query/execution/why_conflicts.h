// --why's answer read from the whole-graph table (why_table.h): explainRows (provenance.h)
// when the statement's WhyIndex reads from a table. Citations are numbered per citation set;
// a summary of an adjacency row (WhyTable::Block) that a row's entities hold is taken whole:
// its conflicts get consecutive numbers (but for those numbered before it), so the work per
// result grows with the blocks and entities it holds, not with the conflicts in them, and the
// result's conflicts refer to the table's descriptions (Provenance::ConflictList, made when
// read). The numbers are those explainRows gives the same entities read one by one.
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
