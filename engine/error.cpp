// Error: names of error kinds, position shifting for statements inside scripts, and the
// human-readable form with the offending source line and a caret under the column.
#include "engine/error.h"

#include <cstdint>

namespace silkgraph {

const char* errorKindName(ErrorKind k) {
  switch (k) {
    case ErrorKind::SyntaxError:
      return "SyntaxError";
    case ErrorKind::SemanticError:
      return "SemanticError";
    case ErrorKind::TypeError:
      return "TypeError";
    case ErrorKind::ArgumentError:
      return "ArgumentError";
    case ErrorKind::ParameterMissing:
      return "ParameterMissing";
    case ErrorKind::EntityNotFound:
      return "EntityNotFound";
    case ErrorKind::ConstraintVerificationFailed:
      return "ConstraintVerificationFailed";
    case ErrorKind::LoadError:
      return "LoadError";
    case ErrorKind::IOError:
      return "IOError";
    case ErrorKind::Cancelled:
      return "Cancelled";
    case ErrorKind::InternalError:
      return "InternalError";
  }
  return "Error";
}

void Error::offsetPosition(uint32_t lineOffset, uint32_t colOffsetOnFirstLine) {
  if (!pos_.known()) return;
  // Only the statement's first line starts mid-line in the script; later lines start at col 1.
  if (pos_.line == 1) pos_.col += colOffsetOnFirstLine;
  pos_.line += lineOffset;
}

namespace {

uint32_t decodeUtf8(std::string_view s, size_t i, size_t& len) {
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  int n = (b0 & 0xE0) == 0xC0 ? 1 : (b0 & 0xF0) == 0xE0 ? 2 : (b0 & 0xF8) == 0xF0 ? 3 : -1;
  if (n < 0 || i + static_cast<size_t>(n) >= s.size()) {
    len = 1;
    return 0xFFFD;
  }
  uint32_t cp = b0 & (0x3F >> n);
  for (int k = 1; k <= n; ++k) {
    auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  len = static_cast<size_t>(n) + 1;
  return cp;
}

// Terminal display width of a code point: 0 for combining marks, 2 for East Asian wide and
// fullwidth characters (Hangul, CJK, fullwidth forms, most emoji), else 1. Enough to put a
// caret under the right character of a Korean or Kazakh query line.
int displayWidth(uint32_t cp) {
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
      (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
      (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0x200C || cp == 0x200D ||
      (cp >= 0x1160 && cp <= 0x11FF))
    return 0;
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
      (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
      (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
      (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F900 && cp <= 0x1F9FF) ||
      (cp >= 0x20000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

}  // namespace

std::string Error::format(std::string_view source) const {
  std::string out;
  if (!file_.empty()) out += file_ + ":";
  if (pos_.known()) out += std::to_string(pos_.line) + ":" + std::to_string(pos_.col) + ":";
  if (!out.empty()) out += " ";
  out += errorKindName(kind_);
  out += ": ";
  out += what();
  return out + sourceExcerpt(source, pos_);
}

std::string sourceExcerpt(std::string_view source, SourcePos pos) {
  std::string out;
  if (source.empty() || !pos.known()) return out;

  // Find the offending line.
  size_t start = 0;
  for (uint32_t l = 1; l < pos.line; ++l) {
    size_t nl = source.find('\n', start);
    if (nl == std::string_view::npos) return out;  // position beyond the text
    start = nl + 1;
  }
  size_t end = source.find('\n', start);
  if (end == std::string_view::npos) end = source.size();
  std::string_view line = source.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

  // A long line (a generated query, a minified file) is shown as a window around the column,
  // with "…" where it is cut, so that the caret stays on screen.
  constexpr uint32_t kBefore = 60, kAfter = 40;
  std::string caret;
  uint32_t col = 1;
  std::string shown;
  size_t codePoints = 0;
  for (size_t i = 0, len = 0; i < line.size(); i += len, ++codePoints) decodeUtf8(line, i, len);
  if (codePoints > kBefore + kAfter) {
    size_t from = 0, to = line.size();
    uint32_t c = 1;
    for (size_t i = 0; i < line.size(); ++c) {
      if (c + kBefore == pos.col) from = i;
      if (c == pos.col + kAfter) {
        to = i;
        break;
      }
      size_t len;
      decodeUtf8(line, i, len);
      i += len;
    }
    if (from > 0) {
      col = pos.col - kBefore;
      shown = "\u2026";
      caret = " ";
    }
    shown += line.substr(from, to - from);
    if (to < line.size()) shown += "\u2026";
    line = line.substr(from, to - from);
  }
  for (size_t i = 0; i < line.size() && col < pos.col; ++col) {
    size_t len;
    uint32_t cp = decodeUtf8(line, i, len);
    i += len;
    if (cp == '\t') {
      caret += '\t';  // the terminal expands it the same way in both lines
    } else {
      caret.append(static_cast<size_t>(displayWidth(cp)), ' ');
    }
  }
  for (; col < pos.col; ++col) caret += ' ';  // e.g. end of input just past the last character
  out += "\n";
  out += shown.empty() ? std::string(line) : shown;
  out += "\n";
  out += caret;
  out += "^";
  return out;
}

void throwRuntime(ErrorKind kind, std::string message, std::string detail) {
  throw Error(kind, std::move(message), SourcePos{}, std::move(detail), ErrorPhase::Runtime);
}

}  // namespace silkgraph
