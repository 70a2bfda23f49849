// RelChunkParser (loaders/csv_rel_chunk.h), one chunk of a relationship file parsed as a
// thread of a parallel load parses it: each distinct string of the chunk is kept once,
// the empty string included (the writer interns each once per chunk), lists keep their text
// per cell, and the rows refer to the right strings.
#include "loaders/csv_rel_chunk.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "engine/graph.h"
#include "engine/schema.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

TEST(CsvRelChunkTest, EachDistinctStringOfAChunkIsKeptOnce) {
  testing::TempDir dir{"sg-rel-chunk"};
  const std::string path = dir / "rels.csv";
  const std::string header = ":START_ID,:END_ID,:TYPE,s:string,tags:string[]\n";
  std::string text = header;
  const char* values[] = {"\"\"", "x", "y", "\"\"", "x"};  // "" is an empty string, not absent
  for (int i = 0; i < 100; ++i) text += std::string("a,b,R,") + values[i % 5] + ",p;q\n";
  std::ofstream(path, std::ios::binary) << text;

  Graph graph;
  Schema schema;
  load::Stage stage{graph, schema};
  const uint32_t file = stage.addFile(path);
  for (const char* id : {"a", "b"}) {
    stage.beginNode(file, {1, 1});
    stage.nodeId(id, "id", {1, 1});
    stage.endNode();
  }
  stage.beginParallelRels();
  load::CsvHeader h;
  for (auto role : {load::Column::Role::Start, load::Column::Role::End, load::Column::Role::Type})
    h.columns.push_back({role, "", "", false, false, ScalarKind::String, {}});
  h.columns.push_back(
      {load::Column::Role::Prop, "s", "s:string", true, false, ScalarKind::String, {}});
  h.columns.push_back(
      {load::Column::Role::Prop, "tags", "tags:string[]", true, true, ScalarKind::String, {}});
  h.startCol = 0;
  h.endCol = 1;
  h.typeCol = 2;

  load::RelChunkParser parser(stage, h, file);
  load::RelChunk c;
  c.reset(header.size(), UINT64_MAX, false);
  parser.parse(c, UINT64_MAX);
  ASSERT_FALSE(c.error);
  ASSERT_EQ(c.rels.size(), 100u);
  ASSERT_EQ(c.strings.size(), 3u);  // "", "x", "y": once each
  EXPECT_EQ(c.strings[0], "");
  EXPECT_EQ(c.strings[1], "x");
  EXPECT_EQ(c.strings[2], "y");
  EXPECT_TRUE(c.stringLists);
  for (size_t i = 0; i < c.rels.size(); ++i) {
    ASSERT_EQ(c.rels[i].propCount, 2u);
    const load::RelChunk::Prop& s = c.props[c.rels[i].propBegin];
    ASSERT_EQ(s.kind(), load::Cell::Kind::String);
    EXPECT_EQ(c.strings[s.stringIndex()], std::string(i % 5 == 2  ? "y"
                                                      : i % 5 % 3 ? "x"
                                                                  : ""))
        << "row " << i;
    load::Cell list;
    c.props[c.rels[i].propBegin + 1].toCell(list, ';');
    EXPECT_EQ(list.kind, load::Cell::Kind::RawList);
    EXPECT_EQ(list.text, "p;q");
  }
}

}  // namespace
}  // namespace silkgraph
