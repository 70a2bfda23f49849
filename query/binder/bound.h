// Bound query: the binder's output. Names are resolved to row slots, functions to their
// implementations, parameters to their values; every semantic check has already passed.
// The planner turns it into operators (query/planner), the executor runs them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/shared_string.h"
#include "engine/error.h"
#include "engine/graph.h"
#include "engine/value.h"
#include "query/function/aggregate.h"
#include "query/parser/ast.h"

namespace silkgraph {

struct MatchProgram;  // compiled pattern (query/planner/match_program.h)
struct FunctionDef;   // query/function/catalog.h
struct ProcedureDef;  // query/procedure/procedure.h
class ProcedureRegistry;
struct BoundExpr;
using BoundExprPtr = std::unique_ptr<BoundExpr>;
using Slot = uint32_t;
constexpr Slot kNoSlot = UINT32_MAX;

// What a variable holds; the binder checks uses against it (VariableTypeConflict).
// Scalar: known not to be a node, relationship or path (e.g. WITH true AS n).
enum class VarKind : uint8_t { Any, Scalar, Node, Rel, RelList, Path };

enum class BExprKind : uint8_t {
  Literal,
  Slot,
  Property,
  ListLiteral,
  MapLiteral,
  Unary,
  Binary,
  Function,
  AggregateRef,  // the value an Aggregate operator computed (a slot)
  Case,
  ListComprehension,
  Quantifier,
  Reduce,
  PatternExists,
  PatternComprehension,
  Index,
  Slice,
  LabelCheck,
  MapProjection,
};

struct BoundMapProjItem {
  ast::MapProjectionItem::Kind kind;
  std::string key;
  BoundExprPtr expr;  // Literal: the value; Variable: the variable's slot expression
};

// A pattern with variables resolved to slots (anonymous elements get fresh slots).
struct BoundNodePattern {
  Slot slot = kNoSlot;
  bool alreadyBound = false;  // bound by an earlier clause (or earlier in this pattern)
  std::vector<std::string> labels;
  std::vector<std::pair<std::string, BoundExprPtr>> properties;
  SourcePos pos;
};

struct BoundRelPattern {
  Slot slot = kNoSlot;
  bool alreadyBound = false;
  std::vector<std::string> types;
  std::vector<std::pair<std::string, BoundExprPtr>> properties;
  ast::RelDirection direction = ast::RelDirection::Right;
  bool varLength = false;
  int64_t minHops = 1;
  int64_t maxHops = 1;  // -1 unbounded
  SourcePos pos;
};

struct BoundPatternPart {
  Slot pathSlot = kNoSlot;
  ast::PatternPart::Kind kind = ast::PatternPart::Kind::Normal;
  std::vector<BoundNodePattern> nodes;
  std::vector<BoundRelPattern> rels;
  SourcePos pos;
};

struct BoundPattern {
  std::vector<BoundPatternPart> parts;
};

struct BoundExpr {
  BExprKind kind;
  SourcePos pos;
  ast::Op op = ast::Op::NoOp;
  Value value;                      // Literal
  Slot slot = kNoSlot;              // Slot, AggregateRef, comprehension/quantifier variable
  Slot slot2 = kNoSlot;             // Reduce: the element variable
  std::string name;                 // Property key, function name (for messages)
  mutable KeyId keyCache = kNoKey;  // Property: resolved key id
  const FunctionDef* function = nullptr;
  std::vector<BoundExprPtr> children;
  std::vector<std::string> keys;    // MapLiteral
  std::vector<std::string> labels;  // LabelCheck
  bool hasSubject = false, hasElse = false, hasFrom = false, hasTo = false;
  BoundExprPtr where;
  BoundExprPtr projection;
  std::unique_ptr<BoundPattern> pattern;  // PatternExists / PatternComprehension
  std::shared_ptr<MatchProgram> program;  // compiled by the planner
  std::vector<BoundMapProjItem> mapItems;

  BoundExpr(BExprKind k, SourcePos p) : kind(k), pos(p) {}
};

struct BoundAggregate {
  AggKind kind;
  bool distinct = false;
  BoundExprPtr arg;     // null for count(*)
  BoundExprPtr arg2;    // percentile
  Slot slot = kNoSlot;  // where the result lands
  SourcePos pos;
};

struct BoundProjectionItem {
  BoundExprPtr expr;  // over the input scope (aggregates replaced by AggregateRef)
  Slot slot = kNoSlot;
  SharedString column;  // shares the parser's text (ast::ProjectionItem::text)
  bool hasAggregate = false;
};

struct BoundSortItem {
  BoundExprPtr expr;  // over output slots (and input slots when not aggregating/distinct)
  bool descending = false;
};

struct BoundProjection {
  bool isReturn = false;
  bool distinct = false;
  std::vector<BoundProjectionItem> items;
  std::vector<BoundAggregate> aggregates;  // non-empty: grouping by the non-aggregate items
  std::vector<BoundSortItem> orderBy;
  BoundExprPtr skip;
  BoundExprPtr limit;
  BoundExprPtr where;  // WITH ... WHERE, over output slots
};

struct BoundSetItem {
  ast::SetItem::Kind kind;
  SourcePos pos;
  BoundExprPtr target;  // Property: the entity expression; others: the variable
  std::string key;      // Property
  BoundExprPtr value;
  std::vector<std::string> labels;
};

struct BoundRemoveItem {
  ast::RemoveItem::Kind kind;
  SourcePos pos;
  BoundExprPtr target;
  std::string key;
  std::vector<std::string> labels;
};

struct BoundClause {
  ast::ClauseKind kind;
  SourcePos pos;
  bool optional = false;
  BoundPattern pattern;
  std::vector<BoundExprPtr> whereConjuncts;  // MATCH
  std::vector<Slot> newSlots;                // slots this clause introduces (OPTIONAL: nulls)
  BoundExprPtr expr;                         // UNWIND list; LOAD CSV url
  Slot slot = kNoSlot;                       // UNWIND / LOAD CSV variable
  bool withHeaders = false;                  // LOAD CSV WITH HEADERS: rows are maps
  char fieldTerminator = ',';                // LOAD CSV ... FIELDTERMINATOR
  BoundProjection projection;                // WITH / RETURN
  std::vector<BoundSetItem> setItems, onCreate, onMatch;
  std::vector<BoundRemoveItem> removeItems;
  std::vector<BoundExprPtr> deleteExprs;
  bool detach = false;
  // CALL: the procedure, one argument per parameter (defaults filled in), and which output
  // column lands in which slot; WHERE is in whereConjuncts, the yielded slots in newSlots.
  const ProcedureDef* procedure = nullptr;
  std::vector<BoundExprPtr> args;
  std::vector<std::pair<uint32_t, Slot>> yields;

  BoundClause(ast::ClauseKind k, SourcePos p) : kind(k), pos(p) {}
};

struct BoundSingleQuery {
  std::vector<BoundClause> clauses;
  std::vector<SharedString> columns;  // empty when the query ends without RETURN
  std::vector<Slot> columnSlots;
  bool updates = false;
  SourcePos firstUpdate;  // the first writing clause, when updates
};

struct BoundStatement {
  bool explain = false;
  bool profile = false;  // run the statement and also return its plan
  std::vector<BoundSingleQuery> queries;
  std::vector<bool> unionAll;
  uint32_t slotCount = 0;
  std::vector<SharedString> slotNames;  // for EXPLAIN
};

}  // namespace silkgraph
