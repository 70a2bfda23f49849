// `silkgraph serve` and `silkgraph passwd` (see serve_command.h and docs/server.md).
#include "server/serve_command.h"

#include <boost/program_options.hpp>
#include <csignal>
#include <iostream>
#include <thread>

#include "server/http_server.h"
#include "server/listener.h"
#include "server/shutdown.h"

namespace po = boost::program_options;

namespace silkgraph::server {
namespace {

constexpr const char* kServeUsage =
    "Usage: silkgraph serve DATA... [--bolt HOST:PORT] [--http HOST:PORT]\n"
    "                       (--password-file FILE | --no-auth)\n"
    "                       [--tls-cert CERT.pem --tls-key KEY.pem]\n"
    "\n"
    "Serves the graph to Neo4j drivers over the Bolt protocol (4.4, 5.0-5.4) and, with\n"
    "--http, over HTTP (Neo4j's transactional endpoint POST /db/neo4j/tx/commit, and a web\n"
    "page at /). Without --http, Bolt listens on 127.0.0.1:7687; with --http alone, only HTTP.\n"
    "DATA is a database file DB.sg (opened durably: committed writes survive) or data files\n"
    "and directories (loaded into memory: writes are lost when the server stops).\n"
    "With --tls-cert and --tls-key, Bolt and HTTP accept only TLS (bolt+s://, https://).\n";

std::atomic<bool> gStop{false};
std::atomic<int> gSignal{0};
void onSignal(int sig) {
  gSignal = sig;
  gStop = true;
}

int usage(const std::string& message) {
  std::cerr << "silkgraph serve: " << message << "\nTry 'silkgraph serve --help'.\n";
  return 2;
}

bool parseAddress(const std::string& text, std::string& hostOut, uint16_t& portOut) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  try {
    size_t used = 0;
    const unsigned long port = std::stoul(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1 || port > 65535) return false;
    hostOut = host;
    portOut = static_cast<uint16_t>(port);
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

}  // namespace

int runServe(int argc, char** argv) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "show this help")(
      "bolt", po::value<std::string>()->default_value("127.0.0.1:7687"),
      "HOST:PORT to listen on for Bolt (port 0: any free port)")(
      "http", po::value<std::string>(), "HOST:PORT to listen on for HTTP and the web page")(
      "password-file", po::value<std::string>(), "users and salted password hashes")(
      "no-auth", "accept every client without a password (trusted machines only)")(
      "tls-cert", po::value<std::string>(),
      "PEM certificate (chain) for TLS: Bolt and HTTP then accept only TLS")(
      "tls-key", po::value<std::string>(), "PEM private key of --tls-cert")(
      "max-connections", po::value<size_t>()->default_value(64), "connections open at once")(
      "max-message-bytes", po::value<size_t>()->default_value(size_t{16} << 20),
      "largest request message (Bolt) or body (HTTP)")(
      "timeout", po::value<double>()->default_value(0),
      "SECONDS a statement may run before it is stopped (0: no limit)")(
      "max-memory", po::value<std::string>(),
      "SIZE (e.g. 512MB, 2GB) of rows and values one statement may hold")(
      "max-connection-memory", po::value<std::string>()->default_value("256MB"),
      "SIZE of result records one Bolt connection may hold unsent (0: no limit)")(
      "http-tx-timeout", po::value<double>()->default_value(60),
      "SECONDS an open HTTP transaction may stay idle before it is rolled back")(
      "shutdown-timeout", po::value<double>()->default_value(10),
      "SECONDS running statements get to finish after SIGTERM before they are stopped")(
      "read-only", "open DB.sg read-only");
  po::options_description hidden;
  hidden.add_options()("data", po::value<std::vector<std::string>>()->composing());
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("data", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc - 1, argv + 1).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return usage(e.what());
  }
  if (vm.count("help")) {
    std::cout << kServeUsage << "\n" << opts;
    return 0;
  }
  if (!vm.count("data")) return usage("give the data to serve (DB.sg or data files)");
  ListenerOptions lo;
  if (!parseAddress(vm["bolt"].as<std::string>(), lo.host, lo.port))
    return usage("--bolt expects HOST:PORT, not '" + vm["bolt"].as<std::string>() + "'");
  lo.maxConnections = vm["max-connections"].as<size_t>();
  lo.maxMessageBytes = vm["max-message-bytes"].as<size_t>();
  const bool http = vm.count("http") > 0;
  const bool bolt = !http || !vm["bolt"].defaulted();
  HttpOptions ho;
  ho.maxBodyBytes = lo.maxMessageBytes;
  if (http && !parseAddress(vm["http"].as<std::string>(), ho.host, ho.port))
    return usage("--http expects HOST:PORT, not '" + vm["http"].as<std::string>() + "'");
  ExecuteOptions limits;
  limits.timeoutSeconds = vm["timeout"].as<double>();
  if (!(limits.timeoutSeconds >= 0)) return usage("--timeout expects SECONDS >= 0");
  ho.transactionSeconds = vm["http-tx-timeout"].as<double>();
  if (!(ho.transactionSeconds > 0)) return usage("--http-tx-timeout expects SECONDS > 0");
  const double shutdownSeconds = vm["shutdown-timeout"].as<double>();
  if (!(shutdownSeconds >= 0)) return usage("--shutdown-timeout expects SECONDS >= 0");
  if (vm.count("max-memory")) {
    limits.maxMemoryBytes = parseByteSize(vm["max-memory"].as<std::string>());
    if (limits.maxMemoryBytes == 0)
      return usage("--max-memory expects a size such as 512MB or 2GB, not '" +
                   vm["max-memory"].as<std::string>() + "'");
  }
  const std::string connectionMemory = vm["max-connection-memory"].as<std::string>();
  const uint64_t maxConnectionMemory =
      connectionMemory == "0" ? 0 : parseByteSize(connectionMemory);
  if (connectionMemory != "0" && maxConnectionMemory == 0)
    return usage("--max-connection-memory expects a size such as 256MB, not '" + connectionMemory +
                 "'");
  const bool noAuth = vm.count("no-auth") > 0;
  if (noAuth == (vm.count("password-file") > 0))
    return usage(noAuth ? "--no-auth and --password-file exclude each other"
                        : "authentication is on by default: give --password-file FILE (made "
                          "with silkgraph passwd FILE USER), or --no-auth");
  if (vm.count("tls-cert") != vm.count("tls-key"))
    return usage("TLS needs both --tls-cert and --tls-key");
  if (vm.count("tls-cert")) {
    try {
      lo.tls = TlsContext::load(vm["tls-cert"].as<std::string>(), vm["tls-key"].as<std::string>());
    } catch (const Error& e) {
      std::cerr << "silkgraph serve: " << e.format() << "\n";
      return 1;
    }
    ho.tls = lo.tls;
  }
  const auto data = vm["data"].as<std::vector<std::string>>();
  Database db;
  PasswordFile passwords;
  try {
    if (!noAuth) passwords = PasswordFile::load(vm["password-file"].as<std::string>());
    if (data.size() == 1 && Database::isDatabaseFile(data[0])) {
      OpenOptions oo;
      oo.readOnly = vm.count("read-only") > 0;
      for (const std::string& w : db.open(data[0], oo).warnings) std::cerr << w << "\n";
    } else {
      db.load(data);
      std::cerr << "silkgraph serve: Warning: data loaded into memory; writes are lost when "
                   "the server stops (serve a DB.sg to keep them)\n";
    }
  } catch (const Error& e) {
    std::cerr << e.format() << "\n";
    return 1;
  }
  ServerState state(db);
  state.limits = limits;
  state.shutdownSeconds = shutdownSeconds;
  state.maxConnectionMemory = maxConnectionMemory;
  if (!noAuth) state.passwords = &passwords;
  if (noAuth)
    std::cerr << "silkgraph serve: Warning: --no-auth: every client that can reach the port "
                 "may read and change the graph\n";
  const std::string authText = std::string(lo.tls ? " (TLS, " : " (") +
                               (noAuth ? "no authentication)" : "basic authentication)");
  std::signal(SIGPIPE, SIG_IGN);  // a client gone mid-write is an error return, not a signal
  Listener listener(state, lo);
  std::unique_ptr<HttpServer> httpServer;
  try {
    httpServer = std::make_unique<HttpServer>(state, ho);
    if (bolt) lo.port = listener.bind();
    if (http) ho.port = httpServer->bind();
  } catch (const Error& e) {
    std::cerr << "silkgraph serve: " << e.format() << "\n";
    return 1;
  }
  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  if (bolt)
    std::cerr << "silkgraph serve: Bolt listening on " << lo.host << ":" << lo.port << authText
              << std::endl;
  if (http) {
    httpServer->start();
    std::cerr << "silkgraph serve: HTTP listening on " << (ho.tls ? "https" : "http") << "://"
              << ho.host << ":" << ho.port << "/" << authText << std::endl;
  }
  if (bolt) {
    listener.run(gStop);
  } else {
    while (!gStop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return shutDown(state, bolt ? &listener : nullptr, http ? httpServer.get() : nullptr,
                  gSignal == SIGINT ? "SIGINT" : "SIGTERM");
}

int runPasswd(int argc, char** argv) {
  std::vector<std::string> args;
  bool readOnly = false;
  for (int i = 2; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--read-only")
      readOnly = true;
    else
      args.emplace_back(argv[i]);
  }
  if (args.size() != 2 || args[0].rfind("--", 0) == 0 || args[1].rfind("--", 0) == 0) {
    std::cerr << "Usage: silkgraph passwd FILE USER [--read-only]   (reads the password from "
                 "standard input; --read-only: the user's statements may not write)\n";
    return 2;
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  try {
    PasswordFile::setPassword(args[0], args[1], password, readOnly);
  } catch (const Error& e) {
    std::cerr << "silkgraph passwd: " << e.format() << "\n";
    return 1;
  }
  std::cerr << "silkgraph passwd: password of '" << args[1] << "' set in " << args[0]
            << (readOnly ? " (read-only)" : "") << "\n";
  return 0;
}

}  // namespace silkgraph::server
