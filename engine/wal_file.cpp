// The write-ahead log file of a database opened for writing (engine/wal.h): the exclusive lock
// that makes it the only writer, appends flushed before they count, truncation at checkpoints,
// and the clean-up of temporary files a killed writer left behind.
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <vector>

#include "engine/graph_file.h"
#include "engine/graph_file_format.h"
#include "engine/wal.h"
#include "engine/wal_redo.h"
#include "engine/wal_strings.h"

namespace silkgraph {

using graph_file::errnoText;
using graph_file::fileError;

namespace {

// Writes all of `data` at `offset`; false (errno set) on failure.
bool writeAllAt(int fd, const char* data, size_t n, uint64_t offset) {
  while (n > 0) {
    ssize_t w = ::pwrite(fd, data, n, static_cast<off_t>(offset));
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (w == 0) {
      errno = EIO;
      return false;
    }
    data += w;
    n -= static_cast<size_t>(w);
    offset += static_cast<uint64_t>(w);
  }
  return true;
}

// Writes zeros over [from, to); false (errno set) on failure.
bool writeZeros(int fd, uint64_t from, uint64_t to) {
  static const std::vector<char> zeros(size_t{1} << 20, '\0');
  for (uint64_t at = from; at < to;) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(to - at, zeros.size()));
    if (!writeAllAt(fd, zeros.data(), n, at)) return false;
    at += n;
  }
  return true;
}

// The length the log file grows to when a record ending at `end` does not fit in `allocated`
// bytes: by a chunk that doubles with the file from 64 KiB to 4 MiB (a short session writes
// little, a long one extends rarely), in whole 64 KiB.
uint64_t preallocatedEnd(uint64_t allocated, uint64_t end) {
  constexpr uint64_t kMinChunk = uint64_t{64} << 10, kMaxChunk = uint64_t{4} << 20;
  const uint64_t want = std::max(end, allocated + std::clamp(allocated, kMinChunk, kMaxChunk));
  return (want + kMinChunk - 1) / kMinChunk * kMinChunk;
}

uint32_t randomWord() {
  static std::random_device device;
  return device();
}

}  // namespace

WriteAheadLog::WriteAheadLog(const std::string& dbPath)
    : dbPath_(dbPath), path_(walPathOf(dbPath)) {
  for (int attempt = 0; attempt < 64; ++attempt) {
    int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
      fileError(ErrorKind::IOError, dbPath_, "cannot open its log " + path_ + ": " + errnoText());
    graph_file::FileHandle h(fd);
    struct stat st {};
    if (::fstat(fd, &st) != 0)
      fileError(ErrorKind::IOError, dbPath_, "cannot read its log " + path_ + ": " + errnoText());
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno == EWOULDBLOCK) {
        long pid = graph_file::flockHolder(st);
        fileError(ErrorKind::IOError, dbPath_,
                  "the database is open for writing in another process" +
                      (pid > 0 ? " (pid " + std::to_string(pid) + ")" : std::string()) +
                      "; open it read-only, or close the other one first");
      }
      if (errno != ENOLCK && errno != EOPNOTSUPP && errno != EINVAL)
        fileError(ErrorKind::IOError, dbPath_, "cannot lock its log " + path_ + ": " + errnoText());
      // A file system without locks: one writer at a time is then up to the user.
    }
    struct stat now {};
    if (::stat(path_.c_str(), &now) != 0 || now.st_ino != st.st_ino || now.st_dev != st.st_dev)
      continue;  // removed by a writer that closed cleanly meanwhile: lock the new file
    fd_ = h.release();
    size_ = allocated_ = static_cast<uint64_t>(now.st_size);
    return;
  }
  fileError(ErrorKind::IOError, dbPath_, "cannot lock its log " + path_ + ": it keeps changing");
}

WriteAheadLog::~WriteAheadLog() {
  if (fd_ >= 0) ::close(fd_);
}

LogBuffer WriteAheadLog::readAll(LogBuffer::Checker check, LogBuffer::Chore chore) const {
  LogBuffer data;
  const int fd = ::fcntl(fd_, F_DUPFD_CLOEXEC, 0);  // the reading thread's, closed by it
  if (fd < 0)
    fileError(ErrorKind::IOError, dbPath_, "cannot read its log " + path_ + ": " + errnoText());
  data.readInBackground(fd, path_, std::move(check), std::move(chore));
  return data;
}

void WriteAheadLog::truncate(size_t end) {
  if (::ftruncate(fd_, static_cast<off_t>(end)) != 0 || ::fdatasync(fd_) != 0)
    fileError(ErrorKind::IOError, dbPath_, "cannot cut its log " + path_ + ": " + errnoText());
  size_ = allocated_ = end;
}

void WriteAheadLog::resume(const WalReplayReport& rep) {
  // Zeros after the last record are preallocated space, kept; anything else is cut, so the
  // next record is followed by zeros only.
  if (rep.droppedBytes > 0) truncate(rep.validEnd);
  size_ = rep.validEnd;
  key_ = rep.key;
  format_ = rep.format;
}

void WriteAheadLog::reset(uint64_t base) {
  uint64_t salt = 0;
  while (salt == 0) salt = (uint64_t{randomWord()} << 32) ^ randomWord();
  std::string header = walHeader(base, salt);
  key_ = walKey(base, salt);
  format_ = kRedoStringIds;
  broken_ = false;
  size_ = kWalHeaderSize;
  if (allocated_ == 0) {
    // An empty file (a new log, or one a failed first append cut back): nothing to cut, and
    // the header waits for the first record. Opening a database only to read it cost a cut
    // and two flushes of its log here (0.8-2.2 ms on this VM's disk, `strace -T`; a flush to
    // a disk without a write cache takes milliseconds each).
    owedHeader_ = std::move(header);
    return;
  }
  owedHeader_.clear();
  // The old header stays while the file is cut: a crash before the new one is flushed leaves
  // a log that follows the old file (ignored), never records without a header.
  truncate(std::min<uint64_t>(allocated_, kWalHeaderSize));
  if (!writeAllAt(fd_, header.data(), header.size(), 0) || ::fdatasync(fd_) != 0)
    fileError(ErrorKind::IOError, dbPath_, "cannot write its log " + path_ + ": " + errnoText());
  allocated_ = kWalHeaderSize;
}

void WriteAheadLog::append(const std::string& payload) {
  if (broken_)
    fileError(ErrorKind::IOError, dbPath_,
              "its log " + path_ +
                  " could not be restored after an earlier failed write; nothing more can be "
                  "committed (reopen the database)");
  if (payload.size() > UINT32_MAX - kWalRecordHeaderSize)
    fileError(ErrorKind::IOError, dbPath_,
              "the transaction's changes (" + std::to_string(payload.size()) +
                  " bytes) are too large for one log record (4 GiB); commit in smaller parts");
  if (!owedHeader_.empty()) {
    // The header first, flushed on its own: a crash during the record then leaves a header
    // and a torn record (dropped at the next open), never record bytes after a torn header.
    if (!writeAllAt(fd_, owedHeader_.data(), owedHeader_.size(), 0) || ::fdatasync(fd_) != 0) {
      std::string why = errnoText();
      if (::ftruncate(fd_, 0) != 0 || ::fdatasync(fd_) != 0) broken_ = true;
      fileError(ErrorKind::IOError, dbPath_,
                "cannot write its log " + path_ + ": " + why +
                    "; the change was not committed and the database is as it was");
    }
    owedHeader_.clear();
    allocated_ = kWalHeaderSize;
  }
  std::string record = walRecord(key_, payload);
  const uint64_t end = size_ + record.size();
  const uint64_t grown = end <= allocated_ ? allocated_ : preallocatedEnd(allocated_, end);
  if (writeAllAt(fd_, record.data(), record.size(), size_) &&
      writeZeros(fd_, std::max(end, allocated_), grown) && ::fdatasync(fd_) == 0) {
    size_ = end;
    allocated_ = grown;
    return;
  }
  std::string why = errnoText();
  // Cut off what may have reached the file, so the next record follows the last good one.
  allocated_ = size_;
  if (::ftruncate(fd_, static_cast<off_t>(size_)) != 0 || ::fdatasync(fd_) != 0) broken_ = true;
  fileError(ErrorKind::IOError, dbPath_,
            "cannot write its log " + path_ + ": " + why +
                "; the change was not committed and the database is as it was");
}

void WriteAheadLog::remove() {
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT)
    fileError(ErrorKind::IOError, dbPath_, "cannot remove its log " + path_ + ": " + errnoText());
}

namespace {

// The length of the log file now (0 if there is none): what the index of its strings is sized
// for (engine/wal_strings.h), a hint only.
size_t logFileSize(const std::string& walPath) {
  struct stat st {};
  return ::stat(walPath.c_str(), &st) == 0 ? static_cast<size_t>(st.st_size) : 0;
}

LogBuffer readLogFile(const std::string& walPath, LogBuffer::Checker check,
                      LogBuffer::Chore chore) {
  LogBuffer log;
  int fd = ::open(walPath.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) log.readInBackground(fd, walPath, std::move(check), std::move(chore));
  return log;
}

}  // namespace

DatabaseSnapshot readDatabaseSnapshot(const std::string& dbPath, const WriteAheadLog* wal,
                                      Graph& graph, Schema& schema) {
  for (int attempt = 0;; ++attempt) {
    Graph fresh;
    Schema freshSchema;
    const uint64_t before = graphFileIdentity(dbPath);
    readGraphFile(dbPath, fresh, freshSchema);
    DatabaseSnapshot snap{graphFileIdentity(dbPath), fresh.relIdLimit(), {}};
    // A checkpoint renames its new file into place before it empties the log, so a log read
    // while the file stayed the one read belongs with it: either its own log, or a stale one
    // (a checkpoint stopped between the rename and emptying the log: its base differs and
    // replay ignores it). The log's header alone cannot tell: an emptied log keeps the old
    // header for a moment, and a log read during a reset can mix two files' records, which
    // replay may take for damage: such an error counts only if the file stayed the same.
    bool together = before == snap.base;
    if (together) {
      // The records' checksums are checked on the reading thread as it goes, and the strings
      // they add indexed apart (engine/wal_strings.h).
      auto strings = std::make_shared<LogStringIndex>(
          static_cast<uint32_t>(dictionaryStrings(fresh)), logFileSize(walPathOf(dbPath)));
      LogBuffer::Checker check = recordChecker(snap.base, strings);
      LogBuffer::Chore chore = LogStringIndex::chore(strings);
      LogBuffer log = wal ? wal->readAll(std::move(check), std::move(chore))
                          : readLogFile(walPathOf(dbPath), std::move(check), std::move(chore));
      try {
        snap.replay = replayWal(log, snap.base, fresh, walPathOf(dbPath), strings.get());
        log.ready(SIZE_MAX);  // all of it read before the file's identity is read again
      } catch (const Error&) {
        if (wal || graphFileIdentity(dbPath) == snap.base) throw;
        together = false;
      }
      together = together && (wal || graphFileIdentity(dbPath) == snap.base);
    }
    if (together) {
      graph.swap(fresh);
      schema = std::move(freshSchema);
      return snap;
    }
    if (attempt == 49)
      fileError(ErrorKind::IOError, dbPath,
                "the database file was replaced by checkpoints 50 times while it was being "
                "opened; open it again when its writer is less busy");
    ::usleep(static_cast<useconds_t>(1000 * std::min(attempt + 1, 20)));
  }
}

WalReplayReport readGraphFileWithLog(const std::string& dbPath, Graph& graph, Schema& schema) {
  Graph fresh;
  Schema freshSchema;
  DatabaseSnapshot snap = readDatabaseSnapshot(dbPath, nullptr, fresh, freshSchema);
  if (fresh.relIdLimit() != snap.relsInFile) fresh.compact();
  graph.swap(fresh);
  schema = std::move(freshSchema);
  return std::move(snap.replay);
}

std::vector<std::string> cleanLeftoverTemps(const std::string& dbPath) {
  std::vector<std::string> messages;
  const size_t slash = dbPath.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "." : dbPath.substr(0, slash + 1);
  const std::string prefix =
      (slash == std::string::npos ? dbPath : dbPath.substr(slash + 1)) + ".tmp.";
  DIR* d = ::opendir(dir.c_str());
  if (!d) return messages;
  while (struct dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name.rfind(prefix, 0) != 0) continue;
    // DB.sg.tmp.PID.N (engine/graph_file_writer.cpp)
    char* end = nullptr;
    long pid = std::strtol(name.c_str() + prefix.size(), &end, 10);
    if (pid <= 0 || !end || *end != '.') continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
    std::string full = slash == std::string::npos ? name : dir + name;
    if (::unlink(full.c_str()) == 0)
      messages.push_back("removed " + full + ", a temporary file left by a writer (pid " +
                         std::to_string(pid) + ") that stopped before finishing");
    else
      messages.push_back("cannot remove " + full +
                         ", a temporary file left by a stopped writer: " + errnoText());
  }
  ::closedir(d);
  return messages;
}

}  // namespace silkgraph
