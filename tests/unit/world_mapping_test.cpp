// Entity resolution of countries (loaders/world/nation_resolver.h): the names and codes the
// sources write resolve to the right Nation, so that a change of the mapping table or of the
// resolver that breaks one fails here. Spellings from ../shared/data/SOURCES.md's table of
// naming mismatches.
#include <gtest/gtest.h>

#include "loaders/world/nation_resolver.h"
#include "world_test_util.h"

namespace silkgraph {
namespace {

using testing_world::haveSharedData;
using testing_world::sharedData;
using world::NationMatch;

TEST(WorldMapping, TableHasAVersionAndWellFormedRows) {
  EXPECT_GE(world::mappingTableVersion(), 1);
  for (const world::MappingRow& r : world::mappingTable()) {
    EXPECT_TRUE(r.iso3 == "-" || r.iso3.size() == 3) << "line " << r.line;
    EXPECT_FALSE(r.from.empty()) << "line " << r.line;
  }
}

TEST(WorldMapping, SourceSpellingsResolveToOneNation) {
  if (!haveSharedData()) GTEST_SKIP() << "../shared/data not found";
  Database db;
  db.importSource("countries", {sharedData() + "/countries"});
  world::NationResolver r(db.graph());
  struct Case {
    const char* scheme;
    const char* name;
    const char* iso3;
  };
  const Case names[] = {
      {"usgs", "Korea, Republic of", "KOR"},
      {"factbook", "South Korea", "KOR"},
      {"usgs", "Republic of Korea", "KOR"},
      {"usgs", "Korea, North", "PRK"},
      {"usgs", "Congo (Kinshasa)", "COD"},
      {"usgs", "Congo (Brazzaville)", "COG"},
      {"usgs", "Burma", "MMR"},
      {"usgs", "Turkey", "TUR"},
      {"usgs", "Côte d’Ivoire", "CIV"},
      {"usgs", "United\u00a0States", "USA"},
      {"wikidata", "People's Republic of China", "CHN"},
      {"usgs", "Russia", "RUS"},
  };
  for (const Case& c : names) {
    NationMatch m = r.byName(c.scheme, c.name);
    EXPECT_TRUE(m.ok()) << c.name;
    EXPECT_EQ(m.iso3, c.iso3) << c.name;
  }
  const Case codes[] = {
      {"fips", "KS", "KOR"},   {"fips", "KN", "PRK"},   {"fips", "CH", "CHN"},
      {"fips", "SZ", "CHE"},   {"fips", "RS", "RUS"},   {"fips", "TI", "TJK"},
      {"fips", "TX", "TKM"},   {"fips", "KZ", "KAZ"},   {"fips", "BM", "MMR"},
      {"fips", "CG", "COD"},   {"fips", "UK", "GBR"},   {"fips", "SF", "ZAF"},
      {"cameo", "KOR", "KOR"}, {"cameo", "CHN", "CHN"},
  };
  for (const Case& c : codes) {
    NationMatch m = r.byCode(c.scheme, c.name);
    EXPECT_TRUE(m.ok()) << c.name;
    EXPECT_EQ(m.iso3, c.iso3) << c.scheme << " " << c.name;
  }
  EXPECT_EQ(r.byCode("cameo", "EUR").kind, NationMatch::Kind::NotCountry);
  EXPECT_EQ(r.byName("usgs", "United States and Canada").kind, NationMatch::Kind::NotCountry);
  EXPECT_EQ(r.byName("usgs", "Atlantis").kind, NationMatch::Kind::Unmatched);
}

// Names compare in one form whether they are pure ASCII (the fast path) or not (libutf8proc).
TEST(WorldMapping, NamesNormalizeTheSameWithAndWithoutTheAsciiFastPath) {
  EXPECT_EQ(world::normalizeName("  Korea,\t South  "), "korea, south");
  EXPECT_EQ(world::normalizeName("Korea,\u00a0South"), "korea, south");  // no-break space
  EXPECT_EQ(world::normalizeName("Cote d'Ivoire"), "cote d'ivoire");
  EXPECT_EQ(world::normalizeName("Cote d\u2019IVOIRE"), "cote d'ivoire");  // typographic apostrophe
  EXPECT_EQ(world::normalizeName("T\u00dcRK\u0130YE"), world::normalizeName("T\u00fcrk\u0130ye"));
  // NFC: a decomposed u + diaeresis is the composed one.
  EXPECT_EQ(world::normalizeName("Tu\u0308rkiye"), world::normalizeName("T\u00fcrkiye"));
}

}  // namespace
}  // namespace silkgraph
