// Result values to PackStream: a RECORD message for one row, with nodes, relationships and
// paths read from the graph (labels, type, properties, element ids) as Bolt `major` (4 or 5)
// lays them out. Call with the database locked: it reads the graph.
#pragma once

#include <string>
#include <vector>

#include "main/database.h"

namespace silkgraph::server {

std::string encodeRecord(const std::vector<Value>& row, const Graph& graph, int major);

}  // namespace silkgraph::server
