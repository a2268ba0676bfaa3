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

namespace confab {
namespace {

TEST(Utf8Sequence, WellFormedSequencesAndHowFarABrokenOneGoes) {
  const auto judge = [](std::string_view text) {
    bool complete = false;
    const std::size_t length = utf8_sequence(text, complete);
    return std::to_string(length) + (complete ? " complete" : " broken");
  };
  EXPECT_EQ(judge("\xC3\xA9x"), "2 complete");
  EXPECT_EQ(judge("\xE2\x82\xAC"), "3 complete");
  EXPECT_EQ(judge("\xF0\x9F\x98\x80"), "4 complete");
  EXPECT_EQ(judge("\xE2\x82"), "2 broken") << "cut short";
  EXPECT_EQ(judge("\xE2\x82x"), "2 broken");
  EXPECT_EQ(judge("\xE0\x80\x80"), "1 broken") << "overlong";
  EXPECT_EQ(judge("\xED\xA0\x80"), "1 broken") << "surrogate";
  EXPECT_EQ(judge("\xF4\x90\x80\x80"), "1 broken") << "past U+10FFFF";
  EXPECT_EQ(judge("\xC0\xAF"), "0 broken");
  EXPECT_EQ(judge("\x80"), "0 broken");
}

}  // namespace
}  // namespace confab
