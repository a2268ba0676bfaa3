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

}  // namespace
}  // namespace confab
