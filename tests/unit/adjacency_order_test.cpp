// Adjacency order (Graph::setAdjacencyOrder, a vertex-centric index): the rows are sorted by
// the packed code and hold the same relationships; expansions that seek in the order give
// the same answers as full scans, for equalities, ranges, values the order cannot encode,
// relationships created after the sort, and after a property change turned the order off.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/graph.h"
#include "engine/graph_access.h"
#include "engine/graph_file.h"
#include "engine/graph_ops.h"
#include "loaders/loader.h"
#include "main/database.h"
#include "query/value_format.h"

namespace silkgraph {
namespace {

class AdjacencyOrderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Graph& g = db.graph();
    LabelId v = g.internLabel("V");
    KeyId id = g.internKey("i");
    t = g.internType("T");
    a = g.internKey("a");
    b = g.internKey("b");
    c = g.internKey("c");
    std::mt19937 rng(7);
    g.begin();
    for (int n = 0; n < 40; ++n) {
      LabelId labels[] = {v};
      NodeId x = g.createNode(labels);
      g.setNodeProperty(x, id, Value(int64_t{n}));
    }
    const char* names[] = {"s0", "s1", "s2", "s3"};
    for (int k = 0; k < 3000; ++k) {
      RelId r = g.createRel(rng() % 40, rng() % 40, t);
      if (rng() % 10) g.setRelProperty(r, a, Value(std::string(names[rng() % 4])));
      if (rng() % 10) g.setRelProperty(r, b, Value(static_cast<int64_t>(rng() % 7) - 2));
      switch (rng() % 12) {
        case 0:
          break;  // absent
        case 1:
          g.setRelProperty(r, c, Value(std::nan("")));
          break;
        case 2:
          g.setRelProperty(r, c, Value(-1e300));
          break;
        default:
          g.setRelProperty(r, c, Value((static_cast<double>(rng() % 2001) - 1000.0) / 8.0));
      }
    }
    g.commit();
    g.compact();
    g.createKeyIndex(v, id);
  }

  // The rows of every query, as sorted text, for each anchor node.
  std::vector<std::string> answers(const std::string& where) { return answersOn(db, where); }
  static std::vector<std::string> answersOn(Database& db, const std::string& where) {
    std::vector<std::string> out;
    for (const char* pattern : {"(n:V {i: $k})-[r:T]->(m)", "(n:V {i: $k})<-[r:T]-(m)"}) {
      std::string q = std::string("MATCH ") + pattern + " WHERE " + where +
                      " RETURN id(r) AS r, m.i AS m, r.a AS a, r.b AS b, r.c AS c";
      for (int k = 0; k < 40; k += 3) {
        QueryResult res = db.execute(q, {{"k", Value(int64_t{k})}});
        std::vector<std::string> rows;
        for (const auto& row : res.rows) {
          std::string line;
          for (const auto& x : row) line += toCypherText(x, db.graph()) + "|";
          rows.push_back(line);
        }
        std::sort(rows.begin(), rows.end());
        std::string all;
        for (const auto& l : rows) all += l + "\n";
        out.push_back(all);
      }
    }
    return out;
  }

  Database db;
  TypeId t = kNoType;
  KeyId a = kNoKey, b = kNoKey, c = kNoKey;
};

const char* kFilters[] = {
    "r.a = 's1'",
    "r.a = 's1' AND r.b = 3",
    "r.a = 's2' AND r.b = -2 AND r.c > 10.0",
    "r.a = 's2' AND r.b = 0 AND r.c >= 10 AND r.c < 100.5",
    "r.a = 's0' AND r.b >= 1 AND r.b < 4",
    "r.a = 's0' AND r.b > 1 AND r.b <= 4 AND r.c < 0.0",
    "r.b = 3",
    "r.a = 'nope'",
    "r.a = 's3' AND r.b = 3.0",
    "r.a = 's3' AND r.b = 2.5",
    "r.a = 's1' AND r.b = 1 AND r.c = 12.5",
    "r.a = 's1' AND r.b = 1 AND r.c = 0.0 / 0.0",
    "r.a = 's1' AND r.b = 1 AND r.c <> 12.5",
    "r.a = 's1' AND r.b IS NULL",
    "r.a = 's1' AND r.b = 9",
    "r.a = 's1' AND r.b < -5",
    "r.a = 1",
    "r.a <= 's1'",
    "r.a = 's2' AND r.c < -1e299",
    "'s2' = r.a AND 5 < r.b",
};

TEST_F(AdjacencyOrderTest, RowsAreSortedByTheCodeAndKeepTheirRelationships) {
  GraphImpl& g = GraphAccess::of(db.graph());
  const auto before = g.topo[t].csr;
  db.graph().setAdjacencyOrder(t, {a, b, c});
  ASSERT_TRUE(g.orderUsable(t));
  const TypeTopology& tp = g.topo[t];
  ASSERT_EQ(tp.order.parts.size(), 3u);
  EXPECT_EQ(tp.order.parts[0].shift, 0);
  EXPECT_EQ(tp.order.parts[1].shift, 0);
  EXPECT_GT(tp.order.parts[2].shift, 0);  // the floats' range does not fit: truncated
  for (int out = 0; out < 2; ++out) {
    const auto& rows = out ? tp.csr.m_forward.m_rowstart : tp.csr.m_backward.m_rowstart;
    const auto& oldRows = out ? before.m_forward.m_rowstart : before.m_backward.m_rowstart;
    ASSERT_EQ(rows, oldRows);
    for (NodeId n = 0; n + 1 < rows.size(); ++n) {
      std::vector<std::pair<RelId, NodeId>> now, then;
      uint64_t last = 0;
      for (uint32_t e = rows[n]; e < rows[n + 1]; ++e) {
        RelId r = out ? tp.csr.m_forward.m_edge_properties[e].rel
                      : tp.csr.m_backward.m_edge_properties[e];
        NodeId o = out ? tp.csr.m_forward.m_column[e] : tp.csr.m_backward.m_column[e];
        EXPECT_EQ(o, out ? g.relDst[r] : g.relSrc[r]);
        uint64_t code = g.orderCode(tp.order, r);
        EXPECT_GE(code, last);
        last = code;
        now.emplace_back(r, o);
        RelId r0 = out ? before.m_forward.m_edge_properties[e].rel
                       : before.m_backward.m_edge_properties[e];
        NodeId o0 = out ? before.m_forward.m_column[e] : before.m_backward.m_column[e];
        then.emplace_back(r0, o0);
      }
      std::sort(now.begin(), now.end());
      std::sort(then.begin(), then.end());
      EXPECT_EQ(now, then);
    }
  }
}

// declareAdjacencyOrder (what a load does before its compaction) sorts nothing by itself; the
// next compact() sorts the rows, as setAdjacencyOrder would have, and setAdjacencyOrder with
// the same keys afterwards finds them sorted and does nothing.
TEST_F(AdjacencyOrderTest, ADeclaredOrderIsSortedByTheNextCompaction) {
  Database sorted;  // the same graph, ordered by setAdjacencyOrder after its compaction
  {
    GraphImpl& mine = GraphAccess::of(db.graph());
    Graph& other = sorted.graph();
    other.internLabel("V");
    other.internKey("i");
    other.internType("T");
    for (const char* k : {"a", "b", "c"}) other.internKey(k);
    other.begin();
    for (NodeId n = 0; n < mine.nodeLimit; ++n) {
      std::vector<LabelId> labels = db.graph().nodeLabels(n);
      NodeId x = other.createNode(labels);
      db.graph().forEachNodeProperty(
          n, [&](KeyId k, const Value& v) { other.setNodeProperty(x, k, v); });
    }
    for (RelId r = 0; r < mine.relTypes.size(); ++r) {
      RelId x = other.createRel(mine.relSrc[r], mine.relDst[r], mine.relTypes[r]);
      db.graph().forEachRelProperty(
          r, [&](KeyId k, const Value& v) { other.setRelProperty(x, k, v); });
    }
    other.commit();
    other.compact();
    other.setAdjacencyOrder(t, {a, b, c});
  }
  GraphImpl& g = GraphAccess::of(db.graph());
  const std::vector<std::string> unordered = answers(kFilters[1]);
  db.graph().declareAdjacencyOrder(t, {a, b, c});
  EXPECT_FALSE(g.orderUsable(t));  // declared, not sorted yet: not used
  EXPECT_EQ(db.graph().adjacencyOrder(t), (std::vector<KeyId>{a, b, c}));
  EXPECT_EQ(answers(kFilters[1]), unordered);
  db.graph().compact(2);
  ASSERT_TRUE(g.orderUsable(t));
  const GraphImpl& o = GraphAccess::of(sorted.graph());
  EXPECT_EQ(g.topo[t].csr.m_forward.m_rowstart, o.topo[t].csr.m_forward.m_rowstart);
  for (uint32_t e = 0; e < g.topo[t].csr.m_forward.m_column.size(); ++e) {
    ASSERT_EQ(g.topo[t].csr.m_forward.m_column[e], o.topo[t].csr.m_forward.m_column[e]) << e;
    ASSERT_EQ(g.topo[t].csr.m_forward.m_edge_properties[e].rel,
              o.topo[t].csr.m_forward.m_edge_properties[e].rel);
    ASSERT_EQ(g.topo[t].csr.m_backward.m_column[e], o.topo[t].csr.m_backward.m_column[e]) << e;
    ASSERT_EQ(g.topo[t].csr.m_backward.m_edge_properties[e],
              o.topo[t].csr.m_backward.m_edge_properties[e]);
  }
  const uint64_t writes = g.writes;
  db.graph().setAdjacencyOrder(t, {a, b, c});  // already sorted: nothing to do
  EXPECT_EQ(g.writes, writes);
  for (const char* f : kFilters) EXPECT_EQ(answers(f), answersOn(sorted, f)) << f;
}

TEST(AdjacencyOrderLongRows, LongRowsAreStableSortsOfTheRowsBefore) {
  // Rows of thousands of entries take the radix path: each row must be exactly the stable
  // sort by code of the row before (ties, which are many here, keep their order), forward
  // and backward, including a row of one entry and an empty one.
  Graph g;
  const TypeId t = g.internType("T");
  const KeyId a = g.internKey("a"), c = g.internKey("c");
  for (int n = 0; n < 6; ++n) g.createNode();
  std::mt19937 rng(11);
  g.begin();
  for (int k = 0; k < 12000; ++k) {
    RelId r = g.appendRel(rng() % 4, rng() % 4, t);
    if (rng() % 8) g.setRelProperty(r, a, Value(static_cast<int64_t>(rng() % 4)));
    g.setRelProperty(r, c, Value(static_cast<double>(rng() % 10) / 7.0));
  }
  g.appendRel(4, 5, t);
  g.commit();
  g.compact();
  const GraphImpl& impl = GraphAccess::of(g);
  const auto before = impl.topo[t].csr;
  g.setAdjacencyOrder(t, {a, c});
  ASSERT_TRUE(impl.orderUsable(t));
  const TypeTopology& tp = impl.topo[t];
  for (int out = 0; out < 2; ++out) {
    const auto& rows = out ? tp.csr.m_forward.m_rowstart : tp.csr.m_backward.m_rowstart;
    for (NodeId n = 0; n + 1 < rows.size(); ++n) {
      std::vector<std::pair<RelId, NodeId>> now, expected;
      for (uint32_t e = rows[n]; e < rows[n + 1]; ++e) {
        now.emplace_back(out ? tp.csr.m_forward.m_edge_properties[e].rel
                             : tp.csr.m_backward.m_edge_properties[e],
                         out ? tp.csr.m_forward.m_column[e] : tp.csr.m_backward.m_column[e]);
        expected.emplace_back(out ? before.m_forward.m_edge_properties[e].rel
                                  : before.m_backward.m_edge_properties[e],
                              out ? before.m_forward.m_column[e] : before.m_backward.m_column[e]);
      }
      std::stable_sort(expected.begin(), expected.end(), [&](const auto& x, const auto& y) {
        return impl.orderCode(tp.order, x.first) < impl.orderCode(tp.order, y.first);
      });
      EXPECT_EQ(now, expected) << (out ? "forward" : "backward") << " row " << n;
    }
  }
}

// A graph too large for every relationship's code in memory (here: a budget of 0 bytes)
// works out each entry's code from the columns as its row is sorted: the rows and the order
// must be exactly those of the precomputed codes, short rows and long (radix) rows, with one
// thread and with two.
void expectSameRowsWithoutTheCodeArray(GraphImpl& g, TypeId t, std::vector<KeyId> keys) {
  const CsrGraph unsorted = g.topo[t].csr;
  for (unsigned threads : {1u, 2u}) {
    SCOPED_TRACE(threads);
    g.topo[t].csr = unsorted;
    g.topo[t].order.keys = keys;
    graph_ops::sortAdjacency(g, t, threads);
    const CsrGraph precomputed = g.topo[t].csr;
    const auto parts = g.topo[t].order.parts;
    g.topo[t].csr = unsorted;
    graph_ops::sortAdjacency(g, t, threads, 0);
    const CsrGraph& perEntry = g.topo[t].csr;
    ASSERT_TRUE(g.topo[t].order.valid);
    ASSERT_EQ(g.topo[t].order.parts.size(), parts.size());
    for (size_t i = 0; i < parts.size(); ++i) {
      EXPECT_EQ(g.topo[t].order.parts[i].offset, parts[i].offset);
      EXPECT_EQ(g.topo[t].order.parts[i].shift, parts[i].shift);
    }
    EXPECT_EQ(perEntry.m_forward.m_column, precomputed.m_forward.m_column);
    EXPECT_EQ(perEntry.m_backward.m_column, precomputed.m_backward.m_column);
    EXPECT_EQ(perEntry.m_backward.m_edge_properties, precomputed.m_backward.m_edge_properties);
    ASSERT_EQ(perEntry.m_forward.m_edge_properties.size(),
              precomputed.m_forward.m_edge_properties.size());
    for (size_t e = 0; e < perEntry.m_forward.m_edge_properties.size(); ++e)
      ASSERT_EQ(perEntry.m_forward.m_edge_properties[e].rel,
                precomputed.m_forward.m_edge_properties[e].rel);
    EXPECT_NE(perEntry.m_forward.m_column, unsorted.m_forward.m_column);  // it did sort
  }
}

TEST_F(AdjacencyOrderTest, CodesWorkedOutPerEntryGiveTheSameRows) {
  expectSameRowsWithoutTheCodeArray(GraphAccess::of(db.graph()), t, {a, b, c});
}

TEST(AdjacencyOrderLongRows, CodesWorkedOutPerEntryGiveTheSameRows) {
  Graph g;
  const TypeId t = g.internType("T");
  const KeyId a = g.internKey("a"), c = g.internKey("c");
  for (int n = 0; n < 6; ++n) g.createNode();
  std::mt19937 rng(5);
  g.begin();
  for (int k = 0; k < 12000; ++k) {
    RelId r = g.appendRel(rng() % 4, rng() % 4, t);
    if (rng() % 8) g.setRelProperty(r, a, Value(static_cast<int64_t>(rng() % 40)));
    g.setRelProperty(r, c, Value(static_cast<double>(rng() % 1000) / 7.0));
  }
  g.commit();
  g.compact();
  expectSameRowsWithoutTheCodeArray(GraphAccess::of(g), t, {a, c});
}

TEST_F(AdjacencyOrderTest, SeeksGiveTheAnswersOfFullScans) {
  std::vector<std::vector<std::string>> expected;
  for (const char* f : kFilters) expected.push_back(answers(f));
  db.graph().setAdjacencyOrder(t, {a, b, c});
  std::string plan =
      db.execute("EXPLAIN MATCH (n:V {i: 1})-[r:T]->(m) WHERE r.a = 's1' RETURN m").plan;
  EXPECT_NE(plan.find("Expand ()-[:T {a = 's1'}]->() (ordered adjacency: a, b, c)"),
            std::string::npos)
      << plan;
  for (size_t i = 0; i < std::size(kFilters); ++i)
    EXPECT_EQ(answers(kFilters[i]), expected[i]) << kFilters[i];

  // Two keys only, and the order declared before the data changes.
  db.graph().setAdjacencyOrder(t, {b, a});
  for (size_t i = 0; i < std::size(kFilters); ++i)
    EXPECT_EQ(answers(kFilters[i]), expected[i]) << kFilters[i];
}

TEST_F(AdjacencyOrderTest, NewRelationshipsAndChangedPropertiesStayVisible) {
  db.graph().setAdjacencyOrder(t, {a, b, c});
  // Created after the sort: in the delta, found by seeks too.
  db.execute(
      "MATCH (x:V {i: 3}), (y:V {i: 4}) CREATE (x)-[:T {a: 's1', b: 3, c: 1.0}]->(y), "
      "(y)-[:T {a: 's1', b: 3, c: 2.0}]->(x)");
  std::string q = "MATCH (n:V {i: 3})-[r:T]->(m) WHERE r.a = 's1' AND r.b = 3 RETURN count(*) AS c";
  int64_t withNew = db.execute(q).rows[0][0].asInt();
  db.graph().setAdjacencyOrder(t, {});
  EXPECT_EQ(db.execute(q).rows[0][0].asInt(), withNew);
  db.graph().setAdjacencyOrder(t, {a, b, c});

  std::vector<std::vector<std::string>> before;
  // A changed property of a compacted relationship turns the order off.
  db.execute("MATCH (n:V {i: 3})-[r:T]->() WHERE r.a = 's2' SET r.a = 's1', r.b = 3");
  EXPECT_FALSE(GraphAccess::of(db.graph()).orderUsable(t));
  for (const char* f : kFilters) before.push_back(answers(f));
  db.graph().setAdjacencyOrder(t, {});
  for (size_t i = 0; i < std::size(kFilters); ++i)
    EXPECT_EQ(answers(kFilters[i]), before[i]) << kFilters[i];
  // compact() sorts again.
  db.graph().setAdjacencyOrder(t, {a, b, c});
  db.graph().compact();
  EXPECT_TRUE(GraphAccess::of(db.graph()).orderUsable(t));
  for (size_t i = 0; i < std::size(kFilters); ++i)
    EXPECT_EQ(answers(kFilters[i]), before[i]) << kFilters[i];
  // A rolled-back change also turns it off (conservatively): still the same answers.
  EXPECT_THROW(db.execute("MATCH (n:V {i: 5})-[r:T]->() SET r.b = 1 WITH r RETURN 1 / 0 AS x"),
               Error);
  for (size_t i = 0; i < std::size(kFilters); ++i)
    EXPECT_EQ(answers(kFilters[i]), before[i]) << kFilters[i];
}

TEST_F(AdjacencyOrderTest, TheDatabaseFileKeepsTheOrder) {
  db.graph().setAdjacencyOrder(t, {a, b, c});
  std::vector<std::vector<std::string>> expected;
  for (const char* f : kFilters) expected.push_back(answers(f));
  std::string path = (std::filesystem::temp_directory_path() /
                      ("silkgraph-order-" + std::to_string(::getpid()) + ".sg"))
                         .string();
  writeGraphFile(db.graph(), db.schema(), path);
  Database other;
  readGraphFile(path, other.graph(), other.schema());
  std::filesystem::remove(path);
  const AdjacencyOrder& was = GraphAccess::of(db.graph()).topo[t].order;
  const AdjacencyOrder& is = GraphAccess::of(other.graph()).topo[t].order;
  EXPECT_EQ(is.keys, was.keys);
  EXPECT_TRUE(is.valid);
  ASSERT_EQ(is.parts.size(), was.parts.size());
  for (size_t i = 0; i < is.parts.size(); ++i) {
    EXPECT_EQ(is.parts[i].min, was.parts[i].min);
    EXPECT_EQ(is.parts[i].shift, was.parts[i].shift);
    EXPECT_EQ(is.parts[i].bits, was.parts[i].bits);
    EXPECT_EQ(is.parts[i].offset, was.parts[i].offset);
  }
  for (size_t i = 0; i < std::size(kFilters); ++i)
    EXPECT_EQ(answersOn(other, kFilters[i]), expected[i]) << kFilters[i];
}

// A schema's relationship type declares the order as "index"; applySchemaIndexes sets it.
class SchemaIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir =
        std::filesystem::temp_directory_path() / ("silkgraph-index-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
  static std::string schemaJson(const std::string& index) {
    return "{\"schema\": {\"labels\": [{\"name\": \"Nation\"}],\n"
           " \"relationships\": [{\"type\": \"SUPPLIES\", \"from\": \"Nation\", \"to\": "
           "\"Nation\",\n"
           "   \"properties\": [{\"name\": \"resource\", \"type\": \"string\"},\n"
           "                  {\"name\": \"year\", \"type\": \"int\"}],\n"
           "   \"index\": " +
           index + "}]}}\n";
  }
  std::filesystem::path dir;
};

TEST_F(SchemaIndexTest, DeclaredIndexOrdersTheAdjacency) {
  std::string schema = write("schema.json", schemaJson("[\"resource\", \"year\"]"));
  std::string nations = write("nations.csv", "id:ID,:LABEL\nKOR,Nation\nCHN,Nation\nAUS,Nation\n");
  std::string rels = write("supplies.csv",
                           ":START_ID,:END_ID,:TYPE,resource,year\n"
                           "CHN,KOR,SUPPLIES,REE,2020\nAUS,KOR,SUPPLIES,Lithium,2020\n"
                           "CHN,KOR,SUPPLIES,REE,2019\nAUS,KOR,SUPPLIES,REE,2020\n");
  Database db;
  db.load({schema, nations, rels});
  ASSERT_NE(db.schema().findRelType("SUPPLIES"), nullptr);
  EXPECT_EQ(db.schema().findRelType("SUPPLIES")->index,
            (std::vector<std::string>{"resource", "year"}));
  TypeId t = db.graph().typeId("SUPPLIES");
  EXPECT_TRUE(GraphAccess::of(db.graph()).orderUsable(t));
  std::string q =
      "MATCH (k:Nation {id: 'KOR'})<-[r:SUPPLIES]-(s) WHERE r.resource = 'REE' AND r.year = 2020 "
      "RETURN s.id AS s ORDER BY s";
  QueryResult r = db.execute(q);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0][0].asString(), "AUS");
  EXPECT_EQ(r.rows[1][0].asString(), "CHN");
  EXPECT_NE(db.execute("EXPLAIN " + q).plan.find("(ordered adjacency: resource, year)"),
            std::string::npos);

  // The database file keeps the declaration and the order.
  std::string file = (dir / "g.sg").string();
  writeGraphFile(db.graph(), db.schema(), file);
  Database other;
  readGraphFile(file, other.graph(), other.schema());
  EXPECT_EQ(other.schema().findRelType("SUPPLIES")->index,
            (std::vector<std::string>{"resource", "year"}));
  EXPECT_TRUE(GraphAccess::of(other.graph()).orderUsable(t));
  EXPECT_EQ(other.execute(q).rows.size(), 2u);
}

TEST_F(SchemaIndexTest, AnIndexMustNameDeclaredPropertiesAndAgreeAcrossFiles) {
  Database db;
  std::string bad = write("bad.json", schemaJson("[\"resource\", \"tonnes\"]"));
  try {
    loadPaths(db.graph(), db.schema(), {bad});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::LoadError);
    EXPECT_EQ(e.pos().line, 2u) << e.format();
    EXPECT_NE(std::string(e.what()).find("has an index on 'tonnes', which it does not declare"),
              std::string::npos)
        << e.what();
  }
  std::string twice = write("twice.json", schemaJson("[\"year\", \"year\"]"));
  EXPECT_THROW(loadPaths(db.graph(), db.schema(), {twice}), Error);
  std::string notList = write("notlist.json", schemaJson("\"year\""));
  Database single;
  loadPaths(single.graph(), single.schema(), {notList});  // one name stands for a list of one
  EXPECT_EQ(single.schema().findRelType("SUPPLIES")->index, std::vector<std::string>{"year"});
  std::string one = write("one.json", schemaJson("[\"resource\"]"));
  std::string other = write("other.json", schemaJson("[\"year\"]"));
  try {
    loadPaths(db.graph(), db.schema(), {one, other});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("declared with two different indexes"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(db.schema().empty());
}

}  // namespace
}  // namespace silkgraph
