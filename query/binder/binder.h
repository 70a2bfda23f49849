// Binder: ast::Statement -> BoundStatement. Resolves variables to row slots, functions to
// their implementations and parameters to their values, and raises every semantic error
// (undefined variables, type conflicts, misplaced aggregation, ...) before planning.
#pragma once

#include "query/binder/bound.h"
#include "query/parser/ast.h"
#include "query/query_result.h"

namespace silkgraph {

// `procedures` resolves CALL; without it every CALL names an unknown procedure.
BoundStatement bindStatement(const ast::Statement& statement, const Params& params,
                             const ProcedureRegistry* procedures = nullptr);

}  // namespace silkgraph
