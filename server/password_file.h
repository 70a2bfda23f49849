// Users and passwords of the server: a text file of "user:HASH" lines, HASH a salted
// Argon2id string from libsodium's crypto_pwhash_str. `silkgraph passwd FILE USER` writes
// one (setPassword); the server checks logins against it (check).
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
  // Whether USER exists and PASSWORD matches its hash (slow on purpose: Argon2id).
  bool check(std::string_view user, std::string_view password) const;
  size_t size() const { return hashes_.size(); }
  // Sets USER's password in FILE (created when missing, mode 0600), replacing the file
  // atomically. Throws Error{IOError or ArgumentError for a bad user name or empty password}.
  static void setPassword(const std::string& path, const std::string& user,
                          const std::string& password);

 private:
  std::map<std::string, std::string, std::less<>> hashes_;
};

}  // namespace silkgraph::server
