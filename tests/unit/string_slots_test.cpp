// StringSlots (engine/string_slots.h), LogStringIndex (engine/wal_strings.h) and
// StringDictionary::adoptPending: ids put in the table in slot order are found under their
// hashes, equal hashes are passed to `same` (which keeps an id out or lets it in), two tables
// merge, and a log's strings indexed apart are taken over by the dictionary, which then finds
// every string, reports a string held twice, and refuses a table of other ids.
#include "engine/string_slots.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/graph_file_codec.h"
#include "engine/string_dictionary.h"
#include "engine/wal_strings.h"

namespace silkgraph {
namespace {

// The id in `t` of hash h whose slot satisfies is(id), or UINT32_MAX.
template <typename Is>
uint32_t lookup(const StringSlots& t, uint32_t h, Is is) {
  const StringSlots::Slot& s = t[t.probe(h, is)];
  return s.idPlus1 == 0 ? UINT32_MAX : s.idPlus1 - 1;
}

TEST(StringSlotsTest, SortedInsertsAreFoundAndEqualHashesAskSame) {
  StringSlots t;
  // ids 100.. with hashes i * 7 (all distinct), then ids whose hashes repeat earlier ones.
  std::vector<uint32_t> hashes;
  for (uint32_t i = 0; i < 5000; ++i) hashes.push_back(i * 7);
  t.reserve(hashes.size() + 2);
  std::vector<std::pair<uint32_t, uint32_t>> asked;
  t.insertSorted(hashes.data(), hashes.size(), 100, [&](uint32_t held, uint32_t id) {
    asked.emplace_back(held, id);
    return false;
  });
  EXPECT_TRUE(asked.empty());
  EXPECT_EQ(t.held(), 5000u);
  for (uint32_t i = 0; i < 5000; i += 13)
    EXPECT_EQ(lookup(t, i * 7, [&](uint32_t id) { return id == 100 + i; }), 100 + i);
  // Two more ids with the hashes of ids 100 and 101: same() says the first is held already
  // (left out), the second another string (put in).
  const uint32_t again[] = {0, 7};
  t.insertSorted(again, 2, 9000, [&](uint32_t held, uint32_t id) {
    asked.emplace_back(held, id);
    return id == 9000;
  });
  EXPECT_EQ(asked, (std::vector<std::pair<uint32_t, uint32_t>>{{100, 9000}, {101, 9001}}));
  EXPECT_EQ(t.held(), 5001u);
  EXPECT_EQ(lookup(t, 7, [](uint32_t id) { return id == 9001; }), 9001u);
  EXPECT_EQ(lookup(t, 0, [](uint32_t id) { return id == 9000; }), UINT32_MAX);
}

TEST(StringSlotsTest, MergedTablesHoldBoth) {
  StringSlots a, b;
  std::vector<uint32_t> ha, hb;
  for (uint32_t i = 0; i < 3000; ++i) ha.push_back(i * 2'654'435'761u);
  for (uint32_t i = 0; i < 70'000; ++i) hb.push_back((i + 3000) * 2'654'435'761u);
  a.reserve(ha.size());
  b.reserve(hb.size());
  auto never = [](uint32_t, uint32_t) { return false; };
  a.insertSorted(ha.data(), ha.size(), 0, never);
  b.insertSorted(hb.data(), hb.size(), 3000, never);
  a.insertAll(b, never);
  EXPECT_EQ(a.held(), 73'000u);
  EXPECT_GE(a.slotCount() / 4 * 3, a.held());
  for (uint32_t id = 0; id < 73'000; id += 101)
    EXPECT_EQ(lookup(a, id * 2'654'435'761u, [&](uint32_t x) { return x == id; }), id);
}

// A format 3 record payload adding `strings` after `from` of them (catalog sections empty).
std::string recordAdding(uint64_t from, const std::vector<std::string>& strings) {
  graph_file::Encoder e;
  e.u64(1);  // sequence
  e.u64(0);  // node id limit
  e.u64(0);  // relationship id limit
  for (int i = 0; i < 3; ++i) {
    e.u64(0);
    e.u64(0);
  }
  e.u64(from);
  e.u64(strings.size());
  for (const std::string& s : strings) e.str(s);
  return e.out;
}

void addRecord(LogStringIndex& index, const std::string& payload, size_t end) {
  index.add(reinterpret_cast<const uint8_t*>(payload.data()), payload.size(), end);
}

// The dictionary holds strings of its own (a database file's), appends a log's (several
// windows of the index), and takes over the index built apart: every string is found under its
// id, and one interned again gets no new id.
TEST(StringSlotsTest, DictionaryTakesOverALogsIndex) {
  StringDictionary dict;
  for (int i = 0; i < 1000; ++i) dict.intern("file " + std::to_string(i));
  LogStringIndex index(1000, size_t{64} << 20);
  size_t end = 40;
  for (int r = 0; r < 6; ++r) {
    std::vector<std::string> strings;
    for (int i = 0; i < 100'000; ++i) strings.push_back("log " + std::to_string(r * 100'000 + i));
    const std::string payload = recordAdding(dict.size(), strings);
    addRecord(index, payload, end += payload.size() + 16);
    for (const std::string& s : strings) dict.append(s);
  }
  index.finish();
  ASSERT_TRUE(index.usable());
  EXPECT_EQ(index.endId(), dict.size());
  // 600,000 strings under 32-bit hashes: some tens of pairs hash alike (n^2 / 2^33), which
  // the dictionary compares.
  EXPECT_LT(index.suspects().size(), 500u);
  ASSERT_TRUE(dict.adoptPending(std::move(index.table()), index.firstId(), index.endId(),
                                index.suspects()));
  EXPECT_EQ(dict.pending(), 0u);
  for (int i = 0; i < 1000; i += 7) EXPECT_EQ(dict.find("file " + std::to_string(i)), uint32_t(i));
  for (int i = 0; i < 600'000; i += 997)
    EXPECT_EQ(dict.find("log " + std::to_string(i)), uint32_t(1000 + i));
  EXPECT_EQ(dict.find("log 600000"), StringDictionary::kAbsent);
  EXPECT_EQ(dict.intern("log 5"), 1005u);
  EXPECT_EQ(dict.size(), 601'000u);
  const auto none = std::make_pair(StringDictionary::kAbsent, StringDictionary::kAbsent);
  EXPECT_EQ(dict.indexPending(), none);
}

// A log string whose text the file's dictionary holds: the pair is reported in id order (the
// log's id second: the string added again), whichever table is kept.
TEST(StringSlotsTest, TakingOverReportsAStringHeldTwice) {
  for (int fileStrings : {1, 5000}) {
    StringDictionary dict;
    for (int i = 0; i < fileStrings; ++i) dict.intern("s" + std::to_string(i));
    const auto first = static_cast<uint32_t>(dict.size());
    LogStringIndex index(first, 4096);
    const std::vector<std::string> strings = {"new 1", "s0", "new 2"};
    addRecord(index, recordAdding(first, strings), 4096);
    for (const std::string& s : strings) dict.append(s);
    index.finish();
    ASSERT_TRUE(dict.adoptPending(std::move(index.table()), index.firstId(), index.endId(),
                                  index.suspects()));
    EXPECT_EQ(dict.indexPending(), std::make_pair(0u, first + 1)) << fileStrings;
  }
}

// Two strings of the log with equal hashes are left for the dictionary to compare.
TEST(StringSlotsTest, EqualStringsInTheLogAreFoundByTheDictionary) {
  StringDictionary dict;
  LogStringIndex index(0, 4096);
  const std::vector<std::string> strings = {"a", "b", "a"};
  addRecord(index, recordAdding(0, strings), 4096);
  for (const std::string& s : strings) dict.append(s);
  index.finish();
  EXPECT_EQ(index.suspects(), (std::vector<std::pair<uint32_t, uint32_t>>{{0, 2}}));
  ASSERT_TRUE(dict.adoptPending(std::move(index.table()), 0, 3, index.suspects()));
  EXPECT_EQ(dict.indexPending(), std::make_pair(0u, 2u));
}

// A record that does not follow the strings before, or does not read as a record, stops the
// index; a table of other ids than the pending ones is refused (the dictionary indexes them
// itself).
TEST(StringSlotsTest, AnIndexOfOtherIdsIsNotTaken) {
  LogStringIndex skipped(10, 4096);
  addRecord(skipped, recordAdding(11, {"x"}), 100);
  EXPECT_FALSE(skipped.usable());
  LogStringIndex cut(0, 4096);
  const std::string payload = recordAdding(0, {"abc"});
  cut.add(reinterpret_cast<const uint8_t*>(payload.data()), payload.size() - 1, 100);
  EXPECT_FALSE(cut.usable());

  StringDictionary dict;
  dict.append("one");
  dict.append("two");
  LogStringIndex partial(0, 4096);
  addRecord(partial, recordAdding(0, {"one"}), 100);
  partial.finish();
  EXPECT_FALSE(dict.adoptPending(std::move(partial.table()), 0, partial.endId(), {}));
  EXPECT_EQ(dict.pending(), 2u);
  dict.indexPending();
  EXPECT_EQ(dict.find("two"), 1u);
}

}  // namespace
}  // namespace silkgraph
