// The scalar function implementations, one family per file, and the argument checks they
// share. Only the catalog (catalog.cpp) refers to them; everything else looks functions up
// by name through query/function/catalog.h.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "engine/graph.h"
#include "engine/value.h"

namespace silkgraph::functions {

using Args = std::span<const Value>;

// Argument checks (function_args.cpp): a TypeError naming the function and the type given.
[[noreturn]] void argType(const char* fn, const Value& v);
int64_t intArg(const char* fn, const Value& v);  // an integer, or a float with no fraction
double numArg(const char* fn, const Value& v);
const std::string& strArg(const char* fn, const Value& v);

// Nodes, relationships and paths (graph_functions.cpp).
Value fnId(Args a, const Graph& g);
Value fnLabels(Args a, const Graph& g);
Value fnType(Args a, const Graph& g);
Value fnProperties(Args a, const Graph& g);
Value fnKeys(Args a, const Graph& g);
Value fnLength(Args a, const Graph& g);
Value fnNodes(Args a, const Graph& g);
Value fnRelationships(Args a, const Graph& g);
Value fnStartNode(Args a, const Graph& g);
Value fnEndNode(Args a, const Graph& g);
Value fnExists(Args a, const Graph& g);
// Valid time (validity_functions.cpp, engine/validity.h).
Value fnValidAt(Args a, const Graph& g);
Value fnValidDuring(Args a, const Graph& g);
// Names (resolve_function.cpp, engine/alias_index.h).
Value fnResolve(Args a, const Graph& g);
// Citations (provenance_functions.cpp).
Value fnSources(Args a, const Graph& g);

// Lists (list_functions.cpp).
Value fnSize(Args a, const Graph& g);
Value fnCoalesce(Args a, const Graph& g);
Value fnHead(Args a, const Graph& g);
Value fnLast(Args a, const Graph& g);
Value fnTail(Args a, const Graph& g);
Value fnRange(Args a, const Graph& g);
Value fnReverse(Args a, const Graph& g);

// Strings (string_functions.cpp).
Value fnToUpper(Args a, const Graph& g);
Value fnToLower(Args a, const Graph& g);
Value fnSubstring(Args a, const Graph& g);
Value fnLeft(Args a, const Graph& g);
Value fnRight(Args a, const Graph& g);
Value fnSplit(Args a, const Graph& g);
Value fnReplace(Args a, const Graph& g);
Value fnTrim(Args a, const Graph& g);
Value fnLTrim(Args a, const Graph& g);
Value fnRTrim(Args a, const Graph& g);

// Type conversions (conversion_functions.cpp).
Value fnToString(Args a, const Graph& g);
Value fnToInteger(Args a, const Graph& g);
Value fnToFloat(Args a, const Graph& g);
Value fnToBoolean(Args a, const Graph& g);

// Numbers (math_functions.cpp).
Value fnAbs(Args a, const Graph& g);
Value fnSqrt(Args a, const Graph& g);
Value fnExp(Args a, const Graph& g);
Value fnLog(Args a, const Graph& g);
Value fnLog10(Args a, const Graph& g);
Value fnSin(Args a, const Graph& g);
Value fnCos(Args a, const Graph& g);
Value fnTan(Args a, const Graph& g);
Value fnAsin(Args a, const Graph& g);
Value fnAcos(Args a, const Graph& g);
Value fnAtan(Args a, const Graph& g);
Value fnAtan2(Args a, const Graph& g);
Value fnPi(Args a, const Graph& g);
Value fnE(Args a, const Graph& g);
Value fnFloor(Args a, const Graph& g);
Value fnCeil(Args a, const Graph& g);
Value fnRound(Args a, const Graph& g);
Value fnSign(Args a, const Graph& g);
Value fnRand(Args a, const Graph& g);

// Where the current LOAD CSV row comes from (csv_functions.cpp): null outside LOAD CSV.
Value fnLineNumber(Args a, const Graph& g);
Value fnFile(Args a, const Graph& g);

// Temporal values (temporal_functions.cpp).
Value fnDate(Args a, const Graph& g);
Value fnLocalTime(Args a, const Graph& g);
Value fnTime(Args a, const Graph& g);
Value fnLocalDateTime(Args a, const Graph& g);
Value fnDateTime(Args a, const Graph& g);
Value fnDuration(Args a, const Graph& g);
Value fnDateNow(Args a, const Graph& g);
Value fnLocalTimeNow(Args a, const Graph& g);
Value fnTimeNow(Args a, const Graph& g);
Value fnLocalDateTimeNow(Args a, const Graph& g);
Value fnDateTimeNow(Args a, const Graph& g);
Value fnDateTruncate(Args a, const Graph& g);
Value fnLocalTimeTruncate(Args a, const Graph& g);
Value fnTimeTruncate(Args a, const Graph& g);
Value fnLocalDateTimeTruncate(Args a, const Graph& g);
Value fnDateTimeTruncate(Args a, const Graph& g);
Value fnDateTimeFromEpoch(Args a, const Graph& g);
Value fnDateTimeFromEpochMillis(Args a, const Graph& g);
Value fnDurationBetween(Args a, const Graph& g);
Value fnDurationInMonths(Args a, const Graph& g);
Value fnDurationInDays(Args a, const Graph& g);
Value fnDurationInSeconds(Args a, const Graph& g);
Value fnYear(Args a, const Graph& g);

}  // namespace silkgraph::functions
