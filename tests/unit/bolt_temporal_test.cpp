// Bolt's temporal structures (server/bolt_temporal.h): every temporal type written as its
// structure and read back unchanged, in Bolt 5's UTC form and Bolt 4.4's local form, the
// bytes of a known value, and out-of-range or mistyped fields refused with ProtocolError.
#include "server/bolt_temporal.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/graph.h"
#include "server/packstream.h"

namespace silkgraph::server {
namespace {

std::string text(const Value& v) {
  Graph g;
  return toCypherText(v, g);
}

Value through(const Value& v, bool utc, std::string* bytes = nullptr) {
  std::string out;
  PackWriter w(out);
  writeTemporal(w, v, utc);
  if (bytes) *bytes = out;
  PackReader r(out);
  Value back = r.read();
  EXPECT_TRUE(r.atEnd());
  return back;
}

TEST(BoltTemporal, EveryTypeRoundTripsInBothForms) {
  const int64_t kSeconds = 1'730'678'400;  // 2024-11-04T00:00:00Z
  DateTime fixed;
  fixed.seconds = kSeconds + 3723;
  fixed.nanos = 5;
  fixed.offset = 9 * 3600;
  DateTime zoned = fixed;
  zoned.zone = "Asia/Seoul";
  zoned.offset = temporal::zoneOffsetAt(zoned.zone, zoned.seconds);
  const Value values[] = {Value(LocalTime{3723 * kNanosPerSecond + 7}),
                          Value(TimeValue{3600 * kNanosPerSecond, -5 * 3600}),
                          Value(LocalDateTime{kSeconds, 999'999'999}),
                          Value(fixed),
                          Value(zoned),
                          Value(temporal::makeDuration(14, -3, 3600, 500))};
  for (bool utc : {true, false}) {
    for (const Value& v : values) {
      Value back = through(v, utc);
      EXPECT_EQ(back.type(), v.type()) << text(v);
      EXPECT_EQ(text(back), text(v)) << (utc ? "utc" : "legacy");
    }
  }
  EXPECT_EQ(text(values[4]), "'2024-11-04T10:02:03.000000005+09:00[Asia/Seoul]'");
}

TEST(BoltTemporal, DateTimeSecondsAreUtcInBolt5AndLocalInBolt44) {
  DateTime t;
  t.seconds = 3600;  // 1970-01-01T01:00:00Z, at +02:00
  t.offset = 7200;
  std::string utc, legacy;
  through(Value(t), true, &utc);
  through(Value(t), false, &legacy);
  // B3 tag, seconds (a 16-bit integer), nanos 0, offset 7200.
  EXPECT_EQ(utc, std::string("\xB3\x49\xC9\x0E\x10\x00\xC9\x1C\x20", 9));
  EXPECT_EQ(legacy, std::string("\xB3\x46\xC9\x2A\x30\x00\xC9\x1C\x20", 9));
}

TEST(BoltTemporal, BadFieldsAreProtocolErrors) {
  const std::string bad[] = {
      std::string("\xB1\x74\xC0", 3),                          // LocalTime of null
      std::string("\xB1\x74\xFF", 3),                          // LocalTime of -1 ns
      std::string("\xB2\x54\x00\xCA\x00\x01\x00\x00", 8),      // Time offset of 65536 s
      std::string("\xB3\x69\x00\x00\x84Mars", 8),              // DateTimeZoneId of an unknown zone
      std::string("\xB3\x49\x00\xCA\x3B\x9A\xCA\x00\x00", 9),  // nanos of 1e9
      std::string("\xB4\x45\x00\x00\xCB\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF"
                  "\xCB\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF",
                  22),  // Duration whose nanoseconds overflow its seconds
  };
  for (const std::string& b : bad) {
    PackReader r(b);
    EXPECT_THROW(r.read(), ProtocolError) << b.size();
  }
}

}  // namespace
}  // namespace silkgraph::server
