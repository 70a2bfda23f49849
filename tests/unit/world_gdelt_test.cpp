// The `gdelt` source loader on the real GDELT 2.0 export in ../shared/data/gdelt (one 15-minute
// update of 2019-10-24, 2,111 events; SOURCES.md: actor country codes are CAMEO, ActionGeo
// codes FIPS 10-4, 18 events between Japan and Turkmenistan) and on small malformed copies.
// Expected numbers are computed here from the file itself, read independently.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "world_test_util.h"

namespace silkgraph {
namespace {

using testing_world::count;
using testing_world::haveSharedData;
using testing_world::one;
using testing_world::sharedData;

std::string exportFile() {
  return sharedData() + "/gdelt/20191024143000.export.CSV";
}

std::vector<std::vector<std::string>> readRows(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream s(line);
    std::string cell;
    while (std::getline(s, cell, '\t')) f.push_back(cell);
    if (!line.empty() && line.back() == '\t') f.push_back("");
    rows.push_back(f);
  }
  return rows;
}

std::set<std::string> nationIds(Database& db) {
  std::set<std::string> ids;
  for (const auto& row : db.execute("MATCH (n:Nation) RETURN n.id").rows)
    ids.insert(row[0].asString());
  return ids;
}

class WorldGdelt : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!haveSharedData()) GTEST_SKIP() << "../shared/data not found";
    db.importSource("countries", {sharedData() + "/countries"});
    dir = std::filesystem::temp_directory_path() /
          ("sg_gdelt_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  // A copy of the real export's first `n` rows, with `edit` applied to row `at` (0-based).
  std::string copy(size_t n, size_t at, const std::function<void(std::string&)>& edit) {
    std::ifstream in(exportFile());
    std::string path = (dir / "edited.export.CSV").string();
    std::ofstream out(path);
    std::string line;
    for (size_t i = 0; i < n && std::getline(in, line); ++i) {
      if (i == at) edit(line);
      out << line << "\n";
    }
    return path;
  }

  Database db;
  std::filesystem::path dir;
};

TEST_F(WorldGdelt, EveryEventBetweenTwoNationsLoadedTheRestReported) {
  world::ImportSummary s = db.importSource("gdelt", {sharedData() + "/gdelt"});
  std::set<std::string> nations = nationIds(db);
  auto rows = readRows(exportFile());
  size_t between = 0, japanTurkmenistan = 0;
  std::map<std::string, size_t> regions;
  for (const auto& f : rows) {
    ASSERT_EQ(f.size(), 61u);
    const std::string &a = f[7], &b = f[17];
    if (nations.count(a) && nations.count(b)) ++between;
    if ((a == "JPN" && b == "TKM") || (a == "TKM" && b == "JPN")) ++japanTurkmenistan;
  }
  ASSERT_EQ(s.fileRows.size(), 1u);
  EXPECT_EQ(s.fileRows[0].rows, rows.size());
  EXPECT_EQ(s.fileRows[0].loaded, between);
  EXPECT_EQ(s.fileRows[0].loaded + s.fileRows[0].skipped, s.fileRows[0].rows);
  EXPECT_EQ(static_cast<size_t>(count(db, "MATCH ()-[e:GDELT_EVENT]->() RETURN count(e)")),
            between);
  EXPECT_EQ(static_cast<size_t>(count(db,
                                      "MATCH (:Nation {id: 'JPN'})-[e:GDELT_EVENT]-(:Nation {id: "
                                      "'TKM'}) RETURN count(e)")),
            japanTurkmenistan);
  EXPECT_EQ(japanTurkmenistan, 18u);  // SOURCES.md
  // CAMEO regions are reported as not nations, every one with its code; nothing unmatched.
  EXPECT_GT(s.skippedCount("actor country code AFR is not a nation: Africa (CAMEO region)"), 0u);
  for (const auto& skip : s.skipped)
    EXPECT_EQ(skip.reason.find("unmatched"), std::string::npos) << skip.reason;
  size_t reported = 0;
  for (const auto& skip : s.skipped)
    if (skip.reason.find("actor") != std::string::npos) reported += skip.count;
  EXPECT_EQ(reported, rows.size() - between);
}

TEST_F(WorldGdelt, PropertiesAsPublishedWithCameoRootNamesAndFipsPlaces) {
  db.importSource("gdelt", {exportFile()});
  // Pick a loaded event of the file and compare every property with its row.
  auto rows = readRows(exportFile());
  std::set<std::string> nations = nationIds(db);
  size_t checked = 0;
  for (const auto& f : rows) {
    if (!nations.count(f[7]) || !nations.count(f[17]) || f[53] != "KS") continue;
    QueryResult r = db.execute(
        "MATCH (a)-[e:GDELT_EVENT {event_id: " + f[0] +
        "}]->(b) RETURN a.id, b.id, e.cameo_root, e.event_code, e.goldstein, e.tone, e.mentions, "
        "e.source_url, e.action_country, toString(e.date), e.sources[0]");
    ASSERT_EQ(r.rows.size(), 1u) << f[0];
    EXPECT_EQ(r.rows[0][0].asString(), f[7]);
    EXPECT_EQ(r.rows[0][1].asString(), f[17]);
    EXPECT_EQ(r.rows[0][2].asString(), f[28]);
    EXPECT_EQ(r.rows[0][3].asString(), f[26]);
    EXPECT_DOUBLE_EQ(r.rows[0][4].asNumber(), std::stod(f[30]));
    EXPECT_DOUBLE_EQ(r.rows[0][5].asNumber(), std::stod(f[34]));
    EXPECT_EQ(r.rows[0][6].asInt(), std::stoll(f[31]));
    EXPECT_EQ(r.rows[0][7].asString(), f[60]);
    EXPECT_EQ(r.rows[0][8].asString(), "KOR");  // FIPS KS is South Korea
    EXPECT_EQ(r.rows[0][9].asString(),
              f[1].substr(0, 4) + "-" + f[1].substr(4, 2) + "-" + f[1].substr(6, 2));
    EXPECT_NE(r.rows[0][10].asString().find("20191024143000.export.CSV"), std::string::npos);
    ++checked;
  }
  EXPECT_GT(checked, 0u);
  // Root names from loaders/world/cameo_roots.tsv (GDELT's CAMEO.eventcodes.txt).
  EXPECT_EQ(one(db,
                "MATCH ()-[e:GDELT_EVENT {cameo_root: '04'}]->() RETURN DISTINCT "
                "e.cameo_root_name")
                .asString(),
            "CONSULT");
  EXPECT_EQ(count(db,
                  "MATCH ()-[e:GDELT_EVENT]->() WHERE e.cameo_root_name IS NULL RETURN "
                  "count(e)"),
            0);
}

TEST_F(WorldGdelt, UnmatchedCodesAreReportedWithCountsAndExamples) {
  std::string path = copy(50, 3, [](std::string& line) {
    std::vector<std::string> f;
    std::stringstream s(line);
    std::string cell;
    while (std::getline(s, cell, '\t')) f.push_back(cell);
    if (line.back() == '\t') f.push_back("");
    f[7] = "QQQ";
    f[17] = "USA";
    line.clear();
    for (size_t i = 0; i < f.size(); ++i) line += (i ? "\t" : "") + f[i];
  });
  world::ImportSummary s = db.importSource("gdelt", {path});
  const std::string reason =
      "unmatched CAMEO actor country code QQQ (add it to loaders/world/country_mapping.tsv)";
  EXPECT_EQ(s.skippedCount(reason), 1u);
  for (const auto& skip : s.skipped)
    if (skip.reason == reason) {
      ASSERT_EQ(skip.examples.size(), 1u);
      EXPECT_NE(skip.examples[0].find("edited.export.CSV:4"), std::string::npos);
    }
  EXPECT_NE(s.text().find(reason), std::string::npos);
}

TEST_F(WorldGdelt, MalformedRowsNameFileLineColumnAndLoadNothing) {
  struct Case {
    std::function<void(std::string&)> edit;
    std::string message;
    uint32_t col;  // 0: not checked
  };
  std::vector<Case> cases = {
      {[](std::string& l) { l = l.substr(0, l.rfind('\t')); },
       "expected 61 tab-separated fields (a GDELT 2.0 event export row), got 60", 0},
      {[](std::string& l) { l.replace(l.find('\t') + 1, 8, "20191332"); },
       "SQLDATE is not a date YYYYMMDD", 11},
      {[](std::string& l) { l.replace(0, l.find('\t'), "88x"); }, "GLOBALEVENTID is not an integer",
       1},
      {[](std::string& l) { l += "\xff"; }, "the row is not valid UTF-8", 0},
  };
  for (const Case& c : cases) {
    std::string path = copy(20, 6, c.edit);
    try {
      db.importSource("gdelt", {path});
      ADD_FAILURE() << "expected an error for " << c.message;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
      EXPECT_EQ(std::filesystem::path(e.file()).filename(), "edited.export.CSV");
      EXPECT_EQ(e.pos().line, 7u) << e.what();
      if (c.col) {
        EXPECT_EQ(e.pos().col, c.col) << e.what();
      }
    }
    EXPECT_EQ(count(db, "MATCH ()-[e]->() WHERE type(e) = 'GDELT_EVENT' RETURN count(e)"), 0);
  }
}

}  // namespace
}  // namespace silkgraph
