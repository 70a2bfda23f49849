// Parser: recursive descent over the lexer's tokens, one function per grammar level of the
// openCypher grammar. Patterns inside expressions are recognised by a bounded speculative
// parse (see looksLikePattern), so `(a) - (b)` stays arithmetic and `(a)-->(b)` is a pattern.
#include "query/parser/parser.h"

#include <algorithm>
#include <climits>
#include <initializer_list>
#include <unordered_map>
#include <utility>

#include "query/parser/lexer.h"

namespace silkgraph {

namespace {

using lex::Token;
using lex::TokKind;
using namespace ast;

// Nesting limit: deeper input gives an error instead of a stack overflow here or in the
// stages that walk the tree. Operator chains (a + b + c ...) count too, as they nest leftwards.
constexpr int kMaxDepth = 500;

[[noreturn]] void syntaxError(SourcePos pos, std::string msg,
                              std::string detail = "UnexpectedSyntax") {
  throw Error(ErrorKind::SyntaxError, std::move(msg), pos, std::move(detail));
}

// Words that end or join expressions; they cannot be bare variable names.
bool isReserved(std::string_view w) {
  // Views, not C strings: this runs for every identifier, and strlen per word showed up.
  static constexpr std::string_view kWords[] = {
      "AND",        "OR",       "XOR",    "NOT",      "IN",     "IS",     "STARTS", "ENDS",
      "CONTAINS",   "AS",       "WHERE",  "ORDER",    "BY",     "SKIP",   "LIMIT",  "UNION",
      "RETURN",     "WITH",     "MATCH",  "OPTIONAL", "UNWIND", "CREATE", "MERGE",  "SET",
      "REMOVE",     "DELETE",   "DETACH", "ON",       "CASE",   "WHEN",   "THEN",   "ELSE",
      "END",        "DISTINCT", "NULL",   "TRUE",     "FALSE",  "ASC",    "DESC",   "ASCENDING",
      "DESCENDING", "CALL",     "YIELD",  "FOREACH"};
  for (std::string_view k : kWords)
    if (k.size() == w.size() && lex::equalsIgnoreCase(w, k)) return true;
  return false;
}

ExprPtr makeExpr(ExprKind k, SourcePos p) {
  return std::make_unique<Expr>(k, p);
}

ExprPtr cloneExpr(const Expr* e);

PatternPart clonePart(const PatternPart& part) {
  PatternPart np;
  np.pos = part.pos;
  np.pathVar = part.pathVar;
  np.kind = part.kind;
  for (const NodePattern& n : part.nodes) {
    NodePattern nn;
    nn.pos = n.pos;
    nn.var = n.var;
    nn.labels = n.labels;
    nn.properties = cloneExpr(n.properties.get());
    np.nodes.push_back(std::move(nn));
  }
  for (const RelPattern& r : part.rels) {
    RelPattern nr;
    nr.pos = r.pos;
    nr.var = r.var;
    nr.types = r.types;
    nr.properties = cloneExpr(r.properties.get());
    nr.direction = r.direction;
    nr.varLength = r.varLength;
    nr.minHops = r.minHops;
    nr.maxHops = r.maxHops;
    np.rels.push_back(std::move(nr));
  }
  return np;
}

std::unique_ptr<Pattern> clonePattern(const Pattern* p) {
  if (!p) return nullptr;
  auto out = std::make_unique<Pattern>();
  for (const PatternPart& part : p->parts) out->parts.push_back(clonePart(part));
  return out;
}

// Deep copy; needed because a chained comparison a < b < c uses b twice.
ExprPtr cloneExpr(const Expr* e) {
  if (!e) return nullptr;
  auto c = makeExpr(e->kind, e->pos);
  c->op = e->op;
  c->value = e->value;
  c->name = e->name;
  c->name2 = e->name2;
  for (const ExprPtr& ch : e->children) c->children.push_back(cloneExpr(ch.get()));
  c->keys = e->keys;
  c->labels = e->labels;
  c->distinct = e->distinct;
  c->hasSubject = e->hasSubject;
  c->hasElse = e->hasElse;
  c->hasFrom = e->hasFrom;
  c->hasTo = e->hasTo;
  c->where = cloneExpr(e->where.get());
  c->projection = cloneExpr(e->projection.get());
  c->pattern = clonePattern(e->pattern.get());
  for (const MapProjectionItem& m : e->mapItems)
    c->mapItems.push_back(MapProjectionItem{m.kind, m.key, cloneExpr(m.expr.get())});
  return c;
}

class Parser {
 public:
  Parser(std::string_view src, std::vector<Token> toks) : src_(src), toks_(std::move(toks)) {
    // Matching brackets, so pattern look-ahead is O(1) and never re-scans.
    match_.assign(toks_.size(), SIZE_MAX);
    std::vector<size_t> stack;
    for (size_t i = 0; i < toks_.size(); ++i) {
      const Token& t = toks_[i];
      if (t.isSymbol("(") || t.isSymbol("[") || t.isSymbol("{")) {
        stack.push_back(i);
      } else if ((t.isSymbol(")") || t.isSymbol("]") || t.isSymbol("}")) && !stack.empty()) {
        match_[stack.back()] = i;
        stack.pop_back();
      }
    }
  }

  Statement parseStatement() {
    Statement st;
    if (cur().isKeyword("EXPLAIN")) {
      st.explain = true;
      advance();
    } else if (cur().isKeyword("PROFILE")) {
      st.profile = true;
      advance();
    }
    st.queries.push_back(parseSingleQuery());
    while (cur().isKeyword("UNION")) {
      advance();
      bool all = false;
      if (cur().isKeyword("ALL")) {
        all = true;
        advance();
      }
      st.unionAll.push_back(all);
      st.queries.push_back(parseSingleQuery());
    }
    bool terminated = acceptSym(";");
    if (cur().kind != TokKind::End) {
      if (terminated || cur().isSymbol(";"))
        syntaxError(cur().pos,
                    "Only one statement can be run at a time: unexpected text after ';'");
      errorExpected(follow_ +
                    "a clause (MATCH, WITH, RETURN, ...), UNION, ';' or the end of the query");
    }
    return st;
  }

 private:
  std::string_view src_;
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

  [[noreturn]] void errorExpected(const std::string& what) const {
    const Token& t = cur();
    if (t.kind == TokKind::End) syntaxError(t.pos, "Unexpected end of input: expected " + what);
    syntaxError(t.pos,
                "Invalid input '" + lex::describe(t, src_) + "': expected " + what + suggestion(t));
  }

  // " (did you mean RETURN?)" for a word close to a keyword, e.g. a misspelt clause.
  static std::string suggestion(const Token& t) {
    if (t.kind != TokKind::Ident || t.text.size() < 3) return {};
    static const char* const kKeywords[] = {"MATCH",    "OPTIONAL", "RETURN", "WITH",   "UNWIND",
                                            "CREATE",   "MERGE",    "DELETE", "DETACH", "REMOVE",
                                            "WHERE",    "ORDER",    "LIMIT",  "SKIP",   "UNION",
                                            "DISTINCT", "CONTAINS", "STARTS", "ENDS"};
    std::string upper;
    for (char c : t.text) upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    for (const char* k : kKeywords) {
      std::string_view kw(k);
      if (kw == upper) return {};
      // Levenshtein distance with a single row.
      std::vector<size_t> row(kw.size() + 1);
      for (size_t j = 0; j <= kw.size(); ++j) row[j] = j;
      for (size_t i = 1; i <= upper.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= kw.size(); ++j) {
          size_t up = row[j];
          row[j] =
              std::min({row[j] + 1, row[j - 1] + 1, diag + (upper[i - 1] == kw[j - 1] ? 0 : 1)});
          diag = up;
        }
      }
      if (row[kw.size()] <= (kw.size() > 4 ? 2u : 1u))
        return " (did you mean " + std::string(kw) + "?)";
    }
    return {};
  }

  bool isName(const Token& t) const {
    return t.kind == TokKind::QuotedIdent || t.kind == TokKind::Ident;
  }
  bool isVariableToken(const Token& t) const {
    return t.kind == TokKind::QuotedIdent || (t.kind == TokKind::Ident && !isReserved(t.text));
  }
  // Label, type, property key, alias: any identifier, keywords included.
  std::string parseSchemaName(const char* what) {
    if (!isName(cur())) errorExpected(what);
    std::string n = cur().text;
    advance();
    return n;
  }
  std::string parseVariable(const char* what = "a variable name") {
    if (!isVariableToken(cur())) errorExpected(what);
    std::string n = cur().text;
    advance();
    return n;
  }

  // ---- clauses ----
  bool atClauseStart() const {
    const Token& t = cur();
    for (const char* k : {"MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CREATE", "MERGE", "SET",
                          "REMOVE", "DELETE", "DETACH", "CALL", "FOREACH", "LOAD"})
      if (t.isKeyword(k)) return true;
    return false;
  }

  SingleQuery parseSingleQuery() {
    SingleQuery q;
    if (!atClauseStart())
      errorExpected(
          "a clause: MATCH, OPTIONAL MATCH, RETURN, WITH, UNWIND, CREATE, MERGE, SET, REMOVE, "
          "DELETE or DETACH DELETE");
    while (atClauseStart()) q.clauses.push_back(parseClause());
    return q;
  }

  Clause parseClause() {
    follow_.clear();
    const Token& t = cur();
    SourcePos pos = t.pos;
    if (t.isKeyword("OPTIONAL")) {
      advance();
      if (!cur().isKeyword("MATCH")) errorExpected("MATCH");
      Clause c = parseMatch(pos);
      c.optional = true;
      return c;
    }
    if (t.isKeyword("MATCH")) return parseMatch(pos);
    if (t.isKeyword("UNWIND")) {
      advance();
      Clause c(ClauseKind::Unwind, pos);
      c.expr = parseExpr();
      expectKw("AS");
      c.alias = parseVariable("a variable name after AS");
      return c;
    }
    if (t.isKeyword("WITH")) {
      advance();
      Clause c(ClauseKind::With, pos);
      parseProjection(c.projection, true);
      return c;
    }
    if (t.isKeyword("RETURN")) {
      advance();
      Clause c(ClauseKind::Return, pos);
      parseProjection(c.projection, false);
      return c;
    }
    if (t.isKeyword("CREATE")) {
      advance();
      Clause c(ClauseKind::Create, pos);
      c.pattern = parsePatternIn("CREATE");
      return c;
    }
    if (t.isKeyword("MERGE")) {
      advance();
      Clause c(ClauseKind::Merge, pos);
      patternClause_ = "MERGE";
      c.pattern.parts.push_back(parsePatternPart());
      patternClause_ = "expression";
      while (cur().isKeyword("ON")) {
        advance();
        bool onCreate;
        if (acceptKw("CREATE")) {
          onCreate = true;
        } else if (acceptKw("MATCH")) {
          onCreate = false;
        } else {
          errorExpected("CREATE or MATCH after ON");
        }
        expectKw("SET");
        auto items = parseSetItems();
        auto& dst = onCreate ? c.onCreate : c.onMatch;
        for (auto& i : items) dst.push_back(std::move(i));
      }
      return c;
    }
    if (t.isKeyword("SET")) {
      advance();
      Clause c(ClauseKind::Set, pos);
      c.setItems = parseSetItems();
      return c;
    }
    if (t.isKeyword("REMOVE")) {
      advance();
      Clause c(ClauseKind::Remove, pos);
      do c.removeItems.push_back(parseRemoveItem());
      while (acceptSym(","));
      return c;
    }
    if (t.isKeyword("DETACH") || t.isKeyword("DELETE")) {
      Clause c(ClauseKind::Delete, pos);
      if (acceptKw("DETACH")) c.detach = true;
      expectKw("DELETE");
      do c.deleteExprs.push_back(parseExpr());
      while (acceptSym(","));
      return c;
    }
    if (t.isKeyword("CALL"))
      syntaxError(pos, "CALL is not supported: silkgraph has no procedures or subqueries");
    syntaxError(pos, std::string(t.text) + " is not supported by silkgraph");
  }

  Clause parseMatch(SourcePos pos) {
    advance();  // MATCH
    Clause c(ClauseKind::Match, pos);
    c.pattern = parsePatternIn("MATCH");
    follow_ = "',', WHERE, ";
    if (acceptKw("WHERE")) {
      c.where = parseExpr();
      follow_.clear();
    }
    return c;
  }

  void parseProjection(Projection& pr, bool isWith) {
    if (acceptKw("DISTINCT")) pr.distinct = true;
    bool needItem = true;
    if (acceptSym("*")) {
      pr.star = true;
      needItem = acceptSym(",");
    }
    while (needItem) {
      ProjectionItem item;
      size_t startTok = p_;
      if (cur().kind == TokKind::End || (cur().kind == TokKind::Ident && isReserved(cur().text) &&
                                         !startsExpressionKeyword(cur())))
        errorExpected(isWith ? "an expression or '*' after WITH"
                             : "an expression or '*' after RETURN");
      item.expr = parseExpr();
      size_t from = toks_[startTok].offset;
      item.text = std::string(src_.substr(from, prevEnd() - from));
      if (acceptKw("AS")) item.alias = parseSchemaName("a name after AS");
      pr.items.push_back(std::move(item));
      needItem = acceptSym(",");
    }
    if (cur().isKeyword("ORDER")) {
      advance();
      expectKw("BY");
      do {
        SortItem s;
        s.expr = parseExpr();
        if (acceptKw("DESC") || acceptKw("DESCENDING")) {
          s.descending = true;
        } else if (acceptKw("ASC") || acceptKw("ASCENDING")) {
          s.descending = false;
        }
        pr.orderBy.push_back(std::move(s));
      } while (acceptSym(","));
    }
    if (acceptKw("SKIP")) pr.skip = parseExpr();
    if (acceptKw("LIMIT")) pr.limit = parseExpr();
    if (isWith && acceptKw("WHERE")) pr.where = parseExpr();
    if (pr.where) {
      follow_.clear();
    } else if (pr.limit) {
      follow_ = isWith ? "WHERE, " : "";
    } else if (pr.skip) {
      follow_ = isWith ? "LIMIT, WHERE, " : "LIMIT, ";
    } else if (!pr.orderBy.empty()) {
      follow_ = isWith ? "',', SKIP, LIMIT, WHERE, " : "',', SKIP, LIMIT, ";
    } else {
      follow_ =
          isWith ? "',', AS, ORDER BY, SKIP, LIMIT, WHERE, " : "',', AS, ORDER BY, SKIP, LIMIT, ";
    }
    if (!isWith && cur().isKeyword("WHERE"))
      syntaxError(cur().pos,
                  "Invalid input 'WHERE': RETURN cannot have a WHERE; use WITH ... WHERE");
  }

  bool startsExpressionKeyword(const Token& t) const {
    for (const char* k : {"NOT", "NULL", "TRUE", "FALSE", "CASE"})
      if (t.isKeyword(k)) return true;
    return false;
  }

  std::vector<SetItem> parseSetItems() {
    std::vector<SetItem> items;
    do {
      SetItem s;
      s.pos = cur().pos;
      ExprPtr target = parsePropertyTarget();
      if (target->kind == ExprKind::Variable && cur().isSymbol(":")) {
        s.kind = SetItem::Kind::Labels;
        s.labels = parseLabels();
      } else if (target->kind == ExprKind::Variable && acceptSym("=")) {
        s.kind = SetItem::Kind::ReplaceAll;
        s.value = parseExpr();
      } else if (target->kind == ExprKind::Variable && acceptSym("+=")) {
        s.kind = SetItem::Kind::MergeAll;
        s.value = parseExpr();
      } else if (target->kind == ExprKind::Property) {
        s.kind = SetItem::Kind::Property;
        expectSym("=");
        s.value = parseExpr();
      } else {
        errorExpected("'=', '+=' or ':' in SET");
      }
      s.target = std::move(target);
      items.push_back(std::move(s));
    } while (acceptSym(","));
    return items;
  }

  RemoveItem parseRemoveItem() {
    RemoveItem r;
    r.pos = cur().pos;
    ExprPtr target = parsePropertyTarget();
    if (target->kind == ExprKind::Variable) {
      if (!cur().isSymbol(":")) errorExpected("':' and a label, or '.' and a property key");
      r.kind = RemoveItem::Kind::Labels;
      r.labels = parseLabels();
    } else {
      r.kind = RemoveItem::Kind::Property;
    }
    r.target = std::move(target);
    return r;
  }

  // A variable optionally followed by property lookups: the target of SET and REMOVE.
  ExprPtr parsePropertyTarget() {
    ExprPtr e;
    if (cur().isSymbol("(")) {
      SourcePos pos = cur().pos;
      advance();
      e = parseExpr();
      expectSym(")");
      e->pos = pos;
    } else {
      SourcePos pos = cur().pos;
      e = makeExpr(ExprKind::Variable, pos);
      e->name = parseVariable();
    }
    while (cur().isSymbol(".")) {
      advance();
      auto p = makeExpr(ExprKind::Property, e->pos);
      p->namePos.push_back(cur().pos);
      p->name = parseSchemaName("a property key after '.'");
      p->children.push_back(std::move(e));
      e = std::move(p);
    }
    return e;
  }

  // `at` (if given) receives where each name is written, for notices about unknown names.
  std::vector<std::string> parseLabels(std::vector<SourcePos>* at = nullptr) {
    std::vector<std::string> labels;
    while (acceptSym(":")) {
      if (at) at->push_back(cur().pos);
      labels.push_back(parseSchemaName("a label name after ':'"));
    }
    return labels;
  }

  // ---- patterns ----
  Pattern parsePatternIn(const char* clause) {
    patternClause_ = clause;
    Pattern p = parsePattern();
    patternClause_ = "expression";
    return p;
  }

  Pattern parsePattern() {
    Pattern p;
    do p.parts.push_back(parsePatternPart());
    while (acceptSym(","));
    return p;
  }

  PatternPart parsePatternPart() {
    DepthGuard g(*this);
    PatternPart part;
    part.pos = cur().pos;
    if (isVariableToken(cur()) && at(1).isSymbol("=")) {
      part.pathVar = cur().text;
      advance();
      advance();
    }
    if (cur().isKeyword("shortestPath") || cur().isKeyword("allShortestPaths")) {
      part.kind = cur().isKeyword("shortestPath") ? PatternPart::Kind::Shortest
                                                  : PatternPart::Kind::AllShortest;
      advance();
      expectSym("(");
      parsePatternElement(part);
      expectSym(")");
    } else {
      parsePatternElement(part);
    }
    return part;
  }

  void parsePatternElement(PatternPart& part) {
    // A parenthesised element: '(' followed by '(' cannot be a node pattern.
    if (cur().isSymbol("(") && at(1).isSymbol("(")) {
      DepthGuard g(*this);
      advance();
      parsePatternElement(part);
      expectSym(")");
      return;
    }
    part.nodes.push_back(parseNodePattern());
    while (cur().isSymbol("-") || cur().isSymbol("<")) {
      part.rels.push_back(parseRelPattern());
      part.nodes.push_back(parseNodePattern());
    }
  }

  // `(n $map)` is only meaningful where the map is written (CREATE); to match, the engine
  // would need the map's keys at compile time, so MATCH, MERGE and expressions refuse it.
  void checkParameterMap() const {
    if (patternClause_ == "CREATE") return;
    syntaxError(cur().pos,
                "Parameter maps cannot be used in " + patternClause_ +
                    " patterns; use a literal map instead, e.g. {name: $" + cur().text + ".name}",
                "InvalidParameterUse");
  }

  NodePattern parseNodePattern() {
    NodePattern n;
    n.pos = cur().pos;
    if (!cur().isSymbol("(")) errorExpected("'(' to start a node pattern");
    advance();
    if (isVariableToken(cur())) {
      n.var = cur().text;
      advance();
    }
    n.labels = parseLabels(&n.labelPos);
    if (cur().isSymbol("{")) {
      n.properties = parseMapLiteral();
    } else if (cur().kind == TokKind::Parameter) {
      checkParameterMap();
      n.properties = parseAtom();
    }
    if (!cur().isSymbol(")"))
      errorExpected(n.labels.empty() && !n.properties && n.var.empty()
                        ? "a variable, ':' and a label, a property map or ')'"
                        : "':' and a label, a property map or ')' in the node pattern");
    advance();
    return n;
  }

  RelPattern parseRelPattern() {
    RelPattern r;
    r.pos = cur().pos;
    bool left = acceptSym("<");
    expectSym("-");
    if (acceptSym("[")) {
      if (isVariableToken(cur())) {
        r.var = cur().text;
        advance();
      }
      if (acceptSym(":")) {
        r.typePos.push_back(cur().pos);
        r.types.push_back(parseSchemaName("a relationship type after ':'"));
        while (acceptSym("|")) {
          acceptSym(":");
          r.typePos.push_back(cur().pos);
          r.types.push_back(parseSchemaName("a relationship type after '|'"));
        }
      }
      if (cur().isSymbol("..") || cur().isSymbol("."))
        syntaxError(cur().pos, "Invalid relationship pattern: a length range needs '*', e.g. *1..3",
                    "InvalidRelationshipPattern");
      if (acceptSym("*")) {
        r.varLength = true;
        r.minHops = 1;
        r.maxHops = -1;
        if (cur().isSymbol("-") || cur().kind == TokKind::Float)
          syntaxError(cur().pos,
                      "Invalid relationship pattern: the length after '*' must be a non-negative "
                      "integer range such as *2, *1..3, *..3 or *2..",
                      "InvalidRelationshipPattern");
        if (cur().kind == TokKind::Integer) {
          r.minHops = hopCount();
          r.maxHops = r.minHops;
        }
        if (acceptSym("..")) {
          r.maxHops = -1;
          if (cur().kind == TokKind::Integer) r.maxHops = hopCount();
          if (cur().isSymbol("-"))
            syntaxError(cur().pos, "Invalid relationship pattern: negative length",
                        "InvalidRelationshipPattern");
        }
      }
      if (cur().isSymbol("{")) {
        r.properties = parseMapLiteral();
      } else if (cur().kind == TokKind::Parameter) {
        checkParameterMap();
        r.properties = parseAtom();
      }
      if (!cur().isSymbol("]"))
        errorExpected("a variable, ':' and a type, '*', a property map or ']'");
      advance();
    }
    expectSym("-");
    bool right = acceptSym(">");
    r.direction = (left && !right)   ? RelDirection::Left
                  : (right && !left) ? RelDirection::Right
                                     : RelDirection::Both;
    return r;
  }

  int64_t hopCount() {
    const Token& t = cur();
    if (t.intOverflow || t.intMagnitude > static_cast<uint64_t>(INT64_MAX))
      syntaxError(t.pos, "Relationship length is too large", "IntegerOverflow");
    advance();
    return static_cast<int64_t>(t.intMagnitude);
  }

  // Does the '(' at token index i start a pattern with at least one relationship? Only a
  // cheap test on the tokens after the matching ')'; the real parse decides.
  bool looksLikePatternAt(size_t i) const {
    if (i >= toks_.size() || !toks_[i].isSymbol("(")) return false;
    size_t m = match_[i];
    if (m == SIZE_MAX || m + 1 >= toks_.size()) return false;
    const Token& a = toks_[m + 1];
    if (a.isSymbol("-")) {
      const Token& b = m + 2 < toks_.size() ? toks_[m + 2] : toks_.back();
      return b.isSymbol("-") || b.isSymbol("[");
    }
    return a.isSymbol("<") && m + 2 < toks_.size() && toks_[m + 2].isSymbol("-");
  }

  // `(a)-[:`, `(a)-[*`, `(a)<-[:`, `(a)-->` cannot be read as an expression, so an error
  // inside them is a pattern error.
  bool surelyPatternAt(size_t i) const {
    size_t m = match_[i];
    auto sym = [&](size_t k, std::string_view s) {
      return m + k < toks_.size() && toks_[m + k].isSymbol(s);
    };
    size_t k = sym(1, "<") ? 2 : 1;
    if (!sym(k, "-")) return false;
    if (sym(k + 1, "[")) return sym(k + 2, ":") || sym(k + 2, "*");
    return sym(k + 1, "-") && sym(k + 2, ">");
  }

  // Tries to parse a pattern part with at least one relationship (for pattern predicates
  // and comprehensions); restores the position and returns false when it is not one.
  // Results are memoised per start token: a failed attempt is re-read as an expression, and
  // without the memo nested attempts would be re-parsed twice per level (exponential time).
  bool tryPatternPart(PatternPart& out, bool allowPathVar) {
    size_t save = p_;
    size_t start = p_;
    if (allowPathVar && isVariableToken(cur()) && at(1).isSymbol("=")) start = p_ + 2;
    if (!looksLikePatternAt(start)) return false;
    auto it = patternMemo_.find(start);
    if (it == patternMemo_.end()) {
      PatternMemo m;
      p_ = start;
      try {
        m.part.pos = cur().pos;
        parsePatternElement(m.part);
        if (m.part.rels.empty()) syntaxError(cur().pos, "not a pattern");
        m.ok = true;
        m.end = p_;
      } catch (const Error& e) {
        m.ok = false;
        m.part = PatternPart{};
        m.error = std::make_unique<Error>(e);
        m.fatal = surelyPatternAt(start);
      }
      it = patternMemo_.emplace(start, std::move(m)).first;
    }
    const PatternMemo& m = it->second;
    if (!m.ok) {
      p_ = save;
      if (m.fatal) throw Error(*m.error);
      patternError_ = std::make_unique<Error>(*m.error);
      return false;
    }
    out = clonePart(m.part);
    if (start != save) {
      out.pos = toks_[save].pos;
      out.pathVar = toks_[save].text;
    }
    p_ = m.end;
    return true;
  }

  // ---- expressions ----
  ExprPtr parseExpr() {
    DepthGuard g(*this);
    return parseOr();
  }

  ExprPtr binary(Op op, ExprPtr l, ExprPtr r) {
    auto e = makeExpr(ExprKind::Binary, l->pos);
    e->op = op;
    e->children.push_back(std::move(l));
    e->children.push_back(std::move(r));
    return e;
  }

  ExprPtr parseOr() {
    ExprPtr l = parseXor();
    ChainGuard chain(*this);
    while (acceptKw("OR") && (chain.step(), true)) l = binary(Op::Or, std::move(l), parseXor());
    return l;
  }
  ExprPtr parseXor() {
    ExprPtr l = parseAnd();
    ChainGuard chain(*this);
    while (acceptKw("XOR") && (chain.step(), true)) l = binary(Op::Xor, std::move(l), parseAnd());
    return l;
  }
  ExprPtr parseAnd() {
    ExprPtr l = parseNot();
    ChainGuard chain(*this);
    while (acceptKw("AND") && (chain.step(), true)) l = binary(Op::And, std::move(l), parseNot());
    return l;
  }
  ExprPtr parseNot() {
    if (cur().isKeyword("NOT")) {
      DepthGuard g(*this);
      SourcePos pos = cur().pos;
      advance();
      auto e = makeExpr(ExprKind::Unary, pos);
      e->op = Op::Not;
      e->children.push_back(parseNot());
      return e;
    }
    return parseComparison();
  }

  bool comparisonOp(Op& op) const {
    const Token& t = cur();
    if (t.kind != TokKind::Symbol) return false;
    if (t.text == "=")
      op = Op::Eq;
    else if (t.text == "<>")
      op = Op::Neq;
    else if (t.text == "<")
      op = Op::Lt;
    else if (t.text == "<=")
      op = Op::Le;
    else if (t.text == ">")
      op = Op::Gt;
    else if (t.text == ">=")
      op = Op::Ge;
    else
      return false;
    return true;
  }

  ExprPtr parseComparison() {
    ExprPtr left = parsePredicates();
    Op op;
    if (!comparisonOp(op)) return left;
    // a < b < c means a < b AND b < c: the middle operand is copied into both comparisons.
    ExprPtr out;
    ChainGuard chain(*this);
    while (comparisonOp(op)) {
      chain.step();
      advance();
      ExprPtr right = parsePredicates();
      Op following;
      ExprPtr carry = comparisonOp(following) ? cloneExpr(right.get()) : nullptr;
      ExprPtr cmp = binary(op, std::move(left), std::move(right));
      out = out ? binary(Op::And, std::move(out), std::move(cmp)) : std::move(cmp);
      left = std::move(carry);
    }
    return out;
  }

  ExprPtr parsePredicates() {
    ExprPtr l = parseAdditive();
    ChainGuard chain(*this);
    for (;;) {
      chain.step();
      const Token& t = cur();
      if (t.isKeyword("IN")) {
        advance();
        l = binary(Op::In, std::move(l), parseAdditive());
      } else if (t.isKeyword("STARTS")) {
        advance();
        expectKw("WITH");
        l = binary(Op::StartsWith, std::move(l), parseAdditive());
      } else if (t.isKeyword("ENDS")) {
        advance();
        expectKw("WITH");
        l = binary(Op::EndsWith, std::move(l), parseAdditive());
      } else if (t.isKeyword("CONTAINS")) {
        advance();
        l = binary(Op::Contains, std::move(l), parseAdditive());
      } else if (t.isSymbol("=~")) {
        advance();
        l = binary(Op::RegexMatch, std::move(l), parseAdditive());
      } else if (t.isKeyword("IS")) {
        advance();
        bool negated = acceptKw("NOT");
        expectKw("NULL");
        auto e = makeExpr(ExprKind::Unary, l->pos);
        e->op = negated ? Op::IsNotNull : Op::IsNull;
        e->children.push_back(std::move(l));
        l = std::move(e);
      } else {
        return l;
      }
    }
  }

  // One left-associative precedence level: operands from `next`, joined by any of `ops`.
  struct SymbolOp {
    const char* symbol;
    Op op;
  };
  template <size_t N>
  ExprPtr parseLeftAssoc(ExprPtr (Parser::*next)(), const SymbolOp (&ops)[N]) {
    ExprPtr l = (this->*next)();
    ChainGuard chain(*this);
    for (;;) {
      const SymbolOp* hit = nullptr;
      for (const SymbolOp& o : ops)
        if (acceptSym(o.symbol)) {
          hit = &o;
          break;
        }
      if (!hit) return l;
      chain.step();
      l = binary(hit->op, std::move(l), (this->*next)());
    }
  }
  ExprPtr parseAdditive() {
    static constexpr SymbolOp kOps[] = {{"+", Op::Add}, {"-", Op::Sub}};
    return parseLeftAssoc(&Parser::parseMultiplicative, kOps);
  }
  ExprPtr parseMultiplicative() {
    static constexpr SymbolOp kOps[] = {{"*", Op::Mul}, {"/", Op::Div}, {"%", Op::Mod}};
    return parseLeftAssoc(&Parser::parsePower, kOps);
  }
  ExprPtr parsePower() {
    ExprPtr l = parseUnary();
    ChainGuard chain(*this);
    while (acceptSym("^") && (chain.step(), true)) l = binary(Op::Pow, std::move(l), parseUnary());
    return l;
  }

  ExprPtr parseUnary() {
    const Token& t = cur();
    if (t.isSymbol("-") || t.isSymbol("+")) {
      DepthGuard g(*this);
      SourcePos pos = t.pos;
      bool minus = t.isSymbol("-");
      advance();
      // Fold the sign into a number literal, so -9223372036854775808 is representable.
      if (minus && (cur().kind == TokKind::Integer || cur().kind == TokKind::Float)) {
        ExprPtr lit = numberLiteral(true, pos);
        return parsePostfix(std::move(lit));
      }
      auto e = makeExpr(ExprKind::Unary, pos);
      e->op = minus ? Op::Negate : Op::Plus;
      e->children.push_back(parseUnary());
      return e;
    }
    return parsePostfix(parseAtom());
  }

  ExprPtr numberLiteral(bool negate, SourcePos pos) {
    const Token& t = cur();
    auto e = makeExpr(ExprKind::Literal, pos);
    if (t.kind == TokKind::Float) {
      e->value = Value(negate ? -t.floatValue : t.floatValue);
    } else {
      uint64_t limit =
          negate ? static_cast<uint64_t>(INT64_MAX) + 1 : static_cast<uint64_t>(INT64_MAX);
      if (t.intOverflow || t.intMagnitude > limit)
        syntaxError(pos,
                    "Integer is too large: " + std::string(negate ? "-" : "") + t.text +
                        " does not fit in a 64-bit integer",
                    "IntegerOverflow");
      int64_t v = t.intMagnitude == static_cast<uint64_t>(INT64_MAX) + 1
                      ? INT64_MIN
                      : static_cast<int64_t>(t.intMagnitude);
      e->value = Value(negate && v != INT64_MIN ? -v : v);
    }
    advance();
    return e;
  }

  ExprPtr parsePostfix(ExprPtr e) {
    ChainGuard chain(*this);
    for (;;) {
      chain.step();
      if (cur().isSymbol(".")) {
        advance();
        auto p = makeExpr(ExprKind::Property, e->pos);
        p->namePos.push_back(cur().pos);
        p->name = parseSchemaName("a property key after '.'");
        p->children.push_back(std::move(e));
        e = std::move(p);
      } else if (cur().isSymbol("[")) {
        DepthGuard g(*this);
        SourcePos pos = e->pos;
        advance();
        if (acceptSym("..")) {
          // [..to]: no `from`; children hold only the bounds that exist (see ast.h).
          auto s = makeExpr(ExprKind::Slice, pos);
          s->children.push_back(std::move(e));
          s->hasTo = !cur().isSymbol("]");
          if (s->hasTo) s->children.push_back(parseExpr());
          expectSym("]");
          e = std::move(s);
          continue;
        }
        ExprPtr idx = parseExpr();
        if (acceptSym("..")) {
          auto s = makeExpr(ExprKind::Slice, pos);
          s->hasFrom = true;
          s->children.push_back(std::move(e));
          s->children.push_back(std::move(idx));
          s->hasTo = !cur().isSymbol("]");
          if (s->hasTo) s->children.push_back(parseExpr());
          expectSym("]");
          e = std::move(s);
          continue;
        }
        expectSym("]");
        auto ix = makeExpr(ExprKind::Index, pos);
        ix->children.push_back(std::move(e));
        ix->children.push_back(std::move(idx));
        e = std::move(ix);
      } else if (cur().isSymbol(":") && isName(at(1))) {
        auto l = makeExpr(ExprKind::LabelCheck, e->pos);
        l->labels = parseLabels(&l->namePos);
        l->children.push_back(std::move(e));
        e = std::move(l);
      } else {
        return e;
      }
    }
  }

  ExprPtr parseMapLiteral() {
    DepthGuard g(*this);
    auto m = makeExpr(ExprKind::MapLiteral, cur().pos);
    expectSym("{");
    if (acceptSym("}")) return m;
    do {
      if (!isName(cur())) errorExpected("a property key name in the map");
      m->namePos.push_back(cur().pos);
      m->keys.push_back(cur().text);
      advance();
      expectSym(":");
      m->children.push_back(parseExpr());
    } while (acceptSym(","));
    if (!cur().isSymbol("}")) errorExpected("',' or '}' in the map");
    advance();
    return m;
  }

  ExprPtr parseAtom() {
    DepthGuard g(*this);
    const Token& t = cur();
    SourcePos pos = t.pos;
    switch (t.kind) {
      case TokKind::Integer:
      case TokKind::Float:
        return numberLiteral(false, pos);
      case TokKind::String: {
        auto e = makeExpr(ExprKind::Literal, pos);
        e->value = Value(t.text);
        advance();
        return e;
      }
      case TokKind::Parameter: {
        auto e = makeExpr(ExprKind::Parameter, pos);
        e->name = t.text;
        advance();
        return e;
      }
      case TokKind::QuotedIdent: {
        std::string name = t.text;
        advance();
        if (cur().isSymbol("{")) return parseMapProjection(std::move(name), pos);
        auto e = makeExpr(ExprKind::Variable, pos);
        e->name = std::move(name);
        return e;
      }
      case TokKind::Ident:
        return parseIdentAtom();
      case TokKind::Symbol:
        if (t.isSymbol("(")) return parseParenAtom();
        if (t.isSymbol("[")) return parseBracketAtom();
        if (t.isSymbol("{")) return parseMapLiteral();
        break;
      case TokKind::BadNumber:
        syntaxError(pos, "Invalid input '" + t.text + "': not a valid number",
                    "InvalidNumberLiteral");
      case TokKind::End:
        break;
    }
    errorExpected("an expression");
  }

  ExprPtr parseParenAtom() {
    SourcePos pos = cur().pos;
    PatternPart part;
    if (tryPatternPart(part, false)) {
      auto e = makeExpr(ExprKind::PatternPredicate, pos);
      e->pattern = std::make_unique<Pattern>();
      e->pattern->parts.push_back(std::move(part));
      return e;
    }
    // When neither reading works, report the one that got further: `(a)-[:T*-1]->(b)` is
    // a broken pattern rather than a broken subtraction.
    std::unique_ptr<Error> asPattern = std::move(patternError_);
    try {
      advance();
      ExprPtr inner = parseExpr();
      if (!cur().isSymbol(")")) errorExpected("')'");
      advance();
      return inner;
    } catch (const Error& e) {
      if (asPattern && e.kind() == ErrorKind::SyntaxError && later(asPattern->pos(), e.pos()))
        throw Error(*asPattern);
      throw;
    }
  }

  ExprPtr parseBracketAtom() {
    SourcePos pos = cur().pos;
    // [x IN list WHERE p | e]
    if (isVariableToken(at(1)) && at(2).isKeyword("IN")) {
      advance();
      auto e = makeExpr(ExprKind::ListComprehension, pos);
      e->name = cur().text;
      advance();
      advance();  // IN
      e->children.push_back(parseExpr());
      if (acceptKw("WHERE")) e->where = parseExpr();
      if (acceptSym("|")) e->projection = parseExpr();
      if (!cur().isSymbol("]")) errorExpected("WHERE, '|' or ']' in the list comprehension");
      advance();
      return e;
    }
    // [(a)-->(b) WHERE p | e]
    {
      size_t save = p_;
      advance();
      PatternPart part;
      if (tryPatternPart(part, true)) {
        if (cur().isKeyword("WHERE") || cur().isSymbol("|")) {
          auto e = makeExpr(ExprKind::PatternComprehension, pos);
          e->pattern = std::make_unique<Pattern>();
          e->pattern->parts.push_back(std::move(part));
          if (acceptKw("WHERE")) e->where = parseExpr();
          expectSym("|");
          e->projection = parseExpr();
          expectSym("]");
          return e;
        }
      }
      p_ = save;
    }
    auto e = makeExpr(ExprKind::ListLiteral, pos);
    advance();
    if (acceptSym("]")) return e;
    do e->children.push_back(parseExpr());
    while (acceptSym(","));
    if (!cur().isSymbol("]")) errorExpected("',' or ']' in the list");
    advance();
    return e;
  }

  ExprPtr parseIdentAtom() {
    const Token& t = cur();
    SourcePos pos = t.pos;
    if (t.isKeyword("TRUE") || t.isKeyword("FALSE")) {
      auto e = makeExpr(ExprKind::Literal, pos);
      e->value = Value(t.isKeyword("TRUE"));
      advance();
      return e;
    }
    if (t.isKeyword("NULL")) {
      advance();
      return makeExpr(ExprKind::Literal, pos);
    }
    if (t.isKeyword("CASE")) return parseCase();
    if (t.isKeyword("COUNT") && at(1).isSymbol("(") && at(2).isSymbol("*") && at(3).isSymbol(")")) {
      advance();
      advance();
      advance();
      advance();
      return makeExpr(ExprKind::CountStar, pos);
    }
    if (t.isKeyword("COUNT") && at(1).isSymbol("{"))
      syntaxError(pos,
                  "COUNT { ... } subqueries are not supported; use size([pattern | 1]) or count()");
    if (t.isKeyword("EXISTS") && at(1).isSymbol("{")) return parseExistsSubquery();
    if (t.isKeyword("EXISTS") && at(1).isSymbol("(") && looksLikePatternAt(p_ + 2)) {
      advance();
      advance();
      PatternPart part;
      if (!tryPatternPart(part, false)) errorExpected("a pattern");
      expectSym(")");
      auto e = makeExpr(ExprKind::ExistsSubquery, pos);
      e->pattern = std::make_unique<Pattern>();
      e->pattern->parts.push_back(std::move(part));
      return e;
    }
    for (auto [kw, op] : {std::pair{"ALL", Op::All}, std::pair{"ANY", Op::Any},
                          std::pair{"NONE", Op::None}, std::pair{"SINGLE", Op::Single}}) {
      if (t.isKeyword(kw) && at(1).isSymbol("(") && isVariableToken(at(2)) &&
          at(3).isKeyword("IN")) {
        advance();
        advance();
        auto e = makeExpr(ExprKind::Quantifier, pos);
        e->op = op;
        e->name = cur().text;
        advance();
        advance();  // IN
        e->children.push_back(parseExpr());
        if (acceptKw("WHERE")) e->where = parseExpr();
        if (cur().isSymbol("|"))
          syntaxError(cur().pos, std::string(kw) + "(...) takes WHERE, not '|'");
        expectSym(")");
        return e;
      }
    }
    if (t.isKeyword("REDUCE") && at(1).isSymbol("(") && isVariableToken(at(2)) &&
        at(3).isSymbol("=")) {
      advance();
      advance();
      auto e = makeExpr(ExprKind::Reduce, pos);
      e->name = cur().text;
      advance();
      advance();  // =
      e->children.push_back(parseExpr());
      expectSym(",");
      e->name2 = parseVariable();
      expectKw("IN");
      e->children.push_back(parseExpr());
      expectSym("|");
      e->children.push_back(parseExpr());
      expectSym(")");
      return e;
    }
    // Function call, possibly namespaced: a.b.c(...)
    {
      size_t k = 1;
      while (at(k).isSymbol(".") && isName(at(k + 1))) k += 2;
      if (at(k).isSymbol("(") && !isReserved(t.text)) return parseFunctionCall(k);
    }
    if (isReserved(t.text)) errorExpected("an expression");
    std::string name = t.text;
    advance();
    if (cur().isSymbol("{")) return parseMapProjection(std::move(name), pos);
    auto e = makeExpr(ExprKind::Variable, pos);
    e->name = std::move(name);
    return e;
  }

  ExprPtr parseFunctionCall(size_t nameTokens) {
    SourcePos pos = cur().pos;
    std::string name;
    for (size_t i = 0; i < nameTokens; ++i) {
      name += cur().text;
      advance();
    }
    auto e = makeExpr(ExprKind::FunctionCall, pos);
    e->name = std::move(name);
    expectSym("(");
    if (acceptKw("DISTINCT")) e->distinct = true;
    if (!cur().isSymbol(")")) {
      do e->children.push_back(parseExpr());
      while (acceptSym(","));
    }
    if (!cur().isSymbol(")")) errorExpected("',' or ')' after a function argument");
    advance();
    if (lex::equalsIgnoreCase(e->name, "size") && e->children.size() == 1 &&
        e->children[0]->kind == ExprKind::PatternPredicate)
      syntaxError(e->children[0]->pos,
                  "size() of a pattern is not allowed; use a pattern comprehension, e.g. "
                  "size([(a)-->(b) | b])");
    return e;
  }

  ExprPtr parseMapProjection(std::string var, SourcePos pos) {
    DepthGuard g(*this);
    auto e = makeExpr(ExprKind::MapProjection, pos);
    e->name = std::move(var);
    expectSym("{");
    if (acceptSym("}")) return e;
    do {
      MapProjectionItem item;
      if (acceptSym(".")) {
        if (acceptSym("*")) {
          item.kind = MapProjectionItem::Kind::AllProperties;
        } else {
          item.kind = MapProjectionItem::Kind::Property;
          item.key = parseSchemaName("a property key or '*' after '.'");
        }
      } else if (isName(cur()) && at(1).isSymbol(":")) {
        item.kind = MapProjectionItem::Kind::Literal;
        item.key = cur().text;
        advance();
        advance();
        item.expr = parseExpr();
      } else if (isVariableToken(cur())) {
        item.kind = MapProjectionItem::Kind::Variable;
        item.key = cur().text;
        advance();
      } else {
        errorExpected("'.key', '.*', 'key: expression' or a variable in the map projection");
      }
      e->mapItems.push_back(std::move(item));
    } while (acceptSym(","));
    if (!cur().isSymbol("}")) errorExpected("',' or '}' in the map projection");
    advance();
    return e;
  }

  ExprPtr parseCase() {
    SourcePos pos = cur().pos;
    advance();  // CASE
    auto e = makeExpr(ExprKind::Case, pos);
    if (!cur().isKeyword("WHEN")) {
      e->hasSubject = true;
      e->children.push_back(parseExpr());
    }
    if (!cur().isKeyword("WHEN")) errorExpected("WHEN");
    while (acceptKw("WHEN")) {
      e->children.push_back(parseExpr());
      expectKw("THEN");
      e->children.push_back(parseExpr());
    }
    if (acceptKw("ELSE")) {
      e->hasElse = true;
      e->children.push_back(parseExpr());
    }
    if (!cur().isKeyword("END")) errorExpected(e->hasElse ? "END" : "WHEN, ELSE or END");
    advance();
    return e;
  }

  ExprPtr parseExistsSubquery() {
    SourcePos pos = cur().pos;
    advance();  // EXISTS
    expectSym("{");
    auto e = makeExpr(ExprKind::ExistsSubquery, pos);
    acceptKw("MATCH");
    e->pattern = std::make_unique<Pattern>(parsePattern());
    if (acceptKw("WHERE")) e->where = parseExpr();
    if (cur().isKeyword("RETURN") || cur().isKeyword("WITH") || cur().isKeyword("MATCH"))
      syntaxError(cur().pos, "EXISTS { ... } supports only a pattern with an optional WHERE");
    if (!cur().isSymbol("}")) errorExpected("WHERE or '}'");
    advance();
    return e;
  }
};

}  // namespace

ast::Statement parseStatement(std::string_view text) {
  Parser p(text, lex::tokenize(text));
  return p.parseStatement();
}

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
    out.push_back(ScriptStatement{std::string(script.substr(sigStart, end - sigStart)), sigPos});
  };

  size_t i = 0;
  auto bump = [&]() {
    char c = script[i++];
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
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
      out.push_back(ScriptStatement{std::string(script.substr(openStart)), openPos});
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
