// Database::prepare / execute(PreparedQuery): parsed once, bound and planned at every run, so
// parameters, graph changes and writes behave exactly as with execute(text).
#include <gtest/gtest.h>

#include "engine/error.h"
#include "main/database.h"

namespace silkgraph {
namespace {

TEST(PreparedQueryTest, RunsManyTimesWithDifferentParameters) {
  Database db;
  db.execute("CREATE (:N {i: 1, s: 'a'}), (:N {i: 2, s: 'b'}), (:N {i: 3, s: 'c'})");
  PreparedQuery q = db.prepare("MATCH (n:N) WHERE n.i >= $min RETURN n.s AS s ORDER BY s");
  EXPECT_TRUE(q.valid());
  EXPECT_EQ(q.text(), "MATCH (n:N) WHERE n.i >= $min RETURN n.s AS s ORDER BY s");
  for (int64_t min = 0; min <= 4; ++min) {
    QueryResult r = db.execute(q, {{"min", Value(min)}});
    ASSERT_EQ(r.columns, std::vector<std::string>{"s"});
    EXPECT_EQ(r.rows.size(), static_cast<size_t>(std::clamp<int64_t>(4 - min, 0, 3)));
  }
  // Same answer as the text path.
  QueryResult a = db.execute(q, {{"min", Value(int64_t{2})}});
  QueryResult b = db.execute(q.text(), {{"min", Value(int64_t{2})}});
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (size_t i = 0; i < a.rows.size(); ++i)
    EXPECT_EQ(a.rows[i][0].asString(), b.rows[i][0].asString());
}

TEST(PreparedQueryTest, SeesTheGraphAsItIsWhenRun) {
  Database db;
  // Prepared before the label, the type and the property key exist.
  PreparedQuery q = db.prepare("MATCH (a:Later)-[:LINK]->(b) RETURN count(b) AS c");
  EXPECT_EQ(db.execute(q).rows[0][0].asInt(), 0);
  db.execute("CREATE (:Later)-[:LINK]->(), (:Later)-[:LINK]->()");
  EXPECT_EQ(db.execute(q).rows[0][0].asInt(), 2);
}

TEST(PreparedQueryTest, WritesRunEveryTimeAndFailAtomically) {
  Database db;
  PreparedQuery create = db.prepare("CREATE (:W {v: $v})");
  db.execute(create, {{"v", Value(int64_t{1})}});
  db.execute(create, {{"v", Value(int64_t{2})}});
  EXPECT_EQ(db.execute("MATCH (w:W) RETURN sum(w.v) AS s").rows[0][0].asInt(), 3);
  // A missing parameter is reported at execution, as for execute(text).
  try {
    db.execute(create);
    FAIL() << "expected ParameterMissing";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ParameterMissing);
  }
  PreparedQuery bad = db.prepare("CREATE (:W {v: 1}) WITH 1 AS x RETURN 1 / 0 AS y");
  EXPECT_THROW(db.execute(bad), Error);
  EXPECT_EQ(db.execute("MATCH (w:W) RETURN count(w) AS c").rows[0][0].asInt(), 2);
}

TEST(PreparedQueryTest, SyntaxErrorsAtPrepareAndAnEmptyQueryIsRefused) {
  Database db;
  try {
    db.prepare("MATCH (n RETURN n");
    FAIL() << "expected a syntax error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::SyntaxError);
  }
  PreparedQuery empty;
  EXPECT_FALSE(empty.valid());
  EXPECT_THROW(db.execute(empty), Error);
}

}  // namespace
}  // namespace silkgraph
