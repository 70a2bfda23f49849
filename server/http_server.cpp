// The HTTP front end (see http_server.h): routes, basic authentication, limits.
#include "server/http_server.h"

#include <httplib.h>
#include <sodium.h>

#include <map>
#include <mutex>
#include <optional>

#include "main/value_json.h"
#include "server/http_api.h"
#include "server/http_transactions.h"
#include "server/http_watch.h"
#include "server/server_log.h"
#include "server/web_api.h"
#include "server/web_assets.h"

namespace silkgraph::server {
namespace {

const char* kJson = "application/json; charset=utf-8";
const char* kUnauthorized = "Neo.ClientError.Security.Unauthorized";

// Who sent a request: the user of the password file ("" with --no-auth).
struct Access {
  std::string user;
  bool readOnly = false;
};

// Security headers of every answer: the page runs only its own script (no inline script, so
// a value that slipped into the DOM as markup still could not run), is never framed, and
// nothing is sniffed into another type.
void secure(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
                 "base-uri 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
}

void jsonError(httplib::Response& res, int status, const std::string& code,
               const std::string& message) {
  res.status = status;
  res.set_content(httpErrorBody(code, message), kJson);
}

}  // namespace

struct HttpServer::Impl {
  Impl(ServerState& s, HttpOptions o)
      : state(s),
        options(std::move(o)),
        owned(options.tls ? std::make_unique<httplib::SSLServer>(options.tls->certFile().c_str(),
                                                                 options.tls->keyFile().c_str())
                          : std::make_unique<httplib::Server>()),
        http(*owned) {
    // The files were read and checked by TlsContext::load; this reads them a second time.
    if (!http.is_valid())
      throw Error(ErrorKind::IOError, options.tls->certFile() + ": HTTPS cannot use it");
  }

  // Whether the request carries a user and password of the password file (basic scheme):
  // nullopt when not, else who (no one with --no-auth) and whether they may only read. A
  // successful check is remembered as a keyed hash of user and password, so that the page's
  // requests do not each pay for Argon2id.
  std::optional<Access> access(const httplib::Request& req) {
    if (!state.passwords) return Access{};
    const std::string header = req.get_header_value("Authorization");
    if (header.rfind("Basic ", 0) != 0) return std::nullopt;
    const std::string b64 = header.substr(6);
    std::string raw(b64.size(), '\0');
    size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), b64.data(),
                          b64.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
      return std::nullopt;
    raw.resize(len);
    const size_t colon = raw.find(':');
    if (colon == std::string::npos) return std::nullopt;
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(raw.data()),
                       raw.size(), cacheKey, sizeof cacheKey);
    const std::string key(reinterpret_cast<const char*>(digest), sizeof digest);
    {
      std::lock_guard<std::mutex> g(cacheMutex);
      if (auto it = verified.find(key); it != verified.end()) return it->second;
    }
    Access who{raw.substr(0, colon), false};
    if (!state.passwords->check(who.user, raw.substr(colon + 1), &who.readOnly))
      return std::nullopt;
    std::lock_guard<std::mutex> g(cacheMutex);
    if (verified.size() >= 1024) verified.clear();
    verified.emplace(key, who);
    return who;
  }

  // Who sent a request that passed the check (read-only, should it fail now).
  Access who(const httplib::Request& req) { return access(req).value_or(Access{"", true}); }

  // The URL of the open transactions of the database the request names.
  std::string txBase(const httplib::Request& req) const {
    std::string host = req.get_header_value("Host");
    if (host.empty()) host = req.local_addr + ":" + std::to_string(req.local_port);
    return std::string(options.tls ? "https://" : "http://") + host + "/db/" +
           req.matches[1].str() + "/tx";
  }

  static void answer(httplib::Response& res, const HttpReply& reply) {
    res.status = reply.status;
    if (!reply.location.empty()) res.set_header("Location", reply.location);
    res.set_content(reply.body, kJson);
  }

  // Answers a checked call on an open transaction (http_transactions.h): its status and
  // Location now, its body once its statements have run, sent chunked meanwhile so that a
  // client that leaves stops them (http_watch.h), as on /tx/commit.
  void stream(httplib::Response& res, std::shared_ptr<HttpTransactions::Call> call,
              const HttpReply& head) {
    if (!call) {
      answer(res, head);
      return;
    }
    res.status = head.status;
    if (!head.location.empty()) res.set_header("Location", head.location);
    res.set_chunked_content_provider(kJson, [this, call](size_t, httplib::DataSink& sink) {
      const BusyRequest busy(state);
      ClientWatch watch(sink.write, state.stopStatements, options.watchInterval);
      const std::string body = transactions.finish(*call, &watch.cancel());
      if (!watch.stop()) {
        logLine("http: the client closed the connection: its statements were stopped");
        return false;
      }
      sink.write(body.data(), body.size());
      sink.done();
      return true;
    });
  }

  // Neo4j's open-ended transactions (http_transactions.h).
  void transactionRoutes() {
    http.Post(R"(/db/([^/]+)/tx)", [this](const httplib::Request& req, httplib::Response& res) {
      const BusyRequest busy(state);
      const Access a = who(req);
      HttpReply head;
      auto call = transactions.begin(a.user, a.readOnly, req.body, txBase(req), head);
      stream(res, std::move(call), head);
    });
    http.Post(
        R"(/db/([^/]+)/tx/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
          const BusyRequest busy(state);
          HttpReply head;
          auto call =
              transactions.run(req.matches[2].str(), who(req).user, req.body, txBase(req), head);
          stream(res, std::move(call), head);
        });
    http.Post(R"(/db/([^/]+)/tx/([^/]+)/commit)", [this](const httplib::Request& req,
                                                         httplib::Response& res) {
      const BusyRequest busy(state);
      HttpReply head;
      auto call = transactions.commit(req.matches[2].str(), who(req).user, req.body, head);
      stream(res, std::move(call), head);
    });
    http.Delete(R"(/db/([^/]+)/tx/([^/]+))",
                [this](const httplib::Request& req, httplib::Response& res) {
                  const BusyRequest busy(state);
                  answer(res, transactions.rollback(req.matches[2].str(), who(req).user));
                });
  }

  // Runs `fn` with the database locked (as a Bolt statement is); a busy database gets the
  // error Bolt gives.
  template <typename Fn>
  void locked(httplib::Response& res, Fn&& fn) {
    if (std::optional<HttpReply> refused = lockForHttp(state, false, nullptr)) {
      res.status = 503;
      res.set_content(refused->body, kJson);
      return;
    }
    std::unique_lock lock(state.lock, std::adopt_lock);
    fn();
  }

  void routes() {
    http.set_payload_max_length(options.maxBodyBytes);
    // A line per request: who, what, and the status (the page's assets included).
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      logLine("http " + req.remote_addr + ":" + std::to_string(req.remote_port) + ": " +
              req.method + " " + firstLine(req.path) + " " + std::to_string(res.status));
    });
    http.new_task_queue = [n = options.threads] { return new httplib::ThreadPool(n); };
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      secure(res);
      if (access(req)) return httplib::Server::HandlerResponse::Unhandled;
      res.set_header("WWW-Authenticate", "Basic realm=\"silkgraph\", charset=\"UTF-8\"");
      jsonError(res, 401, kUnauthorized,
                "The client is unauthorized due to authentication failure (give a user and "
                "password of the server's password file with the basic scheme).");
      return httplib::Server::HandlerResponse::Handled;
    });
    auto commit = [this](const httplib::Request& req, httplib::Response& res) {
      auto statements = std::make_shared<std::vector<HttpStatement>>();
      const std::string problem = readHttpStatements(req.body, *statements);
      if (!problem.empty()) {
        jsonError(res, 400, kInvalidFormat, problem);
        return;
      }
      // The answer is a chunked body, sent while the statements run (http_watch.h): a client
      // that closes its connection meanwhile stops them.
      const bool readOnly = who(req).readOnly;
      res.set_chunked_content_provider(kJson, [this, statements, readOnly](
                                                  size_t, httplib::DataSink& sink) {
        const BusyRequest busy(state);
        ClientWatch watch(sink.write, state.stopStatements, options.watchInterval);
        const HttpReply reply = runCommitStatements(state, *statements, readOnly, &watch.cancel());
        if (!watch.stop()) {
          logLine("http: the client closed the connection: its statements were stopped");
          return false;
        }
        sink.write(reply.body.data(), reply.body.size());
        sink.done();
        return true;
      });
    };
    http.Post(R"(/db/([^/]+)/tx/commit)", commit);  // before /tx/ID, which "commit" would match
    http.Post("/db/data/transaction/commit", commit);
    transactionRoutes();
    http.Get("/api/schema", [this](const httplib::Request&, httplib::Response& res) {
      locked(res, [&] { res.set_content(jsonText(schemaJson(state.db)), kJson); });
    });
    http.Post("/api/svg", [this](const httplib::Request& req, httplib::Response& res) {
      nlohmann::json request = nlohmann::json::parse(req.body, nullptr, false);
      if (request.is_discarded()) {
        jsonError(res, 400, "Neo.ClientError.Request.InvalidFormat", "the request is not JSON");
        return;
      }
      DrawLimits limits;
      limits.dotSeconds = options.dotSeconds;
      locked(res, [&] {
        try {
          res.set_content(jsonText(drawSvg(state.db, request, limits)), kJson);
        } catch (const Error& e) {
          jsonError(res, e.kind() == ErrorKind::ArgumentError ? 400 : 500,
                    e.kind() == ErrorKind::ArgumentError ? "Neo.ClientError.Request.Invalid"
                                                         : "Neo.DatabaseError.General.UnknownError",
                    e.format());
        }
      });
    });
    for (const char* path : {"/", "/app.js", "/app.css"}) {
      http.Get(path, [](const httplib::Request& req, httplib::Response& res) {
        const WebAsset* a = findWebAsset(req.path);
        res.set_content(std::string(a->content), std::string(a->contentType).c_str());
      });
    }
    http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      if (res.status == 413) {
        jsonError(res, 413, "Neo.ClientError.Request.Invalid",
                  "the request body is larger than the server's limit of " +
                      std::to_string(options.maxBodyBytes) + " bytes (--max-message-bytes)");
      } else if (res.status == 404) {
        jsonError(res, 404, "Neo.ClientError.Request.Invalid",
                  "no such endpoint: " + req.method + " " + req.path +
                      " (POST /db/neo4j/tx/commit runs statements; GET / is the web page)");
      } else {
        jsonError(res, res.status, "Neo.ClientError.Request.Invalid",
                  "the request was refused (HTTP " + std::to_string(res.status) + ")");
      }
    });
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "unknown error";
          try {
            std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          jsonError(res, 500, "Neo.DatabaseError.General.UnknownError", what);
        });
  }

  ServerState& state;
  HttpOptions options;
  std::unique_ptr<httplib::Server> owned;  // an SSLServer with --tls-cert
  httplib::Server& http;
  std::thread thread;
  unsigned char cacheKey[crypto_generichash_KEYBYTES];
  std::mutex cacheMutex;
  std::map<std::string, Access> verified;  // keyed hash of user:password -> who
  HttpTransactions transactions{
      state, std::chrono::milliseconds(static_cast<int64_t>(options.transactionSeconds * 1000))};
};

HttpServer::HttpServer(ServerState& server, HttpOptions options)
    : impl_(std::make_unique<Impl>(server, std::move(options))) {
  if (sodium_init() < 0) throw Error(ErrorKind::InternalError, "libsodium cannot start");
  randombytes_buf(impl_->cacheKey, sizeof impl_->cacheKey);
  impl_->routes();
}

HttpServer::~HttpServer() {
  stop();
}

uint16_t HttpServer::bind() {
  const HttpOptions& o = impl_->options;
  const std::string where = o.host + ":" + std::to_string(o.port);
  int port = o.port;
  if (o.port == 0) {
    port = impl_->http.bind_to_any_port(o.host);
  } else if (!impl_->http.bind_to_port(o.host, o.port)) {
    port = -1;
  }
  if (port <= 0)
    throw Error(ErrorKind::IOError, where + ": cannot listen for HTTP: " + std::strerror(errno));
  return static_cast<uint16_t>(port);
}

void HttpServer::start() {
  impl_->thread = std::thread([this] { impl_->http.listen_after_bind(); });
}

void HttpServer::stop() {
  impl_->transactions.rollBackAll();  // the idle ones now, the busy ones when their request ends
  impl_->http.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace silkgraph::server
