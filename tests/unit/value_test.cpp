// Unit tests of Value: dates, maps, identity and hashing, ORDER BY orderability, literals.
#include "engine/value.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace silkgraph;

namespace {

Value list(std::initializer_list<Value> xs) {
  return Value(ValueList(xs));
}

Value map(std::initializer_list<std::pair<std::string, Value>> xs) {
  return Value(ValueMap(xs.begin(), xs.end()));
}

}  // namespace

TEST(Date, ParsesFullDatesAndEpoch) {
  Date d;
  ASSERT_TRUE(parseDate("1970-01-01", d));
  EXPECT_EQ(d.days, 0);
  ASSERT_TRUE(parseDate("1970-01-02", d));
  EXPECT_EQ(d.days, 1);
  ASSERT_TRUE(parseDate("1969-12-31", d));
  EXPECT_EQ(d.days, -1);
  ASSERT_TRUE(parseDate("2000-03-01", d));
  EXPECT_EQ(d.days, 11017);  // 30 years incl. 7 leap days + Jan + Feb(29 days)
  ASSERT_TRUE(parseDate("2024-11-04", d));
  EXPECT_EQ(formatDate(d), "2024-11-04");
}

TEST(Date, YearAndYearMonthTakeTheFirstDay) {
  Date a, b;
  ASSERT_TRUE(parseDate("2024", a));
  ASSERT_TRUE(parseDate("2024-01-01", b));
  EXPECT_EQ(a, b);
  ASSERT_TRUE(parseDate("2024-02", a));
  ASSERT_TRUE(parseDate("2024-02-01", b));
  EXPECT_EQ(a, b);
}

TEST(Date, RejectsMalformedAndImpossibleDates) {
  Date d{123};
  for (const char* bad :
       {"", "2024-13-01", "2024-00-10", "2023-02-29", "2024-04-31", "2024-1-01", "24-01-01",
        "2024/01/01", "2024-01-01x", "abcd", "2024-02-30", "1900-02-29", "2024-01-00", " 2024"}) {
    EXPECT_FALSE(parseDate(bad, d)) << bad;
  }
  EXPECT_EQ(d.days, 123) << "out must be untouched on failure";
  EXPECT_TRUE(parseDate("2024-02-29", d));
  EXPECT_TRUE(parseDate("2000-02-29", d));
}

TEST(Date, YmdRoundTripsOverManyYears) {
  for (int32_t days = -800000; days <= 800000; days += 997) {
    int y;
    unsigned m, dd;
    dateToYmd(Date{days}, y, m, dd);
    EXPECT_EQ(dateFromYmd(y, m, dd).days, days);
    if (y >= 0 && y <= 9999) {
      Date back;
      ASSERT_TRUE(parseDate(formatDate(Date{days}), back)) << formatDate(Date{days});
      EXPECT_EQ(back.days, days);
    }
  }
  EXPECT_EQ(dateFromYmd(1970, 1, 1).days, 0);
  EXPECT_EQ(formatDate(dateFromYmd(1, 1, 1)), "0001-01-01");
}

TEST(ValueMap, SortsKeysAndLastDuplicateWins) {
  Value m(ValueMap{{"b", Value(2)}, {"a", Value(1)}, {"b", Value(3)}, {"c", Value("x")}});
  ASSERT_EQ(m.type(), Value::Type::Map);
  const ValueMap& e = m.asMap();
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].first, "a");
  EXPECT_EQ(e[1].first, "b");
  EXPECT_EQ(e[1].second.asInt(), 3);
  EXPECT_EQ(e[2].first, "c");
  ASSERT_NE(m.mapFind("b"), nullptr);
  EXPECT_EQ(m.mapFind("b")->asInt(), 3);
  EXPECT_EQ(m.mapFind("zz"), nullptr);
  EXPECT_EQ(Value(1).mapFind("a"), nullptr);
}

TEST(ValueIdentity, IntAndFloatAreDifferent) {
  EXPECT_FALSE(Value(1).identical(Value(1.0)));
  EXPECT_TRUE(Value(1).identical(Value(int64_t{1})));
  EXPECT_TRUE(Value(1.5).identical(Value(1.5)));
  EXPECT_TRUE(Value().identical(Value(nullptr)));
  EXPECT_FALSE(Value().identical(Value(false)));
  EXPECT_TRUE(Value("a").identical(Value(std::string("a"))));
  EXPECT_FALSE(Value("a").identical(Value("b")));
  EXPECT_TRUE(Value(0.0).identical(Value(-0.0)));
  double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(Value(nan).identical(Value(nan)));
  EXPECT_TRUE(list({1, "a"}).identical(list({1, "a"})));
  EXPECT_FALSE(list({1, "a"}).identical(list({1.0, "a"})));
  EXPECT_FALSE(list({1}).identical(list({1, 2})));
  EXPECT_TRUE(map({{"k", 1}}).identical(map({{"k", 1}})));
  EXPECT_FALSE(map({{"k", 1}}).identical(map({{"j", 1}})));
  EXPECT_TRUE(Value(NodeRef{3}).identical(Value(NodeRef{3})));
  EXPECT_FALSE(Value(NodeRef{3}).identical(Value(RelRef{3})));
  EXPECT_TRUE(Value(Date{5}).identical(Value(Date{5})));
  EXPECT_TRUE(Value(PathValue{{1, 2}, {7}}).identical(Value(PathValue{{1, 2}, {7}})));
  EXPECT_FALSE(Value(PathValue{{1, 2}, {7}}).identical(Value(PathValue{{1, 3}, {7}})));
}

TEST(ValueIdentity, HashIsConsistentWithIdentical) {
  std::vector<Value> vs = {Value(),
                           Value(true),
                           Value(false),
                           Value(0),
                           Value(1),
                           Value(1.0),
                           Value(0.0),
                           Value(-0.0),
                           Value(std::numeric_limits<double>::quiet_NaN()),
                           Value("x"),
                           Value(std::string("x")),
                           Value(Date{1}),
                           list({1, "a"}),
                           list({1, "a"}),
                           map({{"a", 1}}),
                           map({{"a", 1}}),
                           Value(NodeRef{1}),
                           Value(RelRef{1}),
                           Value(PathValue{{0}, {}})};
  for (const Value& a : vs)
    for (const Value& b : vs)
      if (a.identical(b)) {
        EXPECT_EQ(a.hash(), b.hash()) << a.toCypherLiteral();
      }
  EXPECT_NE(Value(1).hash(), Value(1.0).hash());  // not required, but distinct in practice
}

TEST(ValueOrder, TypesFollowOpenCypherOrderability) {
  // MAP < NODE < RELATIONSHIP < LIST < PATH < DATE < STRING < BOOLEAN < NUMBER < null
  std::vector<Value> ordered = {
      map({{"a", 1}}), Value(NodeRef{9}), Value(RelRef{0}), list({1}),   Value(PathValue{{0}, {}}),
      Value(Date{-5}), Value("a"),        Value(false),     Value(-100), Value()};
  for (size_t i = 0; i < ordered.size(); ++i) {
    for (size_t j = 0; j < ordered.size(); ++j) {
      int c = Value::orderCompare(ordered[i], ordered[j]);
      EXPECT_EQ(c < 0 ? -1 : (c > 0 ? 1 : 0), i < j ? -1 : (i > j ? 1 : 0)) << i << " " << j;
    }
  }
}

TEST(ValueOrder, NumbersCompareAcrossIntAndFloatWithNaNLast) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(Value::orderCompare(Value(1), Value(1.0)), 0);
  EXPECT_LT(Value::orderCompare(Value(1), Value(1.5)), 0);
  EXPECT_GT(Value::orderCompare(Value(2), Value(1.5)), 0);
  EXPECT_LT(Value::orderCompare(Value(-inf), Value(INT64_MIN)), 0);
  EXPECT_LT(Value::orderCompare(Value(INT64_MAX), Value(inf)), 0);
  EXPECT_GT(Value::orderCompare(Value(nan), Value(inf)), 0);
  EXPECT_GT(Value::orderCompare(Value(nan), Value(INT64_MAX)), 0);
  EXPECT_EQ(Value::orderCompare(Value(nan), Value(nan)), 0);
  EXPECT_LT(Value::orderCompare(Value(nan), Value()), 0);
  // Precision: 2^53 + 1 is not representable as a double.
  int64_t big = (int64_t{1} << 53) + 1;
  EXPECT_GT(Value::orderCompare(Value(big), Value(static_cast<double>(int64_t{1} << 53))), 0);
}

TEST(ValueOrder, ScalarsListsMapsNodes) {
  EXPECT_LT(Value::orderCompare(Value(false), Value(true)), 0);
  EXPECT_LT(Value::orderCompare(Value("B"), Value("a")), 0);  // code point order
  EXPECT_LT(Value::orderCompare(Value("a"), Value("ab")), 0);
  EXPECT_LT(Value::orderCompare(Value("z"), Value("\xC3\xA9")), 0);  // U+00E9 after 'z'
  EXPECT_LT(Value::orderCompare(Value(Date{1}), Value(Date{2})), 0);
  EXPECT_LT(Value::orderCompare(list({1, 2}), list({1, 3})), 0);
  EXPECT_LT(Value::orderCompare(list({1, 2}), list({1, 2, 0})), 0);
  EXPECT_LT(Value::orderCompare(list({}), list({Value()})), 0);
  EXPECT_LT(Value::orderCompare(list({"a"}), list({1})), 0);  // element order: string < number
  EXPECT_EQ(Value::orderCompare(list({1, 2.0}), list({1.0, 2})), 0);
  EXPECT_LT(Value::orderCompare(Value(NodeRef{1}), Value(NodeRef{2})), 0);
  EXPECT_LT(Value::orderCompare(Value(RelRef{5}), Value(RelRef{6})), 0);
  EXPECT_LT(Value::orderCompare(map({{"a", 1}}), map({{"a", 2}})), 0);
}

TEST(ValueOrder, SortingMixedValuesIsATotalOrder) {
  std::vector<Value> vs = {
      Value(3),     Value(),   Value("b"),     Value(2.5),
      Value(true),  list({1}), Value("a"),     Value(std::numeric_limits<double>::quiet_NaN()),
      Value(false), Value(-1), Value(Date{0}), map({})};
  std::mt19937 rng(7);
  std::shuffle(vs.begin(), vs.end(), rng);
  std::sort(vs.begin(), vs.end(),
            [](const Value& a, const Value& b) { return Value::orderCompare(a, b) < 0; });
  std::string s;
  for (const Value& v : vs) s += v.toCypherLiteral() + " ";
  EXPECT_EQ(s, "{} [1] date('1970-01-01') 'a' 'b' false true -1 2.5 3 NaN null ");
}

TEST(ValueLiteral, FormatsEveryType) {
  EXPECT_EQ(Value().toCypherLiteral(), "null");
  EXPECT_EQ(Value(true).toCypherLiteral(), "true");
  EXPECT_EQ(Value(-42).toCypherLiteral(), "-42");
  EXPECT_EQ(Value(1.0).toCypherLiteral(), "1.0");
  EXPECT_EQ(Value("it's a \\ test").toCypherLiteral(), "'it\\'s a \\\\ test'");
  EXPECT_EQ(list({1, "a", Value()}).toCypherLiteral(), "[1, 'a', null]");
  EXPECT_EQ(map({{"b", 1.5}, {"a", list({})}}).toCypherLiteral(), "{a: [], b: 1.5}");
  EXPECT_EQ(map({{"two words", 1}}).toCypherLiteral(), "{`two words`: 1}");
  EXPECT_EQ(Value(Date{0}).toCypherLiteral(), "date('1970-01-01')");
  EXPECT_EQ(Value(NodeRef{4}).toCypherLiteral(), "(#4)");
  EXPECT_EQ(Value(RelRef{4}).toCypherLiteral(), "[#4]");
}

TEST(ValueLiteral, FloatsAreShortestRoundTripWithPointOrExponent) {
  EXPECT_EQ(formatFloat(1.0), "1.0");
  EXPECT_EQ(formatFloat(0.1), "0.1");
  EXPECT_EQ(formatFloat(-2.5), "-2.5");
  EXPECT_EQ(formatFloat(100.0), "100.0");
  EXPECT_EQ(formatFloat(1e20), "1e+20");
  EXPECT_EQ(formatFloat(1.5e-7), "1.5e-07");
  EXPECT_EQ(formatFloat(0.0), "0.0");
  EXPECT_EQ(formatFloat(-0.0), "-0.0");
  EXPECT_EQ(formatFloat(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(formatFloat(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(formatFloat(-std::numeric_limits<double>::infinity()), "-Infinity");
  std::mt19937_64 rng(1);
  for (int i = 0; i < 1000; ++i) {
    double d = std::ldexp(static_cast<double>(rng() >> 11), static_cast<int>(rng() % 200) - 100);
    std::string s = formatFloat(d);
    EXPECT_EQ(std::stod(s), d) << s;
    EXPECT_NE(s.find_first_of(".e"), std::string::npos) << s;
  }
}

TEST(ValueType, Names) {
  EXPECT_STREQ(Value::typeName(Value::Type::Int), "Integer");
  EXPECT_STREQ(Value::typeName(Value::Type::Float), "Float");
  EXPECT_STREQ(Value::typeName(Value::Type::String), "String");
  EXPECT_STREQ(Value::typeName(Value::Type::Rel), "Relationship");
  EXPECT_STREQ(Value::typeName(Value::Type::Null), "Null");
}
