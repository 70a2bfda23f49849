// Neo4j's open-ended transactions over HTTP (docs/server.md, "The HTTP API"):
//   POST   /db/NAME/tx             begins one, optionally with statements: 201, a Location
//                                  header, "commit" (the URL to commit it) and
//                                  "transaction": {"expires": RFC 1123 date}
//   POST   /db/NAME/tx/ID          runs more statements; the expiry starts again
//   POST   /db/NAME/tx/ID/commit   runs statements, if any, then commits
//   DELETE /db/NAME/tx/ID          rolls back
// A transaction holds ServerState::lock exclusively from its begin to its end, as a Bolt
// transaction does (its requests may be served by different threads: RwLock allows that). It
// belongs to the user who began it. A statement that fails rolls it back, as in Neo4j; one left
// idle past the timeout is rolled back by a thread of this class. A call naming a
// transaction that is not open (ended, expired, another user's) gets 404 and
// Neo.ClientError.Transaction.TransactionNotFound.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/http_api.h"

namespace silkgraph::server {

class HttpTransactions {
  struct Tx;

 public:
  using Clock = std::chrono::steady_clock;

  HttpTransactions(ServerState& server, std::chrono::milliseconds timeout);
  ~HttpTransactions();  // rollBackAll()
  HttpTransactions(const HttpTransactions&) = delete;
  HttpTransactions& operator=(const HttpTransactions&) = delete;

  // A request on one transaction, checked (its reply's status and Location are known) but
  // its statements not run yet: they run in finish(), while the server streams the answer
  // and watches the client (http_watch.h), as Neo4j streams it: a statement that fails gets
  // the status given here too, with the error in "errors". A Call dropped unfinished (its
  // answer could not be sent) rolls its transaction back.
  class Call {
   public:
    ~Call();
    Call(const Call&) = delete;
    Call& operator=(const Call&) = delete;

   private:
    friend class HttpTransactions;
    enum class Kind { Begin, Run, Commit };
    Call(HttpTransactions& owner, Kind kind) : owner_(owner), kind_(kind) {}
    HttpTransactions& owner_;
    Kind kind_;
    uint64_t number_ = 0;
    Tx* tx_ = nullptr;
    std::vector<HttpStatement> statements_;
    std::string url_;  // the transaction's URL
    bool finished_ = false;
  };

  // `user` is who asks ("" with --no-auth), `readOnly` whether they may only read; `base` the
  // transactions' URL, e.g. "http://127.0.0.1:7474/db/neo4j/tx", for Location and "commit".
  // Each checks the request: a Call to finish (and `reply` with its status and Location), or
  // null and the whole `reply` (bad body 400, not open 404, busy 409, the database busy).
  std::shared_ptr<Call> begin(const std::string& user, bool readOnly, const std::string& body,
                              const std::string& base, HttpReply& reply);
  std::shared_ptr<Call> run(const std::string& id, const std::string& user, const std::string& body,
                            const std::string& base, HttpReply& reply);
  std::shared_ptr<Call> commit(const std::string& id, const std::string& user,
                               const std::string& body, HttpReply& reply);
  // Runs a call's statements with `cancel` (the client's watch; may be null) as their cancel
  // flag, then commits, keeps or rolls back its transaction: the answer's body.
  std::string finish(Call& call, const std::atomic<bool>* cancel);
  HttpReply rollback(const std::string& id, const std::string& user);
  // Rolls back every open transaction (the shutdown) and stops the expiry thread.
  void rollBackAll();
  size_t openCount() const;

 private:
  struct Tx {
    std::string user;
    bool readOnly = false;
    bool busy = false;  // a request is running its statements
    Clock::time_point expires;
  };
  // Takes transaction `id` for a request: null (and `reply` set) when it is not open to `user`
  // or is busy with another request.
  Tx* take(const std::string& id, const std::string& user, HttpReply& reply, uint64_t& number);
  std::shared_ptr<Call> callOn(Call::Kind kind, const std::string& id, const std::string& user,
                               const std::string& body, HttpReply& reply);
  // Ends transaction `number` (lock held): rolls the database back unless committed, releases
  // the database lock, forgets it.
  void end(uint64_t number, const char* why);
  void expire();
  std::string expiresText(Clock::time_point expires) const;

  ServerState& server_;
  std::chrono::milliseconds timeout_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<uint64_t, Tx> open_;
  uint64_t next_ = 0;
  bool stopping_ = false;
  std::thread expiry_;
};

}  // namespace silkgraph::server
