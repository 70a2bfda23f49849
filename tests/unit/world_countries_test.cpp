// The `countries` source loader on the real countries.json (mledoze/countries @ 5e9f370,
// ../shared/data/countries; facts checked in ../shared/data/SOURCES.md: 250 entities, 194
// UN members, 649 directed border entries of which LKA -> IND is listed by one side only).
#include <gtest/gtest.h>

#include <fstream>

#include "temp_files.h"
#include "world_test_util.h"

namespace silkgraph {
namespace {

using testing_world::count;
using testing_world::haveSharedData;
using testing_world::one;
using testing_world::sharedData;

TEST(WorldCountries, EveryNationWithAliasesRegionsAndBorders) {
  if (!haveSharedData()) GTEST_SKIP() << "../shared/data not found";
  Database db;
  world::ImportSummary s = db.importSource("countries", {sharedData() + "/countries"});
  EXPECT_EQ(s.rows, 250u);
  EXPECT_EQ(count(db, "MATCH (n:Nation) RETURN count(n)"), 250);
  EXPECT_EQ(count(db, "MATCH (n:Nation) WHERE n.un_member RETURN count(n)"), 194);
  EXPECT_EQ(count(db, "MATCH (n:Nation) WHERE n.independent RETURN count(n)"), 194);
  // 649 directed entries: 324 pairs listed by both sides, and LKA -> IND reported. BORDERS is
  // symmetric, so a directed pattern matches each border both ways: DISTINCT counts them.
  EXPECT_EQ(count(db, "MATCH ()-[b:BORDERS]->() RETURN count(DISTINCT b)"), 324);
  EXPECT_EQ(count(db, "MATCH ()-[b:BORDERS]->() RETURN count(b)"), 648);
  EXPECT_EQ(s.skippedCount("border listed by one side only (countries.json lists it for one "
                           "country, not for its neighbour)"),
            1u);
  EXPECT_EQ(count(db, "MATCH (:Nation {id: 'KAZ'})-[:BORDERS]-(n) RETURN count(n)"), 5);
  EXPECT_EQ(one(db,
                "MATCH (:Nation {id: 'KAZ'})-[:PART_OF]->(s)-[:PART_OF]->(r) "
                "RETURN s.name + ' / ' + r.name")
                .asString(),
            "Central Asia / Asia");
  EXPECT_EQ(count(db,
                  "MATCH (n:Nation {id: 'KOR'}) WHERE 'Korea, Republic of' IN n.aliases "
                  "AND '대한민국' IN n.aliases RETURN count(n)"),
            1);
  EXPECT_EQ(one(db, "MATCH (n:Nation {id: 'KOR'}) RETURN n.iso_numeric").asString(), "410");
  // Names are trimmed: countries.json writes Burundi's and South Africa's official native
  // names with a trailing space ("Republika y'Uburundi "), the same names as without it.
  EXPECT_EQ(count(db,
                  "MATCH (n:Nation) UNWIND n.aliases AS a WITH a WHERE trim(a) <> a "
                  "RETURN count(a)"),
            0);
  EXPECT_EQ(count(db,
                  "MATCH (n:Nation {id: 'BDI'}) UNWIND n.aliases AS a WITH a "
                  "WHERE a = 'Republika y\\'Uburundi' RETURN count(a)"),
            1);
  EXPECT_EQ(count(db,
                  "MATCH (n:Nation {id: 'ZAF'}) WHERE 'Rephaboliki ya Afrika-Borwa' IN n.aliases "
                  "RETURN count(n)"),
            1);
  // Every node and relationship names its source file and line.
  EXPECT_EQ(count(db, "MATCH (n) WHERE n.sources IS NULL RETURN count(n)"), 0);
  EXPECT_EQ(count(db, "MATCH ()-[r]->() WHERE r.sources IS NULL RETURN count(r)"), 0);
  EXPECT_NE(one(db, "MATCH (n:Nation {id: 'KOR'}) RETURN n.sources[0]")
                .asString()
                .find("countries.json line "),
            std::string::npos);
}

TEST(WorldCountries, MalformedFileNamesThePlaceAndChangesNothing) {
  testing::TempDir dir("sg-world");
  std::string path = dir.path() + "/countries.json";
  std::ofstream(path) << "[\n  {\"cca3\": \"KOR\", \"name\": {\"common\": \"South Korea\"}},\n"
                         "  {\"cca3\": \"XY\", \"name\": {\"common\": \"Nowhere\"}}\n]\n";
  Database db;
  try {
    db.importSource("countries", {path});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::LoadError);
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(e.pos().line, 3u);
    EXPECT_EQ(e.pos().col, 3u);
  }
  EXPECT_EQ(db.graph().nodeCount(), 0u);
  EXPECT_TRUE(db.schema().empty());
  std::ofstream(path) << "[\n  {\"cca3\": \"KOR\",\n";
  try {
    db.importSource("countries", {path});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::LoadError);
    EXPECT_EQ(e.pos().line, 3u);
  }
}

TEST(WorldImport, UnknownSourceListsTheKnownOnes) {
  Database db;
  try {
    db.importSource("countrys", {"x"});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ArgumentError);
    EXPECT_NE(std::string(e.what()).find("countries"), std::string::npos);
  }
}

}  // namespace
}  // namespace silkgraph
