// load::Stage::writeKeyedRel (loaders/staging.h), the write path of source loaders that
// resolve their type, endpoints, keys and repeated texts once (the GDELT loader): it writes
// what beginRel..endRel writes for the same row, and refuses what endRel refuses, naming the
// file and line: an endpoint the typed schema does not allow, a required property missing.
#include <gtest/gtest.h>

#include <string>

#include "engine/error.h"
#include "engine/schema.h"
#include "loaders/staging.h"

namespace silkgraph {
namespace {

Schema typedSchema() {
  Schema s;
  for (const char* name : {"N", "M"}) {
    LabelDef l;
    l.name = name;
    l.key = "id";
    l.properties.push_back({"id", PropType::String, true, ""});
    s.addLabel(l);
  }
  RelTypeDef r;
  r.name = "R";
  r.from = {"N"};
  r.to = {"N"};
  r.properties.push_back({"w", PropType::Int, true, ""});
  r.properties.push_back({"s", PropType::String, false, ""});
  s.addRelType(r);
  return s;
}

// Nodes a and b (N) and c (M), and one relationship a-[:R {w: 1, s: 'x'}]->b written the
// staged way, which resolves the type and keys for writeKeyedRel.
struct Staged {
  Graph graph;
  Schema schema = typedSchema();
  load::Stage stage{graph, schema};
  uint32_t file = stage.addFile("events.tsv");
  uint32_t type = 0;
  KeyId w = kNoKey, s = kNoKey;
  Staged() {
    for (auto [id, label] : {std::pair{"a", "N"}, {"b", "N"}, {"c", "M"}}) {
      stage.beginNode(file, {1, 1});
      stage.nodeLabel(label, {1, 1});
      stage.nodeId(id, "id", {1, 1});
      stage.endNode();
    }
    stage.beginRel(file, {2, 1});
    stage.relType("R", {2, 1});
    stage.relStart("a", {2, 1});
    stage.relEnd("b", {2, 1});
    stage.relPropByIndex(stage.keyIndex("w"), intCell(1), {2, 3});
    load::Cell text;
    text.kind = load::Cell::Kind::String;
    text.text = "x";
    stage.relPropByIndex(stage.keyIndex("s"), text, {2, 5});
    stage.endRel();
    type = stage.currentRelType();
    w = stage.graphKeyOf(stage.keyIndex("w"));
    s = stage.graphKeyOf(stage.keyIndex("s"));
  }
  static load::Cell intCell(int64_t v) {
    load::Cell c;
    c.kind = load::Cell::Kind::Int;
    c.i = v;
    return c;
  }
  NodeId node(const char* id) const {
    bool inGraph = false;
    return stage.writtenNode(id, &inGraph);
  }
};

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return std::string(e.what()) + " @" + std::to_string(e.pos().line);
  }
  return "no error";
}

TEST(StagingKeyedRel, WritesWhatTheStagedPathWrites) {
  Staged t;
  load::RelProp props[] = {{t.w, Staged::intCell(7)}};
  load::KeyedString strings[] = {{t.s, t.stage.internString("x")}};
  t.stage.writeKeyedRel(t.file, {3, 1}, t.type, t.node("b"), "b", t.node("a"), "a", props, 1,
                        strings, 1);
  EXPECT_EQ(t.stage.relCount(), 2u);
  ASSERT_EQ(t.graph.relCount(), 2u);
  EXPECT_EQ(t.graph.relSource(1), t.node("b"));
  EXPECT_EQ(t.graph.relTarget(1), t.node("a"));
  EXPECT_EQ(t.graph.relType(1), t.graph.relType(0));
  EXPECT_EQ(t.graph.relProperty(1, t.w).asInt(), 7);
  EXPECT_EQ(t.graph.relProperty(1, t.s).asString(), "x");
  // The same text is the same dictionary entry as the staged row's.
  EXPECT_EQ(t.stage.internString("x"), t.graph.internStringId("x"));
}

TEST(StagingKeyedRel, RefusesAnEndpointTheSchemaDoesNotAllow) {
  Staged t;
  load::RelProp props[] = {{t.w, Staged::intCell(7)}};
  struct Case {
    const char *from, *to;
    uint32_t line;
  };
  for (Case c : {Case{"a", "c", 9}, Case{"c", "a", 10}}) {  // c is an M: refused either end
    std::string e = errorOf([&] {
      t.stage.writeKeyedRel(t.file, {c.line, 1}, t.type, t.node(c.from), c.from, t.node(c.to), c.to,
                            props, 1, nullptr, 0);
    });
    EXPECT_NE(e.find("'c'"), std::string::npos) << e;
    EXPECT_NE(e.find("@" + std::to_string(c.line)), std::string::npos) << e;
  }
  EXPECT_EQ(t.stage.relCount(), 1u);
}

TEST(StagingKeyedRel, RefusesAMissingRequiredProperty) {
  Staged t;
  load::KeyedString strings[] = {{t.s, t.stage.internString("y")}};
  std::string e = errorOf([&] {
    t.stage.writeKeyedRel(t.file, {4, 1}, t.type, t.node("a"), "a", t.node("b"), "b", nullptr, 0,
                          strings, 1);
  });
  EXPECT_NE(e.find("'w'"), std::string::npos) << e;
  EXPECT_NE(e.find("@4"), std::string::npos) << e;
  EXPECT_EQ(t.stage.relCount(), 1u);
}

TEST(StagingKeyedRel, NeedsARelationshipOfTheTypeFirst) {
  Graph graph;
  Schema schema;
  load::Stage stage(graph, schema);
  uint32_t file = stage.addFile("f");
  std::string e = errorOf([&] {
    stage.writeKeyedRel(file, {1, 1}, 0, 0, "a", 0, "a", nullptr, 0, nullptr, 0);
  });
  EXPECT_NE(e.find("writeKeyedRel"), std::string::npos) << e;
}

}  // namespace
}  // namespace silkgraph
