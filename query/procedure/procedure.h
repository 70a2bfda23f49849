// Procedures as the query language sees them: a typed signature (Neo4j's notation,
// `db.labels() :: (label :: STRING?)`), a description and an implementation that streams rows.
// The binder checks CALL against the signature; the CALL operator (query/execution/operators/
// call.h) runs the implementation. The procedures themselves live above query/ (procedures/)
// and are put in a ProcedureRegistry by whoever owns the database (main/).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/graph.h"
#include "engine/schema.h"
#include "engine/validity.h"
#include "engine/value.h"

namespace silkgraph {

// The types a signature can name. ANY accepts every value; NUMBER an integer or a float.
enum class ProcType : uint8_t {
  Any,
  Boolean,
  Integer,
  Float,
  Number,
  String,
  Date,
  Map,
  List,
  Node,
  Relationship,
  Path
};

struct ProcTypeSpec {
  ProcType type = ProcType::Any;
  ProcType element = ProcType::Any;  // List: the elements' type (ANY when not said)
  bool listOf = false;               // LIST OF <element>
};

struct ProcParam {
  std::string name;
  ProcTypeSpec type;
  std::optional<Value> defaultValue;  // `name = value :: TYPE`: the argument may be left out
};

struct ProcColumn {
  std::string name;
  ProcTypeSpec type;
};

// What stops a running procedure: the statement's limits (its cancel and stop flags and its
// deadline), which the caller (query/execution's CallOp) puts behind this interface so that
// procedures need not know the statement's other machinery.
class StopCheck {
 public:
  virtual ~StopCheck() = default;
  // Throws the statement's error (cancelled, closed, past its timeout) when it must stop.
  virtual void check() const = 0;
  // The same test without throwing.
  virtual bool stopRequested() const = 0;
};

// What an implementation may read while it runs.
struct ProcedureContext {
  const Graph& graph;
  const Schema& schema;
  // The statement's limits; null outside a statement (a test calling a procedure directly).
  const StopCheck* limits = nullptr;
  uint32_t tick = 0;
  // The statement's view date (engine/validity.h), null when none: procedures see only what
  // it keeps visible.
  const ValidView* view = nullptr;
  // The threads the statement may use (Database::setThreads); an algorithm may split its work
  // between that many.
  unsigned threads = 1;
  // Stops a long computation when the query is cancelled, its reader closed the result or its
  // timeout passed (the error says which); cheap enough for inner loops: the flags and the
  // clock are read once per 1024 calls.
  // A step that did `cost` units of work (a breadth-first search that visited `cost` nodes)
  // may say so.
  void poll(uint32_t cost = 1) {
    if (limits && (tick += cost) >= 1024u) {
      tick = 0;
      limits->check();
    }
  }
  // The same test without throwing, for a thread that must reach a barrier before it stops.
  bool stopRequested() const { return limits && limits->stopRequested(); }
};

// One output row (a value per output column, in signature order); returns false when no more
// rows are wanted (a LIMIT was reached), and the implementation should then return. The sink
// copies what it keeps, so a procedure may reuse one row vector for every row.
using ProcedureSink = std::function<bool(std::vector<Value>& row)>;
// Arguments arrive checked against the signature (integers widened to FLOAT where asked,
// defaults filled in).
using ProcedureFn = std::function<void(ProcedureContext& ctx, std::span<const Value> args,
                                       const ProcedureSink& sink)>;

struct ProcedureDef {
  std::string name;  // dotted, e.g. "db.labels"
  std::vector<ProcParam> params;
  std::vector<ProcColumn> outputs;  // empty: a VOID procedure
  std::string description;
  ProcedureFn fn;

  // `name(p :: TYPE?, ...) :: (c :: TYPE?, ...)`, or `:: VOID` for no outputs.
  std::string signature() const;
  size_t requiredParams() const;
  int outputIndex(std::string_view column) const;  // -1 when there is no such column
};

// Parses a Neo4j-style signature `name(params) :: (outputs)` into a definition without an
// implementation. Throws Error{ArgumentError} saying what is wrong and where (column).
ProcedureDef parseProcedureSignature(std::string_view signature);

std::string procTypeName(const ProcTypeSpec& t);
// Whether `v` may be passed where `t` is expected (null always may).
bool procTypeAccepts(const ProcTypeSpec& t, const Value& v);
// The value as the procedure receives it: an integer becomes a float where FLOAT is asked.
Value procCoerce(const ProcTypeSpec& t, Value v);

// The procedures a database knows, by exact name.
class ProcedureRegistry {
 public:
  // Replaces a procedure of the same name.
  void add(ProcedureDef def);
  // The same, from a signature (parseProcedureSignature), a description and the code.
  void add(std::string_view signature, std::string description, ProcedureFn fn);
  const ProcedureDef* find(std::string_view name) const;
  // The closest known name for a "did you mean" hint; empty when none is close.
  std::string closest(std::string_view name) const;
  // Every procedure, by name.
  std::vector<const ProcedureDef*> all() const;

 private:
  std::map<std::string, std::shared_ptr<const ProcedureDef>, std::less<>> procs_;
};

}  // namespace silkgraph
