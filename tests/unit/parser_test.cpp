// Parser tests: each construct's AST (printed as a compact S-expression so expectations are
// readable), source positions, error messages with their positions, statement splitting,
// and a sweep over every query of the openCypher TCK extract.
#include "query/parser/parser.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "query/parser/lexer.h"
#include "query/parser/statement_splitter.h"

namespace silkgraph {
namespace {

using namespace ast;

std::string dumpPattern(const Pattern& p);

const char* opName(Op op) {
  switch (op) {
    case Op::Not:
      return "not";
    case Op::Negate:
      return "neg";
    case Op::Plus:
      return "pos";
    case Op::IsNull:
      return "isnull";
    case Op::IsNotNull:
      return "isnotnull";
    case Op::Or:
      return "or";
    case Op::Xor:
      return "xor";
    case Op::And:
      return "and";
    case Op::Eq:
      return "=";
    case Op::Neq:
      return "<>";
    case Op::Lt:
      return "<";
    case Op::Le:
      return "<=";
    case Op::Gt:
      return ">";
    case Op::Ge:
      return ">=";
    case Op::Add:
      return "+";
    case Op::Sub:
      return "-";
    case Op::Mul:
      return "*";
    case Op::Div:
      return "/";
    case Op::Mod:
      return "%";
    case Op::Pow:
      return "^";
    case Op::In:
      return "in";
    case Op::StartsWith:
      return "startswith";
    case Op::EndsWith:
      return "endswith";
    case Op::Contains:
      return "contains";
    case Op::RegexMatch:
      return "=~";
    case Op::All:
      return "all";
    case Op::Any:
      return "any";
    case Op::None:
      return "none";
    case Op::Single:
      return "single";
    case Op::NoOp:
      return "noop";
  }
  return "?";
}

std::string literalText(const Value& v) {
  return v.isNull()                       ? "null"
         : v.type() == Value::Type::Bool  ? (v.asBool() ? "true" : "false")
         : v.type() == Value::Type::Int   ? std::to_string(v.asInt())
         : v.type() == Value::Type::Float ? "f" + std::to_string(v.asFloat())
                                          : "'" + v.asString() + "'";
}

std::string dump(const Expr* e) {
  if (!e) return "_";
  std::string s;
  auto kids = [&](size_t from = 0) {
    for (size_t i = from; i < e->children.size(); ++i) s += " " + dump(e->children[i].get());
  };
  switch (e->kind) {
    case ExprKind::Literal:
      return literalText(e->value);
    case ExprKind::Parameter:
      return "$" + e->name;
    case ExprKind::Variable:
      return e->name;
    case ExprKind::Property:
      return "(. " + dump(e->children[0].get()) + " " + e->name + ")";
    case ExprKind::ListLiteral:
      s = "[list";
      if (e->folded) {  // literals only: one list value
        for (const Value& v : e->value.asList()) s += " " + literalText(v);
      } else {
        kids();
      }
      return s + "]";
    case ExprKind::MapLiteral:
      s = "{map";
      for (size_t i = 0; i < e->keys.size(); ++i)
        s += " " + e->keys[i] + ":" + dump(e->children[i].get());
      return s + "}";
    case ExprKind::Unary:
    case ExprKind::Binary:
      s = std::string("(") + opName(e->op);
      kids();
      return s + ")";
    case ExprKind::FunctionCall:
      s = "(call " + e->name + (e->distinct ? " distinct" : "");
      kids();
      return s + ")";
    case ExprKind::CountStar:
      return "(count*)";
    case ExprKind::Case:
      s = std::string("(case") + (e->hasSubject ? " subj" : "") + (e->hasElse ? " else" : "");
      kids();
      return s + ")";
    case ExprKind::ListComprehension:
      return "(listcomp " + e->name + " " + dump(e->children[0].get()) + " " +
             dump(e->where.get()) + " " + dump(e->projection.get()) + ")";
    case ExprKind::PatternComprehension:
      return "(patcomp " + dumpPattern(*e->pattern) + " " + dump(e->where.get()) + " " +
             dump(e->projection.get()) + ")";
    case ExprKind::Quantifier:
      return std::string("(") + opName(e->op) + " " + e->name + " " + dump(e->children[0].get()) +
             " " + dump(e->where.get()) + ")";
    case ExprKind::Reduce:
      s = "(reduce " + e->name + " " + e->name2;
      kids();
      return s + ")";
    case ExprKind::ExistsSubquery:
      return "(exists " + dumpPattern(*e->pattern) + " " + dump(e->where.get()) + ")";
    case ExprKind::PatternPredicate:
      return "(pattern " + dumpPattern(*e->pattern) + ")";
    case ExprKind::Index:
      s = "(index";
      kids();
      return s + ")";
    case ExprKind::Slice:
      s = std::string("(slice") + (e->hasFrom ? " from" : "") + (e->hasTo ? " to" : "");
      kids();
      return s + ")";
    case ExprKind::LabelCheck: {
      s = "(labels " + dump(e->children[0].get());
      for (auto& l : e->labels) s += " :" + l;
      return s + ")";
    }
    case ExprKind::MapProjection: {
      s = "(mapproj " + e->name;
      for (auto& m : e->mapItems) {
        switch (m.kind) {
          case MapProjectionItem::Kind::Property:
            s += " ." + m.key;
            break;
          case MapProjectionItem::Kind::AllProperties:
            s += " .*";
            break;
          case MapProjectionItem::Kind::Literal:
            s += " " + m.key + ":" + dump(m.expr.get());
            break;
          case MapProjectionItem::Kind::Variable:
            s += " " + m.key;
            break;
        }
      }
      return s + ")";
    }
  }
  return "?";
}

std::string dumpNode(const NodePattern& n) {
  std::string s = "(" + n.var;
  for (auto& l : n.labels) s += ":" + l;
  if (n.properties) s += " " + dump(n.properties.get());
  return s + ")";
}

std::string dumpPattern(const Pattern& p) {
  std::string s;
  for (size_t k = 0; k < p.parts.size(); ++k) {
    const PatternPart& part = p.parts[k];
    if (k) s += ", ";
    if (!part.pathVar.empty()) s += part.pathVar + "=";
    if (part.kind == PatternPart::Kind::Shortest) s += "shortest:";
    if (part.kind == PatternPart::Kind::AllShortest) s += "allshortest:";
    s += dumpNode(part.nodes[0]);
    for (size_t i = 0; i < part.rels.size(); ++i) {
      const RelPattern& r = part.rels[i];
      s += r.direction == RelDirection::Left ? "<-[" : "-[";
      s += r.var;
      for (size_t t = 0; t < r.types.size(); ++t) s += (t ? "|" : ":") + r.types[t];
      if (r.varLength) s += "*" + std::to_string(r.minHops) + ".." + std::to_string(r.maxHops);
      if (r.properties) s += " " + dump(r.properties.get());
      s += r.direction == RelDirection::Right ? "]->" : "]-";
      s += dumpNode(part.nodes[i + 1]);
    }
  }
  return s;
}

// The expression of `RETURN <expr>`.
std::string expr(const std::string& e) {
  Statement st = parseStatement("RETURN " + e);
  return dump(st.queries[0].clauses[0].projection.items[0].expr.get());
}

std::string pattern(const std::string& p) {
  Statement st = parseStatement("MATCH " + p + " RETURN 1");
  return dumpPattern(st.queries[0].clauses[0].pattern);
}

Error syntaxError(const std::string& q) {
  try {
    parseStatement(q);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::SyntaxError) << q;
    return e;
  }
  ADD_FAILURE() << "no syntax error for: " << q;
  return Error(ErrorKind::InternalError, "none");
}

std::string posOf(const Error& e) {
  return std::to_string(e.pos().line) + ":" + std::to_string(e.pos().col);
}

// ---------------------------------------------------------------- literals

TEST(ParserLiterals, Numbers) {
  EXPECT_EQ(expr("42"), "42");
  EXPECT_EQ(expr("0x1F"), "31");
  EXPECT_EQ(expr("0o17"), "15");
  EXPECT_EQ(expr("-0x10"), "-16");
  EXPECT_EQ(expr("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(expr("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(expr("-0x8000000000000000"), "-9223372036854775808");
  EXPECT_EQ(expr("1.5"), "f1.500000");
  EXPECT_EQ(expr(".5"), "f0.500000");
  EXPECT_EQ(expr("1e3"), "f1000.000000");
  EXPECT_EQ(expr("1.5E-3"), "f0.001500");
  EXPECT_EQ(expr("-2.5"), "f-2.500000");
  EXPECT_EQ(expr("- 3"), "-3");
}

TEST(ParserLiterals, NumberErrors) {
  for (const char* q :
       {"RETURN 9223372036854775808", "RETURN -9223372036854775809", "RETURN 0x8000000000000000",
        "RETURN 0o1000000000000000000000", "RETURN 99999999999999999999999"}) {
    Error e = syntaxError(q);
    EXPECT_EQ(e.detail(), "IntegerOverflow") << q;
    EXPECT_EQ(posOf(e), "1:8") << q;
  }
  EXPECT_EQ(syntaxError("RETURN 0x").detail(), "InvalidNumberLiteral");
  EXPECT_EQ(syntaxError("RETURN 12ab").detail(), "InvalidNumberLiteral");
  EXPECT_EQ(syntaxError("RETURN 0x1G").detail(), "InvalidNumberLiteral");
  EXPECT_EQ(syntaxError("RETURN 1.34E999").detail(), "FloatingPointOverflow");
  // Not where an expression is expected: just unexpected input.
  EXPECT_EQ(syntaxError("RETURN {1B2c: 1}").detail(), "UnexpectedSyntax");
}

TEST(ParserLiterals, Strings) {
  EXPECT_EQ(expr("'abc'"), "'abc'");
  EXPECT_EQ(expr("\"it's\""), "'it's'");
  EXPECT_EQ(expr(R"('a\\b\'c\"d')"), R"('a\b'c"d')");
  EXPECT_EQ(expr(R"('\n\t\r')"), "'\n\t\r'");
  EXPECT_EQ(expr(R"('\u00e9')"), "'\xC3\xA9'");
  EXPECT_EQ(expr(R"('\U0001F600')"), "'\xF0\x9F\x98\x80'");
  EXPECT_EQ(expr(R"('\uD83D\uDE00')"), "'\xF0\x9F\x98\x80'");  // surrogate pair
  EXPECT_EQ(expr("'대한민국'"), "'대한민국'");
  EXPECT_EQ(expr("'line1\nline2'"), "'line1\nline2'");
}

TEST(ParserLiterals, StringErrors) {
  Error e = syntaxError(R"(RETURN 'a\qb')");
  EXPECT_EQ(posOf(e), "1:10");
  EXPECT_NE(std::string(e.what()).find("\\q"), std::string::npos);
  EXPECT_EQ(syntaxError(R"(RETURN '\uH')").detail(), "InvalidUnicodeLiteral");
  EXPECT_EQ(syntaxError(R"(RETURN '\uDE00')").detail(), "InvalidUnicodeLiteral");
  Error u = syntaxError("MATCH (n)\nRETURN 'abc");
  EXPECT_EQ(posOf(u), "2:8");
  EXPECT_NE(std::string(u.what()).find("Unterminated string"), std::string::npos);
}

TEST(ParserLiterals, BoolNullListMapParams) {
  EXPECT_EQ(expr("true"), "true");
  EXPECT_EQ(expr("FALSE"), "false");
  EXPECT_EQ(expr("Null"), "null");
  EXPECT_EQ(expr("[]"), "[list]");
  EXPECT_EQ(expr("[1, 'a', [null]]"), "[list 1 'a' [list null]]");
  EXPECT_EQ(expr("{}"), "{map}");
  EXPECT_EQ(expr("{a: 1, `b c`: 'x', match: true}"), "{map a:1 b c:'x' match:true}");
  EXPECT_EQ(expr("{``: null}"), "{map :null}");
  EXPECT_EQ(expr("$param"), "$param");
  EXPECT_EQ(expr("$0"), "$0");
  EXPECT_EQ(expr("$`a b`"), "$a b");
}

TEST(ParserLiterals, MalformedCollections) {
  for (const char* q :
       {"RETURN [, ]", "RETURN [[[]]", "RETURN {, }", "RETURN {1}", "RETURN {[]}", "RETURN {{}}",
        "RETURN {k: {k: {}}", "RETURN {k1.k: 1}", "RETURN {k1#k: 1}"})
    EXPECT_EQ(syntaxError(q).detail(), "UnexpectedSyntax") << q;
}

// ---------------------------------------------------------------- operators

TEST(ParserOperators, Precedence) {
  EXPECT_EQ(expr("a OR b XOR c AND NOT d"), "(or a (xor b (and c (not d))))");
  EXPECT_EQ(expr("NOT a = b"), "(not (= a b))");
  EXPECT_EQ(expr("a = b + 1"), "(= a (+ b 1))");
  EXPECT_EQ(expr("1 + 2 * 3 - 4 / 5 % 6"), "(- (+ 1 (* 2 3)) (% (/ 4 5) 6))");
  EXPECT_EQ(expr("2 ^ 3 ^ 2"), "(^ (^ 2 3) 2)");
  EXPECT_EQ(expr("-a ^ 2"), "(^ (neg a) 2)");
  EXPECT_EQ(expr("-2 ^ 2"), "(^ -2 2)");
  EXPECT_EQ(expr("- -a"), "(neg (neg a))");
  EXPECT_EQ(expr("+a"), "(pos a)");
  EXPECT_EQ(expr("-n.x"), "(neg (. n x))");
  EXPECT_EQ(expr("a + b IN c"), "(in (+ a b) c)");
  EXPECT_EQ(expr("a IN [1, 2] = true"), "(= (in a [list 1 2]) true)");
  EXPECT_EQ(expr("a STARTS WITH 'x' AND b ends with 'y' OR c CONTAINS 'z'"),
            "(or (and (startswith a 'x') (endswith b 'y')) (contains c 'z'))");
  EXPECT_EQ(expr("a =~ 'x.*'"), "(=~ a 'x.*')");
  EXPECT_EQ(expr("a.b IS NULL"), "(isnull (. a b))");
  EXPECT_EQ(expr("a IS NOT NULL AND b is null"), "(and (isnotnull a) (isnull b))");
  EXPECT_EQ(expr("NOT a IS NULL"), "(not (isnull a))");
  EXPECT_EQ(expr("(1 + 2) * 3"), "(* (+ 1 2) 3)");
  EXPECT_EQ(expr("a <> b"), "(<> a b)");
}

TEST(ParserOperators, ChainedComparison) {
  EXPECT_EQ(expr("a < b < c"), "(and (< a b) (< b c))");
  EXPECT_EQ(expr("1 <= x.v < 3 = y"), "(and (and (<= 1 (. x v)) (< (. x v) 3)) (= 3 y))");
}

TEST(ParserOperators, Postfix) {
  EXPECT_EQ(expr("n.name"), "(. n name)");
  EXPECT_EQ(expr("n.`the key`.x"), "(. (. n the key) x)");
  EXPECT_EQ(expr("n.count"), "(. n count)");
  EXPECT_EQ(expr("list[0]"), "(index list 0)");
  EXPECT_EQ(expr("list[1..3]"), "(slice from to list 1 3)");
  EXPECT_EQ(expr("list[1..]"), "(slice from list 1)");
  EXPECT_EQ(expr("list[..2]"), "(slice to list 2)");
  EXPECT_EQ(expr("list[..]"), "(slice list)");
  EXPECT_EQ(expr("{a: [1]}.a[0]"), "(index (. {map a:[list 1]} a) 0)");
  EXPECT_EQ(expr("n:A:B"), "(labels n :A :B)");
  EXPECT_EQ(expr("NOT n:A"), "(not (labels n :A))");
}

// ---------------------------------------------------------------- atoms

TEST(ParserAtoms, Functions) {
  EXPECT_EQ(expr("toUpper(n.name)"), "(call toUpper (. n name))");
  EXPECT_EQ(expr("count(*)"), "(count*)");
  EXPECT_EQ(expr("COUNT ( * )"), "(count*)");
  EXPECT_EQ(expr("count(DISTINCT x)"), "(call count distinct x)");
  EXPECT_EQ(expr("date('2024-11-04')"), "(call date '2024-11-04')");
  EXPECT_EQ(expr("rand()"), "(call rand)");
  EXPECT_EQ(expr("date.truncate('month', d)"), "(call date.truncate 'month' d)");
  EXPECT_EQ(expr("coalesce(a, b, 1)"), "(call coalesce a b 1)");
  EXPECT_EQ(expr("exists(n.prop)"), "(call exists (. n prop))");
}

TEST(ParserAtoms, Case) {
  EXPECT_EQ(expr("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END"), "(case else a 1 b 2 3)");
  EXPECT_EQ(expr("case x when 1 then 'one' end"), "(case subj x 1 'one')");
  EXPECT_EQ(syntaxError("RETURN CASE END").detail(), "UnexpectedSyntax");
}

TEST(ParserAtoms, Comprehensions) {
  EXPECT_EQ(expr("[x IN list WHERE x > 1 | x * 2]"), "(listcomp x list (> x 1) (* x 2))");
  EXPECT_EQ(expr("[x IN list | x]"), "(listcomp x list _ x)");
  EXPECT_EQ(expr("[x IN list WHERE x]"), "(listcomp x list x _)");
  EXPECT_EQ(expr("[(a)-->(b:B) WHERE b.x > 1 | b.name]"),
            "(patcomp (a)-[]->(b:B) (> (. b x) 1) (. b name))");
  EXPECT_EQ(expr("[p = (a)-[:T]-() | p]"), "(patcomp p=(a)-[:T]-() _ p)");
  // A list holding a pattern predicate is a list literal.
  EXPECT_EQ(expr("[(a)-->(b)]"), "[list (pattern (a)-[]->(b))]");
  EXPECT_EQ(expr("[a = 1]"), "[list (= a 1)]");
}

TEST(ParserAtoms, QuantifiersReduce) {
  EXPECT_EQ(expr("all(x IN l WHERE x > 0)"), "(all x l (> x 0))");
  EXPECT_EQ(expr("ANY(x IN l WHERE x)"), "(any x l x)");
  EXPECT_EQ(expr("none(x IN l WHERE x)"), "(none x l x)");
  EXPECT_EQ(expr("single(x IN l WHERE x)"), "(single x l x)");
  EXPECT_EQ(expr("reduce(acc = 0, x IN [1, 2] | acc + x)"),
            "(reduce acc x 0 [list 1 2] (+ acc x))");
}

TEST(ParserAtoms, PatternsInExpressions) {
  EXPECT_EQ(expr("(a)-->(b)"), "(pattern (a)-[]->(b))");
  EXPECT_EQ(expr("NOT (a)<-[:T]-(:B)"), "(not (pattern (a)<-[:T]-(:B)))");
  EXPECT_EQ(expr("(a)--()"), "(pattern (a)-[]-())");
  EXPECT_EQ(expr("(a) - (b)"), "(- a b)");
  EXPECT_EQ(expr("(a) < (b)"), "(< a b)");
  EXPECT_EQ(expr("(a)-1"), "(- a 1)");
  EXPECT_EQ(expr("(n:Person)"), "(labels n :Person)");
  EXPECT_EQ(expr("exists((a)-[:T]->())"), "(exists (a)-[:T]->() _)");
  EXPECT_EQ(expr("EXISTS { (a)-->(b) WHERE b.x = 1 }"), "(exists (a)-[]->(b) (= (. b x) 1))");
  EXPECT_EQ(expr("exists { MATCH (a)-->(b) }"), "(exists (a)-[]->(b) _)");
  Error e = syntaxError("MATCH (a) RETURN size((a)-->())");
  EXPECT_EQ(e.detail(), "UnexpectedSyntax");
  EXPECT_EQ(posOf(e), "1:23");
}

TEST(ParserAtoms, MapProjection) {
  EXPECT_EQ(expr("n {.name, .*, k: 1 + 2, other}"), "(mapproj n .name .* k:(+ 1 2) other)");
  EXPECT_EQ(expr("n{}"), "(mapproj n)");
}

TEST(ParserAtoms, KeywordsAsNames) {
  // Labels, types, keys and aliases may be keywords; variables may be quoted keywords.
  EXPECT_EQ(pattern("(n:Match)-[:RETURN]->(`end`)"), "(n:Match)-[:RETURN]->(end)");
  Statement st = parseStatement("RETURN 1 AS count, 2 AS `order`");
  EXPECT_EQ(st.queries[0].clauses[0].projection.items[0].alias, "count");
  EXPECT_EQ(st.queries[0].clauses[0].projection.items[1].alias, "order");
}

// ---------------------------------------------------------------- patterns

TEST(ParserPatterns, Nodes) {
  EXPECT_EQ(pattern("()"), "()");
  EXPECT_EQ(pattern("(n)"), "(n)");
  EXPECT_EQ(pattern("(:A:B)"), "(:A:B)");
  EXPECT_EQ(pattern("(n:Nation {id: 'KOR', n: 1})"), "(n:Nation {map id:'KOR' n:1})");
  Statement create = parseStatement("CREATE (n $props)-[:T $rel]->()");
  EXPECT_EQ(dumpPattern(create.queries[0].clauses[0].pattern), "(n $props)-[:T $rel]->()");
  for (const char* q : {"MATCH (n $param) RETURN n", "MATCH ()-[r:FOO $param]->() RETURN r",
                        "MERGE (n $param)", "MATCH (n) WHERE (n)-->({} ) OR (n)-->($p) RETURN n"}) {
    Error e = syntaxError(q);
    EXPECT_EQ(e.detail(), "InvalidParameterUse") << q;
  }
  EXPECT_EQ(posOf(syntaxError("MATCH (n $param) RETURN n")), "1:10");
  EXPECT_EQ(pattern("(`my node`:`My Label`)"), "(my node:My Label)");
  EXPECT_EQ(pattern("(a), (b)"), "(a), (b)");
}

TEST(ParserPatterns, Relationships) {
  EXPECT_EQ(pattern("(a)-->(b)"), "(a)-[]->(b)");
  EXPECT_EQ(pattern("(a)<--(b)"), "(a)<-[]-(b)");
  EXPECT_EQ(pattern("(a)--(b)"), "(a)-[]-(b)");
  EXPECT_EQ(pattern("(a)<-->(b)"), "(a)-[]-(b)");
  EXPECT_EQ(pattern("(a)-[r:T|U {k: 1}]->(b)"), "(a)-[r:T|U {map k:1}]->(b)");
  EXPECT_EQ(pattern("(a)-[:T|:U]-(b)"), "(a)-[:T|U]-(b)");
  EXPECT_EQ(pattern("(a)<-[r]-(b)-[s]->(c)"), "(a)<-[r]-(b)-[s]->(c)");
  EXPECT_EQ(pattern("(a) - [r] -> (b)"), "(a)-[r]->(b)");
}

TEST(ParserPatterns, VariableLength) {
  EXPECT_EQ(pattern("(a)-[*]->(b)"), "(a)-[*1..-1]->(b)");
  EXPECT_EQ(pattern("(a)-[*2]->(b)"), "(a)-[*2..2]->(b)");
  EXPECT_EQ(pattern("(a)-[*..3]->(b)"), "(a)-[*1..3]->(b)");
  EXPECT_EQ(pattern("(a)-[*2..]->(b)"), "(a)-[*2..-1]->(b)");
  EXPECT_EQ(pattern("(a)-[r:T*1..3]->(b)"), "(a)-[r:T*1..3]->(b)");
  EXPECT_EQ(pattern("(a)-[:T*0..]->(b)"), "(a)-[:T*0..-1]->(b)");
  EXPECT_EQ(pattern("(a)-[* 1 .. 2]->(b)"), "(a)-[*1..2]->(b)");
  EXPECT_EQ(syntaxError("MATCH (a)-[:LIKES..]->(c) RETURN c").detail(),
            "InvalidRelationshipPattern");
  Error e = syntaxError("MATCH (a)-[:LIKES*-2]->(c) RETURN c");
  EXPECT_EQ(e.detail(), "InvalidRelationshipPattern");
  EXPECT_EQ(posOf(e), "1:19");
}

TEST(ParserPatterns, PathsAndShortest) {
  EXPECT_EQ(pattern("p = (a)-->(b)"), "p=(a)-[]->(b)");
  EXPECT_EQ(pattern("p = shortestPath((a)-[*]-(b))"), "p=shortest:(a)-[*1..-1]-(b)");
  EXPECT_EQ(pattern("allShortestPaths((a)-[:T*]->(b))"), "allshortest:(a)-[:T*1..-1]->(b)");
  EXPECT_EQ(pattern("p = ((a)-->(b))"), "p=(a)-[]->(b)");
}

// ---------------------------------------------------------------- clauses

TEST(ParserClauses, MatchWhereReturn) {
  Statement st = parseStatement(
      "OPTIONAL MATCH (n:Nation)-[:BORDERS]->(m) WHERE n.id = 'KAZ' RETURN DISTINCT m.name AS "
      "name, count(*) ORDER BY name DESC, count(*) ASCENDING SKIP 1 LIMIT $lim;");
  ASSERT_EQ(st.queries.size(), 1u);
  auto& cl = st.queries[0].clauses;
  ASSERT_EQ(cl.size(), 2u);
  EXPECT_EQ(cl[0].kind, ClauseKind::Match);
  EXPECT_TRUE(cl[0].optional);
  EXPECT_EQ(dump(cl[0].where.get()), "(= (. n id) 'KAZ')");
  EXPECT_EQ(cl[1].kind, ClauseKind::Return);
  const Projection& p = cl[1].projection;
  EXPECT_TRUE(p.distinct);
  ASSERT_EQ(p.items.size(), 2u);
  EXPECT_EQ(p.items[0].alias, "name");
  EXPECT_EQ(p.items[0].text, "");  // kept only to name a column without an alias
  EXPECT_EQ(p.items[1].alias, "");
  EXPECT_EQ(p.items[1].text, "count(*)");
  ASSERT_EQ(p.orderBy.size(), 2u);
  EXPECT_TRUE(p.orderBy[0].descending);
  EXPECT_FALSE(p.orderBy[1].descending);
  EXPECT_EQ(dump(p.skip.get()), "1");
  EXPECT_EQ(dump(p.limit.get()), "$lim");
}

TEST(ParserClauses, ProjectionTextIsExactSource) {
  Statement st = parseStatement("RETURN a.x   +  1 , [x IN l | x] AS y,\n  toUpper( 'a' ) ");
  auto& items = st.queries[0].clauses[0].projection.items;
  EXPECT_EQ(items[0].text, "a.x   +  1");
  EXPECT_EQ(items[1].text, "");  // aliased: the text names no column (issue 10 D10)
  EXPECT_EQ(items[2].text, "toUpper( 'a' )");
}

TEST(ParserClauses, WithUnwindStar) {
  Statement st = parseStatement(
      "UNWIND [1, 2] AS x WITH DISTINCT *, x + 1 AS y ORDER BY y SKIP 0 LIMIT 5 WHERE y > 1 "
      "RETURN *");
  auto& cl = st.queries[0].clauses;
  ASSERT_EQ(cl.size(), 3u);
  EXPECT_EQ(cl[0].kind, ClauseKind::Unwind);
  EXPECT_EQ(cl[0].alias, "x");
  EXPECT_EQ(dump(cl[0].expr.get()), "[list 1 2]");
  EXPECT_EQ(cl[1].kind, ClauseKind::With);
  EXPECT_TRUE(cl[1].projection.distinct);
  EXPECT_TRUE(cl[1].projection.star);
  EXPECT_EQ(cl[1].projection.items.size(), 1u);
  EXPECT_EQ(dump(cl[1].projection.where.get()), "(> y 1)");
  EXPECT_TRUE(cl[2].projection.star);
  EXPECT_TRUE(cl[2].projection.items.empty());
}

TEST(ParserClauses, Writes) {
  Statement st = parseStatement(
      "CREATE (a:A {x: 1})-[:T]->(b), (c) "
      "MERGE (a)-[r:R]->(b) ON CREATE SET r.new = true ON MATCH SET r.seen = 1, a:Seen "
      "SET a.x = 2, a = {y: 1}, a += $m, a:L1:L2 "
      "REMOVE a.x, a:L1 "
      "DETACH DELETE a, b "
      "DELETE c");
  auto& cl = st.queries[0].clauses;
  ASSERT_EQ(cl.size(), 6u);
  EXPECT_EQ(cl[0].kind, ClauseKind::Create);
  EXPECT_EQ(dumpPattern(cl[0].pattern), "(a:A {map x:1})-[:T]->(b), (c)");
  EXPECT_EQ(cl[1].kind, ClauseKind::Merge);
  ASSERT_EQ(cl[1].onCreate.size(), 1u);
  ASSERT_EQ(cl[1].onMatch.size(), 2u);
  EXPECT_EQ(cl[1].onMatch[1].kind, SetItem::Kind::Labels);
  const auto& set = cl[2].setItems;
  ASSERT_EQ(set.size(), 4u);
  EXPECT_EQ(set[0].kind, SetItem::Kind::Property);
  EXPECT_EQ(dump(set[0].target.get()), "(. a x)");
  EXPECT_EQ(dump(set[0].value.get()), "2");
  EXPECT_EQ(set[1].kind, SetItem::Kind::ReplaceAll);
  EXPECT_EQ(set[2].kind, SetItem::Kind::MergeAll);
  EXPECT_EQ(dump(set[2].value.get()), "$m");
  EXPECT_EQ(set[3].kind, SetItem::Kind::Labels);
  EXPECT_EQ(set[3].labels, (std::vector<std::string>{"L1", "L2"}));
  const auto& rm = cl[3].removeItems;
  ASSERT_EQ(rm.size(), 2u);
  EXPECT_EQ(rm[0].kind, RemoveItem::Kind::Property);
  EXPECT_EQ(rm[1].kind, RemoveItem::Kind::Labels);
  EXPECT_TRUE(cl[4].detach);
  EXPECT_EQ(cl[4].deleteExprs.size(), 2u);
  EXPECT_FALSE(cl[5].detach);
}

TEST(ParserClauses, UnionExplainProfile) {
  Statement st =
      parseStatement("EXPLAIN RETURN 1 AS x UNION RETURN 2 AS x UNION ALL RETURN 3 AS x");
  EXPECT_TRUE(st.explain);
  EXPECT_FALSE(st.profile);
  ASSERT_EQ(st.queries.size(), 3u);
  EXPECT_EQ(st.unionAll, (std::vector<bool>{false, true}));
  EXPECT_TRUE(parseStatement("profile match (n) return n").profile);
}

TEST(ParserClauses, CaseInsensitiveKeywordsAndComments) {
  Statement st = parseStatement(
      "// leading comment\nmatch (n:Nation) /* block\n comment */ where n.x <> 1 return n // end");
  ASSERT_EQ(st.queries[0].clauses.size(), 2u);
  EXPECT_EQ(st.queries[0].clauses[0].pos.line, 2u);
}

TEST(ParserClauses, Call) {
  Statement st = parseStatement("CALL db.schema.nodeTypeProperties(1, $p) YIELD a AS b, c WHERE b");
  const Clause& c = st.queries[0].clauses[0];
  EXPECT_EQ(c.kind, ClauseKind::Call);
  EXPECT_EQ(c.procedure, "db.schema.nodeTypeProperties");
  EXPECT_EQ(c.procedurePos.col, 6u);
  EXPECT_FALSE(c.implicitArgs);
  ASSERT_EQ(c.args.size(), 2u);
  ASSERT_EQ(c.yields.size(), 2u);
  EXPECT_EQ(c.yields[0].column, "a");
  EXPECT_EQ(c.yields[0].alias, "b");
  EXPECT_EQ(c.yields[1].alias, "");
  EXPECT_TRUE(c.where != nullptr);
  const Statement implicitSt = parseStatement("CALL test.proc YIELD *");  // kept alive
  const Clause& implicit = implicitSt.queries[0].clauses[0];
  EXPECT_TRUE(implicit.implicitArgs);
  EXPECT_TRUE(implicit.yieldStar);
}

TEST(ParserClauses, Unsupported) {
  Error e = syntaxError("MATCH (n) CALL { RETURN 1 } RETURN 1");
  EXPECT_NE(std::string(e.what()).find("subqueries are not supported"), std::string::npos);
  EXPECT_EQ(posOf(e), "1:16");
  EXPECT_NE(std::string(syntaxError("FOREACH (x IN [1] | CREATE ())").what()).find("not supported"),
            std::string::npos);
}

// ---------------------------------------------------------------- positions

TEST(ParserPositions, ExpressionsPatternsClauses) {
  Statement st = parseStatement("MATCH (a:A)-[r]->(b)\nWHERE a.x > 1\n  RETURN a.x + 1 AS v");
  auto& cl = st.queries[0].clauses;
  EXPECT_EQ(cl[0].pos.line, 1u);
  EXPECT_EQ(cl[0].pos.col, 1u);
  const PatternPart& part = cl[0].pattern.parts[0];
  EXPECT_EQ(part.nodes[0].pos.col, 7u);
  EXPECT_EQ(part.rels[0].pos.col, 12u);
  EXPECT_EQ(part.nodes[1].pos.col, 18u);
  EXPECT_EQ(cl[0].where->pos.line, 2u);
  EXPECT_EQ(cl[0].where->pos.col, 7u);
  EXPECT_EQ(cl[0].where->children[1]->pos.col, 13u);
  EXPECT_EQ(cl[1].pos.line, 3u);
  EXPECT_EQ(cl[1].pos.col, 3u);
  EXPECT_EQ(cl[1].projection.items[0].expr->pos.col, 10u);
}

TEST(ParserPositions, ColumnsCountCodePoints) {
  Statement st = parseStatement("RETURN '대한민국' + x");
  const Expr* plus = st.queries[0].clauses[0].projection.items[0].expr.get();
  EXPECT_EQ(plus->children[1]->pos.col, 17u);
  Error e = syntaxError("RETURN '한국', ]");
  EXPECT_EQ(posOf(e), "1:14");
}

// ---------------------------------------------------------------- error messages

TEST(ParserErrors, MessagesNameTheInputAndExpectation) {
  Error e = syntaxError("RETRN 1");
  EXPECT_EQ(posOf(e), "1:1");
  std::string m = e.what();
  EXPECT_NE(m.find("Invalid input 'RETRN'"), std::string::npos) << m;
  EXPECT_NE(m.find("expected"), std::string::npos) << m;
  EXPECT_NE(m.find("RETURN"), std::string::npos) << m;
  EXPECT_NE(m.find("did you mean RETURN?"), std::string::npos) << m;
  // The keyword hint counts a swap of neighbours as one edit (common/text.h editDistance).
  std::string swapped = syntaxError("MATCH (n) WTIH n RETURN n").what();
  EXPECT_NE(swapped.find("did you mean WITH?"), std::string::npos) << swapped;
  std::string far = syntaxError("MATCH (n) WXYZ n RETURN n").what();
  EXPECT_EQ(far.find("did you mean"), std::string::npos) << far;

  Error end = syntaxError("MATCH (n) RETURN   \n");
  EXPECT_EQ(posOf(end), "1:17");
  EXPECT_NE(std::string(end.what()).find("Unexpected end of input"), std::string::npos);

  Error node = syntaxError("MATCH (n RETURN n");
  EXPECT_EQ(posOf(node), "1:10");
  EXPECT_NE(std::string(node.what()).find("Invalid input 'RETURN'"), std::string::npos);

  Error cmt = syntaxError("MATCH (n)\n  /* never closed\nRETURN n");
  EXPECT_EQ(posOf(cmt), "2:3");

  EXPECT_EQ(posOf(syntaxError("RETURN 1 != 2")), "1:10");
  EXPECT_EQ(posOf(syntaxError("RETURN 42 \xE2\x80\x94 41")), "1:11");
  EXPECT_EQ(syntaxError("RETURN 42 \xE2\x80\x94 41").detail(), "InvalidUnicodeCharacter");
  EXPECT_EQ(posOf(syntaxError("RETURN 1; RETURN 2")), "1:11");
  EXPECT_EQ(posOf(syntaxError("")), "1:1");
  EXPECT_EQ(posOf(syntaxError("MATCH (n) RETURN n WHERE n.x")), "1:20");
}

TEST(ParserErrors, FormatDrawsCaret) {
  std::string q = "MATCH (n)\nRETURN n.name AS, 1";
  try {
    parseStatement(q);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string f = e.format(q);
    EXPECT_EQ(f.substr(0, f.find('\n')), "2:17: SyntaxError: " + std::string(e.what()));
    EXPECT_NE(f.find("\nRETURN n.name AS, 1\n                ^"), std::string::npos) << f;
  }
}

TEST(ParserErrors, DeepNestingIsAnErrorNotACrash) {
  std::string deep(5000, '(');
  EXPECT_NE(std::string(syntaxError("RETURN " + deep + "1" + std::string(5000, ')')).what())
                .find("nested too deeply"),
            std::string::npos);
  std::string lists(5000, '[');
  syntaxError("RETURN " + lists);
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  syntaxError("RETURN " + nots + "true");
  std::string sum = "1";
  for (int i = 0; i < 100000; ++i) sum += "+1";
  syntaxError("RETURN " + sum);
  std::string props = "n";
  for (int i = 0; i < 5000; ++i) props += ".p";
  syntaxError("RETURN " + props);
  // Nested patterns that fail as patterns and are re-read as expressions: linear time, not
  // exponential (each level used to be parsed twice).
  std::string x = "1";
  for (int i = 0; i < 30; ++i) x = "(c)--(d {k: (a)--(b {k: " + x + "})} + 1)";
  EXPECT_NO_THROW(parseStatement("RETURN " + x));
  // Reasonable nesting is fine.
  EXPECT_NO_THROW(parseStatement("RETURN " + std::string(50, '(') + "1" + std::string(50, ')')));
  std::string ors = "x = 0";
  for (int i = 1; i < 200; ++i) ors += " OR x = " + std::to_string(i);
  EXPECT_NO_THROW(parseStatement("RETURN " + ors));
}

// ---------------------------------------------------------------- splitting

TEST(SplitStatements, SplitsOutsideStringsAndComments) {
  std::string script =
      "// header; not a statement\n"
      "MATCH (n) RETURN 'a;b' AS x;\n"
      "  RETURN `we;ird`, \"q\\\";\" /* ; */ ;\n"
      "/* only a comment */ ;\n"
      "RETURN 3";
  bool complete = true;
  auto parts = splitStatements(script, &complete);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].text, "MATCH (n) RETURN 'a;b' AS x");
  EXPECT_EQ(parts[0].start.line, 2u);
  EXPECT_EQ(parts[0].start.col, 1u);
  EXPECT_EQ(parts[1].text, "RETURN `we;ird`, \"q\\\";\"");
  EXPECT_EQ(parts[1].start.line, 3u);
  EXPECT_EQ(parts[1].start.col, 3u);
  EXPECT_EQ(parts[2].text, "RETURN 3");
  EXPECT_EQ(parts[2].start.line, 5u);
  EXPECT_FALSE(complete);  // no ';' after the last statement

  auto required = splitStatements(script, &complete, true);
  EXPECT_EQ(required.size(), 2u);
  EXPECT_FALSE(complete);

  splitStatements("RETURN 1;\n// trailing comment\n", &complete, true);
  EXPECT_TRUE(complete);
  splitStatements("RETURN 'abc;\n", &complete, true);
  EXPECT_FALSE(complete);
  splitStatements("RETURN 1; /* open", &complete, true);
  EXPECT_FALSE(complete);
  EXPECT_TRUE(splitStatements("  \n // nothing\n", &complete).empty());
  EXPECT_TRUE(complete);
}

TEST(SplitStatements, ErrorPositionsMapBackIntoTheScript) {
  std::string script = "RETURN 1;\n\n   MATCH (n)\nRETURN n.x +* 2;";
  auto parts = splitStatements(script);
  ASSERT_EQ(parts.size(), 2u);
  try {
    parseStatement(parts[1].text);
    FAIL() << "expected an error";
  } catch (Error& e) {
    EXPECT_EQ(posOf(e), "2:13");
    e.offsetPosition(parts[1].start.line - 1, parts[1].start.col - 1);
    EXPECT_EQ(posOf(e), "4:13");
    e.setFile("q.cypher");
    std::string f = e.format(script);
    EXPECT_EQ(f.substr(0, f.find('\n')), "q.cypher:4:13: SyntaxError: " + std::string(e.what()));
  }
  // An error on the statement's first line shifts by the column too.
  try {
    parseStatement(std::string(parts[1].text.substr(0, 6)) + "!");
    FAIL();
  } catch (Error& e) {
    e.offsetPosition(parts[1].start.line - 1, parts[1].start.col - 1);
    EXPECT_EQ(posOf(e), "3:10");
  }
  // An unterminated comment at the end is handed to the parser, which reports it.
  auto tail = splitStatements("RETURN 1;\n/* open");
  ASSERT_EQ(tail.size(), 2u);
  EXPECT_EQ(tail[1].start.line, 2u);
  EXPECT_THROW(parseStatement(tail[1].text), Error);
}

// ---------------------------------------------------------------- the TCK

// Every query of the TCK extract parses, except those expecting a SyntaxError (most of which
// are semantic checks made by the binder); RETURN column names equal the expected columns.
TEST(ParserTck, EveryScenarioQueryParses) {
  const char* dir = std::getenv("SILKGRAPH_SOURCE_DIR");
  std::string root = dir ? dir : SILKGRAPH_SOURCE_DIR;
  std::ifstream in(root + "/../shared/tck/tck-core.jsonl");
  if (!in) GTEST_SKIP() << "tck-core.jsonl not found";
  std::string line;
  int parsed = 0, expectedErrors = 0, raisedErrors = 0;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    std::string id = j["id"];
    std::vector<std::string> queries;
    for (auto& s : j["setup"]) queries.push_back(s);
    for (auto& c : j["control"]) queries.push_back(c["query"]);
    for (const std::string& q : queries) {
      try {
        parseStatement(q);
      } catch (const Error& e) {
        ADD_FAILURE() << id << " setup/control: " << e.format(q);
      }
    }
    const auto& ex = j["expect"];
    std::string q = j["query"];
    bool wantsSyntaxError = ex["kind"] == "error" && ex["error"] == "SyntaxError";
    try {
      Statement st = parseStatement(q);
      if (wantsSyntaxError) {
        ++expectedErrors;
        continue;
      }
      ++parsed;
      const Clause& last = st.queries.back().clauses.back();
      if (ex["kind"] == "rows" && last.kind == ClauseKind::Return && !last.projection.star) {
        std::vector<std::string> cols;
        for (auto& it : last.projection.items)
          cols.push_back(it.alias.empty() ? it.text.str() : it.alias);
        EXPECT_EQ(cols, ex["columns"].get<std::vector<std::string>>()) << id;
      }
    } catch (const Error& e) {
      if (wantsSyntaxError) {
        ++raisedErrors;
        // When the parser is the one that rejects it, the detail must agree with the TCK.
        EXPECT_EQ(e.detail(), ex["error_detail"].get<std::string>()) << id << ": " << e.what();
      } else {
        ADD_FAILURE() << id << ": " << e.format(q);
      }
    }
  }
  EXPECT_GE(parsed, 889);
  std::cout << "[ TCK parse ] " << parsed << " scenario queries parsed, " << raisedErrors
            << " SyntaxError scenarios rejected by the parser, " << expectedErrors
            << " left to the binder\n";
}

}  // namespace
}  // namespace silkgraph
