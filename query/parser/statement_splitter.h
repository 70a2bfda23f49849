// Statement splitting: a script cut into statements at ';' outside strings, quoted names and
// comments, with where each starts; and whether typed text is a complete statement. A scanner
// of its own (not the lexer) so that it never fails, whatever the text holds: the shell uses
// it to read scripts and to know when multi-line input is finished.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

namespace silkgraph {

// One statement of a script, without its terminating ';': a view into the script (valid while
// it is), so that splitting a script copies none of it (issue 10 D10).
struct ScriptStatement {
  std::string_view text;
  SourcePos start;  // where `text` starts inside the script (1-based line:col)
};

// Splits a script into statements at ';' outside strings, quoted names and comments
// ('//' to end of line, '/* */'). Statements that hold only blanks and comments are dropped.
// `complete` (optional) is set to false when the text ends inside a statement (no final ';'
// after non-blank text) or inside a string or comment; the shell uses it to ask for more.
// `open` (optional) receives what the text ends inside: the quote character of a string or
// quoted name, '*' for a block comment, '\0' for none (the shell's continuation prompt).
std::vector<ScriptStatement> splitStatements(std::string_view script, bool* complete = nullptr,
                                             bool requireSemicolon = false, char* open = nullptr);

}  // namespace silkgraph
