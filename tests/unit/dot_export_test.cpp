// Tests of the DOT exporter, subgraph selection and renderDot. Every exported file is run
// through the real Graphviz `dot`, which must accept it without a single warning.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/graph.h"
#include "export/dot_exporter.h"
#include "export/subgraph.h"

namespace silkgraph {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("silkgraph-dot-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct DotRun {
  int exitCode = -1;
  std::string stderrText;
  std::string svg;
};

// Runs the real `dot -Tsvg` on the text, independently of renderDot.
DotRun runDot(const std::string& dotText, const TempDir& dir) {
  const fs::path in = dir.path() / "graph.dot";
  const fs::path out = dir.path() / "graph.svg";
  const fs::path err = dir.path() / "stderr.txt";
  std::ofstream(in, std::ios::binary) << dotText;
  const std::string cmd =
      "dot -Tsvg '" + in.string() + "' -o '" + out.string() + "' 2> '" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  DotRun run;
  run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.stderrText = readFile(err);
  run.svg = readFile(out);
  return run;
}

std::string exportDot(const Graph& g, const Subgraph& s, const DotOptions& o = {}) {
  std::ostringstream out;
  writeDot(g, s, out, o);
  return out.str();
}

NodeId addNode(Graph& g, std::vector<std::string> labels,
               std::vector<std::pair<std::string, Value>> props) {
  std::vector<LabelId> ids;
  for (const auto& l : labels) ids.push_back(g.internLabel(l));
  const NodeId n = g.createNode(ids);
  for (const auto& [k, v] : props) g.setNodeProperty(n, g.internKey(k), v);
  return n;
}

RelId addRel(Graph& g, NodeId a, NodeId b, const std::string& type,
             std::vector<std::pair<std::string, Value>> props = {}) {
  const RelId r = g.createRel(a, b, g.internType(type));
  for (const auto& [k, v] : props) g.setRelProperty(r, g.internKey(k), v);
  return r;
}

Date date(const char* text) {
  Date d;
  EXPECT_TRUE(parseDate(text, d));
  return d;
}

size_t countOf(const std::string& haystack, const std::string& needle) {
  size_t count = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size()))
    ++count;
  return count;
}

TEST(DotExport, NastyNamesGiveValidDotWithoutWarnings) {
  Graph g;
  const std::vector<std::string> names = {
      "quote\"back\\slash\nnewline",
      "대한민국",
      "Қазақстан",
      "",
      "tab\there\r\nwindows line",
      std::string("ctrl\x01\x02\x1f\x7f end"),
      "bad utf8 \xff\xfe\xc3 end",
      "AT&T &amp; <b>bold</b>",
      "\\N \\G \\E \\L escapes",
      "trailing backslash\\",
      "{ } [ ] ; , = -> -- // /* */ #",
      "emoji \xF0\x9F\x8C\x8F and combining e\xCC\x81",
  };
  std::vector<NodeId> ids;
  for (const auto& name : names) {
    ids.push_back(addNode(g, {"Nation"}, {{"name", Value(name)}, {"id", Value(name)}}));
  }
  // Labels, types and keys are user text too.
  const NodeId odd = addNode(g, {"Weird \"Label\"\\", "라벨"},
                             {{"name \"key\"", Value("x")}, {"note", Value("a\nb")}});
  for (size_t i = 0; i + 1 < ids.size(); ++i) {
    addRel(g, ids[i], ids[i + 1], "SUPPLIES",
           {{"resource", Value(names[i])}, {"year", Value(2023)}, {"title", Value(names[i + 1])}});
  }
  addRel(g, ids[0], odd, "TYPE \"with\" quotes\\\n", {{"order", Value(1)}});
  addRel(g, odd, odd, "SELF");

  TempDir dir;
  const std::string dot = exportDot(g, wholeGraph(g));
  const DotRun run = runDot(dot, dir);
  EXPECT_EQ(run.exitCode, 0) << run.stderrText << "\n" << dot;
  EXPECT_EQ(run.stderrText, "") << dot;
  // The text survives: Graphviz writes each line of a label as its own <text>, XML-escaped.
  EXPECT_NE(run.svg.find(">quote&quot;back\\slash</text>"), std::string::npos) << run.svg;
  EXPECT_NE(run.svg.find(">newline</text>"), std::string::npos);
  EXPECT_NE(run.svg.find(">대한민국</text>"), std::string::npos);
  EXPECT_NE(run.svg.find(">Қазақстан</text>"), std::string::npos);
  EXPECT_NE(run.svg.find("AT&amp;T &amp;amp; &lt;b&gt;bold&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(run.svg.find(">\\N \\G \\E \\L escapes</text>"), std::string::npos);
  EXPECT_NE(run.svg.find(">trailing backslash\\</text>"), std::string::npos);
  EXPECT_NE(run.svg.find("bad utf8 \uFFFD\uFFFD\uFFFD end"), std::string::npos);
  EXPECT_EQ(dot.find('\x01'), std::string::npos);
  EXPECT_EQ(dot.find('\t'), std::string::npos);
  // An empty name falls back to the id, and an empty id to label + internal id.
  EXPECT_NE(
      dot.find("n" + std::to_string(ids[3]) + " [label=\"Nation #" + std::to_string(ids[3]) + "\""),
      std::string::npos)
      << dot;
}

TEST(DotExport, NodesStyledByLabelWithLegend) {
  Graph g;
  const NodeId kor = addNode(g, {"Nation"}, {{"id", Value("KOR")}, {"name", Value("South Korea")}});
  const NodeId kaz = addNode(g, {"Nation"}, {{"id", Value("KAZ")}, {"name", Value("Kazakhstan")}});
  const NodeId yoon = addNode(g, {"Leader"}, {{"name", Value("Yoon Suk Yeol")}});
  const NodeId w = addNode(g, {"Widget"}, {{"name", Value("gizmo")}});
  const NodeId both = addNode(g, {"Zeta", "Region"}, {{"name", Value("Central Asia")}});
  addRel(g, yoon, kor, "HOLDS_OFFICE");
  addRel(g, kaz, both, "PART_OF");
  (void)w;

  TempDir dir;
  const std::string dot = exportDot(g, wholeGraph(g));
  const DotRun run = runDot(dot, dir);
  ASSERT_EQ(run.exitCode, 0) << run.stderrText;
  EXPECT_EQ(run.stderrText, "");

  EXPECT_EQ(dot.rfind("digraph \"silkgraph\" {", 0), 0u) << dot;
  EXPECT_NE(dot.find("charset=\"UTF-8\""), std::string::npos);
  EXPECT_NE(dot.find("rankdir=\"LR\""), std::string::npos);
  EXPECT_NE(dot.find("fontname=\"DejaVu Sans\""), std::string::npos);
  // Both nations share one style; the leader has another.
  const std::string korLine = "n" + std::to_string(kor) + " [label=\"South Korea\", shape=box";
  const std::string kazLine = "n" + std::to_string(kaz) + " [label=\"Kazakhstan\", shape=box";
  EXPECT_NE(dot.find(korLine), std::string::npos) << dot;
  EXPECT_NE(dot.find(kazLine), std::string::npos) << dot;
  EXPECT_NE(dot.find("n" + std::to_string(yoon) + " [label=\"Yoon Suk Yeol\", shape=ellipse"),
            std::string::npos);
  EXPECT_EQ(countOf(dot, "fillcolor=\"#cfe2f3\""), 3u);  // two nations + legend entry
  // A node with a schema label and another is styled by the schema label.
  EXPECT_NE(dot.find("n" + std::to_string(both) + " [label=\"Central Asia\", shape=folder"),
            std::string::npos);

  // The legend lists each style drawn, with counts, and only those.
  EXPECT_NE(dot.find("subgraph cluster_legend"), std::string::npos);
  EXPECT_NE(run.svg.find(">Legend</text>"), std::string::npos);
  for (const char* entry : {"Nation (2)", "Leader (1)", "Widget (1)", "Region (1)"}) {
    EXPECT_NE(run.svg.find(std::string(">") + entry + "</text>"), std::string::npos) << entry;
  }
  EXPECT_EQ(run.svg.find(">Zeta"), std::string::npos);
  EXPECT_EQ(run.svg.find(">Event"), std::string::npos);

  // The fallback style of an unknown label is stable and differs from the schema palette.
  const std::string again = exportDot(g, wholeGraph(g));
  EXPECT_EQ(dot, again);

  DotOptions noLegend;
  noLegend.legend = false;
  EXPECT_EQ(exportDot(g, wholeGraph(g), noLegend).find("cluster_legend"), std::string::npos);
}

TEST(DotExport, NoLegendWithoutLabels) {
  Graph g;
  const NodeId a = addNode(g, {}, {{"name", Value("a")}});
  const NodeId b = addNode(g, {}, {});
  addRel(g, a, b, "LINK");
  TempDir dir;
  const std::string dot = exportDot(g, wholeGraph(g));
  EXPECT_EQ(dot.find("cluster_legend"), std::string::npos) << dot;
  EXPECT_NE(dot.find("n" + std::to_string(b) + " [label=\"node #" + std::to_string(b) + "\""),
            std::string::npos)
      << dot;
  const DotRun run = runDot(dot, dir);
  EXPECT_EQ(run.exitCode, 0);
  EXPECT_EQ(run.stderrText, "");
}

TEST(DotExport, EmptyGraphIsValid) {
  Graph g;
  TempDir dir;
  const std::string dot = exportDot(g, wholeGraph(g));
  const DotRun run = runDot(dot, dir);
  EXPECT_EQ(run.exitCode, 0) << dot;
  EXPECT_EQ(run.stderrText, "");
}

TEST(DotExport, EdgesLabelledByTypeAndKeyProperty) {
  Graph g;
  const NodeId chn = addNode(g, {"Nation"}, {{"name", Value("China")}});
  const NodeId kor = addNode(g, {"Nation"}, {{"name", Value("South Korea")}});
  const NodeId kaz = addNode(g, {"Nation"}, {{"name", Value("Kazakhstan")}});
  const NodeId route = addNode(g, {"Route"}, {{"name", Value("Middle Corridor")}});
  const NodeId leader = addNode(g, {"Leader"}, {{"name", Value("Yoon Suk Yeol")}});
  addRel(g, chn, kor, "SUPPLIES",
         {{"resource", Value("REE")}, {"year", Value(2023)}, {"share_pct", Value(50.5)}});
  addRel(g, route, kaz, "PASSES_THROUGH", {{"order", Value(2)}});
  addRel(g, leader, kor, "HOLDS_OFFICE",
         {{"title", Value("President")},
          {"valid_from", Value(date("2022-05-10"))},
          {"valid_to", Value(date("2025-04-04"))}});
  addRel(g, kaz, kor, "INVITES", {{"sector", Value("energy")}});
  addRel(g, kaz, chn, "BORDERS");

  TempDir dir;
  const std::string dot = exportDot(g, wholeGraph(g));
  const DotRun run = runDot(dot, dir);
  ASSERT_EQ(run.exitCode, 0) << run.stderrText;
  EXPECT_EQ(run.stderrText, "");
  const auto edge = [](NodeId a, NodeId b) {
    return "n" + std::to_string(a) + " -> n" + std::to_string(b) + " [label=";
  };
  EXPECT_NE(dot.find(edge(chn, kor) + "\"SUPPLIES\\nREE 2023\""), std::string::npos) << dot;
  EXPECT_NE(dot.find(edge(route, kaz) + "\"PASSES_THROUGH\\n#2\""), std::string::npos);
  EXPECT_NE(dot.find(edge(leader, kor) + "\"HOLDS_OFFICE\\nPresident 2022\u20132025\""),
            std::string::npos);
  EXPECT_NE(dot.find(edge(kaz, kor) + "\"INVITES\\nenergy\""), std::string::npos);
  EXPECT_NE(dot.find(edge(kaz, chn) + "\"BORDERS\""), std::string::npos);
  EXPECT_NE(run.svg.find(">SUPPLIES</text>"), std::string::npos);
  EXPECT_NE(run.svg.find(">REE 2023</text>"), std::string::npos);
  EXPECT_EQ(countOf(dot, " -> "), 5u);  // the legend has no edges
}

TEST(DotExport, ParallelRelationshipsMergeIntoOneArrow) {
  Graph g;
  const NodeId chn = addNode(g, {"Nation"}, {{"name", Value("China")}});
  const NodeId kor = addNode(g, {"Nation"}, {{"name", Value("South Korea")}});
  for (int year : {2011, 2010, 2012, 2015}) {
    addRel(g, chn, kor, "SUPPLIES", {{"resource", Value("REE")}, {"year", Value(year)}});
  }
  addRel(g, chn, kor, "SUPPLIES", {{"resource", Value("uranium")}, {"year", Value(2020)}});
  addRel(g, chn, kor, "SUPPLIES",
         {{"resource", Value("graphite")},
          {"valid_from", Value(date("2012-01-01"))},
          {"valid_to", Value(date("2012-12-31"))}});
  // A fact dated within one year joins the yearly series.
  addRel(g, chn, kor, "SUPPLIES",
         {{"resource", Value("REE")},
          {"valid_from", Value(date("2013-03-01"))},
          {"valid_to", Value(date("2013-09-30"))}});
  addRel(g, chn, kor, "BORDERS");
  addRel(g, kor, chn, "SUPPLIES", {{"resource", Value("REE")}, {"year", Value(2020)}});

  const std::string dot = exportDot(g, wholeGraph(g));
  const std::string arrow = "n" + std::to_string(chn) + " -> n" + std::to_string(kor);
  EXPECT_EQ(countOf(dot, arrow), 2u) << dot;  // SUPPLIES and BORDERS
  EXPECT_NE(dot.find(arrow + " [label=\"SUPPLIES \u00d77\\nREE 2010\u20132013, 2015\\nuranium "
                             "2020\\ngraphite 2012\""),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("n" + std::to_string(kor) + " -> n" + std::to_string(chn) +
                     " [label=\"SUPPLIES\\nREE 2020\""),
            std::string::npos);
  TempDir dir;
  const DotRun run = runDot(dot, dir);
  EXPECT_EQ(run.exitCode, 0);
  EXPECT_EQ(run.stderrText, "");
  EXPECT_NE(run.svg.find(">SUPPLIES \u00d77</text>"), std::string::npos);

  DotOptions separate;
  separate.mergeParallel = false;
  EXPECT_EQ(countOf(exportDot(g, wholeGraph(g), separate), arrow), 8u);
}

TEST(DotExport, SubgraphDrawsOnlyItsPartAndEndpoints) {
  Graph g;
  const NodeId a = addNode(g, {"Nation"}, {{"name", Value("A")}});
  const NodeId b = addNode(g, {"Nation"}, {{"name", Value("B")}});
  const NodeId c = addNode(g, {"Nation"}, {{"name", Value("C")}});
  const RelId ab = addRel(g, a, b, "BORDERS");
  addRel(g, b, c, "BORDERS");
  Subgraph s;
  s.rels = {ab};  // endpoints deliberately left out
  const std::string dot = exportDot(g, s);
  EXPECT_NE(dot.find("n" + std::to_string(a) + " [label=\"A\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("n" + std::to_string(b) + " [label=\"B\""), std::string::npos);
  EXPECT_EQ(dot.find("label=\"C\""), std::string::npos);
  EXPECT_EQ(countOf(dot, " -> "), 1u);
}

TEST(DotExport, WrapsLongNamesAndKeepsOptions) {
  Graph g;
  addNode(g, {"Route"}, {{"name", Value("Trans-Caspian International Transport Route")}});
  DotOptions o;
  o.graphName = "my \"graph\"";
  o.title = "Title\nline";
  o.rankdir = "TB";
  const std::string dot = exportDot(g, wholeGraph(g), o);
  EXPECT_NE(dot.find("digraph \"my \\\"graph\\\"\" {"), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"Trans-Caspian\\nInternational\\nTransport Route\""),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("rankdir=\"TB\""), std::string::npos);
  TempDir dir;
  const DotRun run = runDot(dot, dir);
  EXPECT_EQ(run.exitCode, 0);
  EXPECT_EQ(run.stderrText, "");
  o.rankdir = "sideways";
  EXPECT_THROW(exportDot(g, wholeGraph(g), o), Error);
}

TEST(Subgraph, OfQueryResultCollectsEverythingReferred) {
  Graph g;
  std::vector<NodeId> n;
  for (int i = 0; i < 9; ++i) n.push_back(addNode(g, {"X"}, {{"name", Value(i)}}));
  const RelId r01 = addRel(g, n[0], n[1], "R");
  const RelId r23 = addRel(g, n[2], n[3], "R");
  const RelId r34 = addRel(g, n[3], n[4], "R");
  const RelId r56 = addRel(g, n[5], n[6], "R");
  addRel(g, n[7], n[8], "R");  // not referred to

  QueryResult q;
  q.columns = {"a", "b", "c"};
  PathValue path;
  path.nodes = {n[2], n[3], n[4]};
  path.rels = {r23, r34};
  q.rows.push_back({Value(NodeRef{n[1]}), Value(RelRef{r01}), Value(path)});
  // Nested containers, duplicates, and plain values.
  q.rows.push_back({Value(ValueList{Value(1), Value(ValueList{Value(NodeRef{n[6]})})}),
                    Value(ValueMap{{"k", Value(RelRef{r56})}, {"s", Value("text")}}),
                    Value(NodeRef{n[1]})});
  q.rows.push_back({Value(),
                    Value(ValueMap{{"deep", Value(ValueMap{{"n", Value(NodeRef{n[0]})}})}}),
                    Value(ValueList{})});

  const Subgraph s = subgraphOf(q, g);
  EXPECT_EQ(s.nodes, (std::vector<NodeId>{n[0], n[1], n[2], n[3], n[4], n[5], n[6]}));
  EXPECT_EQ(s.rels, (std::vector<RelId>{r01, r23, r34, r56}));

  QueryResult empty;
  empty.columns = {"x"};
  empty.rows.push_back({Value(42)});
  const Subgraph none = subgraphOf(empty, g);
  EXPECT_TRUE(none.nodes.empty());
  EXPECT_TRUE(none.rels.empty());
}

TEST(Subgraph, WholeGraphSkipsDeleted) {
  Graph g;
  const NodeId a = addNode(g, {"X"}, {});
  const NodeId b = addNode(g, {"X"}, {});
  const NodeId c = addNode(g, {"X"}, {});
  const RelId ab = addRel(g, a, b, "R");
  const RelId bc = addRel(g, b, c, "R");
  g.deleteRel(bc);
  g.deleteNode(c);
  const Subgraph s = wholeGraph(g);
  EXPECT_EQ(s.nodes, (std::vector<NodeId>{a, b}));
  EXPECT_EQ(s.rels, (std::vector<RelId>{ab}));
}

// Sets PATH for one test and restores it.
class PathOverride {
 public:
  explicit PathOverride(const std::string& value) {
    if (const char* old = std::getenv("PATH")) old_ = old;
    ::setenv("PATH", value.c_str(), 1);
  }
  ~PathOverride() { ::setenv("PATH", old_.c_str(), 1); }

 private:
  std::string old_;
};

std::string renderError(const std::string& dot, const std::string& out, const std::string& format) {
  try {
    renderDot(dot, out, format);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::IOError);
    return e.what();
  }
  return {};
}

TEST(RenderDot, WritesTheFile) {
  Graph g;
  const NodeId a = addNode(g, {"Nation"}, {{"name", Value("대한민국")}});
  const NodeId b = addNode(g, {"Nation"}, {{"name", Value("Қазақстан")}});
  addRel(g, b, a, "INVITES", {{"sector", Value("energy")}});
  TempDir dir;
  const std::string out = (dir.path() / "x.svg").string();
  renderDot(exportDot(g, wholeGraph(g)), out, "svg");
  const std::string svg = readFile(out);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("대한민국"), std::string::npos);

  const std::string png = (dir.path() / "x.png").string();
  renderDot(exportDot(g, wholeGraph(g)), png, "png");
  EXPECT_EQ(readFile(png).substr(1, 3), "PNG");
}

TEST(RenderDot, InputLargerThanThePipeBuffer) {
  TempDir dir;
  std::string dot = "digraph {\n";
  for (int i = 0; i < 20000; ++i)
    dot += "/* padding comment line number " + std::to_string(i) + " */\n";
  dot += "a -> b;\n}\n";
  ASSERT_GT(dot.size(), 500000u);
  const std::string out = (dir.path() / "big.svg").string();
  renderDot(dot, out, "svg");
  EXPECT_NE(readFile(out).find("<svg"), std::string::npos);
}

TEST(RenderDot, MissingDotSaysHowToInstall) {
  TempDir dir;
  const fs::path emptyBin = dir.path() / "empty-bin";
  fs::create_directories(emptyBin);
  std::string message;
  {
    PathOverride path(emptyBin.string());
    message = renderError("digraph { a; }", (dir.path() / "x.svg").string(), "svg");
  }
  EXPECT_NE(message.find("Graphviz 'dot' was not found on PATH; install it with: apt-get "
                         "install graphviz"),
            std::string::npos)
      << message;
  EXPECT_FALSE(fs::exists(dir.path() / "x.svg"));
  // PATH is back, so dot is found again.
  EXPECT_NO_THROW(renderDot("digraph { a; }", (dir.path() / "y.svg").string(), "svg"));
}

TEST(RenderDot, ATimeLimitStopsAHangingDot) {
  // A stand-in `dot` that never finishes: renderDot with a time limit kills it and says so.
  TempDir dir;
  const fs::path bin = dir.path() / "slow-bin";
  fs::create_directories(bin);
  {
    std::ofstream script(bin / "dot");
    script << "#!/bin/sh\nexec /bin/sleep 30\n";
  }
  fs::permissions(bin / "dot", fs::perms::owner_all);
  std::string message;
  const auto start = std::chrono::steady_clock::now();
  {
    PathOverride path(bin.string());
    try {
      renderDot("digraph { a; }", (dir.path() / "x.svg").string(), "svg", "", 0.3);
    } catch (const Error& e) {
      message = e.what();
    }
  }
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_NE(message.find("took longer than 0.3 s and was stopped"), std::string::npos) << message;
  EXPECT_LT(took, 20.0);  // killed, not waited for (sleep 30)
}

TEST(RenderDot, ReportsSyntaxErrorsAndWarnings) {
  TempDir dir;
  const std::string bad = renderError("digraph { a -> ; }", (dir.path() / "a.svg").string(), "svg");
  EXPECT_NE(bad.find("failed (exit status"), std::string::npos) << bad;
  EXPECT_NE(bad.find("syntax error"), std::string::npos) << bad;

  const std::string warn =
      renderError("digraph { a [shape=nosuchshape]; }", (dir.path() / "b.svg").string(), "svg");
  EXPECT_NE(warn.find("nosuchshape"), std::string::npos) << warn;

  const std::string format =
      renderError("digraph { a; }", (dir.path() / "c.svg").string(), "svg; rm -rf /");
  EXPECT_NE(format.find("not an output format"), std::string::npos) << format;

  const std::string unknown =
      renderError("digraph { a; }", (dir.path() / "d.out").string(), "nosuchformat");
  EXPECT_NE(unknown.find("nosuchformat"), std::string::npos) << unknown;

  const std::string unwritable =
      renderError("digraph { a; }", (dir.path() / "no-such-dir" / "e.svg").string(), "svg");
  EXPECT_FALSE(unwritable.empty());
}

}  // namespace
}  // namespace silkgraph
