// Implements SortOp (query/execution/operators/sort.h).
#include "query/execution/operators/sort.h"

#include <algorithm>

namespace silkgraph {

bool SortOp::less(const Entry& a, const Entry& b) const {
  for (size_t i = 0; i < keys_.size(); ++i) {
    int c = Value::orderCompare(a.key[i], b.key[i]);
    if (c != 0) return keys_[i].second ? c > 0 : c < 0;
  }
  return a.seq < b.seq;  // stable: earlier rows first among equals
}

bool SortOp::insert(Row& row, bool owned) {
  ctx->poll();
  scratch_.key.resize(keys_.size());
  scratch_.seq = seq_++;
  auto cmp = [this](const Entry& a, const Entry& b) { return less(a, b); };
  if (topK_ >= 0 && topK_ > 0 && entries_.size() == static_cast<size_t>(topK_)) {
    // Top-K with a full heap: evaluate sort keys one at a time and drop the row as soon as it
    // is known to rank after the current K-th row (most rows leave after the first key).
    const Entry& worst = entries_.front();
    size_t i = 0;
    for (; i < keys_.size(); ++i) {
      scratch_.key[i] = evaluate(*keys_[i].first, row, *ctx);
      int c = Value::orderCompare(scratch_.key[i], worst.key[i]);
      if (keys_[i].second) c = -c;
      if (c > 0) return true;
      if (c < 0) break;
    }
    if (i == keys_.size()) return true;  // equal keys: the earlier row stays
    for (++i; i < keys_.size(); ++i) scratch_.key[i] = evaluate(*keys_[i].first, row, *ctx);
  } else {
    for (size_t i = 0; i < keys_.size(); ++i)
      scratch_.key[i] = evaluate(*keys_[i].first, row, *ctx);
  }
  if (topK_ >= 0) {
    // Top-K: a max-heap of the best K rows seen so far; a row that cannot enter is not copied.
    if (topK_ == 0) return true;
    if (entries_.size() == static_cast<size_t>(topK_)) {
      std::pop_heap(entries_.begin(), entries_.end(), cmp);
      entries_.back().key.swap(scratch_.key);
      entries_.back().seq = scratch_.seq;
      if (owned) {
        entries_.back().row.swap(row);
      } else {
        entries_.back().row = row;
      }
      std::push_heap(entries_.begin(), entries_.end(), cmp);
      publish();
      return true;
    }
    holdEntry(row);
    entries_.push_back(Entry{scratch_.key, owned ? std::move(row) : row, scratch_.seq});
    std::push_heap(entries_.begin(), entries_.end(), cmp);
    publish();
    return true;
  }
  holdEntry(row);
  entries_.push_back(Entry{scratch_.key, owned ? std::move(row) : row, scratch_.seq});
  return true;
}

void SortOp::holdEntry(const Row& row) {
  if (!ctx->limits.accounting()) return;
  ctx->hold(row);
  for (size_t i = 0; i < keys_.size(); ++i) ctx->hold(scratch_.key[i]);
}

void SortOp::publish() {
  if (!bound_ || entries_.size() != static_cast<size_t>(topK_)) return;
  bound_->descending = keys_[0].second;
  bound_->bound = entries_.front().key[0];
  bound_->active = true;
}

bool SortOp::finish() {
  // Sorts positions, not the entries (each holds a row and its keys).
  std::vector<uint32_t> order(entries_.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [this](uint32_t a, uint32_t b) { return less(entries_[a], entries_[b]); });
  for (uint32_t i : order) {
    if (!next->pushOwned(entries_[i].row)) break;
  }
  entries_.clear();
  return next->finish();
}

std::string SortOp::describe() const {
  return topK_ >= 0 ? "Top (" + std::to_string(topK_) + ")" : "Sort";
}

}  // namespace silkgraph
