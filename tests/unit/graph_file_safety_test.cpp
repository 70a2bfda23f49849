// Database file safety (issue 10): concurrent writers of one path never leave a broken file
// (D1), a planted symlink or leftover temporary file does not redirect the write (D2), and
// forged files whose checksums are valid are refused with a LoadError naming the section,
// never another exception (D9).
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "engine/error.h"
#include "engine/graph_file.h"
#include "main/database.h"
#include "tests/support/graph_file_forge.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

namespace fs = std::filesystem;

using silkgraph::testing::readBytes;
using silkgraph::testing::writeBytes;

// A fresh directory per test.
class TempDir : public silkgraph::testing::TempDir {
 public:
  TempDir() : silkgraph::testing::TempDir("sg-file-safety") {}
};

int64_t countNodes(Database& db) {
  return db.execute("MATCH (n) RETURN count(n) AS c").rows.at(0).at(0).asInt();
}

// A graph of n nodes with a few properties each, so that writing it takes a moment.
void buildGraph(Database& db, int n) {
  db.execute("UNWIND range(1, " + std::to_string(n) +
             ") AS i CREATE (:N {id: i, name: 'node ' + toString(i)})");
}

TEST(GraphFileSafety, ConcurrentWritersNeverBreakTheFile) {
  TempDir dir;
  const std::string path = dir / "out.sg";
  Database small, big;
  buildGraph(small, 10);
  buildGraph(big, 200000);
  for (int round = 0; round < 6; ++round) {
    std::atomic<int> go{0}, failures{0};
    auto writer = [&](Database& db) {
      ++go;
      while (go.load() < 2) {
      }
      try {
        writeGraphFile(db.graph(), db.schema(), path);
      } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::IOError) << e.what();
        EXPECT_EQ(e.file(), path);
        EXPECT_NE(std::string(e.what()).find("being written by another process"), std::string::npos)
            << e.what();
        ++failures;
      }
    };
    std::thread a(writer, std::ref(big)), b(writer, std::ref(small));
    a.join();
    b.join();
    EXPECT_LE(failures.load(), 1);
    Database check;
    readGraphFile(path, check.graph(), check.schema());  // always a complete file
    int64_t n = countNodes(check);
    EXPECT_TRUE(n == 10 || n == 200000) << n;
  }
  for (const auto& e : fs::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().filename(), "out.sg") << "left behind: " << e.path();
}

TEST(GraphFileSafety, HeldLockIsReportedWithThePid) {
  TempDir dir;
  const std::string path = dir / "db.sg";
  Database a;
  buildGraph(a, 3);
  writeGraphFile(a.graph(), a.schema(), path);
  const std::string before = readBytes(path);
  int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  Database b;
  try {
    writeGraphFile(b.graph(), b.schema(), path);
    ADD_FAILURE() << "wrote a file locked by another writer";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::IOError);
    EXPECT_EQ(e.file(), path);
    EXPECT_NE(std::string(e.what()).find("(pid " + std::to_string(::getpid()) + ")"),
              std::string::npos)
        << e.what();
  }
  ::close(fd);
  EXPECT_EQ(readBytes(path), before);
  writeGraphFile(b.graph(), b.schema(), path);  // released: the next writer proceeds
  Database check;
  readGraphFile(path, check.graph(), check.schema());
  EXPECT_EQ(countNodes(check), 0);
}

TEST(GraphFileSafety, PlantedSymlinkAndLeftoverTempAreNotUsed) {
  TempDir dir;
  const std::string path = dir / "out.sg";
  writeBytes(dir / "victim.txt", "precious");
  fs::create_symlink(dir / "victim.txt", dir / "out.sg.tmp");
  Database a;
  buildGraph(a, 5);
  writeGraphFile(a.graph(), a.schema(), path);
  EXPECT_EQ(readBytes(dir / "victim.txt"), "precious");
  EXPECT_TRUE(fs::is_symlink(dir / "out.sg.tmp"));
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(path)));

  // A leftover temporary file of a killed build is neither clobbered nor in the way.
  fs::remove(dir / "out.sg.tmp");
  writeBytes(dir / "out.sg.tmp", "partial output of a killed build");
  buildGraph(a, 2);
  writeGraphFile(a.graph(), a.schema(), path);
  EXPECT_EQ(readBytes(dir / "out.sg.tmp"), "partial output of a killed build");
  Database check;
  readGraphFile(path, check.graph(), check.schema());
  EXPECT_EQ(countNodes(check), 7);

  // A failed write of a new path leaves nothing behind (not even the lock placeholder).
  fs::create_directory(dir / "sub");
  fs::create_directory(dir / "sub/db.sg.dir");
  EXPECT_THROW(writeGraphFile(a.graph(), a.schema(), dir / "sub/db.sg.dir"), Error);
  for (const auto& e : fs::directory_iterator(dir / "sub"))
    EXPECT_EQ(e.path().filename(), "db.sg.dir") << "left behind: " << e.path();
}

// --- Forged files: content changed, checksums recomputed (D9) ---

uint64_t get64(const std::string& b, size_t at) {
  uint64_t v;
  std::memcpy(&v, b.data() + at, 8);
  return v;
}
void set64(std::string& b, size_t at, uint64_t v) {
  std::memcpy(b.data() + at, &v, 8);
}

// Recomputes every section checksum, the table's and the header's.
void reseal(std::string& b) {
  ASSERT_TRUE(silkgraph::testing::resealGraphFile(b));
}

class ForgedFile : public ::testing::Test {
 protected:
  void SetUp() override {
    Database a;
    a.execute(
        "CREATE (:P {s: 'alpha', g: date('2020-01-02')}), (:P {s: 'beta', g: 'text'}),"
        " (:P {s: 'gamma', g: [date('2021-03-04')]})");
    writeGraphFile(a.graph(), a.schema(), dir / "good.sg");
    good = readBytes(dir / "good.sg");
    sections = graphFileSections(dir / "good.sg");
  }
  const GraphFileSection& section(const std::string& name) {
    for (const GraphFileSection& s : sections)
      if (s.name.find(name) != std::string::npos) return s;
    ADD_FAILURE() << "no section " << name;
    return sections.front();
  }
  // The forged file must be refused with a LoadError naming the file and `place`.
  void expectLoadError(std::string bytes, const std::string& place) {
    reseal(bytes);
    writeBytes(dir / "forged.sg", bytes);
    Database target;
    try {
      readGraphFile(dir / "forged.sg", target.graph(), target.schema());
      ADD_FAILURE() << "a forged file was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::LoadError) << e.what();
      EXPECT_EQ(e.file(), dir / "forged.sg");
      EXPECT_NE(std::string(e.what()).find(place), std::string::npos) << e.what();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not a LoadError: " << e.what();
    }
  }
  TempDir dir;
  std::string good;
  std::vector<GraphFileSection> sections;
};

TEST_F(ForgedFile, ResealedOriginalOpens) {
  std::string same = good;
  reseal(same);
  EXPECT_EQ(same, good);
}

TEST_F(ForgedFile, StringOffsetsOutOfOrder) {
  const GraphFileSection& s = section("string dictionary offsets");
  ASSERT_GE(s.length, 4 * 8u);
  const uint64_t textSize = get64(good, s.offset + s.length - 8);
  std::string bad = good;
  for (uint64_t at = s.offset + 8; at + 8 < s.offset + s.length; at += 8)
    set64(bad, at, textSize + 100);
  expectLoadError(bad, "string dictionary offsets");
  bad = good;
  set64(bad, s.offset + 8, get64(good, s.offset + 16) + 1);
  expectLoadError(bad, "string dictionary offsets");
}

// A text held twice in the string dictionary (one id per text is what lookups by value rely
// on): refused, naming the two strings.
TEST_F(ForgedFile, StringHeldTwiceInTheDictionary) {
  std::string bad = good;
  const size_t at = bad.find("gamma");
  ASSERT_NE(at, std::string::npos);
  bad.replace(at, 5, "alpha");
  expectLoadError(bad, "duplicate string in the dictionary (strings ");
}

// Changes the tag of a Date value (4 bytes of payload, like a node or relationship id) in the
// generic column to `tag`; `nested` picks the date inside the list.
std::string retag(const std::string& good, const GraphFileSection& s, bool nested,
                  Value::Type tag) {
  std::string bad = good;
  const auto date = static_cast<char>(Value::Type::Date);
  for (uint64_t at = s.offset + 8; at < s.offset + s.length; ++at) {
    const bool inList = bad[at - 9] == static_cast<char>(Value::Type::List);
    if (bad[at] == date && inList == nested) {
      bad[at] = static_cast<char>(tag);
      return bad;
    }
  }
  ADD_FAILURE() << "no date value found";
  return bad;
}

TEST_F(ForgedFile, GraphValuesInsidePropertyColumns) {
  const GraphFileSection& s = section("generic");
  ASSERT_GT(s.length, 0u) << s.name;
  expectLoadError(retag(good, s, false, Value::Type::Node), s.name);
  expectLoadError(retag(good, s, false, Value::Type::Rel), s.name);
  expectLoadError(retag(good, s, true, Value::Type::Node), s.name);
}

TEST_F(ForgedFile, CountsAndIdsOutOfRange) {
  // Every 8-byte word of the metadata set to a large value, one at a time: each forged file
  // is refused with a LoadError or opens (a field that does not matter), never anything else.
  const GraphFileSection& m = section("metadata");
  for (uint64_t at = m.offset; at + 8 <= m.offset + m.length; at += 4) {
    for (uint64_t v : {uint64_t{0xFFFFFFFF}, uint64_t{1} << 40, uint64_t{7}}) {
      std::string bad = good;
      set64(bad, at, v);
      reseal(bad);
      writeBytes(dir / "forged.sg", bad);
      Database target;
      try {
        readGraphFile(dir / "forged.sg", target.graph(), target.schema());
        target.execute("MATCH (n) OPTIONAL MATCH (n)-[r]-() RETURN n, r, properties(n)");
      } catch (const Error& e) {
        EXPECT_TRUE(e.kind() == ErrorKind::LoadError || e.kind() == ErrorKind::IOError)
            << "offset " << at << ": " << e.what();
      } catch (const std::exception& e) {
        ADD_FAILURE() << "offset " << at << ": not a LoadError: " << e.what();
      }
    }
  }
}

// Every section, words at its start, middle and end (every word of the metadata) set to forged
// values with checksums recomputed: a LoadError, or a file that opens and answers queries; never
// anything else.
TEST(ForgedSections, EveryStructuralFieldIsValidated) {
  TempDir dir;
  Database a;
  a.execute(
      "CREATE (x:A:B {k: 1, s: 'one', d: date('2020-01-01'), l: [1, 2]})-[:R {w: 1.5}]->"
      "(y:B {k: 2, s: 'two', f: 2.5, ok: true}), (x)-[:S]->(y), (y)-[:R]->(:C {k: 3})");
  a.graph().compact();
  a.execute(
      "MATCH (c:C) CREATE (c)-[:S {w: 2}]->(:A {k: 4}) WITH c MATCH (x:A {k: 1}) "
      "CREATE (x)-[:R]->(c)");
  a.execute("MATCH ()-[r:S]->(:A {k: 4}) DELETE r");
  writeGraphFile(a.graph(), a.schema(), dir / "good.sg");
  const std::string good = readBytes(dir / "good.sg");
  size_t opened = 0, refused = 0;
  for (const GraphFileSection& s : graphFileSections(dir / "good.sg")) {
    if (s.name == "header" || s.name == "section table" || s.length < 4) continue;
    std::vector<uint64_t> where{s.offset, s.offset + (s.length / 2) / 4 * 4,
                                s.offset + s.length - 4};
    if (s.name == "metadata")  // every field of the metadata
      for (uint64_t at = s.offset; at + 4 <= s.offset + s.length; at += 4) where.push_back(at);
    for (uint64_t at : where) {
      for (uint32_t v : {0xFFFFFFFFu, 0x7FFFu, 0u, 1u, 3u}) {
        std::string bad = good;
        std::memcpy(bad.data() + at, &v, 4);
        if (bad == good) continue;
        reseal(bad);
        writeBytes(dir / "forged.sg", bad);
        Database target;
        try {
          readGraphFile(dir / "forged.sg", target.graph(), target.schema());
          ++opened;
          target.execute(
              "MATCH (n) OPTIONAL MATCH (n)-[r]->(m) RETURN n, labels(n), "
              "properties(n), type(r), properties(r), m");
          target.execute("MATCH (n:B) RETURN count(n), collect(n.s)");
          target.execute("MATCH ()<-[r:R]-() RETURN count(r)");
          target.execute("MATCH p = (:A)-[*1..3]-() RETURN count(p)");
        } catch (const Error& e) {
          ++refused;
          EXPECT_TRUE(e.kind() == ErrorKind::LoadError || e.kind() == ErrorKind::IOError)
              << s.name << " at " << at << " = " << v << ": " << e.what();
        } catch (const std::exception& e) {
          ADD_FAILURE() << s.name << " at " << at << " = " << v << ": " << e.what();
        }
      }
    }
  }
  EXPECT_GT(refused, 20u);
  EXPECT_GT(opened, 0u);
}

}  // namespace
}  // namespace silkgraph
