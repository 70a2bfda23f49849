// The graceful stop (see shutdown.h).
#include "server/shutdown.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "server/http_server.h"
#include "server/listener.h"
#include "server/server_log.h"
#include "server/session.h"

namespace silkgraph::server {
namespace {

using Clock = std::chrono::steady_clock;

// After the grace period: how long the stopped statements get to end before their sockets
// are closed under them, and how long after that before the server gives up waiting.
constexpr std::chrono::seconds kCancelWait{2};
constexpr std::chrono::seconds kCloseWait{3};

std::string seconds(double s) {
  std::string text = std::to_string(s);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text + " s";
}

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Closes the database file: a checkpoint folds the log into it.
int closeDatabase(Database& db) {
  if (!db.isOpen()) return 0;
  const std::string path = db.path();
  try {
    if (db.logBytes() > 0)
      logLine("shutdown: checkpoint of " + path + " (" + std::to_string(db.logBytes()) +
              " bytes of log)");
    db.close();
  } catch (const Error& e) {
    logLine("shutdown: " + e.format());
    return 1;
  }
  logLine("shutdown: closed " + path);
  return 0;
}

}  // namespace

std::string ServerState::shutdownMessage() const {
  return "the server is shutting down: the statement was stopped after the shutdown grace "
         "period of " +
         seconds(shutdownSeconds) + " (--shutdown-timeout) and its changes were rolled back";
}

std::string ServerState::notRunMessage() const {
  return "the server is shutting down: the statement was not run (it was still waiting for "
         "the database, busy with another session, when the shutdown grace period of " +
         seconds(shutdownSeconds) + " (--shutdown-timeout) ended)";
}

ServerState::LockWait ServerState::takeLock(bool shared, const std::function<bool()>& clientGone) {
  if (stopStatements) return LockWait::Shutdown;
  bool gone = false;
  const std::function<bool()> giveUp = [&] {
    if (stopStatements) return true;
    gone = clientGone && clientGone();
    return gone;
  };
  const Clock::time_point deadline = Clock::now() + lockWait;
  const bool got = shared ? lock.try_lock_shared_until(deadline, giveUp, kLockPoll)
                          : lock.try_lock_until(deadline, giveUp, kLockPoll);
  if (got && stopStatements) {  // the grace ended while the lock came free: run nothing new
    if (shared) {
      lock.unlock_shared();
    } else {
      lock.unlock();
    }
    return LockWait::Shutdown;
  }
  if (got) return LockWait::Got;
  if (gone) return LockWait::ClientGone;
  return stopStatements ? LockWait::Shutdown : LockWait::Busy;
}

int shutDown(ServerState& state, Listener* bolt, HttpServer* http, const char* signalName) {
  const Clock::time_point start = Clock::now();
  const auto grace = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(state.shutdownSeconds));
  logLine(std::string(signalName) + ": stopping: no new connections or requests; " +
          plural(bolt ? bolt->openConnections() : 0, "Bolt connection") + " open, " +
          plural(static_cast<size_t>(state.busy.load()), "request") +
          " running; running statements get " + seconds(state.shutdownSeconds) + " to finish");
  // Only now, so the counts above are those at the signal: idle connections close at once.
  if (bolt) bolt->stopReading();
  // httplib's stop returns when its requests are done: on a thread of its own.
  std::atomic<bool> httpDone{http == nullptr};
  std::thread httpStopper;
  if (http)
    httpStopper = std::thread([&] {
      http->stop();
      httpDone = true;
    });
  auto allDone = [&] { return httpDone && (!bolt || bolt->openConnections() == 0); };
  auto waitUntil = [&](Clock::time_point deadline) {
    while (!allDone() && Clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return allDone();
  };
  if (!waitUntil(start + grace)) {
    logLine("shutdown: the grace period of " + seconds(state.shutdownSeconds) +
            " is over: stopping " + plural(static_cast<size_t>(state.busy.load()), "request") +
            " still running");
    state.stopStatements = true;
    if (!waitUntil(Clock::now() + kCancelWait) && bolt) {
      logLine("shutdown: closing " + plural(bolt->openConnections(), "Bolt connection") +
              " that did not end");
      bolt->closeAll();
      waitUntil(Clock::now() + kCloseWait);
    }
  }
  if (httpStopper.joinable()) httpStopper.join();
  if (bolt && bolt->openConnections() > 0) {
    logLine("shutdown: " + plural(bolt->openConnections(), "Bolt connection") +
            " did not end; the database is not closed (its log keeps every committed write)");
    // Their threads still use the database: leave without running destructors under them.
    std::fflush(stderr);
    std::_Exit(1);
  }
  const int code = closeDatabase(state.db);
  logLine("stopped");
  return code;
}

}  // namespace silkgraph::server
