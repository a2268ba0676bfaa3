// The built-in theme through the binary: a site with no themes/ folder builds with it, a site's
// templates/ overrides it file by file, and `confab theme eject` writes it out.
#include <gtest/gtest.h>

#include <fstream>

#include "binary_runner.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using testing::fresh_dir;
using testing::read_text;
using testing::run_confab;

const fs::path kSource = CONFAB_SOURCE_DIR;

/// A copy of the fixture site with no theme (site.toml, content/, its replay snapshot), so that
/// building it writes nothing into the source tree.
fs::path theme_less_site(const std::string& name) {
  const fs::path site = fresh_dir(name) / "site";
  fs::copy(kSource / "tests/fixtures/builtin-theme", site, fs::copy_options::recursive);
  return site;
}

testing::RunResult build(const fs::path& site) {
  return run_confab("build --config " + (site / "site.toml").string(),
                    "SOURCE_DATE_EPOCH=1318000000");
}

/// Every file of the theme in the source tree, by its path in the theme.
std::map<std::string, std::string> source_theme_files() {
  return testing::files_under(kSource / "themes/default");
}

TEST(BuiltInTheme, ASiteWithOnlySiteTomlAndContentBuildsWithIt) {
  const fs::path site = theme_less_site("builtin");
  ASSERT_FALSE(fs::exists(site / "themes"));
  const auto result = build(site);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string index = read_text(site / "public/index.html");
  EXPECT_NE(index.find("<h1 class=\"site-title\">Lantern Walk</h1>"), std::string::npos);
  EXPECT_NE(index.find("Every lantern on the hill, in one place."), std::string::npos);
  // The answer is nested in the question's replies by the theme's recursive partial.
  const auto question = index.find("May we bring paper lanterns?");
  const auto answer = index.find("Paper lanterns are perfect.");
  ASSERT_NE(question, std::string::npos) << index;
  ASSERT_NE(answer, std::string::npos);
  EXPECT_NE(index.substr(question, answer - question).find("<ol class=\"children\">"),
            std::string::npos);
  EXPECT_EQ(read_text(site / "public/style.css"),
            read_text(kSource / "themes/default/static/style.css"));
  EXPECT_FALSE(fs::exists(site / "themes"));
}

TEST(BuiltInTheme, ASiteOverridesOnePartialAndKeepsTheRest) {
  const fs::path site = theme_less_site("builtin-override");
  fs::create_directories(site / "templates/partials");
  std::ofstream(site / "templates/partials/said.html")
      << "<li class=\"said-mine\">{{author_name}}: {{{html}}}</li>\n";
  const auto result = build(site);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string tomas = read_text(site / "public/people/tomas/index.html");
  EXPECT_NE(tomas.find("<li class=\"said-mine\">Tomas: <p>May we bring paper lanterns?</p></li>"),
            std::string::npos)
      << tomas;
  EXPECT_NE(read_text(site / "public/index.html").find("class=\"reply-body\""), std::string::npos);
}

TEST(BuiltInTheme, ALayoutsFolderFailsTheBuildAskingForTheRename) {
  const fs::path site = theme_less_site("builtin-layouts");
  fs::create_directories(site / "layouts/partials");
  std::ofstream(site / "layouts/partials/said.html") << "mine\n";
  const auto result = build(site);
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_NE(result.err.find("rename layouts/ to templates/"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(site / "public"));
}

TEST(ThemeCommand, EjectWritesEveryFileOfTheBuiltInTheme) {
  const fs::path site = theme_less_site("eject");
  const auto result = run_confab("theme eject --config " + (site / "site.toml").string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto expected = source_theme_files();
  std::size_t written = 0;
  for (const auto& entry : fs::recursive_directory_iterator(site / "themes/default")) {
    if (!entry.is_regular_file()) continue;
    ++written;
    const std::string path = fs::relative(entry.path(), site / "themes/default").generic_string();
    ASSERT_TRUE(expected.count(path)) << path;
    EXPECT_EQ(read_text(entry.path()), expected.at(path)) << path;
  }
  EXPECT_EQ(written, expected.size());
  EXPECT_NE(result.err.find("wrote the built-in theme to " + (site / "themes/default").string() +
                            " (" + std::to_string(expected.size()) + " files)"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("the site now builds with this copy"), std::string::npos);

  // The site builds with the copy: a change there shows.
  std::ofstream(site / "themes/default/templates/partials/site_footer.html") << "<p>ejected</p>\n";
  ASSERT_EQ(build(site).exit_code, 0);
  EXPECT_NE(read_text(site / "public/index.html").find("<p>ejected</p>"), std::string::npos);
}

TEST(ThemeCommand, EjectRefusesToOverwriteUnlessForced) {
  const fs::path site = theme_less_site("eject-twice");
  const std::string config = " --config " + (site / "site.toml").string();
  ASSERT_EQ(run_confab("theme eject" + config).exit_code, 0);
  const fs::path footer = site / "themes/default/templates/partials/site_footer.html";
  std::ofstream(footer, std::ios::trunc) << "changed\n";
  std::ofstream(site / "themes/default/notes.txt") << "mine\n";

  const auto again = run_confab("theme eject" + config);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  EXPECT_EQ(read_text(footer), "changed\n");

  const auto forced = run_confab("theme eject --force" + config);
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(read_text(footer), read_text(kSource / "themes/default/templates/partials/"
                                                   "site_footer.html"));
  EXPECT_EQ(read_text(site / "themes/default/notes.txt"), "mine\n");
}

TEST(ThemeCommand, EjectIntoAnotherFolderSaysHowToUseIt) {
  const fs::path site = theme_less_site("eject-named");
  const auto named = run_confab("theme eject " + (site / "themes/lanterns").string() +
                                " --config " + (site / "site.toml").string());
  ASSERT_EQ(named.exit_code, 0) << named.err;
  EXPECT_TRUE(fs::is_regular_file(site / "themes/lanterns/templates/index.html"));
  EXPECT_NE(named.err.find("set [site] theme = \"lanterns\""), std::string::npos) << named.err;
  const auto elsewhere = run_confab("theme eject " + (site / "copy").string() + " --config " +
                                    (site / "site.toml").string());
  ASSERT_EQ(elsewhere.exit_code, 0) << elsewhere.err;
  EXPECT_NE(elsewhere.err.find("move it to themes/NAME/"), std::string::npos) << elsewhere.err;
}

TEST(ThemeCommand, HelpAndUsageErrors) {
  const auto help = run_confab("theme --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("confab theme eject [DIR]"), std::string::npos) << help.out;
  EXPECT_NE(run_confab("--help").out.find("theme     eject"), std::string::npos);
  EXPECT_EQ(run_confab("theme").exit_code, 2);
  EXPECT_EQ(run_confab("theme fly").exit_code, 2);
  EXPECT_NE(run_confab("them").err.find("did you mean 'theme'?"), std::string::npos);
}

}  // namespace
}  // namespace confab
