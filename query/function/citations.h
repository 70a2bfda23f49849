// Citations: what the `sources` property of a node or relationship says, read the same way
// by the sources() function and by --why (query/provenance/). A list of strings gives one
// citation per element, a single string one citation; anything else (or no `sources`) none.
#pragma once

#include <string>
#include <vector>

#include "engine/graph.h"
#include "engine/value.h"

namespace silkgraph {

// The key id of `sources` in this graph, kNoKey when nothing ever had it.
KeyId sourcesKey(const Graph& graph);

// Appends the citations of a node or relationship (a NodeRef or RelRef value; anything else,
// or a deleted entity, adds nothing) to `out`, in stored order, empty strings skipped.
void appendCitations(const Graph& graph, KeyId sourcesKey, const Value& entity,
                     std::vector<std::string>& out);

}  // namespace silkgraph
