// Binder: ast::Statement -> BoundStatement. Resolves variables to row slots, functions to
// their implementations and parameters to their values, and raises every semantic error
// (undefined variables, type conflicts, misplaced aggregation, ...) before planning.
#pragma once

#include "engine/schema.h"
#include "query/binder/bound.h"
#include "query/parser/ast.h"
#include "query/query_result.h"

namespace silkgraph {

// `procedures` resolves CALL; without it every CALL names an unknown procedure. `schema`
// gives the symmetric relationship types, which a directed pattern of MATCH (or of a pattern
// expression) answers in both directions when it names only such types (docs/formats.md).
BoundStatement bindStatement(const ast::Statement& statement, const Params& params,
                             const ProcedureRegistry* procedures = nullptr,
                             const Schema* schema = nullptr);

}  // namespace silkgraph
