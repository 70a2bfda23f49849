// Session's script runner (the Session methods runScript, runStatement, ... are defined in
// statement_runner.cpp) and what it finds in a script besides statements.
#pragma once

#include <string>
#include <string_view>

#include "shell/session.h"

namespace silkgraph::shell {

// The `//` comment block right above a statement (lines joined by '\n', without the
// slashes); empty when there is none or a blank line separates it from the statement.
std::string leadingComment(std::string_view script, SourcePos start);

}  // namespace silkgraph::shell
