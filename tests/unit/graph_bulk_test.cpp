// Bulk-append and compaction tests: Graph::appendRel inside a transaction (visible after
// compact(), dropped by rollback), and compact()'s counting-sort CSR, which must be laid out
// exactly as boost's edges_are_unsorted_multi_pass constructor lays it out, except that the
// backward rows hold relationship ids (scans and the database file rely on that layout).
#include <gtest/gtest.h>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <random>
#include <utility>
#include <vector>

#include "engine/error.h"
#include "engine/graph.h"
#include "engine/graph_access.h"

namespace silkgraph {
namespace {

using BoostCsr =
    boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, CsrEdge,
                                       boost::no_property, uint32_t, uint32_t>;

// A compressed row's other ends (16 or 32 bits) as boost keeps them.
std::vector<NodeId> idsOf(const NodeIdColumn& c) {
  std::vector<NodeId> v(c.size());
  for (size_t i = 0; i < c.size(); ++i) v[i] = c[i];
  return v;
}

std::vector<std::pair<RelId, NodeId>> out(const Graph& g, NodeId n, TypeId t) {
  std::vector<std::pair<RelId, NodeId>> v;
  g.forEachAdjacent(n, Direction::Out, t, [&](RelId r, NodeId o) { v.emplace_back(r, o); });
  return v;
}

TEST(GraphBulkTest, CompactBuildsTheSameCsrAsBoost) {
  Graph g;
  std::mt19937 rng(20241104);
  const TypeId a = g.internType("A"), b = g.internType("B");
  g.internType("EMPTY");
  for (int i = 0; i < 300; ++i) g.createNode();
  auto pick = [&] { return static_cast<NodeId>(rng() % 300); };
  for (int i = 0; i < 4000; ++i) g.createRel(pick(), pick(), rng() % 3 ? a : b);
  g.compact();
  g.begin();
  for (int i = 0; i < 4000; ++i) g.appendRel(pick(), pick(), rng() % 2 ? a : b);
  g.commit();
  for (int i = 0; i < 3000; ++i) g.createRel(pick(), pick(), a);
  for (int i = 0; i < 2000; ++i) g.deleteRel(static_cast<RelId>(rng() % g.relIdLimit()));
  g.compact();

  for (TypeId t : {a, b}) {
    std::vector<std::pair<uint32_t, uint32_t>> edges;
    std::vector<CsrEdge> props;
    for (RelId r = 0; r < g.relIdLimit(); ++r)
      if (g.relExists(r) && g.relType(r) == t) {
        edges.emplace_back(g.relSource(r), g.relTarget(r));
        props.push_back(CsrEdge{r});
      }
    BoostCsr expect(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), props.begin(),
                    g.nodeIdLimit());
    const CsrGraph& got = GraphAccess::of(g).topo[t].csr;
    EXPECT_EQ(got.m_forward.m_rowstart, expect.m_forward.m_rowstart);
    EXPECT_EQ(idsOf(got.m_forward.m_column), expect.m_forward.m_column);
    ASSERT_EQ(got.m_forward.m_edge_properties.size(), expect.m_forward.m_edge_properties.size());
    for (size_t e = 0; e < got.m_forward.m_edge_properties.size(); ++e)
      ASSERT_EQ(got.m_forward.m_edge_properties[e].rel, expect.m_forward.m_edge_properties[e].rel);
    EXPECT_EQ(got.m_backward.m_rowstart, expect.m_backward.m_rowstart);
    EXPECT_EQ(idsOf(got.m_backward.m_column), expect.m_backward.m_column);
    // A backward entry holds the relationship id where boost keeps the forward edge index.
    ASSERT_EQ(got.m_backward.m_edge_properties.size(), expect.m_backward.m_edge_properties.size());
    for (size_t e = 0; e < got.m_backward.m_edge_properties.size(); ++e)
      ASSERT_EQ(got.m_backward.m_edge_properties[e],
                expect.m_forward.m_edge_properties[expect.m_backward.m_edge_properties[e]].rel);
    EXPECT_EQ(GraphAccess::of(g).topo[t].csrVertices, g.nodeIdLimit());
  }
  EXPECT_EQ(GraphAccess::of(g).topo[g.typeId("EMPTY")].csrVertices, 0u);
}

TEST(GraphBulkTest, AppendedRelationshipsAreLinkedByCompactAndDroppedByRollback) {
  Graph g;
  const TypeId t = g.internType("SUPPLIES");
  const KeyId year = g.internKey("year");
  NodeId x = g.createNode(), y = g.createNode();
  RelId first = g.createRel(x, y, t);
  EXPECT_THROW(g.appendRel(x, y, t), Error);  // outside a transaction

  g.begin();
  RelId r = g.appendRel(x, y, t);
  g.setRelProperty(r, year, Value(int64_t{2023}));
  EXPECT_EQ(g.relCount(), 2u);
  EXPECT_EQ(g.relSource(r), x);
  g.rollback();
  EXPECT_EQ(g.relCount(), 1u);
  EXPECT_EQ(g.relIdLimit(), first + 1);
  EXPECT_EQ(g.typeCardinality(t), 1u);
  EXPECT_EQ(out(g, x, t), (std::vector<std::pair<RelId, NodeId>>{{first, y}}));

  g.begin();
  r = g.appendRel(y, x, t);
  g.setRelProperty(r, year, Value(int64_t{2024}));
  g.commit();
  g.compact();
  EXPECT_EQ(out(g, y, t), (std::vector<std::pair<RelId, NodeId>>{{r, x}}));
  EXPECT_EQ(g.degree(x, Direction::Both, t), 2u);
  EXPECT_EQ(g.relProperty(r, year).asInt(), 2024);
}

TEST(GraphBulkTest, AppendedRelationshipPropertiesGoStraightIntoColumns) {
  // The loaders' setters: only for relationships appended in the open transaction, strings
  // by dictionary id (a column of another kind still takes them), rolled back with the rest.
  Graph g;
  const TypeId t = g.internType("SUPPLIES");
  const KeyId resource = g.internKey("resource"), tonnes = g.internKey("tonnes");
  NodeId kaz = g.createNode(), kor = g.createNode();
  RelId old = g.createRel(kaz, kor, t);
  const uint32_t ree = g.internStringId("rare earths");
  EXPECT_EQ(g.internStringId("rare earths"), ree);
  EXPECT_THROW(g.setAppendedRelString(old, resource, ree), Error);  // no transaction

  g.begin();
  EXPECT_THROW(g.setAppendedRelString(old, resource, ree), Error);  // not appended now
  RelId r = g.appendRel(kaz, kor, t);
  EXPECT_THROW(g.setAppendedRelString(r, resource, ree + 100), Error);  // no such string
  EXPECT_THROW(g.setAppendedRelProperty(r, tonnes, Value()), Error);    // null
  g.setAppendedRelString(r, resource, ree);
  g.setAppendedRelProperty(r, tonnes, Value(1.5));
  RelId r2 = g.appendRel(kor, kaz, t);
  g.setAppendedRelString(r2, tonnes, g.internStringId("unknown"));  // a float column: generic
  EXPECT_EQ(g.relProperty(r, resource).asString(), "rare earths");
  EXPECT_EQ(g.relProperty(r2, tonnes).asString(), "unknown");
  EXPECT_EQ(g.relProperty(r, tonnes).asFloat(), 1.5);
  g.rollback();
  EXPECT_EQ(g.relCount(), 1u);
  EXPECT_TRUE(g.relProperty(old, resource).isNull());

  g.begin();
  r = g.appendRel(kaz, kor, t);
  g.setAppendedRelString(r, resource, ree);
  g.commit();
  g.compact();
  EXPECT_EQ(g.relProperty(r, resource).asString(), "rare earths");
}

TEST(GraphBulkTest, ReserveRelsIsOnlyAHint) {
  // Reserving too many or too few ids changes no answer; compact() gives back a reservation
  // that stayed mostly unused.
  for (size_t reserve : {size_t{10}, size_t{1000}, size_t{1000000}}) {
    Graph g;
    const TypeId t = g.internType("T");
    const KeyId k = g.internKey("w"), s = g.internKey("s");
    for (int i = 0; i < 10; ++i) g.createNode();
    g.begin();
    g.appendRel(0, 1, t);
    g.setRelProperty(0, k, Value(int64_t{1}));
    g.setRelProperty(0, s, Value(std::string("x")));
    g.reserveRels(reserve, {k, s, static_cast<KeyId>(99)});  // 99: no such column
    for (int i = 1; i < 1000; ++i) {
      RelId r = g.appendRel(static_cast<NodeId>(i % 10), static_cast<NodeId>((i + 1) % 10), t);
      g.setRelProperty(r, k, Value(int64_t{i + 1}));
    }
    g.commit();
    g.compact();
    EXPECT_EQ(g.relCount(), 1000u);
    EXPECT_EQ(g.relProperty(999, k).asInt(), 1000);
    EXPECT_EQ(g.relProperty(0, s).asString(), "x");
    EXPECT_TRUE(g.relProperty(1, s).isNull());
    EXPECT_LT(g.stats().bytesTopology + g.stats().bytesProperties, size_t{200000}) << reserve;
    size_t outOfNode3 = 0;
    g.forEachAdjacent(3, Direction::Out, t, [&](RelId, NodeId) {
      ++outOfNode3;
      return true;
    });
    EXPECT_EQ(outOfNode3, 100u);
  }
}

}  // namespace
}  // namespace silkgraph
