// The `factbook` source loader on the real Factbook tables (../shared/data/factbook; SOURCES.md:
// KAZ takes part in CIS, CSTO, EAEU, SCO, CICA, OSCE, OIC, ECO, WTO, UN; KOR is an ASEAN
// dialogue partner; trade-partner lists write "S. Korea", "UK", "Gambia, The").
#include <gtest/gtest.h>

#include <fstream>

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
  ASSERT_EQ(s.fileRows.size(), 2u);
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

}  // namespace
}  // namespace silkgraph
