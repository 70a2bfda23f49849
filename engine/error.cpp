// Error: names of error kinds, position shifting for statements inside scripts, and the
// human-readable form with the offending source line and a caret under the column.
#include "engine/error.h"

#include <cstdint>

#include "common/text.h"

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
    case ErrorKind::ProcedureError:
      return "ProcedureError";
    case ErrorKind::LoadError:
      return "LoadError";
    case ErrorKind::IOError:
      return "IOError";
    case ErrorKind::Cancelled:
      return "Cancelled";
    case ErrorKind::MemoryLimitExceeded:
      return "MemoryLimitExceeded";
    case ErrorKind::Forbidden:
      return "Forbidden";
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
  if (text::length(line) > kBefore + kAfter) {
    size_t from = 0, to = line.size();
    uint32_t c = 1;
    for (size_t i = 0; i < line.size(); ++c) {
      if (c + kBefore == pos.col) from = i;
      if (c == pos.col + kAfter) {
        to = i;
        break;
      }
      text::next(line, i);
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
    char32_t cp = text::next(line, i);
    if (cp == '\t') {
      caret += '\t';  // the terminal expands it the same way in both lines
    } else {
      caret.append(static_cast<size_t>(text::width(cp)), ' ');
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
