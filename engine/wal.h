// Write-ahead log of a database file (docs/storage.md, "Write-ahead log"): DB.sg.wal holds the
// redo records (engine/wal_redo.h) of the transactions committed since the last checkpoint,
// each checksummed and flushed before its statement reports success.
//
// Layout: a 40-byte header (magic "SGWAL\0\0\0", version u32, header size u32, the identity of
// the database file the log follows (the XXH64 its header ends with), a salt drawn at random
// for each generation of the log, XXH64 of the first 32 bytes), then records: magic "SGWR",
// payload length u32, XXH64 of the payload seeded with the log's key (walKey: identity and
// salt) xor its length, the payload (whose first u64 is the record's sequence number, 1, 2,
// ...). The writer preallocates the file in zeroed chunks, so zeros after the last record are
// the end of the log and the file's size says nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/graph.h"
#include "engine/schema.h"

namespace silkgraph {

class LogStringIndex;

constexpr size_t kWalHeaderSize = 40;
constexpr size_t kWalRecordHeaderSize = 16;

// A log read into memory: one buffer for the whole replay, sized from the file and read into
// directly (common/huge_pages.h: huge pages for a large log). readInBackground reads it on a
// thread of its own while replay applies the records already read (ready() waits for more):
// the reading, and the first writes to the buffer's fresh pages (on a virtual machine the
// costliest part of reading a large log), overlap the replay on a second core, and the pages
// replay gives back (release) are the ones the graph it builds then takes.
class LogBuffer {
 public:
  LogBuffer();
  ~LogBuffer();
  LogBuffer(LogBuffer&& o) noexcept;
  LogBuffer& operator=(LogBuffer&& o) noexcept;
  LogBuffer(const LogBuffer&) = delete;
  LogBuffer& operator=(const LogBuffer&) = delete;

  const uint8_t* data() const { return data_; }
  // The bytes read so far (all of them once a read has ended).
  size_t size() const;
  // Reads the open file `fd` from its start to its end; false with errno set on an error.
  bool readFile(int fd);
  // Checks what is read, on the reading thread (recordChecker: the records' checksums): given
  // the bytes read so far and the end of those checked before, returns the end of those
  // checked now.
  using Checker = std::function<size_t(const uint8_t* data, size_t read, size_t checked)>;
  // Work that either thread may do, a piece at a time (LogStringIndex::chore), told when it
  // is asked: by the thread calling ready() while it would wait (Waiting), by the reading
  // thread after each piece of the read (BetweenPieces) and then until none is left once the
  // read has ended (ReadEnded, before ready() says so). Returns false when it did nothing
  // (none left for now, or the other thread is doing one).
  enum class ChoreTime { Waiting, BetweenPieces, ReadEnded };
  using Chore = std::function<bool(ChoreTime)>;
  // Starts reading the file `fd` (which the buffer owns and closes from now on), from its start
  // to its length now, on a thread of its own; `path` names it in errors. A writer that appends
  // meanwhile adds records after that length: they belong to a later state of the database.
  // With a `check`, each piece is checked before ready() hands it out.
  void readInBackground(int fd, const std::string& path, Checker check = nullptr,
                        Chore chore = nullptr);
  // The end of the bytes `check` has passed, as far as ready() handed them out (0 without).
  size_t checked() const;
  // The length to be read (the whole file's for readFile, once done).
  size_t expectedSize() const { return expected_; }
  // Waits until the first n bytes are read, or the read has ended; returns how many bytes are
  // read (fewer than n only at the end). Throws Error{IOError} naming the file if it failed.
  size_t ready(size_t n);
  // Gives the memory of the bytes before `end` back to the system (they read as zeros after):
  // replay calls it as it goes, so the graph it builds reuses the pages of the records
  // already applied instead of faulting in fresh ones (docs/benchmarks.md, "Recovery of the
  // write-ahead log").
  void release(size_t end);

 private:
  struct Reader;
  void reserve(size_t n);
  void stop() noexcept;
  uint8_t* data_ = nullptr;
  size_t size_ = 0;  // of a read in this thread (readFile)
  size_t expected_ = 0;
  size_t capacity_ = 0;
  size_t released_ = 0;             // release() gave back the pages before this
  std::unique_ptr<Reader> reader_;  // a read in the background, until it is stopped
};

// DB.sg -> DB.sg.wal
std::string walPathOf(const std::string& dbPath);

// The identity of a database file: the checksum its header ends with. Throws Error{IOError}.
uint64_t graphFileIdentity(const std::string& dbPath);

struct WalReplayReport {
  uint64_t statements = 0;    // records applied
  uint64_t lastSequence = 0;  // of the last record applied (0: none)
  size_t validEnd = 0;        // bytes of header and whole records: where the next append goes
  size_t droppedBytes = 0;    // a torn or corrupt tail that was ignored
  bool headerValid = false;   // false: empty, torn while being created, or unreadable
  bool stale = false;         // the log follows another version of the database file
  uint64_t key = 0;           // the checksum key of its records (walKey; 0 in a version 1 log)
  uint32_t format = 3;        // of its records (engine/wal_redo.h: kRedoStringIds in a new log)
  std::vector<std::string> warnings;  // for the user: what was dropped or ignored
};

// Replays the log bytes `data` onto `graph`, the content of the database file whose identity
// is `base`. A torn or corrupt tail (nothing valid after it) is dropped with a warning;
// corruption followed by a valid record, a record out of sequence or one that does not fit the
// graph throws Error{LoadError} naming `path` and the byte offset. A log that follows another
// version of the file (`stale`: a checkpoint finished renaming but not truncating) is ignored
// with a warning. This is also the fuzzing entry point of the log format.
WalReplayReport replayWal(const uint8_t* data, size_t size, uint64_t base, Graph& graph,
                          const std::string& path);
// The same of a log being read (LogBuffer::readInBackground: each record is applied once it is
// read) or read already; the pages of the records applied are given back as it goes
// (LogBuffer::release). `strings`: the index of the log's strings that the reading thread's
// recordChecker builds, which the graph's dictionary takes over at the end.
WalReplayReport replayWal(LogBuffer& log, uint64_t base, Graph& graph, const std::string& path,
                          LogStringIndex* strings = nullptr);

// A LogBuffer::Checker for the log of the database file with identity `base`: the end of the
// whole records from the start whose checksums are right (replay then checks no more of
// them). It stops at the first record that is not (replay finds it again and says what).
// With `strings`, the strings of the records of a version 3 log are indexed there too, on the
// reading thread (engine/wal_strings.h).
LogBuffer::Checker recordChecker(uint64_t base, std::shared_ptr<LogStringIndex> strings = nullptr);

// The checksum key of the records of a log with header fields `base` and `salt`.
uint64_t walKey(uint64_t base, uint64_t salt);
// The header of an empty log following the database file with identity `base`.
std::string walHeader(uint64_t base, uint64_t salt);
// One framed record around `payload`, for the log with key `key`.
std::string walRecord(uint64_t key, const std::string& payload);
// Recomputes the checksums of the records framed in `data` (from its start, while they are
// whole) for the key `key`; returns where the last one ends. For fuzzing and tests.
size_t reframeWalRecords(uint8_t* data, size_t size, uint64_t key);

// The log file of a database opened for writing. Holds an exclusive flock on DB.sg.wal for
// its life, so a second writer fails at once with the holder's pid.
class WriteAheadLog {
 public:
  // Creates or opens DB.sg.wal and locks it. Throws Error{IOError} naming the database file
  // when another process holds it ("opened for writing by pid N").
  explicit WriteAheadLog(const std::string& dbPath);
  ~WriteAheadLog();
  WriteAheadLog(const WriteAheadLog&) = delete;
  WriteAheadLog& operator=(const WriteAheadLog&) = delete;

  const std::string& path() const { return path_; }
  // The log's bytes, read on a thread of their own (LogBuffer::readInBackground) and checked
  // there with `check`; `chore` as readInBackground's.
  LogBuffer readAll(LogBuffer::Checker check, LogBuffer::Chore chore = nullptr) const;
  // Bytes of header and records: where the next record goes (the file may be longer).
  uint64_t size() const { return size_; }
  // Records appended since the last reset.
  bool empty() const { return size_ <= kWalHeaderSize; }
  // The format its records are written in (engine/wal_redo.h): the one of the log resumed,
  // until a reset starts a log of the current version.
  uint32_t recordFormat() const { return format_; }
  // After replay (`rep`, a valid header of this version that follows the file): appends go
  // after its last whole record; a torn tail is cut off the file first (and flushed).
  void resume(const WalReplayReport& rep);
  // Empties the log for the database file with identity `base`: truncated to its header
  // (which still names the old file, so a crash now leaves a stale, ignored log), flushed,
  // then the new header, with a new salt, written and flushed. A log file that is still
  // empty (new) stays so until the first append writes and flushes the header: a process
  // that commits nothing neither writes nor flushes its log.
  void reset(uint64_t base);
  // Appends one record and flushes it (fdatasync). When the record does not fit in the space
  // already zeroed, the file grows by a chunk of zeros written with it (64 KiB, doubling up
  // to 4 MiB), so most commits overwrite blocks the file has and the flush carries data only,
  // not the file's new size. On failure the log is cut back to where it was and
  // Error{IOError} is thrown; if even that fails the log refuses further appends.
  void append(const std::string& payload);
  // At a clean close after a checkpoint: removes DB.sg.wal (still locked, so no writer can
  // have opened it meanwhile).
  void remove();

 private:
  // Cuts the file to `end` and flushes it.
  void truncate(size_t end);

  std::string dbPath_;
  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;       // where the next record goes
  uint64_t allocated_ = 0;  // the file's length: zeros from size_ on
  uint64_t key_ = 0;        // the records' checksum key
  uint32_t format_ = 3;     // the records' format (kRedoStringIds)
  bool broken_ = false;
  std::string owedHeader_;  // the header of an empty log file, written before its first record
};

// A database file read, with its log replayed onto it.
struct DatabaseSnapshot {
  uint64_t base = 0;       // the file's identity
  RelId relsInFile = 0;    // the relationship ids the file had (replay may add more)
  WalReplayReport replay;  // of the log
};

// Reads the database file at `dbPath` into graph/schema and replays its log onto it (from
// `wal` when this process holds it, else DB.sg.wal if it exists), the log read on a thread of
// its own while replay applies it. Without the lock a concurrent writer's checkpoint may
// replace the file and empty the log meanwhile: the file's identity is read before and after
// the file and again once the whole log is read, and everything is read again (with a short
// pause, up to 50 times, then a clear error) until no checkpoint came between, so the file
// and the log belong together. Throws like readGraphFile and replayWal.
DatabaseSnapshot readDatabaseSnapshot(const std::string& dbPath, const WriteAheadLog* wal,
                                      Graph& graph, Schema& schema);

// Reads a database file and replays its log, if any, without changing either (the loaders'
// way to open DB.sg as data). Throws like readGraphFile and replayWal.
WalReplayReport readGraphFileWithLog(const std::string& dbPath, Graph& graph, Schema& schema);

// Temporary files a killed writer left beside the database file (DB.sg.tmp.PID.N whose PID is
// no longer running) are removed; returns a message for each one removed or left (in use).
std::vector<std::string> cleanLeftoverTemps(const std::string& dbPath);

}  // namespace silkgraph
