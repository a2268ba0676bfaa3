// Dublin Core and DC terms standing in for RSS's own fields, and a feed's own categories and
// dates.
#include <gtest/gtest.h>

#include "base/time.h"
#include "parse/feed.h"
#include "parse_fixtures.h"

namespace confab {
namespace {

using testing::parse_fixture;
using testing::parse_text;

std::string when(const std::optional<UnixTime>& time) {
  return time ? format_rfc3339(*time) : "(none)";
}

TEST(DublinCore, ChannelFieldsFromDublinCore) {
  const Feed feed = parse_fixture("liberal/dublin_core.rdf", "https://notebook.example.com/rss");
  EXPECT_EQ(feed.format, FeedFormat::rss10);
  EXPECT_EQ(feed.title, "Field Notebook");
  // A description is plain text: the escaped markup in it is read, not shown.
  EXPECT_EQ(feed.description, "Notes from the field, weekly.");
  EXPECT_EQ(feed.language, "en-GB");
  EXPECT_EQ(feed.categories, (std::vector<std::string>{"fieldwork", "botany"}));
  EXPECT_EQ(when(feed.updated), "2026-09-30T07:00:00Z");
  EXPECT_EQ(when(feed.published), "2026-01-15T12:00:00Z");
}

TEST(DublinCore, ItemFieldsFromDublinCore) {
  const Feed feed = parse_fixture("liberal/dublin_core.rdf", "https://notebook.example.com/rss");
  ASSERT_EQ(feed.entries.size(), 2u);
  const Entry& week39 = feed.entries[0];
  EXPECT_EQ(week39.categories, (std::vector<std::string>{"moss"}));
  // dc:date is when an RSS 1.0 item was published; dcterms:modified when it last changed.
  EXPECT_EQ(when(week39.published), "2026-09-30T07:00:00Z");
  EXPECT_EQ(when(week39.updated), "2026-10-02T10:15:00Z");

  const Entry& week38 = feed.entries[1];
  EXPECT_EQ(week38.title, "Week 38: a quiet week");
  EXPECT_EQ(week38.summary, "Rain, mostly.");
  // dcterms:issued is the publication; dcterms:created only stands in when nothing else does.
  EXPECT_EQ(when(week38.published), "2026-09-23T07:00:00Z");
  EXPECT_EQ(week38.id, "https://notebook.example.com/week-38");
}

TEST(DublinCore, RssOwnFieldsWinOverDublinCore) {
  const Feed feed = parse_text(R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel><title>RSS title</title><dc:title>DC title</dc:title>
    <description>RSS words</description><dc:description>DC words</dc:description>
    <item><dc:title>DC item</dc:title><title>RSS item</title>
      <dc:description>DC summary</dc:description><description>RSS summary</description>
    </item></channel></rss>)");
  EXPECT_EQ(feed.title, "RSS title");
  EXPECT_EQ(feed.description, "RSS words");
  EXPECT_EQ(feed.entries.at(0).title, "RSS item");
  EXPECT_EQ(feed.entries.at(0).summary, "RSS summary");
}

TEST(DublinCore, CreatedStandsInWhenNothingElseDates) {
  const Feed feed = parse_text(R"(<rss version="2.0" xmlns:dcterms="http://purl.org/dc/terms/">
    <channel><title>t</title><item><title>i</title>
    <dcterms:created>2025-05-05T05:05:05Z</dcterms:created></item></channel></rss>)");
  EXPECT_EQ(when(feed.entries.at(0).published), "2025-05-05T05:05:05Z");
}

TEST(DublinCore, ChannelCategoriesAndDatesOnTheFeed) {
  const Feed feed = parse_fixture("liberal/podcast.rss", "https://lanterntalk.example.org/feed");
  EXPECT_EQ(when(feed.published), "2026-10-03T22:00:00Z");
  EXPECT_EQ(when(feed.updated), "2026-10-04T13:30:00Z");
  // itunes:category (nested ones too) and itunes:keywords are the feed's categories.
  EXPECT_EQ(feed.categories, (std::vector<std::string>{"Society & Culture", "Places & Travel",
                                                       "lanterns", "night walks", "autumn"}));
  EXPECT_EQ(feed.description, "Walks, lights and the people who carry them");
}

TEST(DublinCore, ChannelDatesOfTheSameMeaningLastOneWins) {
  const Feed feed = parse_text(R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
      xmlns:dcterms="http://purl.org/dc/terms/"><channel><title>t</title>
    <category>news</category><dc:subject>local</dc:subject><category>weather</category>
    <lastBuildDate>Mon, 02 Mar 2026 10:00:00 GMT</lastBuildDate>
    <dcterms:modified>2026-03-02T11:00:00Z</dcterms:modified>
    <pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate></channel></rss>)");
  EXPECT_EQ(feed.categories, (std::vector<std::string>{"news", "local", "weather"}));
  EXPECT_EQ(when(feed.updated), "2026-03-02T11:00:00Z");
  EXPECT_EQ(when(feed.published), "2026-03-01T10:00:00Z");
}

TEST(DublinCore, AChannelNeverRebuiltWasUpdatedWhenPublished) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel><title>t</title>
    <pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate></channel></rss>)");
  EXPECT_EQ(when(feed.updated), "2026-03-01T10:00:00Z");
}

TEST(DublinCore, AtomFeedCategories) {
  const Feed feed = parse_text(R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
    <category term="lanterns"/><category label="Night walks"/></feed>)");
  EXPECT_EQ(feed.categories, (std::vector<std::string>{"lanterns", "Night walks"}));
}

TEST(DublinCore, ItemCategoriesFromEveryVocabulary) {
  const Feed feed = parse_fixture("liberal/podcast.rss", "https://lanterntalk.example.org/feed");
  EXPECT_EQ(feed.entries.at(0).categories,
            (std::vector<std::string>{"Places & Travel", "river", "walk"}));
  const Feed wrapped = parse_text(R"(<rss version="2.0"><channel><item><title>i</title>
    <categories><category>one</category><category>two</category></categories>
    </item></channel></rss>)");
  EXPECT_EQ(wrapped.entries.at(0).categories, (std::vector<std::string>{"one", "two"}));
}

}  // namespace
}  // namespace confab
