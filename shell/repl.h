// Interactive shell: libedit line editing, history in ~/.silkgraph_history, tab completion,
// multi-line statements ending with ';', meta-commands, and Ctrl-C that cancels the running
// query (or clears the typed line) without leaving.
#pragma once

#include "shell/session.h"

namespace silkgraph::shell {

// Runs until :quit or end of input; returns the process exit code (0).
int runRepl(Session& session);

}  // namespace silkgraph::shell
