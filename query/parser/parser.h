// Parser: Cypher text -> ast::Statement. Hand-written recursive descent over a lexer.
// Syntax errors are thrown as Error{SyntaxError} with the 1-based line:col of the offending
// token (Error::format(source) draws the caret).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "query/parser/ast.h"

namespace silkgraph {

ast::Statement parseStatement(std::string_view text);
// The same for a statement `text` that lies inside `source`, held shared: the names of
// unaliased columns (their expressions' text) are parts of it rather than copies, so a
// statement with a 100 MB literal is not copied for its column name (issue 10, D10).
ast::Statement parseStatement(std::shared_ptr<const std::string> source, std::string_view text);

}  // namespace silkgraph
