// Database file tests: a graph with every kind of content (labels, all property types, deleted
// nodes and relationships, compacted and delta topology, key indexes, schema) survives a
// write and an open unchanged, and queries answer the same; a file cut at any length or with
// any byte flipped is refused with a LoadError, at the open (which then leaves the target graph
// untouched) or at the first use of the damaged relationship section; wrong
// magic and newer versions are named; a failed write leaves no partial file behind.
#include "engine/graph_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/error.h"
#include "loaders/loader.h"
#include "main/database.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

namespace fs = std::filesystem;

using silkgraph::testing::readBytes;
using silkgraph::testing::writeBytes;

// A fresh directory per test.
class TempDir : public silkgraph::testing::TempDir {
 public:
  TempDir() : silkgraph::testing::TempDir("sg-graph-file") {}
};

Value list(std::initializer_list<Value> v) {
  return Value(ValueList(v));
}

// A small graph exercising every part of the layout.
void buildRichGraph(Database& db) {
  Graph& g = db.graph();
  LabelDef nation;
  nation.name = "Nation";
  nation.key = "id";
  nation.properties = {{"id", PropType::String, true, "ISO 3166-1 alpha-3"},
                       {"area_km2", PropType::Float, false, ""}};
  db.schema().addLabel(nation);
  RelTypeDef borders;
  borders.name = "BORDERS";
  borders.from = {"Nation"};
  borders.to = {"Nation"};
  borders.properties = {{"km", PropType::Float, false, "length"}};
  db.schema().addRelType(borders);

  LabelId lNation = g.internLabel("Nation");
  LabelId lResource = g.internLabel("Resource");
  LabelId lExtra = g.internLabel("Landlocked");
  KeyId id = g.internKey("id"), name = g.internKey("name"), area = g.internKey("area_km2"),
        landlocked = g.internKey("landlocked"), founded = g.internKey("founded"),
        aliases = g.internKey("aliases"), meta = g.internKey("meta"), pop = g.internKey("pop"),
        mixed = g.internKey("mixed"), year = g.internKey("year"), tonnes = g.internKey("tonnes");
  TypeId borders_t = g.internType("BORDERS"), supplies = g.internType("SUPPLIES"),
         member = g.internType("MEMBER_OF");
  g.createKeyIndex(lNation, id);

  const char* ids[] = {"KAZ", "UZB", "KGZ", "TJK", "TKM", "KOR", "CHN", "RUS"};
  const char* names[] = {"Kazakhstan",   "Uzbekistan",  "Kyrgyzstan", "Tajikistan",
                         "Turkmenistan", "South Korea", "China",      "Russia"};
  std::vector<NodeId> nations;
  for (int i = 0; i < 8; ++i) {
    LabelId labels[] = {lNation};
    NodeId n = g.createNode(labels);
    nations.push_back(n);
    g.setNodeProperty(n, id, Value(ids[i]));
    g.setNodeProperty(n, name, Value(names[i]));
    g.setNodeProperty(n, area, Value(1000.5 * (i + 1)));
    g.setNodeProperty(n, landlocked, Value(i < 5));
    g.setNodeProperty(n, founded, Value(dateFromYmd(1991, 12, static_cast<unsigned>(i + 1))));
    g.setNodeProperty(n, aliases, list({Value(std::string(ids[i]) + "-alias"), Value("x")}));
    g.setNodeProperty(n, pop, Value(int64_t{1} << (30 + i)));  // widens to Int64
    if (i < 5) g.addLabel(n, lExtra);
  }
  g.setNodeProperty(nations[0], meta,
                    Value(ValueMap{{"capital", Value("Astana")}, {"codes", list({1, 2.5})}}));
  g.setNodeProperty(nations[0], mixed, Value(1));
  g.setNodeProperty(nations[1], mixed, Value("one"));  // a generic column with a string
  g.setNodeProperty(nations[2], mixed, Value(dateFromYmd(2000, 1, 1)));

  LabelId resLabels[] = {lResource};
  NodeId ree = g.createNode(resLabels);
  g.setNodeProperty(ree, id, Value("REE"));
  NodeId gone = g.createNode(resLabels);  // deleted below: a node tombstone
  g.setNodeProperty(gone, id, Value("GONE"));
  NodeId lonely = g.createNode();  // no label, no property

  for (int i = 0; i < 5; ++i) {
    RelId r = g.createRel(nations[i], nations[(i + 1) % 5], borders_t);
    g.setRelProperty(r, g.internKey("km"), Value(100.0 * (i + 1)));
  }
  for (int i = 0; i < 8; ++i) {
    RelId r = g.createRel(nations[i], nations[5], supplies);
    g.setRelProperty(r, year, Value(2015 + i));
    g.setRelProperty(r, tonnes, Value(12.5 * i));
  }
  g.createRel(nations[0], nations[0], member);  // self-loop
  RelId doomed = g.createRel(nations[6], ree, supplies);
  g.compact();

  // After compaction: a deleted CSR relationship, delta relationships (one deleted), a
  // deleted node, a removed label (stale label-list entry), a new type only in the delta.
  g.deleteRel(doomed);
  RelId d1 = g.createRel(nations[7], nations[5], supplies);
  g.setRelProperty(d1, year, Value(2030));
  RelId d2 = g.createRel(nations[5], nations[7], g.internType("SANCTIONS"));
  g.setRelProperty(d2, g.internKey("since"), Value(dateFromYmd(2022, 2, 28)));
  RelId d3 = g.createRel(nations[1], nations[2], borders_t);
  g.deleteRel(d3);
  g.deleteNode(gone);
  g.removeLabel(nations[4], lExtra);
  (void)lonely;
}

// Everything observable through the Graph API, as text.
std::string snapshot(const Graph& g) {
  std::ostringstream s;
  s << "nodes " << g.nodeCount() << " limit " << g.nodeIdLimit() << " rels " << g.relCount()
    << " limit " << g.relIdLimit() << "\n";
  for (size_t l = 0; l < g.labelCount(); ++l) {
    s << "label " << g.labelName(static_cast<LabelId>(l)) << " card "
      << g.labelCardinality(static_cast<LabelId>(l)) << " index "
      << g.keyIndexOf(static_cast<LabelId>(l)) << " scan";
    g.forEachNodeWithLabel(static_cast<LabelId>(l), [&](NodeId n) {
      s << " " << n;
      return true;
    });
    s << "\n";
  }
  for (size_t t = 0; t < g.typeCount(); ++t)
    s << "type " << g.typeName(static_cast<TypeId>(t)) << " card "
      << g.typeCardinality(static_cast<TypeId>(t)) << "\n";
  for (size_t k = 0; k < g.keyCount(); ++k) s << "key " << g.keyName(static_cast<KeyId>(k)) << "\n";
  for (NodeId n = 0; n < g.nodeIdLimit(); ++n) {
    s << "node " << n << (g.nodeExists(n) ? "" : " deleted") << " labels";
    for (LabelId l : g.nodeLabels(n)) s << " " << l;
    g.forEachNodeProperty(n, [&](KeyId k, const Value& v) {
      s << " " << k << "=" << Value::typeName(v.type()) << ":" << v.toCypherLiteral();
    });
    for (Direction dir : {Direction::Out, Direction::In, Direction::Both}) {
      std::vector<std::pair<RelId, NodeId>> adj;
      g.forEachAdjacent(n, dir, kNoType, [&](RelId r, NodeId o) { adj.emplace_back(r, o); });
      std::sort(adj.begin(), adj.end());
      s << " |";
      for (auto [r, o] : adj) s << " " << r << ">" << o;
      for (size_t t = 0; t < g.typeCount(); ++t)
        s << " d" << g.degree(n, dir, static_cast<TypeId>(t));
    }
    s << "\n";
  }
  for (RelId r = 0; r < g.relIdLimit(); ++r) {
    s << "rel " << r << (g.relExists(r) ? "" : " deleted") << " " << g.relSource(r) << "-"
      << g.relType(r) << "->" << g.relTarget(r);
    g.forEachRelProperty(r, [&](KeyId k, const Value& v) {
      s << " " << k << "=" << Value::typeName(v.type()) << ":" << v.toCypherLiteral();
    });
    s << "\n";
  }
  return s.str();
}

std::string schemaText(const Schema& schema) {
  std::ostringstream s;
  auto props = [&](const std::vector<PropertyDef>& ps) {
    for (const PropertyDef& p : ps)
      s << " " << p.name << ":" << propTypeName(p.type) << (p.required ? "!" : "") << "("
        << p.description << ")";
  };
  for (const LabelDef& l : schema.labels()) {
    s << "label " << l.name << " key " << l.key << " (" << l.description << ")";
    props(l.properties);
    s << "\n";
  }
  for (const RelTypeDef& t : schema.relTypes()) {
    s << "type " << t.name << " from";
    for (const auto& f : t.from) s << " " << f;
    s << " to";
    for (const auto& f : t.to) s << " " << f;
    props(t.properties);
    s << (t.symmetric ? " symmetric" : "") << "\n";
  }
  return s.str();
}

std::string resultText(const QueryResult& r) {
  std::ostringstream s;
  for (const auto& c : r.columns) s << c << "\t";
  s << "\n";
  for (const auto& row : r.rows) {
    for (const Value& v : row) s << Value::typeName(v.type()) << ":" << v.toCypherLiteral() << "\t";
    s << "\n";
  }
  return s.str();
}

const char* kQueries[] = {
    "MATCH (n) RETURN count(n)",
    "MATCH (n:Nation) RETURN n.id, n.name, n.area_km2, n.landlocked, n.founded, n.aliases, n.pop "
    "ORDER BY n.id",
    "MATCH (n:Landlocked) RETURN n.id ORDER BY n.id",
    "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, r.year, r.tonnes, r.km, r.since "
    "ORDER BY a.id, type(r), b.id, r.year",
    "MATCH (n:Nation {id: 'KAZ'}) RETURN n.meta, n.mixed",
    "MATCH (n) WHERE n.mixed IS NOT NULL RETURN n.id, n.mixed ORDER BY n.id",
    "MATCH (a:Nation {id: 'KAZ'})-[:BORDERS*1..3]-(b) RETURN DISTINCT b.id ORDER BY b.id",
    "MATCH (a)-[:SUPPLIES]->(k:Nation {id: 'KOR'}) RETURN sum(a.pop), count(*)",
    "MATCH (n) WHERE NOT (n)--() RETURN count(n)",
};

TEST(GraphFile, RoundTripKeepsEverything) {
  TempDir dir;
  Database a;
  buildRichGraph(a);
  writeGraphFile(a.graph(), a.schema(), dir / "rich.sg");
  EXPECT_FALSE(fs::exists(dir / "rich.sg.tmp"));

  Database b;
  readGraphFile(dir / "rich.sg", b.graph(), b.schema());
  EXPECT_EQ(snapshot(a.graph()), snapshot(b.graph()));
  EXPECT_EQ(schemaText(a.schema()), schemaText(b.schema()));
  EXPECT_EQ(b.graph().findByKey(b.graph().labelId("Nation"), Value("KOR")),
            a.graph().findByKey(a.graph().labelId("Nation"), Value("KOR")));
  EXPECT_NE(b.graph().findByKey(b.graph().labelId("Nation"), Value("KOR")), kInvalidId);
  for (const char* q : kQueries) {
    SCOPED_TRACE(q);
    EXPECT_EQ(resultText(a.execute(q)), resultText(b.execute(q)));
  }
  // Strings from the file share the dictionary's payload, like values set through the API.
  KeyId name = b.graph().keyId("name");
  EXPECT_EQ(b.graph().nodeProperty(0, name).stringPtr().get(),
            b.graph().nodeProperty(0, name).stringPtr().get());

  // The opened graph stays fully writable: key conflicts, new relationships, compaction,
  // transactions with rollback; and a second round trip gives the same file content.
  EXPECT_THROW(b.execute("CREATE (:Nation {id: 'KOR'})"), Error);
  std::string before = snapshot(b.graph());
  Graph& bg = b.graph();
  bg.begin();
  NodeId kaz = bg.findByKey(bg.labelId("Nation"), Value("KAZ"));
  NodeId uzb = bg.findByKey(bg.labelId("Nation"), Value("UZB"));
  bg.createRel(kaz, uzb, bg.typeId("SUPPLIES"));
  bg.setNodeProperty(uzb, bg.keyId("name"), Value("O'zbekiston"));
  bg.removeLabel(uzb, bg.labelId("Landlocked"));
  bg.deleteRel(0);
  bg.rollback();
  EXPECT_EQ(before, snapshot(bg));
  b.graph().compact();
  a.graph().compact();
  EXPECT_EQ(resultText(a.execute(kQueries[3])), resultText(b.execute(kQueries[3])));
  writeGraphFile(b.graph(), b.schema(), dir / "again.sg");
  Database c;
  readGraphFile(dir / "again.sg", c.graph(), c.schema());
  EXPECT_EQ(snapshot(b.graph()), snapshot(c.graph()));
}

// A file written by an earlier build (format version 2, checksums by the hand-written XXH64
// that libxxhash replaced) opens to the same graph as today's: the format is stable.
TEST(GraphFile, FileFromAnEarlierBuildOpens) {
  const std::string fixture =
      std::string(SILKGRAPH_SOURCE_DIR) + "/tests/data/graph_file/rich-v2.sg";
  Database a;
  buildRichGraph(a);
  Database b;
  readGraphFile(fixture, b.graph(), b.schema());
  EXPECT_EQ(snapshot(a.graph()), snapshot(b.graph()));
  EXPECT_EQ(schemaText(a.schema()), schemaText(b.schema()));
  for (const char* q : kQueries) {
    SCOPED_TRACE(q);
    EXPECT_EQ(resultText(a.execute(q)), resultText(b.execute(q)));
  }
}

TEST(GraphFile, EmptyGraphRoundTrips) {
  TempDir dir;
  Database a, b;
  writeGraphFile(a.graph(), a.schema(), dir / "empty.sg");
  readGraphFile(dir / "empty.sg", b.graph(), b.schema());
  EXPECT_EQ(snapshot(a.graph()), snapshot(b.graph()));
  EXPECT_TRUE(b.schema().empty());
  EXPECT_EQ(resultText(b.execute("MATCH (n) RETURN count(n)")),
            resultText(a.execute("MATCH (n) RETURN count(n)")));
}

// The format version a file was written as (the header's u32 at byte 8).
uint32_t versionOf(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char header[12] = {};
  in.read(header, sizeof header);
  uint32_t version = 0;
  std::memcpy(&version, header + 8, 4);
  return version;
}

// Symmetric relationship types (docs/formats.md) are kept (since format version 4); every file
// is written as the current version, with or without them.
TEST(GraphFile, SymmetricTypesRoundTrip) {
  TempDir dir;
  Database a;
  RelTypeDef borders;
  borders.name = "BORDERS";
  borders.symmetric = true;
  RelTypeDef supplies;
  supplies.name = "SUPPLIES";
  a.schema().addRelType(borders);
  a.schema().addRelType(supplies);
  writeGraphFile(a.graph(), a.schema(), dir / "symmetric.sg");
  EXPECT_EQ(versionOf(dir / "symmetric.sg"), kGraphFileVersion);
  Database b;
  readGraphFile(dir / "symmetric.sg", b.graph(), b.schema());
  ASSERT_NE(b.schema().findRelType("BORDERS"), nullptr);
  EXPECT_TRUE(b.schema().findRelType("BORDERS")->symmetric);
  EXPECT_FALSE(b.schema().findRelType("SUPPLIES")->symmetric);
  EXPECT_EQ(schemaText(a.schema()), schemaText(b.schema()));

  Database c;
  c.schema().addRelType(supplies);
  writeGraphFile(c.graph(), c.schema(), dir / "plain.sg");
  EXPECT_EQ(versionOf(dir / "plain.sg"), kGraphFileVersion);
}

TEST(GraphFile, SampleDataOpensThroughLoadPaths) {
  TempDir dir;
  Database a;
  std::string sample = std::string(SILKGRAPH_SOURCE_DIR) + "/samples/central-asia-korea";
  LoadReport loaded = loadPaths(a.graph(), a.schema(), {sample});
  ASSERT_GT(loaded.relationships, 0u);
  writeGraphFile(a.graph(), a.schema(), dir / "sample.sg");

  Database b;
  LoadReport opened = loadPaths(b.graph(), b.schema(), {dir / "sample.sg"});
  EXPECT_EQ(opened.nodes, loaded.nodes);
  EXPECT_EQ(opened.relationships, loaded.relationships);
  EXPECT_EQ(opened.files, std::vector<std::string>{dir / "sample.sg"});
  EXPECT_EQ(snapshot(a.graph()), snapshot(b.graph()));
  EXPECT_EQ(schemaText(a.schema()), schemaText(b.schema()));
  for (const char* q : {"MATCH (n) RETURN labels(n), count(*) ORDER BY labels(n)",
                        "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r) "
                        "ORDER BY a.id, type(r), b.id, r.year, r.share_pct",
                        "MATCH (n:Nation) RETURN n ORDER BY n.id"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(resultText(a.execute(q)), resultText(b.execute(q)));
  }

  // Other files load on top of the opened database, all or nothing.
  // UN M49 subregion (unstats.un.org/unsd/methodology/m49), absent from the sample.
  writeBytes(dir / "extra.csv", "id:ID,:LABEL,name\nmicronesia,Region,Micronesia\n");
  Database c;
  LoadReport both = loadPaths(c.graph(), c.schema(), {dir / "sample.sg", dir / "extra.csv"});
  EXPECT_EQ(both.nodes, loaded.nodes + 1);
  EXPECT_EQ(c.graph().nodeCount(), a.graph().nodeCount() + 1);
  writeBytes(dir / "bad.csv", "id:ID,:LABEL,name\nKOR,Nation,Korea\n");  // duplicate id
  Database d;
  EXPECT_THROW(loadPaths(d.graph(), d.schema(), {dir / "sample.sg", dir / "bad.csv"}), Error);
  EXPECT_EQ(d.graph().nodeIdLimit(), 0u);
  EXPECT_TRUE(d.schema().empty());

  // A graph that already holds data is not replaced; two database files are refused.
  try {
    loadPaths(b.graph(), b.schema(), {dir / "sample.sg"});
    FAIL() << "opened a database file into a non-empty graph";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::IOError);
    EXPECT_EQ(e.file(), dir / "sample.sg");
    EXPECT_NE(std::string(e.what()).find("already holds data"), std::string::npos) << e.what();
  }
  EXPECT_EQ(snapshot(a.graph()), snapshot(b.graph()));
  Database e2;
  EXPECT_THROW(loadPaths(e2.graph(), e2.schema(), {dir / "sample.sg", dir / "sample.sg"}), Error);
}

// Opening `bytes` must fail with a LoadError naming the file and leave the target as it was,
// or, when the damage is in a relationship section (checked at its first use, docs/storage.md),
// the first use must: then every later use fails too, and the target is put back.
std::string expectRefused(const std::string& path, std::string_view bytes, Database& target,
                          const std::string& targetSnapshot) {
  writeBytes(path, bytes);
  try {
    readGraphFile(path, target.graph(), target.schema());
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::LoadError) << e.what();
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(snapshot(target.graph()), targetSnapshot);
    return e.what();
  }
  std::string msg;
  try {
    target.graph().runDeferredChecks();
    ADD_FAILURE() << "a damaged file of " << bytes.size() << " bytes was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::LoadError) << e.what();
    EXPECT_EQ(e.file(), path);
    msg = e.what();
  }
  try {
    target.graph().forEachRel([](RelId) { return true; });
    ADD_FAILURE() << "a relationship was read after the damage was found";
  } catch (const Error& e) {
    EXPECT_EQ(e.what(), msg);
  }
  Graph empty;
  target.graph().swap(empty);  // unmaps the file before the next test rewrites it
  target.schema() = Schema();
  target.execute("CREATE (:Keep {id: 1})-[:STAYS]->(:Keep {id: 2})");
  EXPECT_EQ(snapshot(target.graph()), targetSnapshot);
  return msg;
}

class DamagedFile : public ::testing::Test {
 protected:
  void SetUp() override {
    Database a;
    buildRichGraph(a);
    writeGraphFile(a.graph(), a.schema(), dir / "good.sg");
    good = readBytes(dir / "good.sg");
    ASSERT_GT(good.size(), 1000u);
    // The target already holds a graph: a refused open must not touch it.
    target.execute("CREATE (:Keep {id: 1})-[:STAYS]->(:Keep {id: 2})");
    targetSnapshot = snapshot(target.graph());
  }
  TempDir dir;
  std::string good;
  Database target;
  std::string targetSnapshot;
};

TEST_F(DamagedFile, EveryTruncationIsRefused) {
  for (size_t len = 0; len < good.size(); ++len) {
    std::string msg = expectRefused(dir / "cut.sg", std::string_view(good).substr(0, len), target,
                                    targetSnapshot);
    if (len >= 64) {
      EXPECT_NE(msg.find("truncated: " + std::to_string(len) + " of " +
                         std::to_string(good.size()) + " bytes"),
                std::string::npos)
          << msg;
    }
  }
  std::string longer = good + std::string(3, '\0');
  EXPECT_NE(expectRefused(dir / "long.sg", longer, target, targetSnapshot).find("unexpected bytes"),
            std::string::npos);
}

TEST_F(DamagedFile, EveryFlippedByteIsRefused) {
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ (1 << (i % 8)));
    SCOPED_TRACE("byte " + std::to_string(i));
    expectRefused(dir / "flip.sg", bad, target, targetSnapshot);
  }
}

TEST_F(DamagedFile, FlippedByteInEachSectionIsNamed) {
  std::vector<GraphFileSection> sections = graphFileSections(dir / "good.sg");
  ASSERT_GT(sections.size(), 20u);
  size_t checked = 0;
  for (const GraphFileSection& s : sections) {
    if (s.length == 0) continue;
    std::string bad = good;
    bad[s.offset + s.length / 2] ^= 0x40;
    std::string msg = expectRefused(dir / "flip.sg", bad, target, targetSnapshot);
    if (s.name == "header") {
      EXPECT_NE(msg.find("header is corrupt"), std::string::npos) << msg;
    } else if (s.name == "section table") {
      EXPECT_NE(msg.find("section table is corrupt"), std::string::npos) << msg;
    } else {
      EXPECT_NE(msg.find("section '" + s.name + "' is corrupt"), std::string::npos) << msg;
    }
    ++checked;
  }
  EXPECT_EQ(checked + 0, sections.size() - std::count_if(sections.begin(), sections.end(),
                                                         [](auto& s) { return s.length == 0; }));
}

TEST_F(DamagedFile, WrongMagicAndNewerVersion) {
  std::string bad = good;
  bad[0] = 'X';
  EXPECT_NE(expectRefused(dir / "magic.sg", bad, target, targetSnapshot).find("wrong magic"),
            std::string::npos);
  EXPECT_NE(expectRefused(dir / "text.sg", "id:ID,name\nKOR,Korea\n", target, targetSnapshot)
                .find("not a silkgraph database file"),
            std::string::npos);

  // A newer version with a valid header checksum: the message says so.
  std::string newer = good;
  uint32_t version = kGraphFileVersion + 1;
  std::memcpy(newer.data() + 8, &version, 4);
  uint64_t sum = graphFileChecksum(newer.data(), 56);
  std::memcpy(newer.data() + 56, &sum, 8);
  std::string msg = expectRefused(dir / "newer.sg", newer, target, targetSnapshot);
  EXPECT_NE(msg.find("format version " + std::to_string(version) + ", newer than this build"),
            std::string::npos)
      << msg;
  EXPECT_EQ(msg.find("corrupt"), std::string::npos) << msg;
  uint32_t zero = 0;
  std::memcpy(newer.data() + 8, &zero, 4);
  EXPECT_NE(expectRefused(dir / "zero.sg", newer, target, targetSnapshot)
                .find("unsupported format version 0"),
            std::string::npos);
}

TEST(GraphFile, ChecksumIsXxh64) {
  // Reference values of XXH64 with seed 0.
  EXPECT_EQ(graphFileChecksum("", 0), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(graphFileChecksum("abc", 3), 0x44BC2CF5AD770999ULL);
  std::string x37(37, 'x');
  EXPECT_EQ(graphFileChecksum(x37.data(), x37.size()), 0x1E580C475BDC5381ULL);
  std::string bytes100;
  for (int i = 0; i < 100; ++i) bytes100.push_back(static_cast<char>(i));
  EXPECT_EQ(graphFileChecksum(bytes100.data(), bytes100.size()), 0x6AC1E58032166597ULL);
}

TEST(GraphFile, FailedWriteLeavesNoPartialFile) {
  TempDir dir;
  Database a;
  buildRichGraph(a);

  // Directory does not exist.
  try {
    writeGraphFile(a.graph(), a.schema(), dir / "missing/db.sg");
    FAIL() << "wrote into a missing directory";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::IOError);
    EXPECT_EQ(e.file(), dir / "missing/db.sg");
  }

  // The rename fails (the target is a directory): the temporary file is removed.
  fs::create_directory(dir / "isdir.sg");
  EXPECT_THROW(writeGraphFile(a.graph(), a.schema(), dir / "isdir.sg"), Error);
  for (const auto& e : fs::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().filename().string().find("isdir.sg.tmp"), std::string::npos) << e.path();
  EXPECT_TRUE(fs::is_directory(dir / "isdir.sg"));

  // Something in the way of the old fixed temporary name does not matter (the temporary
  // file has a unique name), and an existing database is replaced whole.
  fs::create_directory(dir / "db.sg.tmp");
  writeGraphFile(a.graph(), a.schema(), dir / "db.sg");
  Database b;
  readGraphFile(dir / "db.sg", b.graph(), b.schema());
  EXPECT_EQ(snapshot(a.graph()), snapshot(b.graph()));
  fs::remove(dir / "db.sg.tmp");

  // No write inside a transaction (the undo log is not part of the file).
  a.graph().begin();
  EXPECT_THROW(writeGraphFile(a.graph(), a.schema(), dir / "tx.sg"), Error);
  a.graph().rollback();
  EXPECT_FALSE(fs::exists(dir / "tx.sg"));
  EXPECT_FALSE(fs::exists(dir / "tx.sg.tmp"));

  // Everything left in the directory is a complete file or one of the test's directories.
  for (const auto& e : fs::directory_iterator(dir.path()))
    EXPECT_TRUE(e.is_directory() || e.path().filename() == "db.sg") << e.path();
}

TEST(GraphFile, MissingFileIsAnIOError) {
  TempDir dir;
  Database b;
  try {
    readGraphFile(dir / "nope.sg", b.graph(), b.schema());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::IOError);
    EXPECT_EQ(e.file(), dir / "nope.sg");
  }
  EXPECT_TRUE(isGraphFilePath("x/DB.SG"));
  EXPECT_FALSE(isGraphFilePath("x/db.csv"));
}

}  // namespace
}  // namespace silkgraph
