// StringDictionary (engine/string_dictionary.h): one id per distinct string however it is
// interned, found again after the table grows, payloads made per block on first read that
// outlive the dictionary (they share a block of string objects), a caller's payload adopted
// where its block is made, strings of every size, and first reads from several threads.
#include "engine/string_dictionary.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

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
  EXPECT_EQ(*dict.get(kCount), "");
  EXPECT_EQ(dict.view(kCount), "");
}

// reserve makes the table as large as the strings to come need at once, the smallest such
// power of two (replay sizes it from the log, engine/wal_format.cpp), and the strings already
// in it are found after the move.
// append() adds without a lookup; indexPending() puts the ids in the table in slot order:
// every string is found again under the id it was given, strings interned before and after
// keep theirs, and intern() indexes what is pending first. Enough ids for several windows of
// the sort, and a table that must grow for them.
TEST(StringDictionaryTest, AppendedStringsAreFoundAfterIndexing) {
  StringDictionary dict;
  EXPECT_EQ(dict.intern("before"), 0u);
  constexpr uint32_t kCount = 700'000;
  for (uint32_t i = 1; i <= kCount; ++i) ASSERT_EQ(dict.append("s" + std::to_string(i)), i);
  EXPECT_EQ(dict.pending(), kCount);
  EXPECT_EQ(dict.append(""), kCount + 1);
  const auto none = std::make_pair(StringDictionary::kAbsent, StringDictionary::kAbsent);
  EXPECT_EQ(dict.indexPending(), none);
  EXPECT_EQ(dict.pending(), 0u);
  for (uint32_t i = 1; i <= kCount; i += 13) ASSERT_EQ(dict.find("s" + std::to_string(i)), i);
  EXPECT_EQ(dict.find(""), kCount + 1);
  EXPECT_EQ(dict.find("before"), 0u);
  EXPECT_EQ(*dict.get(kCount), "s" + std::to_string(kCount));
  // intern() of a pending string finds the id append() gave it.
  EXPECT_EQ(dict.append("late"), kCount + 2);
  EXPECT_EQ(dict.intern("late"), kCount + 2);
  EXPECT_EQ(dict.pending(), 0u);
  EXPECT_EQ(dict.intern("new"), kCount + 3);
  EXPECT_EQ(dict.size(), kCount + 4);
}

// A text appended twice (or appended although interned before) is reported, first pair
// found, and lookups keep answering the id held first.
TEST(StringDictionaryTest, IndexingReportsATextAddedTwice) {
  StringDictionary dict;
  dict.intern("a");
  dict.append("b");
  dict.append("a");  // id 2 repeats id 0
  dict.append("b");  // id 3 repeats id 1
  const auto first = dict.indexPending();
  EXPECT_TRUE((first == std::make_pair(0u, 2u)) || (first == std::make_pair(1u, 3u)))
      << first.first << ", " << first.second;
  EXPECT_EQ(dict.find("a"), 0u);
  EXPECT_EQ(dict.find("b"), 1u);
  EXPECT_EQ(dict.indexPending(), first) << "kept until the dictionary goes";
  StringDictionary clean;
  clean.append("x");
  clean.append("y");
  EXPECT_EQ(clean.indexPending().first, StringDictionary::kAbsent);
}

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

// A payload (string object and handle, 48 bytes) is made only when its block of ids is first
// read: interning a million strings that nobody reads costs their characters, a view and a
// slot each. Strings interned into a block already made get theirs at once.
TEST(StringDictionaryTest, PayloadsAreMadeOnFirstRead) {
  StringDictionary dict;
  for (uint32_t i = 0; i < 1000; ++i) dict.intern("name " + std::to_string(i));
  const size_t before = dict.bytes();
  EXPECT_EQ(dict.view(600), "name 600");  // a view makes nothing
  EXPECT_EQ(dict.bytes(), before);
  EXPECT_EQ(*dict.get(600), "name 600");
  const size_t oneBlock = dict.bytes() - before;
  EXPECT_GE(oneBlock, 256 * sizeof(std::string));
  EXPECT_EQ(*dict.get(512), "name 512");  // the same block: nothing more
  EXPECT_EQ(*dict.get(767), "name 767");
  EXPECT_EQ(dict.bytes(), before + oneBlock);
  EXPECT_EQ(dict.get(600).get(), dict.get(600).get());  // one payload per string
  // Block 3 (ids 768-1023) is not made; ids 1000-1023 land in it before it is.
  for (uint32_t i = 1000; i < 1030; ++i) ASSERT_EQ(dict.intern("name " + std::to_string(i)), i);
  EXPECT_EQ(*dict.get(1010), "name 1010");  // made now, with ids 768-1023
  EXPECT_EQ(*dict.get(768), "name 768");
  EXPECT_EQ(dict.intern("late"), 1030u);  // block 4 (1024-1279) is made by this read:
  EXPECT_EQ(*dict.get(1024), "name 1024");
  EXPECT_EQ(dict.intern("later"), 1031u);  // interned into a made block: its payload at once
  EXPECT_EQ(*dict.get(1031), "later");
  EXPECT_EQ(*dict.get(1030), "late");
  for (uint32_t i = 0; i < dict.size(); ++i) ASSERT_EQ(dict.view(i), *dict.get(i));
  // Every block made: the payloads' 48 bytes a string are what interning alone did not pay.
  EXPECT_GE(dict.bytes() - before, dict.size() * (sizeof(std::string) + sizeof(StringPtr)));
}

TEST(StringDictionaryTest, AdoptsTheCallersPayloadWhereItsBlockIsMade) {
  StringDictionary dict;
  EXPECT_EQ(dict.intern("first"), 0u);
  EXPECT_EQ(*dict.get(0), "first");  // block 0 is made
  auto payload = std::make_shared<const std::string>("Kazakhstan");
  const uint32_t id = dict.intern(*payload, &payload);
  EXPECT_EQ(dict.get(id).get(), payload.get());
  auto other = std::make_shared<const std::string>("Kazakhstan");
  EXPECT_EQ(dict.intern(*other, &other), id);  // already there: the first payload stays
  EXPECT_EQ(dict.get(id).get(), payload.get());
  // In a block not made yet the characters are copied and the payload is made on first read.
  for (uint32_t i = 2; i < 256; ++i) dict.intern("x" + std::to_string(i));
  auto unmade = std::make_shared<const std::string>("Korea");
  const uint32_t k = dict.intern(*unmade, &unmade);
  EXPECT_EQ(k, 256u);
  EXPECT_EQ(*dict.get(k), "Korea");
  EXPECT_NE(dict.get(k).get(), unmade.get());
}

// Characters live in chunks of up to 16 MiB; a string larger than a quarter of a chunk gets one
// of its own and the chunk being filled stays in use.
TEST(StringDictionaryTest, StringsOfEverySize) {
  StringDictionary dict;
  std::vector<std::string> texts;
  for (size_t i = 0; i < 3000; ++i) {
    if (i % 500 == 7) {
      texts.push_back(std::string((size_t{1} << 12) << (i % 13), static_cast<char>('a' + i % 26)));
    } else {
      texts.push_back(std::string(i % 40, 'k') + std::to_string(i));
    }
  }
  texts.push_back(std::string(size_t{40} << 20, 'z'));  // 40 MiB: larger than any chunk
  texts.push_back("after the large one");
  for (size_t i = 0; i < texts.size(); ++i) ASSERT_EQ(dict.intern(texts[i]), i);
  for (size_t i = 0; i < texts.size(); ++i) {
    ASSERT_EQ(dict.view(static_cast<uint32_t>(i)), texts[i]) << i;
    ASSERT_EQ(dict.find(texts[i]), i);
  }
  for (size_t i = 0; i < texts.size(); i += 3)
    ASSERT_EQ(*dict.get(static_cast<uint32_t>(i)), texts[i]);
  EXPECT_GT(dict.bytes(), size_t{40} << 20);
}

// Concurrent reads may be the first of a block at once (Database: reads run side by side); each
// reader gets the same payload. The name has "Thread" in it for `make test-tsan`.
TEST(StringDictionaryThreadTest, FirstReadsFromSeveralThreads) {
  StringDictionary dict;
  constexpr uint32_t kCount = 20'000;
  for (uint32_t i = 0; i < kCount; ++i) dict.intern("city " + std::to_string(i));
  constexpr int kThreads = 4;
  std::vector<std::vector<const std::string*>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (uint32_t i = 0; i < kCount; ++i) {
        const uint32_t id = (i * 7919 + static_cast<uint32_t>(t) * 101) % kCount;
        const StringPtr& p = dict.get(id);
        if (*p != "city " + std::to_string(id)) ADD_FAILURE() << id;
        seen[static_cast<size_t>(t)].push_back(id == 4242 ? p.get() : nullptr);
      }
    });
  for (std::thread& t : threads) t.join();
  const std::string* first = dict.get(4242).get();
  for (const auto& s : seen) {
    for (const std::string* p : s) {
      if (p != nullptr) {
        EXPECT_EQ(p, first);
      }
    }
  }
}
}  // namespace
}  // namespace silkgraph
