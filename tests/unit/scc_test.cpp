// algo.scc (procedures/algo_components.cpp) against a textbook recursive Tarjan written here,
// on random graphs of several strong components with parallel relationships and self loops,
// in both directions, over one type, the other or both: on the compressed rows read in place
// (the iterative Tarjan of procedures/algo_scc_rows.cpp), on the storage's view (relationships
// in the delta, one deleted, nodeLabels) and as weak components (direction BOTH). Then that a
// search over few nodes and many relationships still reads the statement's limits.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "main/database.h"

namespace silkgraph {
namespace {

using Adjacency = std::vector<std::vector<uint32_t>>;

// Each node's component named by its smallest node: Tarjan as published, recursive.
std::vector<uint32_t> textbookScc(const Adjacency& adj) {
  const uint32_t n = static_cast<uint32_t>(adj.size());
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<bool> onStack(n, false);
  std::vector<uint32_t> stack, comp(n, 0);
  int counter = 0;
  std::function<void(uint32_t)> connect = [&](uint32_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    onStack[v] = true;
    for (uint32_t w : adj[v]) {
      if (index[w] < 0) {
        connect(w);
        low[v] = std::min(low[v], low[w]);
      } else if (onStack[w]) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] != index[v]) return;
    const auto first = std::find(stack.begin(), stack.end(), v);
    const uint32_t least = *std::min_element(first, stack.end());
    for (auto it = first; it != stack.end(); ++it) {
      comp[*it] = least;
      onStack[*it] = false;
    }
    stack.erase(first, stack.end());
  };
  for (uint32_t v = 0; v < n; ++v)
    if (index[v] < 0) connect(v);
  return comp;
}

// Weak components named by their smallest node.
std::vector<uint32_t> weakComponents(const Adjacency& adj) {
  Adjacency both(adj.size());
  for (uint32_t a = 0; a < adj.size(); ++a)
    for (uint32_t b : adj[a]) {
      both[a].push_back(b);
      both[b].push_back(a);
    }
  return textbookScc(both);  // with every relationship both ways, the strong ones are these
}

struct Rel {
  uint32_t a, b;
  bool typeF;  // of type F, else E
};

// n nodes in clusters of about `cluster`: in each, a cycle through some of its nodes and random
// relationships inside it; relationships from a cluster to later ones only, and `back` from a
// later cluster to an earlier one (merging the clusters between); then parallel copies of
// earlier relationships and self loops. Some nodes stay isolated. `dense`: that many random
// relationships per node inside a cluster (as SUPPLIES, where every row holds thousands);
// `source0`: no relationship enters node 0, where the first search starts.
struct Shape {
  uint32_t n, cluster, back, dense;
  bool source0;
};
std::vector<Rel> randomRels(const Shape& k, uint64_t seed) {
  const uint32_t n = k.n, cluster = k.cluster, back = k.back;
  std::mt19937_64 rng(seed);
  std::vector<Rel> rels;
  auto pick = [&](uint32_t first, uint32_t size) {
    return static_cast<uint32_t>(first + rng() % size);
  };
  for (uint32_t first = 0; first < n; first += cluster) {
    const uint32_t size = std::min(cluster, n - first);
    const uint32_t ring = size * 2 / 3;
    for (uint32_t i = 0; ring > 1 && i < ring; ++i)
      rels.push_back({first + i, first + (i + 1) % ring, (rng() & 3) == 0});
    for (uint32_t i = 0; i < size * k.dense; ++i)
      rels.push_back({pick(first, size), pick(first, size), (rng() & 1) == 0});
    if (first + size < n)
      for (uint32_t i = 0; i < 3; ++i)
        rels.push_back({pick(first, size), pick(first + size, n - first - size), (rng() & 1) == 0});
  }
  for (uint32_t i = 0; i < back; ++i) {
    const uint32_t a = pick(0, n), b = pick(0, n);
    rels.push_back({std::max(a, b), std::min(a, b), (rng() & 1) == 0});
  }
  const size_t plain = rels.size();
  for (size_t i = 0; i < plain * 3; ++i) rels.push_back(rels[rng() % plain]);  // parallel
  for (uint32_t v = 0; v < n; v += 7) rels.push_back({v, v, (v & 8) != 0});    // self loops
  if (k.source0) std::erase_if(rels, [](const Rel& r) { return r.b == 0; });
  if (!k.source0) rels.push_back({0, 0, true});  // so that even one node has both types
  std::shuffle(rels.begin(), rels.end(), rng);
  return rels;
}

Adjacency adjacencyOf(uint32_t n, const std::vector<Rel>& rels, bool e, bool f,
                      const std::vector<bool>& member) {
  Adjacency adj(n);
  for (const Rel& r : rels)
    if ((r.typeF ? f : e) && member[r.a] && member[r.b]) adj[r.a].push_back(r.b);
  return adj;
}

std::string pairsOf(const std::vector<Rel>& rels, bool typeF) {
  std::string out;
  for (const Rel& r : rels)
    if (r.typeF == typeF)
      out += (out.empty() ? "[" : ",[") + std::to_string(r.a) + "," + std::to_string(r.b) + "]";
  return "[" + out + "]";
}

// algo.scc's answer by node.i (nodes not in the projection absent), components renamed from
// node ids to the smallest node.i in them, checked to be the smallest node id in them.
std::map<uint32_t, uint32_t> procedureComponents(Database& db, const std::string& config) {
  const std::string q = "CALL algo.scc(" + config +
                        ") YIELD node, component RETURN node.i AS i, id(node) AS id, component";
  std::map<int64_t, std::pair<int64_t, int64_t>> byComponent;  // component: least id, its i
  std::vector<std::pair<uint32_t, int64_t>> rows;
  for (const auto& row : db.execute(q).rows) {
    const int64_t i = row[0].asInt(), id = row[1].asInt(), c = row[2].asInt();
    auto [it, fresh] = byComponent.try_emplace(c, id, i);
    if (!fresh && id < it->second.first) it->second = {id, i};
    rows.emplace_back(static_cast<uint32_t>(i), c);
  }
  std::map<uint32_t, uint32_t> out;
  for (const auto& [c, least] : byComponent) EXPECT_EQ(c, least.first) << config;
  for (const auto& [i, c] : rows) out[i] = static_cast<uint32_t>(byComponent[c].second);
  return out;
}

void expectComponents(Database& db, const std::string& config, const std::vector<uint32_t>& want,
                      const std::vector<bool>& member, const std::string& what) {
  const auto got = procedureComponents(db, config);
  size_t members = 0;
  for (uint32_t v = 0; v < want.size(); ++v) {
    if (!member[v]) continue;
    ++members;
    const auto it = got.find(v);
    ASSERT_NE(it, got.end()) << what << " " << config << ": node " << v << " missing";
    EXPECT_EQ(it->second, want[v]) << what << " " << config << ": node " << v;
  }
  EXPECT_EQ(got.size(), members) << what << " " << config;
}

TEST(SccTest, AgreesWithTextbookTarjanOnEveryPath) {
  const Shape cases[] = {{1, 1, 0, 1, false},     {40, 8, 2, 1, false},    {300, 25, 6, 1, false},
                         {250, 250, 0, 1, false}, {900, 12, 30, 1, false}, {120, 120, 0, 40, false},
                         {120, 120, 0, 40, true}, {200, 50, 4, 12, true},  {200, 50, 4, 12, false}};
  uint64_t seed = 11;
  for (const Shape& k : cases) {
    std::vector<Rel> rels = randomRels(k, seed++);
    Database db;
    const std::string last = std::to_string(k.n - 1);
    db.execute("UNWIND range(0, " + last + ") AS i CREATE (v:V {i: i})");
    db.execute("CREATE INDEX FOR (v:V) ON (v.i)");
    for (bool typeF : {false, true})
      db.execute("UNWIND " + pairsOf(rels, typeF) +
                 " AS e MATCH (a:V {i: e[0]}), (b:V {i: e[1]}) CREATE (a)-[:" +
                 (typeF ? "F" : "E") + "]->(b)");
    db.execute("MATCH (v:V) WHERE v.i % 5 = 3 SET v:W REMOVE v:V");  // out of nodeLabels ['V']
    std::vector<bool> all(k.n, true), labelled(k.n, true);
    for (uint32_t v = 3; v < k.n; v += 5) labelled[v] = false;
    const std::string what = std::to_string(k.n) + " nodes, " + std::to_string(rels.size()) +
                             " rels, clusters of " + std::to_string(k.cluster);
    auto checkAll = [&](const std::string& state) {
      const std::pair<std::string, std::pair<bool, bool>> types[] = {
          {"", {true, true}},
          {", relationshipTypes: ['E']", {true, false}},
          {", relationshipTypes: ['F']", {false, true}},
          {", relationshipTypes: ['F', 'E']", {true, true}}};
      for (const auto& [typesConfig, ef] : types) {
        const auto [e, f] = ef;
        const auto want = textbookScc(adjacencyOf(k.n, rels, e, f, all));
        for (const char* direction : {"OUTGOING", "INCOMING"})
          expectComponents(db, std::string("{direction: '") + direction + "'" + typesConfig + "}",
                           want, all, what + ", " + state);
        expectComponents(db, "{nodeLabels: ['V']" + typesConfig + "}",
                         textbookScc(adjacencyOf(k.n, rels, e, f, labelled)), labelled,
                         what + ", " + state);
        expectComponents(db, "{direction: 'BOTH'" + typesConfig + "}",
                         weakComponents(adjacencyOf(k.n, rels, e, f, all)), all,
                         what + ", " + state);
      }
    };
    if (k.n >= 40) {  // the generator's point: several strong components of many nodes
      const auto comp = textbookScc(adjacencyOf(k.n, rels, true, true, all));
      std::map<uint32_t, size_t> sizes;
      for (uint32_t c : comp) ++sizes[c];
      EXPECT_GE(std::count_if(sizes.begin(), sizes.end(), [](auto& s) { return s.second > 2; }),
                k.cluster == k.n ? 1 : 2)
          << what;
      if (k.cluster < k.n || k.source0) {
        EXPECT_GT(sizes.size(), 1u) << what;
      }
    }
    checkAll("delta");
    db.graph().compact();  // the rows read in place
    checkAll("compacted");
    if (k.n < 2) continue;
    // One relationship more, in the delta beside the rows: the storage's view again.
    db.execute("MATCH (a {i: " + last + "}), (b {i: 0}) CREATE (a)-[:E]->(b)");
    rels.push_back({k.n - 1, 0, false});
    checkAll("compacted and one created");
    db.graph().compact();
    checkAll("compacted again");
  }
}

// A statement limit that stops at its first check, counting checks.
class StopAtOnce : public StopCheck {
 public:
  void check() const override {
    ++checks;
    throw std::runtime_error("stopped");
  }
  bool stopRequested() const override { return true; }
  mutable int checks = 0;
};

// Three nodes and 300,002 relationships, in this order: a -> b, 300,000 times b -> c, b -> a.
// The search goes a, b, c; back at b, every relationship to c must be read (until b -> a, the
// only one that lowers b's low link). The search pops three nodes and still reads the
// statement's limits while it reads the relationships (before, it counted one poll per node
// and never reached a check).
TEST(SccTest, FewNodesManyRelationshipsPollTheLimits) {
  Database db;
  db.execute("UNWIND range(0, 2) AS i CREATE (:V {i: i})");
  db.execute("MATCH (a:V {i: 0}), (b:V {i: 1}) CREATE (a)-[:E]->(b)");
  db.execute("MATCH (b:V {i: 1}), (c:V {i: 2}) UNWIND range(1, 300000) AS k CREATE (b)-[:E]->(c)");
  db.execute("MATCH (a:V {i: 0}), (b:V {i: 1}) CREATE (b)-[:E]->(a)");
  db.graph().compact();
  const ProcedureDef* scc = db.procedures().find("algo.scc");
  ASSERT_NE(scc, nullptr);
  const std::vector<Value> args{Value(ValueMap{})};
  size_t rows = 0;
  const ProcedureSink count = [&](std::vector<Value>&) { return ++rows, true; };
  ProcedureContext free{db.graph(), db.schema()};
  std::map<int64_t, int64_t> comp;
  const ProcedureSink keep = [&](std::vector<Value>& row) {
    comp[row[0].asNode()] = row[1].asInt();
    return true;
  };
  scc->fn(free, args, keep);
  ASSERT_EQ(comp.size(), 3u);
  const auto ids = db.execute("MATCH (v:V) RETURN id(v) ORDER BY v.i").rows;
  const int64_t a = ids[0][0].asInt(), b = ids[1][0].asInt(), c = ids[2][0].asInt();
  EXPECT_EQ(comp[a], std::min(a, b));
  EXPECT_EQ(comp[b], std::min(a, b));
  EXPECT_EQ(comp[c], c);
  StopAtOnce stop;
  ProcedureContext limited{db.graph(), db.schema(), &stop};
  EXPECT_THROW(scc->fn(limited, args, count), std::runtime_error);
  EXPECT_EQ(stop.checks, 1);
}

}  // namespace
}  // namespace silkgraph
