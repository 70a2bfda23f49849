// Lexer implementation: a single forward scan that tracks line and code-point column, so
// every token (and every lexical error) can be reported at the place a person sees it.
#include "query/parser/lexer.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "common/text.h"

namespace silkgraph::lex {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return text::equalsIgnoreAsciiCase(a, b);
}

bool Token::isKeyword(std::string_view kw) const {
  return kind == TokKind::Ident && equalsIgnoreCase(text, kw);
}

std::string describe(const Token& t, std::string_view source) {
  if (t.kind == TokKind::End) return "end of input";
  if (t.endOffset <= source.size() && t.offset < t.endOffset)
    return std::string(source.substr(t.offset, t.endOffset - t.offset));
  return std::string(t.text);
}

namespace {

[[noreturn]] void fail(SourcePos pos, std::string msg, std::string detail = "UnexpectedSyntax") {
  throw Error(ErrorKind::SyntaxError, std::move(msg), pos, std::move(detail));
}

bool isAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isHex(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hexValue(char c) {
  if (isDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Non-ASCII code points that are punctuation, symbols or spaces rather than letters; the
// rest may appear in names (Korean, Kazakh, ... identifiers are fine).
bool isUnicodeNameChar(uint32_t cp) {
  if (cp < 0x80) return false;
  if (cp <= 0xBF) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, arrows, math, dingbats
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // fullwidth punctuation
  if (cp == 0xFEFF || cp == 0xFFFD) return false;
  return true;
}

bool isUnicodeSpace(uint32_t cp) {
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

// About how many tokens `s` holds: two per punctuation character outside quotes (a list
// element and its comma), plus some. An estimate only: the vector grows past it if needed.
size_t estimateTokens(std::string_view s) {
  size_t punctuation = 0;
  char quote = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == '\\' && quote != '`')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      ++punctuation;
    } else if (c == ',' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' ||
               c == ':' || c == '.' || c == '=' || c == '<' || c == '>' || c == '-' || c == '+' ||
               c == '*' || c == '|' || c == ';' || c == '$') {
      ++punctuation;
    }
  }
  return std::min(2 * punctuation + 64, s.size() / 2 + 64);
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    // Reserved once from an estimate, so that a long list literal's tokens are not copied as
    // the vector grows, and a long string literal reserves nothing.
    out.reserve(estimateTokens(s_));
    for (;;) {
      skipBlanks();
      Token t;
      t.pos = pos();
      t.offset = i_;
      if (i_ >= s_.size()) {
        // "Unexpected end of input" points just past the last token, not at trailing blanks.
        if (!out.empty()) t.pos = lastEnd_;
        t.kind = TokKind::End;
        t.endOffset = i_;
        out.push_back(std::move(t));
        return out;
      }
      lexOne(t, out.empty() ? nullptr : &out.back());
      t.endOffset = i_;
      lastEnd_ = pos();
      out.push_back(std::move(t));
    }
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
  uint32_t line_ = 1, col_ = 1;
  SourcePos lastEnd_;

  SourcePos pos() const { return SourcePos{line_, col_}; }
  char peek(size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  bool atEnd() const { return i_ >= s_.size(); }

  // Advances one byte, counting columns in code points.
  void bump() {
    char c = s_[i_++];
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else if (text::isLeadByte(c)) {
      ++col_;
    }
  }
  // Advances over a whole code point (keeps the column count right for continuation bytes).
  void bumpCodePoint() {
    bump();
    while (!atEnd() && !text::isLeadByte(peek())) ++i_;
  }

  void skipBlanks() {
    for (;;) {
      if (atEnd()) return;
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        bump();
      } else if (c == '/' && peek(1) == '/') {
        while (!atEnd() && peek() != '\n') bumpCodePoint();
      } else if (c == '/' && peek(1) == '*') {
        SourcePos start = pos();
        bump();
        bump();
        for (;;) {
          if (atEnd()) fail(start, "Unterminated comment: '/*' is never closed by '*/'");
          if (peek() == '*' && peek(1) == '/') {
            bump();
            bump();
            break;
          }
          bumpCodePoint();
        }
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        char32_t cp;
        text::decode(s_, i_, cp);
        if (!isUnicodeSpace(cp)) return;
        bumpCodePoint();
      } else {
        return;
      }
    }
  }

  bool nameCharAt(size_t k, bool first) const {
    if (i_ + k >= s_.size()) return false;
    char c = s_[i_ + k];
    if (isAsciiLetter(c) || c == '_') return true;
    if (!first && isDigit(c)) return true;
    if (static_cast<unsigned char>(c) >= 0x80) {
      char32_t cp;
      text::decode(s_, i_ + k, cp);
      return isUnicodeNameChar(cp);
    }
    return false;
  }

  std::string_view lexName() {
    size_t start = i_;
    while (nameCharAt(0, i_ == start)) bumpCodePoint();
    return s_.substr(start, i_ - start);
  }

  // A quoted name: `text` views the source when it has no doubled backquote, else the
  // unescaped copy kept in `str`.
  void setQuotedName(Token& t, SourcePos start) {
    size_t from = i_ + 1;
    std::string name = lexQuotedName(start);
    if (name.size() == i_ - from - 1) {
      t.text = s_.substr(from, name.size());
    } else {
      t.str = std::make_shared<const std::string>(std::move(name));
      t.text = *t.str;
    }
  }

  std::string lexQuotedName(SourcePos start) {
    bump();  // `
    std::string name;
    for (;;) {
      if (atEnd()) fail(start, "Unterminated quoted name: '`' is never closed");
      if (peek() == '`') {
        if (peek(1) == '`') {
          name += '`';
          bump();
          bump();
          continue;
        }
        bump();
        break;
      }
      name += peek();
      bump();
    }
    return name;
  }

  void lexOne(Token& t, const Token* prev) {
    char c = peek();
    SourcePos start = pos();
    if (isAsciiLetter(c) || c == '_' || nameCharAt(0, true)) {
      t.kind = TokKind::Ident;
      t.text = lexName();
      return;
    }
    if (c == '`') {
      t.kind = TokKind::QuotedIdent;
      setQuotedName(t, start);
      return;
    }
    if (isDigit(c)) {
      lexNumber(t);
      return;
    }
    if (c == '.' && isDigit(peek(1))) {
      // `.5` is a number unless it follows something a property key could be read from.
      bool afterOperand = prev && prev->endOffset == i_ &&
                          (prev->kind == TokKind::Ident || prev->kind == TokKind::QuotedIdent ||
                           prev->isSymbol(")") || prev->isSymbol("]") || prev->isSymbol("}"));
      if (!afterOperand) {
        lexNumber(t);
        return;
      }
    }
    if (c == '\'' || c == '"') {
      t.kind = TokKind::String;
      t.str = std::make_shared<const std::string>(lexString(start));
      return;
    }
    if (c == '$') {
      bump();
      t.kind = TokKind::Parameter;
      if (peek() == '`') {
        setQuotedName(t, pos());
      } else if (isDigit(peek()) || nameCharAt(0, true)) {
        size_t b = i_;
        while (isDigit(peek()) || nameCharAt(0, false)) bumpCodePoint();
        t.text = s_.substr(b, i_ - b);
      } else {
        fail(start, "Invalid input '$': expected a parameter name after '$'");
      }
      return;
    }
    static const char* const kTwo[] = {"<=", ">=", "<>", "=~", "+=", "..", "!="};
    for (const char* two : kTwo) {
      if (c == two[0] && peek(1) == two[1]) {
        if (two[0] == '!') fail(start, "Invalid input '!=': use '<>' for inequality");
        t.kind = TokKind::Symbol;
        t.text = s_.substr(i_, 2);
        bump();
        bump();
        return;
      }
    }
    static const std::string_view kOne = "()[]{},.:;|*/%^+-=<>";
    if (kOne.find(c) != std::string_view::npos) {
      t.kind = TokKind::Symbol;
      t.text = s_.substr(i_, 1);
      bump();
      return;
    }
    char32_t cp;
    size_t len = text::decode(s_, i_, cp);
    std::string shown(s_.substr(i_, len));
    if (cp >= 0x80)
      fail(start, "Invalid input '" + shown + "': this character is not allowed here",
           "InvalidUnicodeCharacter");
    fail(start, "Invalid input '" + shown + "': unexpected character");
  }

  void lexNumber(Token& t) {
    SourcePos start = pos();
    size_t b = i_;
    // The whole word becomes one BadNumber token; the parser decides whether it is a broken
    // number (where an expression is expected) or just unexpected input (e.g. a map key).
    bool bad = false;
    auto badNumber = [&]() {
      while (nameCharAt(0, false) || isDigit(peek())) bumpCodePoint();
      t.kind = TokKind::BadNumber;
      t.text = s_.substr(b, i_ - b);
      bad = true;
    };
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' || peek(1) == 'O')) {
      bool hex = peek(1) == 'x' || peek(1) == 'X';
      unsigned base = hex ? 16 : 8;
      bump();
      bump();
      uint64_t mag = 0;
      bool overflow = false, any = false;
      while (hex ? isHex(peek()) : (peek() >= '0' && peek() <= '7')) {
        unsigned d = static_cast<unsigned>(hexValue(peek()));
        if (mag > (UINT64_MAX - d) / base) overflow = true;
        mag = mag * base + d;
        any = true;
        bump();
      }
      if (!any || nameCharAt(0, false) || isDigit(peek())) {
        badNumber();
        return;
      }
      t.kind = TokKind::Integer;
      t.intMagnitude = mag;
      t.intOverflow = overflow;
      t.text = s_.substr(b, i_ - b);
      return;
    }
    bool isFloat = false;
    while (isDigit(peek())) bump();
    if (peek() == '.' && isDigit(peek(1))) {
      isFloat = true;
      bump();
      while (isDigit(peek())) bump();
    }
    if ((peek() == 'e' || peek() == 'E') &&
        (isDigit(peek(1)) || ((peek(1) == '-' || peek(1) == '+') && isDigit(peek(2))))) {
      isFloat = true;
      bump();
      if (peek() == '-' || peek() == '+') bump();
      while (isDigit(peek())) bump();
    }
    if (nameCharAt(0, false)) badNumber();
    if (bad) return;
    t.text = s_.substr(b, i_ - b);
    if (isFloat) {
      t.kind = TokKind::Float;
      errno = 0;
      const std::string number(t.text);  // strtod needs the terminating NUL
      t.floatValue = std::strtod(number.c_str(), nullptr);
      if (std::isinf(t.floatValue))
        fail(start, "Floating point number is too large: " + number, "FloatingPointOverflow");
      return;
    }
    t.kind = TokKind::Integer;
    uint64_t mag = 0;
    bool overflow = false;
    for (char d : t.text) {
      unsigned v = static_cast<unsigned>(d - '0');
      if (mag > (UINT64_MAX - v) / 10) overflow = true;
      mag = mag * 10 + v;
    }
    t.intMagnitude = mag;
    t.intOverflow = overflow;
  }

  // Where the string starting at i_ (after its opening quote) ends: the closing quote, or
  // the end of the text; escaped characters are skipped.
  size_t stringEnd(char quote) const {
    size_t k = i_;
    while (k < s_.size() && s_[k] != quote) k += s_[k] == '\\' ? 2 : 1;
    return std::min(k, s_.size());
  }

  std::string lexString(SourcePos start) {
    char quote = peek();
    bump();
    std::string out;
    out.reserve(stringEnd(quote) - i_);  // the value is never longer than its source
    uint32_t pendingHigh = 0;            // a \uD800-\uDBFF waiting for its low surrogate
    for (;;) {
      // Plain characters (no quote, escape or line break) are copied a run at a time, their
      // code points counted for the column: linear with a small constant (issue 10 D10).
      size_t run = i_;
      while (run < s_.size() && s_[run] != quote && s_[run] != '\\' && s_[run] != '\n') ++run;
      if (run > i_) {
        if (pendingHigh)
          fail(start, "Invalid unicode escape: unpaired surrogate", "InvalidUnicodeLiteral");
        out.append(s_.data() + i_, run - i_);
        for (size_t k = i_; k < run; ++k) col_ += text::isLeadByte(s_[k]) ? 1 : 0;
        i_ = run;
      }
      if (atEnd()) fail(start, std::string("Unterminated string: missing closing ") + quote);
      char c = peek();
      if (c == quote) {
        bump();
        break;
      }
      if (c != '\\') {
        if (pendingHigh)
          fail(start, "Invalid unicode escape: unpaired surrogate", "InvalidUnicodeLiteral");
        out += c;
        bump();
        continue;
      }
      SourcePos escPos = pos();
      bump();
      if (atEnd()) fail(start, std::string("Unterminated string: missing closing ") + quote);
      char e = peek();
      bump();
      if (pendingHigh && e != 'u' && e != 'U')
        fail(escPos, "Invalid unicode escape: unpaired surrogate", "InvalidUnicodeLiteral");
      switch (e) {
        case '\\':
          out += '\\';
          break;
        case '\'':
          out += '\'';
          break;
        case '"':
          out += '"';
          break;
        case 'n':
        case 'N':
          out += '\n';
          break;
        case 't':
        case 'T':
          out += '\t';
          break;
        case 'r':
        case 'R':
          out += '\r';
          break;
        case 'b':
        case 'B':
          out += '\b';
          break;
        case 'f':
        case 'F':
          out += '\f';
          break;
        case 'u':
        case 'U': {
          int digits = e == 'u' ? 4 : 8;
          uint32_t cp = 0;
          for (int k = 0; k < digits; ++k) {
            if (!isHex(peek()))
              fail(escPos,
                   std::string("Invalid unicode escape: \\") + e + " needs " +
                       std::to_string(digits) + " hexadecimal digits",
                   "InvalidUnicodeLiteral");
            cp = cp * 16 + static_cast<uint32_t>(hexValue(peek()));
            bump();
          }
          if (pendingHigh) {
            if (cp < 0xDC00 || cp > 0xDFFF)
              fail(escPos, "Invalid unicode escape: unpaired surrogate", "InvalidUnicodeLiteral");
            cp = 0x10000 + ((pendingHigh - 0xD800) << 10) + (cp - 0xDC00);
            pendingHigh = 0;
          } else if (cp >= 0xD800 && cp <= 0xDBFF) {
            pendingHigh = cp;
            break;
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail(escPos, "Invalid unicode escape: unpaired surrogate", "InvalidUnicodeLiteral");
          }
          if (cp > 0x10FFFF)
            fail(escPos, "Invalid unicode escape: code point out of range",
                 "InvalidUnicodeLiteral");
          text::append(out, cp);
          break;
        }
        default: {
          char32_t cp;
          size_t len = text::decode(s_, i_ - 1, cp);
          fail(escPos,
               "Invalid escape sequence '\\" + std::string(s_.substr(i_ - 1, len)) +
                   "' in string (valid: \\\\ \\' \\\" \\n \\t \\r \\b \\f \\uXXXX \\UXXXXXXXX)");
        }
      }
    }
    if (pendingHigh)
      fail(start, "Invalid unicode escape: unpaired surrogate", "InvalidUnicodeLiteral");
    return out;
  }
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  return Lexer(text).run();
}

}  // namespace silkgraph::lex
