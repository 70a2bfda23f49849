// Loader tests for the temporal types besides date: typed CSV columns (`:datetime`,
// `:localdatetime`, `:time`, `:localtime`, `:duration` and their arrays), JSON strings read by
// the schema's property type, and bad values failing at file:line:col with the accepted forms.
// The values are those of a real GDELT 2.0 event (../shared/data/gdelt, event 881990832: added
// 2019-10-24 14:30:00 UTC, SQLDATE 2018-10-24, so one year between them).
#include <gtest/gtest.h>

#include <fstream>

#include "engine/error.h"
#include "engine/graph.h"
#include "engine/schema.h"
#include "loaders/loader.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

class TemporalLoaderTest : public ::testing::Test {
 protected:
  Graph graph;
  Schema schema;
  silkgraph::testing::TempDir temp{"silkgraph-temporal-loader-test"};

  std::string write(const std::string& name, const std::string& text) {
    std::string path = temp / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  Value prop(const std::string& label, const std::string& id, const std::string& key) {
    NodeId n = graph.findByKey(graph.labelId(label), Value(id));
    EXPECT_NE(n, kInvalidId) << id;
    return n == kInvalidId ? Value() : graph.nodeProperty(n, graph.keyId(key));
  }
  // Loading `paths` fails at line:col with a message containing `message`, and leaves the
  // graph empty.
  void expectFailure(const std::vector<std::string>& paths, unsigned line, unsigned col,
                     const std::string& message) {
    try {
      loadPaths(graph, schema, paths);
      ADD_FAILURE() << "loading should fail";
    } catch (const Error& e) {
      EXPECT_EQ(e.file(), paths.back()) << e.format();
      EXPECT_EQ(e.pos().line, line) << e.format();
      EXPECT_EQ(e.pos().col, col) << e.format();
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
    EXPECT_EQ(graph.nodeCount(), 0u);
  }
};

TEST_F(TemporalLoaderTest, TypedCsvColumnsOfEveryTemporalType) {
  std::string path = write("events.csv",
                           "id:ID,:LABEL,added:datetime,added_seoul:datetime,added_local:"
                           "localdatetime,at:time,at_local:localtime,lag:duration,"
                           "seen:datetime[]\n"
                           "881990832,GdeltEvent,2019-10-24T14:30:00Z,"
                           "2019-10-24T23:30[Asia/Seoul],2019-10-24T14:30,14:30Z,14:30,P1Y,"
                           "2019-10-24T14:30Z;2019-10-24T14:30+09:00\n");
  loadPaths(graph, schema, {path});
  Value added = prop("GdeltEvent", "881990832", "added");
  ASSERT_EQ(added.type(), Value::Type::DateTime);
  EXPECT_EQ(temporalText(added), "2019-10-24T14:30Z");
  Value seoul = prop("GdeltEvent", "881990832", "added_seoul");
  ASSERT_EQ(seoul.type(), Value::Type::DateTime);
  EXPECT_EQ(temporalText(seoul), "2019-10-24T23:30+09:00[Asia/Seoul]");
  EXPECT_EQ(seoul.asDateTime().seconds, added.asDateTime().seconds);  // the same instant
  EXPECT_EQ(temporalText(prop("GdeltEvent", "881990832", "added_local")), "2019-10-24T14:30");
  Value at = prop("GdeltEvent", "881990832", "at");
  ASSERT_EQ(at.type(), Value::Type::Time);
  EXPECT_EQ(temporalText(at), "14:30Z");
  Value atLocal = prop("GdeltEvent", "881990832", "at_local");
  ASSERT_EQ(atLocal.type(), Value::Type::LocalTime);
  EXPECT_EQ(temporalText(atLocal), "14:30");
  Value lag = prop("GdeltEvent", "881990832", "lag");
  ASSERT_EQ(lag.type(), Value::Type::Duration);
  EXPECT_EQ(temporalText(lag), "P1Y");
  Value seen = prop("GdeltEvent", "881990832", "seen");
  ASSERT_EQ(seen.type(), Value::Type::List);
  ASSERT_EQ(seen.asList().size(), 2u);
  EXPECT_EQ(temporalText(seen.asList()[0]), "2019-10-24T14:30Z");
  EXPECT_EQ(temporalText(seen.asList()[1]), "2019-10-24T14:30+09:00");
}

TEST_F(TemporalLoaderTest, BadTemporalCellFailsAtItsPosition) {
  std::string path = write("events.csv",
                           "id:ID,:LABEL,added:datetime\n"
                           "881990832,GdeltEvent,20191024143000\n");
  expectFailure({path}, 2, 22, "expects datetime");

  path = write("lag.csv",
               "id:ID,:LABEL,lag:duration\n"
               "881990832,GdeltEvent,one year\n");
  expectFailure({path}, 2, 22, "expects duration");

  path = write("zone.csv",
               "id:ID,:LABEL,added:datetime\n"
               "881990832,GdeltEvent,2019-10-24T23:30[Asia/Nowhere]\n");
  expectFailure({path}, 2, 22, "expects datetime");

  path = write("seen.csv",
               "id:ID,:LABEL,seen:localtime[]\n"
               "881990832,GdeltEvent,14:30;25:00\n");
  expectFailure({path}, 2, 22, "(element 2 is not localtime)");
}

constexpr const char* kSchema = R"({
  "format": "silkgraph/1",
  "schema": {
    "labels": [
      {"name": "GdeltEvent", "key": "id",
       "properties": [{"name": "added", "type": "datetime"},
                      {"name": "at", "type": "localtime"},
                      {"name": "lag", "type": "duration"}]}
    ]
  }
})";

TEST_F(TemporalLoaderTest, JsonStringsTakeTheSchemaType) {
  std::string schemaPath = write("schema.json", kSchema);
  std::string nodes = write("events.json", R"({
  "format": "silkgraph/1",
  "nodes": [
    {"id": "881990832", "labels": ["GdeltEvent"],
     "properties": {"added": "2019-10-24T14:30:00Z", "at": "14:30", "lag": "P1Y"}}
  ]
})");
  loadPaths(graph, schema, {schemaPath, nodes});
  EXPECT_EQ(prop("GdeltEvent", "881990832", "added").type(), Value::Type::DateTime);
  EXPECT_EQ(temporalText(prop("GdeltEvent", "881990832", "at")), "14:30");
  EXPECT_EQ(temporalText(prop("GdeltEvent", "881990832", "lag")), "P1Y");
  // An untyped CSV column takes the declared type too.
  std::string csv = write("more.csv",
                          "id:ID,:LABEL,added\n"
                          "881990833,GdeltEvent,2019-10-24T14:30:00Z\n");
  loadPaths(graph, schema, {csv});
  EXPECT_EQ(prop("GdeltEvent", "881990833", "added").type(), Value::Type::DateTime);
}

TEST_F(TemporalLoaderTest, JsonValueNotOfTheDeclaredTypeFails) {
  std::string schemaPath = write("schema.json", kSchema);
  std::string nodes = write("events.json",
                            "{\"format\": \"silkgraph/1\", \"nodes\": [\n"
                            "  {\"id\": \"881990832\", \"labels\": [\"GdeltEvent\"],\n"
                            "   \"properties\": {\"added\": \"2019-10-24 14:30\"}}]}\n");
  expectFailure({schemaPath, nodes}, 3, 28, "expects datetime (e.g. 2024-11-04T09:30+09:00");
  nodes = write("lag.json",
                "{\"format\": \"silkgraph/1\", \"nodes\": [\n"
                "  {\"id\": \"881990832\", \"labels\": [\"GdeltEvent\"],\n"
                "   \"properties\": {\"lag\": 365}}]}\n");
  expectFailure({schemaPath, nodes}, 3, 26, "expects duration");
}

}  // namespace
}  // namespace silkgraph
