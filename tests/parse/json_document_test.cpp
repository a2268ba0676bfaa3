// JSON from outside with a depth cap (issue 13): deep values are left out, the rest is read.
#include "parse/json_document.h"

#include <gtest/gtest.h>

#include <string>

#include "parse/feed.h"

namespace confab {
namespace {

std::string nested_arrays(std::size_t levels) {
  return std::string(levels, '[') + std::string(levels, ']');
}

TEST(JsonDocument, AMillionLevelsAreLeftOutBelowTheCapAndTheRestIsRead) {
  const JsonDocument document =
      read_json_document("{\"deep\": " + nested_arrays(1'000'000) + ", \"name\": \"kept\"}");
  ASSERT_TRUE(document.root.is_object());
  EXPECT_TRUE(document.capped);
  EXPECT_EQ(document.root.at("name"), "kept");
  // What is left of the deep value goes down to the cap and stops.
  const nlohmann::json* level = &document.root.at("deep");
  std::size_t depth = 1;
  while (level->is_array() && !level->empty()) {
    level = &level->front();
    ++depth;
  }
  EXPECT_EQ(depth, kJsonNestingCap - 1);
}

TEST(JsonDocument, TheCapCountsObjectsAndArraysAlike) {
  const JsonDocument document = read_json_document(R"({"a": {"b": [1, {"c": 2}]}, "d": 3})", 3);
  EXPECT_TRUE(document.capped);
  EXPECT_EQ(document.root.dump(), R"({"a":{"b":[1]},"d":3})");
  const JsonDocument whole = read_json_document(R"({"a": {"b": [1, {"c": 2}]}, "d": 3})", 4);
  EXPECT_FALSE(whole.capped);
  EXPECT_EQ(whole.root.dump(), R"({"a":{"b":[1,{"c":2}]},"d":3})");
}

TEST(JsonDocument, TextThatIsNotJsonIsDiscarded) {
  EXPECT_TRUE(read_json_document("{\"open\": [").root.is_discarded());
  EXPECT_TRUE(read_json_document(nested_arrays(2'000'000).substr(1)).root.is_discarded());
}

TEST(JsonDocument, AJsonFeedNestedAMillionLevelsKeepsItsItemsAndWarns) {
  const std::string text = R"({"version": "https://jsonfeed.org/version/1.1", "title": "Deep",
    "_ext": )" + nested_arrays(1'000'000) +
                           R"(, "items": [{"id": "1", "url": "https://deep.example/1",
    "content_html": "<p>Afloat</p>"}]})";
  const Feed feed =
      parse_feed(Document{"https://deep.example/feed.json", "application/feed+json", text});
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].content, "<p>Afloat</p>");
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_EQ(feed.warnings[0], "JSON nested deeper than 512 levels; what lies deeper was left out");
}

}  // namespace
}  // namespace confab
