// Long literals (issue 10 D10): a string literal is copied a run of plain characters at a
// time and shared with the literal's Value, a long list literal does not re-copy its tokens;
// the results and the line:col of everything after them stay exact (multi-byte characters,
// escapes and line breaks inside the string); a column named by a long expression's text is
// one shared string (SharedString) from the parser to the results.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/shared_string.h"
#include "main/database.h"
#include "main/value.h"
#include "query/parser/lexer.h"

namespace silkgraph {
namespace {

TEST(LongLiteralTest, StringTokenKeepsColumnsAndEscapes) {
  auto toks = lex::tokenize("RETURN 'Қазақстан 대한민국\\t\\u00e9' + \"a\nb\" , x");
  ASSERT_EQ(toks[1].kind, lex::TokKind::String);
  EXPECT_EQ(*toks[1].str, "Қазақстан 대한민국\t\u00e9");
  EXPECT_EQ(*toks[3].str, "a\nb");
  // After the string with a line break: line 2, and columns count code points.
  EXPECT_EQ(toks[4].pos.line, 2u);
  EXPECT_EQ(toks[4].pos.col, 4u);  // the ','
  EXPECT_EQ(toks[1].pos.col, 8u);
  EXPECT_EQ(toks[2].pos.col, 33u);  // '+': the quote at 8, 22 code points, the closing quote
}

TEST(LongLiteralTest, UnterminatedAndBadEscapeStillPlaced) {
  try {
    lex::tokenize("RETURN 'abc");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.pos().col, 8u);
  }
  try {
    lex::tokenize("RETURN 'Қазақ\\q'");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.pos().col, 14u);  // the backslash, after 5 Kazakh letters
  }
}

TEST(LongLiteralTest, TenMegabyteStringAndLongList) {
  Database db;
  std::string big(10'000'000, 'a');
  big[5'000'000] = '\\';
  big[5'000'001] = 'n';
  auto r = db.execute("RETURN size('" + big + "') AS n, 1 AS one");
  EXPECT_EQ(r.rows[0][0].asInt(), 9'999'999);
  std::string list = "RETURN size([";
  for (int i = 0; i < 200'000; ++i) list += (i ? ", " : "") + std::to_string(i);
  list += "]) AS n";
  EXPECT_EQ(db.execute(list).rows[0][0].asInt(), 200'000);
  try {
    db.execute("RETURN '" + big + "' + x");
    FAIL();
  } catch (const Error& e) {
    // x is undefined: placed after the 10,000,000 characters of the literal (\n is an escape).
    EXPECT_EQ(e.kind(), ErrorKind::SemanticError);
    EXPECT_EQ(e.pos().line, 1u);
    EXPECT_EQ(e.pos().col, 10'000'013u);
  }
}

TEST(LongLiteralTest, ListsOfLiteralsAreOneValueAndMeanTheSame) {
  Database db;
  auto r = db.execute(
      "WITH 5 AS x RETURN [1, 2.5, 'a', null, true] AS lits, [1, x, 'b'] AS mixed, "
      "[x, 1] AS first, [[1, 2], [3]] AS nested, size([1, 2, 3]) AS n, 2 IN [1, 2] AS found");
  EXPECT_EQ(toCypherText(r.rows[0][0], db.graph()), "[1, 2.5, 'a', null, true]");
  EXPECT_EQ(toCypherText(r.rows[0][1], db.graph()), "[1, 5, 'b']");
  EXPECT_EQ(toCypherText(r.rows[0][2], db.graph()), "[5, 1]");
  EXPECT_EQ(toCypherText(r.rows[0][3], db.graph()), "[[1, 2], [3]]");
  EXPECT_EQ(r.rows[0][4].asInt(), 3);
  EXPECT_TRUE(r.rows[0][5].asBool());
  // ORDER BY may repeat a projected list literal.
  auto o = db.execute("UNWIND [2, 1] AS x RETURN x, [1, 2] AS l ORDER BY [1, 2], x");
  EXPECT_EQ(o.rows[0][0].asInt(), 1);
  // An error after literal elements is still placed exactly.
  try {
    db.execute("RETURN [1, 2, y, 3]");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::SemanticError);
    EXPECT_EQ(e.pos().col, 15u);
  }
}

// Memory per token is bounded (a million-element list literal is two million tokens), and the
// token vector is reserved once from the text: no growth (and no copy) for a long list, no
// reservation for a long string literal.
TEST(LongLiteralTest, TokensAreSmallAndReservedOnce) {
  static_assert(sizeof(lex::Token) <= 72, "a token's size multiplies with a list's length");
  std::string list = "RETURN [";
  for (int i = 0; i < 300'000; ++i) list += (i ? ", " : "") + std::to_string(i);
  list += "] AS l";
  auto toks = lex::tokenize(list);
  EXPECT_EQ(toks.size(), 600'005u);
  EXPECT_GE(toks.capacity(), toks.size());
  EXPECT_LE(toks.capacity(), toks.size() + 100);  // reserved once, never grown (doubled)
  auto one = lex::tokenize("RETURN '" + std::string(1'000'000, ',') + "' AS s");
  EXPECT_EQ(one.size(), 5u);
  EXPECT_LE(one.capacity(), 100u);  // the commas inside the literal are not tokens
}

TEST(LongLiteralTest, TokenTextViewsTheSourceOrItsUnescapedName) {
  auto toks = lex::tokenize("MATCH (`a``b`:`Nation`) RETURN $`p``q`, `a``b`.id, 12, 1.5e3");
  EXPECT_EQ(toks[2].kind, lex::TokKind::QuotedIdent);
  EXPECT_EQ(toks[2].text, "a`b");
  EXPECT_EQ(toks[4].text, "Nation");
  EXPECT_EQ(toks[7].kind, lex::TokKind::Parameter);
  EXPECT_EQ(toks[7].text, "p`q");
  EXPECT_EQ(toks[13].intMagnitude, 12u);
  EXPECT_EQ(toks[15].floatValue, 1500.0);
  Database db;
  auto r =
      db.execute("WITH 7 AS `a``b` RETURN `a``b` AS v, $`p``q` AS p", {{"p`q", Value(int64_t{3})}});
  EXPECT_EQ(r.rows[0][0].asInt(), 7);
  EXPECT_EQ(r.rows[0][1].asInt(), 3);
  // Without an alias the column is the source text of the expression.
  EXPECT_EQ(db.execute("RETURN 1 + 2, 3 AS three").columns,
            (std::vector<std::string>{"1 + 2", "three"}));
}

// A column without an alias is named by its expression's text, as long as the literal in it:
// one shared string from the parser to every result (issue 10, D10: it was copied nine times
// on its way, 890 MB for a 100 MB literal).
TEST(LongLiteralTest, UnaliasedColumnNameIsOneSharedString) {
  Database db;
  const std::string lit = "'" + std::string(1'000'000, 'k') + "'";
  PreparedQuery q = db.prepare("RETURN size(" + lit + "), " + lit + ", 1 AS one");
  QueryResult a = db.execute(q), b = db.execute(q);
  ASSERT_EQ(a.columns.size(), 3u);
  EXPECT_EQ(a.columns[0], "size(" + lit + ")");
  EXPECT_EQ(a.columns[1].str(), lit);
  EXPECT_EQ(a.rows[0][0].asInt(), 1'000'000);
  EXPECT_EQ(a.rows[0][1].asString().size(), 1'000'000u);
  // Both runs' names are the parser's one string, not copies of it.
  EXPECT_TRUE(a.columns[0].sharesWith(b.columns[0]));
  EXPECT_TRUE(a.columns[1].sharesWith(b.columns[1]));
  // ORDER BY, DISTINCT, UNION and the "did you mean" of an undefined variable see the long name
  // as before.
  auto o = db.execute("UNWIND [2, 1] AS x RETURN DISTINCT x, size(" + lit + ") ORDER BY x");
  EXPECT_EQ(o.rows[0][0].asInt(), 1);
  EXPECT_EQ(o.columns[1], "size(" + lit + ")");
  auto u = db.execute("RETURN size(" + lit + ") UNION RETURN size(" + lit + ")");
  EXPECT_EQ(u.rows.size(), 1u);
  EXPECT_THROW(db.execute("RETURN size(" + lit + ") UNION RETURN size('k')"), Error);
  auto g = db.execute("UNWIND [1, 1, 2] AS x RETURN x, size(" + lit + "), count(*) AS c " +
                      "ORDER BY count(*) DESC, x");
  EXPECT_EQ(g.rows[0][2].asInt(), 2);
  try {
    db.execute("RETURN size(" + lit + ") ORDER BY y");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.detail(), "UndefinedVariable");
    // The long name is shown by its start: the message does not carry the literal.
    const std::string message = e.what();
    EXPECT_NE(message.find("in scope: size('kkk"), std::string::npos);
    EXPECT_NE(message.find("kkk…"), std::string::npos);
    EXPECT_LT(message.size(), 400u);
  }
}

// A statement of a script held shared (the shell's -f and :source): the unaliased column names
// are parts of the script itself, so a long literal is held twice (the script, its value), not
// three times.
TEST(LongLiteralTest, ColumnNamesOfASharedScriptArePartsOfIt) {
  Database db;
  const std::string lit = "'" + std::string(1'000'000, 'k') + "'";
  auto script = std::make_shared<const std::string>("RETURN 1;\nRETURN size(" + lit + "), " + lit +
                                                    ", 1 AS one;\n");
  const std::string_view statement =
      std::string_view(*script).substr(10, script->size() - 12);  // without ";\n"
  PreparedQuery q = db.prepare(script, statement);
  EXPECT_EQ(q.text(), "");
  QueryResult r = db.execute(q);
  ASSERT_EQ(r.columns.size(), 3u);
  EXPECT_EQ(r.columns[0], "size(" + lit + ")");
  EXPECT_EQ(r.columns[1], lit);
  EXPECT_EQ(r.columns[2], "one");
  EXPECT_EQ(r.columns[0].view().data(), script->data() + 17);  // "RETURN 1;\nRETURN " is 17
  EXPECT_TRUE(r.columns[0].sharesWith(r.columns[1]));
  // The result keeps the script alive after everyone else let go of it.
  q = PreparedQuery();
  script.reset();
  EXPECT_EQ(r.columns[1].size(), lit.size());
  EXPECT_EQ(r.columns[1].view().back(), '\'');
}

TEST(LongLiteralTest, SharedStringReadsAsAString) {
  SharedString empty, a("abc"), b(std::string("abc")), c(std::string_view("abd"));
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.str(), "");
  EXPECT_EQ(empty, SharedString(""));
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a.sharesWith(b));
  SharedString copy = a;
  EXPECT_TRUE(copy.sharesWith(a));
  EXPECT_TRUE(a < c);
  EXPECT_EQ(a, "abc");
  EXPECT_EQ(a, std::string("abc"));
  EXPECT_NE(a, std::string_view("ab"));
  const std::string_view ref = a;
  EXPECT_EQ(ref.size(), 3u);
  // A part of a shared text: no copy, equal to the same characters, keeps the text alive.
  auto text = std::make_shared<const std::string>("RETURN x, abc");
  SharedString part(text, std::string_view(*text).substr(10, 3));
  SharedString other(text, std::string_view(*text).substr(7, 1));
  EXPECT_EQ(part, a);
  EXPECT_EQ(part.view().data(), text->data() + 10);
  EXPECT_TRUE(part.sharesWith(other));
  EXPECT_NE(part, other);
  EXPECT_TRUE(part < other);  // "abc" < "x"
  text.reset();
  EXPECT_EQ(part.str(), "abc");
  EXPECT_TRUE(SharedString(nullptr, std::string_view()).empty());
  std::vector<SharedString> columns{"x", "y"};
  EXPECT_EQ(columns, (std::vector<std::string>{"x", "y"}));
  EXPECT_NE(columns, (std::vector<std::string>{"x"}));
}

}  // namespace
}  // namespace silkgraph
