// Graph-aware text forms of values: nodes and relationships print with their labels/type
// and properties, the way the openCypher TCK and cypher-shell write them.
#pragma once

#include <string>

#include "engine/graph.h"
#include "engine/value.h"

namespace silkgraph {

// TCK notation: (:A:B {k: 'v', n: 1}), [:T {k: 1}], <(:A)-[:T]->(:B)>, [1, 'a'], {k: 1.5},
// null, true, 'text' (single quotes, \' and \\ escaped), floats always with '.', e.g. 1.0.
// Labels and property keys are sorted by name so that output is deterministic.
std::string toCypherText(const Value& v, const Graph& g);

// For tables shown to people: like toCypherText, but a top-level string prints raw
// (no quotes), null prints as "null", and dates print bare at any depth ([2024-11-04], while
// strings inside lists and maps keep their quotes).
std::string toDisplayText(const Value& v, const Graph& g);

}  // namespace silkgraph
