// resolveImportUrl (query/execution/import_path.h): file:/// URLs to files inside the
// import directory.
#include "query/execution/import_path.h"

#include <filesystem>
#include <system_error>

#include "engine/error.h"

namespace silkgraph {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(ErrorKind kind, std::string message) {
  throw Error(kind, std::move(message), {}, {}, ErrorPhase::Runtime);
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX escapes, as in Neo4j's file URLs (a space is written %20).
std::string percentDecode(std::string_view s, std::string_view url) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    int hi = i + 2 < s.size() ? hexDigit(s[i + 1]) : -1;
    int lo = i + 2 < s.size() ? hexDigit(s[i + 2]) : -1;
    if (hi < 0 || lo < 0)
      refuse(ErrorKind::ArgumentError,
             "'" + std::string(url) +
                 "' has a '%' that does not start an escape such as %20 (a space)");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

bool inside(const fs::path& dir, const fs::path& p) {
  auto d = dir.begin(), e = dir.end();
  auto q = p.begin();
  for (; d != e; ++d, ++q) {
    if (d->empty()) continue;  // a trailing separator
    if (q == p.end() || *d != *q) return false;
  }
  return true;
}

}  // namespace

ImportFile resolveImportUrl(std::string_view url, std::string_view importDir) {
  const std::string u(url);
  constexpr std::string_view kPrefix = "file:///";
  if (url.substr(0, kPrefix.size()) != kPrefix) {
    size_t colon = url.find(':');
    size_t slash = url.find('/');
    bool hasScheme = colon != std::string_view::npos && colon > 0 &&
                     (slash == std::string_view::npos || colon < slash);
    if (hasScheme && url.substr(0, colon) != "file")
      refuse(ErrorKind::ArgumentError,
             "LOAD CSV reads only local files in the import directory, not " +
                 std::string(url.substr(0, colon)) + ": URLs ('" + u + "')");
    std::string rest(hasScheme ? url.substr(colon + 1) : url);
    while (!rest.empty() && rest.front() == '/') rest.erase(0, 1);
    refuse(ErrorKind::ArgumentError, "'" + u + "' is not a file URL: write 'file:///" + rest +
                                         "' (resolved inside the import directory)");
  }
  std::string rel = percentDecode(url.substr(kPrefix.size()), url);
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  if (rel.empty()) refuse(ErrorKind::ArgumentError, "'" + u + "' names no file");
  fs::path relPath(rel);
  for (const auto& part : relPath)
    if (part == "..")
      refuse(ErrorKind::ArgumentError,
             "'" + u + "': '..' is not allowed; files are read only inside the import directory");
  const fs::path dir = importDir.empty() ? fs::path(".") : fs::path(std::string(importDir));
  ImportFile f;
  f.shown = rel;
  fs::path full = dir / relPath;
  f.path = full.string();
  std::error_code ec;
  if (!fs::exists(full, ec))
    refuse(ErrorKind::IOError, "no file '" + rel + "' in the import directory " +
                                   fs::absolute(dir, ec).lexically_normal().string() +
                                   " (set it with --import-dir)");
  if (fs::is_directory(full, ec))
    refuse(ErrorKind::IOError, "'" + rel + "' is a directory, not a CSV file");
  // A symbolic link may point anywhere: what is read must still be inside the directory.
  fs::path canonicalDir = fs::canonical(dir, ec);
  fs::path canonicalFile = fs::canonical(full, ec);
  if (ec || !inside(canonicalDir, canonicalFile))
    refuse(ErrorKind::IOError,
           "'" + rel + "' leads outside the import directory (through a symbolic link)");
  f.absolutePath = canonicalFile.string();
  return f;
}

}  // namespace silkgraph
