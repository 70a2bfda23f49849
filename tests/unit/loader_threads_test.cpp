// Loads with LoadOptions::threads = 2 (relationships written by a second thread,
// loaders/rel_writer.h) give the same graph, the same relationship ids and the same first
// error (message, file:line:col) as one-thread loads, across many writer batches, several
// types in one file, quoted cells with line breaks, JSON relationships, and loads on top of a
// graph; a failed threaded load leaves the graph as it was. Large relationship files are
// parsed by every thread in chunks (loaders/csv_parallel.h): the same again for chunks cut
// anywhere, and the progress still only goes forward.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/graph.h"
#include "engine/graph_file.h"
#include "engine/schema.h"
#include "loaders/loader.h"

namespace silkgraph {
namespace {

namespace fs = std::filesystem;

class LoaderThreadsTest : public ::testing::Test {
 protected:
  fs::path dir;
  void SetUp() override {
    // A fresh directory per test (mkdtemp): two test runs at the same time must not share
    // files.
    std::string tmpl = (fs::path(::testing::TempDir()) / "loader_threads_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr) << "cannot create a temporary directory";
    dir = tmpl;
  }
  void TearDown() override {
    if (!dir.empty()) fs::remove_all(dir);
  }
  // Files of the data set go to dir/data; others next to it.
  std::string write(const std::string& name, const std::string& text) {
    fs::create_directories(dir / fs::path(name).parent_path());
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  }
  std::string data() const { return (dir / "data").string(); }

  // A typed data set: nations and resources, and one relationship file of 60,000 rows
  // (several writer batches) mixing three types, with string, int, float and list cells,
  // some quoted with line breaks and "" escapes, some empty.
  void writeDataSet() {
    write("data/schema.json", R"({"format": "silkgraph/1", "schema": {
      "labels": [{"name": "Nation", "key": "id", "properties": [{"name": "name", "type": "string"}]},
                 {"name": "Resource", "key": "id"}],
      "relationships": [
        {"type": "SUPPLIES", "from": "Nation", "to": "Nation",
         "properties": [{"name": "resource", "type": "string", "required": true},
                        {"name": "year", "type": "int"}, {"name": "tonnes", "type": "float"},
                        {"name": "notes", "type": "string"}, {"name": "tags", "type": "string[]"}]},
        {"type": "PRODUCES", "from": "Nation", "to": "Resource",
         "properties": [{"name": "year", "type": "int"}, {"name": "tonnes", "type": "float"},
                        {"name": "resource", "type": "string"}, {"name": "notes", "type": "string"},
                        {"name": "tags", "type": "string[]"}]},
        {"type": "BORDERS", "from": "Nation", "to": "Nation",
         "properties": [{"name": "notes", "type": "string"}, {"name": "tags", "type": "string[]"},
                        {"name": "resource", "type": "string"}, {"name": "year", "type": "int"},
                        {"name": "tonnes", "type": "float"}]}]}})");
    std::string nations = "id:ID,:LABEL,name:string\n";
    for (int i = 0; i < 40; ++i)
      nations += "N" + std::to_string(i) + ",Nation,Nation " + std::to_string(i) + "\n";
    write("data/nations.csv", nations);
    std::string resources = "id:ID,:LABEL\n";
    for (int i = 0; i < 10; ++i) resources += "R" + std::to_string(i) + ",Resource\n";
    write("data/resources.csv", resources);
    rels_ = ":START_ID,:END_ID,:TYPE,resource:string,year:int,tonnes:float,notes,tags:string[]\n";
    std::mt19937 rng(7);
    for (int i = 0; i < 60000; ++i) rels_ += row(rng, i);
    write("data/rels.csv", rels_);
  }

  static std::string row(std::mt19937& rng, int i) {
    auto nation = [&] { return "N" + std::to_string(rng() % 40); };
    int kind = i < 20000 ? 0 : static_cast<int>(rng() % 3);  // one type first, then mixed
    std::string r;
    if (kind == 0)
      r = nation() + "," + nation() + ",SUPPLIES,";
    else if (kind == 1)
      r = nation() + ",R" + std::to_string(rng() % 10) + ",PRODUCES,";
    else
      r = nation() + "," + nation() + ",BORDERS,";
    r += kind == 2 && rng() % 2 ? "" : "res" + std::to_string(rng() % 50);
    r += "," + (rng() % 5 == 0 ? std::string() : std::to_string(2000 + rng() % 25));
    r += "," + std::to_string(rng() % 100000) + "." + std::to_string(rng() % 10);
    int n = static_cast<int>(rng() % 6);
    r += n == 0   ? ",\"line one\nline \"\"two\"\"\""
         : n == 1 ? ",\"\""
         : n == 2 ? ","
                  : ",note " + std::to_string(rng() % 1000);
    r += rng() % 3 == 0 ? ",a;b;c" : ",";
    return r + "\n";
  }

  LoadReport load(Graph& g, Schema& s, std::vector<std::string> paths, unsigned threads,
                  uint64_t chunkBytes = 0, ProgressListener* progress = nullptr) {
    LoadOptions o;
    o.threads = threads;
    o.chunkBytes = chunkBytes;
    o.progress = progress;
    return loadPaths(g, s, paths, o);
  }

  // The first error of loading `paths` with the given threads (and chunk size of a parallel
  // parse), and whether the graph was left as it was.
  std::string failure(const std::vector<std::string>& base, const std::vector<std::string>& paths,
                      unsigned threads, uint64_t chunkBytes = 0) {
    Graph g;
    Schema s;
    if (!base.empty()) load(g, s, base, 1);
    const size_t nodes = g.nodeCount(), rels = g.relCount();
    std::string got = "no error";
    try {
      load(g, s, paths, threads, chunkBytes);
    } catch (const Error& e) {
      got = e.format();
    }
    EXPECT_EQ(g.nodeCount(), nodes);
    EXPECT_EQ(g.relCount(), rels);
    EXPECT_FALSE(g.inTransaction());
    return got;
  }

  std::string rels_;

  static std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
};

// Every relationship with its endpoints, type and properties, in id order.
std::vector<std::string> dump(const Graph& g) {
  std::vector<std::string> out;
  for (RelId r = 0; r < g.relIdLimit(); ++r) {
    if (!g.relExists(r)) continue;
    std::string s = std::to_string(r) + " " + std::to_string(g.relSource(r)) + "-" +
                    g.typeName(g.relType(r)) + "->" + std::to_string(g.relTarget(r));
    g.forEachRelProperty(
        r, [&](KeyId k, const Value& v) { s += " " + g.keyName(k) + "=" + v.toCypherLiteral(); });
    out.push_back(s);
  }
  return out;
}

TEST_F(LoaderThreadsTest, SameGraphAsOneThread) {
  writeDataSet();
  Graph a, b;
  Schema sa, sb;
  LoadReport ra = load(a, sa, {data()}, 1);
  LoadReport rb = load(b, sb, {data()}, 2);
  EXPECT_EQ(ra.relationships, 60000u);
  EXPECT_EQ(rb.relationships, ra.relationships);
  EXPECT_EQ(rb.nodes, ra.nodes);
  std::vector<std::string> da = dump(a), db = dump(b);
  ASSERT_EQ(da.size(), db.size());
  for (size_t i = 0; i < da.size(); ++i) ASSERT_EQ(da[i], db[i]) << "relationship " << i;
  // Adjacency after compact() is the same too.
  for (NodeId n = 0; n < a.nodeIdLimit(); ++n) {
    std::vector<RelId> ea, eb;
    a.forEachAdjacent(n, Direction::Both, kNoType, [&](RelId r, NodeId) { ea.push_back(r); });
    b.forEachAdjacent(n, Direction::Both, kNoType, [&](RelId r, NodeId) { eb.push_back(r); });
    ASSERT_EQ(ea, eb) << "node " << n;
  }
  // An adjacency order, sorted with one thread and with two (backward rows in the
  // second): the same rows.
  auto order = [](Graph& g, unsigned threads) {
    g.setAdjacencyOrder(g.typeId("SUPPLIES"),
                        {g.keyId("resource"), g.keyId("year"), g.keyId("tonnes")}, threads);
  };
  order(a, 1);
  order(b, 2);
  for (NodeId n = 0; n < a.nodeIdLimit(); ++n) {
    std::vector<RelId> ea, eb;
    a.forEachAdjacent(n, Direction::Both, kNoType, [&](RelId r, NodeId) { ea.push_back(r); });
    b.forEachAdjacent(n, Direction::Both, kNoType, [&](RelId r, NodeId) { eb.push_back(r); });
    ASSERT_EQ(ea, eb) << "node " << n << " after sorting";
  }
  // More threads than there is work for: the same again.
  Graph c;
  Schema sc;
  load(c, sc, {data()}, 8);
  EXPECT_EQ(dump(c), da);
  // The relationship file in many small chunks parsed by every thread: chunks that start
  // inside quoted cells with line breaks are parsed again from the right place.
  for (auto [threads, chunk] : {std::pair{2u, 4096u}, {4u, 1000u}, {2u, 65536u}}) {
    Graph d;
    Schema sd;
    LoadReport rd = load(d, sd, {data()}, threads, chunk);
    EXPECT_EQ(rd.relationships, 60000u);
    EXPECT_EQ(dump(d), da) << threads << " threads, chunks of " << chunk;
  }
}

// The database file of a load with two threads is byte for byte that of one thread: the
// dictionary's string ids (a chunk's strings interned once each, or row by row in a chunk
// with lists of strings), the property columns (whose spare slots depended on how far each
// path reserved) and the compressed rows. With and without the list column.
TEST_F(LoaderThreadsTest, SameDatabaseFileAsOneThread) {
  writeDataSet();
  std::string noLists;
  for (size_t at = 0; at < rels_.size();) {  // every row without its last cell (the tags)
    size_t end = rels_.find('\n', at);
    bool quoted = false;
    size_t cut = std::string::npos;
    for (size_t i = at; i < rels_.size(); ++i) {
      if (rels_[i] == '"') quoted = !quoted;
      if (!quoted && rels_[i] == ',') cut = i;
      if (!quoted && rels_[i] == '\n') {
        end = i;
        break;
      }
    }
    noLists += rels_.substr(at, cut - at) + "\n";
    at = end + 1;
  }
  for (bool lists : {true, false}) {
    if (!lists) write("data/rels.csv", noLists);
    std::vector<std::string> files;
    for (unsigned threads : {1u, 2u}) {
      Graph g;
      Schema s;
      EXPECT_EQ(load(g, s, {data()}, threads, 65536).relationships, 60000u);
      files.push_back((dir / ("t" + std::to_string(threads) + ".sg")).string());
      writeGraphFile(g, s, files.back());
    }
    const std::string one = readFile(files[0]);
    EXPECT_GT(one.size(), size_t{1} << 20);
    EXPECT_TRUE(one == readFile(files[1])) << (lists ? "with" : "without") << " lists";
  }
}

// A small file with every kind of line break and quoting (and boxed temporal cells), cut at
// every byte: the graph, and the first error at every place it can be, are those of one
// thread.
TEST_F(LoaderThreadsTest, ChunksCutAnywhere) {
  write("data/nodes.csv", "id:ID,:LABEL\nN1,A\nN2,A\nN3,B\n");
  const std::string good =
      "\xEF\xBB\xBF:START_ID,:END_ID,:TYPE,note,w:int,at:datetime\r\n"
      "N1,N2,R,plain,1,2024-01-01T10:00:00Z\r\n"
      "N2,N3,R,\"two\r\nlines\",2,\r\n"
      "\r\n"
      "N3,N1,S,\"quote \"\"in\"\" and\nbreak\",3,2024-02-03T04:05:06+01:00\n"
      "\n"
      "N1,N3,R,\xC3\xBCn\xC3\xAF,4,\n"
      "N2,N1,R,lone,5,2020-06-30T23:59:59Z\r"
      "N3,N2,S,\"\n\n\",6,\n"
      "N1,N1,R,\",\",,1999-12-31T00:00:00Z\n"
      "N2,N2,R,last,7,2024-01-01T00:00:00Z";
  const std::string rels = write("data/rels.csv", good);
  Graph a;
  Schema sa;
  load(a, sa, {data()}, 1);
  ASSERT_EQ(a.relCount(), 8u);
  const std::vector<std::string> expect = dump(a);
  ASSERT_NE(expect[0].find(" at="), std::string::npos) << expect[0];
  for (uint64_t chunk = 1; chunk <= good.size(); ++chunk) {
    Graph b;
    Schema sb;
    load(b, sb, {data()}, 2, chunk);
    ASSERT_EQ(dump(b), expect) << "chunks of " << chunk;
  }
  // Errors: after a cell with line breaks (the line number counts them), in one, at the end.
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"N1,N3,R,", "N1,NOPE,R,"},
      {"N3,N2,S,\"\n\n\",6", "N3,N2,S,\"\n\n\",x6"},
      {"N2,N2,R,last,7", "N2,N2,R,\"last,7"},
      {"N2,N1,R,lone,5", "N2,N1,R,lone,5,6"},
      {"2020-06-30T23:59:59Z", "2020-06-31T23:59:59Z"},
  };
  for (const auto& [from, to] : bad) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    write("data/rels.csv", text);
    const std::string one = failure({}, {data()}, 1);
    ASSERT_NE(one, "no error") << to;
    // Small chunks put a start on every line; larger ones one start anywhere.
    for (uint64_t chunk = 1; chunk <= text.size(); chunk += chunk < 64 ? 1 : 5)
      ASSERT_EQ(failure({}, {data()}, 2, chunk), one) << to << ", chunks of " << chunk;
  }
}

// The progress of a parallel load only goes forward and ends at the size of the files.
TEST_F(LoaderThreadsTest, ProgressAdvancesWithThreads) {
  writeDataSet();
  struct Recorder : ProgressListener {
    std::vector<uint64_t> done;
    uint64_t total = 0;
    void begin(std::string_view what, uint64_t t, ProgressUnit) override {
      if (what == "Loading") total = t;
    }
    void update(uint64_t d) override {
      if (total != 0) done.push_back(d);
    }
    void end() override {
      if (total != 0) total = 0, done.push_back(UINT64_MAX);
    }
  } recorder;
  Graph g;
  Schema s;
  load(g, s, {data()}, 2, 4096, &recorder);
  uint64_t bytes = 0;
  for (const auto& f : fs::directory_iterator(data())) bytes += fs::file_size(f.path());
  ASSERT_GT(recorder.done.size(), 100u);  // one report per chunk at least
  ASSERT_EQ(recorder.done.back(), UINT64_MAX);
  recorder.done.pop_back();
  EXPECT_TRUE(std::is_sorted(recorder.done.begin(), recorder.done.end()));
  EXPECT_EQ(recorder.done.back(), bytes);
}

TEST_F(LoaderThreadsTest, OnTopOfAGraphAndJsonRelationships) {
  writeDataSet();
  std::string json = write("extra/more.json", R"({"format": "silkgraph/1",
    "nodes": [{"id": "N99", "labels": ["Nation"], "properties": {"name": "Late"}}],
    "relationships": [
      {"type": "SUPPLIES", "from": "N99", "to": "N1",
       "properties": {"resource": "tin", "year": 2001, "tags": ["x", "y"]}},
      {"type": "BORDERS", "from": "N2", "to": "N99", "properties": {"notes": "json"}}]})");
  std::string more = write("extra/more.csv",
                           ":START_ID,:END_ID,:TYPE,resource:string\nN3,N99,SUPPLIES,gold\n"
                           "N99,N4,SUPPLIES,\"multi\nline\"\n");
  Graph a, b;
  Schema sa, sb;
  load(a, sa, {data()}, 1);
  load(b, sb, {data()}, 1);
  load(a, sa, {json, more}, 1);
  load(b, sb, {json, more}, 2);
  EXPECT_EQ(dump(a), dump(b));
  EXPECT_EQ(b.relCount(), 60004u);
}

// Errors on rows before, inside and after the first writer batches: the threaded load
// reports the same first error and leaves the graph unchanged.
TEST_F(LoaderThreadsTest, SameFirstErrorAsOneThread) {
  writeDataSet();
  const std::string schema = data() + "/schema.json";
  const std::string nations = data() + "/nations.csv";
  const std::string resources = data() + "/resources.csv";
  std::vector<std::string> lines;
  {
    size_t start = 0;
    for (size_t i = 0; i < rels_.size(); ++i) {
      if (rels_[i] != '\n') continue;
      // Quoted cells hold line breaks: a row ends at a newline outside quotes.
      std::string_view piece(rels_.data() + start, i - start);
      size_t quotes = 0;
      for (char c : piece) quotes += c == '"';
      if (quotes % 2 != 0) continue;
      lines.emplace_back(piece);
      start = i + 1;
    }
  }
  ASSERT_EQ(lines.size(), 60001u);  // header + rows
  struct Case {
    size_t row;
    std::string replacement;
    std::string expect;  // in the message
  };
  const std::vector<Case> cases = {
      {1, "N1,NOPE,SUPPLIES,tin,2001,1.0,,",
       "rels.csv:2:4: LoadError: relationship end 'NOPE'"},  // unknown end id
      {16383, "N1,N2,SUPPLIES,tin,20x1,1.0,,",
       "expects int, got string \"20x1\""},  // bad int, at a batch boundary
      {16385, "N1,N2,SUPPLIES,,2001,1.0,,",
       "lacks required property 'resource'"},  // empty required property: absent
      {30000, "N1,N2,NOPE,tin,2001,1.0,,", "unknown relationship type 'NOPE'"},  // unknown type
      {40000, "N1,R1,SUPPLIES,tin,2001,1.0,,", "cannot end at node 'R1'"},  // end label not allowed
      {59999, "N1,N2,SUPPLIES,tin,2001,1.0,,,x", "row has 9 fields"},       // too many fields
      {60000, "N1,N2,SUPPLIES,\"tin,2001,1.0,,",
       "unterminated quoted field"},  // unterminated quote at the end
  };
  for (const Case& c : cases) {
    std::vector<std::string> copy = lines;
    copy[c.row] = c.replacement;
    // A second, later error that must not be the one reported.
    if (c.row + 10 < copy.size()) copy[c.row + 10] = "N1,N2,SUPPLIES,tin,bad,1.0,,";
    std::string text;
    for (const std::string& l : copy) text += l + "\n";
    std::string bad = write("bad/rels.csv", text);
    std::vector<std::string> paths{schema, nations, resources, bad};
    std::string one = failure({}, paths, 1);
    std::string two = failure({}, paths, 2);
    EXPECT_NE(one.find(c.expect), std::string::npos) << "row " << c.row << ": " << one;
    EXPECT_EQ(one, two) << "row " << c.row;
    // Parsed in small chunks by several threads (chunk starts inside quoted cells too).
    EXPECT_EQ(failure({}, paths, 2, 4096), one) << "row " << c.row;
    EXPECT_EQ(failure({}, paths, 3, 777), one) << "row " << c.row;
    // Loaded on top of the same data already in a graph (ids resolved from the graph).
    std::vector<std::string> onTop{bad};
    EXPECT_EQ(failure({data()}, onTop, 1), failure({data()}, onTop, 2)) << "row " << c.row;
  }
}

}  // namespace
}  // namespace silkgraph
