// WhyIndex: what --why needs to know of a node or relationship while rows are aggregated,
// read once per statement and entity: the set of citations its `sources` holds (an id shared
// by every entity whose `sources` holds the same stored strings) and, for a relationship,
// whether it conflicts with another (query/execution/conflicts.h; its partners are kept for
// explainRows). With it an aggregation keeps, of a group's entities, only those that bring the
// group a citation set or a conflict it has not got yet (gatherEntities): --why reports the
// same citations, numbered in the same order, and the same conflicts as for all of them, and
// a group of a million relationships that cite a few sources keeps a few entities.
// A statement that meets many entities reads the whole graph once instead (why_table.h), and
// leaves that table to the read statements after it until the graph changes.
// Only for a statement that does not write: what it has read must not change.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/flat_u64_set.h"
#include "common/small_u64_set.h"
#include "engine/graph.h"
#include "query/execution/conflicts.h"
#include "query/execution/why_table.h"

namespace silkgraph {

class WhyIndex {
 public:
  // Flags of an id's entry: read; conflicting; its twins compared (set for all of them at
  // once); below them the citation set's id.
  static constexpr uint32_t kRead = uint32_t{1} << 31, kConflict = uint32_t{1} << 30,
                            kSearched = uint32_t{1} << 29, kFlags = kRead | kConflict | kSearched;
  // Takes the table an earlier statement left in the graph, if it is still current.
  explicit WhyIndex(const Graph& graph);

  struct Info {
    uint32_t citations = 0;  // the citation set's id, 0 when it cites nothing
    bool conflict = false;   // a relationship with a conflict partner (any view date)
  };
  Info node(NodeId n) {
    if (table_) return n < table_->nodes.size() ? Info{table_->nodes[n], false} : Info{};
    if (n < nodes_.size() && (nodes_.get(n) & kRead) != 0) return {nodes_.get(n) & ~kRead, false};
    return readNode(n);
  }
  Info rel(RelId r) {
    if (table_) {
      if (r >= table_->rels.size()) return {};
      const uint32_t e = table_->rels[r];
      return {e & ~WhyTable::kConflict, (e & WhyTable::kConflict) != 0};
    }
    if (const uint32_t e = r < rels_.size() ? rels_.get(r) : 0; (e & kRead) != 0)
      return {e & ~kFlags, (e & kConflict) != 0};
    return readRel(r);
  }
  // Every relationship that may conflict with r (empty when none).
  const std::vector<RelId>& partners(RelId r);
  // Whether the statement reads from a whole-graph table (kept or built by it).
  bool whole() const { return table_ != nullptr; }
  // Graphs of at least kUpFrontMin and at most kUpFrontMax nodes and relationships (id
  // limits): a read statement with --why builds the table before it runs, if no earlier
  // statement left one (wholeUpFront). Below, reading what a statement meets is cheap; above,
  // one pass would cost a one-shot statement too much (it reads one at a time until it has
  // met a thirty-second of the graph, as any statement does).
  static constexpr uint64_t kUpFrontMin = uint64_t{1} << 17, kUpFrontMax = uint64_t{1} << 26;
  // Builds the table now when the graph's size is in that range; true when there is one.
  bool wholeUpFront();
  // That table, or null.
  const WhyTable* table() const { return table_.get(); }
  const std::shared_ptr<const WhyTable>& sharedTable() const { return table_; }

 private:
  // Counts one entity read; after enough, builds the table and keeps it in the graph.
  void countRead();
  // With a kept table the statement reads nothing one at a time: no per-id arrays.
  WhyIndex(const Graph& graph, std::shared_ptr<const WhyTable> kept);
  Info readNode(NodeId n);
  Info readRel(RelId r);
  // Marks the relationships that conflict among r's twins (same start, type and end).
  void findConflicts(RelId r);
  // The relationships of type `type` from `src` to `dst`.
  std::vector<RelId> twinsOf(NodeId src, TypeId type, NodeId dst);

  const Graph& graph_;
  std::optional<ConflictFinder> conflicts_;  // made when first needed (not with a kept table)
  KeyId key_;                                // of `sources`
  // Per id: 0 when nothing is known yet, else the flags above and a citation set id. A hash
  // map of the ids read (open addressing), so a statement pays for the ids it reads, not for
  // the size of the graph.
  class Ids {
   public:
    explicit Ids(size_t limit) : limit_(limit) {}
    size_t size() const { return limit_; }  // ids below this exist in the graph
    uint32_t get(uint32_t id) const {
      if (keys_.empty()) return 0;
      for (size_t i = slot(id);; i = (i + 1) & (keys_.size() - 1)) {
        if (keys_[i] == id) return values_[i];
        if (keys_[i] == kEmpty) return 0;
      }
    }
    uint32_t& operator[](uint32_t id);  // adds the id (with 0) if it is not there

   private:
    static constexpr uint32_t kEmpty = UINT32_MAX;
    size_t slot(uint32_t id) const {
      return (uint64_t{id} * 0x9e3779b97f4a7c15ULL >> 32) & (keys_.size() - 1);
    }
    size_t limit_, used_ = 0;
    std::vector<uint32_t> keys_, values_;
  };
  Ids nodes_, rels_;
  // Per (start node, type): the end nodes whose twins were compared; after a few, all its
  // relationships by end node (one scan of its adjacency instead of one per end node).
  struct Start {
    std::unordered_set<NodeId> searched;
    std::vector<std::pair<NodeId, RelId>> byEnd;  // sorted; empty until built
  };
  std::unordered_map<uint64_t, Start> starts_;
  std::unordered_map<RelId, std::vector<RelId>> partners_;
  CitationSets sets_;
  std::shared_ptr<const WhyTable> table_;
  uint64_t stamp_ = 0;  // the graph's change stamp when the statement began
  uint64_t reads_ = 0, threshold_ = 0;
};

// What one group has gathered: the ids of the citation sets and conflicting relationships its
// kept entities brought, and the last citation set seen (most rows bring the same one again).
struct WhyGather {
  SmallU64Set seen;
  uint32_t last = 0;
};

// Appends to `out` the entities of `v` (flattened as addEntities does: a node, relationship,
// path, or list of them) that bring `gather` a citation set or a conflicting relationship it
// has not got yet, in order of first use.
void gatherEntities(WhyIndex& index, const Value& v, WhyGather& gather, std::vector<Value>& out);

// gatherEntities of one node or relationship, by what the index (or a whole-graph table's
// entry) says of it: true when it brings the group something new, and so is kept.
inline bool whyBrings(WhyGather& gather, uint32_t citations) {
  // Tags keep a citation set's id apart from a relationship's.
  constexpr uint64_t kSetTag = uint64_t{1} << 32;
  if (citations == 0 || citations == gather.last) return false;
  gather.last = citations;
  return gather.seen.insert(kSetTag | citations);
}
inline bool whyBringsRel(WhyGather& gather, RelId r, uint32_t citations, bool conflict) {
  constexpr uint64_t kRelTag = uint64_t{2} << 32;
  bool brings = whyBrings(gather, citations);
  if (conflict && gather.seen.insert(kRelTag | r)) brings = true;
  return brings;
}

}  // namespace silkgraph
