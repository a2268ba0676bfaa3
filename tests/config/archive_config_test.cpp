// [archive] path: where the archive lives, beside site.toml by default.
#include <gtest/gtest.h>

#include "config/config.h"

namespace confab {
namespace {

TEST(ArchiveConfig, DefaultsToDotConfabBesideSiteToml) {
  const SiteConfig config = parse_config("[site]\ntitle = \"T\"\n", "/sites/hub/site.toml");
  EXPECT_EQ(config.archive.path, ".confab/archive.db");
  EXPECT_EQ(config.archive_file(), std::filesystem::path("/sites/hub/.confab/archive.db"));
}

TEST(ArchiveConfig, PathIsResolvedAgainstTheSiteFolder) {
  const SiteConfig relative = parse_config(
      "[site]\ntitle = \"T\"\n[archive]\npath = \"state/hub.db\"\n", "/sites/hub/site.toml");
  EXPECT_EQ(relative.archive_file(), std::filesystem::path("/sites/hub/state/hub.db"));
  const SiteConfig absolute = parse_config(
      "[site]\ntitle = \"T\"\n[archive]\npath = \"/var/lib/confab/a.db\"\n", "site.toml");
  EXPECT_EQ(absolute.archive_file(), std::filesystem::path("/var/lib/confab/a.db"));
}

TEST(ArchiveConfig, ErrorsAreLocatedWithSuggestions) {
  try {
    parse_config("[site]\ntitle = \"T\"\n[archive]\npaht = \"x\"\n", "site.toml");
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.line, 4);
    EXPECT_NE(error.message.find("'path'"), std::string::npos) << error.what();
  }
  try {
    parse_config("[site]\ntitle = \"T\"\n[archive]\npath = \"\"\n", "site.toml");
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.line, 4);
    EXPECT_NE(error.message.find("[archive] path must not be empty"), std::string::npos)
        << error.what();
  }
  try {
    parse_config("[site]\ntitle = \"T\"\n[archiv]\npath = \"x\"\n", "site.toml");
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_NE(error.message.find("[archive]"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace confab
