// Index and constraint commands in Neo4j 5 syntax: CREATE [RANGE] INDEX, CREATE CONSTRAINT
// ... REQUIRE ... IS UNIQUE, DROP INDEX / CONSTRAINT name, and SHOW INDEXES / CONSTRAINTS,
// which becomes a CALL of db.indexes() / db.constraints() so that YIELD, WHERE and RETURN
// work as they do after CALL. What the commands do: query/execution/schema_commands.cpp.
#include "query/parser/parser_impl.h"

namespace silkgraph::parsing {

namespace {

bool isIndexKind(const Token& t) {
  for (const char* k : {"RANGE", "TEXT", "POINT", "FULLTEXT", "LOOKUP", "VECTOR", "BTREE"})
    if (t.isKeyword(k)) return true;
  return false;
}

}  // namespace

bool Parser::atSchemaCommand() const {
  size_t k = cur().isKeyword("EXPLAIN") || cur().isKeyword("PROFILE") ? 1 : 0;
  const Token& t = at(k);
  if (t.isKeyword("SHOW") || t.isKeyword("DROP")) return true;
  if (!t.isKeyword("CREATE")) return false;
  const Token& next = at(k + 1);
  return next.isKeyword("INDEX") || next.isKeyword("CONSTRAINT") ||
         (isIndexKind(next) && at(k + 2).isKeyword("INDEX"));
}

Statement Parser::parseSchemaStatement() {
  if (cur().isKeyword("EXPLAIN") || cur().isKeyword("PROFILE"))
    syntaxError(cur().pos,
                std::string(cur().text) + " does not apply to index and constraint commands");
  Statement st;
  if (cur().isKeyword("SHOW")) {
    st.queries.push_back(parseShow());
    finishSchemaStatement();
    return st;
  }
  auto c = std::make_shared<SchemaCommand>(cur().isKeyword("DROP") ? parseDropSchema()
                                                                   : parseCreateSchema());
  st.schema = std::move(c);
  finishSchemaStatement();
  return st;
}

void Parser::finishSchemaStatement() {
  bool terminated = acceptSym(";");
  if (cur().kind == TokKind::End) return;
  if (terminated || cur().isSymbol(";"))
    syntaxError(cur().pos, "Only one statement can be run at a time: unexpected text after ';'");
  errorExpected(follow_ + "';' or the end of the query");
}

// CREATE [RANGE] INDEX [name] [IF NOT EXISTS] FOR (n:L) ON (n.p, ...)
// CREATE [RANGE] INDEX [name] [IF NOT EXISTS] FOR ()-[r:T]-() ON (r.a, ...)
// CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (n:L) REQUIRE n.p IS UNIQUE
// CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (n:L) REQUIRE (n.p, ...) IS UNIQUE
SchemaCommand Parser::parseCreateSchema() {
  SchemaCommand c;
  c.pos = cur().pos;
  advance();  // CREATE
  if (isIndexKind(cur())) {
    if (!cur().isKeyword("RANGE"))
      syntaxError(cur().pos, lex::describe(cur(), src_) +
                                 " indexes are not supported by silkgraph (CREATE INDEX makes "
                                 "a range index)");
    advance();
  }
  const bool constraint = cur().isKeyword("CONSTRAINT");
  c.kind = constraint ? SchemaCommand::Kind::CreateConstraint : SchemaCommand::Kind::CreateIndex;
  advance();  // INDEX / CONSTRAINT
  if (cur().isKeyword("ON"))
    syntaxError(cur().pos,
                "Invalid input 'ON': CREATE INDEX ON :Label(property) is Neo4j 4 syntax; write "
                "CREATE INDEX FOR (n:Label) ON (n.property)");
  if (!cur().isKeyword("FOR") && !(cur().isKeyword("IF") && at(1).isKeyword("NOT"))) {
    c.namePos = cur().pos;
    c.name = parseSchemaName(constraint ? "a constraint name, IF NOT EXISTS or FOR"
                                        : "an index name, IF NOT EXISTS or FOR");
  }
  if (acceptKw("IF")) {
    expectKw("NOT");
    expectKw("EXISTS");
    c.ifExists = true;
  }
  follow_ = c.name.empty() && !c.ifExists ? "a name, IF NOT EXISTS or " : "";
  expectKw("FOR");
  follow_.clear();
  std::string var;
  parseSchemaPattern(c, var);
  if (!constraint) {
    expectKw("ON");
    c.propertiesPos = cur().pos;
    expectSym("(");
    do c.properties.push_back(parseSchemaProperty(var));
    while (acceptSym(","));
    expectSym(")");
  } else {
    if (cur().isKeyword("ASSERT"))
      syntaxError(cur().pos,
                  "Invalid input 'ASSERT': CREATE CONSTRAINT ... ASSERT is Neo4j 4 syntax; write "
                  "REQUIRE n.property IS UNIQUE");
    expectKw("REQUIRE");
    c.propertiesPos = cur().pos;
    if (acceptSym("(")) {
      do c.properties.push_back(parseSchemaProperty(var));
      while (acceptSym(","));
      expectSym(")");
    } else {
      c.properties.push_back(parseSchemaProperty(var));
    }
    SourcePos isPos = cur().pos;
    expectKw("IS");
    if (cur().isKeyword("NODE") || cur().isKeyword("REL") || cur().isKeyword("RELATIONSHIP")) {
      if (cur().isKeyword("NODE") && at(1).isKeyword("KEY"))
        syntaxError(isPos,
                    "node key constraints (IS NODE KEY) are not supported by silkgraph; "
                    "IS UNIQUE is");
      advance();  // IS NODE UNIQUE / IS RELATIONSHIP UNIQUE (Neo4j 5.7 on)
    }
    if (cur().isKeyword("NOT") || cur().isSymbol("::"))
      syntaxError(isPos,
                  "property existence and type constraints are not supported by "
                  "silkgraph; IS UNIQUE is");
    if (!acceptKw("UNIQUE")) errorExpected("UNIQUE");
  }
  if (cur().isKeyword("OPTIONS"))
    syntaxError(cur().pos, "OPTIONS is not supported by silkgraph: indexes have no options");
  return c;
}

// (n:Label) or ()-[r:TYPE]-() with -> or <- as Neo4j accepts; `var` receives the variable.
void Parser::parseSchemaPattern(SchemaCommand& c, std::string& var) {
  expectSym("(");
  if (!cur().isSymbol(")")) {
    var = parseVariable("a variable, as in FOR (n:Label)");
    expectSym(":");
    c.targetPos = cur().pos;
    c.target = parseSchemaName("a label after ':'");
    if (cur().isSymbol(":") || cur().isSymbol("&") || cur().isSymbol("|"))
      syntaxError(cur().pos, "an index or constraint is on one label");
    expectSym(")");
    return;
  }
  advance();  // ')'
  c.relationship = true;
  const bool left = acceptSym("<");  // ()<-[r:T]-()
  expectSym("-");
  expectSym("[");
  var = parseVariable("a variable, as in ()-[r:TYPE]-()");
  expectSym(":");
  c.targetPos = cur().pos;
  c.target = parseSchemaName("a relationship type after ':'");
  if (cur().isSymbol("|") || cur().isSymbol(":"))
    syntaxError(cur().pos, "an index is on one relationship type");
  expectSym("]");
  expectSym("-");
  if (!left) acceptSym(">");
  expectSym("(");
  expectSym(")");
}

// var.property, with `var` the pattern's variable.
std::string Parser::parseSchemaProperty(const std::string& var) {
  SourcePos at = cur().pos;
  std::string v = parseVariable("a property, as in n.name");
  if (v != var)
    throw Error(ErrorKind::SemanticError,
                "Variable `" + v + "` not defined (the pattern names `" + var + "`)", at,
                "UndefinedVariable");
  expectSym(".");
  return parseSchemaName("a property name after '.'");
}

// DROP INDEX name [IF EXISTS], DROP CONSTRAINT name [IF EXISTS]
SchemaCommand Parser::parseDropSchema() {
  SchemaCommand c;
  c.pos = cur().pos;
  advance();  // DROP
  if (acceptKw("INDEX")) {
    c.kind = SchemaCommand::Kind::DropIndex;
  } else if (acceptKw("CONSTRAINT")) {
    c.kind = SchemaCommand::Kind::DropConstraint;
  } else {
    errorExpected("INDEX or CONSTRAINT after DROP");
  }
  const bool index = c.kind == SchemaCommand::Kind::DropIndex;
  if (cur().isKeyword("ON") || cur().isSymbol("("))
    syntaxError(cur().pos, std::string("Invalid input '") + lex::describe(cur(), src_) +
                               "': DROP " + (index ? "INDEX" : "CONSTRAINT") +
                               " takes a name (SHOW " + (index ? "INDEXES" : "CONSTRAINTS") +
                               " lists them)");
  c.namePos = cur().pos;
  c.name = parseSchemaName(index ? "an index name" : "a constraint name");
  follow_ = "IF EXISTS, ";
  if (acceptKw("IF")) {
    expectKw("EXISTS");
    c.ifExists = true;
    follow_.clear();
  }
  return c;
}

// SHOW [ALL | RANGE] INDEX[ES] / SHOW [ALL | UNIQUE | UNIQUENESS] CONSTRAINT[S], then
// [YIELD ...] [WHERE ...] and the clauses that may follow a CALL.
SingleQuery Parser::parseShow() {
  SourcePos pos = cur().pos;
  advance();  // SHOW
  Clause c(ClauseKind::Call, pos);
  if (cur().isKeyword("ALL") || cur().isKeyword("RANGE") || cur().isKeyword("UNIQUE") ||
      cur().isKeyword("UNIQUENESS")) {
    if (cur().isKeyword("RANGE") && at(1).isKeyword("CONSTRAINTS")) errorExpected("INDEXES");
    advance();
  }
  c.procedurePos = cur().pos;
  if (acceptKw("INDEX") || acceptKw("INDEXES")) {
    c.procedure = "db.indexes";
  } else if (acceptKw("CONSTRAINT") || acceptKw("CONSTRAINTS")) {
    c.procedure = "db.constraints";
  } else {
    errorExpected("INDEXES or CONSTRAINTS after SHOW (other SHOW commands are not supported)");
  }
  follow_ = "YIELD, WHERE, ";
  if (acceptKw("YIELD")) {
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
  }
  if (acceptKw("WHERE")) {
    if (!c.hasYield) {
      c.hasYield = true;
      c.yieldStar = true;
    }
    c.where = parseExpr();
  }
  SingleQuery q;
  q.clauses.push_back(std::move(c));
  follow_ = "RETURN, ";
  while (atClauseStart()) q.clauses.push_back(parseClause());
  return q;
}

}  // namespace silkgraph::parsing
