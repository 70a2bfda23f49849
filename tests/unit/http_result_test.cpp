// Tests of the HTTP API's value encoding: JSON parameters as values (main/value_json.h) and
// result rows in Neo4j's row/meta/graph shape (server/http_result.h).
#include "server/http_result.h"

#include <gtest/gtest.h>

#include "main/database.h"
#include "main/value_json.h"

namespace silkgraph::server {
namespace {

using nlohmann::json;

TEST(ValueFromJson, EveryJsonTypeBecomesAValue) {
  const json doc = json::parse(R"({"i": -3, "big": 18446744073709551615, "f": 2.5, "s": "ü",
                                   "b": true, "n": null, "l": [1, [2]], "m": {"k": "v"}})");
  const Value v = valueFromJson(doc);
  ASSERT_EQ(v.type(), Value::Type::Map);
  EXPECT_EQ(v.mapFind("i")->asInt(), -3);
  EXPECT_EQ(v.mapFind("big")->type(), Value::Type::Float);  // past int64: a float
  EXPECT_DOUBLE_EQ(v.mapFind("big")->asFloat(), 18446744073709551615.0);
  EXPECT_DOUBLE_EQ(v.mapFind("f")->asFloat(), 2.5);
  EXPECT_EQ(v.mapFind("s")->asString(), "ü");
  EXPECT_TRUE(v.mapFind("b")->asBool());
  EXPECT_TRUE(v.mapFind("n")->isNull());
  EXPECT_EQ(v.mapFind("l")->asList()[1].asList()[0].asInt(), 2);
  EXPECT_EQ(v.mapFind("m")->mapFind("k")->asString(), "v");
}

TEST(HttpResult, RowsMetaAndGraph) {
  Database db;
  db.execute("CREATE (:City {name: 'Seoul'})-[:ROAD {km: 325}]->(:City {name: 'Busan'})");
  const QueryResult r = db.execute(
      "MATCH p = (a:City {name: 'Seoul'})-[road:ROAD]->(b) RETURN a, road.km AS km, p, [b] AS l");
  const json out = json::parse(jsonText(httpResultJson(r, db.graph(), {true, true})));
  EXPECT_EQ(out["columns"], json::parse(R"(["a", "km", "p", "l"])"));
  ASSERT_EQ(out["data"].size(), 1u);
  const json& item = out["data"][0];
  EXPECT_EQ(item["row"][0], json::parse(R"({"name": "Seoul"})"));
  EXPECT_EQ(item["row"][1], 325);
  EXPECT_EQ(item["row"][2], json::parse(R"([{"name": "Seoul"}, {"km": 325}, {"name": "Busan"}])"));
  EXPECT_EQ(item["row"][3], json::parse(R"([{"name": "Busan"}])"));
  EXPECT_EQ(item["meta"][0]["type"], "node");
  EXPECT_EQ(item["meta"][0]["elementId"], std::to_string(item["meta"][0]["id"].get<int>()));
  EXPECT_TRUE(item["meta"][1].is_null());
  ASSERT_EQ(item["meta"][2].size(), 3u);
  EXPECT_EQ(item["meta"][2][1]["type"], "relationship");
  EXPECT_EQ(item["meta"][3][0]["type"], "node");
  ASSERT_EQ(item["graph"]["nodes"].size(), 2u);
  ASSERT_EQ(item["graph"]["relationships"].size(), 1u);
  const json& road = item["graph"]["relationships"][0];
  EXPECT_EQ(road["type"], "ROAD");
  EXPECT_EQ(road["startNode"], item["graph"]["nodes"][0]["id"]);
  EXPECT_EQ(item["graph"]["nodes"][0]["labels"], json::parse(R"(["City"])"));
  EXPECT_FALSE(out.contains("stats"));
}

TEST(HttpResult, WritesGiveNeo4jCounters) {
  Database db;
  const QueryResult r = db.execute("CREATE (:City {name: 'Almaty'})");
  const json out = json::parse(jsonText(httpResultJson(r, db.graph(), {})));
  EXPECT_TRUE(out["data"].empty());
  EXPECT_EQ(out["stats"]["contains_updates"], true);
  EXPECT_EQ(out["stats"]["nodes_created"], 1);
  EXPECT_EQ(out["stats"]["properties_set"], 1);
  EXPECT_EQ(out["stats"]["labels_added"], 1);
}

}  // namespace
}  // namespace silkgraph::server
