// Atoms: literals, parameters, parenthesised expressions and pattern predicates, list
// literals and comprehensions, pattern comprehensions, names, function calls, map
// projections, CASE and EXISTS { }.
#include <utility>

#include "query/parser/parser_impl.h"

namespace silkgraph::parsing {

ExprPtr Parser::parseAtom() {
  DepthGuard g(*this);
  const Token& t = cur();
  SourcePos pos = t.pos;
  switch (t.kind) {
    case TokKind::Integer:
    case TokKind::Float:
      return numberLiteral(false, pos);
    case TokKind::String: {
      auto e = makeExpr(ExprKind::Literal, pos);
      e->value = Value(t.str);  // shares the lexer's string (a 100 MB literal is not copied)
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
      std::string name(t.text);
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
      syntaxError(pos, "Invalid input '" + std::string(t.text) + "': not a valid number",
                  "InvalidNumberLiteral");
    case TokKind::End:
      break;
  }
  errorExpected("an expression");
}

ExprPtr Parser::parseParenAtom() {
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

ExprPtr Parser::parseBracketAtom() {
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
  // Literal elements are kept as values while every element is one (see Expr::folded); the
  // first other element turns them back into expressions, at their places.
  ValueList values;
  std::vector<SourcePos> places;
  bool folded = true;
  do {
    ExprPtr x = parseExpr();
    if (folded && x->kind == ExprKind::Literal) {
      values.push_back(std::move(x->value));
      places.push_back(x->pos);
      continue;
    }
    if (folded) {
      for (size_t i = 0; i < values.size(); ++i) {
        auto l = makeExpr(ExprKind::Literal, places[i]);
        l->value = std::move(values[i]);
        e->children.push_back(std::move(l));
      }
      folded = false;
    }
    e->children.push_back(std::move(x));
  } while (acceptSym(","));
  if (!cur().isSymbol("]")) errorExpected("',' or ']' in the list");
  advance();
  if (folded) {
    e->folded = true;
    e->value = Value(std::move(values));
  }
  return e;
}

ExprPtr Parser::parseIdentAtom() {
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
    if (t.isKeyword(kw) && at(1).isSymbol("(") && isVariableToken(at(2)) && at(3).isKeyword("IN")) {
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
  std::string name(t.text);
  advance();
  if (cur().isSymbol("{")) return parseMapProjection(std::move(name), pos);
  auto e = makeExpr(ExprKind::Variable, pos);
  e->name = std::move(name);
  return e;
}

ExprPtr Parser::parseFunctionCall(size_t nameTokens) {
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

ExprPtr Parser::parseMapProjection(std::string var, SourcePos pos) {
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

ExprPtr Parser::parseCase() {
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

ExprPtr Parser::parseExistsSubquery() {
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

}  // namespace silkgraph::parsing
