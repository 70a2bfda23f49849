// Plain and TLS connections (see connection.h).
#include "server/connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <climits>

#include "server/tls.h"

namespace silkgraph::server {

Connection::Connection(int fd, TlsContext* tls) : fd_(fd) {
  if (tls) {
    ssl_ = SSL_new(tls->get());
    if (ssl_) SSL_set_fd(ssl_, fd_);
  }
}

Connection::~Connection() {
  if (ssl_) {
    SSL_shutdown(ssl_);  // a close_notify, not waiting for the client's
    SSL_free(ssl_);
  }
  ::close(fd_);
}

bool Connection::handshake(std::string& why) {
  if (!ssl_) return true;
  ERR_clear_error();
  if (SSL_accept(ssl_) == 1) return true;
  why = tlsErrorText("the client closed the connection during the TLS handshake");
  return false;
}

bool Connection::readAll(uint8_t* buf, size_t n) {
  while (n > 0) {
    const int want = n > INT_MAX ? INT_MAX : static_cast<int>(n);
    const ssize_t got = ssl_ ? SSL_read(ssl_, buf, want) : ::recv(fd_, buf, n, 0);
    if (got <= 0) {
      if (ssl_) ERR_clear_error();
      return false;
    }
    buf += got;
    n -= static_cast<size_t>(got);
  }
  return true;
}

bool Connection::writeAll(const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const size_t left = bytes.size() - done;
    const int want = left > INT_MAX ? INT_MAX : static_cast<int>(left);
    // SIGPIPE is ignored by `serve` (a TLS write uses write(2), which has no MSG_NOSIGNAL).
    const ssize_t n = ssl_ ? SSL_write(ssl_, bytes.data() + done, want)
                           : ::send(fd_, bytes.data() + done, left, MSG_NOSIGNAL);
    if (n <= 0) {
      if (ssl_) ERR_clear_error();
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string Connection::peer() const {
  sockaddr_storage a{};
  socklen_t len = sizeof a;
  if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) return "?";
  char host[INET6_ADDRSTRLEN] = "?";
  if (a.ss_family == AF_INET6) {
    const auto* six = reinterpret_cast<const sockaddr_in6*>(&a);
    ::inet_ntop(AF_INET6, &six->sin6_addr, host, sizeof host);
    return "[" + std::string(host) + "]:" + std::to_string(ntohs(six->sin6_port));
  }
  const auto* four = reinterpret_cast<const sockaddr_in*>(&a);
  ::inet_ntop(AF_INET, &four->sin_addr, host, sizeof host);
  return std::string(host) + ":" + std::to_string(ntohs(four->sin_port));
}

}  // namespace silkgraph::server
