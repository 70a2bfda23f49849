// Physical operators. A plan is a chain: each operator receives rows from the previous one
// through push() and passes its output to `next`; finish() flushes blocking operators
// (aggregate, sort, distinct, eager) at the end of input. push() returns false when no more
// rows are wanted (LIMIT reached), so producers stop early.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "query/execution/context.h"
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
  // A whole range of relationship ids from a type scan (see RelRangeSink): -1 when the
  // operator does not take it in one go (the default), else 1 to go on, 0 to stop; `any` is
  // set when at least one relationship of the range made a row.
  virtual int pushRelRange(Row&, const MatchStep&, RelId, RelId, std::span<const uint8_t>,
                           bool& /*any*/) {
    return -1;
  }
  // --why (MatchStep::whyCarry): a row that counts only for the entities it used, with `carry`
  // (if not null) a list of more entities after them. Only an aggregation right after a match
  // takes it (the dedupe pass places whyCarry steps so).
  virtual bool pushWhy(Row&, const Value* /*carry*/) { return true; }
  // --why (MatchStep::whySummary): a row whose entities the consumer has already got.
  virtual bool pushCounted(Row& row) { return push(row); }
  virtual bool finish() { return next ? next->finish() : true; }
  virtual std::string describe() const = 0;

  Operator* next = nullptr;
  ExecContext* ctx = nullptr;
};

using OperatorPtr = std::unique_ptr<Operator>;

}  // namespace silkgraph
