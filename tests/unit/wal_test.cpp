// Write-ahead log (engine/wal.h, main/database_storage.cpp): what a process commits is there
// when the next one opens the file, replay gives back exactly the graph that was written,
// torn tails are dropped and mid-log damage refused, one writer at a time, transactions.
#include "engine/wal.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <span>
#include <string>
#include <thread>

#include "common/hash.h"
#include "engine/graph_file.h"
#include "engine/wal_redo.h"
#include "main/database.h"
#include "temp_files.h"

namespace silkgraph {
namespace {

using testing::readBytes;
using testing::TempDir;
using testing::writeBytes;

// Every node and relationship with its id, labels/type and properties, in id order.
std::string dump(Database& db) {
  std::string out = "limits " + std::to_string(db.graph().nodeIdLimit()) + " " +
                    std::to_string(db.graph().relIdLimit()) + "\n";
  auto rows = [&](const char* q) {
    QueryResult r = db.execute(q);
    for (const auto& row : r.rows) {
      for (const Value& v : row) out += v.toCypherLiteral() + " | ";
      out += "\n";
    }
  };
  rows("MATCH (n) RETURN id(n), labels(n), properties(n) ORDER BY id(n)");
  rows("MATCH (a)-[r]->(b) RETURN id(r), id(a), type(r), id(b), properties(r) ORDER BY id(r)");
  return out;
}

// The database file and its log as a crash would leave them: copied while `db` is open.
void copyAsCrashed(const std::string& from, const std::string& to) {
  writeBytes(to, readBytes(from));
  writeBytes(to + ".wal", readBytes(from + ".wal"));
}

TEST(Wal, CreateInOneProcessReadInTheNext) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg";
  {
    Database db;
    OpenReport r = db.open(path);
    EXPECT_TRUE(r.created);
    db.execute("CREATE (:Nation {id: 'XKX', name: 'Kosovo'})");
    EXPECT_GT(db.logBytes(), kWalHeaderSize);
  }
  EXPECT_FALSE(std::filesystem::exists(path + ".wal")) << "a clean close checkpoints";
  Database again;
  again.open(path);
  QueryResult r = again.execute("MATCH (n:Nation) RETURN n.name");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].asString(), "Kosovo");
}

// A process that only reads a database writes and flushes nothing of its log (the file stays
// empty, and goes at the close); its first commit writes the header, flushed, then the record.
// A crash at either point leaves a log the next open takes without a warning.
TEST(Wal, ALogIsWrittenOnlyFromTheFirstCommit) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg";
  {
    Database db;
    db.open(path);
    db.execute("CREATE (:Nation {id: 'A'})");
  }
  auto count = [](const std::string& file, size_t recovered) {
    Database db;
    OpenReport r = db.open(file);
    EXPECT_EQ(r.recoveredStatements, recovered) << file;
    EXPECT_TRUE(r.warnings.empty()) << file << ": " << r.warnings.front();
    return db.execute("MATCH (n:Nation) RETURN count(n)").rows.at(0).at(0).asInt();
  };
  {
    Database db;
    db.open(path);
    EXPECT_EQ(db.execute("MATCH (n) RETURN count(n)").rows.at(0).at(0).asInt(), 1);
    EXPECT_EQ(std::filesystem::file_size(path + ".wal"), 0u) << "reading writes no log";
    copyAsCrashed(path, dir / "read.sg");
    db.execute("CREATE (:Nation {id: 'B'})");
    EXPECT_GT(std::filesystem::file_size(path + ".wal"), kWalHeaderSize);
    copyAsCrashed(path, dir / "wrote.sg");
    db.execute("CREATE (:Nation {id: 'C'})");
  }
  EXPECT_FALSE(std::filesystem::exists(path + ".wal")) << "a clean close removes the log";
  EXPECT_EQ(count(dir / "read.sg", 0), 1);
  EXPECT_EQ(count(dir / "wrote.sg", 1), 2);
  EXPECT_EQ(count(path, 0), 3);
}

TEST(Wal, ReplayGivesBackTheSameGraph) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg", copy = dir / "copy.sg";
  Database db;
  db.open(path);
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    const int a = static_cast<int>(rng() % 40), b = static_cast<int>(rng() % 40);
    Params p{{"a", Value(int64_t{a})},
             {"b", Value(int64_t{b})},
             {"v", Value(static_cast<double>(rng() % 1000) / 8)}};
    switch (rng() % 8) {
      case 0:
      case 1:
        db.execute("MERGE (n:P {id: $a}) SET n.v = $v, n.tags = ['x', toString($b)]", p);
        break;
      case 2:
        db.execute("MATCH (a:P {id: $a}), (b:P {id: $b}) CREATE (a)-[:K {w: $v}]->(b)", p);
        break;
      case 3:
        db.execute("MATCH (a:P {id: $a}) DETACH DELETE a", p);
        break;
      case 4:
        db.execute("MATCH (a:P {id: $a}) SET a:Q REMOVE a.tags", p);
        break;
      case 5:
        db.execute("MATCH (a:P {id: $a})-[r:K]->() SET r.w = r.w + 1, r.note = 'n'", p);
        break;
      case 6:
        db.execute("MATCH (a:Q {id: $a}) REMOVE a:Q SET a.d = date('2024-02-29')", p);
        break;
      default:
        db.execute("CREATE (x:Tmp)-[:T]->(y:Tmp) WITH x, y DETACH DELETE x, y", p);
        break;
    }
    if (i == 150) db.checkpoint();  // later records follow the rewritten file
  }
  copyAsCrashed(path, copy);
  Database replayed;
  OpenReport r = replayed.open(copy, OpenOptions{true});
  EXPECT_GT(r.recoveredStatements, 50u);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(dump(replayed), dump(db));
}

// A log past 4 MiB (read into one huge-page buffer, whose pages replay gives back every 4 MiB
// of records applied; the dictionary's index and the columns grow by remapping) whose string
// values are interned straight from the records, and strings
// of a key (replayed through a Value, which keeps the key index): the same graph, the key
// found through its index.
TEST(Wal, LargeLogOfStringsReplaysTheSameGraph) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg", copy = dir / "copy.sg";
  Database db;
  db.open(path);
  db.setCheckpointSize(UINT64_MAX);
  db.execute("CREATE CONSTRAINT item_code FOR (n:Coded) REQUIRE n.code IS UNIQUE");
  PreparedQuery create = db.prepare(
      "UNWIND range($from, $from + 999) AS i "
      "CREATE (:Item {id: i, name: 'item ' + toString(i), tag: 't' + toString(i % 7)})");
  for (int64_t from = 0; from < 100'000; from += 1000) db.execute(create, {{"from", Value(from)}});
  db.execute("UNWIND range(1, 500) AS i CREATE (:Coded {code: 'c' + toString(i), n: i})");
  db.execute("MATCH (n:Item) WHERE n.id % 1000 = 0 SET n.name = n.name + '!', n.tag = 1");
  EXPECT_GT(db.logBytes(), uint64_t{4} << 20);
  copyAsCrashed(path, copy);
  Database replayed;
  OpenReport r = replayed.open(copy, OpenOptions{true});
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(dump(replayed), dump(db));
  QueryResult found = replayed.execute("MATCH (n:Coded {code: 'c250'}) RETURN n.n AS n");
  ASSERT_EQ(found.rows.size(), 1u);
  EXPECT_EQ(found.rows[0][0].asInt(), 250);
}

// LogBuffer::release gives back the pages before a point and leaves every byte after it as
// the file has it (replay reads on from there).
TEST(Wal, ReleasedLogBufferKeepsTheBytesAfter) {
  TempDir dir("sg-wal");
  const std::string path = dir / "log";
  std::string bytes(size_t{9} << 20, '\0');  // past huge_pages::kMinBytes: a mapping of its own
  std::mt19937_64 random(7);
  for (char& c : bytes) c = static_cast<char>(random());
  {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  LogBuffer log;
  ASSERT_TRUE(log.readFile(fd));
  ::close(fd);
  ASSERT_EQ(log.size(), bytes.size());
  for (size_t end : {size_t{5000}, size_t{4} << 20, (size_t{4} << 20) + 123, size_t{6} << 20}) {
    log.release(end);
    ASSERT_EQ(std::memcmp(log.data() + end, bytes.data() + end, bytes.size() - end), 0) << end;
  }
  LogBuffer moved = std::move(log);
  moved.release(bytes.size() - 1);
  EXPECT_EQ(moved.data()[bytes.size() - 1], static_cast<uint8_t>(bytes.back()));
}

// Every cut inside the last records, in a log that grew to the cut and in one preallocated
// (the bytes after the cut zeros, as a crash in the middle of a chunk leaves it): the whole
// records before the cut are recovered, the rest dropped with a warning saying how much.
TEST(Wal, TornTailAtEveryByteOffset) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg", copy = dir / "copy.sg";
  Database db;
  db.open(path);
  std::vector<size_t> ends;
  for (int i = 0; i < 4; ++i) {
    db.execute("CREATE (:N {i: $i, s: 'text " + std::to_string(i) + "'})",
               {{"i", Value(int64_t{i})}});
    ends.push_back(db.logBytes());
  }
  const std::string sg = readBytes(path), file = readBytes(path + ".wal");
  ASSERT_GT(file.size(), ends.back()) << "zeros preallocated after the records";
  EXPECT_EQ(file.find_first_not_of('\0', ends.back()), std::string::npos);
  const std::string wal = file.substr(0, ends.back());
  for (size_t cut = ends[1]; cut <= wal.size(); ++cut) {
    const bool zeros = cut % 2 == 1;
    writeBytes(copy, sg);
    writeBytes(copy + ".wal",
               wal.substr(0, cut) + std::string(zeros ? file.size() - cut : 0, '\0'));
    // With zeros after the cut, the cut is in effect where the next byte that is not zero was.
    const size_t at = zeros ? std::min(wal.find_first_not_of('\0', cut), wal.size()) : cut;
    size_t whole = 0;
    while (whole < ends.size() && ends[whole] <= at) ++whole;
    // Read-only mostly (no flushes); read-write now and then: the torn tail is cut off the
    // file and the next commit follows the last whole record.
    const bool write = cut % 16 == 0 || cut % 16 == 1 || cut == wal.size() - 1;
    Database d;
    OpenReport r = d.open(copy, OpenOptions{!write});
    EXPECT_EQ(r.recoveredStatements, whole) << "cut at " << cut;
    EXPECT_EQ(d.graph().nodeCount(), whole) << "cut at " << cut;
    if (at == ends[whole - 1]) {
      EXPECT_TRUE(r.warnings.empty()) << "cut at " << cut;
    } else {
      // The torn bytes up to the last one that is not zero (zeros after it read as unused).
      const size_t torn = wal.find_last_not_of('\0', at - 1) + 1 - ends[whole - 1];
      ASSERT_EQ(r.warnings.size(), 1u) << "cut at " << cut;
      EXPECT_NE(r.warnings[0].find("recovered " + std::to_string(whole) + " statement"),
                std::string::npos)
          << r.warnings[0];
      EXPECT_NE(r.warnings[0].find(" " + std::to_string(torn) + " byte"), std::string::npos)
          << r.warnings[0];
    }
    if (!write) continue;
    EXPECT_EQ(d.logBytes(), ends[whole - 1]);
    d.execute("CREATE (:After)");  // appends after the last whole record
    d.close();
    Database again;
    again.open(copy);
    EXPECT_EQ(again.graph().nodeCount(), whole + 1) << "cut at " << cut;
  }
}

// The log is preallocated in zeroed chunks: small commits overwrite zeros instead of growing
// the file, and the zeros after the last record read as the end, without a warning, in a
// read-only open and in a read-write one that appends after the last record.
TEST(Wal, PreallocatedZerosReadAsTheEnd) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg", copy = dir / "copy.sg";
  Database db;
  db.open(path);
  db.execute("CREATE (:N {i: 0})");
  const auto fileSize = std::filesystem::file_size(path + ".wal");
  for (int i = 1; i < 20; ++i) db.execute("CREATE (:N {i: $i})", {{"i", Value(int64_t{i})}});
  EXPECT_EQ(std::filesystem::file_size(path + ".wal"), fileSize) << "overwrites, not growth";
  EXPECT_LT(db.logBytes(), fileSize);
  for (bool readOnly : {true, false}) {
    copyAsCrashed(path, copy);
    Database d;
    OpenReport r = d.open(copy, OpenOptions{readOnly});
    EXPECT_TRUE(r.warnings.empty()) << r.warnings[0];
    EXPECT_EQ(r.recoveredStatements, 20u);
    if (readOnly) continue;
    EXPECT_EQ(d.logBytes(), db.logBytes());
    EXPECT_EQ(std::filesystem::file_size(copy + ".wal"), fileSize) << "the zeros are kept";
    d.execute("CREATE (:N {i: 20})");
    copyAsCrashed(copy, dir / "again.sg");
    Database again;
    EXPECT_TRUE(again.open(dir / "again.sg", OpenOptions{true}).warnings.empty());
    EXPECT_EQ(again.graph().nodeCount(), 21u);
  }
  // A crash can also leave the start of a record unwritten and a later part of it written
  // (its pages reach the disk in any order): not zeros to the end, so a torn tail.
  std::string wal = readBytes(path + ".wal");
  wal[db.logBytes() + 100] = 'x';
  writeBytes(copy, readBytes(path));
  writeBytes(copy + ".wal", wal);
  Database d;
  OpenReport r = d.open(copy, OpenOptions{true});
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("recovered 20 statements; dropped a torn or corrupt tail of 101 "
                               "bytes at byte " +
                               std::to_string(db.logBytes())),
            std::string::npos)
      << r.warnings[0];
}

// Records are checksummed with a key of the file's identity and a salt drawn at each
// checkpoint: records of the log's earlier generation after the end of the current one are
// never replayed, although their framing and sequence numbers would fit.
TEST(Wal, StaleBytesBeyondTheEndAfterACheckpointAreNotReplayed) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg", copy = dir / "copy.sg";
  Database db;
  db.open(path);
  std::vector<size_t> oldEnds;
  for (int i = 0; i < 4; ++i) {
    db.execute("CREATE (:Old {i: $i})", {{"i", Value(int64_t{i})}});
    oldEnds.push_back(db.logBytes());
  }
  const std::string oldWal = readBytes(path + ".wal");
  db.checkpoint();
  db.execute("CREATE (:New)");
  const size_t end = db.logBytes();
  // The new generation's header and record (sequence 1), then the old generation's records
  // 2 to 4.
  std::string wal =
      readBytes(path + ".wal").substr(0, end) + oldWal.substr(oldEnds[0], oldEnds[3] - oldEnds[0]);
  writeBytes(copy, readBytes(path));
  writeBytes(copy + ".wal", wal);
  {
    Database d;
    OpenReport r = d.open(copy);
    EXPECT_EQ(r.recoveredStatements, 1u);
    EXPECT_EQ(d.graph().nodeCount(), 5u) << "four in the file, one from the log";
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("dropped a torn or corrupt tail"), std::string::npos);
    d.execute("CREATE (:New)");  // the stale bytes were cut off: appends follow the record
  }
  Database again;
  again.open(copy);
  EXPECT_EQ(again.graph().nodeCount(), 6u);
  // Checksummed with this generation's key, those bytes would be taken for records (and
  // fail to fit the graph).
  uint64_t salt;
  std::memcpy(&salt, wal.data() + 24, 8);
  const uint64_t base = graphFileIdentity(path);
  reframeWalRecords(reinterpret_cast<uint8_t*>(wal.data()) + end, wal.size() - end,
                    walKey(base, salt));
  Graph g;
  Schema schema;
  readGraphFile(path, g, schema);
  EXPECT_THROW(replayWal(reinterpret_cast<const uint8_t*>(wal.data()), wal.size(), base, g, "x"),
               Error);
}

// A log of format version 1 (32-byte header without a salt, records seeded with their length
// alone), left by a crash of an earlier build, is replayed, and a writer appends to it.
// Records in the format of logs before version 3 (string values as text), keyed `key`: a
// node (:N {i, name}) created per record onto the graph of the database file at `path`.
std::string textFormatRecords(const std::string& path, int64_t nodes, uint64_t key) {
  Graph g;
  Schema schema;
  readGraphFile(path, g, schema);
  CatalogMark mark = CatalogMark::of(g);
  std::string out;
  for (int64_t i = 1; i <= nodes; ++i) {
    g.begin();
    const LabelId l = g.internLabel("N");
    const NodeId n = g.createNode(std::span(&l, 1));
    g.setNodeProperty(n, g.internKey("i"), Value(i));
    g.setNodeProperty(n, g.internKey("name"), Value("node " + std::to_string(i)));
    out += walRecord(key, encodeRedo(g, static_cast<uint64_t>(i), mark, kRedoTextStrings));
    g.commit();
  }
  return out;
}

// A log of an earlier version is replayed, and a writer appends to it in its format until a
// checkpoint starts a log of the current version.
void expectOlderLogReplayedAndAppendedTo(const TempDir& dir, const std::string& header,
                                         const std::string& records) {
  const std::string path = dir / "db.sg", copy = dir / "copy.sg";
  writeBytes(copy, readBytes(path));
  writeBytes(copy + ".wal", header + records);
  {
    Database d;
    OpenReport r = d.open(copy);
    EXPECT_TRUE(r.warnings.empty());
    EXPECT_EQ(r.recoveredStatements, 2u);
    d.execute("CREATE (:N {i: 3, name: 'node 3'})");
    EXPECT_EQ(readBytes(copy + ".wal").compare(0, header.size(), header), 0) << "appended to";
    copyAsCrashed(copy, dir / "again.sg");
  }
  Database again;
  OpenReport r = again.open(dir / "again.sg");
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.recoveredStatements, 3u);
  QueryResult rows = again.execute("MATCH (n:N) RETURN n.i, n.name ORDER BY n.i");
  ASSERT_EQ(rows.rows.size(), 3u);
  for (int64_t i = 1; i <= 3; ++i) {
    EXPECT_EQ(rows.rows[i - 1][0].asInt(), i);
    EXPECT_EQ(rows.rows[i - 1][1].asString(), "node " + std::to_string(i));
  }
  again.checkpoint();  // the next record starts a log of the current version
  again.execute("CREATE (:N {i: 4, name: 'node 4'})");
  copyAsCrashed(dir / "again.sg", dir / "third.sg");
  Database third;
  EXPECT_EQ(third.open(dir / "third.sg").recoveredStatements, 1u);
  EXPECT_EQ(third.execute("MATCH (n:N {name: 'node 4'}) RETURN n.i").rows[0][0].asInt(), 4);
}

TEST(Wal, VersionOneLogIsReplayedAndAppendedTo) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg";
  {
    Database db;
    db.open(path);
  }
  std::string header(32, '\0');
  auto* h = reinterpret_cast<uint8_t*>(header.data());
  std::memcpy(h, "SGWAL\0\0\0", 8);
  h[8] = 1;
  h[12] = 32;
  const uint64_t base = graphFileIdentity(path);
  std::memcpy(h + 16, &base, 8);
  const uint64_t headerSum = hash::xxh64(h, 24, 0);
  std::memcpy(h + 24, &headerSum, 8);
  expectOlderLogReplayedAndAppendedTo(dir, header, textFormatRecords(path, 2, 0));
}

TEST(Wal, VersionTwoLogIsReplayedAndAppendedTo) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg";
  {
    Database db;
    db.open(path);
  }
  const uint64_t base = graphFileIdentity(path), salt = 0x5eed;
  std::string header = walHeader(base, salt);
  auto* h = reinterpret_cast<uint8_t*>(header.data());
  h[8] = 2;  // the same header, of version 2
  const uint64_t headerSum = hash::xxh64(h, 32, 0);
  std::memcpy(h + 32, &headerSum, 8);
  expectOlderLogReplayedAndAppendedTo(dir, header, textFormatRecords(path, 2, walKey(base, salt)));
}

// Copies the database at `path` as a crash leaves it, the string "other" of its log forged into
// "first" (the records' checksums recomputed), and returns what opening the copy says: a
// LoadError naming its log.
std::string openWithOtherForgedIntoFirst(const std::string& path, const std::string& copy) {
  std::string wal = readBytes(path + ".wal");
  const size_t at = wal.find("other");
  EXPECT_NE(at, std::string::npos);
  if (at == std::string::npos) return "";
  wal.replace(at, 5, "first");
  uint64_t salt = 0;
  std::memcpy(&salt, wal.data() + 24, 8);
  const uint64_t key = walKey(graphFileIdentity(path), salt);
  reframeWalRecords(reinterpret_cast<uint8_t*>(wal.data()) + kWalHeaderSize,
                    wal.size() - kWalHeaderSize, key);
  writeBytes(copy, readBytes(path));
  writeBytes(copy + ".wal", wal);
  Database replayed;
  try {
    replayed.open(copy, OpenOptions{true});
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::LoadError);
    EXPECT_EQ(e.file(), copy + ".wal");
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

// A record that adds a string the dictionary holds already (the writer never does) is damage,
// named by the record that added it.
TEST(Wal, ARecordAddingAStringTwiceIsDamage) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg";
  Database db;
  db.open(path);
  db.execute("CREATE (:N {name: 'first'})");
  // The second record adds "other" in its strings section (its value is the string's id):
  // forged into "first", which the first record added.
  db.execute("CREATE (:N {name: 'other'})");
  const std::string error = openWithOtherForgedIntoFirst(path, dir / "copy.sg");
  EXPECT_NE(error.find("record 2 at byte"), std::string::npos) << error;
  EXPECT_NE(error.find("holds already"), std::string::npos) << error;
}

// The same of a string the database file holds (checkpointed before the log began): the
// dictionary's table and the log's, built apart, find it when they are merged.
TEST(Wal, ARecordAddingAStringOfTheFileIsDamage) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg";
  Database db;
  db.open(path);
  db.execute("CREATE (:N {name: 'first'})");
  db.checkpoint();
  db.execute("CREATE (:N {name: 'other'})");
  const std::string error = openWithOtherForgedIntoFirst(path, dir / "copy.sg");
  EXPECT_NE(error.find("record 1 at byte 40 adds string 1"), std::string::npos) << error;
}

// The strings of the database file and those of a log of several windows of the index that
// its reading thread builds (engine/wal_strings.h): all found after replay under the ids they
// had, and a string interned again adds nothing.
TEST(Wal, StringsOfTheFileAndOfTheLogAreFoundAfterReplay) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg", copy = dir / "copy.sg";
  Database db;
  db.open(path);
  db.setCheckpointSize(UINT64_MAX);
  db.execute("UNWIND range(0, 1999) AS i CREATE (:File {name: 'file ' + toString(i)})");
  db.checkpoint();
  PreparedQuery create = db.prepare(
      "UNWIND range($from, $from + 9999) AS i CREATE (:Log {name: 'log ' + toString(i)})");
  for (int64_t from = 0; from < 300'000; from += 10'000)
    db.execute(create, {{"from", Value(from)}});
  db.execute("CREATE (:Log {name: 'file 7'})");
  copyAsCrashed(path, copy);
  Database replayed;
  OpenReport r = replayed.open(copy);
  EXPECT_EQ(r.recoveredStatements, 31u);
  EXPECT_EQ(dump(replayed), dump(db));
  const size_t strings = dictionaryStrings(replayed.graph());
  EXPECT_EQ(strings, dictionaryStrings(db.graph()));
  for (const char* name : {"file 0", "file 7", "file 1999", "log 0", "log 123456", "log 299999"}) {
    QueryResult found =
        replayed.execute(std::string("MATCH (n {name: '") + name + "'}) RETURN count(n) AS n");
    EXPECT_EQ(found.rows[0][0].asInt(), std::string(name) == "file 7" ? 2 : 1) << name;
  }
  replayed.execute("CREATE (:Again {name: 'log 299999'}), (:Again {name: 'file 3'})");
  EXPECT_EQ(dictionaryStrings(replayed.graph()), strings);
}

TEST(Wal, CorruptionInTheMiddleIsAnError) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg", copy = dir / "copy.sg";
  Database db;
  db.open(path);
  std::vector<size_t> ends{db.logBytes()};
  for (int i = 0; i < 3; ++i) {
    db.execute("CREATE (:N {i: 1})");
    ends.push_back(db.logBytes());
  }
  std::string wal = readBytes(path + ".wal");
  wal[ends[1] + 20] ^= 0x40;  // inside the second record; the third is intact
  writeBytes(copy, readBytes(path));
  writeBytes(copy + ".wal", wal);
  Database d;
  try {
    d.open(copy, OpenOptions{true});
    FAIL() << "a damaged record followed by a valid one must not be skipped";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::LoadError);
    EXPECT_EQ(e.file(), copy + ".wal");
    EXPECT_NE(std::string(e.what()).find("damaged in the middle"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("byte " + std::to_string(ends[1])), std::string::npos);
  }
  EXPECT_EQ(d.graph().nodeIdLimit(), 0u) << "a failed open leaves the database empty";
}

TEST(Wal, StaleLogAfterAnInterruptedCheckpointIsIgnored) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg";
  Database db;
  db.open(path);
  db.execute("CREATE (:N {i: 1})");
  const std::string oldWal = readBytes(path + ".wal");
  db.checkpoint();  // the file now holds the node; put the old log back, as a crash would
  writeBytes(path + ".wal", oldWal);
  const std::string sg = readBytes(path);
  const std::string copy = dir / "copy.sg";
  writeBytes(copy, sg);
  writeBytes(copy + ".wal", oldWal);
  Database d;
  OpenReport r = d.open(copy);
  EXPECT_EQ(d.graph().nodeCount(), 1u) << "not applied twice";
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("earlier version"), std::string::npos) << r.warnings[0];
}

TEST(Wal, SecondWriterIsRefusedReadersShare) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg";
  Database writer;
  writer.open(path);
  writer.execute("CREATE (:N)");
  // Another process: flock conflicts between open file descriptions, so a second Database in
  // this process is refused just the same; a child makes the pid visible.
  pid_t child = ::fork();
  if (child == 0) {
    int code = 0;
    try {
      Database second;
      second.open(path);
      code = 1;
    } catch (const Error& e) {
      std::string m = e.what();
      code = e.file() == path && m.find("open for writing in another process (pid " +
                                        std::to_string(::getppid()) + ")") != std::string::npos
                 ? 0
                 : 2;
    }
    try {
      Database reader;
      reader.open(path, OpenOptions{true});
      if (reader.graph().nodeCount() != 1) code = 3;
      reader.execute("CREATE (:M)");
      code = 4;
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::IOError) code = 5;
    }
    ::_exit(code);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// Readers open while a writer commits and checkpoints: each sees a whole snapshot, never an
// error, and never fewer nodes than the reader before it.
TEST(Wal, ReadersDuringCheckpointsSeeWholeSnapshots) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg";
  Database writer;
  writer.open(path);
  std::atomic<bool> done{false};
  std::thread w([&] {
    for (int i = 0; i < 60; ++i) {
      writer.execute("CREATE (:N {i: $i})", {{"i", Value(int64_t{i})}});
      if (i % 3 == 0) writer.checkpoint();
    }
    done = true;
  });
  size_t seen = 0;
  while (!done) {
    Database reader;
    OpenReport rep = reader.open(path, OpenOptions{true});
    const size_t n = reader.graph().nodeCount();
    EXPECT_GE(n, seen);
    EXPECT_EQ(static_cast<size_t>(reader.execute("MATCH (n:N) RETURN count(n)").rows[0][0].asInt()),
              n);
    seen = n;
  }
  w.join();
}

TEST(Wal, TransactionsLogOnlyAtCommit) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg", copy = dir / "copy.sg";
  Database db;
  db.open(path);
  const uint64_t empty = db.logBytes();
  db.begin();
  db.execute("CREATE (:N {i: 1})");
  db.execute("CREATE (:N {i: 2})");
  EXPECT_EQ(db.execute("MATCH (n:N) RETURN count(n)").rows[0][0].asInt(), 2);
  EXPECT_EQ(db.logBytes(), empty) << "nothing reaches the log before commit";
  db.rollback();
  EXPECT_EQ(db.graph().nodeCount(), 0u);
  EXPECT_EQ(db.logBytes(), empty);

  db.begin();
  db.execute("CREATE (:N {i: 1})");
  db.execute("CREATE (:N {i: 2})");
  db.commit();
  EXPECT_GT(db.logBytes(), empty);

  db.begin();
  db.execute("CREATE (:N {i: 3})");
  EXPECT_THROW(db.execute("RETURN 1 / 0"), Error);
  EXPECT_TRUE(db.transactionFailed());
  EXPECT_THROW(db.execute("RETURN 1"), Error);
  EXPECT_THROW(db.commit(), Error);
  EXPECT_FALSE(db.inTransaction());
  EXPECT_EQ(db.graph().nodeCount(), 2u);
  EXPECT_THROW(db.commit(), Error);  // none open

  copyAsCrashed(path, copy);
  Database d;
  OpenReport r = d.open(copy, OpenOptions{true});
  EXPECT_EQ(r.recoveredStatements, 1u) << "one transaction, one record";
  EXPECT_EQ(d.graph().nodeCount(), 2u);
}

TEST(Wal, TemporaryFilesOfAKilledWriterAreRemovedAndReported) {
  TempDir dir("sg-wal");
  const std::string path = dir / "db.sg";
  {
    Database db;
    db.open(path);
  }
  pid_t gone = 4194000;  // a pid no process has (kill answers ESRCH)
  while (::kill(gone, 0) == 0 || errno != ESRCH) --gone;
  const std::string left = path + ".tmp." + std::to_string(gone) + ".0";
  const std::string mine = path + ".tmp." + std::to_string(::getpid()) + ".7";
  writeBytes(left, "half a database");
  writeBytes(mine, "a running writer's");
  Database db;
  OpenReport r = db.open(path);
  EXPECT_FALSE(std::filesystem::exists(left));
  EXPECT_TRUE(std::filesystem::exists(mine)) << "a running process's file is left alone";
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("removed " + left), std::string::npos) << r.warnings[0];
}

TEST(Wal, ReplayFromBytesRejectsGarbageWithoutCrashing) {
  Graph g;
  std::string payload(40, '\0');
  payload[0] = 1;  // sequence 1, then limits 0 and 0, then a huge label count
  payload[24] = 0;
  payload[32] = static_cast<char>(0xff);
  std::string log = walHeader(0, 1) + walRecord(walKey(0, 1), payload);
  EXPECT_THROW(replayWal(reinterpret_cast<const uint8_t*>(log.data()), log.size(), 0, g, "x.wal"),
               Error);
}

}  // namespace
}  // namespace silkgraph
