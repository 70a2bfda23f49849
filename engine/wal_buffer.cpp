// LogBuffer (engine/wal.h): the log read into one buffer for its replay, in this thread or on
// one of its own (readInBackground) while replay applies what is read.
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

#include "common/huge_pages.h"
#include "engine/graph_file_format.h"
#include "engine/wal.h"

namespace silkgraph {

namespace {

constexpr uint64_t kEnded = uint64_t{1} << 63;  // in Reader::state: the read has ended
constexpr size_t kPiece = size_t{4} << 20;      // read and published at a time

}  // namespace

// A read in the background: `state` holds the bytes read so far, and kEnded once the thread
// is done (so the last change always changes the value a waiter waits on).
struct LogBuffer::Reader {
  std::thread thread;
  int fd = -1;
  std::string path;
  std::atomic<uint64_t> state{0};
  std::atomic<size_t> checked{0};  // stored before the state that hands its bytes out
  std::atomic<bool> stopping{false};
  int error = 0;  // errno of a failed read, written before kEnded is published
  Checker check;
  Chore chore;

  ~Reader() {
    if (fd >= 0) ::close(fd);
  }
  void run(uint8_t* into, size_t total) {
    size_t at = 0;
    while (at < total && !stopping.load(std::memory_order_relaxed)) {
      ssize_t n = ::pread(fd, into + at, std::min(kPiece, total - at), static_cast<off_t>(at));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        error = errno;
        break;
      }
      if (n == 0) break;  // the file got shorter meanwhile: what was read is the log
      at += static_cast<size_t>(n);
      if (check)
        checked.store(check(into, at, checked.load(std::memory_order_relaxed)),
                      std::memory_order_release);
      state.store(at, std::memory_order_release);
      state.notify_all();
      // A piece of the chore between pieces of the read: on a machine where the read keeps
      // ahead of the replay the chore is done as it goes, and where it does not, the replay
      // waits and takes the pieces left.
      if (chore) chore(ChoreTime::BetweenPieces);
    }
    while (chore && !stopping.load(std::memory_order_relaxed) && chore(ChoreTime::ReadEnded)) {
    }
    state.store(at | kEnded, std::memory_order_release);
    state.notify_all();
  }
};

LogBuffer::LogBuffer() = default;

LogBuffer::~LogBuffer() {
  stop();
  huge_pages::deallocate(data_, capacity_);
}

LogBuffer::LogBuffer(LogBuffer&& o) noexcept
    : data_(std::exchange(o.data_, nullptr)),
      size_(std::exchange(o.size_, 0)),
      expected_(std::exchange(o.expected_, 0)),
      capacity_(std::exchange(o.capacity_, 0)),
      released_(std::exchange(o.released_, 0)),
      reader_(std::move(o.reader_)) {}

LogBuffer& LogBuffer::operator=(LogBuffer&& o) noexcept {
  if (this != &o) {
    stop();
    huge_pages::deallocate(data_, capacity_);
    data_ = std::exchange(o.data_, nullptr);
    size_ = std::exchange(o.size_, 0);
    expected_ = std::exchange(o.expected_, 0);
    capacity_ = std::exchange(o.capacity_, 0);
    released_ = std::exchange(o.released_, 0);
    reader_ = std::move(o.reader_);
  }
  return *this;
}

void LogBuffer::stop() noexcept {
  if (!reader_) return;
  reader_->stopping.store(true, std::memory_order_relaxed);
  if (reader_->thread.joinable()) reader_->thread.join();
  // What was read stays readable: size() keeps the count the thread published.
  size_ = reader_->state.load(std::memory_order_acquire) & ~kEnded;
  reader_.reset();
}

size_t LogBuffer::checked() const {
  return reader_ ? reader_->checked.load(std::memory_order_acquire) : 0;
}

size_t LogBuffer::size() const {
  return reader_ ? reader_->state.load(std::memory_order_acquire) & ~kEnded : size_;
}

void LogBuffer::reserve(size_t n) {
  if (n <= capacity_) return;
  data_ = static_cast<uint8_t*>(data_ ? huge_pages::reallocate(data_, capacity_, n, size_)
                                      : huge_pages::allocate(n));
  capacity_ = n;
}

void LogBuffer::release(size_t end) {
  end = std::min(end, size());
  // Only a mapping of its own (common/huge_pages.h: a large block), in whole pages: from the
  // one holding released_ (its bytes before are released already) to the last one before end.
  if (end <= released_ || capacity_ < huge_pages::kMinBytes) return;
  static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t from = released_ / page * page, to = end / page * page;
  if (from < to) ::madvise(data_ + from, to - from, MADV_DONTNEED);  // advice: may do nothing
  released_ = end;
}

bool LogBuffer::readFile(int fd) {
  stop();
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
    if (r == 0) break;
    size_ += static_cast<size_t>(r);
  }
  expected_ = size_;
  return true;
}

void LogBuffer::readInBackground(int fd, const std::string& path, Checker check, Chore chore) {
  *this = LogBuffer();
  reader_ = std::make_unique<Reader>();
  reader_->fd = fd;
  reader_->path = path;
  reader_->check = std::move(check);
  reader_->chore = std::move(chore);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    reader_->error = errno;
    reader_->state.store(kEnded);
    return;
  }
  expected_ = static_cast<size_t>(st.st_size);
  if (expected_ == 0) {
    reader_->state.store(kEnded);
    return;
  }
  reserve(expected_);
  reader_->thread = std::thread(&Reader::run, reader_.get(), data_, expected_);
}

size_t LogBuffer::ready(size_t n) {
  if (!reader_) return size_;
  for (;;) {
    const uint64_t s = reader_->state.load(std::memory_order_acquire);
    const size_t have = s & ~kEnded;
    if (have >= n) return have;
    if (s & kEnded) {
      if (reader_->error != 0) {
        errno = reader_->error;
        graph_file::fileError(ErrorKind::IOError, reader_->path,
                              "cannot read the log: " + graph_file::errnoText());
      }
      return have;
    }
    if (reader_->chore && reader_->chore(ChoreTime::Waiting)) continue;  // instead of waiting
    reader_->state.wait(s, std::memory_order_acquire);
  }
}

}  // namespace silkgraph
