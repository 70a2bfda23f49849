// Implements query/execution/why_conflicts.h.
#include "query/execution/why_conflicts.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <memory>
#include <numeric>
#include <span>
#include <string>
#include <utility>

#include "query/execution/why_table.h"

namespace silkgraph {

namespace {

using Block = WhyTable::Block;

// Numbers citations by their text: `sources` gets the distinct texts of the strings of
// `used` (citation sets), ascending, and bySet[set] the numbers of a used set's strings.
void numberCitations(const CitationSets& sets, const std::vector<uint32_t>& used,
                     std::vector<std::string>& sources, std::vector<std::vector<uint32_t>>& bySet) {
  std::vector<const std::string*> all;
  uint32_t top = 0;
  for (uint32_t set : used) {
    top = std::max(top, set);
    for (const std::string* c : sets.strings(set)) all.push_back(c);
  }
  auto less = [](const std::string* a, const std::string* b) { return *a < *b; };
  std::sort(all.begin(), all.end(), less);
  for (size_t i = 0; i < all.size(); ++i)
    if (i == 0 || *all[i] != *all[i - 1]) sources.push_back(*all[i]);
  bySet.assign(used.empty() ? 0 : top + 1, {});
  for (uint32_t set : used) {
    std::vector<uint32_t>& n = bySet[set];
    for (const std::string* c : sets.strings(set))
      n.push_back(static_cast<uint32_t>(std::lower_bound(sources.begin(), sources.end(), *c) -
                                        sources.begin() + 1));
    std::sort(n.begin(), n.end());
    n.erase(std::unique(n.begin(), n.end()), n.end());
  }
}

// The conflicts of a result, made when read from the table's descriptions (the ranks of the
// pairs it holds, ascending) and the citation numbers of each citation set, with the table
// kept alive.
class TableConflicts : public Provenance::ConflictList::Source {
 public:
  TableConflicts(std::shared_ptr<const WhyTable> table, std::vector<uint32_t> ranks,
                 std::vector<std::vector<uint32_t>> bySet)
      : table_(std::move(table)), ranks_(std::move(ranks)), bySet_(std::move(bySet)) {}
  size_t size() const override { return ranks_.size(); }
  Provenance::Conflict at(size_t i) const override {
    const uint64_t key = table_->pairKeys[ranks_[i]];
    const auto a = static_cast<RelId>(key >> 32), b = static_cast<RelId>(key);
    for (const FactConflict& c : table_->described(a))
      if (c.other == b) return {c.subject, c.claim, c.otherClaim, numbers(a), numbers(b)};
    return {};  // not reached: a ranked pair is described by its smaller id
  }

 private:
  std::vector<uint32_t> numbers(RelId r) const {
    const uint32_t set = r < table_->rels.size() ? table_->rels[r] & ~WhyTable::kConflict : 0;
    return set != 0 && set < bySet_.size() ? bySet_[set] : std::vector<uint32_t>{};
  }
  std::shared_ptr<const WhyTable> table_;
  std::vector<uint32_t> ranks_;
  std::vector<std::vector<uint32_t>> bySet_;
};

class Explainer {
 public:
  Explainer(const Graph& g, const ValidView* view, WhyIndex& index, Provenance& out, size_t rows)
      : g_(g), t_(*index.table()), view_(view), index_(index), out_(out) {
    // One allocation each, not one per doubling (a statement of a few rows pays for these).
    setStart_.reserve(rows + 1);
    rankStart_.reserve(rows + 1);
    blockStart_.reserve(rows + 1);
    sets_.reserve(rows);
  }

  void row(const Value& list) {
    lastSet_ = 0;
    setStart_.push_back(sets_.size());
    rankStart_.push_back(ranks_.size());
    blockStart_.push_back(blocks_.size());
    if (list.type() == Value::Type::List) {
      entities(list.asList());
    } else {
      entities(std::span<const Value>(&list, 1));  // one node or relationship on its own
    }
  }

  // Numbers the citations by text and the conflicts by rank, and fills in the rows.
  void finish() {
    setStart_.push_back(sets_.size());
    rankStart_.push_back(ranks_.size());
    blockStart_.push_back(blocks_.size());
    std::vector<std::vector<uint32_t>> bySet;
    numberCitations(t_.sets, usedSets_, out_.sources, bySet);
    const size_t rows = setStart_.size() - 1;
    for (size_t i = 0; i < rows; ++i) {
      // A row that brings the same citation sets as the row before it shares its numbers.
      if (i > 0 && std::equal(sets_.begin() + static_cast<ptrdiff_t>(setStart_[i]),
                              sets_.begin() + static_cast<ptrdiff_t>(setStart_[i + 1]),
                              sets_.begin() + static_cast<ptrdiff_t>(setStart_[i - 1]),
                              sets_.begin() + static_cast<ptrdiff_t>(setStart_[i]))) {
        out_.rowSources.pushSame();
        continue;
      }
      std::vector<uint32_t> nums;
      for (size_t k = setStart_[i]; k < setStart_[i + 1]; ++k) {
        const auto& n = bySet[sets_[k]];
        nums.insert(nums.end(), n.begin(), n.end());
      }
      sortUnique(nums);
      out_.rowSources.push_back(std::move(nums));
    }
    // A conflict's number: 1 + the ranks the result holds below it.
    std::vector<uint32_t> held;  // those ranks, ascending
    if (const Block* sole = soleBlock()) {
      // One block holds every conflict of the result (a two-hop union, WhyTable::twoHops): its
      // ranks are the result's, and a row that holds it holds them all.
      held = sole->ranks;
      for (size_t i = 0; i < rows; ++i) {
        if (blockStart_[i + 1] == blockStart_[i]) {
          out_.rowConflicts.push_back(numbered(i, held));
          continue;
        }
        std::vector<uint32_t> all(held.size());
        std::iota(all.begin(), all.end(), 1);
        out_.rowConflicts.push_back(std::move(all));
      }
    } else if (ranks_.size() + blockRanks_ <= t_.pairKeys.size() / 64) {
      // Few (most statements): a sorted list, each number found by a search.
      held = ranks_;
      for (const Block* b : blocks_) held.insert(held.end(), b->ranks.begin(), b->ranks.end());
      sortUnique(held);
      for (size_t i = 0; i < rows; ++i) out_.rowConflicts.push_back(numbered(i, held));
    } else {
      numberThroughBitmaps(rows, held);
    }
    if (!held.empty())
      out_.conflicts.setSource(std::make_shared<TableConflicts>(index_.sharedTable(),
                                                                std::move(held), std::move(bySet)));
  }

 private:
  static void sortUnique(std::vector<uint32_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  // The block with conflicts that every row holding one holds, if the result's other ranks
  // are all among its own; else null.
  const Block* soleBlock() const {
    if (blocks_.empty()) return nullptr;
    const Block* b = blocks_[0];
    for (const Block* other : blocks_)
      if (other != b) return nullptr;
    for (uint32_t r : ranks_)
      if (!std::binary_search(b->ranks.begin(), b->ranks.end(), r)) return nullptr;
    return b;
  }
  // Row i's ranks (its own and its blocks'), sorted, each once.
  std::vector<uint32_t> rowRanks(size_t i) const {
    std::vector<uint32_t> out(ranks_.begin() + static_cast<ptrdiff_t>(rankStart_[i]),
                              ranks_.begin() + static_cast<ptrdiff_t>(rankStart_[i + 1]));
    for (size_t k = blockStart_[i]; k < blockStart_[i + 1]; ++k)
      out.insert(out.end(), blocks_[k]->ranks.begin(), blocks_[k]->ranks.end());
    sortUnique(out);
    return out;
  }
  // How many ranks row i holds (with repeats).
  size_t rowRankCount(size_t i) const {
    size_t n = rankStart_[i + 1] - rankStart_[i];
    for (size_t k = blockStart_[i]; k < blockStart_[i + 1]; ++k) n += blocks_[k]->ranks.size();
    return n;
  }
  // Marks row i's ranks (all rows: i == SIZE_MAX) in `bits`.
  void mark(size_t i, std::vector<uint64_t>& bits) const {
    const size_t r0 = i == SIZE_MAX ? 0 : rankStart_[i],
                 r1 = i == SIZE_MAX ? ranks_.size() : rankStart_[i + 1];
    const size_t b0 = i == SIZE_MAX ? 0 : blockStart_[i],
                 b1 = i == SIZE_MAX ? blocks_.size() : blockStart_[i + 1];
    for (size_t k = r0; k < r1; ++k) bits[ranks_[k] / 64] |= uint64_t{1} << (ranks_[k] % 64);
    for (size_t k = b0; k < b1; ++k)
      for (uint32_t r : blocks_[k]->ranks) bits[r / 64] |= uint64_t{1} << (r % 64);
  }
  // Row i's conflict numbers, by a search of each of its ranks in `held`.
  std::vector<uint32_t> numbered(size_t i, const std::vector<uint32_t>& held) const {
    std::vector<uint32_t> out = rowRanks(i);
    for (uint32_t& r : out)
      r = static_cast<uint32_t>(std::lower_bound(held.begin(), held.end(), r) - held.begin() + 1);
    return out;
  }
  // The bits set in x, inline (std::popcount is a libgcc call without -mpopcnt).
  static uint32_t ones(uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555ULL;
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return static_cast<uint32_t>((x * 0x0101010101010101ULL) >> 56);
  }
  // finish() for a result that holds many conflicts: a bitmap of the ranks it holds, and one
  // of each row's, numbered word by word (a word a row holds whole of the result's is a run
  // of numbers: one row that holds them all writes 1, 2, ..., n).
  void numberThroughBitmaps(size_t rows, std::vector<uint32_t>& held) {
    const size_t words = (t_.pairKeys.size() + 63) / 64;
    std::vector<uint64_t> used(words, 0), mine(words, 0);
    mark(SIZE_MAX, used);
    std::vector<uint32_t> before(words + 1, 0);  // the numbers below each word
    for (size_t w = 0; w < words; ++w) before[w + 1] = before[w] + ones(used[w]);
    held.resize(before[words]);
    for (size_t w = 0; w < words; ++w) {
      uint32_t* at = held.data() + before[w];
      for (uint64_t bits = used[w]; bits != 0; bits &= bits - 1)
        *at++ = static_cast<uint32_t>(w * 64 + static_cast<size_t>(std::countr_zero(bits)));
    }
    // Appends the numbers first + 1 ..= last.
    auto run = [](std::vector<uint32_t>& out, uint32_t first, uint32_t last) {
      const size_t n = out.size();
      out.resize(n + (last - first));
      std::iota(out.begin() + static_cast<ptrdiff_t>(n), out.end(), first + 1);
    };
    for (size_t i = 0; i < rows; ++i) {
      std::vector<uint32_t> conflicts;
      if (rows == 1) {  // the only row holds every conflict of the result
        run(conflicts, 0, before[words]);
        out_.rowConflicts.push_back(std::move(conflicts));
        continue;
      }
      if (rowRankCount(i) <= words) {  // few in this row: counted below each
        conflicts = rowRanks(i);
        for (uint32_t& r : conflicts)
          r = before[r / 64] + ones(used[r / 64] & ((uint64_t{1} << (r % 64)) - 1)) + 1;
        out_.rowConflicts.push_back(std::move(conflicts));
        continue;
      }
      std::fill(mine.begin(), mine.end(), 0);
      mark(i, mine);
      conflicts.reserve(std::min(rowRankCount(i), held.size()));
      for (size_t w = 0; w < words; ++w) {
        if (mine[w] == 0) continue;
        if (mine[w] == used[w]) {
          run(conflicts, before[w], before[w + 1]);
          continue;
        }
        uint32_t n = before[w];
        for (uint64_t bits = used[w]; bits != 0; bits &= bits - 1) {
          ++n;
          if ((mine[w] & (bits & (~bits + 1))) != 0) conflicts.push_back(n);
        }
      }
      out_.rowConflicts.push_back(std::move(conflicts));
    }
  }
  uint32_t setOf(RelId r) const {
    return r < t_.rels.size() ? t_.rels[r] & ~WhyTable::kConflict : 0;
  }
  void use(uint32_t set) {
    if (set == 0) return;
    if (set / 64 >= setUsed_.size()) setUsed_.resize(set / 64 + 1, 0);
    uint64_t& word = setUsed_[set / 64];
    const uint64_t bit = uint64_t{1} << (set % 64);
    if ((word & bit) == 0) {
      word |= bit;
      usedSets_.push_back(set);
    }
  }
  void addSet(uint32_t set) {
    if (set == 0 || set == lastSet_) return;
    lastSet_ = set;
    use(set);
    sets_.push_back(set);
  }
  void addPair(uint32_t rank) { ranks_.push_back(rank); }

  void entities(std::span<const Value> list) {
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
    auto it = t_.ranked.find(r);
    if (it == t_.ranked.end()) return;
    for (const WhyTable::Ranked& c : it->second) {
      if (view_ && !view_->rel(c.other)) continue;  // a fact the view hides is no conflict
      const uint32_t rank = c.rank;
      addPair(rank);
      use(setOf(r));
      use(setOf(c.other));
    }
  }

  void block(const Block& b) {
    for (uint32_t s : b.sets) addSet(s);
    for (uint32_t s : b.sideSets) use(s);
    if (b.ranks.empty()) return;
    blocks_.push_back(&b);  // its ranks taken whole in finish()
    blockRanks_ += b.ranks.size();
  }

  const Graph& g_;
  const WhyTable& t_;
  const ValidView* view_;
  WhyIndex& index_;
  Provenance& out_;
  uint32_t lastSet_ = 0;
  std::vector<uint32_t> sets_, ranks_;  // per row (from setStart_, rankStart_ on)
  std::vector<size_t> setStart_, rankStart_, blockStart_;
  std::vector<const Block*> blocks_;  // per row (from blockStart_ on): blocks with conflicts
  size_t blockRanks_ = 0;             // the ranks those blocks hold
  std::vector<uint64_t> setUsed_;     // bitmap of the citation sets the result uses
  std::vector<uint32_t> usedSets_;    // those sets
};

}  // namespace

Provenance explainFromTable(const Graph& g, const std::vector<Value>& rowEntities,
                            const ValidView* view, WhyIndex& index) {
  Provenance out;
  out.rowSources.reserve(rowEntities.size());
  out.rowConflicts.reserve(rowEntities.size());
  Explainer explainer(g, view, index, out, rowEntities.size());
  for (const Value& list : rowEntities) explainer.row(list);
  explainer.finish();
  return out;
}

}  // namespace silkgraph
