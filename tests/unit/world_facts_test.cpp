// The `facts` source loader on the real fact table (../shared/data/facts; its README.md: 183
// facts, 104 entities, 161 sources; F001 is the 17th forum HELD_IN KOR on 2024-11-04, F064
// Yoon Suk Yeol's presidency 2022-05-10 to 2025-04-04) and on small malformed copies of it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "world_test_util.h"

namespace silkgraph {
namespace {

using testing_world::count;
using testing_world::haveSharedData;
using testing_world::one;
using testing_world::sharedData;

size_t dataRows(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  size_t rows = 0;
  std::getline(in, line);
  while (std::getline(in, line))
    if (!line.empty()) ++rows;
  return rows;
}

TEST(WorldFacts, EveryFactAndEntityWithItsCitation) {
  if (!haveSharedData()) GTEST_SKIP() << "../shared/data not found";
  Database db;
  db.importSource("countries", {sharedData() + "/countries"});
  world::ImportSummary s = db.importSource("facts", {sharedData() + "/facts"});
  ASSERT_EQ(s.fileRows.size(), 3u);  // entities.csv, facts.csv, sources.csv
  for (const auto& f : s.fileRows) {
    EXPECT_EQ(f.rows, dataRows(f.file)) << f.file;
    EXPECT_EQ(f.loaded + f.skipped, f.rows) << f.file;
    EXPECT_EQ(f.skipped, 0u) << f.file;
  }
  EXPECT_EQ(s.fileRows[1].rows, 183u);
  // Every fact row is one relationship that keeps its fact_id; the 13 Nation entities are the
  // Nations of countries.json, the 91 others are new nodes.
  EXPECT_EQ(count(db, "MATCH ()-[r]->() WHERE r.fact_id IS NOT NULL RETURN count(r)"), 183);
  EXPECT_EQ(count(db,
                  "MATCH ()-[r]->() WHERE r.fact_id IS NOT NULL RETURN count(DISTINCT "
                  "r.fact_id)"),
            183);
  EXPECT_EQ(s.nodeCount(), 91u);
  EXPECT_EQ(count(db, "MATCH (n) WHERE n.sources IS NULL RETURN count(n)"), 0);
  EXPECT_EQ(count(db, "MATCH ()-[r]->() WHERE r.sources IS NULL RETURN count(r)"), 0);
  // F001: the forum was held in Seoul on 2024-11-04 (a day: no valid_precision).
  QueryResult r = db.execute(
      "MATCH (:Event {id: 'forum_17_2024'})-[h:HELD_IN {fact_id: 'F001'}]->(n:Nation) RETURN "
      "n.id, h.city, toString(h.valid_from), h.valid_precision, h.confidence, h.sources[0]");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].asString(), "KOR");
  EXPECT_EQ(r.rows[0][1].asString(), "Seoul");
  EXPECT_EQ(r.rows[0][2].asString(), "2024-11-04");
  EXPECT_TRUE(r.rows[0][3].isNull());
  EXPECT_EQ(r.rows[0][4].asString(), "high");
  EXPECT_EQ(r.rows[0][5].asString(),
            "The Asia Business Daily (Asia Economy), \"[Opening ceremony of the MOFA-hosted 17th "
            "Korea-Central Asia Cooperation Forum]\", 2024-11-04, "
            "https://cm.asiae.co.kr/en/article/2024110413450000583 — facts.csv line 2 (F001)");
  // F064: Yoon Suk Yeol, president 2022-05-10 to 2025-04-04.
  EXPECT_EQ(one(db,
                "MATCH (:Leader {id: 'yoon_suk_yeol'})-[h:HOLDS_OFFICE {fact_id: 'F064'}]->"
                "(:Nation {id: 'KOR'}) RETURN toString(h.valid_to)")
                .asString(),
            "2025-04-04");
  // A share for a year holds for the whole year (facts.csv: valid_from = valid_to = a year).
  EXPECT_EQ(count(db,
                  "MATCH ()-[s:SUPPLIES]->() WHERE s.valid_precision = 'year' AND "
                  "s.valid_from.month = 1 AND s.valid_to.month = 12 AND s.valid_to.day = 31 "
                  "RETURN count(s)"),
            count(db,
                  "MATCH ()-[s:SUPPLIES]->() WHERE s.valid_precision = 'year' RETURN "
                  "count(s)"));
  // Lists stay lists; the companies are BASED_IN their country.
  EXPECT_EQ(one(db,
                "MATCH ()-[t:HAS_TOPIC]->() WHERE t.all_topics IS NOT NULL RETURN "
                "size(t.all_topics)")
                .asInt(),
            6);
  EXPECT_GT(count(db, "MATCH (:Company)-[b:BASED_IN]->(:Nation) RETURN count(b)"), 0);
}

TEST(WorldFacts, ImportingTheTableAgainAddsNothing) {
  if (!haveSharedData()) GTEST_SKIP() << "../shared/data not found";
  Database db;
  db.importSource("countries", {sharedData() + "/countries"});
  db.importSource("facts", {sharedData() + "/facts"});
  int64_t nodes = count(db, "MATCH (n) RETURN count(n)");
  int64_t rels = count(db, "MATCH ()-[r]->() RETURN count(r)");
  world::ImportSummary s = db.importSource("facts", {sharedData() + "/facts"});
  EXPECT_EQ(s.skippedCount("fact already in the graph (an earlier import of the table)"), 183u);
  EXPECT_EQ(count(db, "MATCH (n) RETURN count(n)"), nodes);
  EXPECT_EQ(count(db, "MATCH ()-[r]->() RETURN count(r)"), rels);  // BASED_IN only for new entities
}

TEST(WorldFacts, EntitiesAnEarlierImportMadeAreUsedAsTheyAre) {
  if (!haveSharedData()) GTEST_SKIP() << "../shared/data not found";
  Database db;
  db.importSource("countries", {sharedData() + "/countries"});
  db.importSource("usgs-mcs", {sharedData() + "/usgs_mcs/mcs2024_world"});
  int64_t lithium = count(db, "MATCH (r:Resource {id: 'lithium'}) RETURN count(r)");
  ASSERT_EQ(lithium, 1);
  world::ImportSummary s = db.importSource("facts", {sharedData() + "/facts"});
  EXPECT_GT(s.skippedCount("entity already in the graph from an earlier import (that node is "
                           "used; the row's name and properties are not added)"),
            0u);
  EXPECT_EQ(count(db, "MATCH (r:Resource {id: 'lithium'}) RETURN count(r)"), 1);
  EXPECT_GT(count(db,
                  "MATCH (:Nation)-[s:SUPPLIES]->() WHERE s.resource_id = 'lithium' RETURN "
                  "count(s)"),
            0);
}

// A Nation entity's names that countries.json does not give (entities.csv: KOR is also
// "Korea" and "ROK") become aliases of the Nation, with the row cited, so resolve() and later
// sources find the country by them; the names it had stay, and importing again adds nothing.
TEST(WorldFacts, NationEntityNamesBecomeAliasesOfTheNation) {
  if (!haveSharedData()) GTEST_SKIP() << "../shared/data not found";
  Database db;
  db.importSource("countries", {sharedData() + "/countries"});
  EXPECT_EQ(count(db,
                  "MATCH (n:Nation {id: 'KOR'}) RETURN size([a IN n.aliases WHERE a IN "
                  "['Korea', 'ROK']])"),
            0);
  int64_t before = count(db, "MATCH (n:Nation {id: 'KOR'}) RETURN size(n.aliases)");
  world::ImportSummary s = db.importSource("facts", {sharedData() + "/facts"});
  EXPECT_EQ(count(db,
                  "MATCH (n:Nation {id: 'KOR'}) RETURN size([a IN n.aliases WHERE a IN "
                  "['Korea', 'ROK', 'Republic of Korea']])"),
            3);
  int64_t after = count(db, "MATCH (n:Nation {id: 'KOR'}) RETURN size(n.aliases)");
  EXPECT_EQ(after, before + 2);  // "Republic of Korea", 대한민국 and 한국 it had already
  EXPECT_EQ(one(db, "RETURN resolve('ROK').id").asString(), "KOR");
  EXPECT_EQ(one(db, "MATCH (n:Nation {id: 'KOR'}) RETURN n.sources[1]").asString(),
            "Korea-Central Asia fact table (hand-compiled from the public pages listed in "
            "sources.csv) — entities.csv line 2 (KOR)");
  // The 13 Nation entities cite their row; Nations the table does not name do not.
  EXPECT_EQ(count(db,
                  "MATCH (n:Nation) WHERE any(c IN n.sources WHERE c CONTAINS 'entities.csv') "
                  "RETURN count(n)"),
            13);
  EXPECT_EQ(s.skippedCount("alias of a Nation entity that names another Nation"), 0u);
  db.importSource("facts", {sharedData() + "/facts"});
  EXPECT_EQ(count(db, "MATCH (n:Nation {id: 'KOR'}) RETURN size(n.aliases)"), after);
  EXPECT_EQ(count(db, "MATCH (n:Nation {id: 'KOR'}) RETURN size(n.sources)"), 2);
}

// A copy of the fact table with one row replaced, for the malformed-row cases.
class FactsMalformed : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!haveSharedData()) GTEST_SKIP() << "../shared/data not found";
    dir_ = std::filesystem::temp_directory_path() /
           ("sg_facts_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    db_.importSource("countries", {sharedData() + "/countries"});
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes entities.csv and facts.csv: the real entities and a header plus `factRows`.
  std::string write(const std::string& factRows) {
    std::filesystem::copy_file(sharedData() + "/facts/entities.csv", dir_ / "entities.csv",
                               std::filesystem::copy_options::overwrite_existing);
    std::ofstream f(dir_ / "facts.csv");
    f << "fact_id,subject,subject_type,relation,object,object_type,properties,valid_from,"
         "valid_to,source_title,source_url,publisher,published,confidence,notes\n"
      << factRows;
    return dir_.string();
  }

  // The error of importing `factRows`: "facts.csv:line:col: message", and the graph unchanged.
  std::string error(const std::string& factRows) {
    std::string d = write(factRows);
    int64_t before = count(db_, "MATCH (n) RETURN count(n)");
    try {
      db_.importSource("facts", {d});
    } catch (const Error& e) {
      EXPECT_EQ(count(db_, "MATCH (n) RETURN count(n)"), before);
      EXPECT_EQ(count(db_, "MATCH ()-[r]->() WHERE r.fact_id IS NOT NULL RETURN count(r)"), 0);
      std::string file = std::filesystem::path(e.file()).filename().string();
      return file + ":" + std::to_string(e.pos().line) + ":" + std::to_string(e.pos().col) + ": " +
             e.what();
    }
    return "no error";
  }

  std::filesystem::path dir_;
  Database db_;
};

const char* kGood =
    "F001,forum_17_2024,Event,HELD_IN,KOR,Nation,\"{\"\"city\"\": \"\"Seoul\"\"}\",2024-11-04,"
    "2024-11-04,A title,https://example.org/a,A publisher,2024-11-04,high,\n";

TEST_F(FactsMalformed, AGoodRowLoads) {
  std::string d = write(kGood);
  world::ImportSummary s = db_.importSource("facts", {d});
  EXPECT_EQ(s.fileRows[1].loaded, 1u);
  EXPECT_EQ(count(db_, "MATCH ()-[h:HELD_IN]->() RETURN count(h)"), 1);
}

// An alias that is another Nation's name is reported, not added: one name, one country.
TEST_F(FactsMalformed, ANationAliasThatNamesAnotherNationIsReported) {
  std::string d = write(kGood);
  std::ifstream in(dir_ / "entities.csv");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  std::string from = "South Korea,Republic of Korea;ROK;";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "South Korea,Republic of Korea;North Korea;ROK;");
  std::ofstream(dir_ / "entities.csv") << text;
  world::ImportSummary s = db_.importSource("facts", {d});
  EXPECT_EQ(s.skippedCount("alias of a Nation entity that names another Nation"), 1u);
  EXPECT_EQ(count(db_, "MATCH (n:Nation) WHERE 'North Korea' IN n.aliases RETURN count(n)"), 0);
  EXPECT_EQ(one(db_, "RETURN resolve('ROK').id").asString(), "KOR");
}

TEST_F(FactsMalformed, BadJsonPointsAtItsCharacter) {
  // Line 3, the properties cell starts at column 45 (its quote); the JSON's 'x' is 12 further
  // in the file because each "" counts twice.
  EXPECT_EQ(error(std::string(kGood) +
                  "F002,forum_17_2024,Event,HELD_IN,KOR,Nation,\"{\"\"city\"\": x}\",,,T,"
                  "https://example.org/a,P,,high,\n"),
            "facts.csv:3:57: properties is not valid JSON: syntax error while parsing value - "
            "invalid literal; last read: '\"city\": x'");
}

TEST_F(FactsMalformed, EachCheckNamesItsCell) {
  auto row = [](const std::string& cells) { return std::string(kGood) + cells + "\n"; };
  EXPECT_EQ(error(row("F001,forum_17_2024,Event,HELD_IN,KOR,Nation,,,,T,u,P,,high,")),
            "facts.csv:3:1: fact F001 is listed twice (first on line 2)");
  EXPECT_EQ(error(row("F002,nowhere,Event,HELD_IN,KOR,Nation,,,,T,u,P,,high,")),
            "facts.csv:3:6: subject nowhere is not an entity of entities.csv");
  EXPECT_EQ(error(row("F002,forum_17_2024,Leader,HELD_IN,KOR,Nation,,,,T,u,P,,high,")),
            "facts.csv:3:20: subject_type string \"Leader\" differs from the type of "
            "forum_17_2024 in entities.csv (Event, line 77)");
  EXPECT_EQ(error(row("F002,forum_17_2024,Event,held in,KOR,Nation,,,,T,u,P,,high,")),
            "facts.csv:3:26: relation string \"held in\" is not a relationship type (A-Z, digits "
            "and '_', e.g. HOLDS_OFFICE)");
  EXPECT_EQ(error(row("F002,forum_17_2024,Event,HELD_IN,KOR,Nation,,2024-13-01,,T,u,P,,high,")),
            "facts.csv:3:46: valid_from is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD), "
            "got string \"2024-13-01\"");
  EXPECT_EQ(error(row("F002,forum_17_2024,Event,HELD_IN,KOR,Nation,,2024,2023,T,u,P,,high,")),
            "facts.csv:3:51: valid_to 2023 is before valid_from 2024");
  EXPECT_EQ(error(row("F002,forum_17_2024,Event,HELD_IN,KOR,Nation,,,,T,u,P,,sure,")),
            "facts.csv:3:55: confidence must be high, medium or low, got string \"sure\"");
  EXPECT_EQ(error(row("F002,forum_17_2024,Event,HELD_IN,KOR,Nation,,,,,,P,,high,")),
            "facts.csv:3:48: a fact needs its source: source_title and source_url are empty");
  EXPECT_EQ(error(row("F002,forum_17_2024,Event,HELD_IN,KOR,Nation,\"{\"\"notes\"\": 1}\",,,T,u,"
                      "P,,high,")),
            "facts.csv:3:45: properties may not set 'notes': it is a column of the row");
  EXPECT_EQ(error(row("F002,forum_17_2024,Event,HELD_IN,KOR,Nation")),
            "facts.csv:3:1: row has 6 fields, fewer than the header");
  // A property the world schema declares must fit its type (HOLDS_OFFICE.title is a string).
  EXPECT_EQ(error(row("F002,yoon_suk_yeol,Leader,HOLDS_OFFICE,KOR,Nation,\"{\"\"title\"\": 1}\","
                      ",,T,u,P,,high,")),
            "facts.csv:3:1: property 'title' of HOLDS_OFFICE expects string, got a value of type "
            "Integer (the database's schema declares it otherwise)");
}

}  // namespace
}  // namespace silkgraph
