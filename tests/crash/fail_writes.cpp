// Fault injection for the crash test (LD_PRELOAD): write, pwrite and fdatasync/fsync on a file
// whose path contains $SG_FAIL_PATH fail (ENOSPC for writes, EIO for flushes) once
// $SG_FAIL_AFTER (default 0) such calls have succeeded. $SG_FAIL_ON picks the calls: "write"
// (write and pwrite) or "sync" (fdatasync and fsync).
#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

std::atomic<long> passed{0};

bool shouldFail(int fd, const char* kind) {
  const char* on = std::getenv("SG_FAIL_ON");
  const char* path = std::getenv("SG_FAIL_PATH");
  if (!on || !path || std::strcmp(on, kind) != 0) return false;
  char link[64], target[4096];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = ::readlink(link, target, sizeof target - 1);
  if (n <= 0) return false;
  target[n] = '\0';
  if (!std::strstr(target, path)) return false;
  const char* after = std::getenv("SG_FAIL_AFTER");
  return passed++ >= (after ? std::atol(after) : 0);
}

template <typename F>
F next(const char* name) {
  return reinterpret_cast<F>(::dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" {

ssize_t write(int fd, const void* buf, size_t n) {
  static auto real = next<ssize_t (*)(int, const void*, size_t)>("write");
  if (shouldFail(fd, "write")) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd, buf, n);
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t off) {
  static auto real = next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
  if (shouldFail(fd, "write")) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void* buf, size_t n, off_t off) {
  static auto real = next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite64");
  if (shouldFail(fd, "write")) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd, buf, n, off);
}

int fdatasync(int fd) {
  static auto real = next<int (*)(int)>("fdatasync");
  if (shouldFail(fd, "sync")) {
    errno = EIO;
    return -1;
  }
  return real(fd);
}

int fsync(int fd) {
  static auto real = next<int (*)(int)>("fsync");
  if (shouldFail(fd, "sync")) {
    errno = EIO;
    return -1;
  }
  return real(fd);
}
}
