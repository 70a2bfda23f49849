// Parser: recursive descent over the lexer's tokens, one function per grammar level of the
// openCypher grammar. Patterns inside expressions are recognised by a bounded speculative
// parse (see looksLikePattern), so `(a) - (b)` stays arithmetic and `(a)-->(b)` is a pattern.
// The grammar steps are in the parse_*.cpp files next to it (query/parser/parser_impl.h).
#include "query/parser/parser.h"

#include <climits>
#include <cstdint>

#include "common/text.h"
#include "query/parser/parser_impl.h"

namespace silkgraph::parsing {

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

namespace {

std::unique_ptr<Pattern> clonePattern(const Pattern* p) {
  if (!p) return nullptr;
  auto out = std::make_unique<Pattern>();
  for (const PatternPart& part : p->parts) out->parts.push_back(clonePart(part));
  return out;
}

}  // namespace

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

Parser::Parser(std::string_view src, std::vector<Token> toks,
               std::shared_ptr<const std::string> owner)
    : src_(src), owner_(std::move(owner)), toks_(std::move(toks)) {
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

Statement Parser::parseStatement() {
  if (atSchemaCommand()) return parseSchemaStatement();
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
      syntaxError(cur().pos, "Only one statement can be run at a time: unexpected text after ';'");
    errorExpected(follow_ +
                  "a clause (MATCH, WITH, RETURN, ...), UNION, ';' or the end of the query");
  }
  return st;
}

void Parser::errorExpected(const std::string& what) const {
  const Token& t = cur();
  if (t.kind == TokKind::End) syntaxError(t.pos, "Unexpected end of input: expected " + what);
  syntaxError(t.pos,
              "Invalid input '" + lex::describe(t, src_) + "': expected " + what + suggestion(t));
}

// " (did you mean RETURN?)" for a word close to a keyword, e.g. a misspelt clause.
std::string Parser::suggestion(const Token& t) {
  if (t.kind != TokKind::Ident || t.text.size() < 3) return {};
  static const char* const kKeywords[] = {"MATCH",    "OPTIONAL", "RETURN", "WITH",   "UNWIND",
                                          "CREATE",   "MERGE",    "DELETE", "DETACH", "REMOVE",
                                          "WHERE",    "ORDER",    "LIMIT",  "SKIP",   "UNION",
                                          "DISTINCT", "CONTAINS", "STARTS", "ENDS"};
  for (const char* k : kKeywords) {
    std::string_view kw(k);
    size_t d = text::editDistance(t.text, kw);
    if (d == 0) return {};
    if (d <= (kw.size() > 4 ? 2u : 1u)) return " (did you mean " + std::string(kw) + "?)";
  }
  return {};
}

// Label, type, property key, alias: any identifier, keywords included.
std::string Parser::parseSchemaName(const char* what) {
  if (!isName(cur())) errorExpected(what);
  std::string n(cur().text);
  advance();
  return n;
}

std::string Parser::parseVariable(const char* what) {
  if (!isVariableToken(cur())) errorExpected(what);
  std::string n(cur().text);
  advance();
  return n;
}

}  // namespace silkgraph::parsing

namespace silkgraph {

ast::Statement parseStatement(std::string_view text) {
  parsing::Parser p(text, lex::tokenize(text));
  return p.parseStatement();
}

ast::Statement parseStatement(std::shared_ptr<const std::string> source, std::string_view text) {
  parsing::Parser p(text, lex::tokenize(text), std::move(source));
  return p.parseStatement();
}

}  // namespace silkgraph
