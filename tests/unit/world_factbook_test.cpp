// The `factbook` source loader on the real Factbook tables (../shared/data/factbook; SOURCES.md:
// KAZ takes part in CIS, CSTO, EAEU, SCO, CICA, OSCE, OIC, ECO, WTO, UN; KOR is an ASEAN
// dialogue partner; trade-partner lists write "S. Korea", "UK", "Gambia, The").
#include <gtest/gtest.h>

#include <fstream>

#include "loaders/world/factbook_borders.h"
#include "world_test_util.h"

namespace silkgraph {
namespace {

using testing_world::count;
using testing_world::haveSharedData;
using testing_world::one;
using testing_world::sharedData;

TEST(WorldFactbook, MembershipsAndTradePartnersWithNoRowLost) {
  if (!haveSharedData()) GTEST_SKIP() << "../shared/data not found";
  Database db;
  db.importSource("countries", {sharedData() + "/countries"});
  world::ImportSummary s = db.importSource("factbook", {sharedData() + "/factbook"});
  for (const char* org : {"CIS", "CSTO", "EAEU", "SCO", "CICA", "OSCE", "OIC", "ECO", "WTO", "UN"})
    EXPECT_EQ(count(db, std::string("MATCH (:Nation {id: 'KAZ'})-[:MEMBER_OF]->(o:Organization "
                                    "{name: '") +
                            org + "'}) RETURN count(o)"),
              1)
        << org;
  EXPECT_EQ(one(db,
                "MATCH (:Nation {id: 'KOR'})-[m:MEMBER_OF]->(:Organization {name: 'ASEAN'}) "
                "RETURN m.qualifier")
                .asString(),
            "dialogue partner");
  EXPECT_GT(count(db,
                  "MATCH (:Nation)-[e:EXPORTS_TO]->(:Nation {id: 'KOR'}) WHERE "
                  "e.partner_label = 'S. Korea' RETURN count(e)"),
            0);
  EXPECT_EQ(s.skippedCount("unmatched partner name (add it to loaders/world/country_mapping.tsv)"),
            0u);
  EXPECT_EQ(s.skippedCount("unmatched GEC code (add it to loaders/world/country_mapping.tsv)"), 0u);
  ASSERT_EQ(s.fileRows.size(), 3u);  // and factbook_land_borders.csv
  for (const auto& f : s.fileRows) {
    std::ifstream in(f.file);
    std::string line;
    size_t rows = 0;
    std::getline(in, line);
    while (std::getline(in, line))
      if (!line.empty()) ++rows;
    EXPECT_EQ(f.rows, rows) << f.file;
    EXPECT_EQ(f.loaded + f.skipped, f.rows) << f.file;
  }
  EXPECT_EQ(static_cast<size_t>(count(db, "MATCH ()-[r:MEMBER_OF]->() RETURN count(r)")),
            s.fileRows[0].loaded);
  EXPECT_EQ(static_cast<size_t>(count(db,
                                      "MATCH ()-[r]->() WHERE type(r) IN ['EXPORTS_TO', "
                                      "'IMPORTS_FROM'] RETURN count(r)")),
            s.fileRows[1].loaded);
}

// Fragments as factbook_land_borders.csv has them (lines 8, 113, 262 and one with "and" in a
// name).
TEST(WorldFactbook, BorderFragmentsGiveEachNeighboursSegments) {
  auto seg = world::borderSegments("Russia (northeast) 4,133 km and Russia (northwest) 46 km");
  ASSERT_EQ(seg.size(), 2u);
  EXPECT_EQ(seg[0].name, "Russia (northeast)");
  EXPECT_EQ(seg[0].km, 4133);
  EXPECT_EQ(seg[1].name, "Russia (northwest)");
  EXPECT_EQ(seg[1].km, 46);
  EXPECT_EQ(world::withoutQualifier(seg[1].name), "Russia");
  seg = world::borderSegments(
      "Democratic Republic of the Congo 2,646 km (of which 225 km is the boundary of "
      "discontiguous Cabinda Province)");
  ASSERT_EQ(seg.size(), 1u);
  EXPECT_EQ(seg[0].km, 2646);
  seg = world::borderSegments("Niger 838 km, Senegal 489 km");
  ASSERT_EQ(seg.size(), 2u);
  EXPECT_EQ(seg[1].name, "Senegal");
  EXPECT_EQ(seg[1].km, 489);
  seg = world::borderSegments("Spain (Ceuta) 8 km and Spain (Melilla) 10.5 km");
  ASSERT_EQ(seg.size(), 2u);
  EXPECT_EQ(seg[1].km, 10.5);
  seg = world::borderSegments("Turkmenistan 413 km, Bosnia and Herzegovina 932 km");
  ASSERT_EQ(seg.size(), 2u);
  EXPECT_EQ(seg[0].name, "Turkmenistan");
  EXPECT_EQ(seg[1].name, "Bosnia and Herzegovina");
  EXPECT_TRUE(world::borderSegments("no length here").empty());
}

// factbook_land_borders.csv: kz,KAZ,...,China,CHN,1765; kg,KGZ,...,Kazakhstan,KAZ,1212;
// ch,CHN,China,"Russia (northeast) 4,133 km and Russia (northwest) 46 km" (line 307).
TEST(WorldFactbook, LandBorderLengthsGoOnTheBordersOfCountries) {
  if (!haveSharedData()) GTEST_SKIP() << "../shared/data not found";
  Database db;
  db.importSource("countries", {sharedData() + "/countries"});
  // BORDERS is symmetric: DISTINCT counts the relationships stored.
  int64_t borders = count(db, "MATCH ()-[b:BORDERS]->() RETURN count(DISTINCT b)");
  world::ImportSummary s =
      db.importSource("factbook", {sharedData() + "/factbook/factbook_land_borders.csv"});
  EXPECT_EQ(count(db, "MATCH ()-[b:BORDERS]->() RETURN count(DISTINCT b)"), borders);  // none made
  auto km = [&](const char* a, const char* b) {
    return one(db, std::string("MATCH (:Nation {id: '") + a + "'})-[b:BORDERS]-(:Nation {id: '" +
                       b + "'}) RETURN b.length_km")
        .asFloat();
  };
  EXPECT_EQ(km("KAZ", "CHN"), 1765);
  EXPECT_EQ(km("KGZ", "KAZ"), 1212);
  EXPECT_EQ(km("CHN", "RUS"), 4179);
  EXPECT_EQ(count(db,
                  "MATCH (:Nation {id: 'KAZ'})-[b:BORDERS]-(:Nation {id: 'CHN'}) RETURN "
                  "size(b.sources)"),
            3);  // countries.json, and the Factbook rows of both countries
  ASSERT_EQ(s.updated.size(), 1u);
  EXPECT_EQ(s.updated[0].name, "BORDERS (length_km)");
  EXPECT_EQ(static_cast<int64_t>(s.updated[0].count),
            count(db,
                  "MATCH ()-[b:BORDERS]->() WHERE b.length_km IS NOT NULL "
                  "RETURN count(DISTINCT b)"));
  EXPECT_EQ(s.skippedCount("unmatched neighbour name (add it to "
                           "loaders/world/country_mapping.tsv)"),
            0u);
  ASSERT_EQ(s.fileRows.size(), 1u);
  EXPECT_EQ(s.fileRows[0].rows, 660u);
  EXPECT_EQ(s.fileRows[0].loaded + s.fileRows[0].skipped, 660u);
}

}  // namespace
}  // namespace silkgraph
