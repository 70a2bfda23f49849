// Text: the one place silkgraph decodes, measures and compares UTF-8. Backed by libutf8proc
// (Unicode 15 tables for width, case and normalisation), so no module keeps its own decoder,
// width table, case mapping or edit distance.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace silkgraph::text {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point starting at s[i] into cp and returns the bytes consumed (>= 1 while
// i < s.size()). Malformed, overlong, surrogate, truncated or out-of-range sequences decode
// as U+FFFD and consume one byte, so any byte string can be walked.
size_t decode(std::string_view s, size_t i, char32_t& cp);
// The same, advancing i past the code point.
char32_t next(std::string_view s, size_t& i);
// Appends cp as UTF-8 (a value outside Unicode appends U+FFFD).
void append(std::string& out, char32_t cp);
std::string encode(const std::u32string& cps, size_t from = 0, size_t to = std::u32string::npos);
std::u32string decodeAll(std::string_view s);

// Whether s is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool isValid(std::string_view s);
// Byte offset of the first malformed sequence, or s.size() when s is valid.
size_t firstInvalid(std::string_view s);
// Code points in s (each malformed byte counts as one).
size_t length(std::string_view s);
// Bytes in the UTF-8 sequence that `lead` starts: 1 for ASCII, 2 to 4 for a lead byte, 0 for
// a continuation byte or a byte that never appears in UTF-8 (for reading one byte at a time).
size_t sequenceLength(unsigned char lead);
// Whether the byte at s[i] starts a code point (is not a continuation byte).
inline bool isLeadByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

// Terminal columns of one code point: 0 (combining marks, zero-width and control
// characters), 1, or 2 (East Asian wide and fullwidth: Hangul, CJK, most emoji).
int width(char32_t cp);
// Sum of width() over the text.
size_t displayWidth(std::string_view s);
// Columns taken by s[0..bytes) (a caret under byte `bytes` of a line goes after these).
size_t displayWidthOfPrefix(std::string_view s, size_t bytes);
// The longest prefix of s that fits in `columns`, with "…" appended when cut.
std::string truncateToWidth(std::string_view s, size_t columns);
// Keeps at most maxChars code points, ending with "…" when something was cut.
std::string truncateChars(std::string_view s, size_t maxChars);

// Unicode simple case mapping, code point by code point (Türkiye -> TÜRKIYE,
// Қазақстан -> ҚАЗАҚСТАН); malformed bytes become U+FFFD.
std::string toUpper(std::string_view s);
std::string toLower(std::string_view s);
// Full case folding plus NFKC, for comparing names without regard to case or form.
std::string caseFold(std::string_view s);
// Canonical composition (NFC): é typed as e + U+0301 becomes U+00E9.
std::string normalizeNfc(std::string_view s);

// ASCII-only helpers for keywords, type names and command names.
std::string asciiLower(std::string_view s);
bool equalsIgnoreAsciiCase(std::string_view a, std::string_view b);
bool startsWithIgnoreAsciiCase(std::string_view s, std::string_view prefix);
// s without leading and trailing ASCII whitespace (space, \t, \n, \r, \f, \v).
std::string_view trim(std::string_view s);
bool isAsciiSpace(char c);

// Edit distance (insertions, deletions, substitutions, swaps of neighbours) between a and b,
// counted in code points after case folding.
size_t editDistance(std::string_view a, std::string_view b);
// The candidate closest to `name` (case-insensitive edit distance at most maxDistance), or
// "" when none is that close. Ties go to the earlier candidate.
std::string closest(std::string_view name, const std::vector<std::string_view>& candidates,
                    size_t maxDistance = 2);

}  // namespace silkgraph::text
