// GraphML exporter: the graph (or a query's subgraph) for NetworkX, Gephi and yEd. Labels go
// in a "labels" attribute (":A:B", as Neo4j's APOC export writes them), the relationship
// type in "type"; every property gets a typed <key> (string, long, double or boolean).
#pragma once

#include <ostream>

#include "engine/graph.h"
#include "export/subgraph.h"

namespace silkgraph {

// Writes a directed GraphML document. Node ids are "n<id>", edge ids "e<id>"; the original
// ids are not attributes (use the `id` property). A property whose values all have one
// numeric or boolean type gets that type; anything else is a string: dates as ISO text,
// lists and maps as JSON. Text is XML-escaped, control characters and invalid UTF-8 become
// U+FFFD, so any name gives a well-formed document.
void writeGraphml(const Graph& graph, const Subgraph& sub, std::ostream& out);

}  // namespace silkgraph
