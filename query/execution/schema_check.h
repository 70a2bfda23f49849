// Schema check of a statement's writes: in a typed graph (non-empty schema), every node and
// relationship a statement created or changed must conform to the schema when the statement
// ends, as loaded data must (labels and types declared, properties declared with the right
// type, required properties present, relationship endpoints with allowed labels).
#pragma once

#include <vector>

#include "engine/graph.h"
#include "engine/schema.h"

namespace silkgraph {

// Throws Error{ConstraintVerificationFailed} naming the first violation. An integer written to
// a float property is stored as a float, as the loaders do (SET r.tonnes = 50 reads back 50.0).
void checkWritesAgainstSchema(Graph& graph, const Schema& schema, const std::vector<NodeId>& nodes,
                              const std::vector<RelId>& rels);

}  // namespace silkgraph
