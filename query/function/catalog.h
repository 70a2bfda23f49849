// The function catalog of the query language: every scalar function's name and arity, and
// the lookup the binder resolves calls with (an unknown name or a wrong number of arguments
// is a compile-time SemanticError). The evaluator then calls FunctionDef::fn with already
// evaluated arguments. Aggregate functions are described in query/function/aggregate.h.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "engine/graph.h"
#include "engine/value.h"

namespace silkgraph {

using ScalarFn = Value (*)(std::span<const Value> args, const Graph& graph);

struct FunctionDef {
  const char* name;  // canonical spelling, e.g. "toUpper"
  int minArgs;
  int maxArgs;  // -1: variadic
  ScalarFn fn;
};

// Case-insensitive lookup; nullptr if unknown.
const FunctionDef* findFunction(std::string_view name);

// Every scalar and aggregate function name, for "did you mean" hints.
std::vector<std::string_view> functionNames();

// Names of the aggregate functions (count, sum, ...) for the binder; case-insensitive.
bool isAggregateName(std::string_view name);

}  // namespace silkgraph
