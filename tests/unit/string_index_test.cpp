// StringIndex (engine/string_index.h): the loaders' id lookups and the string dictionary.
// Keys of every length around the 8-byte prefix and the 16-byte tail word, differing in one
// byte anywhere, must be told apart; absent keys must be reported absent.
#include "engine/string_index.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>

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

}  // namespace
}  // namespace silkgraph
