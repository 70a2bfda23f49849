// The `wikidata-offices` source loader on the real Wikidata exports (../shared/data/leaders,
// mid-2022; SOURCES.md: KOR President Yoon Suk-yeol and KAZ PM Alihan Smaiylov are the current
// holders, KAZ President Kassym-Jomart Tokayev since 2019-03-20, Q200881).
#include <gtest/gtest.h>

#include "world_test_util.h"

namespace silkgraph {
namespace {

using testing_world::count;
using testing_world::haveSharedData;
using testing_world::one;
using testing_world::sharedData;

TEST(WorldOffices, TermsWithDatesAndNoRowLost) {
  if (!haveSharedData()) GTEST_SKIP() << "../shared/data not found";
  Database db;
  db.importSource("countries", {sharedData() + "/countries"});
  world::ImportSummary s = db.importSource("wikidata-offices", {sharedData() + "/leaders"});
  EXPECT_EQ(one(db,
                "MATCH (l:Leader {id: 'Q200881'})-[h:HOLDS_OFFICE {title: 'President'}]->"
                "(:Nation {id: 'KAZ'}) RETURN h.start")
                .asString(),
            "2019-03-20");
  EXPECT_EQ(one(db,
                "MATCH (l:Leader)-[h:HOLDS_OFFICE]->(:Nation {id: 'KAZ'}) WHERE h.role = "
                "'head_of_government' AND h.valid_from <= date('2022-06-01') AND "
                "(h.valid_to IS NULL OR h.valid_to >= date('2022-06-01')) RETURN l.name")
                .asString(),
            "Alihan Smaiylov");
  // One term per file that lists it (holders21 with days, the 2022 list with years).
  EXPECT_GE(count(db,
                  "MATCH (l:Leader)-[h:HOLDS_OFFICE]->(:Nation {id: 'KOR'}) WHERE l.name = "
                  "'Yoon Suk-yeol' AND h.role = 'head_of_state' RETURN count(h)"),
            1);
  size_t rows = 0, accounted = 0;
  for (const auto& f : s.fileRows) {
    rows += f.rows;
    accounted += f.loaded + f.skipped;
  }
  EXPECT_EQ(rows, s.rows);
  EXPECT_EQ(accounted, rows);
  size_t skipped = 0;
  for (const auto& k : s.skipped) skipped += k.count;
  EXPECT_EQ(
      static_cast<size_t>(count(db, "MATCH ()-[h:HOLDS_OFFICE]->() RETURN count(h)")) + skipped,
      rows);
}

}  // namespace
}  // namespace silkgraph
