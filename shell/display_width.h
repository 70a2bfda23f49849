// Display width of UTF-8 text in a terminal: East Asian wide and fullwidth characters take
// two columns (Hangul, CJK), combining marks and zero-width characters none. Box tables use
// it so that Korean and Kazakh names line up; a byte count would not.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace silkgraph::shell {

// Columns one code point occupies: 0, 1 or 2. Control characters count as 0 (the printers
// escape them before measuring).
int codepointWidth(char32_t cp);

// Decodes the code point at s[i] and advances i. An invalid byte decodes as U+FFFD and
// advances by one, so any byte string can be measured.
char32_t decodeUtf8(std::string_view s, size_t& i);

// Sum of codepointWidth over the text.
size_t displayWidth(std::string_view utf8);

// The longest prefix of s that fits in `width` columns, with "…" appended when cut.
std::string truncateToWidth(std::string_view s, size_t width);

}  // namespace silkgraph::shell
