#include "base/version.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

TEST(VersionTest, ThisConfabHasAVersion) {
  EXPECT_TRUE(is_version(confab_version())) << confab_version();
}

TEST(VersionTest, VersionsAreOneToThreeNumbers) {
  for (const char* good : {"1", "0.2", "0.1.0", "10.20.30", "007"}) {
    EXPECT_TRUE(is_version(good)) << good;
  }
  for (const char* bad : {"", ".", "1.", ".1", "1..2", "1.2.3.4", "v1", "1.2-beta", " 1", "1.x",
                          "99999999999999999999"}) {
    EXPECT_FALSE(is_version(bad)) << bad;
  }
}

TEST(VersionTest, ComparedPartByPartAsNumbers) {
  EXPECT_TRUE(version_at_least("0.1.0", "0.1.0"));
  EXPECT_TRUE(version_at_least("0.1.0", "0.1"));
  EXPECT_TRUE(version_at_least("0.10.0", "0.9.9"));  // not as text
  EXPECT_TRUE(version_at_least("1", "0.99.99"));
  EXPECT_FALSE(version_at_least("0.1.0", "0.1.1"));
  EXPECT_FALSE(version_at_least("0.9", "0.10"));
  EXPECT_FALSE(version_at_least("0.1.0", "1"));
}

}  // namespace
}  // namespace confab
