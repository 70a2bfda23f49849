// The transactional endpoint of the HTTP API (see http_api.h).
#include "server/http_api.h"

#include <mutex>

#include "main/value_json.h"
#include "server/http_result.h"
#include "server/server_log.h"

namespace silkgraph::server {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Reads one item of "statements"; returns "" or what is wrong with it.
std::string readStatement(const json& item, const std::string& where, HttpStatement& out) {
  if (!item.is_object()) return where + ": expected an object {\"statement\": \"...\"}";
  auto text = item.find("statement");
  if (text == item.end() || !text->is_string())
    return where + ".statement: expected the statement's text as a string";
  out.text = text->get<std::string>();
  auto params = item.find("parameters");
  if (params != item.end() && !params->is_null()) {
    if (!params->is_object()) return where + ".parameters: expected an object";
    for (const auto& [k, v] : params->items()) out.params.emplace(k, valueFromJson(v));
  }
  auto contents = item.find("resultDataContents");
  if (contents != item.end() && !contents->is_null()) {
    if (!contents->is_array()) return where + ".resultDataContents: expected a list";
    out.contents.row = false;
    for (const auto& c : *contents) {
      const std::string name = c.is_string() ? c.get<std::string>() : std::string();
      if (name == "row") {
        out.contents.row = true;
      } else if (name == "graph") {
        out.contents.graph = true;
      } else {
        return where + ".resultDataContents: expected \"row\" or \"graph\", not " + c.dump();
      }
    }
  }
  return {};
}

}  // namespace

std::string readHttpStatements(const std::string& body, std::vector<HttpStatement>& out,
                               bool emptyAllowed) {
  if (emptyAllowed && body.find_first_not_of(" \t\r\n") == std::string::npos) return {};
  json doc;
  try {
    doc = json::parse(body);
  } catch (const json::parse_error& e) {
    // nlohmann's what() starts with "[json.exception.parse_error.101] ": keep the rest, which
    // names the line and column.
    std::string what = e.what();
    const size_t cut = what.find("] ");
    return "the request is not JSON: " + (cut == std::string::npos ? what : what.substr(cut + 2));
  }
  if (!doc.is_object()) return "the request must be a JSON object {\"statements\": [...]}";
  auto list = doc.find("statements");
  if (list == doc.end() || !list->is_array())
    return "the request must have \"statements\": a list of {\"statement\": \"...\"}";
  for (size_t i = 0; i < list->size(); ++i) {
    HttpStatement s;
    std::string problem = readStatement((*list)[i], "statements[" + std::to_string(i) + "]", s);
    if (!problem.empty()) return problem;
    out.push_back(std::move(s));
  }
  return {};
}

ordered_json httpErrorJson(const std::string& code, const std::string& message) {
  return ordered_json{{"code", code}, {"message", message}};
}

std::string httpErrorBody(const std::string& code, const std::string& message) {
  ordered_json out{{"results", ordered_json::array()},
                   {"errors", ordered_json::array({httpErrorJson(code, message)})}};
  return jsonText(out);
}

bool runHttpStatements(ServerState& server, const std::vector<HttpStatement>& statements,
                       bool readOnly, ordered_json& results, ordered_json& errors,
                       const std::atomic<bool>* cancel) {
  Database& db = server.db;
  for (const HttpStatement& s : statements) {
    try {
      QueryResult r = db.execute(s.text, s.params, server.statementOptions(readOnly, cancel));
      results.push_back(httpResultJson(r, db.graph(), s.contents));
    } catch (const Error& e) {
      const bool shutdown = server.stoppedByShutdown(e);
      const char* code = shutdown ? kShutdownStatus : neo4jStatusCode(e);
      const std::string message = shutdown ? server.shutdownMessage() : e.format(s.text);
      logLine(std::string("http: statement failed: ") + code + ": " + firstLine(message));
      errors.push_back(httpErrorJson(code, message));
      return false;
    }
  }
  return true;
}

std::optional<HttpReply> lockForHttp(ServerState& server, bool shared,
                                     const std::atomic<bool>* cancel) {
  std::function<bool()> gone;
  if (cancel) gone = [cancel] { return cancel->load(); };
  switch (server.takeLock(shared, gone)) {
    case ServerState::LockWait::Got:
      return std::nullopt;
    case ServerState::LockWait::Busy:
      break;
    case ServerState::LockWait::Shutdown:
      logLine(std::string("http: not run: ") + kShutdownStatus + ": " + server.notRunMessage());
      return HttpReply{200, httpErrorBody(kShutdownStatus, server.notRunMessage()), {}};
    case ServerState::LockWait::ClientGone:
      logLine(
          "http: the client closed the connection while waiting for the database: its "
          "request was not run");
      break;
  }
  return HttpReply{200, httpErrorBody(kLockClientStopped, kBusyMessage), {}};
}

HttpReply runCommitStatements(ServerState& server, const std::vector<HttpStatement>& statements,
                              bool readOnly, const std::atomic<bool>* cancel) {
  // One statement that only reads holds the lock shared (server/session.h); parse errors are
  // reported by execute() below, under the exclusive lock.
  bool read = false;
  if (statements.size() == 1) try {
      read = Database::isRead(server.db.prepare(statements.front().text));
    } catch (const Error&) {  // NOLINT(bugprone-empty-catch): reported when it runs
    }
  if (std::optional<HttpReply> refused = lockForHttp(server, read, cancel)) return *refused;
  std::unique_lock<RwLock> lock(server.lock, std::defer_lock);
  std::shared_lock<RwLock> readLock(server.lock, std::defer_lock);
  if (read) {
    readLock = std::shared_lock<RwLock>(server.lock, std::adopt_lock);
  } else {
    lock = std::unique_lock<RwLock>(server.lock, std::adopt_lock);
  }
  ordered_json results = ordered_json::array();
  ordered_json errors = ordered_json::array();
  Database& db = server.db;
  const bool explicitTx = statements.size() > 1;
  try {
    if (explicitTx) db.begin();
  } catch (const Error& e) {
    errors.push_back(httpErrorJson(neo4jStatusCode(e), e.format()));
  }
  if (errors.empty()) runHttpStatements(server, statements, readOnly, results, errors, cancel);
  if (explicitTx && db.inTransaction()) {
    try {
      if (errors.empty()) {
        db.commit();
        ++server.commits;
      } else {
        db.rollback();
      }
    } catch (const Error& e) {
      if (db.inTransaction()) db.rollback();
      errors.push_back(httpErrorJson(neo4jStatusCode(e), e.format()));
    }
  }
  ordered_json out{{"results", std::move(results)}, {"errors", std::move(errors)}};
  return {200, jsonText(out), {}};
}

}  // namespace silkgraph::server
