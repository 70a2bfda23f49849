// The Bolt listener: a TCP socket (POSIX), one thread per connection. Each connection does
// the handshake (magic 0x6060B017 and version negotiation: Bolt 5.0 to 5.4 and 4.4), then
// reads chunked messages, hands them to a Session and writes its answers back. Limits: at
// most maxConnections open at once (more are closed at once), no message over
// maxMessageBytes, a handshake within handshakeSeconds; malformed bytes get a FAILURE and
// the connection closes, never affecting other connections. With a TLS context, each
// connection first runs the TLS handshake (connection.h) and Bolt then runs inside it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "server/session.h"

namespace silkgraph::server {

class Connection;
class TlsContext;

struct ListenerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 7687;
  size_t maxConnections = 64;
  size_t maxMessageBytes = size_t{16} << 20;
  int handshakeSeconds = 10;
  std::shared_ptr<TlsContext> tls;  // null: plain TCP; else every connection is TLS
};

// The version the server speaks for a client's four proposals (16 bytes after the magic),
// as (major << 8 | minor), or 0 when none fits.
uint32_t negotiateBoltVersion(const uint8_t proposals[16]);

class Listener {
 public:
  Listener(ServerState& server, ListenerOptions options);
  ~Listener();
  // Binds and listens; returns the port (the one the system chose when options.port is 0).
  // Throws Error{IOError} naming the address.
  uint16_t bind();
  // Accepts connections until `stop` becomes true.
  void run(const std::atomic<bool>& stop);
  // Stops reading requests: idle connections close at once, busy ones after their answer
  // (the shutdown, shutdown.h, after it logged how many were open).
  void stopReading();
  // Closes every connection both ways (a thread blocked writing to a client stops).
  void closeAll();
  // Waits until every connection's thread has ended; false if `deadline` came first.
  bool waitClosed(std::chrono::steady_clock::time_point deadline) const;
  size_t openConnections() const { return open_; }

 private:
  void shutdownAll(int how);
  void serveConnection(int fd);
  void speakBolt(Connection& conn, int fd);
  ServerState& server_;
  ListenerOptions options_;
  int fd_ = -1;
  std::atomic<size_t> open_{0};
  // Set at the shutdown, when every connection's reads are shut: from then on a connection
  // reads as closed by its client whether it is or not.
  std::atomic<bool> readsShut_{false};
};

}  // namespace silkgraph::server
