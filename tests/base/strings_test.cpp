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
