// Display width from Unicode ranges (East Asian Width W/F from UAX #11, general categories
// Mn/Me/Cf for zero width). Our own table rather than wcwidth(): wcwidth depends on the
// process locale and the C library's Unicode version, and tables must align the same
// everywhere.
#include "shell/display_width.h"

#include <algorithm>
#include <array>
#include <utility>

namespace silkgraph::shell {
namespace {

using Range = std::pair<char32_t, char32_t>;

// Zero width: combining marks (Mn, Me), format characters (Cf), Hangul medial vowels and
// final consonants (conjoining jamo that render inside the preceding syllable).
constexpr std::array kZeroWidth = {
    Range{0x0300, 0x036F},   Range{0x0483, 0x0489},   Range{0x0591, 0x05BD},
    Range{0x05BF, 0x05BF},   Range{0x05C1, 0x05C2},   Range{0x05C4, 0x05C5},
    Range{0x05C7, 0x05C7},   Range{0x0610, 0x061A},   Range{0x061C, 0x061C},
    Range{0x064B, 0x065F},   Range{0x0670, 0x0670},   Range{0x06D6, 0x06DC},
    Range{0x06DF, 0x06E4},   Range{0x06E7, 0x06E8},   Range{0x06EA, 0x06ED},
    Range{0x0711, 0x0711},   Range{0x0730, 0x074A},   Range{0x07A6, 0x07B0},
    Range{0x0900, 0x0902},   Range{0x093A, 0x093A},   Range{0x093C, 0x093C},
    Range{0x0941, 0x0948},   Range{0x094D, 0x094D},   Range{0x0951, 0x0957},
    Range{0x0E31, 0x0E31},   Range{0x0E34, 0x0E3A},   Range{0x0E47, 0x0E4E},
    Range{0x1160, 0x11FF},   Range{0x1AB0, 0x1AFF},   Range{0x1DC0, 0x1DFF},
    Range{0x200B, 0x200F},   Range{0x202A, 0x202E},   Range{0x2060, 0x2064},
    Range{0x20D0, 0x20FF},   Range{0x302A, 0x302D},   Range{0x3099, 0x309A},
    Range{0xD7B0, 0xD7FF},   Range{0xFE00, 0xFE0F},   Range{0xFE20, 0xFE2F},
    Range{0xFEFF, 0xFEFF},   Range{0x1F3FB, 0x1F3FF}, Range{0xE0000, 0xE007F},
    Range{0xE0100, 0xE01EF},
};

// Wide (W) and fullwidth (F): Hangul, CJK, kana, fullwidth forms, most emoji.
constexpr std::array kWide = {
    Range{0x1100, 0x115F},   Range{0x231A, 0x231B},   Range{0x2329, 0x232A},
    Range{0x23E9, 0x23EC},   Range{0x23F0, 0x23F0},   Range{0x23F3, 0x23F3},
    Range{0x25FD, 0x25FE},   Range{0x2614, 0x2615},   Range{0x2648, 0x2653},
    Range{0x267F, 0x267F},   Range{0x2693, 0x2693},   Range{0x26A1, 0x26A1},
    Range{0x26AA, 0x26AB},   Range{0x26BD, 0x26BE},   Range{0x26C4, 0x26C5},
    Range{0x26CE, 0x26CE},   Range{0x26D4, 0x26D4},   Range{0x26EA, 0x26EA},
    Range{0x26F2, 0x26F3},   Range{0x26F5, 0x26F5},   Range{0x26FA, 0x26FA},
    Range{0x26FD, 0x26FD},   Range{0x2705, 0x2705},   Range{0x270A, 0x270B},
    Range{0x2728, 0x2728},   Range{0x274C, 0x274C},   Range{0x274E, 0x274E},
    Range{0x2753, 0x2755},   Range{0x2757, 0x2757},   Range{0x2795, 0x2797},
    Range{0x27B0, 0x27B0},   Range{0x27BF, 0x27BF},   Range{0x2B1B, 0x2B1C},
    Range{0x2B50, 0x2B50},   Range{0x2B55, 0x2B55},   Range{0x2E80, 0x303E},
    Range{0x3041, 0x3247},   Range{0x3250, 0x4DBF},   Range{0x4E00, 0xA4CF},
    Range{0xA960, 0xA97F},   Range{0xAC00, 0xD7A3},   Range{0xF900, 0xFAFF},
    Range{0xFE10, 0xFE19},   Range{0xFE30, 0xFE6F},   Range{0xFF00, 0xFF60},
    Range{0xFFE0, 0xFFE6},   Range{0x16FE0, 0x16FE4}, Range{0x17000, 0x18CFF},
    Range{0x1B000, 0x1B2FF}, Range{0x1F004, 0x1F004}, Range{0x1F0CF, 0x1F0CF},
    Range{0x1F18E, 0x1F18E}, Range{0x1F191, 0x1F19A}, Range{0x1F200, 0x1F251},
    Range{0x1F300, 0x1F320}, Range{0x1F32D, 0x1F335}, Range{0x1F337, 0x1F37C},
    Range{0x1F37E, 0x1F393}, Range{0x1F3A0, 0x1F3CA}, Range{0x1F3CF, 0x1F3D3},
    Range{0x1F3E0, 0x1F3F0}, Range{0x1F3F4, 0x1F3F4}, Range{0x1F3F8, 0x1F43E},
    Range{0x1F440, 0x1F440}, Range{0x1F442, 0x1F4FC}, Range{0x1F4FF, 0x1F53D},
    Range{0x1F54B, 0x1F54E}, Range{0x1F550, 0x1F567}, Range{0x1F57A, 0x1F57A},
    Range{0x1F595, 0x1F596}, Range{0x1F5A4, 0x1F5A4}, Range{0x1F5FB, 0x1F64F},
    Range{0x1F680, 0x1F6C5}, Range{0x1F6CC, 0x1F6CC}, Range{0x1F6D0, 0x1F6D2},
    Range{0x1F6D5, 0x1F6D7}, Range{0x1F6EB, 0x1F6EC}, Range{0x1F6F4, 0x1F6FC},
    Range{0x1F7E0, 0x1F7EB}, Range{0x1F90C, 0x1F93A}, Range{0x1F93C, 0x1F945},
    Range{0x1F947, 0x1F9FF}, Range{0x1FA70, 0x1FAFF}, Range{0x20000, 0x2FFFD},
    Range{0x30000, 0x3FFFD},
};

template <size_t N>
bool inRanges(const std::array<Range, N>& ranges, char32_t cp) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), cp,
                             [](char32_t c, const Range& r) { return c < r.first; });
  if (it == ranges.begin()) return false;
  --it;
  return cp <= it->second;
}

}  // namespace

int codepointWidth(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
  if (cp < 0x300) return 1;
  if (inRanges(kZeroWidth, cp)) return 0;
  if (inRanges(kWide, cp)) return 2;
  return 1;
}

char32_t decodeUtf8(std::string_view s, size_t& i) {
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

size_t displayWidth(std::string_view utf8) {
  size_t w = 0;
  for (size_t i = 0; i < utf8.size();) w += codepointWidth(decodeUtf8(utf8, i));
  return w;
}

std::string truncateToWidth(std::string_view s, size_t width) {
  if (displayWidth(s) <= width) return std::string(s);
  if (width == 0) return {};
  // Leave one column for the ellipsis.
  size_t used = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t next = i;
    int w = codepointWidth(decodeUtf8(s, next));
    if (used + w > width - 1) break;
    used += w;
    i = next;
  }
  return std::string(s.substr(0, i)) + "…";
}

}  // namespace silkgraph::shell
