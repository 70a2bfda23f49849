// The write-ahead log's byte format (engine/wal.h): framing of the header and records, and
// replay of a log held in memory, which tells a torn tail (dropped, with a warning) from
// corruption in the middle (an error).
#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <string_view>

#include "common/hash.h"
#include "engine/graph_file_format.h"
#include "engine/wal.h"
#include "engine/wal_redo.h"

namespace silkgraph {

using graph_file::fileError;
using graph_file::put32;
using graph_file::put64;
using graph_file::read32;
using graph_file::read64;

namespace {

constexpr char kWalMagic[8] = {'S', 'G', 'W', 'A', 'L', 0, 0, 0};
constexpr char kRecordMagic[4] = {'S', 'G', 'W', 'R'};
constexpr uint32_t kWalVersion = 1;

uint64_t recordChecksum(const uint8_t* payload, uint32_t length) {
  return hash::xxh64(payload, length, length);
}

// The payload length of a whole, intact record at `at`, or -1.
int64_t recordAt(const uint8_t* data, size_t size, size_t at) {
  if (size - at < kWalRecordHeaderSize) return -1;
  const uint8_t* h = data + at;
  if (std::memcmp(h, kRecordMagic, 4) != 0) return -1;
  uint32_t length = read32(h + 4);
  if (length > size - at - kWalRecordHeaderSize || length < 8) return -1;
  if (recordChecksum(h + kWalRecordHeaderSize, length) != read64(h + 8)) return -1;
  return length;
}

// The first intact record after `at`, or 0.
size_t nextRecordAfter(const uint8_t* data, size_t size, size_t at) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  for (size_t q = all.find(std::string_view(kRecordMagic, 4), at + 1); q != std::string_view::npos;
       q = all.find(std::string_view(kRecordMagic, 4), q + 1))
    if (recordAt(data, size, q) >= 0) return q;
  return 0;
}

std::string plural(uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string walPathOf(const std::string& dbPath) {
  return dbPath + ".wal";
}

uint64_t graphFileIdentity(const std::string& dbPath) {
  int fd = ::open(dbPath.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fileError(ErrorKind::IOError, dbPath, "cannot open: " + graph_file::errnoText());
  graph_file::FileHandle h(fd);
  uint8_t header[graph_file::kHeaderSize];
  if (::pread(fd, header, sizeof header, 0) != static_cast<ssize_t>(sizeof header) ||
      std::memcmp(header, graph_file::kMagic.data(), 8) != 0)
    fileError(ErrorKind::LoadError, dbPath, "not a silkgraph database file (header unreadable)");
  return read64(header + 56);
}

std::string walHeader(uint64_t base) {
  std::string h(kWalHeaderSize, '\0');
  auto* p = reinterpret_cast<uint8_t*>(h.data());
  std::memcpy(p, kWalMagic, 8);
  put32(p + 8, kWalVersion);
  put32(p + 12, kWalHeaderSize);
  put64(p + 16, base);
  put64(p + 24, hash::xxh64(p, 24, 0));
  return h;
}

std::string walRecord(const std::string& payload) {
  std::string r(kWalRecordHeaderSize, '\0');
  auto* p = reinterpret_cast<uint8_t*>(r.data());
  auto length = static_cast<uint32_t>(payload.size());
  std::memcpy(p, kRecordMagic, 4);
  put32(p + 4, length);
  put64(p + 8, recordChecksum(reinterpret_cast<const uint8_t*>(payload.data()), length));
  r += payload;
  return r;
}

WalReplayReport replayWal(const uint8_t* data, size_t size, uint64_t base, Graph& graph,
                          const std::string& path) {
  WalReplayReport rep;
  if (size == 0) return rep;
  const bool headerOk = size >= kWalHeaderSize && std::memcmp(data, kWalMagic, 5) == 0 &&
                        read64(data + 24) == hash::xxh64(data, 24, 0);
  if (!headerOk) {
    if (nextRecordAfter(data, size, 0) != 0)
      fileError(ErrorKind::LoadError, path,
                "the log's header is damaged but records follow it; the log cannot be trusted "
                "(move it aside to open the database file as of its last checkpoint)");
    rep.droppedBytes = size;
    rep.warnings.push_back("the log's header is incomplete (" + plural(size, "byte", "bytes") +
                           ", a log being created when the process stopped); ignored it");
    return rep;
  }
  if (std::memcmp(data, kWalMagic, 8) != 0 || read32(data + 8) != kWalVersion ||
      read32(data + 12) != kWalHeaderSize)
    fileError(ErrorKind::LoadError, path,
              "the log was written by another version of silkgraph (log version " +
                  std::to_string(read32(data + 8)) + ", this one reads " +
                  std::to_string(kWalVersion) + ")");
  rep.headerValid = true;
  rep.validEnd = kWalHeaderSize;
  if (read64(data + 16) != base) {
    rep.stale = true;
    if (size > kWalHeaderSize)
      rep.warnings.push_back(
          "the log follows an earlier version of the database file (a checkpoint had already "
          "put the new file in place when it stopped); ignored its " +
          plural(size - kWalHeaderSize, "byte", "bytes"));
    return rep;
  }
  size_t at = kWalHeaderSize;
  while (at < size) {
    int64_t length = recordAt(data, size, at);
    if (length < 0) {
      if (size_t q = nextRecordAfter(data, size, at); q != 0)
        fileError(ErrorKind::LoadError, path,
                  "the log is damaged in the middle: the record at byte " + std::to_string(at) +
                      " is corrupt but a valid record follows at byte " + std::to_string(q) + " (" +
                      plural(rep.statements, "statement", "statements") + " before it are intact)");
      rep.droppedBytes = size - at;
      rep.warnings.push_back("recovered " + plural(rep.statements, "statement", "statements") +
                             "; dropped a torn or corrupt tail of " +
                             plural(rep.droppedBytes, "byte", "bytes") + " at byte " +
                             std::to_string(at) + " (a write cut short when the process stopped)");
      break;
    }
    const uint8_t* payload = data + at + kWalRecordHeaderSize;
    const std::string where =
        "record " + std::to_string(rep.statements + 1) + " at byte " + std::to_string(at);
    if (read64(payload) != rep.lastSequence + 1)
      fileError(ErrorKind::LoadError, path,
                "the log is out of order: " + where + " has sequence number " +
                    std::to_string(read64(payload)) + ", expected " +
                    std::to_string(rep.lastSequence + 1));
    rep.lastSequence = applyRedo(graph, payload, static_cast<size_t>(length), path, where);
    ++rep.statements;
    at += kWalRecordHeaderSize + static_cast<size_t>(length);
    rep.validEnd = at;
  }
  return rep;
}

}  // namespace silkgraph
