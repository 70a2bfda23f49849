// The HTTP API's transactional endpoint (docs/server.md): POST /db/NAME/tx/commit with
// {"statements": [{"statement": "...", "parameters": {...}, "resultDataContents": ["row",
// "graph"]}]} runs the statements in one transaction and answers {"results": [...],
// "errors": [{"code": "Neo.ClientError...", "message": "... line:col ..."}]}, as Neo4j does.
// Statements run as Bolt's do: under the server's one lock (ServerState::lock), with the
// server's timeout and memory limit; one statement autocommits as a Bolt RUN does, several
// run between begin() and commit() as a Bolt explicit transaction does, and the first that
// fails rolls them all back.
#pragma once

#include <string>

#include "server/session.h"

namespace silkgraph::server {

struct HttpReply {
  int status = 200;
  std::string body;  // JSON
};

// Runs the request `body` (JSON text). A body that is not the expected JSON gets status 400
// and Neo.ClientError.Request.InvalidFormat naming the place; statement errors get 200 with
// the error in "errors" (and the results of the statements before it), as in Neo4j. With
// `readOnly` (a read-only user) a statement that writes gets Neo.ClientError.Security.Forbidden.
HttpReply runCommitRequest(ServerState& server, const std::string& body, bool readOnly);

// {"results": [], "errors": [{"code": code, "message": message}]} as JSON text.
std::string httpErrorBody(const std::string& code, const std::string& message);

}  // namespace silkgraph::server
