#include "parse/inspect_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "parse_fixtures.h"

namespace confab {
namespace {

TEST(InspectJson, KeysInSchemaOrderWithNullsAndEmptyLists) {
  Feed feed;
  feed.format = FeedFormat::atom10;
  feed.title = "T";
  feed.warnings.push_back("w1");
  Entry entry;
  entry.id = "urn:1";
  entry.published = make_utc_time(2009, 5, 6, 19, 30, 0);
  entry.comment_count = 0;
  entry.in_reply_to.push_back(InReplyTo{"urn:0", ""});
  entry.enclosures.push_back(Enclosure{"http://x/a.mp3", "audio/mpeg", std::nullopt});
  feed.entries.push_back(entry);

  const std::string text = feed_to_inspect_json(feed);
  const auto json = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& item : json.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"format", "title", "link", "description", "language",
                                            "published", "updated", "authors", "categories", "self",
                                            "comments_feed", "warnings", "entries"}));
  EXPECT_EQ(json["format"], "atom1.0");
  EXPECT_TRUE(json["link"].is_null());
  EXPECT_TRUE(json["updated"].is_null());
  EXPECT_EQ(json["authors"], nlohmann::ordered_json::array());
  EXPECT_EQ(json["warnings"][0], "w1");

  const auto& e = json["entries"][0];
  keys.clear();
  for (const auto& item : e.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "title", "link", "published", "updated",
                                            "authors", "summary", "content", "categories",
                                            "comments_url", "comments_feed", "comment_count",
                                            "in_reply_to", "enclosures"}));
  EXPECT_EQ(e["published"], "2009-05-06T19:30:00Z");
  EXPECT_TRUE(e["title"].is_null());
  EXPECT_EQ(e["comment_count"], 0);  // zero is a value, not an absence
  EXPECT_EQ(e["categories"], nlohmann::ordered_json::array());
  EXPECT_EQ(e["in_reply_to"][0]["ref"], "urn:0");
  EXPECT_TRUE(e["in_reply_to"][0]["href"].is_null());
  EXPECT_TRUE(e["enclosures"][0]["length"].is_null());
  // Pretty-printed with two spaces.
  EXPECT_TRUE(text.starts_with("{\n  \"format\": \"atom1.0\",\n  \"title\": \"T\",")) << text;
}

TEST(InspectJson, RealFeedRoundTrip) {
  const Feed feed =
      testing::parse_fixture("wordpress_posts.rss", "https://kettle.example.com/feed/");
  const auto json = nlohmann::json::parse(feed_to_inspect_json(feed));
  EXPECT_EQ(json["format"], "rss2.0");
  EXPECT_EQ(json["updated"], "2009-05-07T08:15:00Z");
  ASSERT_EQ(json["entries"].size(), 2u);
  EXPECT_EQ(json["entries"][0]["comment_count"], 7);
  EXPECT_EQ(json["entries"][0]["authors"][0]["name"], "Marta Quill");
  EXPECT_TRUE(json["entries"][0]["authors"][0]["email"].is_null());
  EXPECT_EQ(json["entries"][0]["categories"][1], "Bread");
}

}  // namespace
}  // namespace confab
