// PropertyColumn's narrow storage (engine/property_column.h): integers in 16 bits, string ids
// in 16 bits and doubles as floats while the values allow, widened by the first value that
// does not fit; every read gives back exactly what was set, in memory and through the
// database file.
#include "engine/property_column.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <string>

#include "engine/graph_file.h"
#include "main/database.h"
#include "tests/unit/temp_files.h"

namespace silkgraph {
namespace {

using Kind = PropertyColumn::Kind;

uint64_t bitsOf(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

// Equal as stored: a double by its bits (so -0.0, NaN and the last bit count).
void expectSame(const Value& want, const Value& got, uint32_t id) {
  ASSERT_EQ(want.type(), got.type()) << "id " << id;
  if (want.type() == Value::Type::Float) {
    EXPECT_EQ(bitsOf(want.asFloat()), bitsOf(got.asFloat())) << "id " << id;
  } else {
    EXPECT_EQ(want.toCypherLiteral(), got.toCypherLiteral()) << "id " << id;
  }
}

// Rows as typed literals (columns with rows: r.columns, r.rows).
std::string text(const QueryResult& r) {
  std::string s;
  for (const auto& row : r.rows) {
    for (const Value& v : row)
      s += std::string(Value::typeName(v.type())) + ":" + v.toCypherLiteral() + " ";
    s += "\n";
  }
  return s;
}

void expectColumn(const PropertyColumn& c, const std::map<uint32_t, Value>& model,
                  const StringDictionary& dict, uint32_t limit) {
  EXPECT_EQ(c.count(), model.size());
  for (uint32_t id = 0; id < limit; ++id) {
    auto it = model.find(id);
    ASSERT_EQ(c.has(id), it != model.end()) << "id " << id;
    if (it != model.end()) expectSame(it->second, c.get(id, dict), id);
  }
}

TEST(PropertyColumnWidth, SmallIntegersAreSixteenBitsUntilOneIsNot) {
  StringDictionary dict;
  PropertyColumn c;
  std::map<uint32_t, Value> model;
  for (uint32_t id = 0; id < 1000; ++id) {
    model[id] = Value(int64_t{2000} + id % 25);
    c.set(id, model[id], dict);
  }
  EXPECT_EQ(c.kind(), Kind::Int32);
  EXPECT_TRUE(c.narrow());
  const size_t narrowBytes = c.bytes();
  for (int64_t edge : {int64_t{INT16_MAX}, int64_t{INT16_MIN}}) {
    model[7] = Value(edge);
    c.set(7, model[7], dict);
    EXPECT_TRUE(c.narrow());
  }
  model[500] = Value(int64_t{INT16_MAX} + 1);
  c.set(500, model[500], dict);
  EXPECT_EQ(c.kind(), Kind::Int32);
  EXPECT_FALSE(c.narrow());
  EXPECT_GT(c.bytes(), narrowBytes);
  expectColumn(c, model, dict, 1100);
  EXPECT_EQ(c.intAt(7), INT16_MIN);
  model[3] = Value(int64_t{1} << 40);
  c.set(3, model[3], dict);
  EXPECT_EQ(c.kind(), Kind::Int64);
  expectColumn(c, model, dict, 1100);
}

TEST(PropertyColumnWidth, ANarrowColumnWidensStraightToSixtyFourBits) {
  StringDictionary dict;
  PropertyColumn c;
  std::map<uint32_t, Value> model;
  for (uint32_t id = 0; id < 300; id += 3) {
    model[id] = Value(-static_cast<int64_t>(id));
    c.set(id, model[id], dict);
  }
  ASSERT_TRUE(c.narrow());
  model[301] = Value(std::numeric_limits<int64_t>::min());
  c.set(301, model[301], dict);
  EXPECT_EQ(c.kind(), Kind::Int64);
  EXPECT_FALSE(c.narrow());
  expectColumn(c, model, dict, 400);
}

TEST(PropertyColumnWidth, DoublesAreFloatsWhileEachIsExact) {
  StringDictionary dict;
  PropertyColumn c;
  std::map<uint32_t, Value> model;
  const double exact[] = {42261.0,
                          0.5,
                          -0.0,
                          0.0,
                          16777216.0,
                          FLT_MAX,
                          -FLT_MAX,
                          FLT_TRUE_MIN,
                          std::numeric_limits<double>::infinity(),
                          -std::numeric_limits<double>::infinity(),
                          std::numeric_limits<double>::quiet_NaN()};
  uint32_t id = 0;
  for (double d : exact) {
    model[id] = Value(d);
    c.set(id, model[id], dict);
    ++id;
    EXPECT_TRUE(c.narrow()) << d;
  }
  expectColumn(c, model, dict, id + 5);
  // Each of these needs a double: the column widens and keeps every earlier value.
  const double inexact[] = {0.1, 16777217.0, 1e300, -1e-300, FLT_MAX * 2.0, 1.0 / 3.0};
  for (double d : inexact) {
    PropertyColumn w;
    std::map<uint32_t, Value> m = model;
    for (const auto& [i, v] : model) w.set(i, v, dict);
    ASSERT_TRUE(w.narrow());
    m[2] = Value(d);
    w.set(2, m[2], dict);
    EXPECT_FALSE(w.narrow()) << d;
    EXPECT_EQ(w.kind(), Kind::Float);
    expectColumn(w, m, dict, id + 5);
  }
}

TEST(PropertyColumnWidth, StringIdsAreSixteenBitsWhileTheDictionaryIsSmall) {
  StringDictionary dict;
  PropertyColumn c;
  std::map<uint32_t, Value> model;
  for (uint32_t id = 0; id < 200; ++id) {
    model[id] = Value("resource " + std::to_string(id % 17));
    c.set(id, model[id], dict);
  }
  EXPECT_TRUE(c.narrow());
  for (uint32_t i = 0; dict.size() <= UINT16_MAX + 1u; ++i)
    dict.intern("filler " + std::to_string(i));
  const uint32_t big = dict.intern("the string beyond 65536");
  ASSERT_GT(big, UINT16_MAX);
  c.setString(150, big, dict);  // the loaders' path
  model[150] = Value("the string beyond 65536");
  EXPECT_FALSE(c.narrow());
  EXPECT_EQ(c.wordAt(150), big);
  model[201] = Value("resource 3");
  c.set(201, model[201], dict);
  expectColumn(c, model, dict, 260);
}

// Random writes and erasures of each kind, checked against a map after every step batch.
TEST(PropertyColumnWidth, RandomWritesReadBackExactly) {
  std::mt19937_64 rng(20261205);
  for (int round = 0; round < 60; ++round) {
    StringDictionary dict;
    PropertyColumn c;
    std::map<uint32_t, Value> model;
    const int kind = round % 3;
    for (int step = 0; step < 400; ++step) {
      const uint32_t id = static_cast<uint32_t>(rng() % 300);
      if (rng() % 10 == 0) {
        c.erase(id);
        model.erase(id);
        continue;
      }
      const bool wide = rng() % 97 == 0;
      Value v;
      if (kind == 0) {
        int64_t x = static_cast<int64_t>(rng() % 2000) - 1000;
        if (wide) x = static_cast<int64_t>(rng());
        v = Value(x);
      } else if (kind == 1) {
        double x = static_cast<double>(static_cast<int64_t>(rng() % 100000)) / 4;
        if (wide) x = 1.0 / static_cast<double>(rng() % 1000 + 3);
        v = Value(x);
      } else {
        v = Value("s" + std::to_string(rng() % (wide ? 70000 : 50)));
        if (wide)
          for (int i = 0; i < 1000; ++i) dict.intern("f" + std::to_string(rng()));
      }
      c.set(id, v, dict);
      model[id] = v;
      if (step % 50 == 0) expectColumn(c, model, dict, 310);
    }
    expectColumn(c, model, dict, 310);
  }
}

// A graph with one narrow and one wide column of each kind, through the database file: the
// values and widths come back, and a narrow column read in place widens on a wide write.
TEST(PropertyColumnWidth, WidthsSurviveTheDatabaseFile) {
  silkgraph::testing::TempDir dir("sg-column-width");
  Database a;
  a.execute(
      "UNWIND range(0, 99) AS i CREATE (:N {i: i, small: i - 50, big: i * 100000, "
      "f: i / 4.0, g: i / 3.0, s: 'k' + toString(i % 7), d: date('2024-01-01')})");
  writeGraphFile(a.graph(), a.schema(), dir / "w.sg");
  Database b;
  readGraphFile(dir / "w.sg", b.graph(), b.schema());
  const char* q = "MATCH (n:N) RETURN n.i, n.small, n.big, n.f, n.g, n.s, n.d ORDER BY n.i";
  EXPECT_EQ(text(a.execute(q)), text(b.execute(q)));
  auto column = [&](Database& db, const char* key) -> const PropertyColumn& {
    return db.graph().view().nodeColumns()[db.graph().keyId(key)];
  };
  for (Database* db : {&a, &b}) {
    EXPECT_TRUE(column(*db, "small").narrow());
    EXPECT_FALSE(column(*db, "big").narrow());
    EXPECT_TRUE(column(*db, "f").narrow());
    EXPECT_FALSE(column(*db, "g").narrow());
    EXPECT_TRUE(column(*db, "s").narrow());
    EXPECT_FALSE(column(*db, "d").narrow());
  }
  b.execute("MATCH (n:N {i: 5}) SET n.small = 1000000, n.f = 0.1");
  EXPECT_FALSE(column(b, "small").narrow());
  EXPECT_FALSE(column(b, "f").narrow());
  EXPECT_EQ(text(b.execute("MATCH (n:N) WHERE n.i IN [4, 5, 6] RETURN n.small, n.f ORDER BY n.i")),
            text(a.execute("MATCH (n:N) WHERE n.i IN [4, 5, 6] "
                           "RETURN CASE n.i WHEN 5 THEN 1000000 ELSE n.small END, "
                           "CASE n.i WHEN 5 THEN 0.1 ELSE n.f END ORDER BY n.i")));
}

}  // namespace
}  // namespace silkgraph
