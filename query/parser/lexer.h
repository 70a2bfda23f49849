// Lexer: Cypher text -> tokens with 1-based line:col positions (columns in code points).
// Keywords are not distinguished here: they come out as identifiers and the parser compares
// them case-insensitively, because most keywords may also be used as names (labels, keys).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/value.h"

namespace silkgraph::lex {

enum class TokKind : uint8_t {
  End,
  Ident,        // bare identifier or keyword; text = as written
  QuotedIdent,  // `quoted name`; text = the name without quotes, `` unescaped
  Integer,      // text = source; intMagnitude / intOverflow
  Float,        // text = source; floatValue
  String,       // str = decoded value (shared with the literal's Value: no copy); text empty
  Parameter,    // text = the name after '$'
  Symbol,       // text = the operator/punctuation, e.g. "(", "<=", "..", "+="
  BadNumber     // a word starting with a digit that is not a number, e.g. 0x1G or 12ab
};

// 72 bytes: a million-element list literal is two million tokens (issue 10 D10). `text` views
// the source, or `str` for a name whose quotes and escapes were removed.
struct Token {
  TokKind kind = TokKind::End;
  bool intOverflow = false;  // Integer: the magnitude does not fit in 64 bits
  SourcePos pos;
  std::string_view text;  // Ident, QuotedIdent, Integer, Float, Parameter, Symbol, BadNumber
  StringPtr str;          // String tokens: the decoded value; quoted names: the unescaped name
  size_t offset = 0;      // byte offset of the first character
  size_t endOffset = 0;   // byte offset just past the token
  union {
    uint64_t intMagnitude = 0;  // Integer
    double floatValue;          // Float
  };

  bool isSymbol(std::string_view s) const { return kind == TokKind::Symbol && text == s; }
  // Case-insensitive keyword comparison; quoted names never match a keyword.
  bool isKeyword(std::string_view kw) const;
};

// Tokenizes the whole text; the last token is End (positioned at the end of the text).
// Throws Error{SyntaxError} for unterminated strings/comments/quoted names (positioned at
// their start), bad escapes, malformed numbers and characters that cannot start a token.
std::vector<Token> tokenize(std::string_view text);

// Human form of a token for error messages: the source text, or "end of input".
std::string describe(const Token& t, std::string_view source);

bool equalsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace silkgraph::lex
