// Execution context and row: what every operator and the expression evaluator share.
#pragma once

#include <atomic>
#include <functional>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/graph.h"
#include "engine/schema.h"
#include "engine/validity.h"
#include "query/binder/bound.h"
#include "query/function/statement_limits.h"
#include "query/query_result.h"

namespace silkgraph {

struct MatchProgram;
struct MatchState;
class WhyIndex;

// One row: a value per slot of the statement (see BoundStatement::slotCount).
using Row = std::vector<Value>;
// Receives rows; returns false to ask the producer to stop (LIMIT reached).
using RowSink = std::function<bool(Row&)>;

struct ExecContext {
  Graph& graph;
  const Schema& schema;
  QueryStats& stats;
  StatementLimits& limits;  // cancel flag, timeout, memory budget
  unsigned threads = 1;     // Database::setThreads
  // Entities this statement created or changed, checked against a typed schema at the end.
  std::vector<NodeId> touchedNodes;
  std::vector<RelId> touchedRels;
  // The statement's view date (ExecuteOptions::asOf): nodes and relationships it hides are
  // not matched, expanded or handed to procedures. Null without a view date and when the
  // graph has no validity properties, so the hot loops test one pointer.
  const ValidView* view = nullptr;
  // Where LOAD CSV resolves file:/// URLs (Database::setImportDir); empty: the current
  // directory.
  std::string_view importDir;
  // --why in a statement that does not write (query/execution/why_index.h): what its
  // aggregations need to know of each entity, read once. Null otherwise.
  WhyIndex* why = nullptr;

  // Cheap enough for inner loops: the flag and the clock are read every 1024 calls.
  void poll() { limits.poll(); }
  // A row or value an operator keeps (a sort's rows, groups, collected values, DISTINCT's
  // keys, the result) counts against the statement's memory limit; measured only when one is
  // set.
  void hold(const Row& r) {
    if (limits.accounting()) limits.charge(approxRowBytes(r));
  }
  void hold(const Value& v) {
    if (limits.accounting()) limits.charge(approxValueBytes(v));
  }
};

Value evaluate(const BoundExpr& e, Row& row, ExecContext& ctx);
// Evaluates a predicate: true only when the value is true (null and false reject).
bool evaluatePredicate(const BoundExpr& e, Row& row, ExecContext& ctx);

// Runs a compiled pattern against the graph with the row's bound slots as input; calls sink
// for each match with the pattern's slots filled. Returns false if the sink stopped it.
// `state` (the MATCH operator's, query/execution/match_state.h) lets the steps marked for it
// drop duplicate rows; without it every match is produced.
bool runMatch(const MatchProgram& program, Row& row, ExecContext& ctx, const RowSink& sink,
              MatchState* state = nullptr);

// Reads a property of a node, relationship or map value (null for null).
Value propertyOf(const Value& v, const BoundExpr& e, ExecContext& ctx);

}  // namespace silkgraph
