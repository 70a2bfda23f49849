// The `usgs-mcs` source loader on the real USGS MCS 2022-2024 world files
// (../shared/data/usgs_mcs; the rare-earth figures below are the ones SOURCES.md quotes from
// the files: China 140,000 t (2020, MCS2022), 168,000 t (2021, MCS2023), 240,000 t (2023e,
// MCS2024), reserves 44,000,000 t; world total 350,000 t in 2023).
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "world_test_util.h"

namespace silkgraph {
namespace {

using testing_world::count;
using testing_world::haveSharedData;
using testing_world::one;
using testing_world::sharedData;

class WorldUsgs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!haveSharedData()) return;
    db_ = new Database;
    db_->importSource("countries", {sharedData() + "/countries"});
    summary_ = new world::ImportSummary(db_->importSource(
        "usgs-mcs",
        {sharedData() + "/usgs_mcs/mcs2022_world", sharedData() + "/usgs_mcs/mcs2023_world",
         sharedData() + "/usgs_mcs/mcs2024_world"}));
  }
  static void TearDownTestSuite() {
    delete db_;
    delete summary_;
  }
  void SetUp() override {
    if (!haveSharedData()) GTEST_SKIP() << "../shared/data not found";
  }
  static double amount(const std::string& iso3, int year, const std::string& edition,
                       const std::string& type = "PRODUCES") {
    return one(*db_,
               "MATCH (:Nation {id: '" + iso3 + "'})-[p:" + type +
                   "]->(:Resource {id: 'rare_earths'}) WHERE p.year = " + std::to_string(year) +
                   " AND p.edition = '" + edition + "' RETURN p.amount")
        .asNumber();
  }
  static Database* db_;
  static world::ImportSummary* summary_;
};
Database* WorldUsgs::db_ = nullptr;
world::ImportSummary* WorldUsgs::summary_ = nullptr;

TEST_F(WorldUsgs, RareEarthFiguresAsPublished) {
  EXPECT_EQ(amount("CHN", 2020, "MCS2022"), 140000);
  EXPECT_EQ(amount("CHN", 2021, "MCS2023"), 168000);
  EXPECT_EQ(amount("CHN", 2023, "MCS2024"), 240000);
  EXPECT_EQ(amount("CHN", 2023, "MCS2024", "HAS_RESERVES"), 44000000);
  EXPECT_EQ(amount("USA", 2023, "MCS2024"), 43000);
  EXPECT_EQ(amount("MMR", 2023, "MCS2024"), 38000);  // USGS "Burma"
  EXPECT_EQ(one(*db_,
                "MATCH (:Aggregate {id: 'world_total'})-[p:PRODUCES]->(:Resource {id: "
                "'rare_earths'}) WHERE p.year = 2023 RETURN p.amount")
                .asNumber(),
            350000);
  EXPECT_TRUE(one(*db_,
                  "MATCH (:Nation {id: 'CHN'})-[p:PRODUCES]->(:Resource {id: "
                  "'rare_earths'}) WHERE p.year = 2023 RETURN p.estimated")
                  .asBool());
  // World totals are never a country.
  EXPECT_EQ(count(*db_, "MATCH (n:Nation) WHERE n.name STARTS WITH 'World' RETURN count(n)"), 0);
}

TEST_F(WorldUsgs, RevisionsKeepEveryEditionAndMarkTheNewest) {
  // 2021: 168,000 t estimated in MCS2022, 168,000 t in MCS2023; 2022: 210,000 t in MCS2023 and
  // MCS2024 (estimated there). Burma 2022: 12,000 t in both MCS2023 and MCS2024.
  EXPECT_EQ(count(*db_,
                  "MATCH (:Nation {id: 'CHN'})-[p:PRODUCES]->(:Resource {id: "
                  "'rare_earths'}) WHERE p.year = 2021 RETURN count(p)"),
            2);
  EXPECT_EQ(one(*db_,
                "MATCH (:Nation {id: 'CHN'})-[p:PRODUCES]->(:Resource {id: "
                "'rare_earths'}) WHERE p.year = 2021 AND p.latest RETURN p.edition")
                .asString(),
            "MCS2023");
  EXPECT_EQ(count(*db_,
                  "MATCH (:Nation {id: 'MMR'})-[p:PRODUCES]->(:Resource {id: "
                  "'rare_earths'}) WHERE p.year = 2022 AND p.amount = 12000 RETURN "
                  "count(p)"),
            2);
  EXPECT_EQ(one(*db_,
                "MATCH (:Nation {id: 'MMR'})-[p:PRODUCES]->(:Resource {id: "
                "'rare_earths'}) WHERE p.year = 2022 AND p.latest RETURN p.edition")
                .asString(),
            "MCS2024");
}

TEST_F(WorldUsgs, UnitsConvertedWithTheOriginalKept) {
  // mcs2024-feore_world.csv: Prod_kt_*, Australia 2023 usable ore 960,000 kt.
  EXPECT_EQ(one(*db_,
                "MATCH (:Nation {id: 'AUS'})-[p:PRODUCES]->(:Resource {id: 'iron_ore'}) "
                "WHERE p.year = 2023 AND p.usgs_type CONTAINS 'usable ore' RETURN "
                "[p.amount, p.unit, p.amount_raw, p.unit_raw]")
                .toCypherLiteral(),
            "[9.6e+08, 't', '960000', 'kt']");
  // Withheld and text-only cells stay as data.
  EXPECT_GT(count(*db_, "MATCH ()-[p:PRODUCES]->() WHERE p.withheld RETURN count(p)"), 0);
  EXPECT_GT(count(*db_,
                  "MATCH ()-[p:HAS_RESERVES]->() WHERE p.amount IS NULL AND NOT "
                  "p.withheld RETURN count(p)"),
            0);
}

// Every country row of every file is loaded or reported skipped: the rows of each file,
// counted here line by line (the files hold no quoted line breaks), equal the loader's loaded
// plus skipped rows, and the loaded rows are the rows the relationships cite.
TEST_F(WorldUsgs, NoRowLost) {
  EXPECT_EQ(summary_->fileRows.size(), 166u);  // 12 + 77 + 77 files
  EXPECT_EQ(count(*db_, "MATCH (r:Resource) RETURN count(r)"), 77);
  for (const auto& f : summary_->fileRows) {
    std::ifstream in(f.file);
    std::string line;
    size_t rows = 0;
    std::getline(in, line);  // header
    while (std::getline(in, line))
      if (!line.empty() && line != "\r") ++rows;
    EXPECT_EQ(f.rows, rows) << f.file;
    EXPECT_EQ(f.loaded + f.skipped, f.rows) << f.file;
    std::string base = f.file.substr(f.file.rfind('/') + 1);
    int64_t cited = count(*db_,
                          "MATCH ()-[p]->(:Resource) UNWIND p.sources AS s WITH s WHERE s "
                          "CONTAINS ' — " +
                              base + " line ' RETURN count(DISTINCT s)");
    EXPECT_EQ(static_cast<size_t>(cited), f.loaded) << f.file;
  }
  EXPECT_EQ(summary_->skippedCount(
                "unmatched country name (add it to loaders/world/country_mapping.tsv)"),
            0u);
}

}  // namespace
}  // namespace silkgraph
