// PackStream and Bolt message decoding (server/packstream.h, server/bolt_message.h): integer
// widths at their boundaries, round trips of every parameter type, and malformed input
// rejected with ProtocolError.
#include "server/packstream.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "server/bolt_message.h"

namespace silkgraph::server {
namespace {

Value roundTrip(const Value& v, std::string* bytes = nullptr) {
  std::string out;
  PackWriter w(out);
  switch (v.type()) {
    case Value::Type::Int:
      w.integer(v.asInt());
      break;
    case Value::Type::Float:
      w.floating(v.asFloat());
      break;
    case Value::Type::String:
      w.string(v.asString());
      break;
    default:
      ADD_FAILURE() << "unexpected type";
      break;
  }
  if (bytes) *bytes = out;
  PackReader r(out);
  Value back = r.read();
  EXPECT_TRUE(r.atEnd());
  return back;
}

TEST(PackStream, IntegersUseTheSmallestWidth) {
  const std::pair<int64_t, size_t> cases[] = {
      {0, 1},         {127, 1},      {-16, 1},       {-17, 2},
      {-128, 2},      {128, 3},      {-129, 3},      {32767, 3},
      {32768, 5},     {-32769, 5},   {INT32_MAX, 5}, {int64_t{INT32_MAX} + 1, 9},
      {INT64_MIN, 9}, {INT64_MAX, 9}};
  for (auto [n, size] : cases) {
    std::string bytes;
    Value back = roundTrip(Value(n), &bytes);
    EXPECT_EQ(bytes.size(), size) << n;
    EXPECT_EQ(back.asInt(), n);
  }
}

TEST(PackStream, FloatsStringsListsMapsDates) {
  EXPECT_EQ(roundTrip(Value(-2.5)).asFloat(), -2.5);
  const std::string korean = "대한민국";
  EXPECT_EQ(roundTrip(Value(korean)).asString(), korean);
  EXPECT_EQ(roundTrip(Value(std::string(300, 'x'))).asString().size(), 300u);
  // [null, true, {b: 1, a: date 2024-06-14}]
  const std::string bytes = std::string(
      "\x93\xC0\xC3\xA2\x81"
      "b"
      "\x01\x81"
      "a"
      "\xB1\x44\xC9\x4D\xB0",
      14);
  Value v = PackReader(bytes).read();
  ASSERT_EQ(v.type(), Value::Type::List);
  EXPECT_TRUE(v.asList()[0].isNull());
  EXPECT_TRUE(v.asList()[1].asBool());
  const Value* day = v.asList()[2].mapFind("a");
  ASSERT_NE(day, nullptr);
  EXPECT_EQ(formatDate(day->asDate()), "2024-06-14");
}

TEST(PackStream, MalformedInputIsAProtocolError) {
  const std::string bad[] = {
      std::string("\x85"
                  "abc",
                  4),                          // string shorter than its size
      std::string("\xD2\xFF\xFF\xFF\xFF", 5),  // 4 GiB string in 5 bytes
      std::string("\xA1\x01\x01", 3),          // map key not a string
      std::string("\xB3\x4E\x01\x90\xA0", 5),  // a node as a parameter
      std::string("\xCC\x01\x00", 3),          // bytes (not supported)
      std::string("\xC7", 1),                  // reserved marker
      std::string(200, '\x91'),                // nested too deeply
  };
  for (const std::string& b : bad) EXPECT_THROW(PackReader(b).read(), ProtocolError) << b.size();
}

TEST(BoltMessage, DecodesRequestsAndRejectsBadShapes) {
  BoltMessage run = decodeBoltMessage(std::string("\xB3\x10\x88RETURN 1\xA1\x81x\x05\xA0", 16));
  EXPECT_EQ(run.tag, BoltTag::Run);
  EXPECT_EQ(run.fields[0].asString(), "RETURN 1");
  EXPECT_EQ(run.fields[1].mapFind("x")->asInt(), 5);
  EXPECT_THROW(decodeBoltMessage(std::string("\xB1\x10\x01", 3)), ProtocolError);      // 1 field
  EXPECT_THROW(decodeBoltMessage(std::string("\xB2\x10\x01\xA0", 4)), ProtocolError);  // int query
  EXPECT_THROW(decodeBoltMessage(std::string("\xB0\x0F\x00", 3)), ProtocolError);      // extra byte
  EXPECT_THROW(decodeBoltMessage(std::string("\xB0\x55", 2)), ProtocolError);  // unknown tag
  EXPECT_THROW(decodeBoltMessage(std::string("\x01", 1)), ProtocolError);      // not a structure
  const uint8_t reset[] = {0xB0, 0x0F};
  EXPECT_TRUE(fuzzBoltMessageDecoder(reset, sizeof reset));
  EXPECT_FALSE(fuzzBoltMessageDecoder(reset, 1));
}

TEST(BoltMessage, ChunksSplitAt65535Bytes) {
  std::string out;
  appendChunked(out, std::string(70000, 'x'));
  ASSERT_EQ(out.size(), 2 + 65535 + 2 + (70000 - 65535) + 2);
  EXPECT_EQ(static_cast<uint8_t>(out[0]), 0xFF);
  EXPECT_EQ(static_cast<uint8_t>(out[1]), 0xFF);
  EXPECT_EQ(out.substr(out.size() - 2), std::string("\0\0", 2));
}

}  // namespace
}  // namespace silkgraph::server
