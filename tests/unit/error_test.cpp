// Error tests: kind names, the "FILE:line:col: Kind: message" form, the caret line under the
// offending column (display columns for wide characters, tabs kept), and position shifting.
#include "engine/error.h"

#include <gtest/gtest.h>

namespace silkgraph {
namespace {

TEST(ErrorTest, KindNames) {
  EXPECT_STREQ(errorKindName(ErrorKind::SyntaxError), "SyntaxError");
  EXPECT_STREQ(errorKindName(ErrorKind::SemanticError), "SemanticError");
  EXPECT_STREQ(errorKindName(ErrorKind::TypeError), "TypeError");
  EXPECT_STREQ(errorKindName(ErrorKind::ArgumentError), "ArgumentError");
  EXPECT_STREQ(errorKindName(ErrorKind::ParameterMissing), "ParameterMissing");
  EXPECT_STREQ(errorKindName(ErrorKind::EntityNotFound), "EntityNotFound");
  EXPECT_STREQ(errorKindName(ErrorKind::ConstraintVerificationFailed),
               "ConstraintVerificationFailed");
  EXPECT_STREQ(errorKindName(ErrorKind::LoadError), "LoadError");
  EXPECT_STREQ(errorKindName(ErrorKind::IOError), "IOError");
  EXPECT_STREQ(errorKindName(ErrorKind::Cancelled), "Cancelled");
  EXPECT_STREQ(errorKindName(ErrorKind::InternalError), "InternalError");
}

TEST(ErrorTest, HeaderOmitsUnknownParts) {
  Error plain(ErrorKind::TypeError, "bad type");
  EXPECT_EQ(plain.format(), "TypeError: bad type");
  EXPECT_EQ(plain.format("RETURN 1"), "TypeError: bad type");  // no position: no caret

  Error withPos(ErrorKind::SyntaxError, "oops", SourcePos{2, 5});
  EXPECT_EQ(withPos.format(), "2:5: SyntaxError: oops");

  Error withFile(ErrorKind::IOError, "cannot open");
  withFile.setFile("data/x.json");
  EXPECT_EQ(withFile.format(), "data/x.json: IOError: cannot open");

  Error both(ErrorKind::LoadError, "wrong type", SourcePos{3, 7}, "detail");
  both.setFile("nodes.csv");
  EXPECT_EQ(both.format(), "nodes.csv:3:7: LoadError: wrong type");
  EXPECT_EQ(both.detail(), "detail");
}

TEST(ErrorTest, LongLinesShowAWindowAroundTheColumn) {
  // A 300-character line with the error at column 200: 60 characters before it and 40 from it
  // on, cut with an ellipsis on both sides, and the caret still under the right character.
  std::string line(300, 'a');
  line[199] = 'X';
  Error e(ErrorKind::SyntaxError, "m", SourcePos{1, 200});
  std::string shown = "\u2026" + std::string(60, 'a') + "X" + std::string(39, 'a') + "\u2026";
  EXPECT_EQ(e.format(line), "1:200: SyntaxError: m\n" + shown + "\n" + std::string(61, ' ') + "^");
  // Near the start only the end is cut.
  Error early(ErrorKind::SyntaxError, "m", SourcePos{1, 3});
  EXPECT_EQ(early.format(line), "1:3: SyntaxError: m\n" + line.substr(0, 42) + "\u2026\n  ^");
  // A line that fits (up to 100 characters) is shown whole, even with the column near its end.
  std::string fits(100, 'b');
  Error late(ErrorKind::SyntaxError, "m", SourcePos{1, 95});
  EXPECT_EQ(late.format(fits), "1:95: SyntaxError: m\n" + fits + "\n" + std::string(94, ' ') + "^");
  // A short line is shown whole.
  Error shortLine(ErrorKind::SyntaxError, "m", SourcePos{1, 3});
  EXPECT_EQ(shortLine.format("RETURN 1"), "1:3: SyntaxError: m\nRETURN 1\n  ^");
}

TEST(ErrorTest, CaretUnderTheColumn) {
  Error e(ErrorKind::SyntaxError, "Invalid input 'x'", SourcePos{2, 8});
  EXPECT_EQ(e.format("MATCH (n)\nRETURN x\nLIMIT 1"),
            "2:8: SyntaxError: Invalid input 'x'\nRETURN x\n       ^");
  Error first(ErrorKind::SyntaxError, "m", SourcePos{1, 1});
  EXPECT_EQ(first.format("RETRN 1"), "1:1: SyntaxError: m\nRETRN 1\n^");
  // Windows line endings do not leak into the echoed line.
  EXPECT_EQ(first.format("RETRN 1\r\nx"), "1:1: SyntaxError: m\nRETRN 1\n^");
}

TEST(ErrorTest, CaretCountsDisplayColumnsAndKeepsTabs) {
  // '대한' is 2 code points but 4 display columns.
  Error wide(ErrorKind::SyntaxError, "m", SourcePos{1, 13});
  EXPECT_EQ(wide.format("RETURN '대한' +"),
            "1:13: SyntaxError: m\nRETURN '대한' +\n              ^");
  // Kazakh Cyrillic letters are one column each.
  Error kz(ErrorKind::SyntaxError, "m", SourcePos{1, 14});
  EXPECT_EQ(kz.format("RETURN 'Қазақ' +"),
            "1:14: SyntaxError: m\nRETURN 'Қазақ' +\n             ^");
  Error tab(ErrorKind::SyntaxError, "m", SourcePos{1, 4});
  EXPECT_EQ(tab.format("\t\tx?"), "1:4: SyntaxError: m\n\t\tx?\n\t\t ^");
}

TEST(ErrorTest, CaretPastTheEndAndPositionsOutsideTheSource) {
  Error end(ErrorKind::SyntaxError, "Unexpected end of input", SourcePos{1, 10});
  EXPECT_EQ(end.format("RETURN 1 +"),
            "1:10: SyntaxError: Unexpected end of input\nRETURN 1 +\n         ^");
  Error far(ErrorKind::SyntaxError, "m", SourcePos{5, 1});
  EXPECT_EQ(far.format("one line"), "5:1: SyntaxError: m");
}

TEST(ErrorTest, OffsetPosition) {
  Error first(ErrorKind::SyntaxError, "m", SourcePos{1, 4});
  first.offsetPosition(9, 6);
  EXPECT_EQ(first.pos().line, 10u);
  EXPECT_EQ(first.pos().col, 10u);
  Error later(ErrorKind::SyntaxError, "m", SourcePos{3, 4});
  later.offsetPosition(9, 6);
  EXPECT_EQ(later.pos().line, 12u);
  EXPECT_EQ(later.pos().col, 4u);
  Error unknown(ErrorKind::TypeError, "m");
  unknown.offsetPosition(9, 6);
  EXPECT_FALSE(unknown.pos().known());
}

TEST(ErrorTest, ThrowRuntime) {
  try {
    throwRuntime(ErrorKind::ArgumentError, "negative", "NegativeIntegerArgument");
    FAIL() << "throwRuntime returned";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ArgumentError);
    EXPECT_EQ(e.phase(), ErrorPhase::Runtime);
    EXPECT_EQ(e.detail(), "NegativeIntegerArgument");
    EXPECT_STREQ(e.what(), "negative");
    EXPECT_FALSE(e.pos().known());
  }
  Error compile(ErrorKind::SemanticError, "m");
  EXPECT_EQ(compile.phase(), ErrorPhase::CompileTime);
}

}  // namespace
}  // namespace silkgraph
