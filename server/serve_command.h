// The server's command lines: `silkgraph serve DATA... --bolt HOST:PORT` and
// `silkgraph passwd FILE USER` (the binary's main dispatches to them).
#pragma once

namespace silkgraph::server {

int runServe(int argc, char** argv);   // argv[1] == "serve"
int runPasswd(int argc, char** argv);  // argv[1] == "passwd"

}  // namespace silkgraph::server
