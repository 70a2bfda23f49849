// The graceful stop of `silkgraph serve` on SIGTERM or SIGINT (docs/server.md, "Stopping"):
// no new connections or requests; running statements get ServerState::shutdownSeconds
// (--shutdown-timeout) to finish, then are stopped through their cancel flag
// (ServerState::stopStatements: they roll back, and their clients get kShutdownStatus with a
// message naming the shutdown); open transactions roll back; the database file is
// checkpointed and closed. Each step is a line in the server's log.
#pragma once

namespace silkgraph::server {

class HttpServer;
class Listener;
struct ServerState;

// Runs the stop once the Bolt listener (null without --bolt) has stopped accepting; `http`
// is null without --http. Returns the exit code: 0, or 1 when the database file could not be
// closed; when a connection does not end even after its socket is closed, the process exits
// at once with 1 (the database's log still holds every committed write).
int shutDown(ServerState& state, Listener* bolt, HttpServer* http, const char* signalName);

}  // namespace silkgraph::server
