// Unweighted exact betweenness (Brandes) for algo.betweenness (algo_centrality.cpp), two
// kernels over edges(u, f) calling f(other end) for each relationship of u:
//
//   PlainBrandes    one breadth-first search per source with arrays: every relationship of
//                   every reached node is read twice (forward, and backward for the
//                   dependencies).
//   BatchedBrandes  up to 64 sources at once (Then et al., "The More the Merrier: Efficient
//                   Multi-Source Graph Traversal", VLDB 2015): one bit per source in a machine
//                   word, so a relationship is read once per level for all the sources that
//                   reach its start at that level, not once per source; path counts and
//                   dependencies are then added per source only along the relationships that
//                   lie on shortest paths (the "steps" below), and only for the sources they
//                   serve. On the benchmark's preferential-attachment graph (5,000 nodes, 49,944
//                   relationships) a plain search reads 7,844 relationships per source twice,
//                   of which 1,282 lie on shortest paths; the batches read 1,247 per source.
//
// Both count paths per relationship (parallel relationships are parallel paths, as Boost's
// brandes_betweenness_centrality counts them) and give the same scores up to the order of
// floating-point additions. The batched kernel needs BMI2 and POPCNT (checked at run time:
// batchedBrandesSupported); it is compiled for them with a target attribute, the rest of the
// binary is not.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "query/procedure/procedure.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define SILKGRAPH_BATCHED_BRANDES 1
#define SILKGRAPH_BMI2_TARGET __attribute__((target("popcnt,bmi,bmi2")))
#else
#define SILKGRAPH_BATCHED_BRANDES 0
#define SILKGRAPH_BMI2_TARGET
#endif

namespace silkgraph::algo {

// One search per source: an array queue, distances and path counts in arrays, then the
// dependencies accumulated over the search order backwards by re-reading each node's
// relationships for those one step further (dist[w] == dist[v] + 1), so no predecessor lists.
// A node's share (1 + delta) / sigma is divided once, when its dependency is known.
class PlainBrandes {
 public:
  explicit PlainBrandes(size_t limit)
      : order_(limit), dist_(limit, -1), sigma_(limit, 0.0), share_(limit, 0.0) {}

  // Adds source s's dependencies into c (sized like the arrays); polls ctx once per search.
  template <class Edges>
  void run(const Edges& edges, NodeId s, ProcedureContext& ctx, std::vector<double>& c) {
    size_t head = 0, tail = 0;
    order_[tail++] = s;
    dist_[s] = 0;
    sigma_[s] = 1;
    while (head < tail) {
      const NodeId v = order_[head++];
      const int32_t next = dist_[v] + 1;
      const double paths = sigma_[v];
      edges(v, [&](NodeId w) {
        if (dist_[w] < 0) {
          dist_[w] = next;
          order_[tail++] = w;
        }
        if (dist_[w] == next) sigma_[w] += paths;
      });
    }
    for (size_t i = tail; i-- > 1;) {  // order_[0] is s, which gains nothing
      const NodeId v = order_[i];
      const int32_t next = dist_[v] + 1;
      double dependency = 0;
      edges(v, [&](NodeId w) {
        if (dist_[w] == next) dependency += share_[w];
      });
      const double delta = sigma_[v] * dependency;
      c[v] += delta;
      share_[v] = (1.0 + delta) / sigma_[v];
    }
    for (size_t i = 0; i < tail; ++i) {
      const NodeId v = order_[i];
      dist_[v] = -1;
      sigma_[v] = 0;
    }
    ctx.poll(static_cast<uint32_t>(std::min<size_t>(tail, 1024)));  // a search is tail nodes' work
  }

 private:
  std::vector<NodeId> order_;
  std::vector<int32_t> dist_;
  std::vector<double> sigma_, share_;
};

// Whether this machine runs BatchedBrandes (x86-64 with BMI2 and POPCNT).
inline bool batchedBrandesSupported() {
#if SILKGRAPH_BATCHED_BRANDES
  return __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi2");
#else
  return false;
#endif
}

#if SILKGRAPH_BATCHED_BRANDES
// The search of up to 64 sources at once, source i being bit i of a word. Level by level, an
// "entry" is a node with the sources that reach it first at that level (the bits of its mask);
// it holds one path count and one dependency per bit, stored together from `first` on (the
// value of bit b is at first + the number of its mask's bits below b: _pext_u64 of a mask
// gives those positions). A level's scan reads each relationship v->w of each entry v once
// and keeps, as a "step", the sources of v that have not yet reached w: w is one level
// further for them and v->w lies on their shortest paths; the steps are kept, so the backward
// pass reads no other relationship. The state is reused from batch to batch; a batch whose
// state would pass maxBytes (64 MiB unless told; checked once a level, and a level adds at
// most one step per relationship) is given up (run returns false) and left to PlainBrandes.
class BatchedBrandes {
 public:
  static constexpr size_t kWidth = 64;
  static constexpr size_t kMaxBytes = size_t{64} << 20;

  explicit BatchedBrandes(size_t limit, size_t maxBytes = kMaxBytes)
      : maxBytes_(maxBytes), seen_(limit, 0), reaching_(limit, 0), entryOf_(limit) {}

  // Adds the dependencies of `sources` (at most kWidth distinct nodes) into c; false, with c
  // unchanged, when the batch needs more than maxBytes. Polls ctx once per level.
  template <class Edges>
  SILKGRAPH_BMI2_TARGET bool run(const Edges& edges, std::span<const NodeId> sources,
                                 ProcedureContext& ctx, std::vector<double>& c) {
    start(sources);
    bool fits = true;
    while (fits) {
      const uint32_t from = levelStart_[levelStart_.size() - 2], to = levelStart_.back();
      const uint32_t stepsFrom = steps_;
      for (uint32_t k = from; k < to; ++k) scan(edges, k);
      ctx.poll(1024);
      if (steps_ == stepsFrom) break;
      fits = addLevel(stepsFrom);
      if (fits) countPaths(from, to, stepsFrom);
    }
    if (fits) accumulate(c);
    for (const Entry& e : entries_) seen_[e.node] = 0;
    return fits;
  }

 private:
  struct Entry {
    NodeId node;
    uint32_t first;    // its values' place in sigma_ and dep_
    uint64_t sources;  // the sources that reach node first at this entry's level
  };

  // Level 0: each source reaches itself, by one path.
  SILKGRAPH_BMI2_TARGET void start(std::span<const NodeId> sources) {
    entries_.clear();
    levelStart_.assign(1, 0);
    stepEnd_.clear();
    steps_ = 0;
    if (sigma_.size() < sources.size()) sigma_.resize(kWidth);
    for (size_t i = 0; i < sources.size(); ++i) {
      const uint64_t bit = uint64_t{1} << i;
      entries_.push_back({sources[i], static_cast<uint32_t>(i), bit});
      seen_[sources[i]] |= bit;
      sigma_[i] = 1;
    }
    values_ = static_cast<uint32_t>(sources.size());
    levelStart_.push_back(static_cast<uint32_t>(entries_.size()));
  }

  // The steps from entry k: each relationship k.node->w with the sources of k that have not
  // reached w (seen_ is updated only once the level is scanned). No branch on the outcome:
  // the step is written and kept when its mask is not empty.
  template <class Edges>
  SILKGRAPH_BMI2_TARGET void scan(const Edges& edges, uint32_t k) {
    const uint64_t at = entries_[k].sources;
    uint32_t n = steps_;
    edges(entries_[k].node, [&](NodeId w) {
      if (n == stepTo_.size()) grow(n);
      const uint64_t m = at & ~seen_[w];
      stepTo_[n] = w;
      stepMask_[n] = m;
      n += m != 0;
      reaching_[w] |= m;
    });
    steps_ = n;
    stepEnd_.push_back(n);
  }

  void grow(size_t n) {
    stepTo_.resize(std::max<size_t>(1024, 2 * n));
    stepMask_.resize(stepTo_.size());
  }

  // The entries of the next level, one per node its steps reach, in the order first reached;
  // each step's end becomes that entry; their path counts start at zero. False when the batch
  // would then hold more than maxBytes.
  SILKGRAPH_BMI2_TARGET bool addLevel(uint32_t stepsFrom) {
    const uint32_t firstValue = values_;
    for (uint32_t t = stepsFrom; t < steps_; ++t) {
      const NodeId w = stepTo_[t];
      if (const uint64_t m = reaching_[w]) {
        entryOf_[w] = static_cast<uint32_t>(entries_.size());
        entries_.push_back({w, values_, m});
        values_ += static_cast<uint32_t>(__builtin_popcountll(m));
        seen_[w] |= m;
        reaching_[w] = 0;
      }
      stepTo_[t] = entryOf_[w];
    }
    levelStart_.push_back(static_cast<uint32_t>(entries_.size()));
    if (bytes() > maxBytes_) return false;
    if (sigma_.size() < values_) sigma_.resize(std::max<size_t>(values_, 2 * sigma_.size()));
    std::fill(sigma_.begin() + firstValue, sigma_.begin() + values_, 0.0);
    return true;
  }

  // Path counts of the next level: each step adds, for each of its sources, the count at its
  // start to the count at its end.
  SILKGRAPH_BMI2_TARGET void countPaths(uint32_t from, uint32_t to, uint32_t t) {
    double* const sigma = sigma_.data();
    for (uint32_t k = from; k < to; ++k) {
      const uint64_t at = entries_[k].sources;
      const double* const here = sigma + entries_[k].first;
      for (const uint32_t end = stepEnd_[k]; t < end; ++t) {
        const Entry& e = entries_[stepTo_[t]];
        uint64_t a = _pext_u64(stepMask_[t], at), b = _pext_u64(stepMask_[t], e.sources);
        double* const there = sigma + e.first;
        do {
          there[__builtin_ctzll(b)] += here[__builtin_ctzll(a)];
          a &= a - 1;
          b &= b - 1;
        } while (a != 0);
      }
    }
  }

  // Dependencies, level by level from the last: an entry's dependency per source is the sum of
  // the shares (1 + delta) / sigma over its steps, delta = sigma * dependency goes to its node
  // (not at level 0: a source gains nothing from its own paths), and the share replaces the
  // dependency for the level below.
  SILKGRAPH_BMI2_TARGET void accumulate(std::vector<double>& c) {
    if (dep_.size() < values_) dep_.resize(sigma_.size());
    std::fill(dep_.begin(), dep_.begin() + values_, 0.0);
    double* const dep = dep_.data();
    const double* const sigma = sigma_.data();
    for (size_t l = levelStart_.size() - 1; l-- > 1;) {
      const uint32_t from = levelStart_[l], to = levelStart_[l + 1];
      for (uint32_t k = from, t = stepBegin(from); k < to; ++k) {
        const uint64_t at = entries_[k].sources;
        double* const here = dep + entries_[k].first;
        for (const uint32_t end = stepEnd_[k]; t < end; ++t) {
          const Entry& e = entries_[stepTo_[t]];
          uint64_t a = _pext_u64(stepMask_[t], at), b = _pext_u64(stepMask_[t], e.sources);
          const double* const there = dep + e.first;
          do {
            here[__builtin_ctzll(a)] += there[__builtin_ctzll(b)];
            a &= a - 1;
            b &= b - 1;
          } while (a != 0);
        }
      }
      for (uint32_t k = from; k < to; ++k) {
        const Entry& e = entries_[k];
        double sum = 0;
        for (uint32_t i = e.first, end = i + __builtin_popcountll(e.sources); i < end; ++i) {
          const double delta = sigma[i] * dep[i];
          sum += delta;
          dep[i] = (1.0 + delta) / sigma[i];
        }
        c[e.node] += sum;
      }
    }
  }

  // Where the steps of entry k begin.
  uint32_t stepBegin(uint32_t k) const { return k == 0 ? 0 : stepEnd_[k - 1]; }

  // What the batch holds: its entries, steps, path counts and dependencies.
  size_t bytes() const {
    return entries_.size() * sizeof(Entry) + steps_ * (sizeof(NodeId) + sizeof(uint64_t)) +
           size_t{values_} * 2 * sizeof(double);
  }

  size_t maxBytes_;
  std::vector<uint64_t> seen_;      // by node: the sources that reached it at a level done
  std::vector<uint64_t> reaching_;  // by node: the sources reaching it at the level scanned
  std::vector<uint32_t> entryOf_;   // by node: its entry at the level being added
  std::vector<Entry> entries_;
  std::vector<uint32_t> levelStart_;  // level l's entries: [levelStart_[l], levelStart_[l + 1])
  std::vector<uint32_t> stepEnd_;     // by entry: the end of its steps
  std::vector<uint32_t> stepTo_;      // by step: its end (a node while scanning, then an entry)
  std::vector<uint64_t> stepMask_;    // by step: the sources it serves
  uint32_t steps_ = 0, values_ = 0;
  std::vector<double> sigma_, dep_;  // by value: path counts; dependencies, then shares
};
#else
// Elsewhere every batch is left to PlainBrandes.
class BatchedBrandes {
 public:
  static constexpr size_t kWidth = 64;
  explicit BatchedBrandes(size_t, size_t = 0) {}
  template <class Edges>
  bool run(const Edges&, std::span<const NodeId>, ProcedureContext&, std::vector<double>&) {
    return false;
  }
};
#endif

}  // namespace silkgraph::algo
