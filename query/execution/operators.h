// Physical operators. A plan is a chain: each operator receives rows from the previous one
// through push() and passes its output to `next`; finish() flushes blocking operators
// (aggregate, sort, distinct, eager) at the end of input. push() returns false when no more
// rows are wanted (LIMIT reached), so producers stop early.
#pragma once

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "query/execution/context.h"
#include "query/execution/match_state.h"
#include "query/planner/match_program.h"

namespace silkgraph {

class Operator {
 public:
  virtual ~Operator() = default;
  virtual bool push(Row& row) = 0;
  // Rows from a relationship scan in bulk (see RelBatchSink): by default one push per
  // relationship, with the step's relationship and end-node slots set.
  virtual bool pushRels(Row& row, const MatchStep& step, const RelId* rels, size_t n);
  // push() for a row the caller will not read again: the operator may take its values
  // (a sort keeps it without a copy). By default the same as push().
  virtual bool pushOwned(Row& row) { return push(row); }
  // True when pushRels is worth calling (the operator handles batches itself).
  virtual bool takesRelBatches() const { return false; }
  // A whole range of relationship ids from a type scan (see RelRangeSink): -1 when the
  // operator does not take it in one go (the default), else 1 to go on, 0 to stop; `any` is
  // set when at least one relationship of the range made a row.
  virtual int pushRelRange(Row&, const MatchStep&, RelId, RelId, std::span<const uint8_t>,
                           bool& /*any*/) {
    return -1;
  }
  virtual bool finish() { return next ? next->finish() : true; }
  virtual std::string describe() const = 0;

  Operator* next = nullptr;
  ExecContext* ctx = nullptr;
};

using OperatorPtr = std::unique_ptr<Operator>;

// MATCH / OPTIONAL MATCH: runs a pattern per input row.
class MatchOp final : public Operator {
 public:
  MatchOp(std::shared_ptr<MatchProgram> program, bool optional, std::vector<Slot> newSlots)
      : program_(std::move(program)), optional_(optional), newSlots_(std::move(newSlots)) {}
  bool push(Row& row) override;
  std::string describe() const override;
  MatchProgram& program() { return *program_; }
  bool optional() const { return optional_; }

 private:
  std::shared_ptr<MatchProgram> program_;
  bool optional_;
  std::vector<Slot> newSlots_;
  MatchState state_;
  bool matched_ = false;
};

class FilterOp final : public Operator {
 public:
  explicit FilterOp(const BoundExpr* predicate) : predicate_(predicate) {}
  bool push(Row& row) override;
  bool pushOwned(Row& row) override;
  std::string describe() const override { return "Filter"; }
  const BoundExpr* predicate() const { return predicate_; }

 private:
  const BoundExpr* predicate_;
};

class UnwindOp final : public Operator {
 public:
  UnwindOp(const BoundExpr* list, Slot slot) : list_(list), slot_(slot) {}
  bool push(Row& row) override;
  std::string describe() const override { return "Unwind"; }
  const BoundExpr* list() const { return list_; }
  Slot slot() const { return slot_; }

 private:
  const BoundExpr* list_;
  Slot slot_;
};

// Computes projection items into their output slots.
class ProjectOp final : public Operator {
 public:
  explicit ProjectOp(std::vector<std::pair<const BoundExpr*, Slot>> items)
      : items_(std::move(items)) {}
  bool push(Row& row) override { return project(row, false); }
  bool pushOwned(Row& row) override { return project(row, true); }
  std::string describe() const override;
  const std::vector<std::pair<const BoundExpr*, Slot>>& items() const { return items_; }

 private:
  bool project(Row& row, bool owned);
  std::vector<std::pair<const BoundExpr*, Slot>> items_;
};

// Grouping aggregation: group keys are the non-aggregate items; each group keeps its first
// row (so item expressions over grouping variables can still be evaluated afterwards).
class AggregateOp final : public Operator {
 public:
  AggregateOp(std::vector<std::pair<const BoundExpr*, Slot>> keys,
              const std::vector<BoundAggregate>* aggs, size_t rowWidth)
      : keys_(std::move(keys)), aggs_(aggs), rowWidth_(rowWidth) {}
  bool push(Row& row) override;
  bool finish() override;
  std::string describe() const override;
  const std::vector<std::pair<const BoundExpr*, Slot>>& keys() const { return keys_; }
  const std::vector<BoundAggregate>& aggregates() const { return *aggs_; }
  bool pushRels(Row& row, const MatchStep& step, const RelId* rels, size_t n) override;
  bool takesRelBatches() const override { return true; }
  // With ExecContext::threads > 1 and the typed case of pushRels (one string key of the
  // scanned relationship or none; count(*), sum, avg of its numeric properties), the range is
  // split between threads, each summing into its own arrays by dictionary id; the parts are
  // then added into the groups in the order a single thread would have made them.
  int pushRelRange(Row& row, const MatchStep& step, RelId begin, RelId end,
                   std::span<const uint8_t> want, bool& any) override;

  struct AggState {
    int64_t count = 0;
    Value acc;  // sum / min / max
    bool sumIsFloat = false;
    int64_t isum = 0;
    double fsum = 0;
    std::vector<Value> values;  // collect, percentiles, stdev
    std::unique_ptr<std::unordered_set<Value, ValueHash, ValueIdentical>> seen;  // DISTINCT
  };
  struct Group {
    Row row;
    size_t states = 0;  // its first state in states_ (one per aggregate)
  };

 private:
  void update(AggState& st, const BoundAggregate& a, Row& row);
  void add(AggState& st, const BoundAggregate& a, Value v, Row& row);
  Value result(AggState& st, const BoundAggregate& a);
  // Group of a single key `x.key` whose value is a dictionary string: by its dictionary id,
  // without building the string value. -1 when the key takes the general path.
  int64_t groupByWord(Row& row);
  // The typed case of pushRels for this step: the key column (null without a key) and one
  // argument column per aggregate (null for count(*)); false when it does not apply.
  bool typedColumns(const MatchStep& step, const PropertyColumn*& keyCol,
                    std::vector<const PropertyColumn*>& argCols);
  size_t newGroup(Row& row, const Value& key, bool indexed = true);

  std::vector<std::pair<const BoundExpr*, Slot>> keys_;
  const std::vector<BoundAggregate>* aggs_;
  size_t rowWidth_;
  std::unordered_map<Value, size_t, ValueHash, ValueIdentical> index_;
  // A single string key read from storage shares the dictionary's payload, so its address
  // identifies it: this map skips hashing the text for every row.
  std::unordered_map<const std::string*, size_t> byStringAddress_;
  std::vector<Group> groups_;
  std::vector<AggState> states_;                     // groups_.size() * aggregates
  std::vector<const PropertyColumn*> typedArgCols_;  // typedColumns() of the current batch
  AggState* statesOf(size_t group) { return &states_[groups_[group].states]; }
  // Dictionary id -> group + 1 (0: not seen yet), for a key of the form `x.key`, for ids
  // below kWordLimit (4 bytes each up to the largest seen).
  static constexpr uint32_t kWordLimit = uint32_t{1} << 22;
  std::vector<uint32_t> byWord_;
  bool stringGroupsByValue_ = false;  // index_ holds a string key
};

class DistinctOp final : public Operator {
 public:
  explicit DistinctOp(std::vector<Slot> slots) : slots_(std::move(slots)) {}
  bool push(Row& row) override;
  std::string describe() const override { return "Distinct"; }
  const std::vector<Slot>& slots() const { return slots_; }

 private:
  std::vector<Slot> slots_;
  std::unordered_set<Value, ValueHash, ValueIdentical> seen_;
};

// ORDER BY, with an optional bound (SKIP + LIMIT) that keeps only the top rows.
class SortOp final : public Operator {
 public:
  SortOp(std::vector<std::pair<const BoundExpr*, bool>> keys, int64_t topK)
      : keys_(std::move(keys)), topK_(topK) {}
  bool push(Row& row) override { return insert(row, false); }
  bool pushOwned(Row& row) override { return insert(row, true); }
  bool finish() override;
  std::string describe() const override;
  const std::vector<std::pair<const BoundExpr*, bool>>& keys() const { return keys_; }
  int64_t topK() const { return topK_; }
  // Where to publish the K-th first key once K rows are held (see TopBound).
  void publishBound(std::shared_ptr<TopBound> bound) { bound_ = std::move(bound); }

 private:
  // Sort keys, the first ones inline (no allocation per row for up to three keys).
  struct Keys {
    static constexpr size_t kInline = 3;
    Value small[kInline];
    std::vector<Value> more;
    void resize(size_t n) {
      if (n > kInline) more.resize(n - kInline);
    }
    Value& operator[](size_t i) { return i < kInline ? small[i] : more[i - kInline]; }
    const Value& operator[](size_t i) const { return i < kInline ? small[i] : more[i - kInline]; }
    void swap(Keys& o) {
      for (size_t i = 0; i < kInline; ++i) std::swap(small[i], o.small[i]);
      more.swap(o.more);
    }
  };
  struct Entry {
    Keys key;
    Row row;
    uint64_t seq = 0;  // arrival order, for a stable sort
  };
  bool insert(Row& row, bool owned);
  bool less(const Entry& a, const Entry& b) const;
  std::vector<std::pair<const BoundExpr*, bool>> keys_;
  int64_t topK_;
  std::vector<Entry> entries_;
  Entry scratch_;  // keys of the row being pushed, reused to avoid an allocation per row
  uint64_t seq_ = 0;
  std::shared_ptr<TopBound> bound_;
  void publish();
};

class SkipLimitOp final : public Operator {
 public:
  // skip/limit: constant expressions (null when absent), evaluated once at the first row.
  // drain: the query writes, so upstream must run to the end even after the limit.
  SkipLimitOp(const BoundExpr* skip, const BoundExpr* limit, bool drain)
      : skipExpr_(skip), limitExpr_(limit), drain_(drain) {}
  bool push(Row& row) override { return pass(row, false); }
  bool pushOwned(Row& row) override { return pass(row, true); }
  std::string describe() const override;

  // Value of a SKIP/LIMIT expression: a non-negative integer, else a runtime error.
  static int64_t evaluateCount(const BoundExpr& e, Row& row, ExecContext& ctx, const char* what);

 private:
  bool pass(Row& row, bool owned);
  const BoundExpr* skipExpr_;
  const BoundExpr* limitExpr_;
  bool drain_;
  bool evaluated_ = false;
  int64_t skip_ = 0;
  int64_t limit_ = -1;  // -1: none
  int64_t seen_ = 0;
};

// Materialises every row before passing any on: separates reads from writes.
class EagerOp final : public Operator {
 public:
  bool push(Row& row) override {
    rows_.push_back(row);
    return true;
  }
  bool finish() override;
  std::string describe() const override { return "Eager"; }

 private:
  std::vector<Row> rows_;
};

class CreateOp final : public Operator {
 public:
  explicit CreateOp(const BoundPattern* pattern) : pattern_(pattern) {}
  bool push(Row& row) override;
  std::string describe() const override { return "Create"; }

 private:
  const BoundPattern* pattern_;
};

class MergeOp final : public Operator {
 public:
  MergeOp(const BoundClause* clause, std::shared_ptr<MatchProgram> program)
      : clause_(clause), program_(std::move(program)) {}
  bool push(Row& row) override;
  std::string describe() const override { return "Merge"; }

 private:
  const BoundClause* clause_;
  std::shared_ptr<MatchProgram> program_;
};

class SetOp final : public Operator {
 public:
  explicit SetOp(const std::vector<BoundSetItem>* items) : items_(items) {}
  bool push(Row& row) override;
  std::string describe() const override { return "Set"; }

 private:
  const std::vector<BoundSetItem>* items_;
};

class RemoveOp final : public Operator {
 public:
  explicit RemoveOp(const std::vector<BoundRemoveItem>* items) : items_(items) {}
  bool push(Row& row) override;
  std::string describe() const override { return "Remove"; }

 private:
  const std::vector<BoundRemoveItem>* items_;
};

class DeleteOp final : public Operator {
 public:
  DeleteOp(const std::vector<BoundExprPtr>* exprs, bool detach) : exprs_(exprs), detach_(detach) {}
  bool push(Row& row) override;
  // Nodes that still had relationships are deleted here, once every row's relationships
  // are gone (as at commit in Neo4j); one still connected then is an error.
  bool finish() override;
  std::string describe() const override { return detach_ ? "DetachDelete" : "Delete"; }

 private:
  const std::vector<BoundExprPtr>* exprs_;
  bool detach_;
  std::vector<NodeId> pending_;
};

// The end of a chain: copies the column slots into result rows.
class ResultOp final : public Operator {
 public:
  ResultOp(std::vector<Slot> slots, std::vector<std::vector<Value>>* out)
      : slots_(std::move(slots)), out_(out) {
    std::vector<Slot> sorted = slots_;
    std::sort(sorted.begin(), sorted.end());
    distinct_ = std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
  }
  bool push(Row& row) override;
  bool pushOwned(Row& row) override;
  bool finish() override { return true; }
  std::string describe() const override { return "ProduceResults"; }

 private:
  std::vector<Slot> slots_;
  std::vector<std::vector<Value>>* out_;
  bool distinct_ = true;  // no slot twice among the columns: values can be moved out
};

// PROFILE: sits between two operators of a chain and counts the rows that pass, then hands
// them on unchanged (batches of relationships stay batches).
class RowCounterOp final : public Operator {
 public:
  using Clock = std::chrono::steady_clock;
  bool push(Row& row) override {
    ++rows;
    Clock::time_point t = Clock::now();
    bool more = next->push(row);
    below += Clock::now() - t;
    return more;
  }
  bool pushOwned(Row& row) override {
    ++rows;
    Clock::time_point t = Clock::now();
    bool more = next->pushOwned(row);
    below += Clock::now() - t;
    return more;
  }
  bool pushRels(Row& row, const MatchStep& step, const RelId* rels, size_t n) override {
    rows += n;
    Clock::time_point t = Clock::now();
    bool more = next->pushRels(row, step, rels, n);
    below += Clock::now() - t;
    return more;
  }
  bool finish() override {
    Clock::time_point t = Clock::now();
    bool more = next->finish();
    below += Clock::now() - t;
    return more;
  }
  bool takesRelBatches() const override { return next->takesRelBatches(); }
  std::string describe() const override { return "RowCounter"; }

  uint64_t rows = 0;
  // Time spent in the operators after this point (their pushes and finish), for PROFILE's
  // time per operator: an operator's own time is what its counter's `below` leaves out of
  // the one before it.
  Clock::duration below{};
};

// Applies SET items (shared by SET and MERGE ... ON CREATE/ON MATCH).
void applySetItems(const std::vector<BoundSetItem>& items, Row& row, ExecContext& ctx);

}  // namespace silkgraph
