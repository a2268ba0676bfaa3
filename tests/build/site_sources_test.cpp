#include "build/site_sources.h"

#include <gtest/gtest.h>

#include "base/version.h"
#include "build_fixtures.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using testing::fresh_dir;
using testing::read_text;
using testing::write_text;

SiteConfig site_at(const fs::path& root, const std::string& theme) {
  SiteConfig config;
  config.root = root;
  config.file = root / "site.toml";
  config.site.theme = theme;
  return config;
}

TEST(LoadTheme, SiteTemplatesOverrideTheThemeFileOfTheSameName) {
  const fs::path root = fresh_dir("theme");
  write_text(root / "themes/plain/templates/index.html", "theme index");
  write_text(root / "themes/plain/templates/partials/node.html", "theme node");
  write_text(root / "themes/plain/static/style.css", "body{}");
  write_text(root / "themes/plain/i18n/en.toml", "theme words");
  write_text(root / "templates/index.html", "site index");
  write_text(root / "i18n/fr.toml", "site words");
  const Theme theme = load_theme(site_at(root, "plain"));
  EXPECT_EQ(theme.templates.at("index.html"), "site index");
  EXPECT_EQ(theme.templates.at("partials/node.html"), "theme node");
  EXPECT_EQ(theme.static_files.at("style.css"), "body{}");
  EXPECT_EQ(theme.i18n.at("en"), "theme words");
  EXPECT_EQ(theme.i18n.at("fr"), "site words");
  EXPECT_THROW(load_theme(site_at(root, "missing")), SiteFileError);
}

TEST(LoadTheme, TheBuiltInThemeServesASiteWithoutOne) {
  const fs::path root = fresh_dir("builtin-theme");
  write_text(root / "templates/partials/node.html", "site node");
  const Theme theme = load_theme(site_at(root, "default"));
  const fs::path source = fs::path(CONFAB_SOURCE_DIR) / "themes/default";
  EXPECT_EQ(theme.templates.at("index.html"), read_text(source / "templates/index.html"));
  EXPECT_EQ(theme.templates.at("partials/node.html"), "site node");
  EXPECT_EQ(theme.static_files.at("style.css"), read_text(source / "static/style.css"));
  EXPECT_EQ(theme.i18n.at("fr"), read_text(source / "i18n/fr.toml"));
  // Its README and manifest are not templates, nor files of the site.
  EXPECT_FALSE(theme.templates.count("README.md") || theme.static_files.count("README.md"));
  // Only "default" is built in.
  EXPECT_THROW(load_theme(site_at(root, "plain")), SiteFileError);
}

TEST(LoadTheme, ASiteThemesDefaultFolderTakesThePlaceOfTheBuiltInTheme) {
  const fs::path root = fresh_dir("ejected-theme");
  write_text(root / "themes/default/templates/index.html", "ejected index");
  const Theme theme = load_theme(site_at(root, "default"));
  EXPECT_EQ(theme.templates.at("index.html"), "ejected index");
  EXPECT_FALSE(theme.templates.count("partials/node.html"));  // nothing mixed in from built-in
}

TEST(LoadTheme, ALayoutsFolderIsAnErrorAskingForTheRename) {
  const fs::path root = fresh_dir("layouts");
  write_text(root / "layouts/index.html", "site index");
  try {
    load_theme(site_at(root, "default"));
    ADD_FAILURE() << "layouts/ was ignored";
  } catch (const SiteFileError& error) {
    EXPECT_NE(std::string(error.what()).find("rename layouts/ to templates/"), std::string::npos)
        << error.what();
  }
}

std::string theme_error(const SiteConfig& config) {
  try {
    load_theme(config);
  } catch (const SiteFileError& error) {
    return error.what();
  }
  return "";
}

TEST(LoadTheme, AThemeNeedingANewerConfabIsNamedWithBothVersions) {
  const fs::path root = fresh_dir("theme-too-new");
  write_text(root / "themes/plain/templates/index.html", "theme index");
  write_text(root / "themes/plain/theme.toml", "name = \"Plain\"\nmin_confab_version = \"99.0\"\n");
  EXPECT_EQ(theme_error(site_at(root, "plain")),
            (root / "themes/plain/theme.toml").string() +
                ": the theme 'Plain' needs confab 99.0 or newer; this is confab " +
                std::string(confab_version()));
  // Without a name, the theme is named by its folder; an older minimum is fine.
  write_text(root / "themes/plain/theme.toml", "min_confab_version = \"99\"\n");
  EXPECT_NE(theme_error(site_at(root, "plain")).find("the theme 'plain' needs confab 99"),
            std::string::npos);
  write_text(root / "themes/plain/theme.toml", "min_confab_version = \"0.0.1\"\n");
  EXPECT_EQ(theme_error(site_at(root, "plain")), "");
}

TEST(LoadTheme, AMalformedManifestIsLocated) {
  const fs::path root = fresh_dir("theme-manifest");
  write_text(root / "themes/plain/templates/index.html", "theme index");
  write_text(root / "themes/plain/theme.toml", "name = \"Plain\"\nmin_confab_version = 1\n");
  EXPECT_EQ(theme_error(site_at(root, "plain")),
            (root / "themes/plain/theme.toml").string() +
                ":2:22: min_confab_version must be a string, got integer");
}

TEST(LoadContent, ReadsMarkdownFilesSortedByPath) {
  const fs::path root = fresh_dir("content");
  write_text(root / "content/b.md", "B");
  write_text(root / "content/_index.md", "I");
  write_text(root / "content/notes.txt", "ignored");
  SiteConfig config;
  config.root = root;
  const auto content = load_content(config);
  ASSERT_EQ(content.size(), 2u);
  EXPECT_EQ(content[0].path, "_index.md");
  EXPECT_EQ(content[1].path, "b.md");
  EXPECT_EQ(content[1].text, "B");
}

}  // namespace
}  // namespace confab
