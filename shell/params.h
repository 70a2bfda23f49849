// Query parameters in the shell: evaluating `:param NAME => EXPR` and `--param NAME=EXPR`
// (Session::setParam, in params.cpp) and writing values back as Cypher for :params.
#pragma once

#include <string>

#include "main/database.h"
#include "main/value.h"

namespace silkgraph::shell {

// A value written as a Cypher expression that gives it back, for :params and :param:
// dates as date('2024-11-04'), strings quoted, lists and maps of those. (Nodes,
// relationships and paths, which no literal can give, print in the TCK notation.)
std::string cypherLiteral(const Value& v, const Graph& graph);

}  // namespace silkgraph::shell
