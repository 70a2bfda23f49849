// common/text.h and common/hash.h: the one UTF-8, width, case and hash implementation.
#include <gtest/gtest.h>

#include "common/hash.h"
#include "common/text.h"

namespace silkgraph::text {
namespace {

TEST(CommonText, DecodesValidAndReplacesMalformed) {
  char32_t cp;
  EXPECT_EQ(decode("A", 0, cp), 1u);
  EXPECT_EQ(cp, U'A');
  EXPECT_EQ(decode("한", 0, cp), 3u);
  EXPECT_EQ(cp, U'한');
  EXPECT_EQ(decode("\xF0\x9F\x8C\x8F", 0, cp), 4u);
  EXPECT_EQ(cp, char32_t{0x1F30F});
  // Overlong '/', a surrogate, a truncated sequence, a lone continuation byte, past U+10FFFF.
  for (std::string_view bad :
       {"\xC0\xAF", "\xED\xA0\x80", "\xE4\xB8", "\x80", "\xF4\x90\x80\x80"}) {
    EXPECT_EQ(decode(bad, 0, cp), 1u) << bad.size();
    EXPECT_EQ(cp, kReplacement);
    EXPECT_FALSE(isValid(bad));
    EXPECT_EQ(firstInvalid(std::string("ok") + std::string(bad)), 2u);
  }
  EXPECT_TRUE(isValid("Қазақстан 대한민국"));
  EXPECT_EQ(length("Қазақстан"), 9u);
  EXPECT_EQ(length("a\x80z"), 3u);
}

TEST(CommonText, EncodesRoundTrip) {
  std::string s = "Türkiye 한국 🌏";
  EXPECT_EQ(encode(decodeAll(s)), s);
  std::string out;
  append(out, char32_t{0x110000});
  EXPECT_EQ(out, "\xEF\xBF\xBD");
}

TEST(CommonText, WidthOfWideAndCombining) {
  EXPECT_EQ(width(U'a'), 1);
  EXPECT_EQ(width(U'한'), 2);
  EXPECT_EQ(width(U'中'), 2);
  EXPECT_EQ(width(char32_t{0x0301}), 0);
  EXPECT_EQ(width(U'\t'), 0);
  EXPECT_EQ(displayWidth("대한민국"), 8u);
  EXPECT_EQ(displayWidth("Qazaqstan"), 9u);
  EXPECT_EQ(displayWidthOfPrefix("한a", 3), 2u);
  EXPECT_EQ(truncateToWidth("대한민국", 5), "대한…");
  EXPECT_EQ(truncateToWidth("abc", 3), "abc");
  EXPECT_EQ(truncateChars("Қазақстан", 3), "Қаз…");
}

TEST(CommonText, CaseMappingAndFolding) {
  EXPECT_EQ(toUpper("Türkiye"), "TÜRKIYE");
  EXPECT_EQ(toUpper("Қазақстан"), "ҚАЗАҚСТАН");
  EXPECT_EQ(toLower("ÉTAT"), "état");
  EXPECT_EQ(caseFold("Straße"), caseFold("STRASSE"));
  EXPECT_EQ(normalizeNfc("e\xCC\x81"), "\xC3\xA9");
  EXPECT_EQ(toUpper("a\x80"), "A\xEF\xBF\xBD");
  // Simple case mapping has no single upper-case ß: it stays (utf8proc alone would give ẞ).
  EXPECT_EQ(toUpper("Straße"), "STRAßE");
  EXPECT_EQ(toLower("STRAẞE"), "straße");
}

TEST(CommonText, AsciiHelpers) {
  EXPECT_EQ(trim("  \tx y \r\n"), "x y");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(asciiLower("MATCH Ü"), "match Ü");
  EXPECT_TRUE(equalsIgnoreAsciiCase("Return", "RETURN"));
  EXPECT_FALSE(equalsIgnoreAsciiCase("Return", "RETURNS"));
  EXPECT_TRUE(startsWithIgnoreAsciiCase(":SCHEMA x", ":schema"));
}

TEST(CommonText, EditDistanceAndClosest) {
  EXPECT_EQ(editDistance("Nation", "nation"), 0u);
  EXPECT_EQ(editDistance("Natoin", "Nation"), 1u);  // a swap of neighbours is one edit
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(editDistance("Қазақ", "Казак"), 2u);  // code points, not bytes
  EXPECT_EQ(closest("Natoin", {"Leader", "Nation"}), "Nation");
  EXPECT_EQ(closest("Xyzzy", {"Leader", "Nation"}), "");
  // A candidate far longer than the name is skipped without a matrix of its length (a column
  // named by a 100 MB literal's text); within reach of the bound the distance decides.
  const std::string huge(50'000'000, 'y');
  EXPECT_EQ(closest("y", {huge, "x"}), "x");
  EXPECT_EQ(closest(huge, {"y"}), "");
  EXPECT_EQ(closest("ab", {std::string(3000, 'a'), "abc"}), "abc");
  EXPECT_EQ(closest(std::string(1500, 'a'), {std::string(1502, 'a')}), std::string(1502, 'a'));
}

TEST(CommonHash, Xxh64KnownValuesAndStreaming) {
  // Reference values of XXH64 (seed 0) from the xxHash specification's test vectors.
  EXPECT_EQ(hash::xxh64("", 0), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(hash::xxh64("a", 0), 0xD24EC4F1A98C6E5BULL);
  hash::Xxh64Stream s;
  std::string data(1000, 'x');
  s.update(data.data(), 400);
  s.update(data.data() + 400, 600);
  EXPECT_EQ(s.digest(), hash::xxh64(data));
}

}  // namespace
}  // namespace silkgraph::text
