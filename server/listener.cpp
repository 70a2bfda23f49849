// The Bolt listener (see listener.h).
#include "server/listener.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "server/connection.h"
#include "server/packstream.h"
#include "server/server_log.h"
#include "server/tls.h"

namespace silkgraph::server {
namespace {

std::mutex gClientsMutex;
std::set<int> gClients;

void setReceiveTimeout(int fd, int seconds) {
  timeval tv{};
  tv.tv_sec = seconds;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

// Reads one message (its chunks joined). Returns false at end of stream or on a read error;
// throws ProtocolError for a message over `limit` bytes.
bool readMessage(Connection& conn, size_t limit, std::string& message) {
  message.clear();
  for (;;) {
    uint8_t header[2];
    if (!conn.readAll(header, 2)) return false;
    const size_t size = (size_t{header[0]} << 8) | header[1];
    if (size == 0) {
      if (message.empty()) continue;  // a NOOP chunk between messages
      return true;
    }
    if (message.size() + size > limit)
      throw ProtocolError("message larger than the server's limit of " + std::to_string(limit) +
                          " bytes");
    const size_t at = message.size();
    message.resize(at + size);
    if (!conn.readAll(reinterpret_cast<uint8_t*>(message.data() + at), size)) return false;
  }
}

}  // namespace

uint32_t negotiateBoltVersion(const uint8_t proposals[16]) {
  for (int i = 0; i < 4; ++i) {
    const uint8_t* p = proposals + 4 * i;
    const int range = p[1], minor = p[2], major = p[3];
    const int lowest = minor - range;
    if (major == 5 && lowest <= 4) return (5u << 8) | static_cast<uint32_t>(minor < 4 ? minor : 4);
    if (major == 4 && minor >= 4 && lowest <= 4) return (4u << 8) | 4u;
  }
  return 0;
}

Listener::Listener(ServerState& server, ListenerOptions options)
    : server_(server), options_(std::move(options)) {}

Listener::~Listener() {
  if (fd_ >= 0) ::close(fd_);
}

uint16_t Listener::bind() {
  const std::string where = options_.host + ":" + std::to_string(options_.port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(options_.port);
  if (::getaddrinfo(options_.host.c_str(), port.c_str(), &hints, &found) != 0 || !found)
    throw Error(ErrorKind::IOError, where + ": cannot resolve the address");
  fd_ = ::socket(found->ai_family, SOCK_STREAM, 0);
  const int one = 1;
  if (fd_ >= 0) ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  const bool ok =
      fd_ >= 0 && ::bind(fd_, found->ai_addr, found->ai_addrlen) == 0 && ::listen(fd_, 64) == 0;
  ::freeaddrinfo(found);
  if (!ok) throw Error(ErrorKind::IOError, where + ": cannot listen: " + std::strerror(errno));
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&bound), &len);
  const uint16_t p = bound.ss_family == AF_INET6
                         ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                         : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  server_.address = options_.host + ":" + std::to_string(p);
  return p;
}

void Listener::run(const std::atomic<bool>& stop) {
  while (!stop) {
    pollfd pfd{fd_, POLLIN, 0};
    if (::poll(&pfd, 1, 200) <= 0) continue;
    const int client = ::accept(fd_, nullptr, nullptr);
    if (client < 0) continue;
    if (open_ >= options_.maxConnections) {
      ::close(client);  // over the limit: refused before any byte is read
      continue;
    }
    ++open_;
    {
      std::lock_guard<std::mutex> g(gClientsMutex);
      gClients.insert(client);
    }
    std::thread([this, client] { serveConnection(client); }).detach();
  }
}

void Listener::stopReading() {
  // No more requests: a connection waiting for one reads the end of its stream and closes
  // (an open transaction rolls back); one handling a request finishes it and writes the answer.
  readsShut_ = true;
  shutdownAll(SHUT_RD);
}

void Listener::shutdownAll(int how) {
  std::lock_guard<std::mutex> g(gClientsMutex);
  for (int c : gClients) ::shutdown(c, how);
}

void Listener::closeAll() {
  shutdownAll(SHUT_RDWR);
}

bool Listener::waitClosed(std::chrono::steady_clock::time_point deadline) const {
  while (open_ > 0) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

void Listener::serveConnection(int fd) {
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  // A client that vanished without closing (its machine or network gone) is found by TCP
  // keepalive probes: after 30 s of silence, 3 probes 10 s apart, so within a minute its
  // session ends and its open result's statement is stopped.
  const int idle = 30, interval = 10, probes = 3;
  ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &probes, sizeof probes);
  setReceiveTimeout(fd, options_.handshakeSeconds);
  auto conn = std::make_unique<Connection>(fd, options_.tls.get());
  std::string why;
  if (conn->handshake(why)) {
    speakBolt(*conn, fd);
  } else {
    if (why == "wrong version number" || why == "http request")
      why += " (a client without TLS? this server takes bolt+s://, neo4j+s:// and https://)";
    logLine("TLS handshake with " + conn->peer() + " failed: " + why);
  }
  {
    std::lock_guard<std::mutex> g(gClientsMutex);
    gClients.erase(fd);
  }
  conn.reset();  // closes the socket, after it left gClients (its number may be reused)
  --open_;
}

void Listener::speakBolt(Connection& conn, int fd) {
  uint8_t hello[20];
  uint32_t version = 0;
  if (conn.readAll(hello, 20) && hello[0] == 0x60 && hello[1] == 0x60 && hello[2] == 0xB0 &&
      hello[3] == 0x17) {
    version = negotiateBoltVersion(hello + 4);
    const std::string answer{0, 0, static_cast<char>(version & 0xFF),
                             static_cast<char>(version >> 8)};
    conn.writeAll(answer);
  }
  if (version == 0) return;
  setReceiveTimeout(fd, 0);
  Session session(server_, static_cast<int>(version >> 8), static_cast<int>(version & 0xFF));
  logLine(session.name() + ": connected from " + conn.peer() + " (Bolt " +
          std::to_string(version >> 8) + "." + std::to_string(version & 0xFF) +
          (conn.encrypted() ? ", TLS)" : ")"));
  struct Closed {
    const Session& s;
    ~Closed() {
      logLine(
          s.name() + ": closed after " + std::to_string(s.statements()) + " statement" +
          (s.statements() == 1 ? "" : "s") +
          (s.failedStatements() ? ", " + std::to_string(s.failedStatements()) + " failed" : ""));
    }
  } closed{session};
  // A long PULL writes its records as they are made (on this thread, inside handle()).
  session.setSink([&conn](std::vector<std::string>& answers) {
    std::string bytes;
    for (const std::string& a : answers) appendChunked(bytes, a);
    answers.clear();
    return conn.writeAll(bytes);
  });
  // A client that closed its connection shows as a hang-up on the socket (even with requests
  // of it not read yet); at the shutdown every socket does, so it is not asked then.
  session.setClientGone([this, fd] {
    pollfd p{fd, POLLRDHUP, 0};
    return !readsShut_ && ::poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR));
  });
  std::string message;
  std::vector<std::string> answers;
  bool open = true;
  while (open) {
    answers.clear();
    try {
      if (!readMessage(conn, options_.maxMessageBytes, message)) break;
      const BusyRequest busy(server_);
      open = session.handle(decodeBoltMessage(message), answers);
    } catch (const ProtocolError& e) {
      answers.push_back(Session::protocolFailure(e.what()));
      open = false;
    } catch (const std::exception& e) {
      answers.push_back(encodeFailure("Neo.DatabaseError.General.UnknownError", e.what()));
      open = false;
    }
    std::string bytes;
    for (const std::string& a : answers) appendChunked(bytes, a);
    if (!conn.writeAll(bytes)) break;
  }
}

}  // namespace silkgraph::server
