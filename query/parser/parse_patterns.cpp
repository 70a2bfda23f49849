// Patterns: parts, node and relationship patterns, variable-length hops, and the speculative
// pattern parse that tells a pattern inside an expression from parenthesised arithmetic.
#include <climits>
#include <cstdint>
#include <utility>

#include "query/parser/parser_impl.h"

namespace silkgraph::parsing {

Pattern Parser::parsePatternIn(const char* clause) {
  patternClause_ = clause;
  Pattern p = parsePattern();
  patternClause_ = "expression";
  return p;
}

Pattern Parser::parsePattern() {
  Pattern p;
  do p.parts.push_back(parsePatternPart());
  while (acceptSym(","));
  return p;
}

PatternPart Parser::parsePatternPart() {
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

void Parser::parsePatternElement(PatternPart& part) {
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
void Parser::checkParameterMap() const {
  if (patternClause_ == "CREATE") return;
  syntaxError(cur().pos,
              "Parameter maps cannot be used in " + patternClause_ +
                  " patterns; use a literal map instead, e.g. {name: $" + std::string(cur().text) +
                  ".name}",
              "InvalidParameterUse");
}

NodePattern Parser::parseNodePattern() {
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

RelPattern Parser::parseRelPattern() {
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

int64_t Parser::hopCount() {
  const Token& t = cur();
  if (t.intOverflow || t.intMagnitude > static_cast<uint64_t>(INT64_MAX))
    syntaxError(t.pos, "Relationship length is too large", "IntegerOverflow");
  advance();
  return static_cast<int64_t>(t.intMagnitude);
}

// Does the '(' at token index i start a pattern with at least one relationship? Only a
// cheap test on the tokens after the matching ')'; the real parse decides.
bool Parser::looksLikePatternAt(size_t i) const {
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
bool Parser::surelyPatternAt(size_t i) const {
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
bool Parser::tryPatternPart(PatternPart& out, bool allowPathVar) {
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

}  // namespace silkgraph::parsing
