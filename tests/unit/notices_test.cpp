// Notices: unknown labels, relationship types and property keys that a statement reads.
#include "query/binder/notices.h"

#include <gtest/gtest.h>

#include "query/parser/ast.h"
#include "query/parser/parser.h"

namespace silkgraph {
namespace {

class NoticesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    graph.internLabel("Nation");
    graph.internType("SUPPLIES");
    graph.internKey("name");
    RelTypeDef borders;
    borders.name = "BORDERS";
    borders.properties.push_back({"length_km", PropType::Float, false, ""});
    schema.addRelType(borders);
  }
  std::vector<Notice> notices(const std::string& query) {
    return unknownNameNotices(parseStatement(query), graph, schema);
  }
  Graph graph;
  Schema schema;
};

TEST_F(NoticesTest, KnownNamesGiveNone) {
  EXPECT_TRUE(notices("MATCH (n:Nation)-[r:SUPPLIES]->(m) RETURN n.name, r.name").empty());
  // Declared in the schema, even if no data uses it yet; common properties too.
  EXPECT_TRUE(notices("MATCH (n)-[b:BORDERS]->() RETURN b.length_km, n.valid_from").empty());
}

TEST_F(NoticesTest, UnknownLabelTypeAndKeyWithHints) {
  auto n = notices("MATCH (n:Natoin)-[:SUPPLISE]->(m)\nRETURN n.nmae");
  ASSERT_EQ(n.size(), 3u);
  EXPECT_EQ(n[0].code, "UnknownLabelWarning");
  EXPECT_EQ(n[0].message, "the label 'Natoin' does not exist in this graph (did you mean Nation?)");
  // Each notice points at the name itself, not at the pattern or expression around it.
  EXPECT_EQ(n[0].pos.line, 1u);
  EXPECT_EQ(n[0].pos.col, 10u);
  EXPECT_EQ(n[1].code, "UnknownRelationshipTypeWarning");
  EXPECT_EQ(n[1].message,
            "the relationship type 'SUPPLISE' does not exist in this graph (did you mean "
            "SUPPLIES?)");
  EXPECT_EQ(n[1].pos.col, 20u);
  EXPECT_EQ(n[2].code, "UnknownPropertyKeyWarning");
  EXPECT_EQ(n[2].pos.line, 2u);
  EXPECT_EQ(n[2].pos.col, 10u);
  EXPECT_NE(n[2].message.find("(did you mean name?)"), std::string::npos);
  // The second alternative of a type list, a key of a map pattern, a label in WHERE.
  n = notices(
      "MATCH (n:Nation {nmae: 'Kazakhstan'})-[:SUPPLIES|SUPLIES]->(m) WHERE m:Natoin "
      "RETURN m");
  ASSERT_EQ(n.size(), 3u);
  EXPECT_EQ(n[0].code, "UnknownPropertyKeyWarning");
  EXPECT_EQ(n[0].pos.col, 18u);
  EXPECT_EQ(n[1].code, "UnknownRelationshipTypeWarning");
  EXPECT_EQ(n[1].pos.col, 50u);
  EXPECT_EQ(n[2].code, "UnknownLabelWarning");
  EXPECT_EQ(n[2].pos.col, 72u);
}

TEST_F(NoticesTest, NoHintWhenNothingIsClose) {
  auto n = notices("MATCH (p:Planet) RETURN p");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].message, "the label 'Planet' does not exist in this graph");
}

TEST_F(NoticesTest, NamesTheStatementWritesAreKnown) {
  EXPECT_TRUE(notices("CREATE (p:Planet {mass: 1}) RETURN p.mass").empty());
  EXPECT_TRUE(notices("MATCH (n:Nation) SET n.gdp = 1 RETURN n.gdp").empty());
  EXPECT_TRUE(notices("MATCH (n:Nation) SET n:Member RETURN n:Member").empty());
  EXPECT_TRUE(notices("MERGE (a:Nation)-[:TRADES]->(b:Nation) RETURN a").empty());
}

TEST_F(NoticesTest, MapKeysAndRepeatsAreNotReported) {
  // A map's keys are not property keys of the graph.
  EXPECT_TRUE(notices("WITH {a: 1} AS m RETURN m.a").empty());
  // The same unknown name is reported once.
  EXPECT_EQ(notices("MATCH (a:Planet), (b:Planet) RETURN a, b").size(), 1u);
  // Inside predicates, pattern comprehensions and map projections too.
  EXPECT_EQ(notices("MATCH (n:Nation) WHERE n:Natoin RETURN n").size(), 1u);
  EXPECT_EQ(notices("MATCH (n:Nation) RETURN [(n)-[:TRADES]->(m) | m.name]").size(), 1u);
  EXPECT_EQ(notices("MATCH (n:Nation) RETURN n {.nmae}").size(), 1u);
}

// Usage notices (usageNotices): directed patterns of symmetric types that are not answered
// both ways, and strings compared with temporal values.
class UsageNoticesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RelTypeDef borders;
    borders.name = "BORDERS";
    borders.symmetric = true;
    schema.addRelType(borders);
    RelTypeDef supplies;
    supplies.name = "SUPPLIES";
    schema.addRelType(supplies);
    LabelDef event;
    event.name = "Event";
    event.key = "id";
    event.properties.push_back({"id", PropType::String, false, ""});
    event.properties.push_back({"date", PropType::Date, false, ""});
    schema.addLabel(event);
    // An open part of the graph: a Note whose `day` holds a date-like string.
    NodeId n = graph.createNode(std::vector<LabelId>{graph.internLabel("Note")});
    graph.setNodeProperty(n, graph.internKey("day"), Value(std::string("2024-11-04")));
  }
  std::vector<Notice> notices(const std::string& query) {
    return usageNotices(parseStatement(query), graph, schema);
  }
  Graph graph;
  Schema schema;
};

TEST_F(UsageNoticesTest, SymmetricTypesAnsweredBothWaysGiveNone) {
  EXPECT_TRUE(notices("MATCH (a)-[:BORDERS]->(b) RETURN b").empty());
  EXPECT_TRUE(notices("MATCH (a)<-[:BORDERS*1..2]-(b) RETURN b").empty());
  EXPECT_TRUE(notices("MATCH (a)-[:SUPPLIES]->(b) RETURN b").empty());
  EXPECT_TRUE(notices("MATCH (a), (b) MERGE (a)-[:BORDERS]-(b)").empty());
  EXPECT_TRUE(notices("MATCH (a), (b) CREATE (a)-[:BORDERS]->(b)").empty());
}

TEST_F(UsageNoticesTest, MixedTypesAndDirectedMergeAreWarned) {
  auto n = notices("MATCH (a)-[:SUPPLIES|BORDERS]->(b) RETURN b");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].code, "SymmetricTypeDirectionWarning");
  EXPECT_NE(n[0].message.find("BORDERS is symmetric (declared in the schema) but SUPPLIES is not"),
            std::string::npos);
  EXPECT_EQ(n[0].pos.col, 10u);
  n = notices("MATCH (a), (b) MERGE (a)-[:BORDERS]->(b)");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_NE(n[0].message.find("MERGE matches a directed pattern only as written"),
            std::string::npos);
  // In a pattern expression too.
  EXPECT_EQ(notices("MATCH (a) WHERE (a)-[:BORDERS|SUPPLIES]->() RETURN a").size(), 1u);
}

TEST_F(UsageNoticesTest, StringComparedWithTemporal) {
  // A literal against a declared date property, either side.
  auto n = notices("MATCH (e:Event) WHERE e.date < '2025-01-01' RETURN e");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].code, "StringTemporalComparisonWarning");
  EXPECT_NE(n[0].message.find("date('2025-01-01')"), std::string::npos);
  EXPECT_EQ(notices("MATCH (e:Event) WHERE '2025-01-01' >= e.date RETURN e").size(), 1u);
  // A property holding strings (sampled from the graph) against a temporal function.
  n = notices("MATCH (x:Note) WHERE x.day = date('2024-11-04') RETURN x");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_NE(n[0].message.find("x.day, which holds strings here"), std::string::npos);
  EXPECT_EQ(notices("MATCH (x:Note) WITH x WHERE localdatetime() > x.day RETURN x").size(), 1u);
  // Nothing to say: converted, string with string, date with date, unknown keys.
  EXPECT_TRUE(notices("MATCH (x:Note) WHERE date(x.day) = date('2024-11-04') RETURN x").empty());
  EXPECT_TRUE(notices("MATCH (x:Note) WHERE x.day = '2024-11-04' RETURN x").empty());
  EXPECT_TRUE(notices("MATCH (e:Event) WHERE e.date = date('2024-11-04') RETURN e").empty());
  EXPECT_TRUE(notices("MATCH (x) WHERE x.other = date('2024-11-04') RETURN x").empty());
}

}  // namespace
}  // namespace silkgraph
