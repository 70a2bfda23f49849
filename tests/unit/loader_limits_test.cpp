// Catalog limits of a load (issue 10, D8): the 65,536th label or relationship type of a
// graph is refused with a LoadError naming the file and the place, not an InternalError;
// CREATE of one more label or type says what the limit is.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/error.h"
#include "engine/graph.h"
#include "loaders/loader.h"
#include "main/database.h"

namespace silkgraph {
namespace {

namespace fs = std::filesystem;

class LimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "sg-limits-XXXXXX").string();
    dir = ::mkdtemp(tmpl.data()) ? tmpl : "";
    ASSERT_FALSE(dir.empty());
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  // One node with `labels` labels L0, L1, ... in its :LABEL cell.
  std::string nodesWithLabels(size_t labels) {
    std::string path = dir + "/labels.csv";
    std::ofstream out(path);
    out << "id:ID,:LABEL\nn1,";
    for (size_t i = 0; i < labels; ++i) out << (i ? ";" : "") << 'L' << i;
    out << "\n";
    return path;
  }
  std::string dir;
};

TEST_F(LimitsTest, TooManyLabelsIsALoadErrorWithItsPlace) {
  const std::string path = nodesWithLabels(size_t{kNoLabel} + 1);
  Graph graph;
  Schema schema;
  try {
    loadPaths(graph, schema, {path});
    ADD_FAILURE() << "loaded more labels than a graph holds";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::LoadError) << e.what();
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(e.pos().line, 2u) << e.format();
    EXPECT_NE(std::string(e.what()).find("too many labels: label 'L65535'"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(graph.nodeCount(), 0u);
  EXPECT_FALSE(graph.inTransaction());
}

TEST_F(LimitsTest, TooManyRelationshipTypesIsALoadErrorWithItsPlace) {
  const std::string nodes = dir + "/nodes.csv", rels = dir + "/rels.csv";
  std::ofstream(nodes) << "id:ID,:LABEL\na,N\nb,N\n";
  {
    std::ofstream out(rels);
    out << ":START_ID,:END_ID,:TYPE\n";
    for (size_t i = 0; i <= kNoType; ++i) out << "a,b,T" << i << "\n";
  }
  Graph graph;
  Schema schema;
  try {
    loadPaths(graph, schema, {nodes, rels});
    ADD_FAILURE() << "loaded more relationship types than a graph holds";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::LoadError) << e.what();
    EXPECT_EQ(e.file(), rels);
    EXPECT_EQ(e.pos().line, size_t{kNoType} + 2) << e.format();
    EXPECT_NE(std::string(e.what()).find("too many relationship types: type 'T65535'"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(graph.relCount(), 0u);
  EXPECT_FALSE(graph.inTransaction());
}

TEST_F(LimitsTest, CreateBeyondTheLimitIsAClearError) {
  Database db;
  loadPaths(db.graph(), db.schema(), {nodesWithLabels(kNoLabel)});  // exactly the limit
  EXPECT_EQ(db.graph().labelCount(), size_t{kNoLabel});
  for (const char* q : {"CREATE (:OneMore)", "MATCH (n) SET n:OneMore"}) {
    try {
      db.execute(q);
      ADD_FAILURE() << q << " went past the label limit";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::ArgumentError) << e.what();
      EXPECT_NE(std::string(e.what()).find("too many labels: a graph holds at most 65535"),
                std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(db.graph().labelCount(), size_t{kNoLabel});
  EXPECT_EQ(db.execute("MATCH (n:L65534) RETURN count(n) AS c").rows.at(0).at(0).asInt(), 1);
}

}  // namespace
}  // namespace silkgraph
