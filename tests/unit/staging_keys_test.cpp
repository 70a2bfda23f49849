// load::Stage (loaders/staging.h): a key given twice in one relationship row is an error
// naming the place (the fast path of readers that stage properties by key index skips the
// CSV header's check), with few keys or more than 64, and a row may carry more than 64 keys.
#include <gtest/gtest.h>

#include <string>

#include "engine/error.h"
#include "engine/schema.h"
#include "loaders/staging.h"

namespace silkgraph {
namespace {

// A stage with nodes a and b and a relationship a-[:R]->b begun in file "f".
struct Staged {
  Graph graph;
  Schema schema;
  load::Stage stage{graph, schema};
  uint32_t file = stage.addFile("f");
  Staged() {
    for (const char* id : {"a", "b"}) {
      stage.beginNode(file, {1, 1});
      stage.nodeLabel("N", {1, 1});
      stage.nodeId(id, "id", {1, 1});
      stage.endNode();
    }
    begin("a", "b", 2);
  }
  void begin(const char* from, const char* to, uint32_t line) {
    stage.beginRel(file, {line, 1});
    stage.relType("R", {line, 1});
    stage.relStart(from, {line, 1});
    stage.relEnd(to, {line, 1});
  }
  void prop(const std::string& key, int64_t v, uint32_t line, uint32_t col) {
    load::Cell c;
    c.kind = load::Cell::Kind::Int;
    c.i = v;
    stage.relPropByIndex(stage.keyIndex(key), c, {line, col});
  }
};

void expectTwice(Staged& s, const std::string& key, uint32_t col) {
  try {
    s.prop(key, 2, 2, col);
    ADD_FAILURE() << "no error for '" << key << "' given twice";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("property '" + key + "' is given twice"),
              std::string::npos)
        << e.what();
    EXPECT_EQ(e.pos().line, 2u);
    EXPECT_EQ(e.pos().col, col);
  }
}

TEST(StagingKeys, AKeyGivenTwiceInARowIsAnError) {
  Staged s;
  s.prop("w", 1, 2, 5);
  expectTwice(s, "w", 9);
}

TEST(StagingKeys, MoreThanSixtyFourKeys) {
  Staged s;
  for (int k = 0; k < 70; ++k) s.prop("k" + std::to_string(k), k, 2, 3);
  expectTwice(s, "k66", 7);
  expectTwice(s, "k3", 8);
  Staged t;
  for (int k = 0; k < 70; ++k) t.prop("k" + std::to_string(k), k, 2, 3);
  t.stage.endRel();  // all 70 written; the next row starts with no keys seen
  t.begin("b", "a", 3);
  t.prop("k3", 1, 3, 2);
  t.prop("k66", 1, 3, 4);
  t.stage.endRel();
  // Relationships go to the graph (inside the load's transaction) at their endRel.
  EXPECT_EQ(t.graph.relCount(), 2u);
  EXPECT_EQ(t.graph.relProperty(0, t.graph.keyId("k69")).asInt(), 69);
  EXPECT_EQ(t.graph.relProperty(1, t.graph.keyId("k66")).asInt(), 1);
}

}  // namespace
}  // namespace silkgraph
