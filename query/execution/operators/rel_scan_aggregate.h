// RelScanAggregateOp: an aggregation fed by the relationship scan or the one-hop expansion
// that ends the match before it, chosen by the optimizer pass rel_scan_aggregate (EXPLAIN:
// RelationshipScanAggregate, ExpandAggregate). The match hands it the relationships in batches
// (pushRels) or, a scan on threads, as whole id ranges (pushRelRange) instead of one row each;
// rows still arrive through push().
#pragma once

#include <span>
#include <string>
#include <vector>

#include "query/execution/operators/aggregate.h"

namespace silkgraph {

// Below this many relationship ids a second thread costs more than it saves (a test lowers it
// to run the threaded scan on a small graph).
inline RelId relScanThreadMinIds = RelId{1} << 16;

class RelScanAggregateOp final : public AggregateOp {
 public:
  using AggregateOp::AggregateOp;
  std::string describe() const override;
  // Fed by an expansion (its batches bind the step's start node too) rather than a scan.
  void setExpand(bool on) { expand_ = on; }
  // Whether the typed loop of pushRels can serve these keys and aggregates of `step` (the
  // columns' kinds are checked when the batches come): at most one key, a property of the
  // relationship or of one of its ends; count(*), and sum or avg of a relationship's
  // property, or --why's entities. Otherwise each relationship of a batch is pushed as a row.
  static bool typedShape(const std::vector<std::pair<const BoundExpr*, Slot>>& keys,
                         const std::vector<BoundAggregate>& aggs, const MatchStep& step);
  bool pushRels(Row& row, const MatchStep& step, const RelId* rels, size_t n) override;
  // With ExecContext::threads > 1 and the typed case of pushRels (one string key of the
  // scanned relationship or none; count(*), sum, avg of its numeric properties), the range is
  // split between threads, each summing into its own arrays by dictionary id; the parts are
  // then added into the groups in the order a single thread would have made them. With --why
  // (and the whole-graph table, no view date) also on one thread: each group's entities are
  // the table's summary of it, made once (WhyTable::scanSummaries).
  int pushRelRange(Row& row, const MatchStep& step, RelId begin, RelId end,
                   std::span<const uint8_t> want, bool& any) override;

 private:
  // The typed case of pushRels for this step: the key column (null without a key: a string
  // property of the relationship or of one of its ends, keyEnd_) and one argument column per
  // aggregate (null for count(*)); false when it does not apply. `why`: --why's entities
  // aggregate may be among them (gathered in id order: not on threads).
  bool typedColumns(const MatchStep& step, const PropertyColumn*& keyCol,
                    std::vector<const PropertyColumn*>& argCols, bool why = false);
  // --why's entities aggregate (AggKind::Entities) when the statement reads a whole-graph
  // table: its slots as the scanned relationship's ends and itself (whyRoles_), so that each
  // relationship is gathered from the table's entries without a row; false when it reads
  // anything else.
  bool whyColumns(const MatchStep& step, const BoundAggregate& a);
  void gatherWhy(AggState& st, RelId r, NodeId from, NodeId to);
  // pushRelRange with --why: the table's summary of each group of the scan
  // (WhyTable::scanSummaries), or null when it cannot use them (no table, a view date, the
  // entities of an earlier aggregation, not the table's whole id range).
  const std::vector<Value>* whySummaries(const MatchStep& step, const Row& row,
                                         std::span<const uint8_t> want, RelId begin, RelId end);
  // pushRelRange's group of the row's relationship: by its key's word (`keyed`), else the
  // group without a key or of a null key; -1 when groupByWord cannot tell.
  int64_t rangeGroup(Row& row, bool keyed);
  // Adds summary `at` of those (the last: the relationships without the key) to a group.
  void keepWhySummary(AggState& st, const std::vector<Value>& why, size_t at);
  std::vector<const PropertyColumn*> typedArgCols_;  // typedColumns() of the current batch
  // Whose property the key is: the relationship's, or the node bound to the step's `node`
  // (From) or `to` (To) slot.
  enum class KeyEnd : uint8_t { Rel, From, To };
  KeyEnd keyEnd_ = KeyEnd::Rel;
  bool expand_ = false;
  enum class WhyRole : uint8_t { From, Rel, To };
  int whyAgg_ = -1;           // the entities aggregate's index, or -1
  Slot whyHidden_ = kNoSlot;  // its hidden slot (entities of an earlier aggregation)
  std::vector<WhyRole> whyRoles_;
};

}  // namespace silkgraph
