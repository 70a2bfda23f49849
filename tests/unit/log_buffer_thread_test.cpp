// LogBuffer::readInBackground (engine/wal.h): the log read on a thread of its own while replay
// applies what is read. ready() hands out the bytes as the file has them, in order; a read
// stopped half-way (the buffer dropped) ends at once; a failed read is an error naming the log;
// and a database opened while its log is read this way is the one replayed from memory, also
// while a writer checkpoints (tests/unit/wal_test.cpp has the rest of the log's tests).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/graph_file.h"
#include "engine/wal.h"
#include "main/database.h"
#include "temp_files.h"

namespace silkgraph {
namespace {

using testing::readBytes;
using testing::TempDir;
using testing::writeBytes;

std::string randomBytes(size_t n, uint64_t seed) {
  std::string bytes(n, '\0');
  std::mt19937_64 random(seed);
  for (char& c : bytes) c = static_cast<char>(random());
  return bytes;
}

LogBuffer readingInBackground(const std::string& path) {
  LogBuffer log;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  EXPECT_GE(fd, 0);
  log.readInBackground(fd, path);
  return log;  // moved: the thread reads on into the same memory
}

TEST(LogBufferThreadTest, ReadyHandsOutTheFileInOrder) {
  TempDir dir("sg-logbuf");
  const std::string path = dir / "log";
  // Several pieces of 4 MiB and a part of one.
  const std::string bytes = randomBytes((size_t{13} << 20) + 4567, 3);
  writeBytes(path, bytes);
  LogBuffer log = readingInBackground(path);
  EXPECT_EQ(log.expectedSize(), bytes.size());
  size_t checked = 0;
  for (size_t n : {size_t{1}, size_t{40}, size_t{5} << 20, (size_t{9} << 20) + 1, bytes.size()}) {
    const size_t have = log.ready(n);
    ASSERT_GE(have, n);
    ASSERT_LE(have, bytes.size());
    ASSERT_EQ(std::memcmp(log.data() + checked, bytes.data() + checked, have - checked), 0) << n;
    checked = have;
    log.release(checked / 2);  // replay gives back what it applied; later bytes stay
  }
  EXPECT_EQ(log.ready(SIZE_MAX), bytes.size()) << "past the end: all of it, and no wait";
  EXPECT_EQ(log.size(), bytes.size());
}

TEST(LogBufferThreadTest, AnEmptyFileIsReadyAtOnce) {
  TempDir dir("sg-logbuf");
  writeBytes(dir / "log", "");
  LogBuffer log = readingInBackground(dir / "log");
  EXPECT_EQ(log.ready(SIZE_MAX), 0u);
  EXPECT_EQ(log.size(), 0u);
}

// Dropping the buffer (an error in replay, say) stops the reading thread and waits for it; a
// buffer assigned over one being read does the same first.
TEST(LogBufferThreadTest, ABufferDroppedWhileReadingStopsItsThread) {
  TempDir dir("sg-logbuf");
  const std::string path = dir / "log";
  writeBytes(path, randomBytes(size_t{64} << 20, 5));
  for (int i = 0; i < 4; ++i) {
    LogBuffer log = readingInBackground(path);
    if (i % 2 == 0) log.ready(1);
  }
  LogBuffer log = readingInBackground(path);
  log = readingInBackground(path);
  EXPECT_EQ(log.ready(SIZE_MAX), size_t{64} << 20);
}

TEST(LogBufferThreadTest, AFailedReadIsAnErrorNamingTheLog) {
  TempDir dir("sg-logbuf");
  // A directory opens for reading, but reading it fails (EISDIR).
  int fd = ::open(dir.path().c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  LogBuffer log;
  log.readInBackground(fd, dir / "db.sg.wal");
  try {
    log.ready(SIZE_MAX);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::IOError);
    EXPECT_EQ(e.file(), dir / "db.sg.wal");
    EXPECT_NE(std::string(e.what()).find("cannot read the log"), std::string::npos) << e.what();
  }
}

// A chore runs on the thread waiting in ready() while bytes are missing, and on the reading
// thread between pieces and once the read has ended, before ready() says so: when the last byte is
// handed out, every piece of work is done, by one thread or the other, each piece once.
TEST(LogBufferThreadTest, ChoresRunOnEitherThreadBeforeTheEnd) {
  TempDir dir("sg-logbuf");
  const std::string path = dir / "log";
  const std::string bytes = randomBytes((size_t{17} << 20) + 99, 5);
  writeBytes(path, bytes);
  constexpr int kPieces = 2000;
  std::atomic<int> next{0}, done{0}, byReader{0};
  const std::thread::id replaying = std::this_thread::get_id();
  LogBuffer log;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  log.readInBackground(fd, path, nullptr, [&](LogBuffer::ChoreTime when) {
    if (next.fetch_add(1) >= kPieces) return false;
    const bool reading = std::this_thread::get_id() != replaying;
    EXPECT_EQ(reading, when != LogBuffer::ChoreTime::Waiting);
    if (reading) byReader.fetch_add(1);
    std::this_thread::sleep_for(std::chrono::microseconds(20));
    done.fetch_add(1);
    return true;
  });
  size_t have = 0;
  while (have < bytes.size()) have = log.ready(have + (size_t{1} << 20));
  EXPECT_EQ(log.ready(SIZE_MAX), bytes.size());
  EXPECT_EQ(done.load(), kPieces) << byReader.load() << " by the reading thread";
  EXPECT_EQ(std::memcmp(log.data(), bytes.data(), bytes.size()), 0);
}

// recordChecker passes whole records with right checksums from the start, waits at a record
// not read whole yet, and stops for good at one whose checksum is wrong (replay then checks
// that one itself and says what is wrong with it).
TEST(LogBufferThreadTest, RecordCheckerPassesWholeIntactRecordsOnly) {
  const uint64_t base = 77, salt = 5;
  std::string log = walHeader(base, salt);
  std::vector<size_t> ends;
  for (int i = 0; i < 3; ++i) {
    log += walRecord(walKey(base, salt), std::string(100 + i, static_cast<char>('a' + i)));
    ends.push_back(log.size());
  }
  const auto* data = reinterpret_cast<const uint8_t*>(log.data());
  EXPECT_EQ(recordChecker(base)(data, log.size(), 0), ends[2]);
  EXPECT_EQ(recordChecker(base + 1)(data, log.size(), 0), 0u) << "another file's log";
  LogBuffer::Checker check = recordChecker(base);
  EXPECT_EQ(check(data, 20, 0), 0u) << "the header not read whole";
  const size_t part = check(data, ends[1] + 30, 0);
  EXPECT_EQ(part, ends[1]) << "the third record not read whole";
  EXPECT_EQ(check(data, log.size(), part), ends[2]);
  std::string bad = log;
  bad[ends[0] + 20] ^= 1;  // the second record's payload
  const auto* badData = reinterpret_cast<const uint8_t*>(bad.data());
  LogBuffer::Checker stops = recordChecker(base);
  EXPECT_EQ(stops(badData, bad.size(), 0), ends[0]);
  EXPECT_EQ(stops(data, log.size(), ends[0]), ends[0]) << "stopped, even if the bytes change";
}

// A log of several pieces: the database opened while it is read in the background is the one
// its bytes give when replayed from memory.
TEST(LogBufferThreadTest, ReplayWhileReadingGivesTheGraphOfTheBytes) {
  TempDir dir("sg-logbuf");
  const std::string path = dir / "db.sg", copy = dir / "copy.sg";
  {
    Database db;
    db.open(path);
    db.setCheckpointSize(UINT64_MAX);
    for (int i = 0; i < 12; ++i)
      db.execute(
          "UNWIND range($from, $from + 9999) AS i CREATE (:N {i: i, s: 'text of node ' + "
          "toString(i)})",
          {{"from", Value(int64_t{i} * 10000)}});
    writeBytes(copy, readBytes(path));
    writeBytes(copy + ".wal", readBytes(path + ".wal"));
  }  // closing checkpoints the original; the copy keeps its log
  const std::string log = readBytes(copy + ".wal");
  ASSERT_GT(log.size(), size_t{8} << 20);

  Database opened;
  OpenReport r = opened.open(copy, OpenOptions{true});
  EXPECT_EQ(r.recoveredStatements, 12u);
  EXPECT_TRUE(r.warnings.empty());

  Graph replayed;
  Schema schema;
  readGraphFile(copy, replayed, schema);
  WalReplayReport rep = replayWal(reinterpret_cast<const uint8_t*>(log.data()), log.size(),
                                  graphFileIdentity(copy), replayed, copy + ".wal");
  EXPECT_EQ(rep.statements, 12u);
  ASSERT_EQ(opened.graph().nodeCount(), replayed.nodeCount());
  EXPECT_EQ(opened.graph().nodeCount(), 120000u);
  const QueryResult sums =
      opened.execute("MATCH (n:N) RETURN sum(n.i) AS s, count(DISTINCT n.s) AS d");
  EXPECT_EQ(sums.rows[0][0].asInt(), int64_t{119999} * 120000 / 2);
  EXPECT_EQ(sums.rows[0][1].asInt(), 120000);
  const KeyId s = replayed.keyId("s");
  for (NodeId n : {NodeId{0}, NodeId{77777}, NodeId{119999}})
    EXPECT_EQ(opened.graph().nodeProperty(n, s).asString(), replayed.nodeProperty(n, s).asString());
}

// Readers open while a writer commits and checkpoints (with the log read on the readers'
// threads): each sees a whole snapshot, never an error, never fewer nodes than the one before.
TEST(LogBufferThreadTest, ReadersDuringCheckpointsSeeWholeSnapshots) {
  TempDir dir("sg-logbuf");
  const std::string path = dir / "db.sg";
  Database writer;
  writer.open(path);
  std::atomic<bool> done{false};
  std::thread w([&] {
    for (int i = 0; i < 40; ++i) {
      writer.execute("UNWIND range(1, 50) AS k CREATE (:N {i: $i, k: k})",
                     {{"i", Value(int64_t{i})}});
      if (i % 4 == 0) writer.checkpoint();
    }
    done = true;
  });
  size_t seen = 0;
  while (!done) {
    Database reader;
    reader.open(path, OpenOptions{true});
    const size_t n = reader.graph().nodeCount();
    EXPECT_GE(n, seen);
    EXPECT_EQ(n % 50, 0u) << "a statement's nodes come all together";
    seen = n;
  }
  w.join();
}

}  // namespace
}  // namespace silkgraph
