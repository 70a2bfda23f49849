// The database file used in place (docs/storage.md, "Database file"): opening reads none of
// the relationship sections (a byte flipped in any of them is not noticed by the open, and is
// refused at the first use of the relationships, every time), node queries answer without
// them, writes after the open never change the file, the graph stays valid when a
// checkpoint renames a new file over it, and checkGraphFile (`silkgraph check`) runs every
// check. Also MappedArray, the array type that lets a graph use the mapping.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/graph_access.h"
#include "engine/graph_file.h"
#include "engine/mapped_array.h"
#include "main/database.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

using silkgraph::testing::readBytes;
using silkgraph::testing::writeBytes;

class InPlaceFile : public ::testing::Test {
 protected:
  void SetUp() override {
    Database a;
    a.execute(
        "CREATE (k:Nation {id: 'KOR', name: 'South Korea'}), (u:Nation {id: 'UZB'}), "
        "(z:Nation {id: 'KAZ'}), (k)-[:SUPPLIES {resource: 'REE', year: 2023, tonnes: 1.5}]->(u), "
        "(z)-[:SUPPLIES {resource: 'U', year: 2022, tonnes: 20.25, ok: true}]->(k), "
        "(u)-[:BORDERS {km: 2330}]->(z)");
    a.graph().compact();  // no delta: every relationship section is read in place
    writeGraphFile(a.graph(), a.schema(), path);
    good = readBytes(path);
  }
  // Opens `path` as `silkgraph DB.sg` does.
  void open(Database& db) { db.open(path, OpenOptions{.readOnly = true}); }
  static std::string cell(const QueryResult& r) {
    return r.rows.size() == 1 && r.rows[0].size() == 1 ? r.rows[0][0].toCypherLiteral() : "?";
  }

  silkgraph::testing::TempDir dir{"sg-in-place"};
  std::string path = dir / "db.sg";
  std::string good;
  const char* nodeQuery = "MATCH (n:Nation {id: 'KOR'}) RETURN n.name";
  const char* relQuery = "MATCH (a)-[r]->(b) RETURN sum(r.tonnes) + sum(r.km) + sum(r.year)";
};

const std::string kRelSections[] = {"relationship sources", "relationship targets",
                                    "relationship types",   "deleted-relationship bitmap",
                                    "outgoing CSR",         "incoming CSR",
                                    "relationship property"};

bool isRelSection(const std::string& name) {
  for (const std::string& prefix : kRelSections)
    if (name.rfind(prefix, 0) == 0) return true;
  return false;
}

TEST_F(InPlaceFile, OpeningReadsNoRelationshipSection) {
  size_t damaged = 0;
  for (const GraphFileSection& s : graphFileSections(path)) {
    if (!isRelSection(s.name) || s.length == 0) continue;
    SCOPED_TRACE(s.name);
    std::string bad = good;
    bad[s.offset + s.length / 2] ^= 0x10;
    writeBytes(path, bad);
    Database db;
    open(db);  // not refused: the open does not read the section
    EXPECT_TRUE(GraphAccess::of(db.graph()).relsPending.load());
    EXPECT_EQ(cell(db.execute(nodeQuery)), "'South Korea'");
    for (int use = 0; use < 2; ++use) {  // the first use of the relationships, and a later one
      try {
        db.execute(relQuery);
        ADD_FAILURE() << "the damaged section was read";
      } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::LoadError);
        EXPECT_EQ(e.file(), path);
        EXPECT_NE(std::string(e.what()).find("section '" + s.name + "' is corrupt"),
                  std::string::npos)
            << e.what();
      }
    }
    EXPECT_THROW(checkGraphFile(path), Error);
    ++damaged;
  }
  EXPECT_GE(damaged, 14u);  // 4 relationship arrays, 6 CSR arrays per type, the columns
}

TEST_F(InPlaceFile, UndamagedFileAnswersAndIsNeverWritten) {
  const std::string expected = cell(Database().execute("RETURN 1.5 + 20.25 + 2330 + 2023 + 2022"));
  {
    Database db;
    open(db);
    EXPECT_EQ(cell(db.execute(relQuery)), expected);
    EXPECT_FALSE(GraphAccess::of(db.graph()).relsPending.load());
  }
  {
    Database db;
    db.open(path);  // writable: writes go to the mapping's private pages and to the log
    db.execute("MATCH ()-[r:SUPPLIES {year: 2023}]->() SET r.tonnes = 7.0, r.year = 2024");
    db.execute("MATCH (n:Nation {id: 'UZB'})-[r:BORDERS]->() DELETE r");
    db.execute(
        "MATCH (a:Nation {id: 'KOR'}), (b:Nation {id: 'KAZ'}) CREATE (a)-[:BORDERS {km: 1}]->(b)");
    db.begin();
    db.execute("MATCH ()-[r:SUPPLIES]->() SET r.tonnes = 0.0");
    db.rollback();
    EXPECT_EQ(cell(db.execute(relQuery)), cell(db.execute("RETURN 7.0 + 20.25 + 1 + 2024 + 2022")));
    EXPECT_EQ(readBytes(path), good);  // the changes are in the log until a checkpoint
    db.checkpoint();                   // renames a new file over the mapped one
    EXPECT_NE(readBytes(path), good);
    EXPECT_EQ(cell(db.execute(relQuery)), cell(db.execute("RETURN 7.0 + 20.25 + 1 + 2024 + 2022")));
    db.close();
  }
  Database again;
  open(again);
  EXPECT_EQ(cell(again.execute(relQuery)),
            cell(again.execute("RETURN 7.0 + 20.25 + 1 + 2024 + 2022")));
  EXPECT_EQ(checkGraphFile(path), graphFileSections(path).size());
}

TEST_F(InPlaceFile, LogReplayedOverTheMappedFileKeepsItsChecks) {
  // A change to a relationship read from the file, left in the log (a writer killed before
  // its checkpoint): replaying it at the next open writes into the mapping, which the
  // relationship sections' checks must have seen unchanged first (found by the crash test).
  const std::string copy = dir / "copy.sg";
  {
    Database db;
    db.open(path);
    db.execute("MATCH ()-[r:SUPPLIES {year: 2023}]->() SET r.year = 2024, r.tonnes = 2.5");
    writeBytes(copy, readBytes(path));
    writeBytes(copy + ".wal", readBytes(path + ".wal"));
  }
  Database again;
  again.open(copy);
  EXPECT_EQ(cell(again.execute(relQuery)),
            cell(again.execute("RETURN 2.5 + 20.25 + 2330 + 2024 + 2022")));
  again.checkpoint();
  again.close();
  EXPECT_EQ(checkGraphFile(copy), graphFileSections(copy).size());
}

TEST(MappedArray, InPlaceElementsMoveToTheHeapWhenTheArrayGrows) {
  std::vector<uint32_t> file = {1, 2, 3};
  auto owner = std::make_shared<int>(0);
  MappedArray<uint32_t> a = MappedArray<uint32_t>::inPlace(file.data(), file.size(), owner);
  EXPECT_TRUE(a.mapped());
  EXPECT_EQ(a.data(), file.data());
  a[1] = 20;  // in place
  EXPECT_EQ(file[1], 20u);
  MappedArray<uint32_t> copy = a;  // copies are on the heap
  EXPECT_FALSE(copy.mapped());
  copy[0] = 10;
  EXPECT_EQ(file[0], 1u);
  a.push_back(a[0]);  // grows: the elements move to the heap, the file stays
  EXPECT_FALSE(a.mapped());
  EXPECT_EQ(a, (std::vector<uint32_t>{1, 20, 3, 1}));
  EXPECT_EQ(file, (std::vector<uint32_t>{1, 20, 3}));
  a.insert(a.begin() + 1, 5);
  a.erase(a.begin(), a.begin() + 1);
  EXPECT_EQ(a, (std::vector<uint32_t>{5, 20, 3, 1}));
  a.resize(2);
  a.shrink_to_fit();
  EXPECT_EQ(a.capacity(), 2u);
  EXPECT_EQ(owner.use_count(), 1);  // neither a nor its copy holds the mapping now
  MappedArray<uint32_t> b = MappedArray<uint32_t>::inPlace(file.data(), file.size(), owner);
  EXPECT_EQ(owner.use_count(), 2);
  b.clear();
  b.shrink_to_fit();  // an emptied mapped array lets the mapping go
  EXPECT_EQ(owner.use_count(), 1);
}

}  // namespace
}  // namespace silkgraph
