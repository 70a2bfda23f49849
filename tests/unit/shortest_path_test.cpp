// shortestPath / allShortestPaths (query/execution/shortest_path.cpp, a bidirectional BFS)
// against a brute-force reference on random multigraphs: compacted relationships, ones still
// in the write delta, deleted ones, self-loops, parallel relationships, two types, each
// direction, an upper bound and a relationship property filter.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "main/database.h"

namespace silkgraph {
namespace {

struct Edge {
  RelId rel;
  NodeId src, dst;
  TypeId type;
  int64_t w;
};

using Path = std::vector<int64_t>;  // relationship ids

// Every shortest path from a to b over the live edges accepted by `ok`, following dir.
std::vector<Path> reference(const std::vector<Edge>& edges, size_t nodes, NodeId a, NodeId b,
                            Direction dir, int64_t maxHops,
                            const std::function<bool(const Edge&)>& ok) {
  // steps[u] = (rel, v) pairs usable from u.
  std::vector<std::vector<std::pair<RelId, NodeId>>> steps(nodes);
  for (const Edge& e : edges) {
    if (!ok(e)) continue;
    if (dir != Direction::In) steps[e.src].push_back({e.rel, e.dst});
    if (dir != Direction::Out && e.src != e.dst) steps[e.dst].push_back({e.rel, e.src});
  }
  std::vector<int64_t> dist(nodes, -1);
  std::deque<NodeId> q{a};
  dist[a] = 0;
  while (!q.empty()) {
    NodeId u = q.front();
    q.pop_front();
    for (auto [r, v] : steps[u])
      if (dist[v] < 0) {
        dist[v] = dist[u] + 1;
        q.push_back(v);
      }
  }
  std::vector<Path> out;
  if (a == b || dist[b] < 0 || (maxHops >= 0 && dist[b] > maxHops)) return out;
  // Depth-first from a along edges that go one level further, keeping those ending at b.
  Path path;
  std::function<void(NodeId)> dfs = [&](NodeId u) {
    if (u == b) {
      out.push_back(path);
      return;
    }
    if (dist[u] >= dist[b]) return;
    for (auto [r, v] : steps[u]) {
      if (dist[v] != dist[u] + 1) continue;
      path.push_back(r);
      dfs(v);
      path.pop_back();
    }
  };
  dfs(a);
  return out;
}

std::vector<Path> rowsToPaths(const QueryResult& res) {
  std::vector<Path> out;
  for (const auto& row : res.rows) {
    Path p;
    for (const Value& v : row[0].asList()) p.push_back(v.asInt());
    out.push_back(p);
  }
  return out;
}

TEST(ShortestPathTest, MatchesBruteForceOnRandomMultigraphs) {
  std::mt19937 rng(4);
  int checkedPaths = 0, queries = 0;
  size_t longest = 0;
  for (int round = 0; round < 30; ++round) {
    Database db;
    Graph& g = db.graph();
    const size_t nodes = 20 + rng() % 40;
    const size_t rels = nodes * (1 + rng() % 3);
    LabelId label = g.internLabel("N");
    KeyId ki = g.internKey("i"), kw = g.internKey("w");
    TypeId types[2] = {g.internType("R"), g.internType("S")};
    g.begin();
    for (size_t i = 0; i < nodes; ++i) {
      NodeId n = g.createNode(std::span<const LabelId>(&label, 1));
      g.setNodeProperty(n, ki, Value(static_cast<int64_t>(i)));
    }
    std::vector<Edge> edges;
    auto addRel = [&] {
      NodeId s = rng() % nodes, d = rng() % 4 == 0 ? s : static_cast<NodeId>(rng() % nodes);
      if (rng() % 8 == 0 && !edges.empty()) {  // a parallel relationship
        s = edges.back().src;
        d = edges.back().dst;
      }
      TypeId t = types[rng() % 4 == 0 ? 1 : 0];
      RelId r = g.createRel(s, d, t);
      int64_t w = rng() % 3;
      g.setRelProperty(r, kw, Value(w));
      edges.push_back({r, s, d, t, w});
    };
    for (size_t i = 0; i < rels; ++i) addRel();
    g.commit();
    g.compact();
    // Some relationships only in the delta, some deleted (in the CSR and in the delta).
    g.begin();
    for (size_t i = 0; i < rels / 4; ++i) addRel();
    for (size_t i = 0; i < rels / 8; ++i) {
      size_t k = rng() % edges.size();
      g.deleteRel(edges[k].rel);
      edges.erase(edges.begin() + static_cast<std::ptrdiff_t>(k));
    }
    g.commit();

    const char* arrows[3][2] = {{"-", "->"}, {"<-", "-"}, {"-", "-"}};
    const Direction dirs[3] = {Direction::Out, Direction::In, Direction::Both};
    for (int q = 0; q < 40; ++q) {
      NodeId a = rng() % nodes, b = rng() % nodes;
      int d = rng() % 3;
      int typeSel = rng() % 3;  // R, R|S, any
      bool filter = rng() % 4 == 0;
      int64_t maxHops = rng() % 3 == 0 ? 1 + rng() % 4 : -1;
      std::string rel = std::string(typeSel == 0   ? ":R"
                                    : typeSel == 1 ? ":R|S"
                                                   : "") +
                        "*" + (maxHops >= 0 ? ".." + std::to_string(maxHops) : "") +
                        (filter ? " {w: 1}" : "");
      auto ok = [&](const Edge& e) {
        if (typeSel == 0 && e.type != types[0]) return false;
        return !filter || e.w == 1;
      };
      std::vector<Path> want = reference(edges, nodes, a, b, dirs[d], maxHops, ok);
      std::sort(want.begin(), want.end());
      Params params{{"a", Value(static_cast<int64_t>(a))}, {"b", Value(static_cast<int64_t>(b))}};
      std::string pattern =
          "(x)" + std::string(arrows[d][0]) + "[" + rel + "]" + arrows[d][1] + "(y)";
      std::string prefix = "MATCH (x:N {i: $a}), (y:N {i: $b}) MATCH p = ";
      std::string ret = " RETURN [r IN relationships(p) | id(r)] AS rels";
      SCOPED_TRACE("round " + std::to_string(round) + ": " + pattern + " a=" + std::to_string(a) +
                   " b=" + std::to_string(b));
      std::vector<Path> all =
          rowsToPaths(db.execute(prefix + "allShortestPaths(" + pattern + ")" + ret, params));
      std::sort(all.begin(), all.end());
      EXPECT_EQ(all, want);
      std::vector<Path> one =
          rowsToPaths(db.execute(prefix + "shortestPath(" + pattern + ")" + ret, params));
      if (a == b) continue;  // zero-length paths are covered by the .test file
      ASSERT_EQ(one.size(), want.empty() ? 0u : 1u);
      if (!one.empty()) {
        EXPECT_TRUE(std::binary_search(want.begin(), want.end(), one[0]));
      }
      checkedPaths += static_cast<int>(want.size());
      if (!want.empty()) longest = std::max(longest, want[0].size());
      ++queries;
    }
  }
  EXPECT_GT(checkedPaths, 500);  // the random graphs do produce paths to compare
  EXPECT_GE(longest, 4u);
  EXPECT_GT(queries, 1000);
}

// A nested search (a second shortestPath for every path of the first) leases its own buffers.
TEST(ShortestPathTest, NestedSearchesDoNotInterfere) {
  Database db;
  db.execute(
      "CREATE (a:V {n: 0})-[:E]->(b:V {n: 1})-[:E]->(c:V {n: 2}), (a)-[:E]->(d:V {n: "
      "3})-[:E]->(c), "
      "(c)-[:E]->(e:V {n: 4})");
  QueryResult r = db.execute(
      "MATCH (a:V {n: 0}), (c:V {n: 2}), (e:V {n: 4}) "
      "MATCH p = allShortestPaths((a)-[:E*]->(c)) "
      "MATCH q = allShortestPaths((a)-[:E*]->(e)) "
      "RETURN [n IN nodes(p) | n.n] AS p, [n IN nodes(q) | n.n] AS q ORDER BY p, q");
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[0][1].asList().size(), 4u);
}

}  // namespace
}  // namespace silkgraph
