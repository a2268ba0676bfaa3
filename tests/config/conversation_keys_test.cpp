// The keys that steer the conversation: [crawl] allow/deny/allow_private, [spam], [[person]].
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "config/config.h"

namespace confab {
namespace {

std::string located_error(std::string_view text) {
  try {
    parse_config(text, "site.toml");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "parsed without error";
}

TEST(ConversationKeys, ReadsCrawlSpamAndPeople) {
  const SiteConfig config = parse_config(R"toml(
[site]
title = "T"
[crawl]
allow = ["Blogs.example", ".wordpress.com"]
deny = ["spam.example"]
allow_private = true
[spam]
allow = ["Aunt Mia", "friendly.example"]
deny = ["cheap-shop.example"]
[[person]]
name = "Geert"
aliases = ["geertd", "G. D."]
urls = ["https://geert.example/"]
team = true
[[person]]
name = "Toby"
)toml",
                                         "site.toml");
  EXPECT_EQ(config.crawl.allow, (std::vector<std::string>{"blogs.example", "wordpress.com"}));
  EXPECT_EQ(config.crawl.deny, (std::vector<std::string>{"spam.example"}));
  EXPECT_TRUE(config.crawl.allow_private);
  EXPECT_EQ(config.spam.allow, (std::vector<std::string>{"Aunt Mia", "friendly.example"}));
  EXPECT_EQ(config.spam.deny, (std::vector<std::string>{"cheap-shop.example"}));
  ASSERT_EQ(config.people.size(), 2u);
  EXPECT_EQ(config.people[0].name, "Geert");
  EXPECT_EQ(config.people[0].aliases, (std::vector<std::string>{"geertd", "G. D."}));
  EXPECT_EQ(config.people[0].urls, (std::vector<std::string>{"https://geert.example/"}));
  EXPECT_TRUE(config.people[0].team);
  EXPECT_FALSE(config.people[1].team);
}

TEST(ConversationKeys, DefaultsCrawlNothingPrivate) {
  const SiteConfig config = parse_config("[site]\ntitle = \"T\"\n", "site.toml");
  EXPECT_FALSE(config.crawl.allow_private);
  EXPECT_TRUE(config.crawl.allow.empty());
  EXPECT_TRUE(config.spam.deny.empty());
  EXPECT_TRUE(config.people.empty());
}

TEST(ConversationKeys, ErrorsAreLocated) {
  EXPECT_EQ(located_error("[site]\ntitle = \"T\"\n[crawl]\nallow_private = \"yes\"\n"),
            "site.toml:4:17: [crawl] allow_private must be true or false, got string");
  EXPECT_EQ(located_error("[site]\ntitle = \"T\"\n[crawl]\ndeny = [\"https://x.example/\"]\n"),
            "site.toml:4:9: [crawl] deny entry must be a domain like \"example.com\", got "
            "\"https://x.example/\"");
  EXPECT_EQ(located_error("[site]\ntitle = \"T\"\n[spam]\nalow = []\n"),
            "site.toml:4:1: unknown key 'alow' in [spam]; did you mean 'allow'?");
  EXPECT_EQ(located_error("[site]\ntitle = \"T\"\n[[person]]\naliases = [\"x\"]\n"),
            "site.toml:3:1: [[person]] is missing required key 'name'");
  EXPECT_EQ(located_error("[site]\ntitle = \"T\"\n[[person]]\nname = \"x\"\nurl = \"y\"\n"),
            "site.toml:5:1: unknown key 'url' in [[person]]; did you mean 'urls'?");
  EXPECT_EQ(located_error("[site]\ntitle = \"T\"\n[person]\nname = \"x\"\n"),
            "site.toml:3:1: person must be an array of tables: write [[person]], not [person]");
  EXPECT_NE(located_error("[site]\ntitle = \"T\"\n[spma]\n").find("did you mean [spam]?"),
            std::string::npos);
}

}  // namespace
}  // namespace confab
