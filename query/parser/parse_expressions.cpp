// Expressions by precedence: OR, XOR, AND, NOT, comparisons (chained a < b < c), string and
// list predicates, arithmetic, unary signs, number literals, postfix property / index /
// slice / label checks, and map literals.
#include <climits>
#include <cstdint>
#include <initializer_list>
#include <utility>

#include "query/parser/parser_impl.h"

namespace silkgraph::parsing {

ExprPtr Parser::parseExpr() {
  DepthGuard g(*this);
  return parseOr();
}

ExprPtr Parser::binary(Op op, ExprPtr l, ExprPtr r) {
  auto e = makeExpr(ExprKind::Binary, l->pos);
  e->op = op;
  e->children.push_back(std::move(l));
  e->children.push_back(std::move(r));
  return e;
}

ExprPtr Parser::parseOr() {
  ExprPtr l = parseXor();
  ChainGuard chain(*this);
  while (acceptKw("OR") && (chain.step(), true)) l = binary(Op::Or, std::move(l), parseXor());
  return l;
}

ExprPtr Parser::parseXor() {
  ExprPtr l = parseAnd();
  ChainGuard chain(*this);
  while (acceptKw("XOR") && (chain.step(), true)) l = binary(Op::Xor, std::move(l), parseAnd());
  return l;
}

ExprPtr Parser::parseAnd() {
  ExprPtr l = parseNot();
  ChainGuard chain(*this);
  while (acceptKw("AND") && (chain.step(), true)) l = binary(Op::And, std::move(l), parseNot());
  return l;
}

ExprPtr Parser::parseNot() {
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

bool Parser::comparisonOp(Op& op) const {
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

ExprPtr Parser::parseComparison() {
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

ExprPtr Parser::parsePredicates() {
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

template <size_t N>
ExprPtr Parser::parseLeftAssoc(ExprPtr (Parser::*next)(), const SymbolOp (&ops)[N]) {
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

ExprPtr Parser::parseAdditive() {
  static constexpr SymbolOp kOps[] = {{"+", Op::Add}, {"-", Op::Sub}};
  return parseLeftAssoc(&Parser::parseMultiplicative, kOps);
}

ExprPtr Parser::parseMultiplicative() {
  static constexpr SymbolOp kOps[] = {{"*", Op::Mul}, {"/", Op::Div}, {"%", Op::Mod}};
  return parseLeftAssoc(&Parser::parsePower, kOps);
}

ExprPtr Parser::parsePower() {
  ExprPtr l = parseUnary();
  ChainGuard chain(*this);
  while (acceptSym("^") && (chain.step(), true)) l = binary(Op::Pow, std::move(l), parseUnary());
  return l;
}

ExprPtr Parser::parseUnary() {
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

ExprPtr Parser::numberLiteral(bool negate, SourcePos pos) {
  const Token& t = cur();
  auto e = makeExpr(ExprKind::Literal, pos);
  if (t.kind == TokKind::Float) {
    e->value = Value(negate ? -t.floatValue : t.floatValue);
  } else {
    uint64_t limit =
        negate ? static_cast<uint64_t>(INT64_MAX) + 1 : static_cast<uint64_t>(INT64_MAX);
    if (t.intOverflow || t.intMagnitude > limit)
      syntaxError(pos,
                  "Integer is too large: " + std::string(negate ? "-" : "") + std::string(t.text) +
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

ExprPtr Parser::parsePostfix(ExprPtr e) {
  ChainGuard chain(*this);
  for (;;) {
    chain.step();
    if (cur().isSymbol(".")) {
      advance();
      e = parsePropertyKey(std::move(e));
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

ExprPtr Parser::parseMapLiteral() {
  DepthGuard g(*this);
  auto m = makeExpr(ExprKind::MapLiteral, cur().pos);
  expectSym("{");
  if (acceptSym("}")) return m;
  do {
    if (!isName(cur())) errorExpected("a property key name in the map");
    m->namePos.push_back(cur().pos);
    m->keys.emplace_back(cur().text);
    advance();
    expectSym(":");
    m->children.push_back(parseExpr());
  } while (acceptSym(","));
  if (!cur().isSymbol("}")) errorExpected("',' or '}' in the map");
  advance();
  return m;
}

ExprPtr Parser::parsePropertyKey(ExprPtr subject) {
  auto p = makeExpr(ExprKind::Property, subject->pos);
  p->namePos.push_back(cur().pos);
  p->name = parseSchemaName("a property key after '.'");
  p->children.push_back(std::move(subject));
  return p;
}

}  // namespace silkgraph::parsing
