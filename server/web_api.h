// What the web page asks besides the transactional endpoint: the schema for its side panel
// (GET /api/schema) and a drawing of nodes and relationships (POST /api/svg), made with the
// project's own DOT export (export/, through main/export.h) and rendered to SVG by Graphviz's
// `dot` run as a child process with a time limit. Both read the graph, so the caller holds
// the server's lock (ServerState::lock); each first finishes a Bolt cursor still running
// (Database::settle), which would otherwise read the graph on its own thread meanwhile.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "main/database.h"

namespace silkgraph::server {

// {"nodes": N, "relationships": N, "labels": [{"name", "count", "key", "properties":
// [{"name", "type", "required"}]}], "types": [{"name", "count", "from", "to", "properties"}]}:
// the declared schema's names and those only the data has, sorted, with their counts.
nlohmann::ordered_json schemaJson(const Database& db);

struct DrawLimits {
  size_t maxNodes = 500;  // more ids than this are refused (dot grows superlinearly)
  size_t maxRelationships = 2000;
  double dotSeconds = 10;  // dot is stopped after this long
};

// Draws the request {"nodes": [id, ...], "relationships": [id, ...]} (ids of deleted
// entities are skipped; the endpoints of each relationship are drawn too): {"svg": "<svg...",
// "nodes": {"ID": {"id", "labels", "properties"}}} for the page's node panel. Throws
// Error{ArgumentError} for a malformed or too large request, Error{IOError} when Graphviz
// fails or takes too long.
nlohmann::ordered_json drawSvg(const Database& db, const nlohmann::json& request,
                               const DrawLimits& limits);

}  // namespace silkgraph::server
