// The watcher of an HTTP client (see http_watch.h).
#include "server/http_watch.h"

namespace silkgraph::server {

ClientWatch::ClientWatch(std::function<bool(const char*, size_t)> write,
                         const std::atomic<bool>& serverStop, std::chrono::milliseconds interval)
    : write_(std::move(write)), serverStop_(serverStop), interval_(interval) {
  thread_ = std::thread([this] { watch(); });
}

ClientWatch::~ClientWatch() {
  stop();
}

void ClientWatch::watch() {
  std::unique_lock<std::mutex> g(mutex_);
  while (!changed_.wait_for(g, interval_, [this] { return stopping_; })) {
    if (serverStop_) cancel_ = true;
    if (gone_) continue;
    g.unlock();  // a write may wait for the socket: stop() must not wait for the mutex meanwhile
    const bool sent = write_(" ", 1);
    g.lock();
    if (!sent) {
      gone_ = true;
      cancel_ = true;
    }
  }
}

bool ClientWatch::stop() {
  {
    std::lock_guard<std::mutex> g(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  return !gone_;
}

}  // namespace silkgraph::server
