// Implements common/text.h over libutf8proc.
#include "common/text.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>

namespace silkgraph::text {

namespace {

const utf8proc_uint8_t* bytes(std::string_view s) {
  return reinterpret_cast<const utf8proc_uint8_t*>(s.data());
}

// Applies utf8proc_map with `options` to s (malformed bytes first become U+FFFD, since
// utf8proc refuses malformed input as a whole).
std::string mapWith(std::string_view s, int options) {
  std::string clean;
  if (!isValid(s)) {
    for (size_t i = 0; i < s.size();) append(clean, next(s, i));
    s = clean;
  }
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(bytes(s), static_cast<utf8proc_ssize_t>(s.size()), &out,
                                    static_cast<utf8proc_option_t>(options));
  if (n < 0) return std::string(s);  // cannot happen for valid UTF-8; keep the text as it was
  std::string result(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return result;
}

std::string mapEach(std::string_view s, utf8proc_int32_t (*f)(utf8proc_int32_t)) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // ASCII fast path
      out += static_cast<char>(f(c));
      ++i;
      continue;
    }
    append(out, static_cast<char32_t>(f(static_cast<utf8proc_int32_t>(next(s, i)))));
  }
  return out;
}

}  // namespace

size_t decode(std::string_view s, size_t i, char32_t& cp) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  utf8proc_int32_t out = -1;
  utf8proc_ssize_t n =
      utf8proc_iterate(bytes(s) + i, static_cast<utf8proc_ssize_t>(s.size() - i), &out);
  if (n <= 0 || out < 0) {
    cp = kReplacement;
    return 1;
  }
  cp = static_cast<char32_t>(out);
  return static_cast<size_t>(n);
}

char32_t next(std::string_view s, size_t& i) {
  char32_t cp;
  i += decode(s, i, cp);
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
    return;
  }
  if (!utf8proc_codepoint_valid(static_cast<utf8proc_int32_t>(cp))) cp = kReplacement;
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

std::string encode(const std::u32string& cps, size_t from, size_t to) {
  std::string out;
  to = std::min(to, cps.size());
  for (size_t i = from; i < to; ++i) append(out, cps[i]);
  return out;
}

std::u32string decodeAll(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) out += next(s, i);
  return out;
}

size_t sequenceLength(unsigned char lead) {
  return static_cast<size_t>(std::max<int>(0, utf8proc_utf8class[lead]));
}

size_t firstInvalid(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n =
        utf8proc_iterate(bytes(s) + i, static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0 || cp < 0) return i;
    i += static_cast<size_t>(n);
  }
  return s.size();
}

bool isValid(std::string_view s) {
  return firstInvalid(s) == s.size();
}

size_t length(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
    } else {
      char32_t cp;
      i += decode(s, i, cp);
    }
  }
  return n;
}

int width(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F) return 0;
  if (cp < 0x7F) return 1;
  return std::max(0, utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp)));
}

size_t displayWidth(std::string_view s) {
  return displayWidthOfPrefix(s, s.size());
}

size_t displayWidthOfPrefix(std::string_view s, size_t bytes) {
  bytes = std::min(bytes, s.size());
  size_t w = 0;
  for (size_t i = 0; i < bytes;) w += static_cast<size_t>(width(next(s, i)));
  return w;
}

std::string truncateToWidth(std::string_view s, size_t columns) {
  if (displayWidth(s) <= columns) return std::string(s);
  if (columns == 0) return "";
  std::string out;
  size_t used = 0;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t cp = next(s, i);
    auto w = static_cast<size_t>(width(cp));
    if (used + w + 1 > columns) break;  // keep a column for the ellipsis
    out.append(s.substr(start, i - start));
    used += w;
  }
  return out + "…";
}

std::string truncateChars(std::string_view s, size_t maxChars) {
  size_t i = 0;
  for (size_t n = 0; n < maxChars && i < s.size(); ++n) {
    char32_t cp;
    i += decode(s, i, cp);
  }
  if (i >= s.size()) return std::string(s);
  return std::string(s.substr(0, i)) + "…";
}

std::string toUpper(std::string_view s) {
  // utf8proc maps ß (U+00DF) to ẞ (U+1E9E); Unicode's simple case mapping (and glibc's
  // towupper, which toUpper() used before) leaves it as it is.
  return mapEach(s, [](utf8proc_int32_t c) { return c == 0xDF ? c : utf8proc_toupper(c); });
}

std::string toLower(std::string_view s) {
  return mapEach(s, utf8proc_tolower);
}

std::string caseFold(std::string_view s) {
  return mapWith(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
}

std::string normalizeNfc(std::string_view s) {
  return mapWith(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

bool isAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string asciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool equalsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && startsWithIgnoreAsciiCase(a, b);
}

bool startsWithIgnoreAsciiCase(std::string_view s, std::string_view prefix) {
  if (prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char x = s[i], y = prefix[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && isAsciiSpace(s[b])) ++b;
  while (e > b && isAsciiSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

size_t editDistance(std::string_view a, std::string_view b) {
  std::u32string x = decodeAll(caseFold(a)), y = decodeAll(caseFold(b));
  // Optimal string alignment: insertions, deletions, substitutions and swaps of neighbours.
  std::vector<std::vector<size_t>> d(x.size() + 1, std::vector<size_t>(y.size() + 1));
  for (size_t i = 0; i <= x.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= y.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    for (size_t j = 1; j <= y.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.size()][y.size()];
}

std::string closest(std::string_view name, const std::vector<std::string_view>& candidates,
                    size_t maxDistance) {
  std::string best;
  size_t bestDist = maxDistance + 1;
  // Folding makes a code point at most 54 (18 by compatibility decomposition, three by case
  // folding) and merges at most four into one, and a code point takes one to four bytes: a
  // text over 1024 times longer in bytes (plus the distance) cannot be close. Skipping it keeps
  // a name as long as a 100 MB literal (a column named by its text) from costing a matrix of
  // its length per candidate (issue 10, D10).
  auto tooLong = [&](std::string_view x, std::string_view y) {
    return x.size() / 1024 > y.size() + maxDistance;
  };
  for (auto c : candidates) {
    if (tooLong(c, name) || tooLong(name, c)) continue;
    size_t d = editDistance(name, c);
    if (d < bestDist) {
      bestDist = d;
      best = std::string(c);
    }
  }
  return best;
}

}  // namespace silkgraph::text
