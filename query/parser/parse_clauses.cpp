// Clauses: MATCH, OPTIONAL MATCH, WITH / RETURN projections (ORDER BY, SKIP, LIMIT),
// UNWIND, CREATE, MERGE (ON CREATE / ON MATCH), SET, REMOVE, DELETE, CALL ... YIELD,
// LOAD CSV, and label lists.
#include <utility>

#include "query/parser/parser_impl.h"

namespace silkgraph::parsing {

bool Parser::atClauseStart() const {
  const Token& t = cur();
  for (const char* k : {"MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CREATE", "MERGE", "SET",
                        "REMOVE", "DELETE", "DETACH", "CALL", "FOREACH", "LOAD"})
    if (t.isKeyword(k)) return true;
  return false;
}

SingleQuery Parser::parseSingleQuery() {
  SingleQuery q;
  if (!atClauseStart())
    errorExpected(
        "a clause: MATCH, OPTIONAL MATCH, RETURN, WITH, UNWIND, CREATE, MERGE, SET, REMOVE, "
        "DELETE or DETACH DELETE");
  while (atClauseStart()) q.clauses.push_back(parseClause());
  return q;
}

Clause Parser::parseClause() {
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
  if (t.isKeyword("CALL")) return parseCall(pos);
  if (t.isKeyword("LOAD")) return parseLoadCsv(pos);
  syntaxError(pos, std::string(t.text) + " is not supported by silkgraph");
}

Clause Parser::parseMatch(SourcePos pos) {
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

// LOAD CSV [WITH HEADERS] FROM url AS alias [FIELDTERMINATOR 'c'] (Neo4j's syntax)
Clause Parser::parseLoadCsv(SourcePos pos) {
  advance();  // LOAD
  if (!acceptKw("CSV")) errorExpected("CSV after LOAD");
  Clause c(ClauseKind::LoadCsv, pos);
  if (acceptKw("WITH")) {
    if (!acceptKw("HEADERS")) errorExpected("HEADERS after LOAD CSV WITH");
    c.withHeaders = true;
  }
  if (!acceptKw("FROM")) errorExpected(c.withHeaders ? "FROM" : "WITH HEADERS or FROM");
  c.expr = parseExpr();
  expectKw("AS");
  c.alias = parseVariable("a variable name after AS");
  follow_ = "FIELDTERMINATOR, ";
  if (acceptKw("FIELDTERMINATOR")) {
    follow_.clear();
    if (cur().kind != TokKind::String) errorExpected("a string after FIELDTERMINATOR");
    c.fieldTerminatorPos = cur().pos;
    c.fieldTerminator = *cur().str;
    advance();
  }
  return c;
}

// CALL name.space.proc(args) [YIELD * | YIELD col [AS alias], ... [WHERE expr]]
Clause Parser::parseCall(SourcePos pos) {
  advance();  // CALL
  if (cur().isSymbol("{"))
    syntaxError(cur().pos, "CALL { ... } subqueries are not supported by silkgraph");
  Clause c(ClauseKind::Call, pos);
  c.procedurePos = cur().pos;
  c.procedure = parseSchemaName("a procedure name after CALL");
  while (cur().isSymbol(".")) {
    advance();
    c.procedure += "." + parseSchemaName("a name after '.' in the procedure name");
  }
  if (acceptSym("(")) {
    if (!acceptSym(")")) {
      do c.args.push_back(parseExpr());
      while (acceptSym(","));
      expectSym(")");
    }
  } else {
    c.implicitArgs = true;
  }
  follow_ = c.implicitArgs ? "'(', YIELD, " : "YIELD, ";
  if (!acceptKw("YIELD")) return c;
  c.hasYield = true;
  if (acceptSym("*")) {
    c.yieldStar = true;
  } else {
    do {
      YieldItem y;
      y.pos = cur().pos;
      y.column = parseSchemaName("a result column name after YIELD");
      if (acceptKw("AS")) y.alias = parseVariable("a variable name after AS");
      c.yields.push_back(std::move(y));
    } while (acceptSym(","));
  }
  follow_ = c.yieldStar ? "WHERE, " : "',', AS, WHERE, ";
  if (acceptKw("WHERE")) {
    c.where = parseExpr();
    follow_.clear();
  }
  return c;
}

void Parser::parseProjection(Projection& pr, bool isWith) {
  if (acceptKw("DISTINCT")) pr.distinct = true;
  bool needItem = true;
  if (acceptSym("*")) {
    pr.star = true;
    needItem = acceptSym(",");
  }
  while (needItem) {
    ProjectionItem item;
    size_t startTok = p_;
    if (cur().kind == TokKind::End ||
        (cur().kind == TokKind::Ident && isReserved(cur().text) && !startsExpressionKeyword(cur())))
      errorExpected(isWith ? "an expression or '*' after WITH"
                           : "an expression or '*' after RETURN");
    item.expr = parseExpr();
    size_t from = toks_[startTok].offset, to = prevEnd();
    // The source text names the column only without an alias (not kept otherwise: a 100 MB
    // literal would be copied for nothing).
    if (acceptKw("AS"))
      item.alias = parseSchemaName("a name after AS");
    else
      item.text = owner_ ? SharedString(owner_, src_.substr(from, to - from))
                         : SharedString(src_.substr(from, to - from));
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
    syntaxError(cur().pos, "Invalid input 'WHERE': RETURN cannot have a WHERE; use WITH ... WHERE");
}

bool Parser::startsExpressionKeyword(const Token& t) const {
  for (const char* k : {"NOT", "NULL", "TRUE", "FALSE", "CASE"})
    if (t.isKeyword(k)) return true;
  return false;
}

std::vector<SetItem> Parser::parseSetItems() {
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

RemoveItem Parser::parseRemoveItem() {
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
ExprPtr Parser::parsePropertyTarget() {
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
    e = parsePropertyKey(std::move(e));
  }
  return e;
}

// `at` (if given) receives where each name is written, for notices about unknown names.
std::vector<std::string> Parser::parseLabels(std::vector<SourcePos>* at) {
  std::vector<std::string> labels;
  while (acceptSym(":")) {
    if (at) at->push_back(cur().pos);
    labels.push_back(parseSchemaName("a label name after ':'"));
  }
  return labels;
}

}  // namespace silkgraph::parsing
