// Result rows in the shape of Neo4j's HTTP transactional endpoint: for each row, "row" (nodes
// and relationships as their property maps, paths as lists alternating them) and "meta"
// (for each entity {"id", "elementId", "type": "node"|"relationship", "deleted"}, lists for
// lists and paths, {"type": "date"...} for temporal values, null otherwise), and, when the
// request asks for resultDataContents "graph", the nodes and relationships of the row
// ({"id", "elementId", "labels"|"type", "startNode", "endNode", "properties"}; ids are strings
// there, as Neo4j writes them).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "main/database.h"

namespace silkgraph::server {

struct ResultContents {
  bool row = true;
  bool graph = false;
};

// {"columns": [...], "data": [{"row": [...], "meta": [...], "graph": {...}}]} of a result,
// plus "stats" (Neo4j's counter names) when the statement changed the graph.
nlohmann::ordered_json httpResultJson(const QueryResult& result, const Graph& graph,
                                      const ResultContents& contents);

}  // namespace silkgraph::server
