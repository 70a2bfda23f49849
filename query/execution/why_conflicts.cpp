// Implements query/execution/why_conflicts.h.
#include "query/execution/why_conflicts.h"

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#include "query/execution/pair_numbers.h"
#include "query/execution/why_table.h"

namespace silkgraph {

namespace {

using Block = WhyTable::Block;

// What numbered conflicts refer to: one conflict found on its own (block null), or the pairs
// of a block not numbered before it, numbered first .. first + count - 1 in the block's order.
struct Entry {
  const Block* block = nullptr;
  RelId a = 0, b = 0;
  const FactConflict* what = nullptr;
  uint32_t first = 0, count = 0;
  std::vector<std::pair<uint32_t, uint32_t>> skips;  // (index in the block, number), by index
  // The number of the block's pair at `local`.
  uint32_t numberOf(uint32_t local) const {
    uint32_t before = 0;
    for (auto [at, number] : skips) {
      if (at == local) return number;
      if (at > local) break;
      ++before;
    }
    return first + local - before;
  }
  // The block's pair numbered first + k.
  uint32_t localOf(uint32_t k) const {
    uint32_t local = k;
    for (auto [at, number] : skips)
      if (at <= local) ++local;
    return local;
  }
};

// The conflicts of a result, made when read from the entries and the citation numbers of each
// citation set, with the table kept alive.
class TableConflicts : public Provenance::ConflictList::Source {
 public:
  TableConflicts(std::shared_ptr<const WhyTable> table, std::vector<Entry> entries,
                 std::vector<std::vector<uint32_t>> bySet, size_t size)
      : table_(std::move(table)),
        entries_(std::move(entries)),
        bySet_(std::move(bySet)),
        size_(size) {}
  size_t size() const override { return size_; }
  Provenance::Conflict at(size_t i) const override {
    const auto number = static_cast<uint32_t>(i + 1);
    auto it = std::upper_bound(entries_.begin(), entries_.end(), number,
                               [](uint32_t n, const Entry& e) { return n < e.first; });
    const Entry& e = *(it - 1);
    RelId a = e.a, b = e.b;
    const FactConflict* what = e.what;
    if (e.block) {
      const Block::Pair& p = e.block->pairs[e.localOf(number - e.first)];
      a = p.a;
      b = p.b;
      what = p.what;
    }
    return {what->subject, what->claim, what->otherClaim, numbers(a), numbers(b)};
  }

 private:
  std::vector<uint32_t> numbers(RelId r) const {
    const uint32_t set = r < table_->rels.size() ? table_->rels[r] & ~WhyTable::kConflict : 0;
    return set != 0 && set < bySet_.size() ? bySet_[set] : std::vector<uint32_t>{};
  }
  std::shared_ptr<const WhyTable> table_;
  std::vector<Entry> entries_;  // in number order, none empty
  std::vector<std::vector<uint32_t>> bySet_;
  size_t size_;
};

class Explainer {
 public:
  Explainer(const Graph& g, const ValidView* view, WhyIndex& index, Provenance& out)
      : g_(g), t_(*index.table()), view_(view), index_(index), out_(out) {}

  void row(const Value& list) {
    nums_.clear();
    ranges_.clear();
    lastSet_ = 0;
    if (list.type() == Value::Type::List) entities(list.asList());
    std::sort(nums_.begin(), nums_.end());
    nums_.erase(std::unique(nums_.begin(), nums_.end()), nums_.end());
    out_.rowSources.push_back(nums_);
    std::sort(ranges_.begin(), ranges_.end());
    std::vector<uint32_t> conflicts;
    uint32_t covered = 1;  // the numbers below are in `conflicts`
    for (auto [first, count] : ranges_) {
      for (uint32_t n = std::max(first, covered); n < first + count; ++n) conflicts.push_back(n);
      covered = std::max(covered, first + count);
    }
    out_.rowConflicts.push_back(std::move(conflicts));
  }

  // The sides' citations, numbered in conflict order (after every row's), and the list.
  void finish() {
    for (const Entry& e : entries_) {
      if (!e.block) {
        ofSet(setOf(e.a));
        ofSet(setOf(e.b));
      } else if (e.skips.empty()) {
        for (uint32_t s : e.block->sideSets) ofSet(s);
      } else {
        for (uint32_t k = 0; k < e.count; ++k) {
          const Block::Pair& p = e.block->pairs[e.localOf(k)];
          ofSet(setOf(p.a));
          ofSet(setOf(p.b));
        }
      }
    }
    std::vector<std::vector<uint32_t>> bySet(bySet_.size());
    for (size_t s = 0; s < bySet_.size(); ++s)
      if (done_[s]) bySet[s] = std::move(bySet_[s]);
    std::vector<Entry> numbered;  // the entries that number something, in number order
    for (Entry& e : entries_)
      if (e.count) numbered.push_back(std::move(e));
    if (next_ > 1)
      out_.conflicts.setSource(std::make_shared<TableConflicts>(
          index_.sharedTable(), std::move(numbered), std::move(bySet), next_ - 1));
  }

 private:
  uint32_t setOf(RelId r) const {
    return r < t_.rels.size() ? t_.rels[r] & ~WhyTable::kConflict : 0;
  }
  // The numbers of citation set `set` (numbered on first use, string by string).
  const std::vector<uint32_t>& ofSet(uint32_t set) {
    static const std::vector<uint32_t> kNone;
    if (set == 0) return kNone;
    if (set >= bySet_.size()) {
      bySet_.resize(set + 1);
      done_.resize(set + 1, false);
    }
    if (!done_[set]) {
      for (const std::string* c : t_.sets.strings(set)) {
        auto [at, added] = numbers_.emplace(*c, static_cast<uint32_t>(out_.sources.size() + 1));
        if (added) out_.sources.push_back(at->first);
        bySet_[set].push_back(at->second);
      }
      done_[set] = true;
    }
    return bySet_[set];
  }
  void addSet(uint32_t set) {
    if (set == 0 || set == lastSet_) return;
    lastSet_ = set;
    const auto& n = ofSet(set);
    nums_.insert(nums_.end(), n.begin(), n.end());
  }

  void entities(const ValueList& list) {
    for (const Value& e : list) {
      switch (e.type()) {
        case Value::Type::Node:
          addSet(e.asNode() < t_.nodes.size() ? t_.nodes[e.asNode()] : 0);
          break;
        case Value::Type::Rel:
          rel(e.asRel());
          break;
        case Value::Type::List:
          if (const Block* b = view_ ? nullptr : t_.block(e)) {
            block(*b);
          } else {
            entities(e.asList());  // not a block: its entities one by one
          }
          break;
        default:
          break;
      }
    }
  }

  void rel(RelId r) {
    if (r >= t_.rels.size()) return;
    addSet(setOf(r));
    if ((t_.rels[r] & WhyTable::kConflict) == 0) return;
    for (const FactConflict& c : t_.conflictsOf(g_, r)) {
      if (view_ && !view_->rel(c.other)) continue;  // a fact the view hides is no conflict
      ranges_.emplace_back(number(r, c), 1);
    }
  }

  // Where numbered blocks and pairs numbered one by one are found: by (node, direction) of
  // the rows they are in.
  static uint64_t at(NodeId n, Direction d) { return uint64_t{n} << 2 | static_cast<uint64_t>(d); }
  static bool typeFits(const Block& b, TypeId t) { return b.type == kNoType || b.type == t; }

  // The number of a pair met through a block already numbered, or 0.
  uint32_t inBlocks(RelId r, RelId other) const {
    if (blocksAt_.empty()) return 0;
    const TypeId t = g_.relType(r);
    // (A block in both directions is listed under each.)
    for (uint64_t where :
         {at(g_.relSource(r), Direction::Out), at(g_.relTarget(r), Direction::In)}) {
      auto it = blocksAt_.find(where);
      if (it == blocksAt_.end()) continue;
      for (size_t k : it->second) {
        const Entry& e = entries_[k];
        if (!typeFits(*e.block, t)) continue;
        const int64_t local = e.block->find(r, other);
        if (local >= 0) return e.numberOf(static_cast<uint32_t>(local));
      }
    }
    return 0;
  }

  uint32_t number(RelId r, const FactConflict& c) {
    const uint64_t key = PairNumbers::key(r, c.other);
    if (uint32_t n = single_.find(key)) return n;
    if (uint32_t n = inBlocks(r, c.other)) return n;
    bool added;
    const uint32_t n = single_.get(key, next_++, added);
    Entry e;
    e.a = r;
    e.b = c.other;
    e.what = &c;
    e.first = n;
    e.count = 1;
    if (!blockEntry_.empty()) pending(e);
    entries_.push_back(std::move(e));
    return n;
  }

  // Lists a pair numbered on its own where a block at its ends would find it (pendingAt_).
  void pending(const Entry& e) {
    const uint64_t key = PairNumbers::key(e.a, e.b);
    pendingAt_[at(g_.relSource(e.a), Direction::Out)].emplace_back(key, e.first);
    pendingAt_[at(g_.relTarget(e.a), Direction::In)].emplace_back(key, e.first);
  }

  void block(const Block& b) {
    for (uint32_t s : b.sets) addSet(s);
    if (b.pairs.empty()) return;
    // The pairs numbered on their own are listed by their ends once a block is met.
    if (blockEntry_.empty())
      for (const Entry& e : entries_) pending(e);
    auto [it, added] = blockEntry_.try_emplace(&b, SIZE_MAX);
    if (added) it->second = numberBlock(b);
    const Entry& e = entries_[it->second];
    if (e.count) ranges_.emplace_back(e.first, e.count);
    for (auto [local, n] : e.skips) ranges_.emplace_back(n, 1);
  }

  // Numbers the pairs of b not numbered yet, in its order; returns its entry.
  size_t numberBlock(const Block& b) {
    Entry e;
    e.block = &b;
    const uint64_t here = at(b.node, b.dir);
    // Another numbered block may share pairs with b only if it is in the other direction (or
    // both), or at the same node and direction (another type set or label): then each pair is
    // looked up; else only the pairs numbered one by one at b's node.
    const bool shared = b.dir == Direction::Both ||
                        (b.dir == Direction::Out ? numberedIn_ : numberedOut_) || numberedBoth_ ||
                        blocksAt_.count(here) != 0;
    if (shared) {
      for (uint32_t local = 0; local < b.pairs.size(); ++local) {
        const Block::Pair& p = b.pairs[local];
        uint32_t n = single_.find(PairNumbers::key(p.a, p.b));
        if (!n) n = inBlocks(p.a, p.b);
        if (n) e.skips.emplace_back(local, n);
      }
    } else if (auto it = pendingAt_.find(here); it != pendingAt_.end()) {
      for (auto [key, n] : it->second) {
        const int64_t local = b.find(static_cast<RelId>(key >> 32), static_cast<RelId>(key));
        if (local >= 0) e.skips.emplace_back(static_cast<uint32_t>(local), n);
      }
      std::sort(e.skips.begin(), e.skips.end());
    }
    e.first = next_;
    e.count = static_cast<uint32_t>(b.pairs.size() - e.skips.size());
    next_ += e.count;
    (b.dir == Direction::Out  ? numberedOut_
     : b.dir == Direction::In ? numberedIn_
                              : numberedBoth_) = true;
    const size_t k = entries_.size();
    blocksAt_[here].push_back(k);
    if (b.dir == Direction::Both) {
      blocksAt_[at(b.node, Direction::Out)].push_back(k);
      blocksAt_[at(b.node, Direction::In)].push_back(k);
    }
    entries_.push_back(std::move(e));
    return k;
  }

  const Graph& g_;
  const WhyTable& t_;
  const ValidView* view_;
  WhyIndex& index_;
  Provenance& out_;
  std::unordered_map<std::string, uint32_t> numbers_;  // citation numbers by text
  std::vector<std::vector<uint32_t>> bySet_;
  std::vector<bool> done_;
  uint32_t lastSet_ = 0;
  std::vector<uint32_t> nums_;                         // the row's citation numbers
  std::vector<std::pair<uint32_t, uint32_t>> ranges_;  // the row's conflicts: (first, count)
  uint32_t next_ = 1;                                  // the next conflict number
  PairNumbers single_;                                 // pairs numbered one by one
  std::vector<Entry> entries_;
  std::unordered_map<const Block*, size_t> blockEntry_;
  std::unordered_map<uint64_t, std::vector<size_t>> blocksAt_;
  // The pairs numbered on their own, by (node, direction) of each end (once a block is met).
  std::unordered_map<uint64_t, std::vector<std::pair<uint64_t, uint32_t>>> pendingAt_;
  bool numberedOut_ = false, numberedIn_ = false, numberedBoth_ = false;
};

}  // namespace

Provenance explainFromTable(const Graph& g, const std::vector<Value>& rowEntities,
                            const ValidView* view, WhyIndex& index) {
  Provenance out;
  out.rowSources.reserve(rowEntities.size());
  out.rowConflicts.reserve(rowEntities.size());
  Explainer explainer(g, view, index, out);
  for (const Value& list : rowEntities) explainer.row(list);
  explainer.finish();
  return out;
}

}  // namespace silkgraph
