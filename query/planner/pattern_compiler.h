// The pattern compiler: one pattern (and the WHERE conjuncts of its clause) into a
// MatchProgram, given which slots are bound before it (`bound` is updated with what the
// pattern binds).
#pragma once

#include <memory>
#include <vector>

#include "engine/graph.h"
#include "query/binder/bound.h"
#include "query/planner/match_program.h"

namespace silkgraph {

std::shared_ptr<MatchProgram> compilePattern(const Graph& graph, std::vector<bool>& bound,
                                             const BoundPattern& pattern,
                                             const std::vector<const BoundExpr*>& conjuncts);

}  // namespace silkgraph
