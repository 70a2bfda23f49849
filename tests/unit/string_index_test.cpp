// StringIndex (engine/string_index.h): the loaders' id lookups and the string dictionary.
// Keys of every length around the 8-byte prefix and the 16-byte tail word, differing in one
// byte anywhere, must be told apart; absent keys must be reported absent. The hash's low bits,
// which pick a key's slot, must spread numbered keys as a random function would.
#include "engine/string_index.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

namespace silkgraph {
namespace {

TEST(StringIndexTest, TellsApartKeysThatDifferInAnyByte) {
  StringIndex index;
  std::deque<std::string> keys;  // stable storage: the index keeps views
  const std::string base = "Republic of Kazakhstan, Central Asia";
  for (size_t len = 0; len <= base.size(); ++len) {
    keys.push_back(base.substr(0, len));
    for (size_t at = 0; at < len; ++at) {
      std::string k = base.substr(0, len);
      k[at] = '#';
      keys.push_back(k);
    }
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    if (index.find(keys[i]) != StringIndex::kNone) continue;  // duplicates of '#' edits
    index.insert(keys[i], static_cast<uint32_t>(i));
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    uint32_t v = index.find(keys[i]);
    ASSERT_NE(v, StringIndex::kNone) << keys[i];
    EXPECT_EQ(keys[v], keys[i]);
    std::string_view stored;
    index.find(keys[i], &stored);
    EXPECT_EQ(stored, keys[i]);
  }
  for (size_t len = 1; len <= base.size(); ++len) {
    std::string k = base.substr(0, len);
    k[len - 1] = '!';  // never inserted
    EXPECT_EQ(index.find(k), StringIndex::kNone) << k;
  }
  EXPECT_EQ(index.find(base + "."), StringIndex::kNone);
}

// Tables are powers of two and take the slot from the hash's low bits. 100,000 numbered keys
// thrown at random into 65,536 buckets fill 65,536 * (1 - e^-1.53) = 51,300 of them; the hash
// before 2026-12-05 filled 980-2,750 with these families (its low bits followed few of the
// key's bytes), so inserts probed 11 slots at half load instead of 1.5.
TEST(StringIndexTest, LowBitsOfTheHashSpreadNumberedKeys) {
  for (const char* family : {"item ", "N", "Nation ", "Q", "2024-01-"}) {
    std::vector<bool> seen(1 << 16);
    size_t buckets = 0;
    for (int i = 0; i < 100'000; ++i) {
      const uint64_t b = StringIndex::hash(family + std::to_string(i)) & 0xFFFF;
      if (!seen[b]) ++buckets;
      seen[b] = true;
    }
    EXPECT_GT(buckets, 50'000u) << family;
  }
}

}  // namespace
}  // namespace silkgraph
