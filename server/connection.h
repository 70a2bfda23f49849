// One client connection's byte stream for the Bolt listener: a TCP socket, read and written
// directly, or through a TLS session (tls.h) when the server has a certificate. The listener
// speaks Bolt over it without knowing which.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

struct ssl_st;

namespace silkgraph::server {

class TlsContext;

class Connection {
 public:
  // Takes the socket `fd` (closed by the destructor); `tls` null for plain TCP.
  Connection(int fd, TlsContext* tls);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The TLS handshake (true at once for plain TCP). On failure, `why` says OpenSSL's reason.
  bool handshake(std::string& why);
  // Reads exactly n bytes; false at end of stream, on a timeout or on an error.
  bool readAll(uint8_t* buf, size_t n);
  bool writeAll(const std::string& bytes);
  // "127.0.0.1:53422": the client's address, for the log.
  std::string peer() const;
  bool encrypted() const { return ssl_ != nullptr; }

 private:
  int fd_;
  ssl_st* ssl_ = nullptr;
};

}  // namespace silkgraph::server
