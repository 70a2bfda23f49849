// Unit tests of the Graph store: catalog, nodes and labels, relationships and adjacency
// (delta and compacted CSR), property columns, key indexes, transactions and rollback.
#include "engine/graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "engine/error.h"

using namespace silkgraph;

namespace {

using Adj = std::vector<std::pair<RelId, NodeId>>;

Adj adjacent(const Graph& g, NodeId n, Direction d, TypeId t = kNoType) {
  Adj out;
  g.forEachAdjacent(n, d, t, [&](RelId r, NodeId o) {
    out.emplace_back(r, o);
    return true;
  });
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<NodeId> withLabel(const Graph& g, LabelId l) {
  std::vector<NodeId> out;
  g.forEachNodeWithLabel(l, [&](NodeId n) {
    out.push_back(n);
    return true;
  });
  return out;
}

// Everything observable through the API, in a comparable form.
struct Snapshot {
  size_t nodes, rels;
  NodeId nodeLimit;
  RelId relLimit;
  std::map<NodeId, std::pair<std::vector<LabelId>, std::string>> nodeData;
  std::map<RelId, std::tuple<NodeId, NodeId, TypeId, std::string>> relData;
  std::map<std::tuple<NodeId, int, int>, Adj> adjacency;
  std::map<LabelId, std::pair<std::vector<NodeId>, size_t>> labelScans;
  std::map<TypeId, size_t> typeCards;
  std::map<std::pair<LabelId, std::string>, NodeId> indexHits;

  bool operator==(const Snapshot&) const = default;
};

std::string props(const Graph& g, bool node, uint32_t id) {
  std::string s;
  auto add = [&](KeyId k, const Value& v) {
    s += g.keyName(k) + "=" + v.toCypherLiteral() + ";";
    // Every read value must be of the type it was written as (no coercion in columns).
    s += Value::typeName(v.type());
    s += ";";
  };
  if (node)
    g.forEachNodeProperty(id, add);
  else
    g.forEachRelProperty(id, add);
  return s;
}

Snapshot snapshot(const Graph& g, const std::vector<Value>& probeKeys) {
  Snapshot s;
  s.nodes = g.nodeCount();
  s.rels = g.relCount();
  s.nodeLimit = g.nodeIdLimit();
  s.relLimit = g.relIdLimit();
  g.forEachNode([&](NodeId n) {
    s.nodeData[n] = {g.nodeLabels(n), props(g, true, n)};
    for (int d = 0; d < 3; ++d) {
      s.adjacency[{n, d, -1}] = adjacent(g, n, static_cast<Direction>(d));
      for (TypeId t = 0; t < g.typeCount(); ++t)
        s.adjacency[{n, d, t}] = adjacent(g, n, static_cast<Direction>(d), t);
    }
    return true;
  });
  g.forEachRel([&](RelId r) {
    s.relData[r] = {g.relSource(r), g.relTarget(r), g.relType(r), props(g, false, r)};
    return true;
  });
  for (LabelId l = 0; l < g.labelCount(); ++l) {
    s.labelScans[l] = {withLabel(g, l), g.labelCardinality(l)};
    for (const Value& v : probeKeys) s.indexHits[{l, v.toCypherLiteral()}] = g.findByKey(l, v);
  }
  for (TypeId t = 0; t < g.typeCount(); ++t) s.typeCards[t] = g.typeCardinality(t);
  return s;
}

class GraphTest : public ::testing::Test {
 protected:
  Graph g;
  LabelId nation = g.internLabel("Nation");
  LabelId leader = g.internLabel("Leader");
  TypeId supplies = g.internType("SUPPLIES");
  TypeId borders = g.internType("BORDERS");
  KeyId id = g.internKey("id");
  KeyId name = g.internKey("name");
  KeyId year = g.internKey("year");

  NodeId nationNode(const std::string& code) {
    std::vector<LabelId> ls{nation};
    NodeId n = g.createNode(ls);
    g.setNodeProperty(n, id, Value(code));
    return n;
  }
};

}  // namespace

TEST_F(GraphTest, CatalogInternsNames) {
  EXPECT_EQ(g.internLabel("Nation"), nation);
  EXPECT_EQ(g.labelId("Nation"), nation);
  EXPECT_EQ(g.labelId("Nope"), kNoLabel);
  EXPECT_EQ(g.labelName(leader), "Leader");
  EXPECT_EQ(g.labelCount(), 2u);
  EXPECT_EQ(g.typeId("BORDERS"), borders);
  EXPECT_EQ(g.typeId("X"), kNoType);
  EXPECT_EQ(g.typeName(supplies), "SUPPLIES");
  EXPECT_EQ(g.keyId("year"), year);
  EXPECT_EQ(g.keyId("nope"), kNoKey);
  EXPECT_EQ(g.keyName(name), "name");
  StringPtr a = g.internString("Kazakhstan");
  StringPtr b = g.internString(std::string("Kazakh") + "stan");
  EXPECT_EQ(a.get(), b.get());
}

TEST_F(GraphTest, NodesLabelsAndDeletion) {
  std::vector<LabelId> both{nation, leader};
  NodeId a = g.createNode();
  NodeId b = g.createNode(both);
  NodeId c = nationNode("KAZ");
  EXPECT_EQ(g.nodeCount(), 3u);
  EXPECT_EQ(g.nodeIdLimit(), 3u);
  EXPECT_TRUE(g.nodeExists(a));
  EXPECT_FALSE(g.nodeExists(7));
  EXPECT_TRUE(g.hasLabel(b, leader));
  EXPECT_FALSE(g.hasLabel(a, nation));
  EXPECT_EQ(g.nodeLabels(b), (std::vector<LabelId>{nation, leader}));
  EXPECT_EQ(g.labelCountOf(b), 2u);
  EXPECT_EQ(g.labelCardinality(nation), 2u);
  EXPECT_EQ(withLabel(g, nation), (std::vector<NodeId>{b, c}));

  g.addLabel(a, nation);
  g.addLabel(a, nation);  // no-op
  EXPECT_EQ(g.labelCardinality(nation), 3u);
  EXPECT_EQ(withLabel(g, nation), (std::vector<NodeId>{a, b, c}));
  g.removeLabel(b, nation);
  g.removeLabel(b, nation);  // no-op
  EXPECT_EQ(withLabel(g, nation), (std::vector<NodeId>{a, c}));
  g.addLabel(b, nation);  // re-added: visible once
  EXPECT_EQ(withLabel(g, nation), (std::vector<NodeId>{a, b, c}));
  EXPECT_EQ(g.labelCardinality(nation), 3u);

  g.deleteNode(c);
  g.deleteNode(c);  // already gone: no-op
  EXPECT_FALSE(g.nodeExists(c));
  EXPECT_EQ(g.nodeCount(), 2u);
  EXPECT_EQ(g.nodeIdLimit(), 3u);
  EXPECT_EQ(withLabel(g, nation), (std::vector<NodeId>{a, b}));
  EXPECT_TRUE(g.nodeProperty(c, id).isNull());
  std::vector<NodeId> all;
  g.forEachNode([&](NodeId n) {
    all.push_back(n);
    return true;
  });
  EXPECT_EQ(all, (std::vector<NodeId>{a, b}));
  EXPECT_THROW(g.setNodeProperty(c, id, Value(1)), Error);
  EXPECT_THROW(g.addLabel(c, nation), Error);
}

TEST_F(GraphTest, ManyLabelsGrowTheBitset) {
  NodeId a = g.createNode();
  NodeId b = g.createNode();
  std::vector<LabelId> ls;
  for (int i = 0; i < 150; ++i) ls.push_back(g.internLabel("L" + std::to_string(i)));
  for (size_t i = 0; i < ls.size(); i += 3) g.addLabel(a, ls[i]);
  g.addLabel(b, ls[149]);
  EXPECT_EQ(g.labelCountOf(a), 50u);
  for (size_t i = 0; i < ls.size(); ++i) EXPECT_EQ(g.hasLabel(a, ls[i]), i % 3 == 0) << i;
  EXPECT_TRUE(g.hasLabel(b, ls[149]));
  EXPECT_FALSE(g.hasLabel(b, ls[0]));
  NodeId c = g.createNode(std::span<const LabelId>(ls.data() + 140, 10));
  EXPECT_EQ(g.labelCountOf(c), 10u);
  EXPECT_EQ(withLabel(g, ls[149]), (std::vector<NodeId>{b, c}));
}

TEST_F(GraphTest, LabelScanStaysCorrectUnderChurn) {
  std::vector<NodeId> ns;
  for (int i = 0; i < 300; ++i) ns.push_back(g.createNode());
  std::mt19937 rng(42);
  std::set<NodeId> model;
  for (int step = 0; step < 5000; ++step) {
    NodeId n = ns[rng() % ns.size()];
    if (rng() % 2) {
      g.addLabel(n, leader);
      model.insert(n);
    } else {
      g.removeLabel(n, leader);
      model.erase(n);
    }
  }
  EXPECT_EQ(withLabel(g, leader), std::vector<NodeId>(model.begin(), model.end()));
  EXPECT_EQ(g.labelCardinality(leader), model.size());
}

TEST_F(GraphTest, LabelScanToleratesLabelChangesFromTheCallback) {
  std::vector<NodeId> ns;
  for (int i = 0; i < 500; ++i) ns.push_back(g.createNode(std::vector<LabelId>{leader}));
  // Removing the label of every visited node (purges happen mid-scan) visits each node once.
  std::vector<NodeId> seen;
  g.forEachNodeWithLabel(leader, [&](NodeId n) {
    seen.push_back(n);
    g.removeLabel(n, leader);
    return true;
  });
  EXPECT_EQ(seen, ns);
  EXPECT_EQ(g.labelCardinality(leader), 0u);
  // Adding the label to lower ids during a scan (insertions in the middle) does not repeat.
  for (size_t i = 250; i < ns.size(); ++i) g.addLabel(ns[i], leader);
  seen.clear();
  g.forEachNodeWithLabel(leader, [&](NodeId n) {
    seen.push_back(n);
    if (n >= ns[250]) g.addLabel(ns[n - ns[250]], leader);
    return true;
  });
  EXPECT_EQ(seen, std::vector<NodeId>(ns.begin() + 250, ns.end()));
  EXPECT_EQ(g.labelCardinality(leader), 500u);
}

TEST_F(GraphTest, RelationshipsAndAdjacencyInAllDirections) {
  NodeId kaz = nationNode("KAZ"), kor = nationNode("KOR"), chn = nationNode("CHN");
  RelId r1 = g.createRel(kaz, kor, supplies);
  RelId r2 = g.createRel(chn, kor, supplies);
  RelId r3 = g.createRel(kaz, chn, borders);
  RelId loop = g.createRel(kor, kor, supplies);
  EXPECT_EQ(g.relCount(), 4u);
  EXPECT_EQ(g.relIdLimit(), 4u);
  EXPECT_EQ(g.relSource(r1), kaz);
  EXPECT_EQ(g.relTarget(r1), kor);
  EXPECT_EQ(g.relType(r3), borders);
  EXPECT_EQ(g.typeCardinality(supplies), 3u);
  EXPECT_EQ(g.typeCardinality(borders), 1u);

  for (int pass = 0; pass < 2; ++pass) {
    SCOPED_TRACE(pass == 0 ? "delta" : "compacted");
    EXPECT_EQ(adjacent(g, kaz, Direction::Out), (Adj{{r1, kor}, {r3, chn}}));
    EXPECT_EQ(adjacent(g, kaz, Direction::Out, supplies), (Adj{{r1, kor}}));
    EXPECT_EQ(adjacent(g, kaz, Direction::In), Adj{});
    EXPECT_EQ(adjacent(g, kor, Direction::In, supplies), (Adj{{r1, kaz}, {r2, chn}, {loop, kor}}));
    EXPECT_EQ(adjacent(g, kor, Direction::Out), (Adj{{loop, kor}}));
    // Both: the self-loop once.
    EXPECT_EQ(adjacent(g, kor, Direction::Both), (Adj{{r1, kaz}, {r2, chn}, {loop, kor}}));
    EXPECT_EQ(adjacent(g, chn, Direction::Both), (Adj{{r2, kor}, {r3, kaz}}));
    EXPECT_EQ(adjacent(g, chn, Direction::Both, borders), (Adj{{r3, kaz}}));
    EXPECT_EQ(g.degree(kor, Direction::Both, kNoType), 3u);
    EXPECT_EQ(g.degree(kor, Direction::In, supplies), 3u);
    EXPECT_EQ(g.degree(kaz, Direction::Out, borders), 1u);
    g.compact();
  }

  // Early stop.
  int seen = 0;
  g.forEachAdjacent(kor, Direction::Both, kNoType, [&](RelId, NodeId) {
    ++seen;
    return false;
  });
  EXPECT_EQ(seen, 1);

  // Writes after compaction are visible at once, next to the compacted ones.
  NodeId uzb = nationNode("UZB");
  RelId r4 = g.createRel(uzb, kor, supplies);
  EXPECT_EQ(adjacent(g, kor, Direction::In, supplies),
            (Adj{{r1, kaz}, {r2, chn}, {loop, kor}, {r4, uzb}}));
  EXPECT_EQ(adjacent(g, uzb, Direction::Out), (Adj{{r4, kor}}));

  // Deleting compacted and delta relationships hides them.
  g.deleteRel(r1);
  g.deleteRel(r4);
  g.deleteRel(r4);  // no-op
  EXPECT_FALSE(g.relExists(r1));
  EXPECT_EQ(g.relType(r1), supplies) << "type stays readable after deletion";
  EXPECT_EQ(adjacent(g, kor, Direction::In, supplies), (Adj{{r2, chn}, {loop, kor}}));
  EXPECT_EQ(adjacent(g, kaz, Direction::Both), (Adj{{r3, chn}}));
  EXPECT_EQ(g.relCount(), 3u);
  EXPECT_EQ(g.typeCardinality(supplies), 2u);
  std::vector<RelId> rels;
  g.forEachRel([&](RelId r) {
    rels.push_back(r);
    return true;
  });
  EXPECT_EQ(rels, (std::vector<RelId>{r2, r3, loop}));
  g.compact();
  EXPECT_EQ(adjacent(g, kor, Direction::In, supplies), (Adj{{r2, chn}, {loop, kor}}));
  EXPECT_EQ(adjacent(g, uzb, Direction::Both), Adj{});
  EXPECT_EQ(g.relIdLimit(), 5u) << "ids stay stable";
}

TEST_F(GraphTest, AdjacencyScanToleratesWritesFromTheCallback) {
  NodeId a = g.createNode(), b = g.createNode();
  std::vector<RelId> initial;
  for (int i = 0; i < 10; ++i) initial.push_back(g.createRel(a, b, supplies));
  // CREATE during expansion: new relationships (and a new type) are not visited, nothing moves
  // under the scan.
  std::vector<RelId> seen;
  g.forEachAdjacent(a, Direction::Both, kNoType, [&](RelId r, NodeId) {
    seen.push_back(r);
    for (int i = 0; i < 20; ++i) g.createRel(a, b, supplies);
    g.createRel(b, a, g.internType("NEW_" + std::to_string(r)));
    return true;
  });
  EXPECT_EQ(seen, initial);
  EXPECT_EQ(g.degree(a, Direction::Out, supplies), 210u);
  EXPECT_EQ(g.degree(a, Direction::In, kNoType), 10u);
}

TEST_F(GraphTest, DeletingAConnectedNodeFails) {
  NodeId a = g.createNode(), b = g.createNode();
  RelId r = g.createRel(a, b, supplies);
  try {
    g.deleteNode(a);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ConstraintVerificationFailed);
  }
  EXPECT_TRUE(g.nodeExists(a));
  g.deleteRel(r);
  g.deleteNode(a);
  EXPECT_FALSE(g.nodeExists(a));
  EXPECT_THROW(g.createRel(a, b, supplies), Error);
}

TEST_F(GraphTest, PropertiesKeepTheirTypes) {
  NodeId n = g.createNode();
  KeyId k = g.internKey("k");
  std::vector<Value> values = {Value(1),
                               Value(int64_t{1} << 40),
                               Value(-7),
                               Value(2.5),
                               Value(1.0),
                               Value(true),
                               Value(false),
                               Value(Date{19000}),
                               Value("text"),
                               Value(ValueList{Value(1), Value("a")}),
                               Value(ValueMap{{"x", Value(1)}})};
  for (const Value& v : values) {
    g.setNodeProperty(n, k, v);
    EXPECT_TRUE(g.nodeProperty(n, k).identical(v)) << v.toCypherLiteral();
  }
  g.setNodeProperty(n, k, Value());
  EXPECT_TRUE(g.nodeProperty(n, k).isNull());
  int count = 0;
  g.forEachNodeProperty(n, [&](KeyId, const Value&) { ++count; });
  EXPECT_EQ(count, 0);
}

TEST_F(GraphTest, ColumnsMixTypesAcrossEntities) {
  // One column holding ints, then a float, a wide int and a string on other nodes.
  std::vector<NodeId> ns;
  for (int i = 0; i < 200; ++i) ns.push_back(g.createNode());
  for (int i = 0; i < 100; ++i) g.setNodeProperty(ns[i], year, Value(2000 + i));
  g.setNodeProperty(ns[100], year, Value(int64_t{5'000'000'000}));
  for (int i = 0; i < 100; ++i) EXPECT_EQ(g.nodeProperty(ns[i], year).asInt(), 2000 + i);
  EXPECT_EQ(g.nodeProperty(ns[100], year).asInt(), 5'000'000'000);
  g.setNodeProperty(ns[101], year, Value(1.0));
  g.setNodeProperty(ns[150], year, Value("1999"));
  for (int i = 0; i < 100; ++i) {
    Value v = g.nodeProperty(ns[i], year);
    ASSERT_EQ(v.type(), Value::Type::Int);
    EXPECT_EQ(v.asInt(), 2000 + i);
  }
  EXPECT_EQ(g.nodeProperty(ns[101], year).type(), Value::Type::Float);
  EXPECT_EQ(g.nodeProperty(ns[150], year).asString(), "1999");
  EXPECT_TRUE(g.nodeProperty(ns[199], year).isNull());
}

TEST_F(GraphTest, StringPropertiesShareTheDictionaryPayload) {
  NodeId a = g.createNode(), b = g.createNode();
  RelId r = g.createRel(a, b, supplies);
  KeyId res = g.internKey("resource");
  g.setNodeProperty(a, name, Value("Rare earth elements"));
  g.setRelProperty(r, res, Value(std::string("Rare earth ") + "elements"));
  Value x = g.nodeProperty(a, name);
  Value y = g.relProperty(r, res);
  EXPECT_EQ(x.stringPtr().get(), y.stringPtr().get());
  EXPECT_EQ(x.stringPtr().get(), g.internString("Rare earth elements").get());
}

TEST_F(GraphTest, RelationshipProperties) {
  NodeId a = g.createNode(), b = g.createNode();
  RelId r = g.createRel(a, b, supplies);
  KeyId tonnes = g.internKey("tonnes");
  g.setRelProperty(r, year, Value(2023));
  g.setRelProperty(r, tonnes, Value(12.5));
  EXPECT_EQ(g.relProperty(r, year).asInt(), 2023);
  EXPECT_EQ(g.relProperty(r, tonnes).asFloat(), 12.5);
  std::map<std::string, std::string> seen;
  g.forEachRelProperty(r,
                       [&](KeyId k, const Value& v) { seen[g.keyName(k)] = v.toCypherLiteral(); });
  EXPECT_EQ(seen, (std::map<std::string, std::string>{{"tonnes", "12.5"}, {"year", "2023"}}));
  g.clearRelProperties(r);
  EXPECT_TRUE(g.relProperty(r, year).isNull());
  g.setRelProperty(r, year, Value(1));
  g.deleteRel(r);
  EXPECT_TRUE(g.relProperty(r, year).isNull());
  EXPECT_THROW(g.setRelProperty(r, year, Value(1)), Error);
}

TEST_F(GraphTest, KeyIndexFollowsEveryWrite) {
  NodeId kaz = nationNode("KAZ");
  NodeId kor = nationNode("KOR");
  g.createKeyIndex(nation, id);
  EXPECT_TRUE(g.hasKeyIndex(nation, id));
  EXPECT_FALSE(g.hasKeyIndex(nation, name));
  EXPECT_EQ(g.keyIndexOf(nation), id);
  EXPECT_EQ(g.keyIndexOf(leader), kNoKey);
  EXPECT_EQ(g.findByKey(nation, Value("KAZ")), kaz);
  EXPECT_EQ(g.findByKey(nation, Value("KOR")), kor);
  EXPECT_EQ(g.findByKey(nation, Value("XXX")), kInvalidId);
  EXPECT_EQ(g.findByKey(leader, Value("KAZ")), kInvalidId);
  EXPECT_EQ(g.findByKey(nation, Value()), kInvalidId);

  // New node, property change, label removal/addition, deletion.
  NodeId uzb = nationNode("UZB");
  EXPECT_EQ(g.findByKey(nation, Value("UZB")), uzb);
  g.setNodeProperty(uzb, id, Value("UZ"));
  EXPECT_EQ(g.findByKey(nation, Value("UZB")), kInvalidId);
  EXPECT_EQ(g.findByKey(nation, Value("UZ")), uzb);
  g.removeLabel(uzb, nation);
  EXPECT_EQ(g.findByKey(nation, Value("UZ")), kInvalidId);
  g.addLabel(uzb, nation);
  EXPECT_EQ(g.findByKey(nation, Value("UZ")), uzb);
  g.setNodeProperty(uzb, id, Value());
  EXPECT_EQ(g.findByKey(nation, Value("UZ")), kInvalidId);
  g.setNodeProperty(uzb, id, Value("UZB"));
  g.deleteNode(uzb);
  EXPECT_EQ(g.findByKey(nation, Value("UZB")), kInvalidId);

  // Identical semantics: Int 1 and Float 1.0 are different keys.
  NodeId one = nationNode("x");
  g.setNodeProperty(one, id, Value(1));
  EXPECT_EQ(g.findByKey(nation, Value(1)), one);
  EXPECT_EQ(g.findByKey(nation, Value(1.0)), kInvalidId);

  // Uniqueness: a duplicate is refused and changes nothing.
  NodeId dup = g.createNode();
  g.setNodeProperty(dup, id, Value("KAZ"));
  EXPECT_THROW(g.addLabel(dup, nation), Error);
  EXPECT_FALSE(g.hasLabel(dup, nation));
  EXPECT_THROW(g.setNodeProperty(kor, id, Value("KAZ")), Error);
  EXPECT_EQ(g.nodeProperty(kor, id).asString(), "KOR");
  EXPECT_EQ(g.findByKey(nation, Value("KAZ")), kaz);
  g.setNodeProperty(kaz, id, Value("KAZ"));  // same node, same value: fine

  // An index over existing duplicates is refused.
  g.addLabel(dup, leader);
  NodeId dup2 = g.createNode(std::vector<LabelId>{leader});
  g.setNodeProperty(dup2, id, Value("KAZ"));
  EXPECT_THROW(g.createKeyIndex(leader, id), Error);
  EXPECT_FALSE(g.hasKeyIndex(leader, id));
}

TEST_F(GraphTest, TransactionsCommitAndRollback) {
  EXPECT_FALSE(g.inTransaction());
  EXPECT_THROW(g.commit(), Error);
  EXPECT_THROW(g.rollback(), Error);
  NodeId kaz = nationNode("KAZ");
  g.begin();
  EXPECT_TRUE(g.inTransaction());
  EXPECT_THROW(g.begin(), Error);
  EXPECT_THROW(g.compact(), Error);
  NodeId kor = nationNode("KOR");
  g.createRel(kaz, kor, supplies);
  g.commit();
  EXPECT_FALSE(g.inTransaction());
  EXPECT_EQ(g.nodeCount(), 2u);
  EXPECT_EQ(g.relCount(), 1u);

  g.begin();
  NodeId chn = nationNode("CHN");
  g.createRel(chn, kor, supplies);
  g.setNodeProperty(kaz, name, Value("Kazakhstan"));
  g.rollback();
  EXPECT_EQ(g.nodeCount(), 2u);
  EXPECT_EQ(g.nodeIdLimit(), 2u);
  EXPECT_EQ(g.relCount(), 1u);
  EXPECT_FALSE(g.nodeExists(chn));
  EXPECT_TRUE(g.nodeProperty(kaz, name).isNull());
  EXPECT_EQ(adjacent(g, kor, Direction::In).size(), 1u);
  // Ids freed by rollback are given out again, clean.
  NodeId again = g.createNode();
  EXPECT_EQ(again, chn);
  EXPECT_EQ(g.labelCountOf(again), 0u);
  EXPECT_TRUE(g.nodeProperty(again, id).isNull());
  EXPECT_EQ(withLabel(g, nation), (std::vector<NodeId>{kaz, kor}));
}

TEST_F(GraphTest, RollbackRestoresEverything) {
  // A compacted base, plus an uncompacted delta, then a transaction touching all of it.
  std::vector<NodeId> ns;
  for (int i = 0; i < 6; ++i) ns.push_back(nationNode("N" + std::to_string(i)));
  g.addLabel(ns[0], leader);
  g.createKeyIndex(nation, id);
  std::vector<RelId> rs;
  for (int i = 0; i < 5; ++i) rs.push_back(g.createRel(ns[i], ns[i + 1], supplies));
  g.setRelProperty(rs[0], year, Value(2020));
  g.compact();
  rs.push_back(g.createRel(ns[5], ns[0], borders));  // delta, outside any transaction
  rs.push_back(g.createRel(ns[2], ns[2], supplies));
  g.setNodeProperty(ns[1], name, Value("one"));
  std::vector<Value> probes = {Value("N0"),  Value("N1"), Value("N2"), Value("N3"),
                               Value("new"), Value("N9"), Value(1)};
  Snapshot before = snapshot(g, probes);

  g.begin();
  NodeId fresh = nationNode("new");
  g.addLabel(fresh, leader);
  g.createRel(fresh, ns[0], supplies);
  RelId tmp = g.createRel(ns[0], fresh, borders);
  g.setRelProperty(tmp, year, Value(1));
  g.deleteRel(tmp);
  g.deleteRel(rs[0]);  // compacted
  g.deleteRel(rs[5]);  // delta
  g.setRelProperty(rs[1], year, Value(1.5));
  g.deleteRel(rs[2]);
  g.deleteRel(rs[3]);
  g.deleteNode(ns[3]);                        // now unconnected; had a key
  g.setNodeProperty(ns[2], id, Value("N3"));  // takes the deleted node's key
  g.setNodeProperty(ns[1], name, Value());
  g.setNodeProperty(ns[1], year, Value(3));
  g.removeLabel(ns[0], nation);
  g.removeLabel(ns[0], leader);
  g.addLabel(ns[4], leader);
  g.clearNodeProperties(ns[5]);
  g.createKeyIndex(leader, name);
  LabelId extra = g.internLabel("Extra");
  g.addLabel(ns[1], extra);
  ASSERT_NE(snapshot(g, probes), before);
  g.rollback();

  Snapshot after = snapshot(g, probes);
  // The catalog keeps names interned during the transaction; labels with no nodes.
  after.labelScans.erase(extra);
  after.indexHits.erase({extra, Value("N0").toCypherLiteral()});
  for (const Value& v : probes) after.indexHits.erase({extra, v.toCypherLiteral()});
  EXPECT_TRUE(after == before);
  EXPECT_EQ(g.findByKey(nation, Value("N3")), ns[3]);
  EXPECT_EQ(g.findByKey(nation, Value("N2")), ns[2]);
  EXPECT_FALSE(g.hasKeyIndex(leader, name));
  EXPECT_EQ(g.relProperty(rs[0], year).asInt(), 2020);
  EXPECT_EQ(g.relProperty(rs[1], year).type(), Value::Type::Null);

  // The graph keeps working normally after the rollback, including compaction.
  RelId r = g.createRel(ns[3], ns[4], supplies);
  g.compact();
  EXPECT_EQ(adjacent(g, ns[4], Direction::In, supplies), (Adj{{rs[3], ns[3]}, {r, ns[3]}}));
}

// Random operations checked against a simple model, with transactions that are randomly
// committed or rolled back and occasional compactions.
TEST_F(GraphTest, RandomisedAgainstSnapshots) {
  std::mt19937 rng(2024);
  std::vector<Value> probes;
  for (int i = 0; i < 20; ++i) probes.push_back(Value("k" + std::to_string(i)));
  g.createKeyIndex(nation, id);
  auto randomValue = [&]() -> Value {
    switch (rng() % 5) {
      case 0:
        return Value(static_cast<int64_t>(rng() % 100));
      case 1:
        return Value(static_cast<double>(rng() % 100) / 4);
      case 2:
        return Value("s" + std::to_string(rng() % 10));
      case 3:
        return Value();
      default:
        return Value(ValueList{Value(1)});
    }
  };
  auto step = [&]() {
    NodeId limit = g.nodeIdLimit();
    RelId rlimit = g.relIdLimit();
    NodeId n = limit ? static_cast<NodeId>(rng() % limit) : 0;
    switch (rng() % 10) {
      case 0:
      case 1: {
        std::vector<LabelId> ls;
        if (rng() % 2) ls.push_back(nation);
        if (rng() % 3 == 0) ls.push_back(leader);
        g.createNode(ls);
        break;
      }
      case 2:
      case 3:
        if (limit && g.nodeExists(n)) {
          NodeId m = static_cast<NodeId>(rng() % limit);
          if (g.nodeExists(m)) g.createRel(n, m, rng() % 2 ? supplies : borders);
        }
        break;
      case 4:
        if (rlimit) g.deleteRel(static_cast<RelId>(rng() % rlimit));
        break;
      case 5:
        if (limit && g.nodeExists(n)) {
          try {
            g.setNodeProperty(n, id, Value("k" + std::to_string(rng() % 20)));
          } catch (const Error&) {  // duplicate key: refused
          }
        }
        break;
      case 6:
        if (limit && g.nodeExists(n)) g.setNodeProperty(n, year, randomValue());
        break;
      case 7:
        if (rlimit) {
          auto r = static_cast<RelId>(rng() % rlimit);
          if (g.relExists(r)) g.setRelProperty(r, year, randomValue());
        }
        break;
      case 8:
        if (limit && g.nodeExists(n)) {
          try {
            if (rng() % 2)
              g.addLabel(n, nation);
            else
              g.removeLabel(n, rng() % 2 ? nation : leader);
          } catch (const Error&) {
          }
        }
        break;
      case 9:
        if (limit && g.nodeExists(n)) {
          try {
            g.deleteNode(n);
          } catch (const Error&) {  // still connected
          }
        }
        break;
    }
  };
  for (int round = 0; round < 60; ++round) {
    for (int i = 0; i < 20; ++i) step();
    if (round % 7 == 0) g.compact();
    Snapshot before = snapshot(g, probes);
    g.begin();
    for (int i = 0; i < 30; ++i) step();
    if (rng() % 3) {
      g.rollback();
      Snapshot after = snapshot(g, probes);
      ASSERT_TRUE(after == before) << "round " << round;
    } else {
      g.commit();
    }
    // Adjacency agrees with the relationship table, compacted or not.
    std::map<std::tuple<NodeId, int, int>, Adj> model;
    g.forEachRel([&](RelId r) {
      NodeId s = g.relSource(r), t = g.relTarget(r);
      int ty = g.relType(r);
      model[{s, 0, ty}].emplace_back(r, t);
      model[{t, 1, ty}].emplace_back(r, s);
      model[{s, 2, ty}].emplace_back(r, t);
      if (s != t) model[{t, 2, ty}].emplace_back(r, s);
      return true;
    });
    g.forEachNode([&](NodeId n) {
      for (int d = 0; d < 3; ++d)
        for (int ty = 0; ty < 2; ++ty) {
          Adj expect = model[{n, d, ty}];
          std::sort(expect.begin(), expect.end());
          EXPECT_EQ(adjacent(g, n, static_cast<Direction>(d), static_cast<TypeId>(ty)), expect);
        }
      return true;
    });
  }
}

TEST_F(GraphTest, StatsCountBytes) {
  NodeId a = nationNode("KAZ"), b = nationNode("KOR");
  for (int i = 0; i < 1000; ++i) {
    RelId r = g.createRel(a, b, supplies);
    g.setRelProperty(r, year, Value(2000 + i % 20));
  }
  g.compact();
  g.createKeyIndex(nation, id);
  GraphStats s = g.stats();
  EXPECT_EQ(s.nodes, 2u);
  EXPECT_EQ(s.relationships, 1000u);
  EXPECT_EQ(s.labels, 2u);
  EXPECT_EQ(s.types, 2u);
  // At least the CSR (4 arrays of one uint32 per relationship) and the columns (years in
  // 16 bits: engine/property_column.h).
  EXPECT_GE(s.bytesTopology, 1000u * 16);
  EXPECT_GE(s.bytesProperties, 1000u * 2);
  EXPECT_LT(s.bytesProperties, 1000u * 4);
  EXPECT_GT(s.bytesStrings, 0u);
  EXPECT_GT(s.bytesIndexes, 0u);
  EXPECT_EQ(s.bytesTotal(), s.bytesTopology + s.bytesProperties + s.bytesStrings + s.bytesIndexes);
}
