// MatchState: what a MATCH keeps between the rows it is run for (query/execution/operators.h),
// used by the pattern matcher: the seen-sets of the steps that drop duplicate rows
// (MatchStep::dedupe), reset for every input row.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <unordered_map>
#include <vector>

#include "engine/value.h"

namespace silkgraph {

struct MatchStep;

// Rows in bulk from a relationship scan that is the last step of its program: the row's
// other slots are set, each relationship in `rels` (with its two ends, oriented as the step
// says) completes one row.
using RelBatchSink = std::function<bool(std::vector<Value>& row, const MatchStep& step,
                                        const RelId* rels, size_t n)>;
// The same for a whole range of relationship ids whose only condition is their type (`want`
// indexed by type id; empty: any type), being alive and shown by the statement's view date
// (ExecContext::view, which the consumer checks), offered before any batch: -1 when the
// consumer does not take it (the scan then sends batches), else 1 to go on, 0 to stop.
using RelRangeSink = std::function<int(std::vector<Value>& row, const MatchStep& step, RelId begin,
                                       RelId end, std::span<const uint8_t> want)>;

struct MatchState {
  enum class Seen : uint8_t { No, Done, Retry };
  // Node ids below this are kept in stamp arrays (4 bytes per id up to the largest seen);
  // larger ones in the hash map.
  static constexpr NodeId kStampLimit = NodeId{1} << 22;

  struct Step {
    // Per node id: `generation` when seen with a complete continuation, generation + 1 when
    // its continuation rejected a relationship for being this step's one (so it is retried).
    std::vector<uint32_t> stamp;
    // Keys that are not a node (a relationship, null, no slot at all).
    std::unordered_map<uint64_t, Seen> other;
    uint64_t conflicts = 0;  // uniqueness rejections against this step's relationship
    // --why (MatchStep::whyCarry): the keys whose continuation handed on a row (as stamps).
    std::vector<uint32_t> emitted;
    std::unordered_map<uint64_t, bool> emittedOther;
    // --why (MatchStep::whyTwins): per node id, the start node whose twins to it were handed
    // over last (generation << 32 | start node), so that a row from another start node to a
    // node already done hands that start's twins instead of being dropped unseen.
    std::vector<uint64_t> twinsFrom;
  };
  std::vector<Step> steps;
  uint32_t generation = 0;
  RelBatchSink relBatch;  // set when the consumer takes batches
  RelRangeSink relRange;  // set with relBatch
  // --why (MatchStep::whyCarry): hands the consumer a row that counts only for its entities,
  // and (if not null) a list of more entities after them; set by the match operator.
  std::function<bool(std::vector<Value>& row, const Value* carry)> whyRow;
  uint64_t emitted = 0;  // rows and entity rows handed on
  // Adjacency entries walked whole under a view date where distinct neighbours would do
  // (query/execution/distinct_expand.h).
  uint64_t viewWalked = 0;
  // --why: the rows handed on now bring no entity the consumer has not got (the rest of an
  // adjacency row whose summary it got), so its entities aggregate may skip them.
  bool counted = false;

  // Starts a new input row: every seen-set is emptied.
  void beginRow(size_t stepCount) {
    if (steps.size() != stepCount) steps.resize(stepCount);
    generation += 2;
    if (generation < 2) {  // wrapped around: clear the stamps once
      for (auto& s : steps) {
        std::fill(s.stamp.begin(), s.stamp.end(), 0);
        std::fill(s.emitted.begin(), s.emitted.end(), 0);
        std::fill(s.twinsFrom.begin(), s.twinsFrom.end(), 0);
      }
      generation = 2;
    }
    for (auto& s : steps) {
      if (!s.other.empty()) s.other.clear();
      if (!s.emittedOther.empty()) s.emittedOther.clear();
    }
  }

  Seen seenNode(size_t step, NodeId n) const {
    const auto& st = steps[step].stamp;
    if (n >= st.size()) return Seen::No;
    if (st[n] == generation) return Seen::Done;
    if (st[n] == generation + 1) return Seen::Retry;
    return Seen::No;
  }
  void markNode(size_t step, NodeId n, Seen s) {
    auto& st = steps[step].stamp;
    if (n >= st.size()) st.resize(static_cast<size_t>(n) + 1 + st.size() / 2, 0);
    st[n] = s == Seen::Done ? generation : generation + 1;
  }
  Seen seenOther(size_t step, uint64_t key) const {
    const auto& m = steps[step].other;
    auto it = m.find(key);
    return it == m.end() ? Seen::No : it->second;
  }
  void markOther(size_t step, uint64_t key, Seen s) { steps[step].other[key] = s; }
  // How a step's seen-set holds the node it reached (by the key next() gives it).
  Seen seenEnd(size_t step, NodeId n) const {
    return n < kStampLimit ? seenNode(step, n) : seenOther(step, (uint64_t{3} << 32) | n);
  }
  bool emittedEnd(size_t step, NodeId n) const {
    return n < kStampLimit ? emittedNode(step, n) : emittedOther(step, (uint64_t{3} << 32) | n);
  }
  // --why: whether the continuation of a key of a step handed on a row.
  bool emittedNode(size_t step, NodeId n) const {
    const auto& e = steps[step].emitted;
    return n < e.size() && e[n] == generation;
  }
  void markEmittedNode(size_t step, NodeId n) {
    auto& e = steps[step].emitted;
    if (n >= e.size()) e.resize(static_cast<size_t>(n) + 1 + e.size() / 2, 0);
    e[n] = generation;
  }
  // --why (MatchStep::whyTwins): whether the twins from `start` to node n (below kStampLimit)
  // were handed over for this input row, last of all the starts that reached n.
  bool twinsHanded(size_t step, NodeId n, NodeId start) const {
    const auto& f = steps[step].twinsFrom;
    return n < f.size() && f[n] == (uint64_t{generation} << 32 | start);
  }
  void markTwinsHanded(size_t step, NodeId n, NodeId start) {
    auto& f = steps[step].twinsFrom;
    if (n >= f.size()) f.resize(static_cast<size_t>(n) + 1 + f.size() / 2, 0);
    f[n] = uint64_t{generation} << 32 | start;
  }
  bool emittedOther(size_t step, uint64_t key) const {
    return steps[step].emittedOther.count(key) != 0;
  }
  void markEmittedOther(size_t step, uint64_t key) { steps[step].emittedOther[key] = true; }
};

}  // namespace silkgraph
