// TLS contexts (see tls.h).
#include "server/tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "main/database.h"

namespace silkgraph::server {

std::string tlsErrorText(const std::string& fallback) {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    const char* reason = ERR_reason_error_string(code);
    if (text.empty() && reason) text = reason;
  }
  return text.empty() ? fallback : text;
}

namespace {

// The file's text, or throws Error{IOError} naming it with the system's reason.
std::string readPem(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::IOError, path + ": cannot read it: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::shared_ptr<TlsContext> TlsContext::load(const std::string& certFile,
                                             const std::string& keyFile) {
  std::shared_ptr<TlsContext> tls(new TlsContext());
  tls->certFile_ = certFile;
  tls->keyFile_ = keyFile;
  const std::string certText = readPem(certFile), keyText = readPem(keyFile);
  if (certText.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
    throw Error(ErrorKind::IOError,
                certFile + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
  if (keyText.find("PRIVATE KEY-----") == std::string::npos)
    throw Error(ErrorKind::IOError,
                keyFile + ": no PEM private key (-----BEGIN ... PRIVATE KEY-----) in it");
  ERR_clear_error();
  tls->ctx_ = SSL_CTX_new(TLS_server_method());
  if (!tls->ctx_)
    throw Error(ErrorKind::IOError, "TLS: " + tlsErrorText("cannot make a TLS context"));
  SSL_CTX_set_min_proto_version(tls->ctx_, TLS1_2_VERSION);
  SSL_CTX_set_mode(tls->ctx_, SSL_MODE_AUTO_RETRY);
  if (SSL_CTX_use_certificate_chain_file(tls->ctx_, certFile.c_str()) != 1)
    throw Error(ErrorKind::IOError, certFile + ": cannot use it as a TLS certificate (PEM): " +
                                        tlsErrorText("unreadable"));
  const auto mismatch = [&] {
    return Error(ErrorKind::IOError,
                 keyFile + ": this private key does not match the certificate " + certFile);
  };
  if (SSL_CTX_use_PrivateKey_file(tls->ctx_, keyFile.c_str(), SSL_FILETYPE_PEM) != 1) {
    const std::string why = tlsErrorText("unreadable");
    if (why == "key values mismatch") throw mismatch();
    throw Error(ErrorKind::IOError, keyFile + ": cannot use it as a TLS private key (PEM): " + why);
  }
  if (SSL_CTX_check_private_key(tls->ctx_) != 1) {
    ERR_clear_error();
    throw mismatch();
  }
  return tls;
}

TlsContext::~TlsContext() {
  if (ctx_) SSL_CTX_free(ctx_);
}

}  // namespace silkgraph::server
