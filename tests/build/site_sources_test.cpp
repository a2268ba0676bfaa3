#include "build/site_sources.h"

#include <gtest/gtest.h>

#include "build_fixtures.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using testing::fresh_dir;
using testing::write_text;

TEST(LoadTheme, SiteLayoutsOverrideTheThemeFileOfTheSameName) {
  const fs::path root = fresh_dir("theme");
  write_text(root / "themes/plain/templates/index.html", "theme index");
  write_text(root / "themes/plain/templates/partials/node.html", "theme node");
  write_text(root / "themes/plain/static/style.css", "body{}");
  write_text(root / "layouts/index.html", "site index");
  SiteConfig config;
  config.root = root;
  config.file = root / "site.toml";
  config.site.theme = "plain";
  const Theme theme = load_theme(config);
  EXPECT_EQ(theme.templates.at("index.html"), "site index");
  EXPECT_EQ(theme.templates.at("partials/node.html"), "theme node");
  EXPECT_EQ(theme.static_files.at("style.css"), "body{}");
  config.site.theme = "missing";
  EXPECT_THROW(load_theme(config), SiteFileError);
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
