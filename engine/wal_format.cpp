// The write-ahead log's byte format (engine/wal.h): framing of the header and records, and
// replay of a log held in memory, which tells a torn tail (dropped, with a warning) from
// corruption in the middle (an error).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "common/hash.h"
#include "engine/graph_file_format.h"
#include "engine/wal.h"
#include "engine/wal_redo.h"
#include "engine/wal_strings.h"

namespace silkgraph {

using graph_file::fileError;
using graph_file::put32;
using graph_file::put64;
using graph_file::read32;
using graph_file::read64;

namespace {

constexpr char kWalMagic[8] = {'S', 'G', 'W', 'A', 'L', 0, 0, 0};
constexpr char kRecordMagic[4] = {'S', 'G', 'W', 'R'};
// Version 3 (2026-12-06): records in format kRedoStringIds. Version 2 logs (a 40-byte header
// with a salt) hold records in format kRedoTextStrings, and so do version 1 logs.
constexpr uint32_t kWalVersion = 3;
constexpr size_t kLegacyHeaderSize = 32;  // version 1: no salt, records keyed 0

uint64_t recordChecksum(uint64_t key, const uint8_t* payload, uint32_t length) {
  return hash::xxh64(payload, length, key ^ length);
}

// The payload length of a whole, intact record of the log keyed `key` at `at`, or -1. The
// checksum of a record that ends by `checked` was verified already (recordChecker).
int64_t recordAt(const uint8_t* data, size_t size, size_t at, uint64_t key, size_t checked = 0) {
  if (size - at < kWalRecordHeaderSize) return -1;
  const uint8_t* h = data + at;
  if (std::memcmp(h, kRecordMagic, 4) != 0) return -1;
  uint32_t length = read32(h + 4);
  if (length > size - at - kWalRecordHeaderSize || length < 8) return -1;
  if (at + kWalRecordHeaderSize + length > checked &&
      recordChecksum(key, h + kWalRecordHeaderSize, length) != read64(h + 8))
    return -1;
  return length;
}

// The first intact record after `at`, or 0.
size_t nextRecordAfter(const uint8_t* data, size_t size, size_t at, uint64_t key) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  for (size_t q = all.find(std::string_view(kRecordMagic, 4), at + 1); q != std::string_view::npos;
       q = all.find(std::string_view(kRecordMagic, 4), q + 1))
    if (recordAt(data, size, q, key) >= 0) return q;
  return 0;
}

// The end of the bytes from `at` on that are not zero (`at` when all are): what follows is
// space the writer preallocated and has not used yet.
size_t usedEnd(const uint8_t* data, size_t size, size_t at) {
  size_t end = size;
  while (end > at && (end - at) % 8 != 0 && data[end - 1] == 0) --end;
  while (end - at >= 8) {
    uint64_t word;
    std::memcpy(&word, data + end - 8, 8);
    if (word != 0) break;
    end -= 8;
  }
  while (end > at && data[end - 1] == 0) --end;
  return end;
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

uint64_t walKey(uint64_t base, uint64_t salt) {
  uint8_t b[16];
  put64(b, base);
  put64(b + 8, salt);
  return hash::xxh64(b, sizeof b, 0);
}

std::string walHeader(uint64_t base, uint64_t salt) {
  std::string h(kWalHeaderSize, '\0');
  auto* p = reinterpret_cast<uint8_t*>(h.data());
  std::memcpy(p, kWalMagic, 8);
  put32(p + 8, kWalVersion);
  put32(p + 12, kWalHeaderSize);
  put64(p + 16, base);
  put64(p + 24, salt);
  put64(p + 32, hash::xxh64(p, 32, 0));
  return h;
}

std::string walRecord(uint64_t key, const std::string& payload) {
  std::string r(kWalRecordHeaderSize, '\0');
  auto* p = reinterpret_cast<uint8_t*>(r.data());
  auto length = static_cast<uint32_t>(payload.size());
  std::memcpy(p, kRecordMagic, 4);
  put32(p + 4, length);
  put64(p + 8, recordChecksum(key, reinterpret_cast<const uint8_t*>(payload.data()), length));
  r += payload;
  return r;
}

size_t reframeWalRecords(uint8_t* data, size_t size, uint64_t key) {
  size_t at = 0;
  while (size - at >= kWalRecordHeaderSize && std::memcmp(data + at, kRecordMagic, 4) == 0) {
    const uint32_t length = read32(data + at + 4);
    if (length > size - at - kWalRecordHeaderSize) break;
    put64(data + at + 8, recordChecksum(key, data + at + kWalRecordHeaderSize, length));
    at += kWalRecordHeaderSize + length;
  }
  return at;
}

namespace {

// Checks the header at the start of `data` (whose checksum is valid) is one this build reads;
// false for a version 1 header (32 bytes, no salt).
bool currentHeader(const uint8_t* data, bool legacy, const std::string& path) {
  const uint32_t version = read32(data + 8);
  const size_t size = legacy ? kLegacyHeaderSize : kWalHeaderSize;
  const bool known = legacy ? version == 1 : version == 2 || version == kWalVersion;
  if (std::memcmp(data, kWalMagic, 8) != 0 || !known || read32(data + 12) != size)
    fileError(ErrorKind::LoadError, path,
              "the log was written by another version of silkgraph (log version " +
                  std::to_string(version) + ", this one reads 1 to " + std::to_string(kWalVersion) +
                  ")");
  return !legacy;
}

// After the last intact record at `at`: zeros to the end are the end of the log (space
// preallocated and not used yet). Other bytes are a torn or corrupt tail, dropped with a
// warning, unless an intact record follows them: damage in the middle, an error.
void endOfRecords(const uint8_t* data, size_t size, size_t at, uint64_t key,
                  const std::string& path, WalReplayReport& rep) {
  const size_t used = usedEnd(data, size, at);
  if (used == at) return;
  if (size_t q = nextRecordAfter(data, size, at, key); q != 0)
    fileError(ErrorKind::LoadError, path,
              "the log is damaged in the middle: the record at byte " + std::to_string(at) +
                  " is corrupt but a valid record follows at byte " + std::to_string(q) + " (" +
                  plural(rep.statements, "statement", "statements") + " before it are intact)");
  rep.droppedBytes = used - at;
  rep.warnings.push_back("recovered " + plural(rep.statements, "statement", "statements") +
                         "; dropped a torn or corrupt tail of " +
                         plural(rep.droppedBytes, "byte", "bytes") + " at byte " +
                         std::to_string(at) + " (a write cut short when the process stopped)");
}

}  // namespace

namespace {

// The first string id each record that added strings added, and the record ("record N at
// byte B"), in log order.
using StringsAdded = std::vector<std::pair<size_t, std::string>>;

// The strings the records added go into the dictionary's table; a text added although the
// dictionary held it already (the writer never adds one twice) is damage, named by record.
void checkStrings(Graph& graph, const StringsAdded& added, const std::string& path) {
  const uint32_t repeated = finishReplay(graph);
  if (repeated == UINT32_MAX) return;
  auto by = std::upper_bound(added.begin(), added.end(), size_t{repeated},
                             [](size_t id, const auto& a) { return id < a.first; });
  const std::string where = by == added.begin() ? "a record" : std::prev(by)->second;
  fileError(ErrorKind::LoadError, path,
            "the log is damaged: " + where + " adds string " + std::to_string(repeated) +
                ", whose text the database holds already");
}

// Replay of the log bytes at `data`: ready(n) waits until the first n of them can be read
// (fewer at the log's end) and says how many can; `expected` is the log's length as known at
// the start; applied(end) is told, now and then, the end of the records applied so far.
template <typename Ready, typename Checked, typename Applied>
WalReplayReport replayLog(const uint8_t* data, size_t expected, Ready ready, Checked checked,
                          Applied applied, uint64_t base, Graph& graph, const std::string& path,
                          LogStringIndex* strings) {
  WalReplayReport rep;
  constexpr size_t kAll = SIZE_MAX;
  size_t size = ready(kWalHeaderSize);
  if (size == 0) return rep;
  const bool magic = size >= kLegacyHeaderSize && std::memcmp(data, kWalMagic, 5) == 0;
  if (magic && std::memcmp(data, kWalMagic, 8) == 0 && read32(data + 8) > kWalVersion)
    currentHeader(data, false, path);  // a later version: says so
  const bool legacy = magic && read64(data + 24) == hash::xxh64(data, 24, 0);
  const bool current =
      magic && size >= kWalHeaderSize && read64(data + 32) == hash::xxh64(data, 32, 0);
  if (!legacy && !current) {
    // A header is written whole and flushed before anything follows it (a new log, or one
    // emptied by a checkpoint), so a damaged header with bytes after it is not a crash's doing.
    size = ready(kAll);
    if (usedEnd(data, size, std::min(size, kWalHeaderSize)) > kWalHeaderSize)
      fileError(ErrorKind::LoadError, path,
                "the log's header is damaged but records follow it; the log cannot be trusted "
                "(move it aside to open the database file as of its last checkpoint)");
    rep.droppedBytes = size;
    rep.warnings.push_back("the log's header is incomplete (" + plural(size, "byte", "bytes") +
                           ", a log being created when the process stopped); ignored it");
    return rep;
  }
  const bool v1 = !currentHeader(data, legacy, path);
  const size_t headerSize = v1 ? kLegacyHeaderSize : kWalHeaderSize;
  rep.headerValid = true;
  rep.validEnd = headerSize;
  if (read64(data + 16) != base) {
    rep.stale = true;
    size = ready(kAll);
    if (size_t used = usedEnd(data, size, headerSize); used > headerSize)
      rep.warnings.push_back(
          "the log follows an earlier version of the database file (a checkpoint had already "
          "put the new file in place when it stopped); ignored its " +
          plural(used - headerSize, "byte", "bytes"));
    return rep;
  }
  // Records are checksummed with a key of the file's identity and the log's salt, new at each
  // checkpoint: bytes of an earlier generation of the log never pass for records of this one.
  // Version 1 records have key 0 (seeded with their length alone), and so do those a writer
  // appends to such a log, until its next checkpoint starts a version 2 log.
  rep.key = v1 ? 0 : walKey(base, read64(data + 24));
  rep.format = !v1 && read32(data + 8) == kWalVersion ? kRedoStringIds : kRedoTextStrings;
  if (rep.format != kRedoStringIds) strings = nullptr;  // recordChecker indexed nothing
  size_t at = headerSize;
  constexpr size_t kReleaseEvery = size_t{4} << 20;
  size_t released = 0;
  // Every 4 MiB the strings added so far per byte project how many the whole log adds, and
  // the dictionary's table is made that large at once (stringsAhead; a GiB of log adds 18M
  // strings, a 256 MiB table; docs/benchmarks.md), unless the log's strings are indexed apart.
  const size_t stringsBefore = dictionaryStrings(graph);
  size_t projectedAt = headerSize;
  StringsAdded added;
  while ((size = ready(at + kWalRecordHeaderSize)) > at) {
    // The whole record, as long as its header says (a damaged length waits for the end).
    if (size - at >= kWalRecordHeaderSize)
      size = ready(at + kWalRecordHeaderSize + read32(data + at + 4));
    int64_t length = recordAt(data, size, at, rep.key, checked());
    if (length < 0) {
      endOfRecords(data, ready(kAll), at, rep.key, path, rep);
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
    const size_t stringsAt = dictionaryStrings(graph);
    rep.lastSequence =
        applyRedo(graph, payload, static_cast<size_t>(length), path, where, rep.format);
    ++rep.statements;
    if (dictionaryStrings(graph) != stringsAt) added.push_back({stringsAt, where});
    at += kWalRecordHeaderSize + static_cast<size_t>(length);
    rep.validEnd = at;
    if (at - released >= kReleaseEvery) applied(released = at);
    if (strings == nullptr && at - projectedAt >= kReleaseEvery && expected > at) {
      projectedAt = at;
      reserveDictionary(graph, stringsAhead(dictionaryStrings(graph) - stringsBefore,
                                            at - headerSize, expected - at));
    }
  }
  // The read has ended (the loop ended on a ready() that said so): the reading thread indexed
  // the strings of every record it passed.
  if (strings) adoptLogStrings(graph, *strings);
  checkStrings(graph, added, path);
  return rep;
}

}  // namespace

WalReplayReport replayWal(const uint8_t* data, size_t size, uint64_t base, Graph& graph,
                          const std::string& path) {
  return replayLog(
      data, size, [size](size_t) { return size; }, [] { return size_t{0}; }, [](size_t) {}, base,
      graph, path, nullptr);
}

WalReplayReport replayWal(LogBuffer& log, uint64_t base, Graph& graph, const std::string& path,
                          LogStringIndex* strings) {
  return replayLog(
      log.data(), log.expectedSize(), [&log](size_t n) { return log.ready(n); },
      [&log] { return log.checked(); }, [&log](size_t end) { log.release(end); }, base, graph, path,
      strings);
}

LogBuffer::Checker recordChecker(uint64_t base, std::shared_ptr<LogStringIndex> strings) {
  // Stopped at the first record that is not whole and intact once its bytes are all read.
  return [base, strings = std::move(strings), key = uint64_t{0}, started = false, stopped = false](
             const uint8_t* data, size_t read, size_t checked) mutable -> size_t {
    if (stopped) return checked;
    if (!started) {
      if (read < kWalHeaderSize || std::memcmp(data, kWalMagic, 8) != 0 ||
          read64(data + 16) != base) {
        stopped = read >= kWalHeaderSize;
        return 0;
      }
      const bool v1 = read32(data + 8) == 1 && read64(data + 24) == hash::xxh64(data, 24, 0);
      const bool current = read32(data + 8) > 1 && read64(data + 32) == hash::xxh64(data, 32, 0);
      if (!v1 && !current) {
        stopped = true;
        return 0;
      }
      key = v1 ? 0 : walKey(base, read64(data + 24));
      checked = v1 ? kLegacyHeaderSize : kWalHeaderSize;
      started = true;
      if (v1 || read32(data + 8) != kWalVersion) strings.reset();  // records of format 2
    }
    for (;;) {
      if (read - checked < kWalRecordHeaderSize ||
          read32(data + checked + 4) > read - checked - kWalRecordHeaderSize)
        return checked;  // not all read yet
      const int64_t length = recordAt(data, read, checked, key);
      if (length < 0) {
        stopped = true;
        return checked;
      }
      const size_t end = checked + kWalRecordHeaderSize + static_cast<size_t>(length);
      if (strings)
        strings->add(data + checked + kWalRecordHeaderSize, static_cast<size_t>(length), end);
      checked = end;
    }
  };
}

}  // namespace silkgraph
