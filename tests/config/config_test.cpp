#include "config/config.h"

#include <fstream>
#include <initializer_list>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace confab {
namespace {

// Parses `text` as "site.toml" and checks it fails at line:column with a message containing
// every one of `words`.
::testing::AssertionResult FailsAt(std::string_view text, int line, int column,
                                   std::initializer_list<std::string_view> words) {
  try {
    parse_config(text, "site.toml");
  } catch (const ConfigError& error) {
    if (error.file != "site.toml" || error.line != line || error.column != column) {
      return ::testing::AssertionFailure()
             << "expected site.toml:" << line << ":" << column << ", got: " << error.what();
    }
    for (std::string_view word : words) {
      if (error.message.find(word) == std::string::npos) {
        return ::testing::AssertionFailure()
               << "message lacks \"" << word << "\": " << error.what();
      }
    }
    const std::string expected_prefix =
        "site.toml:" + std::to_string(line) + ":" + std::to_string(column) + ": ";
    if (std::string(error.what()) != expected_prefix + error.message) {
      return ::testing::AssertionFailure() << "what() is not located: " << error.what();
    }
    return ::testing::AssertionSuccess() << error.what();
  }
  return ::testing::AssertionFailure() << "parsed without error";
}

constexpr std::string_view kFullConfig = R"toml(# A campaign hub.
[site]
title = "The Lantern Walk"
base_url = "https://hub.example.org/lantern/"
language = "de"
theme = "paper"
output = "out/site"

[campaign]
links = ["https://video.example.com/watch/lantern", "http://lantern.example.net/blog/"]
keywords = ["lantern walk", "Laternenlauf"]
team = [
  { name = "Mira Holt", url = "https://mira.example.org/" },
  { name = "Jonas" },
  { url = "https://agency.example.com/" },
]

[[source]]
name = "Lantern campaign blog"
url = "http://lantern.example.net/blog/"
role = "campaign"

[[source]]
name = "Quiet Streets"
url = "https://quietstreets.example.com/"
feed = "https://quietstreets.example.com/feed.atom"

[[source]]
name = "Saved copy"
url = "file:///srv/snapshots/oldblog/index.html"
role = "blog"

[fetch]
concurrency = 4
timeout = 12.5
user_agent = "lantern-hub/1.0"
replay = "snapshot"

[crawl]
depth = 2
max_pages = 50
)toml";

TEST(ParseConfig, ReadsEveryKeyOfAFullFile) {
  const SiteConfig config = parse_config(kFullConfig, "sites/lantern/site.toml");
  EXPECT_EQ(config.file, std::filesystem::path("sites/lantern/site.toml"));
  EXPECT_EQ(config.root, std::filesystem::path("sites/lantern"));

  EXPECT_EQ(config.site.title, "The Lantern Walk");
  EXPECT_EQ(config.site.base_url, "https://hub.example.org/lantern/");
  EXPECT_EQ(config.site.language, "de");
  EXPECT_EQ(config.site.theme, "paper");
  EXPECT_EQ(config.site.output, "out/site");

  EXPECT_EQ(config.campaign.links,
            (std::vector<std::string>{"https://video.example.com/watch/lantern",
                                      "http://lantern.example.net/blog/"}));
  EXPECT_EQ(config.campaign.keywords, (std::vector<std::string>{"lantern walk", "Laternenlauf"}));
  ASSERT_EQ(config.campaign.team.size(), 3u);
  EXPECT_EQ(config.campaign.team[0].name, "Mira Holt");
  EXPECT_EQ(config.campaign.team[0].url, "https://mira.example.org/");
  EXPECT_EQ(config.campaign.team[1].name, "Jonas");
  EXPECT_EQ(config.campaign.team[1].url, "");
  EXPECT_EQ(config.campaign.team[2].name, "");
  EXPECT_EQ(config.campaign.team[2].url, "https://agency.example.com/");

  ASSERT_EQ(config.sources.size(), 3u);
  EXPECT_EQ(config.sources[0].name, "Lantern campaign blog");
  EXPECT_EQ(config.sources[0].url, "http://lantern.example.net/blog/");
  EXPECT_EQ(config.sources[0].feed, "");
  EXPECT_EQ(config.sources[0].role, SourceRole::campaign);
  EXPECT_EQ(config.sources[1].name, "Quiet Streets");
  EXPECT_EQ(config.sources[1].feed, "https://quietstreets.example.com/feed.atom");
  EXPECT_EQ(config.sources[1].role, SourceRole::blog);
  EXPECT_EQ(config.sources[2].url, "file:///srv/snapshots/oldblog/index.html");
  EXPECT_EQ(config.sources[2].role, SourceRole::blog);

  EXPECT_EQ(config.fetch.concurrency, 4);
  EXPECT_DOUBLE_EQ(config.fetch.timeout, 12.5);
  EXPECT_EQ(config.fetch.user_agent, "lantern-hub/1.0");
  EXPECT_EQ(config.fetch.replay, "snapshot");
  EXPECT_EQ(config.crawl.depth, 2);
  EXPECT_EQ(config.crawl.max_pages, 50);

  EXPECT_EQ(config.replay_dir(), std::filesystem::path("sites/lantern/snapshot"));
  EXPECT_EQ(config.output_dir(), std::filesystem::path("sites/lantern/out/site"));
}

TEST(ParseConfig, FillsDefaultsWhenOnlyTheTitleIsGiven) {
  const SiteConfig config = parse_config("[site]\ntitle = \"Minimal\"\n", "site.toml");
  const SiteConfig defaults;
  EXPECT_EQ(config.root, std::filesystem::path("."));
  EXPECT_EQ(config.site.title, "Minimal");
  EXPECT_EQ(config.site.base_url, "");
  EXPECT_EQ(config.site.language, "en");
  EXPECT_EQ(config.site.theme, "default");
  EXPECT_EQ(config.site.output, "public");
  EXPECT_TRUE(config.campaign.links.empty());
  EXPECT_TRUE(config.campaign.keywords.empty());
  EXPECT_TRUE(config.campaign.team.empty());
  EXPECT_TRUE(config.sources.empty());
  EXPECT_EQ(config.fetch.concurrency, 16);
  EXPECT_DOUBLE_EQ(config.fetch.timeout, 30);
  EXPECT_EQ(config.fetch.user_agent, defaults.fetch.user_agent);
  EXPECT_EQ(config.fetch.replay, "");
  EXPECT_EQ(config.crawl.depth, 1);
  EXPECT_EQ(config.crawl.max_pages, 200);
  EXPECT_EQ(config.replay_dir(), std::filesystem::path());
  EXPECT_EQ(config.output_dir(), std::filesystem::path("public"));
}

TEST(ParseConfig, AcceptsOtherSpellingsOfTheSameData) {
  constexpr std::string_view kText = R"toml(site = { title = "Inline", base_url = "" }
[fetch]
timeout = 5
[[campaign.team]]
name = "Ada"
)toml";
  const SiteConfig config = parse_config(kText, "site.toml");
  EXPECT_EQ(config.site.title, "Inline");
  EXPECT_DOUBLE_EQ(config.fetch.timeout, 5.0);  // an integer number of seconds
  ASSERT_EQ(config.campaign.team.size(), 1u);
  EXPECT_EQ(config.campaign.team[0].name, "Ada");
}

TEST(ParseConfig, TeamMembersAsPlainStrings) {
  constexpr std::string_view kText = R"toml([site]
title = "Lanterns"
[campaign]
team = ["https://mira.example.org/", "Jonas", { name = "Ada", url = "https://ada.example/" },
        "HTTPS://Agency.example.com/"]
)toml";
  const SiteConfig config = parse_config(kText, "site.toml");
  ASSERT_EQ(config.campaign.team.size(), 4u);
  EXPECT_EQ(config.campaign.team[0].name, "");  // an http(s) URL is a homepage
  EXPECT_EQ(config.campaign.team[0].url, "https://mira.example.org/");
  EXPECT_EQ(config.campaign.team[1].name, "Jonas");  // anything else is a name
  EXPECT_EQ(config.campaign.team[1].url, "");
  EXPECT_EQ(config.campaign.team[2].name, "Ada");
  EXPECT_EQ(config.campaign.team[3].url, "HTTPS://Agency.example.com/");
}

TEST(ParseConfigErrors, TeamStringsThatAreEmptyOrNotWebUrls) {
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"T\"\n[campaign]\nteam = [\"Mira\", \"  \"]\n", 4, 17,
                      {"team member must not be empty"}));
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"T\"\n[campaign]\nteam = [\"ftp://mira.example/\"]\n", 4, 9,
                      {"homepage must be an http(s) URL", "ftp://mira.example/"}));
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"T\"\n[campaign]\nteam = [3]\n", 4, 9,
                      {"must be a name, a homepage URL or a table"}));
}

TEST(SiteConfigPaths, KeepAbsolutePathsAndEmptyReplay) {
  SiteConfig config;
  config.root = "/srv/hub";
  config.site.output = "/var/www/hub";
  config.fetch.replay = "";
  EXPECT_EQ(config.output_dir(), std::filesystem::path("/var/www/hub"));
  EXPECT_EQ(config.replay_dir(), std::filesystem::path());
  config.fetch.replay = "../snapshots/2009";
  EXPECT_EQ(config.replay_dir(), std::filesystem::path("/srv/snapshots/2009"));
}

TEST(ParseConfigErrors, UnclosedString) {
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"The Lantern Walk\n", 2, 26,
                      {"syntax error", "unterminated string"}));
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"The Lantern Walk", 2, 26,
                      {"syntax error", "unterminated string"}));
}

TEST(ParseConfigErrors, MissingEqualsSign) {
  EXPECT_TRUE(FailsAt("[site]\ntitle \"Lanterns\"\n", 2, 7, {"syntax error", "expected '='"}));
}

TEST(ParseConfigErrors, SyntaxErrorMessagesCarryNoRawNewline) {
  try {
    parse_config("[site]\ntitle = \n", "site.toml");
    FAIL() << "parsed without error";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(std::string(error.what()).find('\n'), std::string::npos) << error.what();
    EXPECT_NE(error.message.find("end of line"), std::string::npos) << error.what();
  }
}

TEST(ParseConfigErrors, UnknownKeyInSiteSuggestsTheNearestKey) {
  EXPECT_TRUE(FailsAt("[site]\ntitel = \"Lanterns\"\n", 2, 1,
                      {"unknown key 'titel' in [site]; did you mean 'title'?"}));
}

TEST(ParseConfigErrors, UnknownKeyFarFromAnyListsTheValidKeys) {
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"Lanterns\"\n  favicon_path = \"x.ico\"\n", 3, 3,
                      {"unknown key 'favicon_path' in [site]",
                       "valid keys: 'title', 'base_url', 'language', 'theme', 'output'"}));
}

TEST(ParseConfigErrors, UnknownTopLevelTableSuggestsTheNearestTable) {
  constexpr std::string_view kText = R"toml([site]
title = "Lanterns"

[sources]
name = "Quiet Streets"
)toml";
  EXPECT_TRUE(FailsAt(kText, 4, 2, {"unknown table [sources]", "did you mean [[source]]?"}));
}

TEST(ParseConfigErrors, StrayTopLevelKeySaysWhereItBelongs) {
  EXPECT_TRUE(
      FailsAt("title = \"Lanterns\"\n", 1, 1, {"top-level key 'title'", "belongs in [site]"}));
}

TEST(ParseConfigErrors, UnknownKeyInASource) {
  constexpr std::string_view kText = R"toml([site]
title = "Lanterns"

[[source]]
name = "Quiet Streets"
url = "https://quietstreets.example.com/"
fed = "https://quietstreets.example.com/feed"
)toml";
  EXPECT_TRUE(FailsAt(kText, 7, 1, {"unknown key 'fed' in [[source]]", "did you mean 'feed'?"}));
}

TEST(ParseConfigErrors, UnknownKeyInATeamMember) {
  constexpr std::string_view kText = R"toml([site]
title = "Lanterns"
[campaign]
team = [{ name = "Mira", homepage = "https://mira.example.org/" }]
)toml";
  EXPECT_TRUE(FailsAt(kText, 4, 26, {"unknown key 'homepage'", "team member"}));
}

TEST(ParseConfigErrors, WrongTypeIsLocatedAtTheValue) {
  constexpr std::string_view kText = R"toml([site]
title = "Lanterns"
[fetch]
timeout = "fast"
)toml";
  EXPECT_TRUE(FailsAt(kText, 4, 11, {"[fetch] timeout must be a number, got string"}));
  EXPECT_TRUE(
      FailsAt("[site]\ntitle = 42\n", 2, 9, {"[site] title must be a string, got integer"}));
  EXPECT_TRUE(
      FailsAt("site = \"Lanterns\"\n", 1, 8, {"site must be a table", "[site]", "got string"}));
}

TEST(ParseConfigErrors, InvalidRole) {
  constexpr std::string_view kText = R"toml([site]
title = "Lanterns"
[[source]]
name = "Lantern campaign blog"
url = "https://lantern.example.net/"
role = "brand"
)toml";
  EXPECT_TRUE(FailsAt(kText, 6, 8, {"role must be \"campaign\" or \"blog\"", "\"brand\""}));
}

TEST(ParseConfigErrors, MissingTitleIsLocatedAtTheSiteHeader) {
  constexpr std::string_view kText = R"toml([fetch]
concurrency = 4

[site]
theme = "paper"
)toml";
  EXPECT_TRUE(FailsAt(kText, 4, 1, {"[site] is missing required key 'title'"}));
}

TEST(ParseConfigErrors, MissingSiteTableIsLocatedAtTheStart) {
  EXPECT_TRUE(FailsAt("[fetch]\nconcurrency = 4\n", 1, 1,
                      {"missing required table [site]", "whole section is absent"}));
  EXPECT_TRUE(FailsAt("", 1, 1, {"missing required table [site]"}));
}

TEST(ParseConfigErrors, MissingSourceUrlIsLocatedAtTheSourceTable) {
  constexpr std::string_view kText = R"toml([site]
title = "Lanterns"

[[source]]
name = "Quiet Streets"
feed = "https://quietstreets.example.com/feed"
)toml";
  EXPECT_TRUE(FailsAt(kText, 4, 1, {"\"Quiet Streets\"", "missing required key 'url'"}));
}

TEST(ParseConfigErrors, SourceUrlMustBeWebOrFile) {
  constexpr std::string_view kText = R"toml([site]
title = "Lanterns"
[[source]]
name = "Old mirror"
url = "ftp://mirror.example.com/blog/"
)toml";
  EXPECT_TRUE(FailsAt(kText, 5, 7, {"url must be an http(s) or file: URL", "ftp://"}));
}

TEST(ParseConfigErrors, SourceWrittenAsPlainTable) {
  constexpr std::string_view kText = R"toml([site]
title = "Lanterns"
[source]
name = "Quiet Streets"
)toml";
  EXPECT_TRUE(FailsAt(kText, 3, 1, {"array of tables", "[[source]]"}));
}

TEST(ParseConfigErrors, DuplicateSourceNameIsLocatedAtTheSecond) {
  constexpr std::string_view kText = R"toml([site]
title = "Lanterns"

[[source]]
name = "Quiet Streets"
url = "https://quietstreets.example.com/"

[[source]]
name = "Quiet Streets"
url = "https://quietstreets.example.org/"
)toml";
  EXPECT_TRUE(
      FailsAt(kText, 9, 8, {"duplicate source name \"Quiet Streets\"", "first defined at line 5"}));
}

TEST(ParseConfigErrors, BadUrlInCampaignLinks) {
  constexpr std::string_view kText = R"toml([site]
title = "Lanterns"
[campaign]
links = ["https://video.example.com/watch/lantern", "www.lantern.example.net"]
)toml";
  EXPECT_TRUE(FailsAt(kText, 4, 53, {"links entry must be an http(s) URL", "www.lantern"}));
}

TEST(ParseConfigErrors, BaseUrlMustBeWebUrl) {
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"Lanterns\"\nbase_url = \"hub.example.org\"\n", 3, 12,
                      {"base_url must be an http(s) URL"}));
}

TEST(ParseConfigErrors, ConcurrencyOutOfRange) {
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"L\"\n[fetch]\nconcurrency = 0\n", 4, 15,
                      {"[fetch] concurrency must be between 1 and 256, got 0"}));
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"L\"\n[fetch]\nconcurrency = 300\n", 4, 15,
                      {"between 1 and 256", "got 300"}));
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"L\"\n[fetch]\nconcurrency = 2.5\n", 4, 15,
                      {"must be an integer, got float"}));
}

TEST(ParseConfigErrors, CrawlLimits) {
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"L\"\n[crawl]\ndepth = 6\n", 4, 9,
                      {"[crawl] depth must be between 0 and 5, got 6"}));
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"L\"\n[crawl]\nmax_pages = -1\n", 4, 13,
                      {"[crawl] max_pages must be at least 0, got -1"}));
}

TEST(ParseConfigErrors, TimeoutMustBePositive) {
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"L\"\n[fetch]\ntimeout = 0\n", 4, 11,
                      {"timeout", "greater than 0"}));
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"L\"\n[fetch]\ntimeout = inf\n", 4, 11,
                      {"timeout", "greater than 0"}));
}

TEST(ParseConfigErrors, TeamMemberWithNeitherNameNorUrl) {
  constexpr std::string_view kText = R"toml([site]
title = "Lanterns"
[campaign]
team = [
  { name = "Mira" },
  { },
]
)toml";
  EXPECT_TRUE(FailsAt(kText, 6, 3, {"team member needs a name or a url"}));
}

TEST(ConfigError, WhatIsLocatedOrJustTheFileWhenLineIsZero) {
  EXPECT_STREQ(ConfigError("a/site.toml", 3, 7, "boom").what(), "a/site.toml:3:7: boom");
  EXPECT_STREQ(ConfigError("a/site.toml", 0, 0, "cannot read: gone").what(),
               "a/site.toml: cannot read: gone");
}

TEST(LoadConfig, MissingFileIsLineZero) {
  const std::filesystem::path missing =
      std::filesystem::path(::testing::TempDir()) / "confab-no-such-dir" / "site.toml";
  try {
    load_config(missing);
    FAIL() << "loaded a missing file";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.file, missing.string());
    EXPECT_EQ(error.line, 0);
    EXPECT_EQ(error.column, 0);
    EXPECT_EQ(std::string(error.what()),
              missing.string() + ": cannot read: No such file or directory");
  }
}

TEST(LoadConfig, DirectoryIsNotReadable) {
  const std::filesystem::path directory(::testing::TempDir());
  try {
    load_config(directory);
    FAIL() << "loaded a directory";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.line, 0);
    EXPECT_NE(error.message.find("cannot read"), std::string::npos) << error.what();
  }
}

TEST(LoadConfig, ReadsAFileAndResolvesPathsNextToIt) {
  const std::filesystem::path directory =
      std::filesystem::path(::testing::TempDir()) / "confab-load-config-test";
  std::filesystem::create_directories(directory);
  const std::filesystem::path file = directory / "site.toml";
  {
    std::ofstream out(file);
    out << "[site]\ntitle = \"From disk\"\n[fetch]\nreplay = \"snap\"\n";
  }
  const SiteConfig config = load_config(file);
  EXPECT_EQ(config.site.title, "From disk");
  EXPECT_EQ(config.file, file);
  EXPECT_EQ(config.replay_dir(), (directory / "snap").lexically_normal());
  EXPECT_EQ(config.output_dir(), (directory / "public").lexically_normal());

  // Errors in a loaded file name that file.
  {
    std::ofstream out(file);
    out << "[site]\ntitel = \"x\"\n";
  }
  try {
    load_config(file);
    FAIL() << "loaded a bad file";
  } catch (const ConfigError& error) {
    EXPECT_EQ(std::string(error.what()).rfind(file.string() + ":2:1: unknown key 'titel'", 0), 0u)
        << error.what();
  }
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace confab

namespace confab {
namespace {

TEST(ParseConfigSocial, WebmentionEndpointListingBoundAndSocialApis) {
  const SiteConfig config = parse_config(R"toml(
[site]
title = "t"
webmention = "https://webmention.io/hub.example/webmention"
[platforms]
lookup = ["webmention", "hackernews"]
max_listed = 250
bluesky_api = "http://127.0.0.1:9000/"
webmention_api = "http://127.0.0.1:9001"
)toml",
                                         "site.toml");
  EXPECT_EQ(config.site.webmention, "https://webmention.io/hub.example/webmention");
  EXPECT_EQ(config.platforms.lookup, (std::vector<std::string>{"webmention", "hackernews"}));
  EXPECT_EQ(config.platforms.max_listed, 250);
  EXPECT_EQ(config.platforms.api.at("bluesky"), "http://127.0.0.1:9000");
  EXPECT_EQ(config.platforms.api.at("webmention"), "http://127.0.0.1:9001");
}

TEST(ParseConfigSocial, DefaultsLookUpWebmentionsAndListAHundred) {
  const SiteConfig config = parse_config("[site]\ntitle = \"t\"\n", "site.toml");
  EXPECT_EQ(config.site.webmention, "");
  EXPECT_EQ(config.platforms.lookup,
            (std::vector<std::string>{"hackernews", "reddit", "webmention"}));
  EXPECT_EQ(config.platforms.max_listed, 100);
}

TEST(ParseConfigSocial, MastodonCannotLookUpAndHasNoApiKey) {
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"t\"\n[platforms]\nlookup = [\"mastodon\"]\n", 4, 11,
                      {"lookup", "mastodon", "webmention"}));
  EXPECT_TRUE(FailsAt("[site]\ntitle = \"t\"\n[platforms]\nmastodon_api = \"https://x.example\"\n",
                      4, 1, {"mastodon_api"}));
  EXPECT_TRUE(
      FailsAt("[site]\ntitle = \"t\"\nwebmention = \"ftp://x.example/\"\n", 3, 14, {"webmention"}));
}

}  // namespace
}  // namespace confab
