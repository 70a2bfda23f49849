// SortOp: ORDER BY, or top-K when SKIP + LIMIT bound it (a heap of the best rows).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "query/execution/operators/operator.h"

namespace silkgraph {

// ORDER BY, with an optional bound (SKIP + LIMIT) that keeps only the top rows.
class SortOp final : public Operator {
 public:
  SortOp(std::vector<std::pair<const BoundExpr*, bool>> keys, int64_t topK)
      : keys_(std::move(keys)), topK_(topK) {}
  bool push(Row& row) override { return insert(row, false); }
  bool pushOwned(Row& row) override { return insert(row, true); }
  bool finish() override;
  std::string describe() const override;
  const std::vector<std::pair<const BoundExpr*, bool>>& keys() const { return keys_; }
  int64_t topK() const { return topK_; }
  // Keep only the first k rows (-1: all); set by the optimizer's top_k pass.
  void setTopK(int64_t k) { topK_ = k; }
  // Where to publish the K-th first key once K rows are held (see TopBound).
  void publishBound(std::shared_ptr<TopBound> bound) { bound_ = std::move(bound); }

 private:
  // Sort keys, the first ones inline (no allocation per row for up to three keys).
  struct Keys {
    static constexpr size_t kInline = 3;
    Value small[kInline];
    std::vector<Value> more;
    void resize(size_t n) {
      if (n > kInline) more.resize(n - kInline);
    }
    Value& operator[](size_t i) { return i < kInline ? small[i] : more[i - kInline]; }
    const Value& operator[](size_t i) const { return i < kInline ? small[i] : more[i - kInline]; }
    void swap(Keys& o) {
      for (size_t i = 0; i < kInline; ++i) std::swap(small[i], o.small[i]);
      more.swap(o.more);
    }
  };
  struct Entry {
    Keys key;
    Row row;
    uint64_t seq = 0;  // arrival order, for a stable sort
  };
  bool insert(Row& row, bool owned);
  // Counts a kept row and its keys against the statement's memory limit.
  void holdEntry(const Row& row);
  bool less(const Entry& a, const Entry& b) const;
  std::vector<std::pair<const BoundExpr*, bool>> keys_;
  int64_t topK_;
  std::vector<Entry> entries_;
  Entry scratch_;  // keys of the row being pushed, reused to avoid an allocation per row
  uint64_t seq_ = 0;
  std::shared_ptr<TopBound> bound_;
  void publish();
};

}  // namespace silkgraph
