// The server's log (docs/server.md, "Log"): one line per event on standard error, written
// whole under a lock so that lines of concurrent connections never interleave. Lines start
// with "silkgraph serve: " and carry no timestamp (a service manager such as journald adds
// one to every line).
#pragma once

#include <string>
#include <string_view>

namespace silkgraph::server {

// Writes "silkgraph serve: " + text + "\n".
void logLine(std::string_view text);

// The first line of an error message, cut to at most 200 characters (a statement's message
// carries the statement and a caret on the following lines: the log keeps the reason).
std::string firstLine(std::string_view message);

}  // namespace silkgraph::server
