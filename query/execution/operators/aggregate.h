// AggregateOp: grouping aggregation (count, sum, avg, min, max, collect, stDev, percentiles).
// RelScanAggregateOp (rel_scan_aggregate.h) extends it with typed and multi-threaded paths
// for batches of a relationship scan.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/flat_u64_set.h"
#include "query/execution/entity_list.h"
#include "query/execution/operators/operator.h"
#include "query/execution/why_index.h"
#include "query/execution/why_slots.h"

namespace silkgraph {

// Grouping aggregation: group keys are the non-aggregate items; each group keeps its first
// row (so item expressions over grouping variables can still be evaluated afterwards).
class AggregateOp : public Operator {
 public:
  AggregateOp(std::vector<std::pair<const BoundExpr*, Slot>> keys,
              const std::vector<BoundAggregate>* aggs, size_t rowWidth)
      : keys_(std::move(keys)), aggs_(aggs), rowWidth_(rowWidth) {}
  bool push(Row& row) override;
  // Only the entities aggregate (AggKind::Entities) takes the row, and `carry` after it.
  bool pushWhy(Row& row, const Value* carry) override;
  // All aggregates but the entities one.
  bool pushCounted(Row& row) override;
  bool finish() override;
  std::string describe() const override;
  const std::vector<std::pair<const BoundExpr*, Slot>>& keys() const { return keys_; }
  const std::vector<BoundAggregate>& aggregates() const { return *aggs_; }
  size_t rowWidth() const { return rowWidth_; }

  struct AggState {
    int64_t count = 0;
    Value acc;  // sum / min / max
    bool sumIsFloat = false;
    int64_t isum = 0;
    double fsum = 0;
    std::vector<Value> values;  // collect, percentiles, stdev
    // DISTINCT: nodes and relationships by id in a flat set (the common case,
    // count(DISTINCT n)), any other value in the hash set.
    FlatU64Set seenIds;
    std::unique_ptr<std::unordered_set<Value, ValueHash, ValueIdentical>> seen;
    WhyGather* why = nullptr;              // AggKind::Entities with ExecContext::why (whyOf)
    std::unique_ptr<EntitySeen> entities;  // AggKind::Entities without it
  };
  struct Group {
    Row row;
    size_t states = 0;  // its first state in states_ (one per aggregate)
  };

 protected:
  void update(AggState& st, const BoundAggregate& a, Row& row);
  void add(AggState& st, const BoundAggregate& a, Value v, Row& row);
  // AggKind::Entities with ExecContext::why: keeps what brings the group something new.
  void gatherWhy(AggState& st, const BoundAggregate& a, Row& row);
  // The state's gather, made on first use among the operator's (whyGathers_).
  WhyGather& whyOf(AggState& st) {
    if (!st.why) {
      st.why = &whyGathers_.add();
      whyGathers_.publish();
    }
    return *st.why;
  }
  Value result(AggState& st, const BoundAggregate& a);
  // DISTINCT's test: true the first time `v` is seen by this state.
  bool firstSight(AggState& st, const Value& v);
  // Group of a single key `x.key` whose value is a dictionary string: by its dictionary id,
  // without building the string value. -1 when the key takes the general path.
  int64_t groupByWord(Row& row);
  size_t newGroup(Row& row, const Value& key, bool indexed = true);

  std::vector<std::pair<const BoundExpr*, Slot>> keys_;
  const std::vector<BoundAggregate>* aggs_;
  const Value* whyOnly_ = nullptr;  // in pushWhy: its carry (or an empty list)
  bool counted_ = false;            // in pushCounted
  size_t rowWidth_;
  std::unordered_map<Value, size_t, ValueHash, ValueIdentical> index_;
  // A single string key read from storage shares the dictionary's payload, so its address
  // identifies it: this map skips hashing the text for every row.
  std::unordered_map<const std::string*, size_t> byStringAddress_;
  std::vector<Group> groups_;
  std::vector<AggState> states_;  // groups_.size() * aggregates
  AggState* statesOf(size_t group) { return &states_[groups_[group].states]; }
  // Dictionary id -> group + 1 (0: not seen yet), for a key of the form `x.key`, for ids
  // below kWordLimit (4 bytes each up to the largest seen).
  static constexpr uint32_t kWordLimit = uint32_t{1} << 22;
  std::vector<uint32_t> byWord_;
  bool stringGroupsByValue_ = false;  // index_ holds a string key
  // The groups' --why gathers, in chunks (a few allocations for a statement's groups, not
  // one each).
  WhyChunks<WhyGather> whyGathers_;
};

}  // namespace silkgraph
