// TypedGraphView (engine/boost_graph_view.h): the view models the Boost.Graph concepts (checked
// at compile time); its incidence agrees with Graph::forEachAdjacent in every direction,
// including the uncompacted delta and deleted relationships; breadth_first_search and
// dijkstra_shortest_paths run on it over the real sample and agree with the engine's own
// shortestPath.
#include "engine/boost_graph_view.h"

#include <gtest/gtest.h>

#include <boost/concept/assert.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <boost/property_map/property_map.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "main/database.h"

namespace silkgraph {
namespace {

using Vertex = boost::graph_traits<OutGraphView>::vertex_descriptor;

BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<OutGraphView>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<OutGraphView>));
BOOST_CONCEPT_ASSERT((boost::BidirectionalGraphConcept<OutGraphView>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<OutGraphView>));
BOOST_CONCEPT_ASSERT((boost::BidirectionalGraphConcept<InGraphView>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<InGraphView>));
BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<UndirectedGraphView>));
BOOST_CONCEPT_ASSERT((boost::BidirectionalGraphConcept<UndirectedGraphView>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<UndirectedGraphView>));
BOOST_CONCEPT_ASSERT(
    (boost::ReadablePropertyGraphConcept<OutGraphView, Vertex, boost::vertex_index_t>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyMapConcept<RelWeightMap, RelEdge>));

// (relationship, other end) pairs, in visiting order.
using Adjacent = std::vector<std::pair<RelId, NodeId>>;

Adjacent engineAdjacent(const Graph& g, NodeId n, Direction dir, const std::vector<TypeId>& ts) {
  Adjacent out;
  for (TypeId t : ts)
    g.forEachAdjacent(n, dir, t, [&](RelId r, NodeId o) { out.push_back({r, o}); });
  return out;
}

template <Direction D>
Adjacent viewAdjacent(const TypedGraphView<D>& v, NodeId n, bool incoming) {
  Adjacent out;
  auto [b, e] = incoming ? in_edges(n, v) : out_edges(n, v);
  for (; b != e; ++b) {
    RelEdge edge = *b;
    EXPECT_EQ(incoming ? target(edge, v) : source(edge, v), n);
    out.push_back({edge.rel, incoming ? source(edge, v) : target(edge, v)});
  }
  return out;
}

// Every node's out- and in-edges in the three views equal the engine's adjacency scans.
void expectSameIncidence(const Graph& g, const std::vector<TypeId>& types) {
  OutGraphView out(g, types);
  InGraphView in(g, types);
  UndirectedGraphView both(g, types);
  for (NodeId n = 0; n < g.nodeIdLimit(); ++n) {
    SCOPED_TRACE("node " + std::to_string(n));
    EXPECT_EQ(viewAdjacent(out, n, false), engineAdjacent(g, n, Direction::Out, types));
    EXPECT_EQ(viewAdjacent(out, n, true), engineAdjacent(g, n, Direction::In, types));
    EXPECT_EQ(viewAdjacent(in, n, false), engineAdjacent(g, n, Direction::In, types));
    EXPECT_EQ(viewAdjacent(in, n, true), engineAdjacent(g, n, Direction::Out, types));
    EXPECT_EQ(viewAdjacent(both, n, false), engineAdjacent(g, n, Direction::Both, types));
    EXPECT_EQ(out_degree(n, out), engineAdjacent(g, n, Direction::Out, types).size());
    EXPECT_EQ(in_degree(n, out), engineAdjacent(g, n, Direction::In, types).size());
  }
  size_t listed = 0;
  auto [b, e] = edges(in);
  for (; b != e; ++b, ++listed) {
    EXPECT_EQ(b->source, g.relTarget(b->rel));
    EXPECT_EQ(b->target, g.relSource(b->rel));
  }
  EXPECT_EQ(listed, num_edges(in));
}

TEST(BoostGraphView, IncidenceMatchesTheEngineWithDeltaAndDeletions) {
  Graph g;
  TypeId a = g.internType("A"), b = g.internType("B");
  std::vector<NodeId> n;
  for (int i = 0; i < 6; ++i) n.push_back(g.createNode());
  g.createRel(n[0], n[1], a);
  g.createRel(n[0], n[2], b);
  g.createRel(n[2], n[2], a);  // self-loop
  g.createRel(n[3], n[0], a);
  RelId gone = g.createRel(n[1], n[4], a);
  g.compact();
  g.createRel(n[4], n[0], a);  // delta
  g.createRel(n[0], n[5], b);
  g.createRel(n[5], n[5], b);               // self-loop in the delta
  g.deleteRel(gone);                        // deleted from the compressed part
  g.deleteRel(g.createRel(n[3], n[4], b));  // deleted from the delta (B's rows have none gone)
  expectSameIncidence(g, {a, b});
  expectSameIncidence(g, {a});
  expectSameIncidence(g, {b});
  EXPECT_EQ(num_edges(OutGraphView(g, {a, b})), 7u);
  EXPECT_EQ(num_vertices(OutGraphView(g, {a})), 6u);
  // Boost's own in_edges on the hand-filled CSR is not used: the view's answer is the engine's.
  EXPECT_EQ(in_degree(n[0], OutGraphView(g, {a})), 2u);
  EXPECT_EQ(degree(n[2], UndirectedGraphView(g, {a, b})), 2u);
}

// Shortest path lengths from `from` by the engine (shortestPath over `type`, undirected).
std::map<std::string, int64_t> engineHops(Database& db, const std::string& from,
                                          const std::string& type) {
  QueryResult r = db.execute("MATCH (a:Nation {id: '" + from +
                             "'}), (b:Nation) WHERE a <> b MATCH p = shortestPath((a)-[:" + type +
                             "*]-(b)) RETURN b.id, length(p)");
  std::map<std::string, int64_t> out;
  for (const auto& row : r.rows) out[row[0].asString()] = row[1].asInt();
  return out;
}

struct DistanceRecorder : boost::default_bfs_visitor {
  std::vector<int64_t>* hops;
  explicit DistanceRecorder(std::vector<int64_t>* h) : hops(h) {}
  void tree_edge(const RelEdge& e, const UndirectedGraphView&) const {
    (*hops)[e.target] = (*hops)[e.source] + 1;
  }
};

TEST(BoostGraphView, BfsAndDijkstraOnTheSampleAgreeWithShortestPath) {
  Database db;
  db.load({std::string(SILKGRAPH_SOURCE_DIR) + "/samples/central-asia-korea"});
  const Graph& g = db.graph();
  TypeId borders = g.typeId("BORDERS");
  ASSERT_NE(borders, kNoType);
  UndirectedGraphView view(g, {borders});
  NodeId kaz = g.findByKey(g.labelId("Nation"), Value("KAZ"));
  ASSERT_NE(kaz, kInvalidId);
  const size_t nv = num_vertices(view);
  KeyId id = g.keyId("id");
  std::map<std::string, int64_t> expected = engineHops(db, "KAZ", "BORDERS");
  ASSERT_GT(expected.size(), 5u);

  // Breadth-first search: hop counts.
  std::vector<int64_t> hops(nv, -1);
  hops[kaz] = 0;
  boost::breadth_first_search(view, kaz, boost::visitor(DistanceRecorder(&hops)));
  std::map<std::string, int64_t> bfs;
  for (NodeId n = 0; n < nv; ++n)
    if (n != kaz && hops[n] > 0 && g.hasLabel(n, g.labelId("Nation")))
      bfs[g.nodeProperty(n, id).asString()] = hops[n];
  EXPECT_EQ(bfs, expected);

  // Dijkstra with unit weights gives the same; with the border lengths as weights the
  // distances satisfy the shortest-path conditions on every edge.
  std::vector<double> dist(nv);
  std::vector<NodeId> pred(nv);
  auto index = get(boost::vertex_index, view);
  auto distMap = boost::make_iterator_property_map(dist.begin(), index);
  auto predMap = boost::make_iterator_property_map(pred.begin(), index);
  boost::dijkstra_shortest_paths(view, kaz,
                                 boost::weight_map(boost::make_constant_property<RelEdge>(1.0))
                                     .distance_map(distMap)
                                     .predecessor_map(predMap));
  for (const auto& [name, h] : expected) {
    NodeId n = g.findByKey(g.labelId("Nation"), Value(name));
    EXPECT_EQ(dist[n], static_cast<double>(h)) << name;
  }

  RelWeightMap km = relWeightMap(view, g.keyId("length_km"));
  boost::dijkstra_shortest_paths(
      view, kaz, boost::weight_map(km).distance_map(distMap).predecessor_map(predMap));
  const double inf = std::numeric_limits<double>::max();
  size_t reached = 0;
  auto [b, e] = edges(view);
  for (; b != e; ++b) {
    double w = get(km, *b);
    EXPECT_GE(w, 0);  // a border without a length weighs `missing` (0)
    if (dist[b->source] != inf) {
      EXPECT_LE(dist[b->target], dist[b->source] + w + 1e-9);
    }
    if (dist[b->target] != inf) {
      EXPECT_LE(dist[b->source], dist[b->target] + w + 1e-9);
    }
  }
  for (NodeId n = 0; n < nv; ++n) {
    if (n == kaz || dist[n] == inf) continue;
    ++reached;
    // The predecessor is a neighbour over a border whose length makes the distance tight.
    bool tight = false;
    auto [ob, oe] = out_edges(n, view);
    for (; ob != oe; ++ob)
      if (ob->target == pred[n] && std::abs(dist[pred[n]] + get(km, *ob) - dist[n]) < 1e-6)
        tight = true;
    EXPECT_TRUE(tight) << n;
  }
  EXPECT_EQ(reached, expected.size());
}

}  // namespace
}  // namespace silkgraph
