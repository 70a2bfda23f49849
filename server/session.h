// One Bolt connection's state machine (the Bolt documentation's "server state" diagram):
// CONNECTED -HELLO-> (AUTHENTICATION -LOGON->) READY -RUN-> STREAMING -PULL/DISCARD-> READY;
// BEGIN -> TX_READY -RUN-> TX_STREAMING; COMMIT/ROLLBACK -> READY; any failure -> FAILED
// (everything IGNORED until RESET); bad authentication or protocol -> DEFUNCT (closed).
//
// Statements of all sessions share the one Database under ServerState::lock, a reader/writer
// lock that serves writers first (rw_lock.h): an autocommit statement that only reads
// (Database::isRead: no updating clause, no procedure call, no index command) holds it shared while
// its cursor is opened, so reads of many sessions run at once; any other statement holds it
// exclusively, one at a time, and first finishes the reads' cursors still running. An explicit
// transaction holds it exclusively from BEGIN to COMMIT/ROLLBACK/RESET/disconnect; another session
// waits at most lockWait for it and then fails with
// Neo.TransientError.Transaction.LockClientStopped (ServerState::takeLock; a wait ends early,
// the request not run, when the client closes the connection or the shutdown's grace ends). An
// autocommit statement's result is a cursor that PULL n advances (server/result_stream.h): the lock
// is held only while it is opened, and the cursor's statement runs on while this session reads;
// another session's statement first buffers the rest of it (Database::settleCursor). A result
// inside an explicit transaction is computed whole at RUN.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "main/database.h"
#include "server/bolt_message.h"
#include "server/password_file.h"
#include "server/result_stream.h"
#include "server/rw_lock.h"

namespace silkgraph::server {

struct ServerState {
  explicit ServerState(Database& database) : db(database) {}
  Database& db;
  RwLock lock;  // shared: a read (Database::isRead); exclusive: the rest (writers first)
  const PasswordFile* passwords = nullptr;  // null: --no-auth
  std::string address;                      // host:port, given to ROUTE
  std::chrono::milliseconds lockWait{30000};
  // Every statement of every front end (Bolt and HTTP) runs with these: the server's
  // --timeout and --max-memory.
  ExecuteOptions limits;
  // Bytes of records one connection may hold not yet sent (--max-connection-memory; 0: none).
  uint64_t maxConnectionMemory = uint64_t{256} << 20;
  std::atomic<uint64_t> connections{0};  // ids for connection_id
  std::atomic<uint64_t> commits{0};      // bookmarks

  // ---- the shutdown (server/shutdown.h) ----
  // Seconds running statements get to finish after SIGTERM (--shutdown-timeout).
  double shutdownSeconds = 10;
  // Set when that grace period has passed: it is every statement's cancel flag, so running
  // statements stop (and roll back) and new ones fail at once, with the shutdown named.
  std::atomic<bool> stopStatements{false};
  // Requests (a Bolt message, an HTTP request) being handled now.
  std::atomic<int> busy{0};
  // The options every statement runs with: the server's limits, the shutdown's cancel flag,
  // and `readOnly` for a read-only user.
  // `cancel` (e.g. an HTTP client's watch, http_watch.h) replaces the shutdown's flag; its
  // setter must set it at the shutdown too.
  ExecuteOptions statementOptions(bool readOnly, const std::atomic<bool>* cancel = nullptr) const {
    ExecuteOptions o = limits;
    o.cancel = cancel ? cancel : &stopStatements;
    o.readOnly = readOnly;
    return o;
  }
  // How a request's wait for `lock` ended.
  enum class LockWait { Got, Busy, Shutdown, ClientGone };
  // Takes `lock` (shared: for a read) for a request, waiting at most lockWait: Busy when that
  // passed. Gives up at once, without the lock, when the shutdown stops statements (Shutdown:
  // also when it already has, so that nothing new runs after the grace period) or when
  // `clientGone` (may be empty) says the request's client has left (ClientGone); both are
  // asked every kLockPoll while waiting.
  LockWait takeLock(bool shared, const std::function<bool()>& clientGone = {});
  static constexpr std::chrono::milliseconds kLockPoll{50};
  // The message a client gets for a request given up by takeLock at the shutdown.
  std::string notRunMessage() const;
  // Whether `e` is a statement stopped by the shutdown (not by its --timeout).
  bool stoppedByShutdown(const Error& e) const {
    return e.kind() == ErrorKind::Cancelled && e.detail() != "Timeout" && stopStatements;
  }
  // The message a client gets for such a statement.
  std::string shutdownMessage() const;
};

// Counts a request in ServerState::busy while it lives.
class BusyRequest {
 public:
  explicit BusyRequest(ServerState& s) : s_(s) { ++s_.busy; }
  ~BusyRequest() { --s_.busy; }
  BusyRequest(const BusyRequest&) = delete;
  BusyRequest& operator=(const BusyRequest&) = delete;

 private:
  ServerState& s_;
};

// The status code a client gets for a statement stopped by the shutdown.
inline constexpr const char* kShutdownStatus = "Neo.TransientError.General.DatabaseUnavailable";

class Session {
 public:
  Session(ServerState& server, int major, int minor);
  ~Session();  // rolls back an open transaction
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Handles one request, appending the encoded (unchunked) responses to `out`. Returns false
  // when the connection must close (GOODBYE, failed authentication, a protocol violation).
  bool handle(const BoltMessage& m, std::vector<std::string>& out);
  // For a protocol error found outside handle(): answers FAILURE, then the connection closes.
  static std::string protocolFailure(const std::string& what);
  // "bolt-7": the connection's name in the log and in HELLO's connection_id.
  std::string name() const { return "bolt-" + std::to_string(id_); }
  uint64_t statements() const { return statements_; }  // RUN messages handled
  uint64_t failedStatements() const { return failed_; }
  // Where a long PULL sends what it has so far (the listener writes and clears `out`);
  // returns false when the client is gone. Without one, a PULL's records all wait in `out`.
  void setSink(std::function<bool(std::vector<std::string>& out)> sink) { sink_ = std::move(sink); }
  // Whether the client has closed its connection (asked while a request waits for the
  // database lock: such a request is then not run, and the connection closes).
  void setClientGone(std::function<bool()> probe) { clientGone_ = std::move(probe); }

 private:
  enum class State { Connected, Authentication, Ready, Streaming, TxReady, TxStreaming, Failed };
  struct Result {
    int64_t qid = 0;
    std::string query;  // for the place of an error
    std::unique_ptr<ResultStream> stream;
    std::chrono::steady_clock::time_point available;
  };

  bool hello(const BoltMessage& m, std::vector<std::string>& out);
  bool logon(const Value& auth, std::vector<std::string>& out);
  bool run(const BoltMessage& m, std::vector<std::string>& out);
  bool pullOrDiscard(const BoltMessage& m, bool pull, std::vector<std::string>& out);
  Value summaryOf(Result& r);
  // Stops the statements of the open results and drops them; a stopped one is logged.
  void closeResults();
  void stopResult(Result& r);
  // Answers a statement's Error: FAILURE; false (close the connection) when it passed the
  // connection's memory limit.
  bool failStatement(const Error& e, const std::string& query, std::vector<std::string>& out);
  uint64_t heldBytes() const;
  void begin(std::vector<std::string>& out);
  void endTransaction(bool commit, std::vector<std::string>& out);
  void route(std::vector<std::string>& out);
  void reset();
  void fail(const std::string& code, const std::string& message, std::vector<std::string>& out);
  // Takes the database lock (shared: for a read; otherwise held in locked_): false when it
  // cannot, with `out` answered, or closing_ set when the client left while it waited.
  bool lockDatabase(std::vector<std::string>& out, bool shared = false);
  void unlockDatabase();
  std::string bookmark() const;

  ServerState& server_;
  int major_;
  int minor_;
  State state_ = State::Connected;
  bool locked_ = false;    // this session holds server_.lock (an explicit transaction)
  bool readOnly_ = false;  // a read-only user logged on: statements may not write
  bool inTx_ = false;
  int64_t nextQid_ = 0;
  std::map<int64_t, Result> results_;
  std::function<bool(std::vector<std::string>&)> sink_;
  std::function<bool()> clientGone_;
  bool closing_ = false;  // the client left while a request waited: close the connection
  uint64_t id_;
  uint64_t statements_ = 0;
  uint64_t failed_ = 0;
};

// The Neo4j status code for an error of ours, e.g. Neo.ClientError.Statement.SyntaxError.
const char* neo4jStatusCode(const Error& e);

}  // namespace silkgraph::server
