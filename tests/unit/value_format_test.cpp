// Unit tests of the graph-aware TCK printer (query/value_format.h): the notation the TCK
// runner, the .test runner and the shell rely on.
#include "query/value_format.h"

#include <gtest/gtest.h>

#include <cmath>

#include "main/database.h"

using namespace silkgraph;

namespace {

TEST(ValueFormat, Scalars) {
  Graph g;
  EXPECT_EQ(toCypherText(Value(), g), "null");
  EXPECT_EQ(toCypherText(Value(true), g), "true");
  EXPECT_EQ(toCypherText(Value(int64_t{-42}), g), "-42");
  EXPECT_EQ(toCypherText(Value(1.0), g), "1.0");
  EXPECT_EQ(toCypherText(Value(std::nan("")), g), "NaN");
  EXPECT_EQ(toCypherText(Value("it's a \\ test"), g), "'it\\'s a \\\\ test'");
  EXPECT_EQ(toCypherText(Value(dateFromYmd(2024, 11, 4)), g), "'2024-11-04'");
}

TEST(ValueFormat, ListsAndMapsSortKeys) {
  Graph g;
  Value list(ValueList{Value(1), Value("a"), Value(ValueList{}), Value(2.5)});
  EXPECT_EQ(toCypherText(list, g), "[1, 'a', [], 2.5]");
  Value map(ValueMap{{"b", Value(1)}, {"a", Value("x")}});
  EXPECT_EQ(toCypherText(map, g), "{a: 'x', b: 1}");
  EXPECT_EQ(toCypherText(Value(ValueMap{}), g), "{}");
}

TEST(ValueFormat, NodesRelationshipsAndPaths) {
  Graph g;
  LabelId b = g.internLabel("B"), a = g.internLabel("A");
  LabelId both[] = {b, a};
  NodeId n1 = g.createNode(both);
  g.setNodeProperty(n1, g.internKey("z"), Value(1));
  g.setNodeProperty(n1, g.internKey("k"), Value("v"));
  NodeId n2 = g.createNode();
  NodeId n3 = g.createNode();
  g.setNodeProperty(n3, g.internKey("k"), Value(2.0));
  RelId r1 = g.createRel(n1, n2, g.internType("T"));
  g.setRelProperty(r1, g.internKey("w"), Value(3));
  RelId r2 = g.createRel(n3, n2, g.internType("U"));

  EXPECT_EQ(toCypherText(Value(NodeRef{n1}), g), "(:A:B {k: 'v', z: 1})");
  EXPECT_EQ(toCypherText(Value(NodeRef{n2}), g), "()");
  EXPECT_EQ(toCypherText(Value(NodeRef{n3}), g), "({k: 2.0})");
  EXPECT_EQ(toCypherText(Value(RelRef{r1}), g), "[:T {w: 3}]");
  EXPECT_EQ(toCypherText(Value(RelRef{r2}), g), "[:U]");
  // Each relationship shows its own direction along the path.
  Value path(PathValue{{n1, n2, n3}, {r1, r2}});
  EXPECT_EQ(toCypherText(path, g), "<(:A:B {k: 'v', z: 1})-[:T {w: 3}]->()<-[:U]-({k: 2.0})>");
  EXPECT_EQ(toCypherText(Value(PathValue{{n2}, {}}), g), "<()>");
  Value nested(ValueList{Value(NodeRef{n2}), Value(ValueMap{{"r", Value(RelRef{r2})}})});
  EXPECT_EQ(toCypherText(nested, g), "[(), {r: [:U]}]");
}

TEST(ValueFormat, DisplayTextUnquotesTopLevelStringsOnly) {
  Graph g;
  EXPECT_EQ(toDisplayText(Value("Seoul"), g), "Seoul");
  EXPECT_EQ(toDisplayText(Value(), g), "null");
  EXPECT_EQ(toDisplayText(Value(dateFromYmd(2024, 11, 4)), g), "2024-11-04");
  EXPECT_EQ(toDisplayText(Value(ValueList{Value("a")}), g), "['a']");
  // Dates are bare at any depth in tables, so a date never looks like a string; the TCK
  // notation (toCypherText) quotes them.
  Value dates(ValueList{Value(dateFromYmd(2024, 11, 4)), Value("2024-11-04")});
  EXPECT_EQ(toDisplayText(dates, g), "[2024-11-04, '2024-11-04']");
  EXPECT_EQ(toCypherText(dates, g), "['2024-11-04', '2024-11-04']");
  EXPECT_EQ(toDisplayText(Value(int64_t{7}), g), "7");
}

// The other temporal types print bare in tables like dates (they were quoted as strings).
TEST(ValueFormat, DisplayTextShowsEveryTemporalTypeBare) {
  Database db;
  QueryResult r = db.execute(
      "RETURN [datetime('2024-11-04T10:00[Asia/Seoul]'), duration('P1M2D'),"
      " localtime('10:00')] AS l");
  EXPECT_EQ(toDisplayText(r.rows[0][0], db.graph()),
            "[2024-11-04T10:00+09:00[Asia/Seoul], P1M2D, 10:00]");
  EXPECT_EQ(toCypherText(r.rows[0][0], db.graph()),
            "['2024-11-04T10:00+09:00[Asia/Seoul]', 'P1M2D', '10:00']");
}

}  // namespace
