// Long literals (issue 10 D10): a string literal is copied a run of plain characters at a
// time and shared with the literal's Value, a long list literal does not re-copy its tokens;
// the results and the line:col of everything after them stay exact (multi-byte characters,
// escapes and line breaks inside the string).
#include <gtest/gtest.h>

#include <string>

#include "main/database.h"
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

}  // namespace
}  // namespace silkgraph
