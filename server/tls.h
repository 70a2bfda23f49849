// TLS for `silkgraph serve --tls-cert FILE --tls-key FILE` (docs/server.md, "TLS"): Debian's
// OpenSSL. A TlsContext is made once from the PEM certificate chain and private key; each Bolt
// connection then runs its TLS handshake and reads and writes through it (connection.h). The
// HTTP server uses the same two files through cpp-httplib's own OpenSSL support.
#pragma once

#include <memory>
#include <string>

struct ssl_ctx_st;

namespace silkgraph::server {

class TlsContext {
 public:
  // Reads the files and checks that the key matches the certificate. Throws Error{IOError}
  // naming the file and OpenSSL's reason.
  static std::shared_ptr<TlsContext> load(const std::string& certFile, const std::string& keyFile);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;
  ssl_ctx_st* get() const { return ctx_; }
  const std::string& certFile() const { return certFile_; }
  const std::string& keyFile() const { return keyFile_; }

 private:
  TlsContext() = default;
  ssl_ctx_st* ctx_ = nullptr;
  std::string certFile_;
  std::string keyFile_;
};

// OpenSSL's reason for the most recent failure on this thread (and clears the queue), e.g.
// "wrong version number"; `fallback` when OpenSSL recorded none.
std::string tlsErrorText(const std::string& fallback);

}  // namespace silkgraph::server
