// LogBuffer (engine/wal.h): the log read into one buffer for its replay.
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "common/huge_pages.h"
#include "engine/wal.h"

namespace silkgraph {

LogBuffer::~LogBuffer() {
  huge_pages::deallocate(data_, capacity_);
}

LogBuffer::LogBuffer(LogBuffer&& o) noexcept
    : data_(std::exchange(o.data_, nullptr)),
      size_(std::exchange(o.size_, 0)),
      capacity_(std::exchange(o.capacity_, 0)),
      released_(std::exchange(o.released_, 0)) {}

LogBuffer& LogBuffer::operator=(LogBuffer&& o) noexcept {
  if (this != &o) {
    huge_pages::deallocate(data_, capacity_);
    data_ = std::exchange(o.data_, nullptr);
    size_ = std::exchange(o.size_, 0);
    capacity_ = std::exchange(o.capacity_, 0);
    released_ = std::exchange(o.released_, 0);
  }
  return *this;
}

void LogBuffer::reserve(size_t n) {
  if (n <= capacity_) return;
  data_ = static_cast<uint8_t*>(data_ ? huge_pages::reallocate(data_, capacity_, n, size_)
                                      : huge_pages::allocate(n));
  capacity_ = n;
}

void LogBuffer::release(size_t end) {
  end = std::min(end, size_);
  // Only a mapping of its own (common/huge_pages.h: a large block), in whole pages: from the
  // one holding released_ (its bytes before are released already) to the last one before end.
  if (end <= released_ || capacity_ < huge_pages::kMinBytes) return;
  static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t from = released_ / page * page, to = end / page * page;
  if (from < to) ::madvise(data_ + from, to - from, MADV_DONTNEED);  // advice: may do nothing
  released_ = end;
}

bool LogBuffer::readFile(int fd) {
  size_ = released_ = 0;
  struct stat st {};
  if (::fstat(fd, &st) != 0) return false;
  // The size now, and a little more: a writer may append while a reader reads.
  reserve(static_cast<size_t>(st.st_size) + (size_t{64} << 10));
  for (;;) {
    if (size_ == capacity_) reserve(2 * capacity_);
    ssize_t r = ::pread(fd, data_ + size_, capacity_ - size_, static_cast<off_t>(size_));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return false;
    if (r == 0) return true;
    size_ += static_cast<size_t>(r);
  }
}

}  // namespace silkgraph
