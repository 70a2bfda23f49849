// Indexes made by DDL (engine/index_catalog.h, engine/property_index.cpp): the database file
// keeps them (since format version 3; every file is now written as the current version), a
// property index always agrees with a label scan through random writes, rollbacks and
// deletions, and the catalog lists the schema file's declarations with stable names.
#include "engine/index_catalog.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "engine/graph_file.h"
#include "main/database.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

class TempDir : public silkgraph::testing::TempDir {
 public:
  TempDir() : silkgraph::testing::TempDir("sg-index-catalog") {}
};

uint32_t fileVersion(const std::string& path) {
  std::string bytes = silkgraph::testing::readBytes(path);
  uint32_t v = 0;
  std::memcpy(&v, bytes.data() + 8, 4);
  return v;
}

TEST(IndexCatalog, DatabaseFileKeepsIndexesAndVersion) {
  TempDir dir;
  const std::string path = dir / "g.sg";
  Database db;
  db.execute(
      "CREATE (:Nation {id: 'KOR', name: 'Korea'})-[:SUPPLIES {resource: 'REE', year: "
      "2020}]->(:Nation {id: 'CHN', name: 'China'})");
  db.save(path);
  EXPECT_EQ(fileVersion(path), kGraphFileVersion);
  db.execute("CREATE INDEX by_name FOR (n:Nation) ON (n.name)");
  db.execute("CREATE INDEX FOR ()-[r:SUPPLIES]->() ON (r.resource, r.year)");
  db.execute("CREATE CONSTRAINT nation_id FOR (n:Nation) REQUIRE n.id IS UNIQUE");
  std::filesystem::remove(path);
  db.save(path);
  EXPECT_EQ(fileVersion(path), kGraphFileVersion);

  Graph g;
  Schema s;
  readGraphFile(path, g, s);
  ASSERT_EQ(s.indexes().size(), 3u);
  EXPECT_EQ(s.indexes(), db.schema().indexes());
  EXPECT_TRUE(s.empty()) << "DDL indexes do not make a graph typed";

  Database reopened;
  reopened.load({path});
  EXPECT_NE(reopened.execute("EXPLAIN MATCH (n:Nation {name: 'Korea'}) RETURN n")
                .plan.find("NodeIndexSeek (:Nation index on name)"),
            std::string::npos);
  const Graph& rg = reopened.graph();
  EXPECT_EQ(rg.adjacencyOrder(rg.typeId("SUPPLIES")).size(), 2u);
  EXPECT_EQ(rg.keyIndexOf(rg.labelId("Nation")), rg.keyId("id"));
  auto rows = reopened.execute("SHOW INDEXES YIELD name RETURN name ORDER BY name").rows;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0].asString(), "by_name");
  EXPECT_EQ(rows[1][0].asString().rfind("index_", 0), 0u);
  EXPECT_EQ(rows[2][0].asString(), "nation_id");
}

TEST(IndexCatalog, SchemaFileDeclarationsAreListedWithStableNames) {
  Schema s;
  LabelDef nation;
  nation.name = "Nation";
  nation.key = "id";
  s.addLabel(nation);
  RelTypeDef supplies;
  supplies.name = "SUPPLIES";
  supplies.properties = {{"resource", PropType::String, false, ""},
                         {"year", PropType::Int, false, ""}};
  supplies.index = {"resource", "year"};
  s.addRelType(supplies);
  auto all = catalogEntries(s);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].declared);
  EXPECT_EQ(all[0].def.kind, IndexDef::Kind::Unique);
  EXPECT_EQ(all[0].def.name.rfind("constraint_", 0), 0u);
  EXPECT_EQ(all[0].def.name.size(), 19u);
  EXPECT_EQ(all[1].def.name.rfind("index_", 0), 0u);
  EXPECT_EQ(all[1].def.name, catalogEntries(s)[1].def.name);
  // The same definition made by DDL without a name gets the same name: it is "the same".
  IndexDef d{{}, IndexDef::Kind::Index, true, "SUPPLIES", {"resource", "year"}};
  EXPECT_EQ(generatedIndexName(d), all[1].def.name);
}

// The property index against a scan of the label, after random writes (some rolled back).
TEST(IndexCatalog, PropertyIndexAgreesWithScansThroughWritesAndRollbacks) {
  Graph g;
  LabelId a = g.internLabel("A"), b = g.internLabel("B");
  KeyId k = g.internKey("k");
  std::mt19937 rng(7);
  for (int i = 0; i < 50; ++i) {
    NodeId n = g.createNode(std::vector<LabelId>{a});
    g.setNodeProperty(n, k, Value(static_cast<int64_t>(i % 5)));
  }
  g.createPropertyIndex(a, k);
  auto check = [&] {
    for (int64_t v = 0; v < 6; ++v) {
      std::vector<NodeId> scan, seek;
      g.forEachNodeWithLabel(a, [&](NodeId n) {
        if (g.nodeProperty(n, k).identical(Value(v))) scan.push_back(n);
        return true;
      });
      g.forEachByProperty(a, k, Value(v), [&](NodeId n) {
        seek.push_back(n);
        return true;
      });
      ASSERT_EQ(scan, seek) << "value " << v;
    }
  };
  for (int round = 0; round < 200; ++round) {
    g.begin();
    for (int step = 0; step < 5; ++step) {
      NodeId n = static_cast<NodeId>(rng() % g.nodeIdLimit());
      switch (rng() % 6) {
        case 0:
          if (g.nodeExists(n)) g.setNodeProperty(n, k, Value(static_cast<int64_t>(rng() % 6)));
          break;
        case 1:
          if (g.nodeExists(n)) g.setNodeProperty(n, k, Value());
          break;
        case 2:
          if (g.nodeExists(n)) g.removeLabel(n, a);
          break;
        case 3:
          if (g.nodeExists(n)) g.addLabel(n, a);
          break;
        case 4: {
          NodeId m = g.createNode(std::vector<LabelId>{rng() % 2 ? a : b});
          g.setNodeProperty(m, k, Value(static_cast<int64_t>(rng() % 6)));
          break;
        }
        default:
          if (g.nodeExists(n)) g.deleteNode(n);
      }
    }
    if (rng() % 3 == 0)
      g.rollback();
    else
      g.commit();
    check();
  }
}

}  // namespace
}  // namespace silkgraph
