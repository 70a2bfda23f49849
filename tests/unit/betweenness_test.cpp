// Exact unweighted betweenness (procedures/algo_betweenness.h, algo.betweenness): the batched
// kernel (64 sources a word) and the one-source kernel against a textbook Brandes with
// predecessor lists written here, on random directed graphs with parallel relationships and
// self loops, from every node and from chosen sources (batches cut part-way); then the
// procedure itself in each direction, on one and two threads, on compacted rows and on the
// storage's view, against the same textbook Brandes over the relationships as created.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "main/database.h"
#include "procedures/algo_betweenness.h"

namespace silkgraph {
namespace {

using Adjacency = std::vector<std::vector<NodeId>>;

// Brandes as published: a queue, predecessor lists (one entry per relationship, so parallel
// relationships are parallel paths), a stack for the dependencies.
std::vector<double> textbookBrandes(const Adjacency& adj, const std::vector<NodeId>& sources) {
  const size_t n = adj.size();
  std::vector<double> c(n, 0.0);
  for (NodeId s : sources) {
    std::vector<std::vector<NodeId>> pred(n);
    std::vector<double> sigma(n, 0.0), delta(n, 0.0);
    std::vector<int> dist(n, -1);
    std::vector<NodeId> stack, queue{s};
    sigma[s] = 1;
    dist[s] = 0;
    for (size_t head = 0; head < queue.size(); ++head) {
      const NodeId v = queue[head];
      stack.push_back(v);
      for (NodeId w : adj[v]) {
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          queue.push_back(w);
        }
        if (dist[w] == dist[v] + 1) {
          sigma[w] += sigma[v];
          pred[w].push_back(v);
        }
      }
    }
    while (!stack.empty()) {
      const NodeId w = stack.back();
      stack.pop_back();
      for (NodeId v : pred[w]) delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
      if (w != s) c[w] += delta[w];
    }
  }
  return c;
}

// n nodes, m random relationships (self loops and repeats left in), plus `parallel` copies of
// earlier ones; both ways when undirected.
Adjacency randomGraph(size_t n, size_t m, size_t parallel, bool undirected, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::pair<NodeId, NodeId>> rels;
  for (size_t i = 0; i < m; ++i)
    rels.emplace_back(static_cast<NodeId>(rng() % n), static_cast<NodeId>(rng() % n));
  for (size_t i = 0; i < parallel && !rels.empty(); ++i) rels.push_back(rels[rng() % rels.size()]);
  for (size_t i = 0; i < n / 10; ++i) rels.emplace_back(i * 7 % n, i * 7 % n);  // self loops
  Adjacency adj(n);
  for (auto [a, b] : rels) {
    adj[a].push_back(b);
    if (undirected) adj[b].push_back(a);
  }
  return adj;
}

void expectClose(const std::vector<double>& want, const std::vector<double>& got,
                 const std::string& what) {
  ASSERT_EQ(want.size(), got.size()) << what;
  for (size_t v = 0; v < want.size(); ++v)
    EXPECT_NEAR(got[v], want[v], 1e-9 * std::max(1.0, std::fabs(want[v])))
        << what << ", node " << v;
}

// The kernels' scores from `sources`, in batches of BatchedBrandes::kWidth (or one at a time).
std::vector<double> kernelScores(const Adjacency& adj, const std::vector<NodeId>& sources,
                                 bool batched) {
  Database db;
  ProcedureContext ctx{db.graph(), db.schema()};
  auto edges = [&](NodeId u, auto&& f) {
    for (NodeId w : adj[u]) f(w);
  };
  std::vector<double> c(adj.size(), 0.0);
  if (!batched) {
    algo::PlainBrandes plain(adj.size());
    for (NodeId s : sources) plain.run(edges, s, ctx, c);
    return c;
  }
  algo::BatchedBrandes kernel(adj.size());
  for (size_t b = 0; b < sources.size(); b += algo::BatchedBrandes::kWidth) {
    const size_t width = std::min(algo::BatchedBrandes::kWidth, sources.size() - b);
    EXPECT_TRUE(kernel.run(edges, std::span<const NodeId>(sources.data() + b, width), ctx, c));
  }
  return c;
}

TEST(BetweennessTest, KernelsAgreeWithTextbookBrandes) {
  if (!algo::batchedBrandesSupported()) GTEST_SKIP() << "no BMI2/POPCNT: batches not used";
  struct Case {
    size_t n, m, parallel;
    bool undirected;
  };
  const Case cases[] = {{1, 0, 0, false},      {5, 12, 3, false},     {70, 140, 20, false},
                        {200, 900, 60, false}, {200, 300, 40, true},  {150, 1200, 0, false},
                        {300, 330, 10, false}, {130, 2000, 300, true}};
  uint64_t seed = 1;
  for (const Case& k : cases) {
    const Adjacency adj = randomGraph(k.n, k.m, k.parallel, k.undirected, seed++);
    std::vector<NodeId> all(k.n);
    for (NodeId v = 0; v < k.n; ++v) all[v] = v;
    std::vector<NodeId> some;  // every third node: batches of other nodes than 0..63
    for (NodeId v = 1; v < k.n; v += 3) some.push_back(v);
    for (const std::vector<NodeId>* sources : {&all, &some}) {
      const std::string what = std::to_string(k.n) + " nodes, " + std::to_string(k.m) + " rels, " +
                               std::to_string(sources->size()) + " sources" +
                               (k.undirected ? ", undirected" : "");
      const std::vector<double> want = textbookBrandes(adj, *sources);
      expectClose(want, kernelScores(adj, *sources, false), "plain, " + what);
      expectClose(want, kernelScores(adj, *sources, true), "batched, " + what);
    }
  }
}

// The state is reused from batch to batch: the same batch twice adds twice its scores; a
// batch given up for its size leaves the scores as they were and the state clean.
TEST(BetweennessTest, BatchedKernelIsReusable) {
  if (!algo::batchedBrandesSupported()) GTEST_SKIP() << "no BMI2/POPCNT: batches not used";
  const Adjacency adj = randomGraph(200, 900, 30, false, 42);
  std::vector<NodeId> all(200);
  for (NodeId v = 0; v < 200; ++v) all[v] = v;
  Database db;
  ProcedureContext ctx{db.graph(), db.schema()};
  auto edges = [&](NodeId u, auto&& f) {
    for (NodeId w : adj[u]) f(w);
  };
  const std::span<const NodeId> first64(all.data(), 64), one(all.data() + 100, 1);
  algo::BatchedBrandes kernel(adj.size());
  std::vector<double> once(adj.size(), 0.0), twice(adj.size(), 0.0);
  ASSERT_TRUE(kernel.run(edges, first64, ctx, once));
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(kernel.run(edges, first64, ctx, twice));
  for (double& v : once) v *= 2;
  expectClose(once, twice, "the same batch twice");

  algo::BatchedBrandes small(adj.size(), 32 << 10);  // 32 KiB: 64 sources need far more
  std::vector<double> c(adj.size(), 0.0);
  EXPECT_FALSE(small.run(edges, first64, ctx, c));
  EXPECT_EQ(c, std::vector<double>(adj.size(), 0.0));
  ASSERT_TRUE(small.run(edges, one, ctx, c));
  expectClose(textbookBrandes(adj, {all[100]}), c, "one source after a batch given up");
}

// algo.betweenness through Cypher: per node id, the scores of `call`.
std::map<int64_t, double> procedureScores(Database& db, const std::string& config) {
  std::map<int64_t, double> out;
  const std::string q =
      "CALL algo.betweenness(" + config + ") YIELD node, score RETURN node.i AS i, score";
  for (const auto& row : db.execute(q).rows) out[row[0].asInt()] = row[1].asFloat();
  return out;
}

TEST(BetweennessTest, ProcedureAgreesInEveryDirection) {
  const size_t n = 150;
  const Adjacency adj = randomGraph(n, 700, 50, false, 7);
  Database db;
  db.execute("UNWIND range(0, " + std::to_string(n - 1) + ") AS i CREATE (:V {i: i})");
  db.execute("CREATE INDEX FOR (v:V) ON (v.i)");
  std::string pairs;
  for (NodeId a = 0; a < n; ++a)
    for (NodeId b : adj[a])
      pairs += (pairs.empty() ? "[" : ",[") + std::to_string(a) + "," + std::to_string(b) + "]";
  db.execute("UNWIND [" + pairs +
             "] AS e MATCH (a:V {i: e[0]}), (b:V {i: e[1]}) CREATE (a)-[:E]->(b)");
  Adjacency reverse(n), both(n);
  for (NodeId a = 0; a < n; ++a)
    for (NodeId b : adj[a]) {
      reverse[b].push_back(a);
      both[a].push_back(b);
      both[b].push_back(a);
    }
  std::vector<NodeId> all(n);
  for (NodeId v = 0; v < n; ++v) all[v] = v;
  std::vector<double> undirected = textbookBrandes(both, all);
  for (double& v : undirected) v /= 2;  // each pair counted from both ends
  const std::pair<std::string, std::vector<double>> expected[] = {
      {"OUTGOING", textbookBrandes(adj, all)},
      {"INCOMING", textbookBrandes(reverse, all)},
      {"BOTH", undirected}};
  for (bool compacted : {false, true}) {
    if (compacted) db.graph().compact();  // the rows read in place (algo_compact_rows.h)
    for (unsigned threads : {1u, 2u}) {
      db.setThreads(threads);
      for (const auto& [direction, want] : expected) {
        for (const std::string labels : {"", ", nodeLabels: ['V']"}) {
          const auto got = procedureScores(db, "{direction: '" + direction + "'" + labels + "}");
          ASSERT_EQ(got.size(), n);
          std::vector<double> scores(n);
          for (const auto& [i, s] : got) scores[static_cast<size_t>(i)] = s;
          expectClose(want, scores,
                      direction + labels + (compacted ? ", compacted, " : ", delta, ") +
                          std::to_string(threads) + " thread(s)");
        }
      }
    }
  }
}

}  // namespace
}  // namespace silkgraph
