// MatchProgram: a pattern compiled by the planner into an ordered list of steps (scan or
// seek an anchor node, expand relationship by relationship, filter as soon as a predicate's
// variables are bound, build paths). The executor runs it depth-first (query/execution).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "query/binder/bound.h"

namespace silkgraph {

// Label/type names resolved to ids on first use; a name not (yet) in the graph matches
// nothing, and is looked up again next time since a write may have created it.
struct NameRef {
  std::string name;
  mutable uint32_t cached = UINT32_MAX;
};

// A comparison of one property of the relationship or a node a step binds with a value known
// before the step runs (a literal, a parameter, a property of an earlier variable): a WHERE
// conjunct or a pattern property pushed into the step, checked on the property column before
// the row is built (query/execution/prop_predicate.h).
// At most this many predicates are pushed into one step (the rest stay Filter steps).
constexpr size_t kMaxPushedPredicates = 8;

struct PropPredicate {
  enum class Target : uint8_t { Rel, From, To };
  Target target = Target::Rel;
  std::string key;
  ast::Op op = ast::Op::Eq;  // Eq, Neq, Lt, Le, Gt, Ge (property on the left), IsNull, IsNotNull
  const BoundExpr* value = nullptr;  // the other side; null for IS [NOT] NULL
};

// The first sort key of a top-K ORDER BY (SortOp with a LIMIT) when it is a property of what
// a match step binds: the sort publishes its current K-th value once it holds K rows, and the
// step skips candidates that rank strictly after it (they could not enter the top K).
struct TopBound {
  bool active = false;
  bool descending = false;
  Value bound;
};

struct MatchStep {
  enum class Kind : uint8_t {
    ScanAll,       // node := every node
    ScanLabel,     // node := every node with labels[0] (other labels checked)
    ScanRels,      // (node)-[rel]-(to) := every relationship of the types (in id order)
    IndexSeek,     // node := findByKey(labels[0], keyExpr), or the property index's nodes
    CheckNode,     // node already bound: check labels/properties
    Expand,        // from -[rel]- to (one hop)
    VarExpand,     // from -[rels*min..max]- to
    ShortestPath,  // shortest path(s) from -> to, both bound
    Filter,        // predicate
    BuildPath,     // path := (elements)
  };
  explicit MatchStep(Kind k) : kind(k) {}
  Kind kind;
  Slot node = kNoSlot;  // scans/check: the node; expand: the start node
  Slot rel = kNoSlot;
  Slot to = kNoSlot;
  bool toBound = false;   // expand: `to` already bound -> check instead of bind
  bool relBound = false;  // expand: `rel` already bound (by an earlier clause) -> check it
  Direction dir = Direction::Out;
  std::vector<NameRef> types;                                   // empty: any type
  std::vector<NameRef> labels;                                  // node (or `to`) label filter
  std::vector<std::pair<std::string, const BoundExpr*>> props;  // node or `to` property filter
  mutable std::vector<KeyId> propKeys;                          // resolved keys of props
  std::vector<std::pair<std::string, const BoundExpr*>> relProps;
  mutable std::vector<KeyId> relPropKeys;
  // Expand / ScanRels: property filters checked on the columns (see PropPredicate).
  std::vector<PropPredicate> preds;
  // ScanRels: the `node` end's label and property filters (`labels`/`props` are for `to`).
  std::vector<NameRef> fromLabels;
  std::vector<std::pair<std::string, const BoundExpr*>> fromProps;
  mutable std::vector<KeyId> fromPropKeys;
  const BoundExpr* keyExpr = nullptr;  // IndexSeek
  std::string seekKey;                 // IndexSeek: the property sought
  bool seekUnique = true;              // IndexSeek: by the unique key index (else a property index)
  int64_t minHops = 1, maxHops = 1;
  bool allShortest = false;
  bool reverse = false;  // var-length expanded against the pattern's order: store the list reversed
  const BoundExpr* predicate = nullptr;  // Filter
  std::vector<Slot> pathElements;        // BuildPath: node, rel-or-rellist, node, ...
  std::vector<Slot> uniqueRels;          // rel / rel-list slots already bound in this MATCH

  // Duplicate elimination (Expand / ScanRels), set when the rows of the match go to a consumer
  // that ignores duplicates (count(DISTINCT ...), RETURN DISTINCT, ...): after this step, a
  // row whose dedupeKey slots equal those of an earlier row of the same input row is dropped,
  // since everything after it depends on those slots only. When the step's relationship is
  // needed later only for relationship uniqueness (dedupeRetry), a key whose continuation
  // rejected a relationship for being this one is not deduplicated any more.
  // Expand: seek in the adjacency order of its type(s) for the part of each adjacency row its
  // predicates allow (set by the optimizer's adjacency-order pass; the executor only computes
  // the range). orderNote: the order's keys, for EXPLAIN.
  bool orderedSeek = false;
  std::string orderNote;
  // Expand / ScanRels: the top-K bound on a property of what the step binds (or null).
  std::shared_ptr<TopBound> top;
  PropPredicate::Target topTarget = PropPredicate::Target::Rel;
  std::string topKey;

  bool dedupe = false;
  std::vector<Slot> dedupeKey;
  bool dedupeRetry = false;
  // Parallel to uniqueRels: the index of the deduplicating step that binds the slot with
  // dedupeRetry, or -1.
  std::vector<int> uniqueRelStep;
  // --why (the dedupe pass under --why): a deduplicating Expand whose dropped rows still count
  // for the sources of the aggregation right after the match (MatchState::whyRow). A row it
  // drops is handed over as entities only, with the slots of the steps after it (whyLater)
  // emptied, when the row it repeats had reached the aggregation. whySummary (the last step,
  // whose groups do not depend on what it binds): an adjacency row that nothing can filter is
  // handed over once, as the whole-graph table's summary of it (WhyTable::summary), and its
  // duplicate rows are dropped silently. whyRel / whyTo: whether the step's relationship and
  // `to` count (are --why entity slots); whyRelFirst: in that order.
  // whyTwins (a step before the last that deduplicates on the node it reaches): a row whose
  // continuation went on hands over, once, the table's summary of its relationship's twins
  // (the relationships of its type between the same two nodes, WhyTable::twins), so the rows
  // that repeat it are dropped silently and the step can walk the type's distinct neighbours.
  bool whyCarry = false;
  bool whySummary = false;
  bool whyTwins = false;
  // whyTwins whose groups do not depend on what it binds either: with a last step that is
  // whySummary, the two steps may hand the table's union of their summaries once
  // (WhyTable::twoHops).
  bool whyTwinsUnion = false;
  bool whyRel = false, whyTo = false, whyRelFirst = true;
  std::vector<Slot> whyLater;
};

struct MatchProgram {
  std::vector<MatchStep> steps;
  std::vector<bool> boundOnEntry;  // by slot: bound before the program runs (for the optimizer)
  bool dedupes = false;            // some step has `dedupe`
  std::string describe() const;    // for EXPLAIN
};

}  // namespace silkgraph
