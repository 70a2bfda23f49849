// AST: what the parser produces and the binder consumes. Plain data, no semantics:
// names are unresolved strings, every node knows its source position.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/shared_string.h"
#include "engine/error.h"
#include "engine/value.h"

namespace silkgraph::ast {

struct Expr;
struct Pattern;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind : uint8_t {
  Literal,       // value: null, bool, int, float, string
  Parameter,     // name: "p" for $p (also $0 -> "0")
  Variable,      // name
  Property,      // children[0].name           name = key
  ListLiteral,   // children
  MapLiteral,    // keys[i] : children[i]
  Unary,         // op, children[0]
  Binary,        // op, children[0], children[1]
  FunctionCall,  // name as written (case kept), children = args, distinct
  CountStar,     // count(*)
  Case,          // hasSubject: children[0] = subject; then pairs (when, then); hasElse: last = else
  ListComprehension,     // name = variable; children[0] = list; where (nullable); projection
                         // (nullable)
  PatternComprehension,  // pattern (one part, pathVar may be set); where (nullable); projection
  Quantifier,            // name = variable, op = All/Any/None/Single; children[0] = list; where
  Reduce,            // name = accumulator, name2 = variable; children = [init, list, expression]
  ExistsSubquery,    // EXISTS { pattern [WHERE ...] }: pattern, where (nullable)
  PatternPredicate,  // a bare pattern used as a boolean, e.g. WHERE (a)-->(b)
  Index,             // children[0][children[1]]
  Slice,          // list[from..to]: children = [list, from (if hasFrom), to (if hasTo)], never null
  LabelCheck,     // children[0]:L1:L2  (labels)
  MapProjection,  // name = variable; mapItems
};

enum class Op : uint8_t {
  // unary
  Not,
  Negate,
  Plus,
  IsNull,
  IsNotNull,
  // binary
  Or,
  Xor,
  And,
  Eq,
  Neq,
  Lt,
  Le,
  Gt,
  Ge,
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  Pow,
  In,
  StartsWith,
  EndsWith,
  Contains,
  RegexMatch,
  // quantifiers
  All,
  Any,
  None,
  Single,
  NoOp
};

struct MapProjectionItem {
  enum class Kind : uint8_t { Property, AllProperties, Literal, Variable } kind;
  std::string key;  // Property: .key; Literal: key: expr; Variable: the variable name
  ExprPtr expr;     // Literal only
};

struct Expr {
  ExprKind kind;
  SourcePos pos;
  Op op = Op::NoOp;
  Value value;  // Literal
  std::string name;
  std::string name2;
  std::vector<ExprPtr> children;
  std::vector<std::string> keys;    // MapLiteral
  std::vector<std::string> labels;  // LabelCheck
  std::vector<SourcePos> namePos;   // where the key (Property), keys (MapLiteral), labels are
  bool distinct = false;            // FunctionCall
  bool hasSubject = false;          // Case
  bool hasElse = false;             // Case
  bool hasFrom = false;             // Slice
  bool hasTo = false;               // Slice
  // ListLiteral whose elements are all literals: their values are in `value` (a list), with
  // no children, so that a list of a million numbers costs a value per element (D10).
  bool folded = false;
  ExprPtr where;                     // comprehensions, quantifiers, EXISTS
  ExprPtr projection;                // comprehensions
  std::unique_ptr<Pattern> pattern;  // PatternComprehension, ExistsSubquery, PatternPredicate
  std::vector<MapProjectionItem> mapItems;

  Expr(ExprKind k, SourcePos p) : kind(k), pos(p) {}
};

enum class RelDirection : uint8_t { Right, Left, Both };  // -->, <--, -- (or <-->)

struct NodePattern {
  SourcePos pos;
  std::string var;  // empty: anonymous
  std::vector<std::string> labels;
  std::vector<SourcePos> labelPos;  // where each label is written
  ExprPtr properties;               // MapLiteral or Parameter, nullable
};

struct RelPattern {
  SourcePos pos;
  std::string var;
  std::vector<std::string> types;  // alternatives [:A|B]
  std::vector<SourcePos> typePos;  // where each type is written
  ExprPtr properties;
  RelDirection direction = RelDirection::Right;
  bool varLength = false;  // * present
  int64_t minHops = 1;     // *: 1..unbounded; *2: 2..2; *..3: 1..3; *2..: 2..unbounded
  int64_t maxHops = -1;    // -1: unbounded
};

struct PatternPart {
  enum class Kind : uint8_t { Normal, Shortest, AllShortest };
  SourcePos pos;
  std::string pathVar;  // p = (...)
  Kind kind = Kind::Normal;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
};

struct Pattern {
  std::vector<PatternPart> parts;
};

struct ProjectionItem {
  ExprPtr expr;
  std::string alias;  // AS alias; empty if none
  // Without an alias: the source text, the column name (else empty). Shared with the
  // binder's scopes and slots and with every result's columns: never copied (issue 10, D10).
  SharedString text;
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

struct Projection {
  bool distinct = false;
  bool star = false;  // RETURN * / WITH *
  std::vector<ProjectionItem> items;
  std::vector<SortItem> orderBy;
  ExprPtr skip;
  ExprPtr limit;
  ExprPtr where;  // WITH ... WHERE
};

struct SetItem {
  enum class Kind : uint8_t { Property, ReplaceAll, MergeAll, Labels } kind;
  SourcePos pos;
  ExprPtr target;                   // Property: the Property expression (n.k); others: Variable
  ExprPtr value;                    // Property / ReplaceAll (n = map) / MergeAll (n += map)
  std::vector<std::string> labels;  // Labels: SET n:A:B
};

struct RemoveItem {
  enum class Kind : uint8_t { Property, Labels } kind;
  SourcePos pos;
  ExprPtr target;  // Property: the Property expression; Labels: Variable
  std::vector<std::string> labels;
};

enum class ClauseKind : uint8_t {
  Match,
  Unwind,
  With,
  Return,
  Create,
  Merge,
  Set,
  Remove,
  Delete,
  Call,
  LoadCsv
};

// CALL proc() YIELD column [AS alias]
struct YieldItem {
  SourcePos pos;
  std::string column;
  std::string alias;  // empty if none
};

struct Clause {
  ClauseKind kind;
  SourcePos pos;
  bool optional = false;          // OPTIONAL MATCH
  Pattern pattern;                // MATCH, CREATE, MERGE (one part)
  ExprPtr where;                  // MATCH
  ExprPtr expr;                   // UNWIND list; LOAD CSV ... FROM url
  std::string alias;              // UNWIND / LOAD CSV ... AS alias
  Projection projection;          // WITH, RETURN
  std::vector<SetItem> setItems;  // SET
  std::vector<SetItem> onCreate;  // MERGE ... ON CREATE SET
  std::vector<SetItem> onMatch;   // MERGE ... ON MATCH SET
  std::vector<RemoveItem> removeItems;
  std::vector<ExprPtr> deleteExprs;
  bool detach = false;  // DETACH DELETE
  // CALL: the dotted procedure name, its arguments (none written: implicitArgs, taken from
  // the parameters of the same names), YIELD items (or YIELD *) and WHERE (in `where`).
  std::string procedure;
  SourcePos procedurePos;
  bool implicitArgs = false;
  std::vector<ExprPtr> args;
  bool hasYield = false;
  bool yieldStar = false;
  std::vector<YieldItem> yields;
  // LOAD CSV [WITH HEADERS] FROM url AS alias [FIELDTERMINATOR 'c']
  bool withHeaders = false;
  std::string fieldTerminator = ",";
  SourcePos fieldTerminatorPos;

  Clause(ClauseKind k, SourcePos p) : kind(k), pos(p) {}
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

// CREATE INDEX / CREATE CONSTRAINT / DROP INDEX / DROP CONSTRAINT (parse_schema_commands.cpp;
// SHOW INDEXES and SHOW CONSTRAINTS become a CALL of db.indexes() / db.constraints()).
struct SchemaCommand {
  enum class Kind : uint8_t { CreateIndex, CreateConstraint, DropIndex, DropConstraint };
  Kind kind = Kind::CreateIndex;
  SourcePos pos;     // the statement's first word
  std::string name;  // empty: generated (CREATE only)
  SourcePos namePos;
  bool ifExists = false;  // IF NOT EXISTS (CREATE), IF EXISTS (DROP)
  bool relationship = false;
  std::string target;  // the label or relationship type
  SourcePos targetPos;
  std::vector<std::string> properties;
  SourcePos propertiesPos;
};

struct Statement {
  std::shared_ptr<const SchemaCommand> schema;  // set: the statement is this command alone
  bool explain = false;
  bool profile = false;
  std::vector<SingleQuery> queries;  // UNION parts
  std::vector<bool> unionAll;        // unionAll[i]: between queries[i] and queries[i+1]
};

}  // namespace silkgraph::ast
