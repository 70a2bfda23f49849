// Error: every failure a user can see. It carries a kind (the openCypher TCK error types
// plus load/IO errors), the phase it was raised in, an optional detail code
// (e.g. "UndefinedVariable") and the place: a file and/or a 1-based line:col.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace silkgraph {

enum class ErrorKind : uint8_t {
  SyntaxError,
  SemanticError,
  TypeError,
  ArgumentError,
  ParameterMissing,
  EntityNotFound,
  ConstraintVerificationFailed,
  ProcedureError,       // CALL of an unknown procedure, or a procedure failing
  LoadError,            // malformed or invalid data file
  IOError,              // file cannot be read or written
  Cancelled,            // Ctrl-C, another thread, or the statement's timeout (detail "Timeout")
  MemoryLimitExceeded,  // a statement held more than its memory limit
  Forbidden,            // not allowed to this user (a read-only user's write)
  InternalError
};

enum class ErrorPhase : uint8_t { CompileTime, Runtime };

const char* errorKindName(ErrorKind k);

struct SourcePos {
  uint32_t line = 0;  // 1-based; 0 when unknown
  uint32_t col = 0;   // 1-based, in characters (code points)
  bool known() const { return line != 0; }
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, SourcePos pos = {}, std::string detail = {},
        ErrorPhase phase = ErrorPhase::CompileTime)
      : std::runtime_error(std::move(message)),
        kind_(kind),
        phase_(phase),
        pos_(pos),
        detail_(std::move(detail)) {}

  ErrorKind kind() const { return kind_; }
  ErrorPhase phase() const { return phase_; }
  const SourcePos& pos() const { return pos_; }
  const std::string& detail() const { return detail_; }
  const std::string& file() const { return file_; }
  void setFile(std::string f) { file_ = std::move(f); }
  void setPhase(ErrorPhase p) { phase_ = p; }
  // Places an error raised without a position (at run time, deep in a function) at the
  // expression that raised it; a position already known is kept.
  void placeAt(SourcePos p) {
    if (!pos_.known()) pos_ = p;
  }
  // Shifts the position by the place a statement starts at inside a larger file.
  void offsetPosition(uint32_t lineOffset, uint32_t colOffsetOnFirstLine);

  // "FILE:line:col: Kind: message" (parts omitted when unknown), followed, when source is
  // given and the position is known, by the offending source line and a caret under it.
  std::string format(std::string_view source = {}) const;

 private:
  ErrorKind kind_;
  ErrorPhase phase_;
  SourcePos pos_;
  std::string detail_;
  std::string file_;
};

// "\nLINE\n   ^": the line of `source` at `pos` and a caret under the column (display columns,
// so it lands right under Korean text; a long line is cut to a window around the column).
// Empty when the source is empty or the position unknown or outside it. Errors and warnings
// about a query both show their place this way.
std::string sourceExcerpt(std::string_view source, SourcePos pos);

// Shorthands for raising errors.
[[noreturn]] void throwRuntime(ErrorKind kind, std::string message, std::string detail = {});

}  // namespace silkgraph
