// The commands' contracts: exit codes, messages, --help, as a user meets them.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "binary_runner.h"

namespace confab {
namespace {

using testing::fresh_dir;
using testing::run_confab;

const std::string kDemo = std::string(CONFAB_SOURCE_DIR) + "/site.toml";

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

TEST(Commands, VersionAndHelp) {
  const auto version = run_confab("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("confab ", 0), 0u);
  for (const char* command : {"build", "check", "inspect"}) {
    const auto help = run_confab(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find(std::string("Usage: confab ") + command), std::string::npos);
  }
  EXPECT_EQ(run_confab("").exit_code, 2);
}

TEST(Commands, UsageErrorsExitTwoWithASuggestion) {
  const auto unknown = run_confab("biuld");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("did you mean 'build'?"), std::string::npos) << unknown.err;
  const auto option = run_confab("build --ofline");
  EXPECT_EQ(option.exit_code, 2);
  EXPECT_NE(option.err.find("did you mean '--offline'?"), std::string::npos) << option.err;
}

TEST(Commands, AnInvalidSiteTomlExitsThreeWithItsLocation) {
  const auto dir = fresh_dir("badconfig");
  write(dir / "site.toml", "[site]\ntitle = \"x\"\ntitel = \"y\"\n");
  const auto build = run_confab("build --config " + (dir / "site.toml").string());
  EXPECT_EQ(build.exit_code, 3);
  EXPECT_NE(build.err.find("site.toml:3:1: unknown key 'titel' in [site]; did you mean 'title'?"),
            std::string::npos)
      << build.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "public"));
  const auto check = run_confab("check --config " + (dir / "site.toml").string());
  EXPECT_EQ(check.exit_code, 3);
  const auto missing = run_confab("build --config " + (dir / "nope.toml").string());
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("nope.toml: cannot read"), std::string::npos) << missing.err;
}

TEST(Commands, AMissingThemeFailsTheBuildAndKeepsThePreviousOutput) {
  const auto dir = fresh_dir("notheme");
  write(dir / "site.toml", "[site]\ntitle = \"x\"\ntheme = \"gone\"\n");
  write(dir / "public/index.html", "previous");
  const auto build = run_confab("build --config " + (dir / "site.toml").string());
  EXPECT_EQ(build.exit_code, 4);
  EXPECT_NE(build.err.find("theme 'gone' not found"), std::string::npos) << build.err;
  EXPECT_EQ(testing::read_text(dir / "public/index.html"), "previous");
}

TEST(Commands, CheckReportsEachSourceAndFailsOnTheDeadOne) {
  const auto check = run_confab("check --config " + kDemo);
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.out.find("ok     General Pattern"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("error  Beyond Madison Avenue"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("1 problem(s) found"), std::string::npos) << check.out;
}

TEST(Commands, InspectPrintsAFeedAsJson) {
  const auto dir = fresh_dir("inspect");
  write(dir / "feed.xml",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
        "<link>https://t.example/</link><item><title>One</title>"
        "<link>/one</link><pubDate>Wed, 29 Oct 2008 19:30:00 +0100</pubDate></item>"
        "</channel></rss>");
  const auto inspect =
      run_confab("inspect --base https://t.example/feed " + (dir / "feed.xml").string());
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  const auto json = nlohmann::json::parse(inspect.out);
  EXPECT_EQ(json["format"], "rss2.0");
  EXPECT_EQ(json["entries"][0]["link"], "https://t.example/one");
  EXPECT_EQ(json["entries"][0]["published"], "2008-10-29T18:30:00Z");
}

TEST(Commands, InspectPrintsAPageWithItsFeeds) {
  const auto dir = fresh_dir("inspect-page");
  write(dir / "page.html",
        "<!doctype html><html><head><title>Blog</title>"
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Comments\" "
        "href=\"/comments/feed/\">"
        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed/\"></head>"
        "<body><a href=\"/post\">a post</a></body></html>");
  const auto inspect =
      run_confab("inspect --base https://b.example/ " + (dir / "page.html").string());
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  const auto json = nlohmann::json::parse(inspect.out);
  EXPECT_EQ(json["format"], "html");
  EXPECT_EQ(json["main_feed"], "https://b.example/feed/");
  EXPECT_EQ(json["feeds"].size(), 2u);
}

TEST(Commands, InspectOfNothingUsefulExitsOne) {
  const auto dir = fresh_dir("inspect-bad");
  write(dir / "empty.xml", "");
  EXPECT_EQ(run_confab("inspect " + (dir / "empty.xml").string()).exit_code, 1);
  EXPECT_EQ(run_confab("inspect " + (dir / "absent.xml").string()).exit_code, 1);
}

}  // namespace
}  // namespace confab
