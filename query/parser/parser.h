// Parser: Cypher text -> ast::Statement. Hand-written recursive descent over a lexer.
// Syntax errors are thrown as Error{SyntaxError} with the 1-based line:col of the offending
// token (Error::format(source) draws the caret).
#pragma once

#include <string_view>

#include "query/parser/ast.h"

namespace silkgraph {

ast::Statement parseStatement(std::string_view text);

}  // namespace silkgraph
