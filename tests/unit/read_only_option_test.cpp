// ExecuteOptions::readOnly (main/database.h), the server's read-only users: reads run; every
// statement that writes is refused with ErrorKind::Forbidden at its first writing clause
// before it runs, also inside an explicit transaction and for index commands; the graph and
// the schema are unchanged afterwards; EXPLAIN of a write is still allowed.
#include <gtest/gtest.h>

#include <string>

#include "main/database.h"

namespace silkgraph {
namespace {

TEST(ReadOnlyOption, WritesAreForbiddenAtTheirClauseAndChangeNothing) {
  Database db;
  db.execute("CREATE (:Nation {id: 'KOR', name: 'Korea'})-[:BORDERS]->(:Nation {id: 'PRK'})");
  ExecuteOptions ro;
  ro.readOnly = true;
  EXPECT_EQ(db.execute("MATCH (n:Nation) RETURN count(n)", {}, ro).rows[0][0].asInt(), 2);
  const struct {
    const char* query;
    uint32_t line, col;
  } writes[] = {
      {"CREATE (:Nation {id: 'XKX'})", 1, 1},
      {"MATCH (n:Nation {id: 'KOR'})\nSET n.name = 'x'", 2, 1},
      {"MATCH (n:Nation)\nWITH n\n  DETACH DELETE n", 3, 3},
      {"MERGE (n:Nation {id: 'KOR'}) RETURN n", 1, 1},
      {"MATCH (n:Nation {id: 'KOR'}) REMOVE n.name", 1, 30},
      {"UNWIND [1] AS x RETURN x UNION MATCH (n) CREATE (m) RETURN 1 AS x", 1, 42},
      {"CREATE INDEX names FOR (n:Nation) ON (n.name)", 1, 1},
      {"DROP INDEX names IF EXISTS", 1, 1},
  };
  for (const auto& w : writes) {
    try {
      db.execute(w.query, {}, ro);
      ADD_FAILURE() << "not refused: " << w.query;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Forbidden) << w.query << ": " << e.what();
      EXPECT_EQ(e.pos().line, w.line) << w.query;
      EXPECT_EQ(e.pos().col, w.col) << w.query;
      EXPECT_NE(std::string(e.what()).find("may only read"), std::string::npos) << e.what();
    }
  }
  db.begin();
  EXPECT_THROW(db.execute("CREATE (:City)", {}, ro), Error);
  db.rollback();
  EXPECT_TRUE(db.execute("EXPLAIN CREATE (:City)", {}, ro).explain);
  EXPECT_EQ(db.graph().nodeCount(), 2u);
  EXPECT_EQ(db.execute("MATCH (n:Nation {id: 'KOR'}) RETURN n.name").rows[0][0].asString(),
            "Korea");
  EXPECT_TRUE(db.schema().indexes().empty());
  // The same statements without the option write.
  db.execute("CREATE (:Nation {id: 'XKX'})");
  EXPECT_EQ(db.graph().nodeCount(), 3u);
}

}  // namespace
}  // namespace silkgraph
