// importSource (import.h): picks the source's loader, runs it through one Writer (all or
// nothing) and times it; and the file helpers the loaders share (source_loaders.h).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "loaders/world/source_loaders.h"

namespace silkgraph::world {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void ioError(const std::string& path, const std::string& message) {
  Error e(ErrorKind::IOError, message);
  e.setFile(path);
  throw e;
}

struct Source {
  const char* name;
  void (*load)(Writer&, const std::vector<std::string>&);
};

const std::vector<Source>& sources() {
  static const std::vector<Source> list = {
      {"countries", loadCountries},
      {"usgs-mcs", loadUsgsMcs},
      {"wikidata-offices", loadWikidataOffices},
      {"factbook", loadFactbook},
      {"gdelt", loadGdelt},
      {"facts", loadFacts},
  };
  return list;
}

}  // namespace

std::vector<std::string> listFiles(const std::vector<std::string>& paths,
                                   const std::function<bool(const std::string&)>& wanted,
                                   std::string_view what) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) ioError(p, "no such file or directory");
    if (!fs::is_directory(st)) {
      out.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      std::error_code fe;
      if (it->is_regular_file(fe) && wanted(it->path().filename().string()))
        found.push_back(it->path().string());
    }
    if (ec) ioError(p, "cannot list the directory: " + ec.message());
    std::sort(found.begin(), found.end());
    if (found.empty()) ioError(p, "the directory holds no " + std::string(what));
    out.insert(out.end(), found.begin(), found.end());
  }
  if (out.empty()) throw Error(ErrorKind::IOError, "no files given: expected " + std::string(what));
  return out;
}

std::string readWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) ioError(path, "cannot open the file for reading");
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) ioError(path, "cannot read the file");
  return s.str();
}

std::string baseName(const std::string& path) {
  return fs::path(path).filename().string();
}

std::string slug(std::string_view name) {
  std::string out;
  bool gap = false;
  for (char c : name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      alnum = true;
    }
    if (!alnum) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += '_';
    gap = false;
    out += c;
  }
  return out;
}

const std::vector<std::string>& importSourceNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const Source& s : sources()) n.push_back(s.name);
    return n;
  }();
  return names;
}

ImportSummary importSource(Graph& graph, Schema& schema, std::string_view source,
                           const std::vector<std::string>& paths) {
  auto started = std::chrono::steady_clock::now();
  const Source* found = nullptr;
  for (const Source& s : sources())
    if (source == s.name) found = &s;
  if (!found) {
    std::string known;
    for (const Source& s : sources()) known += (known.empty() ? "" : ", ") + std::string(s.name);
    throw Error(ErrorKind::ArgumentError,
                "unknown source '" + std::string(source) + "' (sources: " + known + ")");
  }
  ImportSummary summary;
  summary.source = found->name;
  Writer w(graph, schema, summary);
  found->load(w, paths);
  w.finish();
  summary.elapsedMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace silkgraph::world
