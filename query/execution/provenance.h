// --why's answer: from the entities each result row used (ProvenanceOp: a list of them, or
// one node or relationship on its own, or null for none), the citations of
// their `sources` numbered for the whole result by their text, each row's citation numbers,
// and the conflicts among the facts the rows used (query/execution/conflicts.h), numbered by
// their two sides' relationship ids (the smaller first, and each conflict described from that
// side), whose sides' citations are numbered too so that both show. The numbers do not
// depend on the order the plan met the rows' entities: any plan of a statement prints the
// same answer.
#pragma once

#include <vector>

#include "engine/graph.h"
#include "engine/validity.h"
#include "query/execution/why_index.h"
#include "query/query_result.h"

namespace silkgraph {

// `view`: the statement's view date (--as-of), whose hidden facts are no conflicts. `index`
// (if given) knows which relationships may conflict, so only those are compared.
Provenance explainRows(const Graph& graph, const std::vector<Value>& rowEntities,
                       const ValidView* view = nullptr, WhyIndex* index = nullptr);

}  // namespace silkgraph
