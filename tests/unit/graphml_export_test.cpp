// Tests of the GraphML exporter: the file is read back by NetworkX (python3-networkx, a
// declared dependency), the way users of NetworkX, Gephi and yEd will consume it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/graph.h"
#include "export/graphml_exporter.h"
#include "export/subgraph.h"

namespace silkgraph {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class GraphmlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("silkgraph-graphml-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  NodeId node(std::vector<std::string> labels, std::vector<std::pair<std::string, Value>> props) {
    std::vector<LabelId> ids;
    for (const auto& l : labels) ids.push_back(g_.internLabel(l));
    const NodeId n = g_.createNode(ids);
    for (const auto& [k, v] : props) g_.setNodeProperty(n, g_.internKey(k), v);
    return n;
  }
  RelId rel(NodeId a, NodeId b, const std::string& type,
            std::vector<std::pair<std::string, Value>> props = {}) {
    const RelId r = g_.createRel(a, b, g_.internType(type));
    for (const auto& [k, v] : props) g_.setRelProperty(r, g_.internKey(k), v);
    return r;
  }

  // Writes the GraphML file and reads it back with networkx.read_graphml; returns what
  // networkx saw as JSON: {"multigraph", "directed", "nodes": {id: attrs}, "edges": [...]},
  // each attribute as [python type name, value].
  json roundTrip(const Subgraph& s) {
    const fs::path file = dir_ / "graph.graphml";
    {
      std::ofstream out(file, std::ios::binary);
      writeGraphml(g_, s, out);
    }
    xml_ = slurp(file);
    const fs::path script = dir_ / "read.py";
    std::ofstream(script) << R"PY(
import json, sys
try:
    import networkx as nx
except ImportError as e:
    print("NETWORKX_MISSING: " + str(e))
    sys.exit(3)
g = nx.read_graphml(sys.argv[1])
def attrs(d):
    return {k: [type(v).__name__, v] for k, v in d.items()}
edges = []
if g.is_multigraph():
    for u, v, k, d in g.edges(keys=True, data=True):
        edges.append({"source": u, "target": v, "key": k, "attrs": attrs(d)})
else:
    for u, v, d in g.edges(data=True):
        edges.append({"source": u, "target": v, "attrs": attrs(d)})
print(json.dumps({"multigraph": g.is_multigraph(), "directed": g.is_directed(),
                  "nodes": {n: attrs(d) for n, d in g.nodes(data=True)}, "edges": edges}))
)PY";
    const fs::path out = dir_ / "out.json";
    const fs::path err = dir_ / "err.txt";
    const std::string cmd = "python3 '" + script.string() + "' '" + file.string() + "' > '" +
                            out.string() + "' 2> '" + err.string() + "'";
    const int status = std::system(cmd.c_str());
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    const std::string stdoutText = slurp(out);
    if (code == 3 || code == 127) {
      ADD_FAILURE() << "python3 with networkx is required to check GraphML output; install it "
                       "with: apt-get install -y python3 python3-networkx ("
                    << stdoutText << slurp(err) << ")";
      return json();
    }
    if (code != 0) {
      ADD_FAILURE() << "networkx.read_graphml rejected the file (exit " << code << "):\n"
                    << slurp(err) << "\n"
                    << xml_;
      return json();
    }
    return json::parse(stdoutText);
  }

  Graph g_;
  fs::path dir_;
  std::string xml_;
};

std::string key(NodeId n) {
  return "n" + std::to_string(n);
}

TEST_F(GraphmlTest, NetworkxReadsTypesLabelsAndNastyText) {
  Date since;
  ASSERT_TRUE(parseDate("2024-11-04", since));
  const std::string nasty = "quote\"back\\slash\nnewline <tag> & 'apos' \x01 \xff end";
  const NodeId kor =
      node({"Nation"}, {{"id", Value("KOR")},
                        {"name", Value("South Korea")},
                        {"aliases", Value(ValueList{Value("ROK"), Value("대한민국")})},
                        {"area_km2", Value(100210.0)},
                        {"population", Value(int64_t{51700000})},
                        {"landlocked", Value(false)}});
  const NodeId kaz = node({"Nation", "Member"}, {{"id", Value("KAZ")},
                                                 {"name", Value("Қазақстан")},
                                                 {"area_km2", Value(int64_t{2724900})},
                                                 {"landlocked", Value(true)},
                                                 {"founded", Value(since)}});
  const NodeId odd = node({}, {{"name", Value(nasty)},
                               {"labels", Value("my own labels property")},
                               {"meta", Value(ValueMap{{"k", Value(1)}, {"s", Value("x\"y")}})},
                               {"mixed", Value(1)}});
  node({"Nation"}, {{"id", Value("CHN")}, {"mixed", Value("one")}});
  const RelId s1 = rel(kaz, kor, "SUPPLIES",
                       {{"resource", Value("uranium")},
                        {"year", Value(2023)},
                        {"share_pct", Value(12.5)},
                        {"type", Value("shadowed")}});
  const RelId s2 = rel(kaz, kor, "SUPPLIES", {{"resource", Value("REE")}, {"year", Value(2024)}});
  rel(odd, odd, "SELF \"loop\"");

  const json r = roundTrip(wholeGraph(g_));
  ASSERT_FALSE(r.is_null());
  EXPECT_TRUE(r["directed"].get<bool>());
  EXPECT_TRUE(r["multigraph"].get<bool>());  // two parallel SUPPLIES edges
  ASSERT_EQ(r["nodes"].size(), 4u);
  ASSERT_EQ(r["edges"].size(), 3u);

  const json& k = r["nodes"][key(kor)];
  EXPECT_EQ(k["labels"], json::array({"str", ":Nation"}));
  EXPECT_EQ(k["id"], json::array({"str", "KOR"}));
  EXPECT_EQ(k["population"], json::array({"int", 51700000}));
  EXPECT_EQ(k["area_km2"], json::array({"float", 100210.0}));
  EXPECT_EQ(k["landlocked"], json::array({"bool", false}));
  ASSERT_EQ(k["aliases"][0], "str");  // lists travel as JSON text
  EXPECT_EQ(json::parse(k["aliases"][1].get<std::string>()), json::array({"ROK", "대한민국"}));

  const json& z = r["nodes"][key(kaz)];
  EXPECT_EQ(z["labels"], json::array({"str", ":Member:Nation"}));
  EXPECT_EQ(z["name"], json::array({"str", "Қазақстан"}));
  EXPECT_EQ(z["area_km2"], json::array({"float", 2724900.0}));  // int widened: key is double
  EXPECT_EQ(z["landlocked"], json::array({"bool", true}));
  EXPECT_EQ(z["founded"], json::array({"str", "2024-11-04"}));

  const json& o = r["nodes"][key(odd)];
  EXPECT_FALSE(o.contains("labels"));  // no labels: no attribute
  EXPECT_EQ(o["labels_property"], json::array({"str", "my own labels property"}));
  EXPECT_EQ(o["name"][1], "quote\"back\\slash\nnewline <tag> & 'apos' \uFFFD \uFFFD end");
  EXPECT_EQ(json::parse(o["meta"][1].get<std::string>()), (json{{"k", 1}, {"s", "x\"y"}}));
  EXPECT_EQ(o["mixed"], json::array({"str", "1"}));  // int and string mixed: string key

  int supplies = 0;
  for (const json& e : r["edges"]) {
    const std::string type = e["attrs"]["type"][1];
    if (type == "SUPPLIES") {
      ++supplies;
      EXPECT_EQ(e["source"], key(kaz));
      EXPECT_EQ(e["target"], key(kor));
      EXPECT_EQ(e["attrs"]["year"][0], "int");
      const std::string id = e["key"];
      if (id == "e" + std::to_string(s1)) {
        EXPECT_EQ(e["attrs"]["resource"][1], "uranium");
        EXPECT_EQ(e["attrs"]["share_pct"], json::array({"float", 12.5}));
        EXPECT_EQ(e["attrs"]["type_property"], json::array({"str", "shadowed"}));
      } else {
        EXPECT_EQ(id, "e" + std::to_string(s2));
        EXPECT_EQ(e["attrs"]["year"][1], 2024);
        EXPECT_FALSE(e["attrs"].contains("share_pct"));
      }
    } else {
      EXPECT_EQ(type, "SELF \"loop\"");
      EXPECT_EQ(e["source"], key(odd));
      EXPECT_EQ(e["target"], key(odd));
    }
  }
  EXPECT_EQ(supplies, 2);

  // Keys are declared with their types.
  EXPECT_NE(xml_.find("attr.name=\"population\" attr.type=\"long\""), std::string::npos) << xml_;
  EXPECT_NE(xml_.find("attr.name=\"area_km2\" attr.type=\"double\""), std::string::npos);
  EXPECT_NE(xml_.find("attr.name=\"landlocked\" attr.type=\"boolean\""), std::string::npos);
  EXPECT_NE(xml_.find("attr.name=\"labels\" attr.type=\"string\""), std::string::npos);
  EXPECT_NE(xml_.find("for=\"edge\" attr.name=\"type\" attr.type=\"string\""), std::string::npos);

  // Deterministic.
  std::ostringstream again;
  writeGraphml(g_, wholeGraph(g_), again);
  EXPECT_EQ(again.str(), xml_);
}

TEST_F(GraphmlTest, SubgraphAndEmptyGraph) {
  const json empty = roundTrip(wholeGraph(g_));
  ASSERT_FALSE(empty.is_null());
  EXPECT_EQ(empty["nodes"].size(), 0u);
  EXPECT_EQ(empty["edges"].size(), 0u);

  const NodeId a = node({"Nation"}, {{"name", Value("A")}});
  const NodeId b = node({"Nation"}, {{"name", Value("B")}});
  const NodeId c = node({"Nation"}, {{"name", Value("C")}});
  const RelId ab = rel(a, b, "BORDERS");
  rel(b, c, "BORDERS", {{"km", Value(10)}});
  Subgraph s;
  s.rels = {ab};
  const json r = roundTrip(s);
  ASSERT_FALSE(r.is_null());
  EXPECT_FALSE(r["multigraph"].get<bool>());
  EXPECT_EQ(r["nodes"].size(), 2u);
  EXPECT_TRUE(r["nodes"].contains(key(a)));
  EXPECT_TRUE(r["nodes"].contains(key(b)));
  ASSERT_EQ(r["edges"].size(), 1u);
  EXPECT_EQ(r["edges"][0]["attrs"]["type"][1], "BORDERS");
  // A key used only outside the subgraph is not declared.
  EXPECT_EQ(xml_.find("attr.name=\"km\""), std::string::npos);
}

}  // namespace
}  // namespace silkgraph
