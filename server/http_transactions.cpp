// Open-ended HTTP transactions (see http_transactions.h).
#include "server/http_transactions.h"

#include <charconv>
#include <ctime>
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

HttpReply HttpTransactions::begin(const std::string& user, bool readOnly, const std::string& body,
                                  const std::string& base) {
  std::vector<HttpStatement> statements;
  const std::string problem = readHttpStatements(body, statements, true);
  if (!problem.empty()) return {400, httpErrorBody(kInvalidFormat, problem), {}};
  {
    std::lock_guard<std::mutex> g(mutex_);
    if (stopping_) return {503, httpErrorBody(kShutdownStatus, "the server is shutting down"), {}};
  }
  if (!server_.lock.try_lock_for(server_.lockWait))
    return {200, httpErrorBody(kLockClientStopped, kBusyMessage), {}};
  Database& db = server_.db;
  try {
    db.begin();
  } catch (const Error& e) {
    server_.lock.unlock();
    return {200, httpErrorBody(neo4jStatusCode(e), e.format()), {}};
  }
  ordered_json results = ordered_json::array();
  ordered_json errors = ordered_json::array();
  const bool ok = runHttpStatements(server_, statements, readOnly, results, errors);
  std::unique_lock<std::mutex> g(mutex_);
  const uint64_t number = ++next_;
  Tx& tx = open_[number];
  tx.user = user;
  tx.readOnly = readOnly;
  tx.expires = Clock::now() + timeout_;
  logLine(name(number) + ": begun" + (user.empty() ? "" : " by '" + user + "'"));
  if (!ok || stopping_) {
    end(number,
        ok ? "rolled back: the server is shutting down" : "rolled back after a failed statement");
    ordered_json out{{"results", std::move(results)}, {"errors", std::move(errors)}};
    return {200, jsonText(out), {}};
  }
  const std::string url = base + "/" + std::to_string(number);
  ordered_json out{{"results", std::move(results)},
                   {"errors", std::move(errors)},
                   {"commit", url + "/commit"},
                   {"transaction", {{"expires", expiresText(tx.expires)}}}};
  g.unlock();
  changed_.notify_all();
  return {201, jsonText(out), url};
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

HttpReply HttpTransactions::run(const std::string& id, const std::string& user,
                                const std::string& body, const std::string& base) {
  std::vector<HttpStatement> statements;
  const std::string problem = readHttpStatements(body, statements, true);
  if (!problem.empty()) return {400, httpErrorBody(kInvalidFormat, problem), {}};
  HttpReply reply;
  uint64_t number = 0;
  Tx* tx = take(id, user, reply, number);
  if (!tx) return reply;
  ordered_json results = ordered_json::array();
  ordered_json errors = ordered_json::array();
  const bool ok = runHttpStatements(server_, statements, tx->readOnly, results, errors);
  std::unique_lock<std::mutex> g(mutex_);
  tx->busy = false;
  if (!ok || stopping_) {
    end(number,
        ok ? "rolled back: the server is shutting down" : "rolled back after a failed statement");
    ordered_json out{{"results", std::move(results)}, {"errors", std::move(errors)}};
    return {200, jsonText(out), {}};
  }
  tx->expires = Clock::now() + timeout_;
  const std::string url = base + "/" + std::to_string(number);
  ordered_json out{{"results", std::move(results)},
                   {"errors", std::move(errors)},
                   {"commit", url + "/commit"},
                   {"transaction", {{"expires", expiresText(tx->expires)}}}};
  g.unlock();
  changed_.notify_all();
  return {200, jsonText(out), {}};
}

HttpReply HttpTransactions::commit(const std::string& id, const std::string& user,
                                   const std::string& body) {
  std::vector<HttpStatement> statements;
  const std::string problem = readHttpStatements(body, statements, true);
  if (!problem.empty()) return {400, httpErrorBody(kInvalidFormat, problem), {}};
  HttpReply reply;
  uint64_t number = 0;
  Tx* tx = take(id, user, reply, number);
  if (!tx) return reply;
  ordered_json results = ordered_json::array();
  ordered_json errors = ordered_json::array();
  bool ok = runHttpStatements(server_, statements, tx->readOnly, results, errors);
  std::lock_guard<std::mutex> g(mutex_);
  tx->busy = false;
  if (ok) try {
      server_.db.commit();
      ++server_.commits;
    } catch (const Error& e) {
      errors.push_back(httpErrorJson(neo4jStatusCode(e), e.format()));
      ok = false;
    }
  end(number, ok ? "committed" : "rolled back after a failed statement");
  ordered_json out{{"results", std::move(results)}, {"errors", std::move(errors)}};
  return {200, jsonText(out), {}};
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
