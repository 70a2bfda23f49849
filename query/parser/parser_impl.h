// The Parser's state, token helpers and grammar steps, shared by the files that implement
// them: parser.cpp (statement, UNION, errors), parse_clauses.cpp, parse_patterns.cpp,
// parse_expressions.cpp (operators by precedence, postfix, literals) and parse_atoms.cpp
// (parenthesised and bracketed atoms, names, function calls, CASE, EXISTS). Only those
// files include it; the rest of the engine calls parseStatement() (query/parser/parser.h).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "query/parser/ast.h"
#include "query/parser/lexer.h"

namespace silkgraph::parsing {

using lex::Token;
using lex::TokKind;
using namespace ast;

// Nesting limit: deeper input gives an error instead of a stack overflow here or in the
// stages that walk the tree. Operator chains (a + b + c ...) count too, as they nest leftwards.
constexpr int kMaxDepth = 500;

[[noreturn]] inline void syntaxError(SourcePos pos, std::string msg,
                                     std::string detail = "UnexpectedSyntax") {
  throw Error(ErrorKind::SyntaxError, std::move(msg), pos, std::move(detail));
}

// Words that end or join expressions; they cannot be bare variable names.
bool isReserved(std::string_view w);

inline ExprPtr makeExpr(ExprKind k, SourcePos p) {
  return std::make_unique<Expr>(k, p);
}

// Deep copies (a chained comparison a < b < c uses b twice; a memoised pattern is handed out
// again).
ExprPtr cloneExpr(const Expr* e);
PatternPart clonePart(const PatternPart& part);

class Parser {
 public:
  // owner: null, or the text src lies in, held shared (unaliased column names are parts of it).
  Parser(std::string_view src, std::vector<Token> toks,
         std::shared_ptr<const std::string> owner = nullptr);

  Statement parseStatement();

 private:
  std::string_view src_;
  std::shared_ptr<const std::string> owner_;
  std::vector<Token> toks_;
  std::vector<size_t> match_;
  size_t p_ = 0;
  int depth_ = 0;
  std::string follow_;  // what else may follow the last clause, for error messages
  std::string patternClause_ = "expression";  // whose pattern is being parsed (CREATE, MATCH, ...)
  std::unique_ptr<Error> patternError_;       // why the last speculative pattern parse failed
  struct PatternMemo {
    bool ok = false;
    bool fatal = false;  // an error that no other reading can avoid
    size_t end = 0;
    PatternPart part;
    std::unique_ptr<Error> error;
  };
  std::unordered_map<size_t, PatternMemo> patternMemo_;

  static bool later(SourcePos a, SourcePos b) {
    return a.line > b.line || (a.line == b.line && a.col > b.col);
  }

  struct DepthGuard {
    Parser& p;
    explicit DepthGuard(Parser& parser) : p(parser) {
      if (++p.depth_ > kMaxDepth) {
        --p.depth_;
        syntaxError(p.cur().pos, "Query is nested too deeply");
      }
    }
    ~DepthGuard() { --p.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
  };

  // Charges one nesting level per operator of a left-associative chain. The first call is
  // free so that a plain operand passing through every precedence level costs nothing.
  struct ChainGuard {
    Parser& p;
    int n = 0;
    bool started = false;
    explicit ChainGuard(Parser& parser) : p(parser) {}
    void step() {
      if (!started) {
        started = true;
        return;
      }
      ++p.depth_;
      ++n;
      if (p.depth_ > kMaxDepth) syntaxError(p.cur().pos, "Query is nested too deeply");
    }
    ~ChainGuard() { p.depth_ -= n; }
    ChainGuard(const ChainGuard&) = delete;
    ChainGuard& operator=(const ChainGuard&) = delete;
  };

  // ---- token helpers ----
  const Token& cur() const { return toks_[p_]; }
  const Token& at(size_t k) const {
    size_t i = p_ + k;
    return i < toks_.size() ? toks_[i] : toks_.back();
  }
  void advance() {
    if (p_ + 1 < toks_.size()) ++p_;
  }
  bool acceptSym(std::string_view s) {
    if (!cur().isSymbol(s)) return false;
    advance();
    return true;
  }
  bool acceptKw(std::string_view k) {
    if (!cur().isKeyword(k)) return false;
    advance();
    return true;
  }
  void expectSym(std::string_view s) {
    if (!acceptSym(s)) errorExpected("'" + std::string(s) + "'");
  }
  void expectKw(std::string_view k) {
    if (!acceptKw(k)) errorExpected(std::string(k));
  }
  size_t prevEnd() const { return p_ == 0 ? 0 : toks_[p_ - 1].endOffset; }

  [[noreturn]] void errorExpected(const std::string& what) const;

  // " (did you mean RETURN?)" for a word close to a keyword, e.g. a misspelt clause.
  static std::string suggestion(const Token& t);

  bool isName(const Token& t) const {
    return t.kind == TokKind::QuotedIdent || t.kind == TokKind::Ident;
  }
  bool isVariableToken(const Token& t) const {
    return t.kind == TokKind::QuotedIdent || (t.kind == TokKind::Ident && !isReserved(t.text));
  }
  // Label, type, property key, alias: any identifier, keywords included.
  std::string parseSchemaName(const char* what);
  std::string parseVariable(const char* what = "a variable name");

  // ---- index and constraint commands (parse_schema_commands.cpp) ----
  bool atSchemaCommand() const;
  Statement parseSchemaStatement();
  SchemaCommand parseCreateSchema();
  SchemaCommand parseDropSchema();
  SingleQuery parseShow();
  void parseSchemaPattern(SchemaCommand& c, std::string& var);
  std::string parseSchemaProperty(const std::string& var);
  void finishSchemaStatement();
  // ---- clauses ----
  bool atClauseStart() const;

  SingleQuery parseSingleQuery();

  Clause parseClause();

  Clause parseMatch(SourcePos pos);

  Clause parseCall(SourcePos pos);
  Clause parseLoadCsv(SourcePos pos);

  void parseProjection(Projection& pr, bool isWith);

  bool startsExpressionKeyword(const Token& t) const;

  std::vector<SetItem> parseSetItems();

  RemoveItem parseRemoveItem();

  // A variable optionally followed by property lookups: the target of SET and REMOVE.
  ExprPtr parsePropertyTarget();
  // After a '.': the property key, as a Property expression on `subject`.
  ExprPtr parsePropertyKey(ExprPtr subject);

  // `at` (if given) receives where each name is written, for notices about unknown names.
  std::vector<std::string> parseLabels(std::vector<SourcePos>* at = nullptr);

  // ---- patterns ----
  Pattern parsePatternIn(const char* clause);

  Pattern parsePattern();

  PatternPart parsePatternPart();

  void parsePatternElement(PatternPart& part);

  // `(n $map)` is only meaningful where the map is written (CREATE); to match, the engine
  // would need the map's keys at compile time, so MATCH, MERGE and expressions refuse it.
  void checkParameterMap() const;

  NodePattern parseNodePattern();

  RelPattern parseRelPattern();

  int64_t hopCount();

  // Does the '(' at token index i start a pattern with at least one relationship? Only a
  // cheap test on the tokens after the matching ')'; the real parse decides.
  bool looksLikePatternAt(size_t i) const;

  // `(a)-[:`, `(a)-[*`, `(a)<-[:`, `(a)-->` cannot be read as an expression, so an error
  // inside them is a pattern error.
  bool surelyPatternAt(size_t i) const;

  // Tries to parse a pattern part with at least one relationship (for pattern predicates
  // and comprehensions); restores the position and returns false when it is not one.
  // Results are memoised per start token: a failed attempt is re-read as an expression, and
  // without the memo nested attempts would be re-parsed twice per level (exponential time).
  bool tryPatternPart(PatternPart& out, bool allowPathVar);

  // ---- expressions ----
  ExprPtr parseExpr();

  ExprPtr binary(Op op, ExprPtr l, ExprPtr r);

  ExprPtr parseOr();
  ExprPtr parseXor();
  ExprPtr parseAnd();
  ExprPtr parseNot();

  bool comparisonOp(Op& op) const;

  ExprPtr parseComparison();

  ExprPtr parsePredicates();

  // One left-associative precedence level: operands from `next`, joined by any of `ops`.
  struct SymbolOp {
    const char* symbol;
    Op op;
  };
  template <size_t N>
  ExprPtr parseLeftAssoc(ExprPtr (Parser::*next)(), const SymbolOp (&ops)[N]);
  ExprPtr parseAdditive();
  ExprPtr parseMultiplicative();
  ExprPtr parsePower();

  ExprPtr parseUnary();

  ExprPtr numberLiteral(bool negate, SourcePos pos);

  ExprPtr parsePostfix(ExprPtr e);

  ExprPtr parseMapLiteral();

  ExprPtr parseAtom();

  ExprPtr parseParenAtom();

  ExprPtr parseBracketAtom();

  ExprPtr parseIdentAtom();

  ExprPtr parseFunctionCall(size_t nameTokens);

  ExprPtr parseMapProjection(std::string var, SourcePos pos);

  ExprPtr parseCase();

  ExprPtr parseExistsSubquery();
};

}  // namespace silkgraph::parsing
