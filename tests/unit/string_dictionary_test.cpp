// StringDictionary (engine/string_dictionary.h): one id per distinct string however it is
// interned, found again after the table grows, payloads that outlive the dictionary (they
// share a block of string objects), and a caller's payload adopted rather than copied.
#include "engine/string_dictionary.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace silkgraph {
namespace {

TEST(StringDictionaryTest, OneIdPerStringThroughGrowth) {
  StringDictionary dict;
  EXPECT_EQ(dict.find("absent"), StringDictionary::kAbsent);
  constexpr uint32_t kCount = 300'000;  // the table grows many times, past 4 MiB
  dict.reserve(10);
  for (uint32_t i = 0; i < kCount; ++i) {
    const std::string s = "item " + std::to_string(i);
    dict.prefetch(s);
    ASSERT_EQ(dict.intern(s), i);
  }
  ASSERT_EQ(dict.size(), kCount);
  for (uint32_t i = 0; i < kCount; i += 7) {
    const std::string s = "item " + std::to_string(i);
    ASSERT_EQ(dict.intern(s), i) << s;  // present: the same id, nothing added
    ASSERT_EQ(dict.find(s), i);
    ASSERT_EQ(*dict.get(i), s);
  }
  EXPECT_EQ(dict.size(), kCount);
  EXPECT_EQ(dict.find("item -1"), StringDictionary::kAbsent);
  EXPECT_EQ(dict.find(""), StringDictionary::kAbsent);
  EXPECT_EQ(dict.intern(""), kCount);  // the empty string is a string like another
  EXPECT_EQ(dict.find(""), kCount);
  EXPECT_GT(dict.bytes(), kCount * sizeof(std::string));
}

// reserve makes the table as large as the strings to come need at once, the smallest such
// power of two (replay sizes it from the log, engine/wal_format.cpp), and the strings already
// in it are found after the move.
TEST(StringDictionaryTest, ReserveSizesTheTableAtOnce) {
  StringDictionary dict;
  for (uint32_t i = 0; i < 100; ++i) ASSERT_EQ(dict.intern("s" + std::to_string(i)), i);
  dict.reserve(100'000);
  EXPECT_EQ(dict.capacity(), size_t{262'144} / 4 * 3);  // 100,100 > 131,072 * 3/4
  dict.reserve(50'000);                                 // fits already: unchanged
  EXPECT_EQ(dict.capacity(), size_t{262'144} / 4 * 3);
  for (uint32_t i = 100; i < 100'100; ++i) ASSERT_EQ(dict.intern("s" + std::to_string(i)), i);
  EXPECT_EQ(dict.capacity(), size_t{262'144} / 4 * 3);  // no growth while interning
  for (uint32_t i = 0; i < 100'100; i += 97) EXPECT_EQ(dict.find("s" + std::to_string(i)), i);
}

TEST(StringDictionaryTest, PayloadsOutliveTheDictionary) {
  StringPtr kept;
  const std::string longText(100, 'x');  // characters outside the string object
  {
    StringDictionary dict;
    for (int i = 0; i < 1000; ++i) dict.intern("value " + std::to_string(i));
    kept = dict.get(dict.intern(longText));
  }
  EXPECT_EQ(*kept, longText);
}

TEST(StringDictionaryTest, AdoptsTheCallersPayload) {
  StringDictionary dict;
  auto payload = std::make_shared<const std::string>("Kazakhstan");
  const uint32_t id = dict.intern(*payload, &payload);
  EXPECT_EQ(dict.get(id).get(), payload.get());
  auto other = std::make_shared<const std::string>("Kazakhstan");
  EXPECT_EQ(dict.intern(*other, &other), id);  // already there: the first payload stays
  EXPECT_EQ(dict.get(id).get(), payload.get());
}

}  // namespace
}  // namespace silkgraph
