// LabelSets (label_sets.h): interning, freeing and the database file's packed form.
#include "engine/label_sets.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "common/hash.h"
#include "engine/error.h"

namespace silkgraph {

uint64_t LabelSets::hashOf(uint64_t low, std::span<const LabelSetLabel> high) const {
  return hash::xxh64(high.data(), high.size_bytes(), low);
}

uint32_t LabelSets::find(uint64_t low, std::span<const LabelSetLabel> high, uint64_t hash) const {
  auto [it, end] = index_.equal_range(hash);
  for (; it != end; ++it) {
    const LabelSet& e = sets_[it->second];
    if (e.low == low && std::ranges::equal(highOf(e), high)) return it->second;
  }
  return kMissing;
}

// `high` must not point into high_ (it may move).
uint32_t LabelSets::intern(uint64_t low, std::span<const LabelSetLabel> high) {
  if (low == 0 && high.empty()) return 0;
  if (high.empty() && low == lastLow_ && lastLowSet_ != kMissing) return lastLowSet_;
  const uint64_t hash = hashOf(low, high);
  if (uint32_t id = find(low, high, hash); id != kMissing) {
    if (high.empty()) std::tie(lastLow_, lastLowSet_) = std::pair(low, id);
    return id;
  }
  if (garbage_ > 4096 && garbage_ > high_.size() / 2) compactHigh();
  if (high_.size() + high.size() > UINT32_MAX)
    throw Error(ErrorKind::MemoryLimitExceeded,
                "too many labels: the distinct label sets of the graph's nodes hold more than " +
                    std::to_string(UINT32_MAX) + " labels of id 64 or more");
  LabelSet e{low, static_cast<uint32_t>(high_.size()), static_cast<uint32_t>(high.size())};
  high_.resize(high_.size() + high.size());
  std::copy(high.begin(), high.end(), high_.begin() + e.begin);
  uint32_t id;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
    sets_[id] = e;
  } else {
    id = static_cast<uint32_t>(sets_.size());
    sets_.push_back(e);
    users_.push_back(0);
  }
  index_.emplace(hash, id);
  if (high.empty()) std::tie(lastLow_, lastLowSet_) = std::pair(low, id);
  return id;
}

uint32_t LabelSets::with(uint32_t s, LabelSetLabel l) {
  if (has(s, l)) return s;
  const LabelSet& e = sets_[s];
  uint64_t low = e.low;
  scratch_.assign(highOf(e).begin(), highOf(e).end());
  if (l < 64)
    low |= uint64_t{1} << l;
  else
    scratch_.insert(std::lower_bound(scratch_.begin(), scratch_.end(), l), l);
  return intern(low, scratch_);
}

uint32_t LabelSets::without(uint32_t s, LabelSetLabel l) {
  if (!has(s, l)) return s;
  const LabelSet& e = sets_[s];
  uint64_t low = e.low;
  scratch_.assign(highOf(e).begin(), highOf(e).end());
  if (l < 64)
    low &= ~(uint64_t{1} << l);
  else
    scratch_.erase(std::lower_bound(scratch_.begin(), scratch_.end(), l));
  return intern(low, scratch_);
}

uint32_t LabelSets::withAll(uint32_t s, std::span<const LabelSetLabel> labels) {
  const LabelSet& e = sets_[s];
  uint64_t low = e.low;
  scratch_.assign(highOf(e).begin(), highOf(e).end());
  for (LabelSetLabel l : labels) {
    if (l < 64)
      low |= uint64_t{1} << l;
    else
      scratch_.push_back(l);
  }
  std::sort(scratch_.begin(), scratch_.end());
  scratch_.erase(std::unique(scratch_.begin(), scratch_.end()), scratch_.end());
  return intern(low, scratch_);
}

uint32_t LabelSets::fromBits(std::span<const uint64_t> words) {
  scratch_.clear();
  for (size_t w = 1; w < words.size(); ++w)
    for (uint64_t bits = words[w]; bits != 0; bits &= bits - 1)
      scratch_.push_back(static_cast<LabelSetLabel>(w * 64 + std::countr_zero(bits)));
  return intern(words.empty() ? 0 : words[0], scratch_);
}

void LabelSets::release(uint32_t s) {
  if (s == lastLowSet_) lastLowSet_ = kMissing;
  const LabelSet e = sets_[s];
  auto [it, end] = index_.equal_range(hashOf(e.low, highOf(e)));
  for (; it != end; ++it) {
    if (it->second == s) {
      index_.erase(it);
      break;
    }
  }
  garbage_ += e.count;
  sets_[s] = LabelSet{};
  free_.push_back(s);
}

void LabelSets::compactHigh() {
  MappedArray<LabelSetLabel> fresh;
  fresh.reserve(high_.size() - std::min(garbage_, high_.size()));
  for (LabelSet& e : sets_) {
    if (e.count == 0) continue;
    const auto begin = static_cast<uint32_t>(fresh.size());
    fresh.resize(fresh.size() + e.count);
    std::copy_n(high_.begin() + e.begin, e.count, fresh.begin() + begin);
    e.begin = begin;
  }
  high_ = std::move(fresh);
  garbage_ = 0;
}

LabelSets::Packed LabelSets::packed() const {
  Packed p;
  std::vector<bool> freed(sets_.size(), false);
  for (uint32_t s : free_) freed[s] = true;
  p.renumbered = !free_.empty();
  p.remap.assign(sets_.size(), 0);
  p.sets.reserve(sets_.size() - free_.size());
  for (size_t s = 0; s < sets_.size(); ++s) {
    if (freed[s]) continue;
    p.remap[s] = static_cast<uint32_t>(p.sets.size());
    LabelSet e = sets_[s];
    std::span<const LabelSetLabel> high = highOf(e);
    e.begin = static_cast<uint32_t>(p.high.size());
    p.high.insert(p.high.end(), high.begin(), high.end());
    p.sets.push_back(e);
  }
  return p;
}

std::string LabelSets::restore(MappedArray<LabelSet> sets, MappedArray<LabelSetLabel> high,
                               size_t labelLimit, std::span<const uint32_t> nodeSets) {
  if (sets.empty() || sets[0].low != 0 || sets[0].count != 0)
    return "label set 0 is missing or not the empty set";
  LabelSets t;
  t.users_.assign(sets.size(), 0);
  for (uint32_t s : nodeSets) {
    if (s >= sets.size()) return "a node refers to a label set that does not exist";
    ++t.users_[s];
  }
  t.users_[0] = 0;
  size_t used = 0;
  for (size_t s = 1; s < sets.size(); ++s) {
    const LabelSet& e = sets[s];
    if (uint64_t{e.begin} + e.count > high.size())
      return "label set #" + std::to_string(s) + " reaches past the label list";
    if (t.users_[s] == 0) return "label set #" + std::to_string(s) + " is carried by no node";
    const std::span<const LabelSetLabel> list(high.data() + e.begin, e.count);
    for (size_t i = 0; i < list.size(); ++i)
      if (list[i] < 64 || (i > 0 && list[i] <= list[i - 1]))
        return "the labels of label set #" + std::to_string(s) + " are not ascending from 64";
    const size_t limit = list.empty() ? static_cast<size_t>(std::bit_width(e.low))
                                      : static_cast<size_t>(list.back()) + 1;
    if (limit > labelLimit) return "label set #" + std::to_string(s) + " holds an unknown label";
    used += e.count;
  }
  t.sets_ = std::move(sets);
  t.high_ = std::move(high);
  for (uint32_t s = 1; s < t.sets_.size(); ++s) {
    const LabelSet& e = t.sets_[s];
    const uint64_t hash = t.hashOf(e.low, t.highOf(e));
    if ((e.low == 0 && e.count == 0) || t.find(e.low, t.highOf(e), hash) != kMissing)
      return "label set #" + std::to_string(s) + " is stored twice";
    t.index_.emplace(hash, s);
  }
  t.garbage_ = t.high_.size() > used ? t.high_.size() - used : 0;
  *this = std::move(t);
  return {};
}

size_t LabelSets::bytes() const {
  return sets_.capacity() * sizeof(LabelSet) + high_.capacity() * sizeof(LabelSetLabel) +
         users_.capacity() * sizeof(uint32_t) + free_.capacity() * sizeof(uint32_t) +
         scratch_.capacity() * sizeof(LabelSetLabel) + index_.bucket_count() * sizeof(void*) +
         index_.size() * (sizeof(std::pair<uint64_t, uint32_t>) + 2 * sizeof(void*));
}

}  // namespace silkgraph
