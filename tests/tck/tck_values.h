// TCK value notation for the test runners (tck_runner and query_tests): parses expected cells
// and parameters, turns query results into the same shape, and compares both through a
// canonical text so that formatting details (spaces, key order, 1e-305 vs 1.0E-305) never
// decide a comparison, while 1 vs 1.0 and node labels/properties still do.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/graph.h"
#include "engine/value.h"

namespace silkgraph::tck {

struct TckEntry;

// A value as the TCK writes it: nodes and relationships have no identity, only content.
struct TckValue {
  enum class Kind : uint8_t { Null, Bool, Int, Float, String, List, Map, Node, Rel, Path };
  Kind kind = Kind::Null;
  bool b = false;
  int64_t i = 0;
  double f = 0;
  std::string s;                    // String content, or a relationship's type
  std::vector<std::string> labels;  // Node
  std::vector<TckValue> items;      // List elements; Path: node, rel, node, ...
  std::vector<TckEntry> entries;    // Map entries or properties
  bool forward = true;              // a relationship inside a path: -[]-> (true) or <-[]- (false)
};

// A map entry or a property. (Not a std::pair: a pair holding the type being defined does not
// compile with clang and libstdc++.)
struct TckEntry {
  std::string first;
  TckValue second;
  TckEntry(std::string key, TckValue value) : first(std::move(key)), second(std::move(value)) {}
};

struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses one cell in TCK notation (also Cypher literals such as [1, 'a'] or {k: -2.5}).
// Throws ParseError naming the column of the problem.
TckValue parseTck(std::string_view text);

// The TCK view of a result value; dates become ISO strings, as in the TCK.
TckValue fromValue(const Value& v, const Graph& g);

// A Value for a parameter; throws ParseError for nodes, relationships and paths.
Value toValue(const TckValue& v);

// Canonical text: equal texts <=> equal values under the TCK's rules. With ignoreListOrder,
// list elements are compared as multisets (at every depth).
std::string canonical(const TckValue& v, bool ignoreListOrder = false);

}  // namespace silkgraph::tck
