// Session (shell/session.h): its state and loading data into it, plus the small file helpers
// the other parts of the session share.
#include "shell/session.h"

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace silkgraph::shell {

std::string formatMs(double ms) {
  std::ostringstream ss;
  ss << std::fixed << std::setprecision(ms < 10 ? 2 : 1) << ms << " ms";
  return ss.str();
}

std::string expandHome(const std::string& path) {
  if (path != "~" && path.rfind("~/", 0) != 0) return path;
  const char* home = std::getenv("HOME");
  if (!home || !*home) return path;
  return std::string(home) + path.substr(1);
}

bool readFile(const std::string& path, std::string& out) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    errno = EISDIR;
    return false;
  }
  // Read into a string of the file's size: no stream buffer growing beside it and no copy
  // (a script holding a 100 MB literal costs 100 MB here, issue 10 D10).
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size <= 0) {  // empty, or not seekable (a pipe): read what comes
    in.clear();
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
  }
  out.resize(static_cast<size_t>(size));
  in.read(out.data(), size);
  out.resize(static_cast<size_t>(in.gcount()));
  return true;
}

void printLoadError(std::ostream& err, const Error& e) {
  std::string source;
  // Show the offending line of the data file, but never read a huge file just for that.
  if (!e.file().empty() && e.pos().known()) {
    std::ifstream in(e.file(), std::ios::binary | std::ios::ate);
    if (in && in.tellg() < (64 << 20)) readFile(e.file(), source);
  }
  err << e.format(source) << "\n";
}

std::string loadSummary(const LoadReport& report) {
  std::string s = "Loaded ";
  if (report.nodes > 0 || report.relationships == 0)
    s += groupDigits(report.nodes) + (report.nodes == 1 ? " node" : " nodes");
  if (report.nodes > 0 && report.relationships > 0) s += " and ";
  if (report.relationships > 0)
    s += groupDigits(report.relationships) +
         (report.relationships == 1 ? " relationship" : " relationships");
  return s + " in " + formatDuration(report.elapsedMs / 1000);
}

Session::Session(std::ostream& out, std::ostream& err) : out_(out), err_(err) {
  db_.setProgress(&progress_);
}

bool Session::load(const std::vector<std::string>& paths, bool update) {
  if (paths.empty()) return true;
  try {
    LoadOptions options;
    options.threads = loadThreads_;
    options.arrayDelimiter = arrayDelimiter_;
    options.progress = &progress_;
    options.update = update;
    LoadReport report = db_.load(paths, options);
    lastLoad_ = report;
    // After a bar, a summary in its place (the interactive shell says it on stdout below).
    progress_.summary(interactive_ ? std::string() : loadSummary(report));
    if (interactive_) {
      out_ << "Loaded " << report.nodes << (report.nodes == 1 ? " node" : " nodes");
      if (update)
        out_ << ", updated " << report.updatedNodes
             << (report.updatedNodes == 1 ? " node" : " nodes") << ",";
      out_ << " and " << report.relationships
           << (report.relationships == 1 ? " relationship" : " relationships") << " from "
           << report.files.size() << (report.files.size() == 1 ? " file" : " files") << " ("
           << formatMs(report.elapsedMs) << ").\n";
    }
    return true;
  } catch (const Error& e) {
    progress_.summary("");
    printLoadError(err_, e);
  } catch (const std::exception& e) {
    progress_.summary("");
    err_ << "InternalError: while loading: " << e.what() << "\n";
  }
  return false;
}

}  // namespace silkgraph::shell
