// Cypher semantics of operators on values: equality and comparison with three-valued logic,
// arithmetic with integer overflow checks, string concatenation, list operations.
#pragma once

#include "engine/value.h"

namespace silkgraph {

// Tri-state boolean result of a predicate.
enum class Tri : uint8_t { False, True, Null };
inline Value triValue(Tri t) {
  return t == Tri::Null ? Value() : Value(t == Tri::True);
}
inline Tri triOf(bool b) {
  return b ? Tri::True : Tri::False;
}
Tri triAnd(Tri a, Tri b);
Tri triOr(Tri a, Tri b);
Tri triXor(Tri a, Tri b);
Tri triNot(Tri a);
// A value used as a predicate: null -> Null, bool -> its value, anything else -> TypeError.
Tri truthOf(const Value& v, const char* context);

// Cypher '=': null if either side is (or contains, where it matters) null.
Tri cypherEquals(const Value& a, const Value& b);
// Cypher '<' family: Null when the values are not comparable (different types, nulls).
// Returns <0, 0, >0 in `out` when comparable.
bool cypherCompare(const Value& a, const Value& b, int& out);

Value arithAdd(const Value& a, const Value& b);
Value arithSub(const Value& a, const Value& b);
Value arithMul(const Value& a, const Value& b);
Value arithDiv(const Value& a, const Value& b);
Value arithMod(const Value& a, const Value& b);
Value arithPow(const Value& a, const Value& b);
Value arithNeg(const Value& a);

// `x IN list`, with Cypher's null rules.
Tri listContains(const Value& list, const Value& x);

// Type name for error messages ("Integer", "String", "Node", ...).
const char* cypherTypeName(const Value& v);

}  // namespace silkgraph
