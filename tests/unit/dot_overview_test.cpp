// Pictures that stay readable (export/dot_exporter.h, export/dot_clusters.h): the refusal of
// too large a picture and --force, the layout chosen by size, --cluster-by by property and by
// relationship type, bundled parallel arrows with their count, and the table legend. The
// graph is the 250 nations of mledoze/countries (../shared/data/countries/countries.csv) with
// their subregions and land borders; every DOT text goes through the real Graphviz `dot`.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/graph.h"
#include "export/dot_clusters.h"
#include "export/dot_exporter.h"
#include "export/subgraph.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

// One CSV record (RFC 4180 quotes) split into fields.
std::vector<std::string> csvFields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::string countriesPath() {
  return std::string(SILKGRAPH_SOURCE_DIR) + "/../shared/data/countries/countries.csv";
}
// The tests draw real nations: without ../shared beside the checkout they are skipped.
#define SKIP_WITHOUT_COUNTRIES() \
  if (!std::ifstream(countriesPath())) GTEST_SKIP() << countriesPath() << " is not there"

struct World {
  Graph g;
  std::map<std::string, NodeId> byId;
  size_t borders = 0;
};

// Nations (id, name, subregion) and their land borders, each pair once.
std::unique_ptr<World> loadWorldPtr() {
  auto owner = std::make_unique<World>();
  World& w = *owner;
  std::ifstream in(countriesPath());
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = csvFields(line);
  auto col = [&](const std::string& name) {
    return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const size_t id = col("cca3"), name = col("name.common"), sub = col("subregion"),
               borders = col("borders");
  std::vector<std::pair<std::string, std::string>> pairs;
  const LabelId nation = w.g.internLabel("Nation");
  while (std::getline(in, line)) {
    const std::vector<std::string> f = csvFields(line);
    if (f.size() <= borders) continue;
    const NodeId n = w.g.createNode(std::span<const LabelId>(&nation, 1));
    w.g.setNodeProperty(n, w.g.internKey("id"), Value(f[id]));
    w.g.setNodeProperty(n, w.g.internKey("name"), Value(f[name]));
    if (!f[sub].empty()) w.g.setNodeProperty(n, w.g.internKey("subregion"), Value(f[sub]));
    w.byId[f[id]] = n;
    std::stringstream list(f[borders]);
    for (std::string other; std::getline(list, other, ',');)
      if (f[id] < other) pairs.emplace_back(f[id], other);
  }
  const TypeId type = w.g.internType("BORDERS");
  for (const auto& [a, b] : pairs) {
    if (!w.byId.count(b)) continue;
    w.g.createRel(w.byId[a], w.byId[b], type);
    ++w.borders;
  }
  return owner;
}

std::string exportDot(const Graph& g, const Subgraph& s, const DotOptions& o = {}) {
  std::ostringstream out;
  writeDot(g, s, out, o);
  return out.str();
}

// Runs the real `dot -Tsvg` on the text: its exit status and what it printed on stderr.
std::pair<int, std::string> runDot(const std::string& text) {
  testing::TempDir dir("sg-dot-overview");
  std::ofstream(dir / "g.dot", std::ios::binary) << text;
  const std::string cmd = "dot -Tsvg '" + (dir / "g.dot") + "' -o '" + (dir / "g.svg") + "' 2> '" +
                          (dir / "err.txt") + "'";
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, testing::readBytes(dir / "err.txt")};
}

TEST(DotOverview, RefusesTooLargeAPictureSayingHowManyAndWhatToDo) {
  SKIP_WITHOUT_COUNTRIES();
  std::unique_ptr<World> owner = loadWorldPtr();
  World& w = *owner;
  ASSERT_GT(w.byId.size(), 240u);  // the file has the 250 nations
  DotOptions small;
  small.maxNodes = 100;
  try {
    exportDot(w.g, wholeGraph(w.g), small);
    FAIL() << "not refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ArgumentError);
    const std::string m = std::string(e.what());
    EXPECT_NE(m.find(std::to_string(w.byId.size()) + " nodes and " + std::to_string(w.borders) +
                     " relationships"),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("at most 100 nodes"), std::string::npos) << m;
    EXPECT_NE(m.find("--query"), std::string::npos) << m;
    EXPECT_NE(m.find("LIMIT"), std::string::npos) << m;
    EXPECT_NE(m.find("--force"), std::string::npos) << m;
  }
  small.force = true;
  EXPECT_NE(exportDot(w.g, wholeGraph(w.g), small).find("digraph"), std::string::npos);
  // The default limits draw the whole world.
  EXPECT_NO_THROW(exportDot(w.g, wholeGraph(w.g)));
}

TEST(DotOverview, LayoutBySizeAndOverride) {
  SKIP_WITHOUT_COUNTRIES();
  std::unique_ptr<World> owner = loadWorldPtr();
  World& w = *owner;
  const std::string big = exportDot(w.g, wholeGraph(w.g));
  EXPECT_NE(big.find("layout=sfdp"), std::string::npos);
  EXPECT_NE(big.find("overlap=prism"), std::string::npos);
  EXPECT_EQ(big.find("BORDERS\""), std::string::npos) << "an overview labels no single arrow";
  EXPECT_EQ(runDot(big), std::make_pair(0, std::string()));

  Subgraph central;
  for (const char* id : {"KAZ", "KGZ", "TJK", "TKM", "UZB"}) central.nodes.push_back(w.byId[id]);
  const std::string small = exportDot(w.g, central);
  EXPECT_EQ(small.find("layout="), std::string::npos) << "small pictures stay layered (dot)";
  EXPECT_NE(small.find("rankdir"), std::string::npos);

  DotOptions neato;
  neato.layout = "neato";
  EXPECT_NE(exportDot(w.g, central, neato).find("layout=neato"), std::string::npos);
  DotOptions bad;
  bad.layout = "spring";
  EXPECT_THROW(exportDot(w.g, central, bad), Error);
  EXPECT_TRUE(isDotLayout("twopi"));
  EXPECT_FALSE(isDotLayout("spring"));
}

TEST(DotOverview, ClusterByProperty) {
  SKIP_WITHOUT_COUNTRIES();
  std::unique_ptr<World> owner = loadWorldPtr();
  World& w = *owner;
  DotOptions o;
  o.clusterBy = "subregion";
  const std::string dot = exportDot(w.g, wholeGraph(w.g), o);
  EXPECT_NE(dot.find("layout=fdp"), std::string::npos) << "sfdp draws no clusters";
  const size_t at = dot.find("label=\"Central Asia\"");
  ASSERT_NE(at, std::string::npos);
  const std::string block = dot.substr(at, dot.find('}', at) - at);
  for (const char* id : {"KAZ", "KGZ", "TJK", "TKM", "UZB"})
    EXPECT_NE(block.find(" n" + std::to_string(w.byId[id]) + ";"), std::string::npos) << id;
  EXPECT_EQ(block.find(" n" + std::to_string(w.byId["KOR"]) + ";"), std::string::npos);
  EXPECT_EQ(runDot(dot), std::make_pair(0, std::string()));
  o.clusterBy = "continent";
  EXPECT_THROW(exportDot(w.g, wholeGraph(w.g), o), Error);
}

TEST(DotOverview, ClusterByRelationshipType) {
  SKIP_WITHOUT_COUNTRIES();
  std::unique_ptr<World> owner = loadWorldPtr();
  World& w = *owner;
  // Central Asia as a node the five nations are PART_OF (mledoze/countries subregion).
  const LabelId regionLabel = w.g.internLabel("Region");
  const NodeId region = w.g.createNode(std::span<const LabelId>(&regionLabel, 1));
  w.g.setNodeProperty(region, w.g.internKey("name"), Value("Central Asia"));
  Subgraph sub;
  for (const char* id : {"KAZ", "KGZ", "TJK", "TKM", "UZB"})
    sub.rels.push_back(w.g.createRel(w.byId[id], region, w.g.internType("PART_OF")));
  sub.nodes.push_back(w.byId["CHN"]);
  std::sort(sub.nodes.begin(), sub.nodes.end());
  const DotClusters c = clusterNodes(w.g, {w.byId["KAZ"], w.byId["CHN"], region}, "PART_OF");
  ASSERT_EQ(c.names, std::vector<std::string>{"Central Asia"});
  EXPECT_EQ(c.clusterOf.at(w.byId["KAZ"]), 0u);
  EXPECT_EQ(c.clusterOf.at(region), 0u);
  EXPECT_EQ(c.clusterOf.count(w.byId["CHN"]), 0u);
  DotOptions o;
  o.clusterBy = "PART_OF";
  const std::string dot = exportDot(w.g, sub, o);
  EXPECT_NE(dot.find("subgraph cluster_0"), std::string::npos) << dot;
  EXPECT_EQ(runDot(dot), std::make_pair(0, std::string()));
}

TEST(DotOverview, BundlesParallelArrowsWithTheirCountAndAddsALegend) {
  SKIP_WITHOUT_COUNTRIES();
  std::unique_ptr<World> owner = loadWorldPtr();
  World& w = *owner;
  // Three more borders KAZ -> CHN in the overview: one arrow "×4" (the original and three).
  const NodeId kaz = w.byId["KAZ"], chn = w.byId["CHN"];
  const TypeId borders = w.g.typeId("BORDERS");
  const bool kazFirst = kaz < chn;  // loadWorld stored the pair in id order
  for (int i = 0; i < 3; ++i)
    kazFirst ? w.g.createRel(kaz, chn, borders) : w.g.createRel(chn, kaz, borders);
  const std::string dot = exportDot(w.g, wholeGraph(w.g));
  const std::string arrow = kazFirst ? "n" + std::to_string(kaz) + " -> n" + std::to_string(chn)
                                     : "n" + std::to_string(chn) + " -> n" + std::to_string(kaz);
  const size_t at = dot.find(arrow + " [");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(dot.substr(at, dot.find('\n', at) - at).find("label=\"\u00d74\""), std::string::npos);
  EXPECT_EQ(dot.find(arrow + " [", at + 1), std::string::npos) << "one arrow for the four";
  // The legend counts the nodes of each label and the relationships of each type drawn.
  EXPECT_NE(dot.find(">Nation</td><td align=\"left\">" + std::to_string(w.byId.size()) + "<"),
            std::string::npos);
  EXPECT_NE(
      dot.find(" BORDERS</font></td><td align=\"left\">" + std::to_string(w.borders + 3) + "<"),
      std::string::npos);
  EXPECT_EQ(runDot(dot), std::make_pair(0, std::string()));
}

}  // namespace
}  // namespace silkgraph
