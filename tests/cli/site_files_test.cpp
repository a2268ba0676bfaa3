#include "cli/site_files.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace confab {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("confab-cli-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

TEST(WriteOutput, ReplacesTheWholeFolder) {
  const fs::path root = fresh_dir("swap");
  write(root / "public/stale.html", "old");
  write_output_atomically(root / "public", {{"index.html", "new"}, {"a/b/c.txt", "deep"}});
  EXPECT_EQ(read(root / "public/index.html"), "new");
  EXPECT_EQ(read(root / "public/a/b/c.txt"), "deep");
  EXPECT_FALSE(fs::exists(root / "public/stale.html"));
  // No staging folders are left beside it.
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(root)) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(WriteOutput, AFailedWriteLeavesThePreviousOutput) {
  const fs::path root = fresh_dir("keep");
  write(root / "public/index.html", "previous");
  for (const char* evil : {"../escape.html", "/etc/evil", "a/../../x", ""}) {
    EXPECT_THROW(write_output_atomically(root / "public", {{"ok.html", "x"}, {evil, "bad"}}),
                 SiteFileError)
        << evil;
    EXPECT_EQ(read(root / "public/index.html"), "previous");
    EXPECT_FALSE(fs::exists(root / "escape.html"));
  }
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(root)) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(LoadTheme, SiteLayoutsOverrideTheThemeFileOfTheSameName) {
  const fs::path root = fresh_dir("theme");
  write(root / "themes/plain/templates/index.html", "theme index");
  write(root / "themes/plain/templates/partials/node.html", "theme node");
  write(root / "themes/plain/static/style.css", "body{}");
  write(root / "layouts/index.html", "site index");
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
  write(root / "content/b.md", "B");
  write(root / "content/_index.md", "I");
  write(root / "content/notes.txt", "ignored");
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
