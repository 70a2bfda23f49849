// The HTTP front end of `silkgraph serve --http HOST:PORT` (docs/server.md): Neo4j's
// transactional endpoint (http_api.h), the web page and its two helpers (web_api.h), over
// Debian's cpp-httplib (its threads, its HTTP parsing). It shares the Bolt server's
// ServerState: the one lock every statement runs under, the statement limits, and the password
// file (HTTP basic authentication; 401 without it, unless --no-auth).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "server/session.h"
#include "server/tls.h"

namespace silkgraph::server {

struct HttpOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 7474;
  size_t maxBodyBytes = size_t{16} << 20;  // larger requests get 413
  size_t threads = 8;                      // requests served at once
  double dotSeconds = 10;                  // time limit of one SVG drawing
  double transactionSeconds = 60;          // an open transaction left idle longer rolls back
  // While statements run, how often the client is checked (http_watch.h).
  std::chrono::milliseconds watchInterval{200};
  std::shared_ptr<TlsContext> tls;  // set: HTTPS with its certificate and key
};

class HttpServer {
 public:
  HttpServer(ServerState& server, HttpOptions options);
  ~HttpServer();  // stops
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds; returns the port (the one the system chose when options.port is 0). Throws
  // Error{IOError} naming the address.
  uint16_t bind();
  // Serves on a thread of its own until stop().
  void start();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace silkgraph::server
