// Text helpers shared by the exporters: UTF-8 decoding that never fails (invalid bytes become
// U+FFFD, so a bad name can never make Graphviz or an XML parser reject the whole file),
// display width for wrapping labels, and plain-text forms of property values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/value.h"

namespace silkgraph::exporttext {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point starting at s[i]; returns the number of bytes consumed (>= 1).
// Malformed, overlong, surrogate or out-of-range sequences yield U+FFFD and consume one byte.
size_t decodeUtf8(std::string_view s, size_t i, char32_t& cp);
void appendUtf8(std::string& out, char32_t cp);

// Columns a code point takes in a label: 2 for East Asian wide characters (Hangul, CJK), 0
// for combining marks, 1 otherwise. Only used to decide where to wrap.
int displayWidth(char32_t cp);

// Greedy word wrap at `width` columns (0: no wrapping). Existing line breaks are kept; a word
// longer than the width stays whole. Lines are joined with '\n'.
std::string wrapText(std::string_view text, size_t width);

// Keeps at most `maxChars` code points, ending with "…" when something was cut.
std::string truncateText(std::string_view text, size_t maxChars);

// A property value as a person reads it: strings raw, floats as Cypher prints them, dates
// ISO, lists "[a, b]", maps "{k: v}". Nodes/relationships/paths print as #id.
std::string plainText(const Value& v);

// A property value as JSON text (used for lists and maps in GraphML). Dates are strings,
// non-finite floats are null (JSON has no NaN), invalid UTF-8 becomes U+FFFD.
std::string jsonText(const Value& v);

}  // namespace silkgraph::exporttext
