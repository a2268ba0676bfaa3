// A theme's theme.toml: its three keys, and located errors like site.toml's.
#include "config/theme_manifest.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "config/config.h"

namespace confab {
namespace {

std::string error_of(std::string_view text) {
  try {
    read_theme_manifest(text, "themes/x/theme.toml");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(ThemeManifestTest, ReadsItsKeysAndIgnoresOthers) {
  const ThemeManifest manifest = read_theme_manifest(
      "name = \"lanterns\"\ndescription = \"Warm and dark.\"\nmin_confab_version = \"0.2\"\n"
      "license = \"MIT\"\n[author]\nname = \"Ines\"\n",
      "theme.toml");
  EXPECT_EQ(manifest.name, "lanterns");
  EXPECT_EQ(manifest.description, "Warm and dark.");
  EXPECT_EQ(manifest.min_confab_version, "0.2");
  const ThemeManifest empty = read_theme_manifest("", "theme.toml");
  EXPECT_EQ(empty.name, "");
  EXPECT_EQ(empty.min_confab_version, "");
}

TEST(ThemeManifestTest, ErrorsNameTheFileLineAndColumn) {
  EXPECT_EQ(error_of("name = \"x\"\nmin_confab_version = 2\n"),
            "themes/x/theme.toml:2:22: min_confab_version must be a string, got integer");
  EXPECT_EQ(error_of("name = \"x\"\nmin_confab_version = \"v2\"\n"),
            "themes/x/theme.toml:2:22: min_confab_version must be a version such as \"0.1.0\", "
            "got \"v2\"");
  EXPECT_EQ(error_of("description = [\"a\"]\n"),
            "themes/x/theme.toml:1:15: description must be a string, got array");
  const std::string syntax = error_of("name = \"x\nmin_confab_version = \"0.1.0\"\n");
  EXPECT_EQ(syntax.rfind("themes/x/theme.toml:1:", 0), 0u) << syntax;
  EXPECT_NE(syntax.find("syntax error"), std::string::npos) << syntax;
}

TEST(ThemeManifestTest, TheDefaultThemeHasOne) {
  std::ifstream in(std::string(CONFAB_SOURCE_DIR) + "/themes/default/theme.toml");
  std::ostringstream text;
  text << in.rdbuf();
  const ThemeManifest manifest = read_theme_manifest(text.str(), "theme.toml");
  EXPECT_EQ(manifest.name, "default");
  EXPECT_FALSE(manifest.description.empty());
  EXPECT_EQ(manifest.min_confab_version, "0.1.0");
}

}  // namespace
}  // namespace confab
