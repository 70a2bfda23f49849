// The Bolt connection state machine (see session.h).
#include "server/session.h"

#include "server/server_log.h"

namespace silkgraph::server {
namespace {

using Clock = std::chrono::steady_clock;

int64_t msSince(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

const Value* field(const Value& map, std::string_view key) {
  return map.type() == Value::Type::Map ? map.mapFind(key) : nullptr;
}

int64_t intField(const Value& map, std::string_view key, int64_t fallback) {
  const Value* v = field(map, key);
  return v && v->type() == Value::Type::Int ? v->asInt() : fallback;
}

std::string stringField(const Value& map, std::string_view key) {
  const Value* v = field(map, key);
  return v && v->type() == Value::Type::String ? v->asString() : std::string();
}

Value statsOf(const QueryStats& s) {
  ValueMap m;
  auto add = [&](const char* key, int64_t n) {
    if (n) m.emplace_back(key, Value(n));
  };
  add("nodes-created", s.nodesCreated);
  add("nodes-deleted", s.nodesDeleted);
  add("relationships-created", s.relsCreated);
  add("relationships-deleted", s.relsDeleted);
  add("labels-added", s.labelsAdded);
  add("labels-removed", s.labelsRemoved);
  add("properties-set", s.propertiesSet);
  add("indexes-added", s.indexesAdded);
  add("indexes-removed", s.indexesRemoved);
  add("constraints-added", s.constraintsAdded);
  add("constraints-removed", s.constraintsRemoved);
  return Value(std::move(m));
}

const char* kUnauthorized = "Neo.ClientError.Security.Unauthorized";
const char* kRequestInvalid = "Neo.ClientError.Request.Invalid";
const char* kOutOfMemory = "Neo.TransientError.General.MemoryPoolOutOfMemoryError";
// A long PULL hands what it has to the sink (the socket) every this many bytes of records.
constexpr size_t kFlushBytes = size_t{64} << 10;

}  // namespace

Session::Session(ServerState& server, int major, int minor)
    : server_(server), major_(major), minor_(minor), id_(++server.connections) {}

Session::~Session() {
  reset();
}

std::string Session::protocolFailure(const std::string& what) {
  return encodeFailure(kRequestInvalid, what);
}

bool Session::handle(const BoltMessage& m, std::vector<std::string>& out) {
  const BoltTag tag = m.tag;
  if (tag == BoltTag::Goodbye) return false;
  if (state_ == State::Connected) {
    if (tag != BoltTag::Hello) {
      out.push_back(protocolFailure("the first message must be HELLO"));
      return false;
    }
    return hello(m, out);
  }
  if (state_ == State::Authentication) {
    if (tag != BoltTag::Logon) {
      out.push_back(encodeFailure(kUnauthorized, "LOGON expected before any other message"));
      return false;
    }
    return logon(m.fields[0], out);
  }
  if (tag == BoltTag::Reset) {
    reset();
    out.push_back(encodeSuccess(Value()));
    return true;
  }
  if (state_ == State::Failed) {
    out.push_back(encodeIgnored());
    return true;
  }
  const bool streaming = state_ == State::Streaming || state_ == State::TxStreaming;
  const bool ready = state_ == State::Ready;
  switch (tag) {
    case BoltTag::Run:
      if (state_ == State::Streaming) break;
      return run(m, out);
    case BoltTag::Pull:
    case BoltTag::Discard:
      if (!streaming) break;
      return pullOrDiscard(m, tag == BoltTag::Pull, out);
    case BoltTag::Begin:
      if (!ready) break;
      begin(out);
      return !closing_;
    case BoltTag::Commit:
    case BoltTag::Rollback:
      if (!inTx_) break;
      endTransaction(tag == BoltTag::Commit, out);
      return true;
    case BoltTag::Route:
      if (!ready) break;
      route(out);
      return true;
    case BoltTag::Telemetry:
      out.push_back(encodeSuccess(Value()));
      return true;
    case BoltTag::Logoff:
      if (!ready || major_ < 5 || (major_ == 5 && minor_ < 1)) break;
      state_ = State::Authentication;
      out.push_back(encodeSuccess(Value()));
      return true;
    default:
      break;
  }
  out.push_back(protocolFailure("message not allowed in this state of the connection"));
  return false;
}

bool Session::hello(const BoltMessage& m, std::vector<std::string>& out) {
  ValueMap meta;
  meta.emplace_back("server", Value("Neo4j/5.4.0 (silkgraph)"));
  meta.emplace_back("connection_id", Value("bolt-" + std::to_string(id_)));
  meta.emplace_back("hints", Value(ValueMap{}));
  const bool separateLogon = major_ > 5 || (major_ == 5 && minor_ >= 1);
  if (separateLogon) {
    state_ = State::Authentication;
    out.push_back(encodeSuccess(Value(std::move(meta))));
    return true;
  }
  std::vector<std::string> failure;
  if (!logon(m.fields[0], failure)) {
    out.insert(out.end(), failure.begin(), failure.end());
    return false;
  }
  out.push_back(encodeSuccess(Value(std::move(meta))));
  return true;
}

bool Session::logon(const Value& auth, std::vector<std::string>& out) {
  const bool separateLogon = state_ == State::Authentication;
  if (server_.passwords) {
    const std::string scheme = stringField(auth, "scheme");
    const std::string user = stringField(auth, "principal");
    if (scheme != "basic" ||
        !server_.passwords->check(user, stringField(auth, "credentials"), &readOnly_)) {
      logLine(name() + ": authentication failed (scheme '" + firstLine(scheme) + "', user '" +
              firstLine(user) + "')");
      out.push_back(encodeFailure(kUnauthorized,
                                  "The client is unauthorized due to authentication failure."));
      return false;
    }
    logLine(name() + ": logged on as '" + user + "'" + (readOnly_ ? " (read-only)" : ""));
  }
  state_ = State::Ready;
  if (separateLogon) out.push_back(encodeSuccess(Value()));
  return true;
}

bool Session::lockDatabase(std::vector<std::string>& out, bool shared) {
  if (locked_) return true;
  switch (server_.takeLock(shared, clientGone_)) {
    case ServerState::LockWait::Got:
      locked_ = !shared;
      return true;
    case ServerState::LockWait::Busy:
      fail("Neo.TransientError.Transaction.LockClientStopped",
           "the database is busy with another session's transaction; try again", out);
      return false;
    case ServerState::LockWait::Shutdown:
      ++failed_;
      logLine(name() + ": not run: " + kShutdownStatus + ": " + server_.notRunMessage());
      fail(kShutdownStatus, server_.notRunMessage(), out);
      return false;
    case ServerState::LockWait::ClientGone:
      logLine(name() +
              ": the client closed the connection while waiting for the database: "
              "its request was not run");
      closing_ = true;
      return false;
  }
  return false;
}

void Session::unlockDatabase() {
  if (!locked_) return;
  locked_ = false;
  server_.lock.unlock();
}

bool Session::run(const BoltMessage& m, std::vector<std::string>& out) {
  ++statements_;
  const auto start = Clock::now();
  Result r;
  r.query = m.fields[0].asString();
  Params params;
  if (m.fields[1].type() == Value::Type::Map)
    for (const auto& [k, v] : m.fields[1].asMap()) params.emplace(k, v);
  // An autocommit read holds the lock shared while its cursor is opened (session.h).
  PreparedQuery prepared;
  bool read = false;
  if (!inTx_) {
    try {
      prepared = server_.db.prepare(r.query);
      read = Database::isRead(prepared);
    } catch (const Error& e) {
      return failStatement(e, r.query, out);
    }
  }
  if (!lockDatabase(out, read)) return !closing_;
  std::shared_lock<RwLock> readLock(server_.lock, std::defer_lock);
  if (read) readLock = std::shared_lock<RwLock>(server_.lock, std::adopt_lock);
  const ExecuteOptions options = server_.statementOptions(readOnly_);
  const uint64_t limit = server_.maxConnectionMemory;
  const uint64_t held = heldBytes();
  const uint64_t room = limit == 0 ? 0 : (limit > held ? limit - held : 1);
  try {
    if (inTx_) {
      r.stream = std::make_unique<ResultStream>(server_.db.execute(r.query, params, options),
                                                server_.db.graph(), major_, room);
    } else {
      r.stream =
          std::make_unique<ResultStream>(server_.db, prepared, params, options, major_, room);
    }
  } catch (const Error& e) {
    if (!inTx_) unlockDatabase();
    if (readLock.owns_lock()) readLock.unlock();
    return failStatement(e, r.query, out);
  }
  if (!inTx_) unlockDatabase();
  if (readLock.owns_lock()) readLock.unlock();
  try {
    r.stream->waitFirst();  // a statement that fails at once fails its RUN
  } catch (const Error& e) {
    return failStatement(e, r.query, out);
  }
  r.available = Clock::now();
  r.qid = nextQid_++;
  ValueList fields;
  for (const auto& c : r.stream->columns()) fields.emplace_back(c.str());
  ValueMap meta;
  meta.emplace_back("fields", Value(std::move(fields)));
  meta.emplace_back("t_first", Value(msSince(start)));
  if (inTx_) meta.emplace_back("qid", Value(r.qid));
  results_[r.qid] = std::move(r);
  state_ = inTx_ ? State::TxStreaming : State::Streaming;
  out.push_back(encodeSuccess(Value(std::move(meta))));
  return true;
}

bool Session::pullOrDiscard(const BoltMessage& m, bool pull, std::vector<std::string>& out) {
  const Value extra = m.fields.empty() ? Value() : m.fields[0];
  const int64_t n = intField(extra, "n", -1);
  int64_t qid = intField(extra, "qid", -1);
  if (qid == -1) qid = results_.empty() ? -1 : results_.rbegin()->first;
  auto it = results_.find(qid);
  if (it == results_.end()) {
    fail(kRequestInvalid, "no open result with qid " + std::to_string(qid), out);
    return true;
  }
  Result& r = it->second;
  bool more = false;
  try {
    if (!pull && n < 0) {
      stopResult(r);  // the rest is not computed
    } else {
      r.stream->ask(n);  // a cursor makes about n rows, not thousands ahead
      size_t unsent = 0;
      std::string record;
      for (int64_t i = 0; (n < 0 || i < n) && r.stream->next(record); ++i) {
        if (!pull) continue;
        unsent += record.size();
        out.push_back(std::move(record));
        if (sink_ && unsent >= kFlushBytes) {
          if (!sink_(out)) return false;  // the client is gone
          unsent = 0;
        }
      }
      more = r.stream->hasMore();
    }
  } catch (const Error& e) {
    const std::string query = r.query;  // fail() drops r
    return failStatement(e, query, out);
  }
  if (more) {
    out.push_back(encodeSuccess(Value(ValueMap{{"has_more", Value(true)}})));
    return true;
  }
  Value summary = summaryOf(r);
  results_.erase(it);
  if (results_.empty()) state_ = inTx_ ? State::TxReady : State::Ready;
  out.push_back(encodeSuccess(summary));
  return true;
}

Value Session::summaryOf(Result& r) {
  const QueryStats& stats = r.stream->stats();
  const bool writes = stats.containsUpdates();
  ValueMap summary;
  summary.emplace_back("type", Value(writes ? (r.stream->columns().empty() ? "w" : "rw") : "r"));
  summary.emplace_back("db", Value("neo4j"));
  if (writes) summary.emplace_back("stats", statsOf(stats));
  if (!inTx_) summary.emplace_back("bookmark", Value(bookmark()));
  summary.emplace_back("t_last", Value(msSince(r.available)));
  return Value(std::move(summary));
}

void Session::stopResult(Result& r) {
  if (!r.stream || !r.stream->close()) return;
  logLine(name() + ": statement stopped before its end (" +
          std::to_string(r.stream->recordsSent()) + " records sent of " +
          std::to_string(r.stream->recordsMade()) + " made)");
}

void Session::closeResults() {
  for (auto& [qid, r] : results_) stopResult(r);
  results_.clear();
}

uint64_t Session::heldBytes() const {
  uint64_t bytes = 0;
  for (const auto& [qid, r] : results_) bytes += r.stream->heldBytes();
  return bytes;
}

bool Session::failStatement(const Error& e, const std::string& query,
                            std::vector<std::string>& out) {
  const bool memory = e.detail() == "ConnectionMemory";
  const bool shutdown = server_.stoppedByShutdown(e);
  const char* code = memory ? kOutOfMemory : shutdown ? kShutdownStatus : neo4jStatusCode(e);
  ++failed_;
  const std::string message = shutdown ? server_.shutdownMessage() : e.format(query);
  logLine(name() + ": statement failed: " + code + ": " + firstLine(message));
  fail(code, message, out);
  if (memory) logLine(name() + ": closed: " + e.what());
  return !memory;
}

void Session::begin(std::vector<std::string>& out) {
  if (!lockDatabase(out)) return;
  try {
    server_.db.begin();
  } catch (const Error& e) {
    unlockDatabase();
    fail(neo4jStatusCode(e), e.format(), out);
    return;
  }
  inTx_ = true;
  state_ = State::TxReady;
  out.push_back(encodeSuccess(Value()));
}

void Session::endTransaction(bool commit, std::vector<std::string>& out) {
  closeResults();
  inTx_ = false;
  state_ = State::Ready;
  try {
    if (commit) {
      server_.db.commit();
    } else {
      server_.db.rollback();
    }
  } catch (const Error& e) {
    if (server_.db.inTransaction()) server_.db.rollback();
    unlockDatabase();
    fail(neo4jStatusCode(e), e.format(), out);
    return;
  }
  unlockDatabase();
  if (commit) ++server_.commits;
  out.push_back(encodeSuccess(commit ? Value(ValueMap{{"bookmark", Value(bookmark())}}) : Value()));
}

void Session::route(std::vector<std::string>& out) {
  auto role = [&](const char* name) {
    return Value(
        ValueMap{{"addresses", Value(ValueList{Value(server_.address)})}, {"role", Value(name)}});
  };
  ValueMap table{{"ttl", Value(int64_t{300})},
                 {"db", Value("neo4j")},
                 {"servers", Value(ValueList{role("WRITE"), role("READ"), role("ROUTE")})}};
  out.push_back(encodeSuccess(Value(ValueMap{{"rt", Value(std::move(table))}})));
}

void Session::reset() {
  closeResults();
  if (inTx_ && locked_ && server_.db.inTransaction()) {
    try {
      server_.db.rollback();
      logLine(name() + ": open transaction rolled back");
    } catch (const Error&) {  // NOLINT(bugprone-empty-catch): the session ends either way
    }
  }
  inTx_ = false;
  unlockDatabase();
  if (state_ != State::Connected && state_ != State::Authentication) state_ = State::Ready;
}

void Session::fail(const std::string& code, const std::string& message,
                   std::vector<std::string>& out) {
  results_.clear();
  state_ = State::Failed;
  out.push_back(encodeFailure(code, message));
}

std::string Session::bookmark() const {
  return "silkgraph:" + std::to_string(server_.commits.load());
}

}  // namespace silkgraph::server
