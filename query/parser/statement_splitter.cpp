// Implements query/parser/statement_splitter.h: one pass over the bytes with a small state
// machine (normal text, the three kinds of quotes, line and block comments).
#include "query/parser/statement_splitter.h"

#include <cstdint>

#include "common/text.h"

namespace silkgraph {

std::vector<ScriptStatement> splitStatements(std::string_view script, bool* complete,
                                             bool requireSemicolon, char* open) {
  std::vector<ScriptStatement> out;
  enum class State {
    Normal,
    Single,
    Double,
    Backtick,
    LineComment,
    BlockComment
  } st = State::Normal;
  uint32_t line = 1, col = 1;
  size_t sigStart = SIZE_MAX;  // first significant byte of the current statement
  SourcePos sigPos;
  size_t lastSigEnd = 0;        // just past the last significant byte
  size_t openStart = SIZE_MAX;  // where an unterminated string/comment began
  SourcePos openPos;

  auto emit = [&](size_t end) {
    if (sigStart == SIZE_MAX) return;
    out.push_back(ScriptStatement{script.substr(sigStart, end - sigStart), sigPos});
  };

  size_t i = 0;
  auto bump = [&]() {
    char c = script[i++];
    if (c == '\n') {
      ++line;
      col = 1;
    } else if (text::isLeadByte(c)) {
      ++col;
    }
  };
  auto markSig = [&]() {
    if (sigStart == SIZE_MAX) {
      sigStart = i;
      sigPos = SourcePos{line, col};
    }
  };

  while (i < script.size()) {
    char c = script[i];
    char n = i + 1 < script.size() ? script[i + 1] : '\0';
    switch (st) {
      case State::Normal:
        if (c == ';') {
          emit(lastSigEnd);
          sigStart = SIZE_MAX;
          bump();
          continue;
        }
        if (c == '/' && n == '/') {
          st = State::LineComment;
          bump();
          bump();
          continue;
        }
        if (c == '/' && n == '*') {
          st = State::BlockComment;
          openStart = i;
          openPos = SourcePos{line, col};
          bump();
          bump();
          continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
          bump();
          continue;
        }
        markSig();
        if (c == '\'' || c == '"' || c == '`') {
          st = c == '\'' ? State::Single : c == '"' ? State::Double : State::Backtick;
          openStart = i;
          openPos = SourcePos{line, col};
        }
        bump();
        lastSigEnd = i;
        continue;
      case State::Single:
      case State::Double:
        if (c == '\\' && n != '\0') {
          bump();
          bump();
        } else {
          if ((c == '\'' && st == State::Single) || (c == '"' && st == State::Double))
            st = State::Normal;
          bump();
        }
        lastSigEnd = i;
        continue;
      case State::Backtick:
        if (c == '`') st = State::Normal;  // `` is two adjacent quoted parts: same effect
        bump();
        lastSigEnd = i;
        continue;
      case State::LineComment:
        if (c == '\n') st = State::Normal;
        bump();
        continue;
      case State::BlockComment:
        if (c == '*' && n == '/') {
          st = State::Normal;
          bump();
        }
        bump();
        continue;
    }
  }

  bool inOpen = st == State::Single || st == State::Double || st == State::Backtick ||
                st == State::BlockComment;
  bool ok = !inOpen && sigStart == SIZE_MAX;
  if (!requireSemicolon) {
    if (sigStart != SIZE_MAX) {
      emit(inOpen ? script.size() : lastSigEnd);
    } else if (st == State::BlockComment) {
      // Only an unterminated comment is left: hand it over so the parser reports it.
      out.push_back(ScriptStatement{script.substr(openStart), openPos});
    }
  }
  if (complete) *complete = ok;
  if (open) {
    *open = st == State::Single         ? '\''
            : st == State::Double       ? '"'
            : st == State::Backtick     ? '`'
            : st == State::BlockComment ? '*'
                                        : '\0';
  }
  return out;
}

}  // namespace silkgraph
