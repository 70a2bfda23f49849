// The HTTP API's transactional endpoint (docs/server.md): POST /db/NAME/tx/commit with
// {"statements": [{"statement": "...", "parameters": {...}, "resultDataContents": ["row",
// "graph"]}]} runs the statements in one transaction and answers {"results": [...],
// "errors": [{"code": "Neo.ClientError...", "message": "... line:col ..."}]}, as Neo4j does.
// Statements run as Bolt's do: under the server's one lock (ServerState::lock), with the
// server's timeout and memory limit; one statement autocommits as a Bolt RUN does, several
// run between begin() and commit() as a Bolt explicit transaction does, and the first that
// fails rolls them all back.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "server/http_result.h"
#include "server/session.h"

namespace silkgraph::server {

struct HttpReply {
  int status = 200;
  std::string body;      // JSON
  std::string location;  // a Location header, when not empty
};

inline constexpr const char* kInvalidFormat = "Neo.ClientError.Request.InvalidFormat";
inline constexpr const char* kLockClientStopped =
    "Neo.TransientError.Transaction.LockClientStopped";
inline constexpr const char* kBusyMessage =
    "the database is busy with another session's transaction; try again";

// One item of a request's "statements".
struct HttpStatement {
  std::string text;
  Params params;
  ResultContents contents;
};

// Reads a request body {"statements": [...]} into `out`; returns "" or what is wrong, naming
// the place (statements[0].parameters: ..., or the line and column of bad JSON). With
// `emptyAllowed`, an empty body is no statements.
std::string readHttpStatements(const std::string& body, std::vector<HttpStatement>& out,
                               bool emptyAllowed = false);

// Runs `statements` in order on the database as it stands (the caller holds the lock, and
// has begun the transaction they belong to), with the server's limits: appends each result to
// `results`; at the first that fails, appends its error to `errors` (a statement stopped by
// the shutdown gets kShutdownStatus) and returns false.
// `cancel`, if given, is the statements' cancel flag (ServerState::statementOptions).
bool runHttpStatements(ServerState& server, const std::vector<HttpStatement>& statements,
                       bool readOnly, nlohmann::ordered_json& results,
                       nlohmann::ordered_json& errors, const std::atomic<bool>* cancel = nullptr);

// Takes the server's lock for a request (ServerState::takeLock; shared: for a read), its
// client gone once `cancel` (may be null) is set: nullopt when it has the lock; else the reply
// (busy: kLockClientStopped; the shutdown: kShutdownStatus; a client gone: logged, and an
// answer no one reads).
std::optional<HttpReply> lockForHttp(ServerState& server, bool shared,
                                     const std::atomic<bool>* cancel);

// Runs the statements of a request read by readHttpStatements as one transaction (one
// statement autocommits). Statement errors get 200 with the error in "errors" (and the
// results of the statements before it), as in Neo4j. With `readOnly` (a read-only user) a
// statement that writes gets Neo.ClientError.Security.Forbidden. `cancel` as for
// runHttpStatements.
HttpReply runCommitStatements(ServerState& server, const std::vector<HttpStatement>& statements,
                              bool readOnly, const std::atomic<bool>* cancel = nullptr);

// {"code": code, "message": message}
nlohmann::ordered_json httpErrorJson(const std::string& code, const std::string& message);
// {"results": [], "errors": [{"code": code, "message": message}]} as JSON text.
std::string httpErrorBody(const std::string& code, const std::string& message);

}  // namespace silkgraph::server
