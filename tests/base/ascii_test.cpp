#include "base/ascii.h"

#include <cctype>

#include <gtest/gtest.h>

namespace confab {
namespace {

TEST(Ascii, ClassesMatchTheCLocaleForEveryByte) {
  // confab never calls setlocale, so <cctype> answers for the "C" locale: the copies these
  // helpers replaced used either, and must have meant the same bytes.
  for (int byte = 0; byte < 256; ++byte) {
    const char c = static_cast<char>(byte);
    EXPECT_EQ(is_digit(c), std::isdigit(byte) != 0) << byte;
    EXPECT_EQ(is_alpha(c), std::isalpha(byte) != 0) << byte;
    EXPECT_EQ(is_alnum(c), std::isalnum(byte) != 0) << byte;
    EXPECT_EQ(lower(c), static_cast<char>(std::tolower(byte))) << byte;
  }
}

TEST(Ascii, WhiteSpaceSetsDifferAsTheirStandardsDo) {
  for (const char c : {' ', '\t', '\n', '\r'}) {
    EXPECT_TRUE(is_xml_space(c));
    EXPECT_TRUE(is_html_space(c));
  }
  EXPECT_TRUE(is_html_space('\f'));
  EXPECT_FALSE(is_xml_space('\f')) << "not even a character in XML";
  EXPECT_FALSE(is_html_space('\v')) << "C's isspace has it, HTML does not";
  EXPECT_FALSE(is_xml_space('\v'));
  EXPECT_FALSE(is_html_space('\xA0')) << "a no-break space is text (and half of UTF-8's)";
  EXPECT_FALSE(is_html_space('\0'));
}

TEST(Ascii, DigitValues) {
  EXPECT_EQ(digit_value('7', false), 7);
  EXPECT_EQ(digit_value('a', false), -1);
  EXPECT_EQ(digit_value('a', true), 10);
  EXPECT_EQ(digit_value('F', true), 15);
  EXPECT_EQ(digit_value('g', true), -1);
  EXPECT_EQ(digit_value('/', true), -1);
}

TEST(Ascii, LowerLeavesNonAsciiBytesAlone) {
  EXPECT_EQ(lower("Content-Type: TEXT/Html; Ç"), "content-type: text/html; Ç");
  EXPECT_EQ(lower(""), "");
}

TEST(Ascii, CaseInsensitiveComparison) {
  EXPECT_TRUE(iequals("Sept", "sept"));
  EXPECT_TRUE(iequals("", ""));
  EXPECT_FALSE(iequals("sep", "sept"));
  EXPECT_FALSE(iequals("É", "é")) << "only ASCII letters fold";
  EXPECT_TRUE(istarts_with("HTTPS://x", "https://"));
  EXPECT_FALSE(istarts_with("http", "https://"));
  static_assert(iequals("GMT", "gmt"), "usable in constant expressions");
}

}  // namespace
}  // namespace confab
