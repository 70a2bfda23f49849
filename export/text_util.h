// Text helpers shared by the exporters: wrapping labels at a display width, and plain-text and
// JSON forms of property values. (UTF-8 decoding, widths and truncation are common/text.h's:
// invalid bytes decode as U+FFFD, so a bad name never makes Graphviz or an XML parser reject
// the whole file.)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/value.h"

namespace silkgraph::exporttext {

// Greedy word wrap at `width` columns (0: no wrapping). Existing line breaks are kept; a word
// longer than the width stays whole. Lines are joined with '\n'.
std::string wrapText(std::string_view text, size_t width);

// A property value as a person reads it: strings raw, floats as Cypher prints them, dates
// ISO, lists "[a, b]", maps "{k: v}". Nodes/relationships/paths print as #id.
std::string plainText(const Value& v);

// A property value as JSON text (used for lists and maps in GraphML). Dates are strings,
// non-finite floats are null (JSON has no NaN), invalid UTF-8 becomes U+FFFD.
std::string jsonText(const Value& v);

}  // namespace silkgraph::exporttext
