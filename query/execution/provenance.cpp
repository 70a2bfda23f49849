// Implements query/execution/provenance.h.
#include "query/execution/provenance.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include "query/execution/conflicts.h"
#include "query/function/citations.h"

namespace silkgraph {

namespace {

class Numbering {
 public:
  Numbering(const Graph& g, Provenance& out, WhyIndex* index)
      : g_(g), key_(sourcesKey(g)), out_(out), index_(index && index->whole() ? index : nullptr) {}

  // Whether citation sets come from the whole-graph table (setOf, ofSet).
  bool bySet() const { return index_ != nullptr; }
  // The table's citation set of a node or relationship (0: none).
  uint32_t setOf(const Value& entity) {
    if (entity.type() == Value::Type::Node) return index_->node(entity.asNode()).citations;
    if (entity.type() == Value::Type::Rel) return index_->rel(entity.asRel()).citations;
    return 0;
  }

  // The citation numbers of a node or relationship.
  const std::vector<uint32_t>& of(const Value& entity) {
    if (index_) {  // by its citation set, from the whole-graph table
      if (entity.type() == Value::Type::Node) return ofSet(index_->node(entity.asNode()).citations);
      if (entity.type() == Value::Type::Rel) return ofSet(index_->rel(entity.asRel()).citations);
      return kNone;
    }
    auto it = cache_.find(entity);
    if (it != cache_.end()) return it->second;
    std::vector<std::string> citations;
    appendCitations(g_, key_, entity, citations);
    std::vector<uint32_t> nums;
    for (std::string& c : citations) nums.push_back(number(std::move(c)));
    return cache_.emplace(entity, std::move(nums)).first->second;
  }

 private:
  uint32_t number(std::string citation) {
    auto [at, added] =
        numbers_.emplace(std::move(citation), static_cast<uint32_t>(out_.sources.size() + 1));
    if (added) out_.sources.push_back(at->first);
    return at->second;
  }

 public:
  // The numbers of citation set `set` of the table (numbered as appendCitations would read
  // the strings of any entity that holds it).
  const std::vector<uint32_t>& ofSet(uint32_t set) {
    if (set == 0) return kNone;
    if (set >= bySet_.size()) {
      bySet_.resize(set + 1);
      done_.resize(set + 1, false);
    }
    if (!done_[set]) {
      for (const std::string* c : index_->table()->sets.strings(set))
        bySet_[set].push_back(number(*c));
      done_[set] = true;
    }
    return bySet_[set];
  }

 private:
  static inline const std::vector<uint32_t> kNone;
  const Graph& g_;
  KeyId key_;
  Provenance& out_;
  WhyIndex* index_;  // when it reads from a whole-graph table
  std::unordered_map<std::string, uint32_t> numbers_;
  std::unordered_map<Value, std::vector<uint32_t>, ValueHash, ValueIdentical> cache_;
  std::vector<std::vector<uint32_t>> bySet_;
  std::vector<bool> done_;
};

// Conflict numbers by their two sides (smaller id first, in one word), open addressing: a
// result may rest on tens of thousands of conflicts.
class PairNumbers {
 public:
  // The number of `pair`, or `next` (now its number) when it had none; `added` says which.
  uint32_t get(uint64_t pair, uint32_t next, bool& added) {
    if ((size_ + 1) * 2 > keys_.size()) grow();
    const size_t mask = keys_.size() - 1;
    for (size_t i = mix(pair) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == pair) {
        added = false;
        return numbers_[i];
      }
      if (keys_[i] == kEmpty) {
        keys_[i] = pair;
        numbers_[i] = next;
        ++size_;
        added = true;
        return next;
      }
    }
  }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};  // no pair: its smaller id is the larger
  static uint64_t mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    return k ^ (k >> 33);
  }
  void grow() {
    std::vector<uint64_t> keys = std::move(keys_);
    std::vector<uint32_t> numbers = std::move(numbers_);
    keys_.assign(keys.empty() ? 64 : keys.size() * 2, kEmpty);
    numbers_.assign(keys_.size(), 0);
    size_ = 0;
    bool added;
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != kEmpty) get(keys[i], numbers[i], added);
  }
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> numbers_;
  size_t size_ = 0;
};

void sortUnique(std::vector<uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

Provenance explainRows(const Graph& g, const std::vector<Value>& rowEntities, const ValidView* view,
                       WhyIndex* index) {
  Provenance out;
  Numbering numbering(g, out, index);
  // With the whole-graph table, conflicts are described once for all statements (kept in the
  // table); else compared here, once per relationship.
  const WhyTable* table = numbering.bySet() ? index->table() : nullptr;
  std::unordered_map<RelId, std::vector<FactConflict>> conflictCache;
  PairNumbers conflictNumber;
  std::vector<std::pair<RelId, RelId>> conflictFacts;  // per conflict: its two sides
  out.rowSources.reserve(rowEntities.size());
  out.rowConflicts.reserve(rowEntities.size());
  for (const Value& list : rowEntities) {
    std::vector<uint32_t> nums, conflicts;
    uint32_t lastSet = 0;  // with the table: the citation set just added (0: none yet)
    if (list.type() == Value::Type::List) {
      for (const Value& e : list.asList()) {
        if (table) {
          const uint32_t set = numbering.setOf(e);
          if (set != 0 && set != lastSet) {
            const auto& n = numbering.ofSet(set);
            nums.insert(nums.end(), n.begin(), n.end());
            lastSet = set;
          }
        } else {
          const auto& n = numbering.of(e);
          nums.insert(nums.end(), n.begin(), n.end());
        }
        if (e.type() != Value::Type::Rel) continue;
        const RelId r = e.asRel();
        const std::vector<FactConflict>* found;
        if (table) {
          if (!index->rel(r).conflict) continue;
          found = &table->conflictsOf(g, r);
        } else {
          auto it = conflictCache.find(r);
          if (it == conflictCache.end()) {
            auto all =
                index ? conflictsOf(g, r, view, &index->partners(r)) : conflictsOf(g, r, view);
            it = conflictCache.emplace(r, std::move(all)).first;
          }
          found = &it->second;
        }
        for (const FactConflict& c : *found) {
          if (view && !view->rel(c.other)) continue;  // a fact the view hides is no conflict
          auto [lo, hi] = std::minmax(r, c.other);
          bool added;
          const uint32_t number = conflictNumber.get(
              uint64_t{lo} << 32 | hi, static_cast<uint32_t>(out.conflicts.size() + 1), added);
          if (added) {
            out.conflicts.push_back({c.subject, c.claim, c.otherClaim, {}, {}});
            conflictFacts.emplace_back(r, c.other);
          }
          conflicts.push_back(number);
        }
      }
    }
    sortUnique(nums);
    sortUnique(conflicts);
    out.rowSources.push_back(std::move(nums));
    out.rowConflicts.push_back(std::move(conflicts));
  }
  for (size_t i = 0; i < out.conflicts.size(); ++i) {
    out.conflicts[i].sourcesA = numbering.of(Value(RelRef{conflictFacts[i].first}));
    out.conflicts[i].sourcesB = numbering.of(Value(RelRef{conflictFacts[i].second}));
  }
  return out;
}

}  // namespace silkgraph
