// The lock-free stores of the whole-graph table (query/execution/why_slots.h): every element
// found where it was put, across page and chunk boundaries, and nothing where none was put.
#include "query/execution/why_slots.h"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

using namespace silkgraph;

TEST(WhySlots, EachIdKeepsItsPointerAcrossPages) {
  std::vector<int> values(5000);
  WhySlots<int> slots(values.size());
  for (size_t id = 0; id < values.size(); id += 3) slots.set(id, &values[id]);
  for (size_t id = 0; id < values.size(); ++id)
    EXPECT_EQ(slots.get(id), id % 3 == 0 ? &values[id] : nullptr) << id;
  slots.set(6000, &values[0]);  // past the limit's last page: not kept
  EXPECT_EQ(slots.get(6000), nullptr);
  EXPECT_EQ(slots.get(1u << 30), nullptr);
}

TEST(WhyChunks, ElementsKeepTheirNumberAndAddress) {
  WhyChunks<std::vector<int>> chunks;
  std::vector<const std::vector<int>*> at;
  for (int i = 0; i < 1000; ++i) {  // chunks of 16, 32, ..., 512
    EXPECT_EQ(chunks.get(static_cast<size_t>(i)), nullptr);
    std::vector<int>& e = chunks.add();
    e.assign(1, i);
    chunks.publish();
    at.push_back(&e);
  }
  ASSERT_EQ(chunks.size(), 1000u);
  for (size_t i = 0; i < at.size(); ++i) {
    ASSERT_EQ(chunks.get(i), at[i]) << i;
    EXPECT_EQ(chunks.get(i)->at(0), static_cast<int>(i));
  }
}

TEST(WhyKeyedSlots, KeysApartAndNoneAfterTheLast) {
  WhyKeyedSlots<std::tuple<int, int>, int> keyed;
  int a = 1, b = 2;
  EXPECT_EQ(keyed.find({1, 2}), nullptr);
  keyed.add({1, 2}, 10)->set(3, &a);
  keyed.add({2, 1}, 10)->set(3, &b);
  EXPECT_EQ(keyed.find({1, 2})->get(3), &a);
  EXPECT_EQ(keyed.find({2, 1})->get(3), &b);
  EXPECT_EQ(keyed.add({1, 2}, 10), keyed.find({1, 2}));
  int made = 2;
  while (keyed.add({100 + made, 0}, 1) != nullptr) ++made;
  EXPECT_EQ(made, 32);  // kKeys: past them the owner keeps to its locked path
  EXPECT_EQ(keyed.find({100 + made, 0}), nullptr);
}

TEST(WhyChunks, AResetMakesItsElementsAnew) {
  WhyChunks<std::vector<int>> chunks;
  for (int i = 0; i < 40; ++i) {
    chunks.add().assign(3, i);
    chunks.publish();
  }
  chunks.reset();
  EXPECT_EQ(chunks.size(), 0u);
  EXPECT_EQ(chunks.get(0), nullptr);
  std::vector<int>& again = chunks.add();
  EXPECT_TRUE(again.empty());  // not what the first round left there
  chunks.publish();
  EXPECT_EQ(chunks.get(0), &again);
}
