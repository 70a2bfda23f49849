// Values as JSON (nlohmann::ordered_json), for every front end that writes or reads JSON: the
// shell's --format json/jsonl and the server's HTTP API write result cells with valueToJson;
// the HTTP API reads statement parameters with valueFromJson.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "engine/graph.h"
#include "engine/value.h"

namespace silkgraph {

// A value as JSON: nodes {"id", "labels", "properties"}, relationships {"id", "type",
// "start", "end", "properties"}, paths {"nodes", "relationships"}, dates and other temporal
// values as their ISO 8601 text, non-finite floats as the strings "NaN", "Infinity",
// "-Infinity". Labels and property keys are sorted, so the output is stable.
nlohmann::ordered_json valueToJson(const Value& v, const Graph& graph);
// The properties of a node (node = true) or relationship as a JSON object, sorted by key.
nlohmann::ordered_json propertiesToJson(const Graph& graph, bool node, uint32_t id);
// JSON text of `j` on one line (indent < 0) or indented; invalid UTF-8 in data becomes U+FFFD
// instead of an exception.
std::string jsonText(const nlohmann::ordered_json& j, int indent = -1);
// jsonText(j) on one line, written to `out` without building the text first (a JSON Lines row
// holding a 100 MB string is not copied once more).
void writeJsonText(std::ostream& out, const nlohmann::ordered_json& j);

// A JSON value as a query parameter: null, booleans, integers (a number outside the 64-bit
// range becomes a float), floats, strings, arrays as lists and objects as maps. Never throws.
Value valueFromJson(const nlohmann::json& j);

}  // namespace silkgraph
