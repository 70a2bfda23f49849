// Implements export/export_run.h: one function from a subgraph to the output the user asked
// for, and the atomic replacement of the output file.
#include "export/export_run.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/error.h"
#include "export/graphml_exporter.h"

namespace silkgraph {

namespace {

[[noreturn]] void cannotWrite(const std::string& path) {
  Error e(ErrorKind::IOError, "cannot write the file");
  e.setFile(path);
  throw e;
}

// A temporary file next to the file it will replace, removed unless commit() renames it over
// that file. It gets the permissions the replaced file had (or a new file would get).
class TempFile {
 public:
  TempFile(const std::string& target, const std::string& shown) : target_(target), shown_(shown) {
    // open(O_CREAT | O_EXCL, 0666) gives a new file the permissions the umask allows, as a
    // plain write would; a replaced file keeps its own.
    static std::atomic<unsigned> counter{0};
    int fd = -1;
    for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
      path_ = target + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
      fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) {
      path_.clear();
      cannotWrite(shown_);
    }
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) ::fchmod(fd, st.st_mode & 07777);
    ::close(fd);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  const std::string& path() const { return path_; }
  void write(std::string_view content) {
    int fd = ::open(path_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) cannotWrite(shown_);
    bool ok = true;
    for (size_t done = 0; ok && done < content.size();) {
      ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      ok = n > 0;
      if (ok) done += static_cast<size_t>(n);
    }
    ok = ::fsync(fd) == 0 && ok;
    if (::close(fd) != 0 || !ok) cannotWrite(shown_);
  }
  void commit() {
    if (std::rename(path_.c_str(), target_.c_str()) != 0) cannotWrite(shown_);
    path_.clear();
  }

 private:
  std::string target_, shown_, path_;
};

// The file a write to `path` really replaces (a symbolic link followed); "" when `path` is
// not a regular file to replace but a device, pipe or socket, which is written in place.
std::string replaceTarget(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (fs::exists(st) && !fs::is_regular_file(st)) return {};
  if (fs::is_symlink(fs::symlink_status(path, ec))) {
    fs::path real = fs::weakly_canonical(path, ec);
    if (!ec) return real.string();
  }
  return path;
}

}  // namespace

std::optional<ExportFormat> parseExportFormat(std::string_view name) {
  if (name == "dot") return ExportFormat::Dot;
  if (name == "graphml") return ExportFormat::Graphml;
  return std::nullopt;
}

std::string graphmlPathProblem(const std::string& path) {
  std::string ext = fileExtension(path);
  if (ext.empty() || ext == "graphml" || ext == "xml") return {};
  return "GraphML is XML: name the output file .graphml or .xml, not ." + ext +
         " (export dot draws pictures)";
}

std::string planExport(ExportFormat format, const std::string& path, const std::string& render,
                       ExportTarget& target) {
  target = ExportTarget{format, path, ""};
  if (format == ExportFormat::Graphml) return graphmlPathProblem(path);
  DotOutput choice = chooseDotOutput(path, render);
  target.render = choice.render;
  return choice.error;
}

void writeFileAtomically(const std::string& path, std::string_view content) {
  std::string target = replaceTarget(path);
  if (target.empty()) {
    std::ofstream f(path, std::ios::binary);
    if (!f || !f.write(content.data(), static_cast<std::streamsize>(content.size())) || !f.flush())
      cannotWrite(path);
    return;
  }
  TempFile tmp(target, path);
  tmp.write(content);
  tmp.commit();
}

void exportSubgraph(const Graph& graph, const Subgraph& sub, const ExportTarget& target,
                    std::ostream& out, const DotOptions& dotOptions) {
  std::ostringstream text;
  if (target.format == ExportFormat::Graphml) {
    writeGraphml(graph, sub, text);
  } else {
    writeDot(graph, sub, text, dotOptions);
  }
  if (target.render.empty()) {
    if (target.path.empty()) {
      out << text.str();
    } else {
      writeFileAtomically(target.path, text.str());
    }
    return;
  }
  std::string real = replaceTarget(target.path);
  if (real.empty()) {
    renderDot(text.str(), target.path, target.render);  // a device: Graphviz writes it
    return;
  }
  TempFile tmp(real, target.path);
  renderDot(text.str(), tmp.path(), target.render, target.path);
  tmp.commit();
}

}  // namespace silkgraph
