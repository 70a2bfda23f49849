// Users and passwords of the server: a text file of "USER:HASH" or "USER:HASH:read-only"
// lines, HASH a salted Argon2id string from libsodium's crypto_pwhash_str (it has no ':').
// `silkgraph passwd FILE USER [--read-only]` writes one (setPassword); the server checks
// logins against it (check). A read-only user's statements may not write.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace silkgraph::server {

class PasswordFile {
 public:
  // Reads FILE. Throws Error{IOError} naming FILE:line when it cannot be read or a line is
  // malformed.
  static PasswordFile load(const std::string& path);
  // Whether USER exists and PASSWORD matches its hash (slow on purpose: Argon2id); when it
  // does and `readOnly` is given, whether the user may only read.
  bool check(std::string_view user, std::string_view password, bool* readOnly = nullptr) const;
  size_t size() const { return users_.size(); }
  // Sets USER's password in FILE (created when missing, mode 0600), replacing the file
  // atomically. Throws Error{IOError or ArgumentError for a bad user name or empty password}.
  static void setPassword(const std::string& path, const std::string& user,
                          const std::string& password, bool readOnly = false);

 private:
  struct User {
    std::string hash;
    bool readOnly = false;
  };
  std::map<std::string, User, std::less<>> users_;
};

}  // namespace silkgraph::server
