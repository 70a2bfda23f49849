// The password file (see password_file.h), hashed and verified with libsodium.
#include "server/password_file.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "main/database.h"

namespace silkgraph::server {
namespace {

void initSodium() {
  if (sodium_init() < 0) throw Error(ErrorKind::InternalError, "libsodium failed to start");
}

bool validUser(std::string_view user) {
  if (user.empty()) return false;
  for (char c : user)
    if (c == ':' || c == '\n' || c == '\r' || static_cast<unsigned char>(c) < 0x20) return false;
  return true;
}

}  // namespace

PasswordFile PasswordFile::load(const std::string& path) {
  initSodium();
  std::ifstream in(path);
  if (!in) throw Error(ErrorKind::IOError, path + ": cannot read the password file");
  PasswordFile file;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == line.size())
      throw Error(ErrorKind::IOError, path + ":" + std::to_string(n) +
                                          ":1: expected USER:HASH or USER:HASH:read-only "
                                          "(silkgraph passwd)");
    User u;
    u.hash = line.substr(colon + 1);
    if (const size_t role = u.hash.find(':'); role != std::string::npos) {
      if (u.hash.substr(role + 1) != "read-only")
        throw Error(ErrorKind::IOError, path + ":" + std::to_string(n) + ":" +
                                            std::to_string(colon + role + 3) +
                                            ": the only role after the hash is 'read-only'");
      u.readOnly = true;
      u.hash.resize(role);
    }
    file.users_[line.substr(0, colon)] = std::move(u);
  }
  return file;
}

bool PasswordFile::check(std::string_view user, std::string_view password, bool* readOnly) const {
  auto it = users_.find(user);
  if (it == users_.end()) return false;
  if (crypto_pwhash_str_verify(it->second.hash.c_str(), password.data(), password.size()) != 0)
    return false;
  if (readOnly) *readOnly = it->second.readOnly;
  return true;
}

void PasswordFile::setPassword(const std::string& path, const std::string& user,
                               const std::string& password, bool readOnly) {
  initSodium();
  if (!validUser(user))
    throw Error(ErrorKind::ArgumentError, "a user name must be non-empty, without ':' or controls");
  if (password.empty()) throw Error(ErrorKind::ArgumentError, "the password is empty");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw Error(ErrorKind::InternalError, "out of memory hashing the password");
  const std::string entry = user + ':' + hash + (readOnly ? ":read-only" : "");
  std::ostringstream out;
  bool replaced = false;
  if (std::ifstream in(path); in) {
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind(user + ":", 0) == 0) {
        out << entry << '\n';
        replaced = true;
      } else {
        out << line << '\n';
      }
    }
  }
  if (!replaced) out << entry << '\n';
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::trunc);
    if (!f || !(f << out.str()) || !f.flush())
      throw Error(ErrorKind::IOError, tmp + ": cannot write the password file");
  }
  ::chmod(tmp.c_str(), 0600);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw Error(ErrorKind::IOError, path + ": cannot replace the password file");
  }
}

}  // namespace silkgraph::server
