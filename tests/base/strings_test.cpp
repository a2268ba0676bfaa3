#include "base/strings.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

TEST(TrimSpace, DropsAsciiWhiteSpaceAtBothEnds) {
  EXPECT_EQ(trim_space("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim_space("\f\vx"), "x");
  EXPECT_EQ(trim_space(""), "");
  EXPECT_EQ(trim_space(" \n\t "), "");
  EXPECT_EQ(trim_space("\xC2\xA0x"), "\xC2\xA0x") << "non-ASCII space is text";
}

}  // namespace
}  // namespace confab

namespace confab {
namespace {

TEST(Latin1BaseLetter, FoldsAccentedLettersOnly) {
  EXPECT_EQ(latin1_base_letter(0xA9), 'e');   // é
  EXPECT_EQ(latin1_base_letter(0x80), 'a');   // À
  EXPECT_EQ(latin1_base_letter(0x9F), 's');   // ß
  EXPECT_EQ(latin1_base_letter(0xA7), 'c');   // ç
  EXPECT_EQ(latin1_base_letter(0x97), '\0');  // ×
  EXPECT_EQ(latin1_base_letter(0xB7), '\0');  // ÷
  EXPECT_EQ(latin1_base_letter(0x41), '\0');
}

TEST(AppendUtf8, WritesEachLengthAndReplacesWhatIsNotACharacter) {
  const auto utf8 = [](char32_t c) {
    std::string out = "[";
    append_utf8(out, c);
    return out + "]";
  };
  EXPECT_EQ(utf8(U'A'), "[A]");
  EXPECT_EQ(utf8(0x7F), "[\x7F]");
  EXPECT_EQ(utf8(0x80), "[\xC2\x80]");
  EXPECT_EQ(utf8(0xE9), "[\xC3\xA9]");
  EXPECT_EQ(utf8(0x7FF), "[\xDF\xBF]");
  EXPECT_EQ(utf8(0x800), "[\xE0\xA0\x80]");
  EXPECT_EQ(utf8(0x2019), "[\xE2\x80\x99]");
  EXPECT_EQ(utf8(0xFFFF), "[\xEF\xBF\xBF]");
  EXPECT_EQ(utf8(0x10000), "[\xF0\x90\x80\x80]");
  EXPECT_EQ(utf8(0x10FFFF), "[\xF4\x8F\xBF\xBF]");
  for (const char32_t bad : {char32_t{0}, char32_t{0xD800}, char32_t{0xDFFF}, char32_t{0x110000}}) {
    EXPECT_EQ(utf8(bad), "[\xEF\xBF\xBD]") << static_cast<unsigned>(bad);
  }
}

}  // namespace
}  // namespace confab
