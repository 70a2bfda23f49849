// Node labels as interned label sets (engine/label_sets.h, docs/storage.md "Labels"): the D7
// reproducer of issue 10 (one node with 20,000 labels among 200,000 nodes must not make every
// node's labels as wide as its own), labels added and removed in transactions that commit or
// roll back, label scans and counts after many random changes against a model, the database
// file (only live sets written, reopened equal; a file in the bitset layout opens; forged
// label sets refused with a LoadError naming the file and the section).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/graph_access.h"
#include "engine/graph_file.h"
#include "main/database.h"
#include "tests/support/graph_file_forge.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

using silkgraph::testing::readBytes;
using silkgraph::testing::TempDir;
using silkgraph::testing::writeBytes;

std::vector<NodeId> scan(const Graph& g, LabelId l) {
  std::vector<NodeId> out;
  g.forEachNodeWithLabel(l, [&](NodeId n) {
    out.push_back(n);
    return true;
  });
  return out;
}

// Every node's labels, every label's scan and cardinality.
struct LabelState {
  std::vector<std::vector<LabelId>> nodes;
  std::vector<std::vector<NodeId>> scans;
  std::vector<size_t> cardinality;
  bool operator==(const LabelState&) const = default;
};
LabelState stateOf(const Graph& g) {
  LabelState s;
  for (NodeId n = 0; n < g.nodeIdLimit(); ++n) s.nodes.push_back(g.nodeLabels(n));
  for (LabelId l = 0; l < g.labelCount(); ++l) {
    s.scans.push_back(scan(g, l));
    s.cardinality.push_back(g.labelCardinality(l));
  }
  return s;
}

size_t fileSize(const std::string& path) {
  return readBytes(path).size();
}

// 200,000 nodes labelled N, and with `wide` one more node carrying 20,000 labels.
void buildD7(Database& db, bool wide) {
  Graph& g = db.graph();
  std::vector<LabelId> many;
  for (int i = 0; i < 20000; ++i) many.push_back(g.internLabel("L" + std::to_string(i)));
  const LabelId n = g.internLabel("N");
  const LabelId one[] = {n};
  for (int i = 0; i < 200000; ++i) g.createNode(one);
  if (wide) g.createNode(many);
}

// D7: the graph and its file with the wide node are a small multiple of those without it
// (with one bitset per node as wide as the widest, the graph held 200,000 x 313 words, 500 MB,
// about 80 times as much).
TEST(LabelSets, D7OneNodeWithManyLabelsCostsItsOwnLabels) {
  TempDir dir("sg-labels");
  Database narrow, wide;
  buildD7(narrow, false);
  buildD7(wide, true);
  const Graph& g = wide.graph();
  const NodeId w = g.nodeIdLimit() - 1;
  ASSERT_EQ(g.labelCountOf(w), 20000u);
  EXPECT_TRUE(g.hasLabel(w, 19999));
  EXPECT_FALSE(g.hasLabel(w, 20000));  // N
  EXPECT_TRUE(g.hasLabel(0, 20000));
  EXPECT_FALSE(g.hasLabel(0, 70));

  const size_t narrowBytes = narrow.graph().stats().bytesTopology;
  const size_t wideBytes = g.stats().bytesTopology;
  EXPECT_LT(wideBytes, 3 * narrowBytes) << narrowBytes << " vs " << wideBytes;
  EXPECT_LT(wideBytes, 8u << 20);

  writeGraphFile(narrow.graph(), narrow.schema(), dir / "narrow.sg");
  writeGraphFile(wide.graph(), wide.schema(), dir / "wide.sg");
  const size_t narrowFile = fileSize(dir / "narrow.sg");
  const size_t wideFile = fileSize(dir / "wide.sg");
  EXPECT_LT(wideFile, 4 * narrowFile) << narrowFile << " vs " << wideFile;
  EXPECT_LT(wideFile, 8u << 20);

  Database back;
  readGraphFile(dir / "wide.sg", back.graph(), back.schema());
  EXPECT_EQ(back.graph().nodeLabels(w), g.nodeLabels(w));
  EXPECT_EQ(back.graph().nodeLabels(7), g.nodeLabels(7));
  EXPECT_EQ(back.graph().labelCardinality(20000), 200000u);
  EXPECT_EQ(scan(back.graph(), 12345), std::vector<NodeId>{w});
  EXPECT_LT(back.graph().stats().bytesTopology, 3 * narrowBytes);
}

// Labels below and above 64 added and removed inside transactions: rollback restores every
// node's labels, scans and counts exactly; commit keeps the changes.
TEST(LabelSets, TransactionsCommitAndRollBack) {
  Database db;
  Graph& g = db.graph();
  std::vector<LabelId> ids;
  for (int i = 0; i < 140; ++i) ids.push_back(g.internLabel("T" + std::to_string(i)));
  const LabelId a[] = {ids[1], ids[70]}, b[] = {ids[1]}, c[] = {ids[100], ids[130], ids[2]};
  g.createNode(a);
  g.createNode(b);
  g.createNode(c);
  g.createNode();
  const LabelState before = stateOf(g);

  g.begin();
  g.addLabel(0, ids[65]);
  g.addLabel(1, ids[70]);
  g.removeLabel(0, ids[1]);
  g.removeLabel(2, ids[130]);
  g.addLabel(3, ids[139]);
  const LabelId d[] = {ids[5], ids[80], ids[80]};
  NodeId fresh = g.createNode(d);
  g.deleteNode(2);
  EXPECT_EQ(g.nodeLabels(0), (std::vector<LabelId>{ids[65], ids[70]}));
  EXPECT_EQ(g.nodeLabels(fresh), (std::vector<LabelId>{ids[5], ids[80]}));
  EXPECT_EQ(scan(g, ids[70]), (std::vector<NodeId>{0, 1}));
  EXPECT_EQ(g.labelCardinality(ids[130]), 0u);
  g.rollback();
  EXPECT_EQ(stateOf(g), before);
  EXPECT_TRUE(g.nodeExists(2));

  g.begin();
  g.addLabel(1, ids[120]);
  g.removeLabel(0, ids[70]);
  g.commit();
  EXPECT_EQ(g.nodeLabels(1), (std::vector<LabelId>{ids[1], ids[120]}));
  EXPECT_EQ(g.nodeLabels(0), std::vector<LabelId>{ids[1]});
  EXPECT_EQ(scan(g, ids[120]), std::vector<NodeId>{1});
  EXPECT_TRUE(scan(g, ids[70]).empty());

  // Through Cypher: SET and REMOVE of labels in an explicit transaction, rolled back.
  db.execute("CREATE (:X:Y)");
  const LabelState cypherBefore = stateOf(g);
  db.begin();
  db.execute("MATCH (n:X) SET n:T99:T64:Z REMOVE n:Y");
  EXPECT_EQ(g.labelCardinality(g.labelId("T99")), 1u);
  db.rollback();
  EXPECT_EQ(stateOf(g).nodes, cypherBefore.nodes);
  EXPECT_EQ(g.labelCardinality(g.labelId("Y")), 1u);
  EXPECT_EQ(g.labelCardinality(g.labelId("T99")), 0u);
}

// Random label changes on 500 nodes over 150 labels (a third of them at 64 and up), with
// rollbacks mixed in: after each round the scans, counts and labels match a model, and a
// checkpoint (database file written, reopened) gives the same state.
TEST(LabelSets, ScansAfterManyChangesMatchAModel) {
  TempDir dir("sg-labels");
  Database db;
  Graph& g = db.graph();
  std::vector<LabelId> ids;
  for (int i = 0; i < 150; ++i) ids.push_back(g.internLabel("R" + std::to_string(i)));
  std::mt19937 rng(7);
  std::vector<std::set<LabelId>> model(500);
  for (auto& m : model) m.clear();
  for (size_t i = 0; i < model.size(); ++i) g.createNode();
  for (int round = 0; round < 20; ++round) {
    const bool keep = round % 3 != 2;
    std::vector<std::set<LabelId>> next = model;
    g.begin();
    for (int op = 0; op < 2000; ++op) {
      NodeId n = rng() % model.size();
      LabelId l = ids[rng() % ids.size()];
      if (rng() % 2) {
        g.addLabel(n, l);
        next[n].insert(l);
      } else {
        g.removeLabel(n, l);
        next[n].erase(l);
      }
    }
    if (keep) {
      g.commit();
      model = next;
    } else {
      g.rollback();
    }
    for (NodeId n = 0; n < model.size(); ++n) {
      ASSERT_EQ(g.nodeLabels(n), std::vector<LabelId>(model[n].begin(), model[n].end()))
          << "round " << round << " node " << n;
      ASSERT_EQ(g.labelCountOf(n), model[n].size());
    }
    for (LabelId l : ids) {
      std::vector<NodeId> expect;
      for (NodeId n = 0; n < model.size(); ++n)
        if (model[n].count(l)) expect.push_back(n);
      ASSERT_EQ(scan(g, l), expect) << "round " << round << " label " << l;
      ASSERT_EQ(g.labelCardinality(l), expect.size());
    }
  }
  const LabelState now = stateOf(g);
  writeGraphFile(g, db.schema(), dir / "db.sg");
  Database back;
  readGraphFile(dir / "db.sg", back.graph(), back.schema());
  EXPECT_EQ(stateOf(back.graph()), now);
  // Only the sets some node carries are written: their count is what the reopened graph holds.
  std::set<std::vector<LabelId>> distinct;
  for (const auto& m : model) distinct.insert(std::vector<LabelId>(m.begin(), m.end()));
  size_t setsBytes = 0;
  for (const GraphFileSection& s : graphFileSections(dir / "db.sg"))
    if (s.name == "label sets") setsBytes = s.length;
  EXPECT_EQ(setsBytes, distinct.size() * 16 + (distinct.count({}) ? 0 : 16));
  EXPECT_EQ(GraphAccess::of(back.graph()).labelSets.size(), setsBytes / 16);
  // The reopened graph keeps working: more changes, then a second checkpoint.
  back.graph().addLabel(3, ids[149]);
  back.graph().removeLabel(3, ids[149]);
  back.graph().addLabel(4, ids[100]);
  const LabelState later = stateOf(back.graph());
  writeGraphFile(back.graph(), back.schema(), dir / "db2.sg");
  Database again;
  readGraphFile(dir / "db2.sg", again.graph(), again.schema());
  EXPECT_EQ(stateOf(again.graph()), later);
}

// A node whose set held most of a large label list, changed label by label: sets no node
// carries are freed and their list space reclaimed, so memory follows the live sets.
TEST(LabelSets, FreedSetsAreReclaimed) {
  Database db;
  Graph& g = db.graph();
  std::vector<LabelId> ids;
  for (int i = 0; i < 3000; ++i) ids.push_back(g.internLabel("F" + std::to_string(i)));
  NodeId n = g.createNode();
  for (LabelId l : ids) g.addLabel(n, l);
  for (size_t i = 0; i + 1 < ids.size(); ++i) g.removeLabel(n, ids[i]);
  const LabelSets& sets = GraphAccess::of(g).labelSets;
  EXPECT_EQ(g.nodeLabels(n), std::vector<LabelId>{ids.back()});
  EXPECT_LT(sets.high().size(), 3 * 3000u);  // not the 4.5 million of every step kept
  EXPECT_LT(sets.size(), 10u);               // ids of freed sets are reused
}

// A database file in the previous layout (format versions 2 to 4: a bitset of labelWords words
// per node; this one written by the build before version 5, as version 2, with 3 words: labels
// up to L130, a deleted node, a removed label) opens to the same labels, scans and counts, and
// is written back as version 5.
TEST(LabelSets, FileInTheBitsetLayoutOpens) {
  TempDir dir("sg-labels");
  const std::string fixture =
      std::string(SILKGRAPH_SOURCE_DIR) + "/tests/data/graph_file/labels-v2.sg";
  Database old;
  readGraphFile(fixture, old.graph(), old.schema());
  const Graph& g = old.graph();
  auto labelsOf = [&](const std::string& id) {
    QueryResult r = old.execute("MATCH (n {id: '" + id + "'}) RETURN labels(n) AS l");
    EXPECT_EQ(r.rows.size(), 1u) << id;
    std::vector<std::string> out;
    for (const Value& v : r.rows.at(0).at(0).asList()) out.push_back(v.asString());
    std::sort(out.begin(), out.end());
    return out;
  };
  std::vector<std::string> all;
  for (int i = 0; i < 131; ++i) all.push_back("L" + std::to_string(i));
  std::sort(all.begin(), all.end());
  EXPECT_EQ(labelsOf("all"), all);
  EXPECT_EQ(labelsOf("high"), (std::vector<std::string>{"L129", "L130", "L64"}));
  EXPECT_EQ(labelsOf("low"), (std::vector<std::string>{"L0", "L3"}));
  EXPECT_EQ(labelsOf("none"), std::vector<std::string>{});
  EXPECT_EQ(labelsOf("moved"), std::vector<std::string>{"L100"});
  EXPECT_EQ(g.nodeCount(), 5u);
  EXPECT_EQ(g.labelCardinality(g.labelId("L130")), 2u);
  EXPECT_EQ(g.labelCardinality(g.labelId("L64")), 2u);
  EXPECT_EQ(g.labelCardinality(g.labelId("L99")), 1u);  // removed from "moved"
  EXPECT_EQ(old.execute("MATCH (n:L3) RETURN count(n)").rows.at(0).at(0).asInt(), 2);
  EXPECT_EQ(old.execute("MATCH (n:L100) RETURN count(n)").rows.at(0).at(0).asInt(), 2);
  const LabelState before = stateOf(g);
  writeGraphFile(g, old.schema(), dir / "new.sg");
  std::string header = readBytes(dir / "new.sg").substr(8, 4);
  uint32_t version = 0;
  std::memcpy(&version, header.data(), 4);
  EXPECT_EQ(version, kGraphFileVersion);
  Database back;
  readGraphFile(dir / "new.sg", back.graph(), back.schema());
  EXPECT_EQ(stateOf(back.graph()), before);
}

// Forged label sections (checksums recomputed) are refused with a LoadError naming the file
// and the label sets, never a crash.
class ForgedLabels : public ::testing::Test {
 protected:
  void SetUp() override {
    Database a;
    Graph& g = a.graph();
    std::vector<LabelId> ids;
    for (int i = 0; i < 70; ++i) ids.push_back(g.internLabel("K" + std::to_string(i)));
    const LabelId x[] = {ids[1], ids[66], ids[68]}, y[] = {ids[2]};
    g.createNode(x);
    g.createNode(y);
    g.createNode(x);
    writeGraphFile(g, a.schema(), dir / "good.sg");
    good = readBytes(dir / "good.sg");
  }
  GraphFileSection section(const std::string& name) {
    for (const GraphFileSection& s : graphFileSections(dir / "good.sg"))
      if (s.name == name) return s;
    ADD_FAILURE() << "no section " << name;
    return {};
  }
  void expectRefused(std::string bytes, const std::string& words) {
    ASSERT_TRUE(silkgraph::testing::resealGraphFile(bytes));
    writeBytes(dir / "forged.sg", bytes);
    Database target;
    try {
      readGraphFile(dir / "forged.sg", target.graph(), target.schema());
      ADD_FAILURE() << "a forged file was accepted (" << words << ")";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::LoadError) << e.what();
      EXPECT_EQ(e.file(), dir / "forged.sg");
      EXPECT_NE(std::string(e.what()).find("label set"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  }
  void put32(std::string& b, size_t at, uint32_t v) { std::memcpy(b.data() + at, &v, 4); }
  void put16(std::string& b, size_t at, uint16_t v) { std::memcpy(b.data() + at, &v, 2); }
  TempDir dir{"sg-labels"};
  std::string good;
};

TEST_F(ForgedLabels, SetIdOutOfRange) {
  const GraphFileSection ids = section("node label set ids");
  std::string bad = good;
  put32(bad, ids.offset + 4, 3);
  expectRefused(bad, "does not exist");
  put32(bad, ids.offset + 4, 0xFFFFFFFF);
  expectRefused(bad, "does not exist");
}

TEST_F(ForgedLabels, ListOutOfBoundsUnsortedOrUnknown) {
  const GraphFileSection sets = section("label sets");
  const GraphFileSection high = section("label set lists");
  ASSERT_EQ(sets.length, 3 * 16u);
  ASSERT_EQ(high.length, 2 * 2u);
  std::string bad = good;
  put32(bad, sets.offset + 16 + 12, 3);  // set #1 (first node's) claims 3 list entries
  expectRefused(bad, "reaches past");
  bad = good;
  put32(bad, sets.offset + 16 + 8, 0xFFFFFFFF);
  expectRefused(bad, "reaches past");
  bad = good;
  put16(bad, high.offset, 69);  // 69 after... 68: not ascending
  put16(bad, high.offset + 2, 66);
  expectRefused(bad, "not ascending");
  bad = good;
  put16(bad, high.offset, 5);  // below 64: belongs in the word
  expectRefused(bad, "not ascending");
  bad = good;
  put16(bad, high.offset + 2, 70);  // beyond the 70 named labels
  expectRefused(bad, "unknown label");
}

TEST_F(ForgedLabels, DuplicateEmptyOrUnusedSets) {
  const GraphFileSection sets = section("label sets");
  const GraphFileSection ids = section("node label set ids");
  std::string bad = good;
  std::memcpy(bad.data() + sets.offset + 32, bad.data() + sets.offset + 16, 16);
  expectRefused(bad, "stored twice");
  bad = good;
  put32(bad, sets.offset, 1);  // set 0 not empty
  expectRefused(bad, "set 0");
  bad = good;
  put32(bad, ids.offset + 4, 1);  // nobody carries set #2 any more
  expectRefused(bad, "carried by no node");
}

}  // namespace
}  // namespace silkgraph
