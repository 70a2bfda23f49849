// renderDot (declared in dot_exporter.h): runs Graphviz `dot` as a child process, without a
// shell, feeding the DOT text on stdin and collecting stderr, so a name in the graph can never
// become a command and every Graphviz warning reaches the user. chooseDotOutput: DOT text or
// which picture, from --render and the output file's extension.
#include "export/graphviz_render.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "common/text.h"
#include "engine/error.h"
#include "export/dot_exporter.h"

extern char** environ;

namespace silkgraph {

namespace {

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::IOError, message);
}

[[noreturn]] void failErrno(const std::string& what) {
  fail("cannot render with Graphviz: " + what + ": " + std::strerror(errno));
}

// Looks `dot` up in the current PATH (read at call time, so tests can change it).
std::string findDot() {
  const char* path = std::getenv("PATH");
  const std::string dirs = path ? path : "";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    if (dir.empty()) dir = ".";  // an empty PATH entry means the current directory
    const std::string candidate = dir + "/dot";
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    start = end + 1;
  }
  return {};
}

bool validFormat(const std::string& format) {
  if (format.empty() || format.size() > 40) return false;
  for (char c : format) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Owns a file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int* out() { return &fd_; }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) failErrno("pipe");
    *read.out() = fds[0];
    *write.out() = fds[1];
  }
};

// Blocks SIGPIPE in this thread while we write to the child, so a child that exits early
// gives EPIPE instead of killing us; a SIGPIPE left pending is consumed before unblocking.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &block, &old_);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;
  ~SigpipeGuard() {
    sigset_t pending;
    sigemptyset(&pending);
    if (sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) &&
        !sigismember(&old_, SIGPIPE)) {
      sigset_t only;
      sigemptyset(&only);
      sigaddset(&only, SIGPIPE);
      const timespec zero{0, 0};
      while (sigtimedwait(&only, nullptr, &zero) < 0 && errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }

 private:
  sigset_t old_{};
};

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

double secondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::string secondsText(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

bool isRenderFormat(const std::string& ext) {
  return ext == "svg" || ext == "png" || ext == "pdf";
}

bool isDotExtension(const std::string& ext) {
  return ext == "dot" || ext == "gv";
}

}  // namespace

const char* renderFormatChoices() {
  return "svg|png|pdf";
}

std::string fileExtension(const std::string& path) {
  size_t slash = path.find_last_of('/');
  size_t nameStart = slash == std::string::npos ? 0 : slash + 1;
  size_t dot = path.find_last_of('.');
  // "x." has no extension, nor has ".hidden" (a dot that starts the name).
  if (dot == std::string::npos || dot <= nameStart || dot + 1 == path.size()) return {};
  return text::asciiLower(std::string_view(path).substr(dot + 1));
}

DotOutput chooseDotOutput(const std::string& outPath, const std::string& render) {
  DotOutput out;
  const std::string ext = fileExtension(outPath);
  if (!render.empty()) {
    if (!isRenderFormat(render)) {
      out.error =
          "--render: expected " + std::string(renderFormatChoices()) + ", not '" + render + "'";
    } else if (outPath.empty()) {
      out.error = "--render " + render + " needs an output file: -o FILE." + render;
    } else if ((isRenderFormat(ext) && ext != render) || isDotExtension(ext)) {
      out.error = "--render " + render + " does not match the output file " + outPath +
                  " (name it FILE." + render + ", or leave --render out)";
    } else {
      out.render = render;
    }
    return out;
  }
  if (outPath.empty() || ext.empty() || isDotExtension(ext)) return out;
  if (isRenderFormat(ext)) {
    out.render = ext;
    return out;
  }
  out.error = "cannot tell the output format of " + outPath + " from ." + ext +
              ": name it .dot or .gv for DOT text, or .svg, .png or .pdf for a picture "
              "rendered with Graphviz";
  return out;
}

void renderDot(const std::string& dotText, const std::string& outPath, const std::string& format,
               const std::string& shownPath, double timeoutSeconds) {
  if (!validFormat(format)) {
    fail("cannot render with Graphviz: '" + format +
         "' is not an output format name (try svg, png or pdf)");
  }
  if (outPath.empty()) fail("cannot render with Graphviz: no output file given");
  const std::string dot = findDot();
  if (dot.empty()) {
    fail("Graphviz 'dot' was not found on PATH; install it with: apt-get install graphviz");
  }

  Pipe in, err, out;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.write.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write.get(), STDERR_FILENO);
  // The child gets default signal handling and an empty mask whatever the shell set up.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::string typeArg = "-T" + format;
  std::string outArg = "-o" + outPath;
  std::string progArg = dot;
  std::vector<char*> argv{progArg.data(), typeArg.data(), outArg.data(), nullptr};
  pid_t pid = -1;
  const int spawnError = posix_spawn(&pid, dot.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawnError != 0) {
    errno = spawnError;
    failErrno("cannot run " + dot);
  }
  in.read.reset();
  out.write.reset();
  err.write.reset();

  std::string errText;
  std::string outText;
  const auto started = std::chrono::steady_clock::now();
  {
    SigpipeGuard guard;
    ::fcntl(in.write.get(), F_SETFL, O_NONBLOCK);
    size_t written = 0;
    if (dotText.empty()) in.write.reset();
    char buf[4096];
    // poll() multiplexes: dot may print many warnings before it has read all of its input.
    while (in.write.get() >= 0 || err.read.get() >= 0 || out.read.get() >= 0) {
      pollfd fds[3];
      nfds_t count = 0;
      Fd* owners[3];
      for (Fd* fd : {&in.write, &err.read, &out.read}) {
        if (fd->get() < 0) continue;
        fds[count] = {fd->get(), static_cast<short>(fd == &in.write ? POLLOUT : POLLIN), 0};
        owners[count++] = fd;
      }
      int wait = -1;
      if (timeoutSeconds > 0) {
        const double left = timeoutSeconds - secondsSince(started);
        if (left <= 0) {
          ::kill(pid, SIGKILL);
          while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
          }
          fail("Graphviz 'dot -T" + format + "' took longer than " + secondsText(timeoutSeconds) +
               " s and was stopped (draw fewer nodes)");
        }
        wait = static_cast<int>(left * 1000) + 1;
      }
      const int ready = ::poll(fds, count, wait);
      if (ready < 0) {
        if (errno == EINTR) continue;
        failErrno("poll");
      }
      if (ready == 0) continue;
      for (nfds_t k = 0; k < count; ++k) {
        if (fds[k].revents == 0) continue;
        Fd* fd = owners[k];
        if (fd == &in.write) {
          const ssize_t n = ::write(fd->get(), dotText.data() + written, dotText.size() - written);
          if (n > 0) {
            written += static_cast<size_t>(n);
            if (written == dotText.size()) fd->reset();
          } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
            fd->reset();  // EPIPE: dot stopped reading; its stderr says why
          }
        } else {
          const ssize_t n = ::read(fd->get(), buf, sizeof buf);
          if (n > 0) {
            (fd == &err.read ? errText : outText).append(buf, static_cast<size_t>(n));
          } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            fd->reset();
          }
        }
      }
    }
  }

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) failErrno("waitpid");
  }
  errText = trimmed(errText + outText);
  if (WIFSIGNALED(status)) {
    fail("Graphviz 'dot' was killed by signal " + std::to_string(WTERMSIG(status)) +
         (errText.empty() ? "" : ": " + errText));
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code != 0) {
    fail("Graphviz 'dot -T" + format + "' failed (exit status " + std::to_string(code) + ")" +
         (errText.empty() ? std::string() : ":\n" + errText));
  }
  if (!errText.empty()) {
    fail("Graphviz 'dot -T" + format + "' wrote " + (shownPath.empty() ? outPath : shownPath) +
         " but reported:\n" + errText);
  }
}

}  // namespace silkgraph
