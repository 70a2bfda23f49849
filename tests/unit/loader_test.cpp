// Loader tests: the JSON and CSV files under tests/data/loaders/ (real facts from
// mledoze/countries and USGS MCS, see the files' "sources") load with the right counts and
// typed values, and each kind of bad input fails with its file:line:col and leaves the graph
// and the schema exactly as they were.
#include "loaders/loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/error.h"
#include "engine/graph.h"
#include "engine/schema.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

namespace fs = std::filesystem;

std::string dataPath(const std::string& rel) {
  return std::string(SILKGRAPH_SOURCE_DIR) + "/tests/data/loaders/" + rel;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// 1-based line and code-point column of the first occurrence of `needle` in a file, so the
// expected positions are derived from the test files rather than typed in by hand.
SourcePos posOf(const std::string& path, const std::string& needle, size_t nth = 0) {
  std::string text = readFile(path);
  size_t at = text.find(needle);
  for (size_t i = 0; i < nth && at != std::string::npos; ++i) at = text.find(needle, at + 1);
  EXPECT_NE(at, std::string::npos) << needle << " not in " << path;
  SourcePos pos{1, 1};
  size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  for (; i < at; ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++pos.col;
    }
  }
  return pos;
}

NodeId node(const Graph& g, const std::string& label, const std::string& id) {
  LabelId l = g.labelId(label);
  return l == kNoLabel ? kInvalidId : g.findByKey(l, Value(id));
}

Value prop(const Graph& g, NodeId n, const std::string& key) {
  KeyId k = g.keyId(key);
  return k == kNoKey ? Value() : g.nodeProperty(n, k);
}

// The relationships of `type` leaving node n, as (relationship, other node) pairs.
std::vector<std::pair<RelId, NodeId>> outgoing(const Graph& g, NodeId n, const std::string& type) {
  std::vector<std::pair<RelId, NodeId>> out;
  g.forEachAdjacent(n, Direction::Out, g.typeId(type), [&](RelId r, NodeId other) {
    out.emplace_back(r, other);
    return true;
  });
  return out;
}

Value relProp(const Graph& g, RelId r, const std::string& key) {
  KeyId k = g.keyId(key);
  return k == kNoKey ? Value() : g.relProperty(r, k);
}

Date date(const char* s) {
  Date d;
  EXPECT_TRUE(parseDate(s, d)) << s;
  return d;
}

std::vector<std::string> strings(const Value& v) {
  std::vector<std::string> out;
  if (v.type() != Value::Type::List) return out;
  for (const Value& e : v.asList())
    out.push_back(e.type() == Value::Type::String ? e.asString() : "?");
  return out;
}

class LoaderTest : public ::testing::Test {
 protected:
  Graph graph;
  Schema schema;

  LoadReport load(const std::vector<std::string>& rel) {
    std::vector<std::string> paths;
    for (const std::string& r : rel) paths.push_back(dataPath(r));
    return loadPaths(graph, schema, paths);
  }

  // Expects loading `rel` to fail at file:line:col with a message containing `message`,
  // and the graph and schema to be unchanged.
  void expectFailure(const std::string& rel, const std::string& file, SourcePos pos,
                     const std::string& message, ErrorKind kind = ErrorKind::LoadError) {
    SCOPED_TRACE(rel);
    size_t nodes = graph.nodeCount(), rels = graph.relCount();
    size_t labels = schema.labels().size(), types = schema.relTypes().size();
    NodeId kaz = node(graph, "Nation", "KAZ");
    Value kazName = kaz == kInvalidId ? Value() : prop(graph, kaz, "name");
    try {
      load({rel});
      ADD_FAILURE() << "loading " << rel << " should fail";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), kind) << e.what();
      EXPECT_EQ(e.file(), file) << e.what();
      EXPECT_EQ(e.pos().line, pos.line) << e.format();
      EXPECT_EQ(e.pos().col, pos.col) << e.format();
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos)
          << "message: " << e.what() << "\nexpected to contain: " << message;
    }
    EXPECT_EQ(graph.nodeCount(), nodes);
    EXPECT_EQ(graph.relCount(), rels);
    EXPECT_EQ(schema.labels().size(), labels);
    EXPECT_EQ(schema.relTypes().size(), types);
    if (kaz != kInvalidId) {
      EXPECT_TRUE(graph.nodeExists(kaz));
      EXPECT_TRUE(prop(graph, kaz, "name").identical(kazName));
      EXPECT_EQ(node(graph, "Nation", "KAZ"), kaz);
    }
    EXPECT_EQ(node(graph, "Nation", "RUS"), kInvalidId);
    EXPECT_FALSE(graph.inTransaction());
  }

  void expectFailureAt(const std::string& rel, const std::string& needle,
                       const std::string& message, size_t nth = 0) {
    expectFailure(rel, dataPath(rel), posOf(dataPath(rel), needle, nth), message);
  }
};

// ---------------------------------------------------------------- good input

TEST_F(LoaderTest, DirectoryLoadsSchemaFirstThenNodesThenRelationships) {
  // borders.csv sorts before nations.csv and schema.json sorts last: the passes, not the file
  // order, decide what is loaded first.
  LoadReport r = load({"good"});
  EXPECT_EQ(r.nodes, 11u);
  EXPECT_EQ(r.relationships, 30u);
  EXPECT_EQ(graph.nodeCount(), 11u);
  EXPECT_EQ(graph.relCount(), 30u);
  ASSERT_EQ(r.files.size(), 4u);
  EXPECT_EQ(fs::path(r.files[0]).filename(), "borders.csv");
  EXPECT_EQ(fs::path(r.files[1]).filename(), "nations.csv");
  EXPECT_EQ(fs::path(r.files[2]).filename(), "resources.json");
  EXPECT_EQ(fs::path(r.files[3]).filename(), "schema.json");
  EXPECT_GE(r.elapsedMs, 0.0);

  ASSERT_NE(schema.findLabel("Nation"), nullptr);
  EXPECT_EQ(schema.findLabel("Nation")->key, "id");
  ASSERT_NE(schema.findRelType("PRODUCES"), nullptr);
  EXPECT_TRUE(graph.hasKeyIndex(graph.labelId("Nation"), graph.keyId("id")));
  EXPECT_TRUE(graph.hasKeyIndex(graph.labelId("Event"), graph.keyId("id")));
  EXPECT_EQ(graph.labelCardinality(graph.labelId("Nation")), 9u);
  EXPECT_EQ(graph.typeCardinality(graph.typeId("BORDERS")), 26u);
}

TEST_F(LoaderTest, CsvValuesAreTyped) {
  load({"good"});
  NodeId kaz = node(graph, "Nation", "KAZ");
  ASSERT_NE(kaz, kInvalidId);
  EXPECT_EQ(prop(graph, kaz, "id").asString(), "KAZ");
  EXPECT_EQ(prop(graph, kaz, "name").asString(), "Kazakhstan");
  ASSERT_EQ(prop(graph, kaz, "area_km2").type(), Value::Type::Float);
  EXPECT_EQ(prop(graph, kaz, "area_km2").asFloat(), 2724900.0);
  ASSERT_EQ(prop(graph, kaz, "landlocked").type(), Value::Type::Bool);
  EXPECT_TRUE(prop(graph, kaz, "landlocked").asBool());
  EXPECT_EQ(prop(graph, kaz, "capital").asString(), "Astana");
  EXPECT_EQ(strings(prop(graph, kaz, "aliases")),
            (std::vector<std::string>{"KZ", "Qazaqstan", "Казахстан", "Republic of Kazakhstan"}));
  // A quoted cell keeps its commas; the BOM of nations.csv is not part of the first header.
  NodeId kor = node(graph, "Nation", "KOR");
  EXPECT_EQ(strings(prop(graph, kor, "aliases")),
            (std::vector<std::string>{"KR", "Korea, Republic of", "Republic of Korea", "남한",
                                      "남조선"}));
  EXPECT_FALSE(prop(graph, kor, "landlocked").asBool());
  // borders.csv has CRLF line endings.
  EXPECT_EQ(outgoing(graph, kaz, "BORDERS").size(), 4u);
  auto korBorders = outgoing(graph, kor, "BORDERS");
  ASSERT_EQ(korBorders.size(), 1u);
  EXPECT_EQ(korBorders[0].second, node(graph, "Nation", "PRK"));
  EXPECT_EQ(strings(relProp(graph, korBorders[0].first, "sources")),
            (std::vector<std::string>{"mledoze/countries (ODbL) countries.csv, borders"}));
}

TEST_F(LoaderTest, JsonValuesAreTypedAndCrossFileReferencesResolve) {
  load({"good"});
  NodeId chn = node(graph, "Nation", "CHN");
  NodeId ree = node(graph, "Resource", "REE");
  ASSERT_NE(ree, kInvalidId);
  auto produces = outgoing(graph, chn, "PRODUCES");
  ASSERT_EQ(produces.size(), 2u);
  bool saw2023 = false;
  for (auto [r, other] : produces) {
    EXPECT_EQ(other, ree);
    ASSERT_EQ(relProp(graph, r, "year").type(), Value::Type::Int);
    // An int in JSON for a float property is stored as a float.
    ASSERT_EQ(relProp(graph, r, "tonnes").type(), Value::Type::Float);
    if (relProp(graph, r, "year").asInt() == 2023) {
      saw2023 = true;
      EXPECT_EQ(relProp(graph, r, "tonnes").asFloat(), 240000.0);
      EXPECT_TRUE(relProp(graph, r, "estimated").asBool());
    }
  }
  EXPECT_TRUE(saw2023);

  NodeId forum = node(graph, "Event", "forum_17_2024");
  ASSERT_NE(forum, kInvalidId);
  ASSERT_EQ(prop(graph, forum, "date").type(), Value::Type::Date);
  EXPECT_EQ(prop(graph, forum, "date").asDate(), date("2024-11-04"));
  auto heldIn = outgoing(graph, forum, "HELD_IN");
  ASSERT_EQ(heldIn.size(), 1u);
  EXPECT_EQ(heldIn[0].second, node(graph, "Nation", "KOR"));
  EXPECT_EQ(relProp(graph, heldIn[0].first, "valid_from").asDate(), date("2024-11-04"));
  EXPECT_EQ(relProp(graph, heldIn[0].first, "valid_to").asDate(), date("2024-11-04"));
  EXPECT_EQ(strings(prop(graph, ree, "aliases")), (std::vector<std::string>{"rare earths", "REE"}));
}

TEST_F(LoaderTest, ImportsComeFirstAndOnce) {
  LoadReport r = load({"import/rare_earth_producers.json"});
  ASSERT_EQ(r.files.size(), 2u);
  EXPECT_EQ(fs::path(r.files[0]).filename(), "schema.json");
  EXPECT_EQ(fs::path(r.files[1]).filename(), "rare_earth_producers.json");
  EXPECT_EQ(r.nodes, 4u);
  EXPECT_EQ(r.relationships, 3u);
  ASSERT_NE(schema.findRelType("PRODUCES"), nullptr);
  NodeId usa = node(graph, "Nation", "USA");
  auto produces = outgoing(graph, usa, "PRODUCES");
  ASSERT_EQ(produces.size(), 1u);
  EXPECT_EQ(relProp(graph, produces[0].first, "tonnes").asFloat(), 43000.0);
}

TEST_F(LoaderTest, LaterLoadReferencesNodesAlreadyInTheGraph) {
  load({"good"});
  LoadReport r = load({"extra"});
  EXPECT_EQ(r.nodes, 1u);
  EXPECT_EQ(r.relationships, 4u);
  EXPECT_EQ(graph.nodeCount(), 12u);
  NodeId rus = node(graph, "Nation", "RUS");
  ASSERT_NE(rus, kInvalidId);
  EXPECT_EQ(prop(graph, rus, "area_km2").asFloat(), 17098242.0);
  auto borders = outgoing(graph, rus, "BORDERS");
  ASSERT_EQ(borders.size(), 4u);
  EXPECT_EQ(borders[0].second, node(graph, "Nation", "CHN"));
  // The schema from the first load still applies to the second.
  EXPECT_NE(schema.findLabel("Nation"), nullptr);
}

TEST_F(LoaderTest, OpenGraphAcceptsAnythingButKeepsIdsUniqueAndIndexed) {
  LoadReport r = load({"open"});
  EXPECT_TRUE(schema.empty());
  EXPECT_EQ(r.nodes, 3u);
  EXPECT_EQ(r.relationships, 3u);
  NodeId kaz = node(graph, "Country", "KAZ");
  ASSERT_NE(kaz, kInvalidId);
  EXPECT_EQ(node(graph, "CentralAsia", "KAZ"), kaz);  // multi-label, each label indexed
  EXPECT_TRUE(graph.hasLabel(kaz, graph.labelId("CentralAsia")));
  EXPECT_EQ(prop(graph, kaz, "cca2").asString(), "KZ");
  ASSERT_EQ(prop(graph, kaz, "latlng").type(), Value::Type::List);
  EXPECT_EQ(prop(graph, kaz, "latlng").asList()[0].asInt(), 48);
  EXPECT_TRUE(prop(graph, kaz, "unMember").asBool());
  NodeId forum = node(graph, "Forum", "forum_17_2024");
  // valid_from is a date even in an open graph.
  ASSERT_EQ(prop(graph, forum, "valid_from").type(), Value::Type::Date);
  EXPECT_EQ(prop(graph, forum, "edition").asInt(), 17);
  auto n = outgoing(graph, kaz, "NEIGHBOUR_OF");
  ASSERT_EQ(n.size(), 1u);
  const Value source = relProp(graph, n[0].first, "source");
  ASSERT_EQ(source.type(), Value::Type::Map);
  ASSERT_NE(source.mapFind("dataset"), nullptr);
  EXPECT_EQ(source.mapFind("dataset")->asString(), "mledoze/countries");
  // Loading the same ids again is a duplicate, even in an open graph.
  expectFailure(
      "open", dataPath("open/central_asia.json"),
      posOf(dataPath("open/central_asia.json"), "\"KAZ\""),
      "duplicate node id 'KAZ' (a node with this id is already in the graph; `build --update`");
}

// ---------------------------------------------------------------- bad input

class LoaderErrorTest : public LoaderTest {
 protected:
  void SetUp() override { load({"good"}); }
};

TEST_F(LoaderErrorTest, MalformedJson) {
  expectFailureAt("bad/malformed.json", "{\"id\": \"AFG\"", "malformed JSON");
}

TEST_F(LoaderErrorTest, CsvCellOfWrongType) {
  expectFailureAt("bad/wrong_type.csv", "2O21",
                  "property 'year' of PRODUCES expects int, got string \"2O21\"");
}

TEST_F(LoaderErrorTest, JsonValueOfWrongType) {
  expectFailureAt("bad/json_type.json", "\"17098242\"",
                  "property 'area_km2' of Nation expects float, got string \"17098242\"");
}

TEST_F(LoaderErrorTest, UnknownEndpoint) {
  expectFailureAt("bad/unknown_endpoint.csv", "XYZ",
                  "relationship end 'XYZ' is not a known node id");
}

TEST_F(LoaderErrorTest, DuplicateIdWithinTheLoad) {
  std::string file = dataPath("bad/duplicate_id.csv");
  expectFailureAt("bad/duplicate_id.csv", "RUS,Nation,Russian",
                  "duplicate node id 'RUS' (first defined at " + file + ":2:1)");
}

TEST_F(LoaderErrorTest, DuplicateIdAgainstTheGraph) {
  expectFailureAt(
      "bad/existing_id.csv", "KOR",
      "duplicate node id 'KOR' (a node with this id is already in the graph; `build --update`");
}

TEST_F(LoaderErrorTest, UnknownLabel) {
  expectFailureAt("bad/unknown_label.json", "\"Country\"", "unknown label 'Country'");
}

TEST_F(LoaderErrorTest, UndeclaredProperty) {
  expectFailureAt("bad/undeclared_property.json", "\"cca2\"",
                  "property 'cca2' is not declared for Nation");
}

TEST_F(LoaderErrorTest, MissingRequiredProperty) {
  expectFailureAt("bad/missing_required.json", "{\"id\": \"RUS\"",
                  "node 'RUS' lacks required property 'name' of Nation");
}

TEST_F(LoaderErrorTest, EndpointWithWrongLabel) {
  expectFailureAt("bad/wrong_endpoint_label.json", "\"REE\"",
                  "relationship PRODUCES cannot start at node 'REE' (labels: Resource); "
                  "allowed: Nation");
}

TEST_F(LoaderErrorTest, DuplicateJsonKey) {
  expectFailureAt("bad/duplicate_key.json", "\"name\"", "duplicate key 'name'", 1);
}

TEST_F(LoaderErrorTest, ImpossibleDate) {
  expectFailureAt("bad/bad_date.json", "\"2024-11-31\"",
                  "property 'date' of Event expects date (YYYY-MM-DD, YYYY-MM or YYYY), got "
                  "string \"2024-11-31\"");
}

TEST_F(LoaderErrorTest, UnterminatedQuote) {
  expectFailureAt("bad/unterminated.csv", "\"Afghanistan", "unterminated quoted field");
}

TEST_F(LoaderErrorTest, UnknownHeaderType) {
  expectFailureAt("bad/bad_header.csv", "area_km2:decimal", "unknown column type 'decimal'");
}

TEST_F(LoaderErrorTest, RowWidth) {
  expectFailureAt("bad/row_width.csv", "AFG", "row has 4 fields but the header has 3");
}

TEST_F(LoaderErrorTest, QuoteInsideUnquotedField) {
  expectFailureAt("bad/stray_quote.csv", "\"Russian", "inside an unquoted field");
}

TEST_F(LoaderErrorTest, DirectoryIsAllOrNothing) {
  // a_nations.csv is valid; b_borders.csv names an unknown node in its last row.
  expectFailure("bad_dir", dataPath("bad_dir") + "/b_borders.csv",
                posOf(dataPath("bad_dir/b_borders.csv"), "ZZZ"),
                "relationship end 'ZZZ' is not a known node id");
}

TEST_F(LoaderErrorTest, MissingFileIsAnIOError) {
  expectFailure("bad/no_such_file.csv", dataPath("bad/no_such_file.csv"), SourcePos{},
                "no such file", ErrorKind::IOError);
}

// ---------------------------------------------------------------- CSV details and schema merging

// Each test writes into its own mkdtemp directory: a name made of the test's name alone was
// shared by every checkout on the machine, so two test runs at once collided.
class LoaderTempTest : public LoaderTest {
 protected:
  silkgraph::testing::TempDir temp{"silkgraph-loader-test"};
  fs::path dir{temp.path()};
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  }
};

TEST_F(LoaderTempTest, QuotedFieldsWithNewlinesAndEscapedQuotesKeepPositions) {
  // Facts: forum venue and title from ../shared/data/facts/facts.csv (F001, F005).
  std::string path =
      write("forum.csv",
            "id:ID,:LABEL,name,venue,facts:string[],edition:int\r\n"
            "forum_17_2024,Forum,\"17th Central Asia \xE2\x80\x93 Republic of Korea Cooperation "
            "Forum\",\"Lotte Hotel Seoul\nSeoul\",\"{\"\"city\"\": \"\"Seoul\"\"};"
            "{\"\"date\"\": \"\"2024-11-04\"\"}\",seventeen\r\n");
  try {
    loadPaths(graph, schema, {path});
    ADD_FAILURE() << "expected a type error";
  } catch (const Error& e) {
    // The cell follows a quoted cell with a newline inside: line 3, column counted from there.
    EXPECT_EQ(e.pos().line, 3u) << e.format();
    EXPECT_EQ(e.pos().col, 59u) << e.format();
    EXPECT_NE(std::string(e.what()).find("expects int, got string \"seventeen\""),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(graph.nodeCount(), 0u);

  write("forum.csv",
        "id:ID,:LABEL,name,venue,facts:string[],edition:int\r\n"
        "forum_17_2024,Forum,\"17th Central Asia \xE2\x80\x93 Republic of Korea Cooperation "
        "Forum\",\"Lotte Hotel Seoul\nSeoul\",\"{\"\"city\"\": \"\"Seoul\"\"};"
        "{\"\"date\"\": \"\"2024-11-04\"\"}\",17\r\n");
  loadPaths(graph, schema, {path});
  NodeId forum = node(graph, "Forum", "forum_17_2024");
  ASSERT_NE(forum, kInvalidId);
  EXPECT_EQ(prop(graph, forum, "venue").asString(), "Lotte Hotel Seoul\nSeoul");
  EXPECT_EQ(prop(graph, forum, "name").asString(),
            "17th Central Asia \xE2\x80\x93 Republic of Korea Cooperation Forum");
  EXPECT_EQ(strings(prop(graph, forum, "facts")),
            (std::vector<std::string>{"{\"city\": \"Seoul\"}", "{\"date\": \"2024-11-04\"}"}));
  EXPECT_EQ(prop(graph, forum, "edition").asInt(), 17);
}

TEST_F(LoaderTempTest, UntypedColumnsTakeTheSchemaType) {
  load({"good/schema.json"});
  // mledoze/countries: Russia, area 17098242 km², not landlocked; facts.csv F001: the forum.
  std::string nations = write("rus.csv",
                              "id:ID,:LABEL,name,area_km2,landlocked\n"
                              "RUS,Nation,Russia,17098242,false\n");
  std::string events = write("event.csv",
                             "id:ID,:LABEL,name,date,valid_from\n"
                             "forum_17_2024,Event,17th Central Asia-Republic of Korea Cooperation "
                             "Forum,2024-11-04,2024-11-04\n");
  loadPaths(graph, schema, {nations, events});
  NodeId rus = node(graph, "Nation", "RUS");
  ASSERT_EQ(prop(graph, rus, "area_km2").type(), Value::Type::Float);
  EXPECT_EQ(prop(graph, rus, "area_km2").asFloat(), 17098242.0);
  ASSERT_EQ(prop(graph, rus, "landlocked").type(), Value::Type::Bool);
  NodeId forum = node(graph, "Event", "forum_17_2024");
  ASSERT_EQ(prop(graph, forum, "date").type(), Value::Type::Date);
  EXPECT_EQ(prop(graph, forum, "date").asDate(), date("2024-11-04"));
  EXPECT_EQ(prop(graph, forum, "valid_from").asDate(), date("2024-11-04"));
}

TEST_F(LoaderTempTest, TypedColumnConflictingWithTheSchema) {
  load({"good"});
  std::string path = write("produces.csv",
                           ":START_ID,:END_ID,:TYPE,year:string\n"
                           "CHN,REE,PRODUCES,2022\n");
  try {
    loadPaths(graph, schema, {path});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.pos().line, 2u);
    EXPECT_EQ(e.pos().col, 18u);
    EXPECT_NE(std::string(e.what()).find("property 'year' of PRODUCES expects int, got string "
                                         "column 'year:string'"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(graph.relCount(), 30u);
}

TEST_F(LoaderTempTest, ConflictingSchemaDeclarationsAcrossFiles) {
  std::string path = write("nation_int_area.json",
                           "{\"schema\": {\"labels\": [\n"
                           "  {\"name\": \"Nation\", \"properties\": [\n"
                           "    {\"name\": \"name\", \"type\": \"string\", \"required\": true},\n"
                           "    {\"name\": \"area_km2\", \"type\": \"int\"}]}]}}\n");
  try {
    loadPaths(graph, schema, {dataPath("good/schema.json"), path});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(e.pos().line, 2u);
    EXPECT_EQ(e.pos().col, 3u);
    EXPECT_NE(std::string(e.what()).find("property 'area_km2' is declared as float and as int"),
              std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(schema.empty());
}

TEST_F(LoaderTempTest, SchemaExtensionsMerge) {
  // A second file may add properties to a label declared elsewhere.
  std::string path = write("nation_more.json",
                           "{\"schema\": {\"labels\": [\n"
                           "  {\"name\": \"Nation\", \"properties\": [\n"
                           "    {\"name\": \"cca2\", \"type\": \"string\"}]}]},\n"
                           " \"nodes\": [{\"id\": \"RUS\", \"labels\": [\"Nation\"],\n"
                           "   \"properties\": {\"name\": \"Russia\", \"cca2\": \"RU\"}}]}\n");
  loadPaths(graph, schema, {dataPath("good/schema.json"), path});
  ASSERT_NE(schema.findLabel("Nation"), nullptr);
  EXPECT_NE(schema.findLabel("Nation")->findProperty("cca2"), nullptr);
  EXPECT_NE(schema.findLabel("Nation")->findProperty("area_km2"), nullptr);
  EXPECT_EQ(prop(graph, node(graph, "Nation", "RUS"), "cca2").asString(), "RU");
}

TEST_F(LoaderTempTest, SchemaErrors) {
  struct Case {
    std::string text, message;
    SourcePos pos;
  };
  std::vector<Case> cases = {
      {"{\"schema\": {\"labels\": [{\"name\": \"Nation\", \"properties\": [{\"name\": \"x\", "
       "\"type\": \"decimal\"}]}]}}",
       "unknown property type 'decimal'",
       {1, 80}},
      {"{\"schema\": {\"relationships\": [{\"type\": \"BORDERS\", \"from\": \"Nation\"}]}}",
       "relationship type BORDERS names undeclared label 'Nation'",
       {1, 59}},
      {"{\"schema\": {\"labels\": [{\"name\": \"Nation\"}, {\"name\": \"Nation\", \"key\": "
       "\"name\"}]}}",
       "label 'Nation' is declared with key 'id' and with key 'name'",
       {1, 44}},
      {"{\"schema\": {\"labels\": [{\"name\": \"Nation\", \"key\": \"iso\"}]}}",
       "label 'Nation': key 'iso' is not a declared property",
       {1, 24}},
      {"{\"nodez\": []}", "unknown key 'nodez' in the top-level object", {1, 2}},
      {"[1, 2]", "a silkgraph JSON file must hold one object", {1, 1}},
      {"{\"format\": \"neo4j\"}", "unsupported format 'neo4j'", {1, 12}},
      {"", "malformed JSON", {1, 1}},
      // Malformed JSON: the caret at the offending byte (a trailing comma's '}', the first
      // character of a bad literal, text after the document), not at an earlier token.
      {"{\"nodes\": [{\"id\": \"KAZ\", \"labels\": [\"Nation\"],}]}", "unexpected '}'", {1, 47}},
      {"{\"nodes\": tru}",
       "malformed JSON: syntax error while parsing value - invalid literal",
       {1, 11}},
      {"{\"nodes\": [1.]}", "invalid number; expected digit after '.'", {1, 12}},
      {"{\"nodes\": []} x", "expected end of input", {1, 15}},
      {"{\"imports\": [\"missing.json\"]}", "cannot import 'missing.json'", {1, 14}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    std::string path = write("s.json", c.text);
    try {
      loadPaths(graph, schema, {path});
      ADD_FAILURE();
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::LoadError);
      EXPECT_EQ(e.file(), path);
      EXPECT_EQ(e.pos().line, c.pos.line) << e.format();
      EXPECT_EQ(e.pos().col, c.pos.col) << e.format();
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
      // nlohmann's "last read" echo can span several tokens: never shown.
      EXPECT_EQ(std::string(e.what()).find("last read"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(schema.empty());
    EXPECT_EQ(graph.nodeCount(), 0u);
  }
}

TEST_F(LoaderTempTest, CsvHeaderErrors) {
  struct Case {
    std::string text, message;
    SourcePos pos;
  };
  std::vector<Case> cases = {
      {"", "empty CSV file", {1, 1}},
      {"name,capital\nKazakhstan,Astana\n", "header has neither an :ID column", {1, 1}},
      {"id:ID,:START_ID,:END_ID,:TYPE\n", "a node file", {1, 7}},
      {":START_ID,:END_ID\nKAZ,UZB\n", "without a :TYPE column", {1, 1}},
      {"id:ID,name,name\n", "header names property 'name' twice", {1, 12}},
      {"id:ID,:int\n", "needs a property name", {1, 7}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    std::string path = write("h.csv", c.text);
    try {
      loadPaths(graph, schema, {path});
      ADD_FAILURE();
    } catch (const Error& e) {
      EXPECT_EQ(e.file(), path);
      EXPECT_EQ(e.pos().line, c.pos.line) << e.format();
      EXPECT_EQ(e.pos().col, c.pos.col) << e.format();
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
}

TEST_F(LoaderTempTest, EmptyCellsAreAbsentAndQuotedEmptyCellsAreEmpty) {
  // mledoze/countries: Mongolia (MN), capital Ulan Bator.
  std::string path = write("mng.csv",
                           "id:ID,:LABEL,name,capital,aliases:string[]\n"
                           "MNG,Nation,Mongolia,,\"\"\n");
  loadPaths(graph, schema, {path});
  NodeId mng = node(graph, "Nation", "MNG");
  EXPECT_TRUE(prop(graph, mng, "capital").isNull());
  ASSERT_EQ(prop(graph, mng, "aliases").type(), Value::Type::List);
  EXPECT_TRUE(prop(graph, mng, "aliases").asList().empty());
}

TEST_F(LoaderTempTest, LongUnquotedFieldsEndAtTheRightByte) {
  // Unquoted fields are scanned sixteen bytes at a time: fields shorter and longer than that,
  // a field ending right at a sixteen-byte boundary, a last line without a line break, and a
  // stray quote far into a long field. Names: mledoze/countries (official names).
  std::string path = write("long.csv",
                           "id:ID,:LABEL,name,official\n"
                           "KAZ,Nation,Kazakhstan,Republic of Kazakhstan\n"
                           "KOR,Nation,South Korea,Republic of Korea\r\n"
                           "UZB,Nation,Uzbekistan,Republic of Uzbekistan");
  loadPaths(graph, schema, {path});
  EXPECT_EQ(prop(graph, node(graph, "Nation", "KAZ"), "official").asString(),
            "Republic of Kazakhstan");
  EXPECT_EQ(prop(graph, node(graph, "Nation", "KOR"), "official").asString(), "Republic of Korea");
  EXPECT_EQ(prop(graph, node(graph, "Nation", "UZB"), "official").asString(),
            "Republic of Uzbekistan");
  write("long.csv",
        "id:ID,:LABEL,name,official\n"
        "KGZ,Nation,Kyrgyzstan,Kyrgyz Republic also \"Kyrgyzstan\"\n");
  try {
    loadPaths(graph, schema, {path});
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.pos().line, 2u) << e.format();
    EXPECT_EQ(e.pos().col, 44u) << e.format();
    EXPECT_NE(std::string(e.what()).find("inside an unquoted field"), std::string::npos);
  }
}

TEST_F(LoaderTempTest, MixedQuotingReadsBackExactlyAcrossBlocksAndRefills) {
  // The reader walks unquoted records 64 bytes at a time and hands a record to its general
  // loop at the first quote. Names written plain or quoted (with "" escapes, a line break,
  // CRLF endings) in a varying rhythm, over more than the 1 MiB buffer, so that quotes and
  // field ends fall at every offset of a block and records straddle refills. Names: ISO 3166
  // English short names, with commas (the form that needs quoting).
  const std::vector<std::string> names = {"Korea, Republic of",
                                          "Kazakhstan",
                                          "Iran, Islamic Republic of",
                                          "Uzbekistan",
                                          "C\xC3\xB4te d'Ivoire",
                                          "Bonaire, Sint Eustatius and Saba",
                                          "Kyrgyzstan",
                                          "Congo, The Democratic Republic of the",
                                          "Mongolia"};
  std::string text = "id:ID,:LABEL,name,note\n";
  std::vector<std::pair<std::string, std::string>> expected;  // name, note
  uint32_t rng = 20241104;
  auto next = [&] { return rng = rng * 1664525u + 1013904223u, rng >> 8; };
  for (int i = 0; text.size() < (3u << 20); ++i) {
    const std::string& name = names[next() % names.size()];
    std::string note(next() % 90, 'x');
    const uint32_t style = next() % 6;
    text += "n" + std::to_string(i) + ",Nation,";
    const bool mustQuote = name.find(',') != std::string::npos;
    if (mustQuote || style == 1)
      text += "\"" + name + "\"";
    else
      text += name;
    text += ",";
    if (style == 2) {
      note += "\"said\"";
      text += "\"" + std::string(note.begin(), note.end() - 6) + "\"\"said\"\"\"";
    } else if (style == 3) {
      note += "\nline two";
      text += "\"" + note + "\"";
    } else {
      text += note;
    }
    text += style == 4 ? "\r\n" : "\n";
    expected.emplace_back(name, note);
  }
  std::string path = write("mixed.csv", text);
  loadPaths(graph, schema, {path});
  ASSERT_EQ(graph.nodeCount(), expected.size());
  for (size_t i = 0; i < expected.size(); i += 97) {
    NodeId n = node(graph, "Nation", "n" + std::to_string(i));
    ASSERT_EQ(prop(graph, n, "name").asString(), expected[i].first) << "row " << i;
    if (expected[i].second.empty())
      EXPECT_TRUE(prop(graph, n, "note").isNull()) << "row " << i;
    else
      EXPECT_EQ(prop(graph, n, "note").asString(), expected[i].second) << "row " << i;
  }
  // An error in the last row still names its line and column.
  size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  Graph other;
  Schema otherSchema;
  path = write("mixed.csv", text + "late,Nation,Mongolia,ok,extra\n");
  try {
    loadPaths(other, otherSchema, {path});
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.pos().line, lines + 1) << e.format();
    EXPECT_EQ(e.pos().col, 1u) << e.format();
  }
  EXPECT_EQ(other.nodeCount(), 0u);

  // Columns count code points, also on a line read by the 64-byte walk: 대한민국 (the
  // Korean name of the Republic of Korea, mledoze/countries) is four columns, twelve bytes.
  path = write("korean.csv",
               "id:ID,:LABEL,name,edition:int\n"
               "KOR,Nation,\xEB\x8C\x80\xED\x95\x9C\xEB\xAF\xBC\xEA\xB5\xAD,seventeen"
               "                                                              \n");
  try {
    loadPaths(other, otherSchema, {path});
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.pos().line, 2u) << e.format();
    EXPECT_EQ(e.pos().col, 17u) << e.format();  // not 25, its byte offset
  }
}

TEST_F(LoaderTempTest, JsonIntegersBeyond64BitsAreFloats) {
  // docs/formats.md: read as a float; a property declared int rejects it.
  std::string path = write("big.json",
                           "{\"nodes\": [{\"id\": \"A\", \"labels\": [\"X\"], \"properties\": "
                           "{\"n\": 100000000000000000000, \"m\": 9223372036854775807}}]}");
  loadPaths(graph, schema, {path});
  NodeId a = node(graph, "X", "A");
  EXPECT_EQ(prop(graph, a, "n").type(), Value::Type::Float);
  EXPECT_EQ(prop(graph, a, "n").asFloat(), 1e20);
  EXPECT_EQ(prop(graph, a, "m").asInt(), INT64_MAX);
  Graph typed;
  Schema typedSchema;
  path = write("typed.json",
               "{\"schema\": {\"labels\": [{\"name\": \"X\", \"key\": \"id\", \"properties\": "
               "[{\"name\": \"n\", \"type\": \"int\"}]}]}, \"nodes\": [{\"id\": \"A\", "
               "\"labels\": [\"X\"], \"properties\": {\"n\": 100000000000000000000}}]}");
  EXPECT_THROW(loadPaths(typed, typedSchema, {path}), Error);
  EXPECT_EQ(typed.nodeCount(), 0u);
}

TEST_F(LoaderTempTest, RejectsFilesThatAreNotDataFiles) {
  std::string path = write("notes.txt", "Kazakhstan\n");
  try {
    loadPaths(graph, schema, {path});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::IOError);
    EXPECT_EQ(e.file(), path);
  }
}

}  // namespace
}  // namespace silkgraph

namespace silkgraph {
namespace {

TEST_F(LoaderTempTest, InvalidUtf8AndDeepNestingAreErrors) {
  std::string csv =
      write("bad_utf8.csv", "id:ID,:LABEL,name\nKOR,Nation,South Korea\nPRK,Nation,\xC3\x28\n");
  try {
    loadPaths(graph, schema, {csv});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.pos().line, 3u);
    EXPECT_EQ(e.pos().col, 12u);
    EXPECT_NE(std::string(e.what()).find("invalid UTF-8"), std::string::npos) << e.what();
  }
  std::string deep = "{\"nodes\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  std::string json = write("deep.json", deep);
  try {
    loadPaths(graph, schema, {json});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("nested more than"), std::string::npos) << e.what();
  }
  EXPECT_EQ(graph.nodeCount(), 0u);
}

// Every prefix of a valid file either loads or fails with a positioned error; none crashes,
// and a failed load leaves the graph as it was.
TEST_F(LoaderTempTest, TruncatedFilesFailCleanly) {
  load({"good/schema.json"});
  for (const char* name : {"good/nations.csv", "good/resources.json"}) {
    std::string text = readFile(dataPath(name));
    std::string ext = fs::path(name).extension().string();
    for (size_t cut = 0; cut < text.size(); cut += 11) {
      SCOPED_TRACE(std::string(name) + " cut at " + std::to_string(cut));
      Graph g;
      Schema s = schema;
      std::string path = write("prefix" + ext, text.substr(0, cut));
      try {
        loadPaths(g, s, {path});
      } catch (const Error& e) {
        EXPECT_TRUE(e.kind() == ErrorKind::LoadError) << e.format();
        EXPECT_EQ(e.file(), path);
        EXPECT_EQ(g.nodeCount(), 0u);
        EXPECT_EQ(g.relCount(), 0u);
      }
    }
  }
}

}  // namespace
}  // namespace silkgraph

namespace silkgraph {
namespace {

// A label keyed on a property other than the id: the key must be unique in the load and
// against the graph. Facts: ../shared/data/leaders/leaders_hos_hog_fm.csv (Wikidata Q-ids).
TEST_F(LoaderTempTest, NonIdKeysAreUnique) {
  std::string schemaFile = write("leaders_schema.json",
                                 "{\"schema\": {\"labels\": [{\"name\": \"Leader\", \"key\": "
                                 "\"wikidata\", \"properties\": [{\"name\": \"wikidata\", "
                                 "\"type\": \"string\", \"required\": true}]}]}}\n");
  std::string first = write("leaders.csv",
                            "id:ID,:LABEL,name,wikidata\n"
                            "kassym_jomart_tokayev,Leader,Kassym-Jomart Tokayev,Q200881\n"
                            "yang_jiechi,Leader,Yang Jiechi,Q58211\n");
  loadPaths(graph, schema, {schemaFile, first});
  NodeId tokayev = graph.findByKey(graph.labelId("Leader"), Value("Q200881"));
  ASSERT_NE(tokayev, kInvalidId);
  EXPECT_EQ(prop(graph, tokayev, "id").asString(), "kassym_jomart_tokayev");

  std::string again = write("again.csv",
                            "id:ID,:LABEL,name,wikidata\n"
                            "tokayev,Leader,Kassym-Jomart Tokayev,Q200881\n");
  try {
    loadPaths(graph, schema, {again});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.pos().line, 2u);
    EXPECT_EQ(e.pos().col, 38u);
    EXPECT_NE(std::string(e.what()).find("duplicate key wikidata 'Q200881' of Leader (a node "
                                         "with this key is already in the graph)"),
              std::string::npos)
        << e.what();
  }
  std::string twice = write("twice.csv",
                            "id:ID,:LABEL,name,wikidata\n"
                            "yoon_young_kwan,Leader,Yoon Young-kwan,Q8055228\n"
                            "yoon_young_kwan_2,Leader,Yoon Young-kwan,Q8055228\n");
  try {
    loadPaths(graph, schema, {twice});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.pos().line, 3u);
    EXPECT_NE(
        std::string(e.what()).find("(first used by node 'yoon_young_kwan' at " + twice + ":2:1)"),
        std::string::npos)
        << e.what();
  }
  EXPECT_EQ(graph.nodeCount(), 2u);
}

}  // namespace
}  // namespace silkgraph

namespace silkgraph {
namespace {

// Relationship files far larger than the CSV reader's buffer (1 MiB): records straddle
// refills, one quoted cell (with a line break and "" escapes) is larger than the buffer
// itself, and the relationships are written into the graph as they are read. A bad row at
// the very end must still be reported at its place and leave nothing behind. The rows are
// the real borders of tests/data/loaders/good/borders.csv, repeated.
TEST_F(LoaderTempTest, LargeRelationshipFilesSpanBufferRefillsAndStayAllOrNothing) {
  load({"good"});
  const size_t nodes = graph.nodeCount(), rels = graph.relCount();
  const NodeId kaz = node(graph, "Nation", "KAZ");
  const size_t kazOut = outgoing(graph, kaz, "BORDERS").size();
  ASSERT_GT(kazOut, 0u);

  std::istringstream borders(readFile(dataPath("good/borders.csv")));
  std::string header, row;
  std::getline(borders, header);
  std::vector<std::string> rows;
  while (std::getline(borders, row))
    if (!row.empty()) rows.push_back(row);
  ASSERT_FALSE(rows.empty());
  const std::string citation = "mledoze/countries (ODbL) countries.csv";
  std::string big = header + "\n";
  size_t written = 0, kazRows = 0;
  auto add = [&](const std::string& r) {
    big += r + "\n";
    ++written;
    kazRows += r.starts_with("KAZ,") ? 1 : 0;
  };
  for (int rep = 0; rep < 1500; ++rep)
    for (const std::string& r : rows) add(r);
  // A cell larger than the buffer, with a line break and escaped quotes inside.
  std::string huge;
  for (int i = 0; i < 40000; ++i) huge += (i ? ";" : "") + citation;
  add("KAZ,KGZ,BORDERS,\"" + huge + "\n\"\"borders\"\"\"");
  add(rows[0]);
  for (int rep = 0; rep < 500; ++rep)
    for (const std::string& r : rows) add(r);
  ASSERT_GT(big.size(), 4u << 20);

  std::string path = write("big_borders.csv", big + "KAZ,XYZ,BORDERS," + citation + "\n");
  try {
    loadPaths(graph, schema, {path});
    ADD_FAILURE() << "expected an unknown endpoint";
  } catch (const Error& e) {
    SourcePos at = posOf(path, "XYZ");
    EXPECT_EQ(e.pos().line, at.line) << e.format();
    EXPECT_EQ(e.pos().col, at.col) << e.format();
    EXPECT_NE(std::string(e.what()).find("relationship end 'XYZ' is not a known node id"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(graph.nodeCount(), nodes);
  EXPECT_EQ(graph.relCount(), rels);
  EXPECT_EQ(outgoing(graph, kaz, "BORDERS").size(), kazOut);
  EXPECT_FALSE(graph.inTransaction());

  std::string ok = write("big_borders.csv", big);
  LoadReport r = loadPaths(graph, schema, {ok});
  EXPECT_EQ(r.relationships, written);
  EXPECT_EQ(graph.relCount(), rels + written);
  EXPECT_EQ(graph.nodeCount(), nodes);
  auto out = outgoing(graph, kaz, "BORDERS");
  EXPECT_EQ(out.size(), kazOut + kazRows);
  // The huge cell arrived whole, unescaped, and the row after it is the next relationship.
  size_t hugeSeen = 0;
  for (const auto& [rel, other] : out) {
    std::vector<std::string> items = strings(relProp(graph, rel, "sources"));
    if (items.size() != 40000) continue;
    ++hugeSeen;
    EXPECT_EQ(items.front(), citation);
    EXPECT_EQ(items.back(), citation + "\n\"borders\"");
    EXPECT_EQ(other, node(graph, "Nation", "KGZ"));
    ASSERT_TRUE(graph.relExists(rel + 1));
    EXPECT_EQ(graph.relSource(rel + 1), node(graph, "Nation", rows[0].substr(0, 3)));
    EXPECT_EQ(graph.relTarget(rel + 1), node(graph, "Nation", rows[0].substr(4, 3)));
    EXPECT_EQ(strings(relProp(graph, rel + 1, "sources")),
              std::vector<std::string>{"mledoze/countries (ODbL) countries.csv, borders"});
  }
  EXPECT_EQ(hugeSeen, 1u);
}

}  // namespace
}  // namespace silkgraph
