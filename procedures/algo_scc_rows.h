// Strongly connected components over a projection's compressed rows
// (procedures/algo_compact_rows.h), the fast path of algo.scc: Tarjan's algorithm, iterative,
// over arrays.
#pragma once

#include <cstdint>
#include <vector>

#include "procedures/algo_compact_rows.h"

namespace silkgraph::algo {

// Each member node's component, named by its smallest node (-1 for the other ids), over the
// projection's rows out (`out`) and in (`in`, which tells the nodes a relationship enters; null
// when not at hand: slower on graphs of few nodes and many relationships, same answer).
std::vector<int64_t> sccRows(const CompactRows& out, const CompactRows* in, const Projection& p,
                             ProcedureContext& ctx);

}  // namespace silkgraph::algo
