// An HTTP client that closes its connection while its statements run frees their work
// (docs/server.md, "Limits"), as a Bolt client does. cpp-httplib 0.11 tells a handler
// nothing of a closed connection, so the answer goes out as a chunked body, and while the
// statements run, a watcher thread writes a space to the client every `interval` (JSON
// allows white space before the value): a write that fails means the client is gone (the
// first write after a close draws the peer's reset, the next one fails), and the watcher
// sets the statements' cancel flag. It sets the flag too when the server stops statements
// (ServerState::stopStatements, the shutdown).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>

namespace silkgraph::server {

class ClientWatch {
 public:
  // `write` sends bytes to the client and returns false when it cannot (httplib's
  // DataSink::write); it is called from the watcher's thread only, until stop().
  ClientWatch(std::function<bool(const char*, size_t)> write, const std::atomic<bool>& serverStop,
              std::chrono::milliseconds interval);
  ~ClientWatch();  // stop()
  ClientWatch(const ClientWatch&) = delete;
  ClientWatch& operator=(const ClientWatch&) = delete;

  // The flag to run the statements with.
  const std::atomic<bool>& cancel() const { return cancel_; }
  // Ends the watcher (after it, the caller may write); returns whether the client is still
  // there, as far as the writes have shown.
  bool stop();
  // Whether a write has failed.
  bool clientGone() const { return gone_; }

 private:
  void watch();

  std::function<bool(const char*, size_t)> write_;
  const std::atomic<bool>& serverStop_;
  std::chrono::milliseconds interval_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> gone_{false};
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace silkgraph::server
