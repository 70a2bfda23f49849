// Open-ended HTTP transactions (see http_transactions.h).
#include "server/http_transactions.h"

#include <charconv>
#include <ctime>
#include <optional>
#include <vector>

#include "main/value_json.h"
#include "server/server_log.h"

namespace silkgraph::server {
namespace {

using nlohmann::ordered_json;

const char* kNotFound = "Neo.ClientError.Transaction.TransactionNotFound";

std::string name(uint64_t number) {
  return "http tx " + std::to_string(number);
}

}  // namespace

HttpTransactions::HttpTransactions(ServerState& server, std::chrono::milliseconds timeout)
    : server_(server), timeout_(timeout) {
  expiry_ = std::thread([this] { expire(); });
}

HttpTransactions::~HttpTransactions() {
  rollBackAll();
}

size_t HttpTransactions::openCount() const {
  std::lock_guard<std::mutex> g(mutex_);
  return open_.size();
}

std::string HttpTransactions::expiresText(Clock::time_point expires) const {
  const auto at =
      std::chrono::system_clock::now() +
      std::chrono::duration_cast<std::chrono::system_clock::duration>(expires - Clock::now());
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return text;
}

std::shared_ptr<HttpTransactions::Call> HttpTransactions::begin(const std::string& user,
                                                                bool readOnly,
                                                                const std::string& body,
                                                                const std::string& base,
                                                                HttpReply& reply) {
  std::shared_ptr<Call> call(new Call(*this, Call::Kind::Begin));
  const std::string problem = readHttpStatements(body, call->statements_, true);
  if (!problem.empty()) {
    reply = {400, httpErrorBody(kInvalidFormat, problem), {}};
    return nullptr;
  }
  {
    std::lock_guard<std::mutex> g(mutex_);
    if (stopping_) {
      reply = {503, httpErrorBody(kShutdownStatus, "the server is shutting down"), {}};
      return nullptr;
    }
  }
  if (std::optional<HttpReply> refused = lockForHttp(server_, false, nullptr)) {
    reply = *refused;
    return nullptr;
  }
  try {
    server_.db.begin();
  } catch (const Error& e) {
    server_.lock.unlock();
    reply = {200, httpErrorBody(neo4jStatusCode(e), e.format()), {}};
    return nullptr;
  }
  std::lock_guard<std::mutex> g(mutex_);
  call->number_ = ++next_;
  Tx& tx = open_[call->number_];
  tx.user = user;
  tx.readOnly = readOnly;
  tx.busy = true;  // until finish()
  call->tx_ = &tx;
  call->url_ = base + "/" + std::to_string(call->number_);
  logLine(name(call->number_) + ": begun" + (user.empty() ? "" : " by '" + user + "'"));
  reply = {201, {}, call->url_};
  return call;
}

HttpTransactions::Tx* HttpTransactions::take(const std::string& id, const std::string& user,
                                             HttpReply& reply, uint64_t& number) {
  number = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), number);
  const bool parsed = ec == std::errc() && end == id.data() + id.size();
  std::lock_guard<std::mutex> g(mutex_);
  auto it = parsed ? open_.find(number) : open_.end();
  if (it != open_.end() && it->second.user == user && !it->second.busy &&
      it->second.expires <= Clock::now()) {
    this->end(number, "expired: rolled back");
    it = open_.end();
  }
  if (it == open_.end() || it->second.user != user) {
    reply = {404,
             httpErrorBody(kNotFound, "no open transaction " + id +
                                          " (committed, rolled back, expired after " +
                                          std::to_string(timeout_.count() / 1000) +
                                          " s idle, or begun by another user)"),
             {}};
    return nullptr;
  }
  if (it->second.busy) {
    reply = {409,
             httpErrorBody("Neo.ClientError.Transaction.ConcurrentRequest",
                           "transaction " + id + " is running another request's statements"),
             {}};
    return nullptr;
  }
  it->second.busy = true;
  return &it->second;
}

// A call on the open transaction `id`: its statements read from `body` (400 when they cannot
// be), the transaction taken for it (404, 403 or 409 when it cannot be).
std::shared_ptr<HttpTransactions::Call> HttpTransactions::callOn(Call::Kind kind,
                                                                 const std::string& id,
                                                                 const std::string& user,
                                                                 const std::string& body,
                                                                 HttpReply& reply) {
  std::shared_ptr<Call> call(new Call(*this, kind));
  const std::string problem = readHttpStatements(body, call->statements_, true);
  if (!problem.empty()) {
    reply = {400, httpErrorBody(kInvalidFormat, problem), {}};
    return nullptr;
  }
  call->tx_ = take(id, user, reply, call->number_);
  if (!call->tx_) return nullptr;
  reply = {200, {}, {}};
  return call;
}

std::shared_ptr<HttpTransactions::Call> HttpTransactions::run(const std::string& id,
                                                              const std::string& user,
                                                              const std::string& body,
                                                              const std::string& base,
                                                              HttpReply& reply) {
  std::shared_ptr<Call> call = callOn(Call::Kind::Run, id, user, body, reply);
  if (call) call->url_ = base + "/" + std::to_string(call->number_);
  return call;
}

std::shared_ptr<HttpTransactions::Call> HttpTransactions::commit(const std::string& id,
                                                                 const std::string& user,
                                                                 const std::string& body,
                                                                 HttpReply& reply) {
  return callOn(Call::Kind::Commit, id, user, body, reply);
}

std::string HttpTransactions::finish(Call& call, const std::atomic<bool>* cancel) {
  call.finished_ = true;
  Tx* tx = call.tx_;
  ordered_json results = ordered_json::array();
  ordered_json errors = ordered_json::array();
  bool ok = runHttpStatements(server_, call.statements_, tx->readOnly, results, errors, cancel);
  std::unique_lock<std::mutex> g(mutex_);
  tx->busy = false;
  if (call.kind_ == Call::Kind::Commit) {
    if (ok) try {
        server_.db.commit();
        ++server_.commits;
      } catch (const Error& e) {
        errors.push_back(httpErrorJson(neo4jStatusCode(e), e.format()));
        ok = false;
      }
    end(call.number_, ok ? "committed" : "rolled back after a failed statement");
    ordered_json out{{"results", std::move(results)}, {"errors", std::move(errors)}};
    return jsonText(out);
  }
  if (!ok || stopping_) {
    end(call.number_,
        ok ? "rolled back: the server is shutting down" : "rolled back after a failed statement");
    ordered_json out{{"results", std::move(results)}, {"errors", std::move(errors)}};
    return jsonText(out);
  }
  tx->expires = Clock::now() + timeout_;
  ordered_json out{{"results", std::move(results)},
                   {"errors", std::move(errors)},
                   {"commit", call.url_ + "/commit"},
                   {"transaction", {{"expires", expiresText(tx->expires)}}}};
  g.unlock();
  changed_.notify_all();
  return jsonText(out);
}

HttpTransactions::Call::~Call() {
  if (finished_ || !tx_) return;
  std::lock_guard<std::mutex> g(owner_.mutex_);
  owner_.end(number_, "rolled back: the client left before its statements ran");
}

HttpReply HttpTransactions::rollback(const std::string& id, const std::string& user) {
  HttpReply reply;
  uint64_t number = 0;
  if (!take(id, user, reply, number)) return reply;
  std::lock_guard<std::mutex> g(mutex_);
  end(number, "rolled back");
  return {200, R"({"results":[],"errors":[]})", {}};
}

void HttpTransactions::end(uint64_t number, const char* why) {
  Database& db = server_.db;
  if (db.inTransaction()) try {
      db.rollback();
    } catch (const Error& e) {
      logLine(name(number) + ": " + e.format());
    }
  server_.lock.unlock();
  open_.erase(number);
  logLine(name(number) + ": " + why);
}

void HttpTransactions::expire() {
  std::unique_lock<std::mutex> g(mutex_);
  while (!stopping_) {
    const Clock::time_point now = Clock::now();
    Clock::time_point next = Clock::time_point::max();
    std::vector<uint64_t> expired;
    for (const auto& [number, tx] : open_) {
      if (tx.busy) continue;
      if (tx.expires <= now) {
        expired.push_back(number);
      } else if (tx.expires < next) {
        next = tx.expires;
      }
    }
    for (uint64_t number : expired)
      end(number,
          ("expired after " + std::to_string(timeout_.count() / 1000) + " s idle: rolled back")
              .c_str());
    if (next == Clock::time_point::max()) {
      changed_.wait(g);
    } else {
      changed_.wait_until(g, next);
    }
  }
}

void HttpTransactions::rollBackAll() {
  {
    std::lock_guard<std::mutex> g(mutex_);
    stopping_ = true;
    std::vector<uint64_t> idle;
    for (const auto& [number, tx] : open_)
      if (!tx.busy) idle.push_back(number);
    for (uint64_t number : idle) end(number, "rolled back: the server is shutting down");
  }
  changed_.notify_all();
  if (expiry_.joinable()) expiry_.join();
}

}  // namespace silkgraph::server
