// WhyTable: what --why needs to know of every node and relationship of a graph (the citation
// set of its `sources`, and for a relationship whether it conflicts with another, and with
// which), built in one pass and shared, unchanged, by the read statements that follow until
// the graph changes (Graph::keepDerivedData). WhyIndex (why_index.h) reads entities one at a
// time while a statement has met few of them and switches to a table once it has met enough
// that one pass over the graph costs less than the reads still to come.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "engine/graph.h"
#include "query/execution/conflicts.h"
#include "query/execution/why_slots.h"

namespace silkgraph {

// Citation sets, each numbered once (1, 2, ...; 0 is "cites nothing") by the texts of the
// strings a `sources` value holds (as appendCitations, query/function/citations.h, reads them:
// a string or a list of strings, empty strings left out), in their order: a loader stores each
// row's list of strings apart, so a million relationships that cite the same text are one set,
// not a million. Keeps the strings of each set alive.
class CitationSets {
 public:
  CitationSets() = default;
  CitationSets(CitationSets&&) = default;  // a deque's elements stay where they are
  CitationSets& operator=(CitationSets&&) = default;
  CitationSets(const CitationSets&) = delete;
  CitationSets& operator=(const CitationSets&) = delete;
  uint32_t of(const Value& sources);
  size_t size() const { return byId_.size(); }
  // The strings of set `id` (1 ..= size()), in the order its `sources` holds them.
  const std::vector<const std::string*>& strings(uint32_t id) const { return byId_[id - 1]; }

 private:
  std::unordered_map<std::string, uint32_t> byText_;  // each string's length and bytes
  std::deque<std::vector<const std::string*>> byId_;
  std::vector<StringPtr> held_, lastHeld_;
  std::vector<const std::string*> key_, lastKey_;  // scratch; the last strings asked for
  std::string text_;                               // scratch
  uint32_t last_ = 0;
};

struct WhyTable {
  // A relationship's entry: this bit when it conflicts with another; below it the citation
  // set's id (a node's entry is its citation set's id).
  static constexpr uint32_t kConflict = uint32_t{1} << 30;
  std::vector<uint32_t> nodes, rels;                       // by id; 0 for ids that do not exist
  std::unordered_map<RelId, std::vector<RelId>> partners;  // of each conflicting relationship
  // Every conflicting pair (smaller id << 32 | larger), ascending: a pair's index here is its
  // rank, and a result numbers the conflicts it holds in rank order (why_conflicts.h).
  std::vector<uint64_t> pairKeys;
  // Per conflicting relationship: each relationship it conflicts with and their pair's rank.
  // Every conflict is described (conflictsOf) when the table is built, so a statement reads
  // ranks only.
  struct Ranked {
    RelId other = 0;
    uint32_t rank = 0;
  };
  std::unordered_map<RelId, std::vector<Ranked>> ranked;
  CitationSets sets;

  // The rank of the pair of a and b in pairKeys, or kNoRank.
  static constexpr uint32_t kNoRank = UINT32_MAX;
  uint32_t pairRank(RelId a, RelId b) const;

  // Reads every node and relationship of `graph`. `sets` carries on the numbering of citation
  // sets a statement has already handed out.
  static std::shared_ptr<const WhyTable> build(const Graph& graph, CitationSets sets);

  // The conflicts of relationship r with each of its partners, any view date (conflictsOf
  // with its partners as candidates), described once and kept with the table: a result that
  // rests on thousands of conflicts does not describe them again at every statement.
  // The reference stays valid as long as the table.
  const std::vector<FactConflict>& conflictsOf(const Graph& graph, RelId r) const;
  // What conflictsOf(r) described earlier (empty if it never did), without the graph.
  const std::vector<FactConflict>& described(RelId r) const;

  // What an adjacency row brings an aggregation, for --why's deduplicating expansions
  // (MatchStep::whySummary): of the relationships of `type` (kNoType: any) at `node` in
  // direction `dir` whose other end has `label` (kNoLabel: any), in the order forEachAdjacent
  // visits them, each (relationship, other end) that brings a citation set no pair before it
  // in the row brought, or whose relationship conflicts with another. Made once per row and
  // kept with the table; as a list of entities, each pair's relationship first (relFirst) or
  // its other end first, after the marker of its Block (entity_list.h).
  Value summary(const Graph& graph, NodeId node, TypeId type, Direction dir, LabelId label,
                bool relFirst) const;

  // The same for the relationships of `type` at `node` in direction `dir` whose other end is
  // `other` (twins: same start, type and end), for --why's deduplicating expansions before
  // the last step (MatchStep::whyTwins). The groups of a whole row are made at once, on first
  // use, and kept with the table. A null value when the row has no such relationship.
  Value twins(const Graph& graph, NodeId node, TypeId type, Direction dir, NodeId other,
              bool relFirst) const;

  // For a deduplicating expansion two hops deep from `node` whose both steps hand summaries
  // (MatchStep::whyTwins, then whySummary as the last step): everything those summaries would
  // bring, as one block. For each distinct other end m of the first hop (`type1` in `dir1`,
  // m with `label1`; kNoLabel: any) from which the second hop (`type2` in `dir2` to an end with
  // `label2`) reaches some node, the twins of node and m (twins()) and the summary of m's row
  // (summary()), their citation sets and conflict ranks merged once. Made on first use and
  // kept with the table. A null value when the first hop meets a relationship that the second
  // may meet too (a self-loop at `node`, or both hops of one type in opposite directions):
  // the expansion then hands its summaries one by one.
  Value twoHops(const Graph& graph, NodeId node, TypeId type1, Direction dir1, LabelId label1,
                bool relFirst1, TypeId type2, Direction dir2, LabelId label2, bool relFirst2) const;

  // The same for a relationship scan into an aggregation (RelScanAggregateOp): of the live
  // relationships whose type `want` admits (empty: any), grouped by the dictionary word of
  // their string property `key` (kNoKey: one group), with one group after the words for those
  // without it, each relationship and the ends `ends` asks for (kScanSource | kScanRel |
  // kScanTarget) that bring their group a citation set or a conflict, in id order: per group
  // one summary, or null when nothing brings anything. Made once per (want, key, ends), by one
  // pass over the relationships, and kept with the table; a statement with a view date does
  // not use it (the view hides some of them).
  static constexpr uint8_t kScanSource = 1, kScanRel = 2, kScanTarget = 4;
  const std::vector<Value>& scanSummaries(const Graph& graph, std::span<const uint8_t> want,
                                          KeyId key, uint8_t ends) const;

  // A summary as --why's aggregations and explainRows take it whole (why_conflicts.h): what
  // reading its entities one by one would give, worked out once.
  struct Block {
    NodeId node = 0;
    TypeId type = kNoType;
    Direction dir = Direction::Out;
    LabelId label = kNoLabel;
    Value entities;              // the summary: [marker, entity, ...]
    std::vector<uint32_t> sets;  // its entities' citation sets, in order of first use
    // Its conflicts (every pair of conflicting relationships in the row: both are in it), as
    // their ranks (pairRank), ascending.
    std::vector<uint32_t> ranks;
    std::vector<uint32_t> sideSets;  // the citation sets of the pairs' two sides
  };
  // The block whose summary `list` is (by its marker and address), or null.
  const Block* block(const Value& list) const;

 private:
  const std::vector<FactConflict>& describe(const Graph& graph, RelId r) const;  // locked
  const Block* makeBlock(const Graph& graph, NodeId node, TypeId type, Direction dir, LabelId label,
                         ValueList entities) const;  // locked
  mutable std::mutex mutex_;
  struct Summary {
    const Block *relFirst = nullptr, *otherFirst = nullptr;
  };
  using TwinGroups = std::unordered_map<NodeId, Summary>;  // by other end
  // Owned here (under the lock); a map's values never move, so the lock-free slots below
  // point into them.
  mutable std::map<std::tuple<NodeId, TypeId, Direction, LabelId>, Summary> summaries_;
  mutable std::map<std::tuple<NodeId, TypeId, Direction>, TwinGroups> twins_;
  // Read without the lock: per (type, direction, label) each node's summary, per (type,
  // direction) each node's twin groups, once made.
  mutable WhyKeyedSlots<std::tuple<TypeId, Direction, LabelId>, Summary> summarySlots_;
  mutable WhyKeyedSlots<std::pair<TypeId, Direction>, TwinGroups> twinSlots_;
  mutable std::map<std::tuple<std::string, KeyId, uint8_t>, std::vector<Value>>
      scans_;                        // want as bytes
  mutable WhyChunks<Block> blocks_;  // by number, read without the lock
  // twoHops' blocks (null: none), by its arguments.
  mutable std::map<
      std::tuple<NodeId, TypeId, Direction, LabelId, bool, TypeId, Direction, LabelId, bool>,
      const Block*>
      twoHops_;
  // A block of the blocks `parts` (their values, in order), merged: locked.
  const Block* mergeBlocks(NodeId node, TypeId type, Direction dir, const ValueList& parts) const;
  mutable std::unordered_map<RelId, std::unique_ptr<const std::vector<FactConflict>>> described_;
};

}  // namespace silkgraph
