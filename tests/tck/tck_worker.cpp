#include "tests/tck/tck_worker.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace silkgraph::tck {
namespace {

// Moves all `size` bytes through read or write (`io`), resuming after interruptions and short
// transfers; false when the pipe ends or fails first.
template <typename Io, typename Byte>
bool transferAll(Io io, int fd, Byte* p, size_t size) {
  while (size > 0) {
    const ssize_t n = io(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool writeAll(int fd, const void* data, size_t size) {
  return transferAll(::write, fd, static_cast<const char*>(data), size);
}

bool readAll(int fd, void* data, size_t size) {
  return transferAll(::read, fd, static_cast<char*>(data), size);
}

// An answer on the pipe: its length (4 bytes), then 'P' or 'F', the reason, '\0', the note.
bool sendOutcome(int fd, const Outcome& o) {
  const std::string msg = std::string(o.pass ? "P" : "F") + o.why + '\0' + o.note;
  const auto size = static_cast<uint32_t>(msg.size());
  return writeAll(fd, &size, sizeof size) && writeAll(fd, msg.data(), msg.size());
}

// [[noreturn]]: the child's loop, until the parent closes its end.
[[noreturn]] void serve(int in, int out, const ScenarioWorker::RunFn& run) {
  uint64_t index = 0;
  while (readAll(in, &index, sizeof index))
    if (!sendOutcome(out, run(static_cast<size_t>(index)))) break;
  _exit(0);
}

}  // namespace

ScenarioWorker::ScenarioWorker(RunFn run, double deadlineSec)
    : run_(std::move(run)), deadlineSec_(deadlineSec) {}

ScenarioWorker::~ScenarioWorker() {
  stop(false);
}

bool ScenarioWorker::start() {
  signal(SIGPIPE, SIG_IGN);  // a child that died is seen as a failed write, not a signal
  int down[2], up[2];
  if (pipe(down) != 0) return false;
  if (pipe(up) != 0) {
    close(down[0]);
    close(down[1]);
    return false;
  }
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {down[0], down[1], up[0], up[1]}) close(fd);
    return false;
  }
  if (pid == 0) {
    close(down[1]);
    close(up[0]);
    serve(down[0], up[1], run_);
  }
  close(down[0]);
  close(up[1]);
  pid_ = pid;
  toChild_ = down[1];
  fromChild_ = up[0];
  return true;
}

void ScenarioWorker::stop(bool killIt) {
  if (pid_ < 0) return;
  if (killIt) kill(pid_, SIGKILL);
  close(toChild_);  // a waiting child reads the end of its input and exits
  close(fromChild_);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  toChild_ = fromChild_ = -1;
}

Outcome ScenarioWorker::run(size_t index) {
  if (pid_ < 0 && !start()) return run_(index);
  const uint64_t request = index;
  if (!writeAll(toChild_, &request, sizeof request)) {
    stop(true);
    return {false, "the child exited before the scenario started", {}};
  }
  // Waits for the answer until the deadline; anything else ends this child.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(deadlineSec_);
  std::string msg;
  uint32_t size = 0;
  bool haveSize = false;
  while (!haveSize || msg.size() < size) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) {
      stop(true);
      return {false, "hung: killed after ignoring cancellation", {}};
    }
    pollfd p{fromChild_, POLLIN, 0};
    const int r = poll(&p, 1, static_cast<int>(left));
    if (r <= 0) continue;  // EINTR or the deadline: checked above
    char buf[4096];
    const ssize_t n =
        read(fromChild_, buf,
             haveSize ? std::min<size_t>(sizeof buf, size - msg.size()) : sizeof size - msg.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    msg.append(buf, static_cast<size_t>(n));
    if (!haveSize && msg.size() == sizeof size) {
      std::memcpy(&size, msg.data(), sizeof size);
      msg.clear();
      haveSize = true;
    }
  }
  if (!haveSize || msg.size() < size || size == 0) {
    // The child died: reap it and say how.
    kill(pid_, SIGKILL);
    int status = 0;
    close(toChild_);
    close(fromChild_);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    toChild_ = fromChild_ = -1;
    if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
      return {false, std::string("crashed: ") + strsignal(WTERMSIG(status)), {}};
    return {false, "child exited without an answer", {}};
  }
  Outcome o;
  o.pass = msg[0] == 'P';
  const std::string rest = msg.substr(1);
  const size_t z = rest.find('\0');
  o.why = rest.substr(0, z);
  if (z != std::string::npos) o.note = rest.substr(z + 1);
  return o;
}

}  // namespace silkgraph::tck
