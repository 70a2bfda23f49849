// Unit tests of the shell's output: display width, box/CSV/JSON/Markdown printing, the
// statement summary, and the Session's script runner (comment headings, error positions).
#include "shell/result_printer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "common/text.h"
#include "engine/graph.h"
#include "shell/meta_commands.h"
#include "shell/session.h"
#include "shell/statement_runner.h"

namespace silkgraph::shell {
namespace {

using text::displayWidth;
using text::truncateToWidth;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string l;
  while (std::getline(in, l)) out.push_back(l);
  return out;
}

QueryResult nationsResult() {
  QueryResult r;
  r.columns = {"id", "native", "area_km2"};
  r.rows = {{Value("KOR"), Value("대한민국"), Value(100210.0)},
            {Value("KAZ"), Value("Қазақстан"), Value(2724900.0)},
            {Value("KGZ"), Value("Кыргызстан"), Value()}};
  return r;
}

TEST(DisplayWidth, WideCombiningAndCyrillic) {
  EXPECT_EQ(displayWidth("Korea"), 5u);
  EXPECT_EQ(displayWidth("대한민국"), 8u);   // four Hangul syllables, two columns each
  EXPECT_EQ(displayWidth("Қазақстан"), 9u);  // Kazakh Cyrillic: one column per letter
  EXPECT_EQ(displayWidth("中国"), 4u);
  EXPECT_EQ(displayWidth("e\u0301"), 1u);  // e + combining acute accent
  EXPECT_EQ(displayWidth("Oʻzbekiston"), 11u);
  EXPECT_EQ(displayWidth("\xff"), 1u);  // an invalid byte counts as one replacement char
}

TEST(DisplayWidth, TruncateKeepsWholeCharacters) {
  EXPECT_EQ(truncateToWidth("대한민국", 5), "대한…");
  EXPECT_EQ(truncateToWidth("Kazakhstan", 20), "Kazakhstan");
  EXPECT_EQ(displayWidth(truncateToWidth("Қазақстан Республикасы", 10)), 10u);
}

TEST(ResultPrinter, BoxAlignsByDisplayWidth) {
  Graph g;
  std::ostringstream out;
  printResult(out, nationsResult(), g, PrintOptions{});
  auto ls = lines(out.str());
  ASSERT_EQ(ls.size(), 8u);  // top, header, rule, 3 rows, bottom, row count
  // Every table line has the same display width, whatever the script of its cells.
  size_t w = displayWidth(ls[0]);
  for (size_t i = 0; i < 7; ++i) EXPECT_EQ(displayWidth(ls[i]), w) << ls[i];
  EXPECT_EQ(ls[7], "(3 rows)");
  EXPECT_NE(ls[3].find("│ 대한민국   │"), std::string::npos) << ls[3];
  // Numbers are right-aligned; null prints as "null".
  EXPECT_NE(ls[3].find("│  100210.0 │"), std::string::npos) << ls[3];
  EXPECT_NE(ls[5].find("│      null │"), std::string::npos) << ls[5];
}

TEST(ResultPrinter, BoxTruncatesWideCells) {
  Graph g;
  QueryResult r;
  r.columns = {"name"};
  r.rows = {{Value("Ministry of Trade, Industry and Energy (Korea)")}};
  std::ostringstream out;
  PrintOptions o;
  o.maxColumnWidth = 12;
  printResult(out, r, g, o);
  EXPECT_NE(out.str().find("Ministry of…"), std::string::npos) << out.str();
}

TEST(ResultPrinter, BoxFitsTableWidth) {
  Graph g;
  QueryResult r;
  r.columns = {"id", "aliases"};
  r.rows = {{Value("KAZ"), Value("Republic of Kazakhstan; Қазақстан; Қазақстан Республикасы")},
            {Value("KOR"), Value("Republic of Korea; ROK; Korea; 대한민국; 한국")}};
  std::ostringstream out;
  PrintOptions o;
  o.maxTableWidth = 40;
  printResult(out, r, g, o);
  auto ls = lines(out.str());
  for (size_t i = 0; i + 1 < ls.size(); ++i) EXPECT_EQ(displayWidth(ls[i]), 40u) << ls[i];
  EXPECT_NE(ls[3].find("│ KAZ │"), std::string::npos) << ls[3];  // narrow columns stay whole
  EXPECT_NE(ls[4].find("…"), std::string::npos) << ls[4];
}

TEST(ResultPrinter, WriteOnlyStatementPrintsSummary) {
  Graph g;
  QueryResult r;
  r.stats.nodesCreated = 2;
  r.stats.propertiesSet = 3;
  std::ostringstream out;
  printResult(out, r, g, PrintOptions{});
  EXPECT_EQ(out.str(), "Created 2 nodes, set 3 properties\n");
  QueryStats one;
  one.relsCreated = 1;
  EXPECT_EQ(summarizeStats(one), "Created 1 relationship");
  EXPECT_EQ(summarizeStats(QueryStats{}), "");
}

TEST(ResultPrinter, CsvQuotesPerRfc4180) {
  Graph g;
  QueryResult r;
  r.columns = {"name", "note"};
  r.rows = {{Value("Ministry of Trade, Industry and Energy"), Value("say \"hi\"")},
            {Value("two\nlines"), Value()}};
  std::ostringstream out;
  PrintOptions o;
  o.format = OutputFormat::Csv;
  printResult(out, r, g, o);
  EXPECT_EQ(out.str(),
            "name,note\n\"Ministry of Trade, Industry and Energy\",\"say \"\"hi\"\"\"\n"
            "\"two\nlines\",\n");
}

TEST(ResultPrinter, JsonAndJsonLines) {
  Graph g;
  PrintOptions o;
  o.format = OutputFormat::Json;
  std::ostringstream out;
  printResult(out, nationsResult(), g, o);
  auto j = nlohmann::json::parse(out.str());
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["native"], "대한민국");
  EXPECT_EQ(j[1]["area_km2"], 2724900.0);
  EXPECT_TRUE(j[2]["area_km2"].is_null());

  o.format = OutputFormat::Jsonl;
  std::ostringstream outl;
  printResult(outl, nationsResult(), g, o);
  auto ls = lines(outl.str());
  ASSERT_EQ(ls.size(), 3u);
  EXPECT_EQ(nlohmann::json::parse(ls[1])["id"], "KAZ");
}

TEST(ResultPrinter, JsonOfGraphEntities) {
  Graph g;
  LabelId nation = g.internLabel("Nation");
  NodeId kaz = g.createNode(std::span<const LabelId>(&nation, 1));
  NodeId kgz = g.createNode(std::span<const LabelId>(&nation, 1));
  g.setNodeProperty(kaz, g.internKey("name"), Value("Kazakhstan"));
  RelId b = g.createRel(kaz, kgz, g.internType("BORDERS"));
  g.setRelProperty(b, g.internKey("length_km"), Value(1212.0));
  Date d;
  ASSERT_TRUE(parseDate("2024-11-04", d));

  auto node = nlohmann::json::parse(toJsonText(Value(NodeRef{kaz}), g));
  EXPECT_EQ(node["id"], kaz);
  EXPECT_EQ(node["labels"], nlohmann::json::array({"Nation"}));
  EXPECT_EQ(node["properties"]["name"], "Kazakhstan");
  auto rel = nlohmann::json::parse(toJsonText(Value(RelRef{b}), g));
  EXPECT_EQ(rel["type"], "BORDERS");
  EXPECT_EQ(rel["start"], kaz);
  EXPECT_EQ(rel["end"], kgz);
  EXPECT_EQ(rel["properties"]["length_km"], 1212.0);
  EXPECT_EQ(toJsonText(Value(d), g), "\"2024-11-04\"");
  EXPECT_EQ(toJsonText(Value(std::numeric_limits<double>::infinity()), g), "\"Infinity\"");
}

TEST(ResultPrinter, MarkdownEscapesPipes) {
  Graph g;
  QueryResult r;
  r.columns = {"a|b", "n"};
  r.rows = {{Value("x|y"), Value(int64_t{7})}};
  std::ostringstream out;
  PrintOptions o;
  o.format = OutputFormat::Markdown;
  printResult(out, r, g, o);
  auto ls = lines(out.str());
  EXPECT_EQ(ls[0], "| a\\|b | n   |");
  EXPECT_EQ(ls[1], "| ---- | --: |");
  EXPECT_EQ(ls[2], "| x\\|y |   7 |");
}

TEST(ResultPrinter, FormatNames) {
  EXPECT_EQ(parseOutputFormat("jsonl"), OutputFormat::Jsonl);
  EXPECT_EQ(parseOutputFormat("markdown"), OutputFormat::Markdown);
  EXPECT_FALSE(parseOutputFormat("xml").has_value());
}

TEST(ScriptRunner, LeadingCommentBlock) {
  std::string script =
      "// header\n\n// 1. Who borders Kazakhstan?\n//    (land borders)\nMATCH (n) RETURN n;\n"
      "RETURN 1; RETURN 2;\n";
  EXPECT_EQ(leadingComment(script, SourcePos{5, 1}),
            "1. Who borders Kazakhstan?\n   (land borders)");
  EXPECT_EQ(leadingComment(script, SourcePos{6, 1}), "");
  EXPECT_EQ(leadingComment(script, SourcePos{6, 11}), "");  // shares its line with another
}

TEST(ScriptRunner, SplitArgsHonoursQuotes) {
  EXPECT_EQ(splitArgs("dot 'my file.dot'"), (std::vector<std::string>{"dot", "my file.dot"}));
  EXPECT_EQ(splitArgs("  a   \"b c\"d "), (std::vector<std::string>{"a", "b cd"}));
}

TEST(ScriptRunner, ErrorsNameTheScriptPosition) {
  std::ostringstream out, err;
  Session s(out, err);
  bool ok = s.runScript("RETURN 1 AS a;\n\n  RETURN x;\nRETURN 3 AS c;", "q.cypher", RunOptions{});
  EXPECT_FALSE(ok);
  EXPECT_EQ(lines(err.str())[0].rfind("q.cypher:3:10: SemanticError:", 0), 0u) << err.str();
  EXPECT_EQ(lines(err.str())[2], "         ^");
  EXPECT_EQ(out.str().find("│ c │"), std::string::npos);  // stopped at the failure

  std::ostringstream out2, err2;
  Session s2(out2, err2);
  EXPECT_FALSE(s2.runScript("RETURN x;\nRETURN 3 AS c;", "q", RunOptions{true, false}));
  EXPECT_NE(out2.str().find("│ c │"), std::string::npos);  // --keep-going ran it
}

TEST(ScriptRunner, ParamsAndMetaCommands) {
  std::ostringstream out, err;
  Session s(out, err);
  EXPECT_EQ(s.runMeta(":param year => 2020 + 4"), MetaOutcome::Ok);
  EXPECT_EQ(s.params().at("year").asInt(), 2024);
  EXPECT_EQ(s.runMeta(":param bad => [1,"), MetaOutcome::Failed);
  EXPECT_NE(err.str().find(":param bad"), std::string::npos);
  EXPECT_EQ(s.runMeta(":mode csv"), MetaOutcome::Ok);
  EXPECT_TRUE(s.runScript("RETURN $year AS y;", "", RunOptions{}));
  EXPECT_NE(out.str().find("y\n2024\n"), std::string::npos) << out.str();
  EXPECT_EQ(s.runMeta(":mode xml"), MetaOutcome::Failed);
  EXPECT_EQ(s.runMeta(":nonsense"), MetaOutcome::Failed);
  EXPECT_EQ(s.runMeta(":quit"), MetaOutcome::Quit);
  EXPECT_EQ(s.runMeta(":export dot /nonexistent/x.dot"), MetaOutcome::Failed);  // nothing yet
}

}  // namespace
}  // namespace silkgraph::shell
