// parse_feed's dispatch: which format, what is not a feed, and how it says so.
#include <gtest/gtest.h>

#include "parse_fixtures.h"

namespace confab {
namespace {

using testing::parse_text;

std::string error_of(const std::string& body, const std::string& url = "https://x.example/y",
                     const std::string& content_type = "") {
  try {
    parse_feed(Document{url, content_type, body});
  } catch (const ParseError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(ParseFeed, FormatNames) {
  EXPECT_STREQ(feed_format_name(FeedFormat::rss20), "rss2.0");
  EXPECT_STREQ(feed_format_name(FeedFormat::rss10), "rss1.0");
  EXPECT_STREQ(feed_format_name(FeedFormat::rss09x), "rss0.9x");
  EXPECT_STREQ(feed_format_name(FeedFormat::atom10), "atom1.0");
  EXPECT_STREQ(feed_format_name(FeedFormat::atom03), "atom0.3");
  EXPECT_STREQ(feed_format_name(FeedFormat::jsonfeed), "jsonfeed");
}

TEST(ParseFeed, VersionsPickTheFormat) {
  EXPECT_EQ(parse_text("<rss version=\"2.0\"><channel/></rss>").format, FeedFormat::rss20);
  EXPECT_EQ(parse_text("<rss><channel/></rss>").format, FeedFormat::rss20);
  EXPECT_EQ(parse_text("<rss version=\"0.92\"><channel/></rss>").format, FeedFormat::rss09x);
  EXPECT_EQ(parse_text("<feed version=\"0.3\"/>").format, FeedFormat::atom03);
}

TEST(ParseFeed, HtmlPageIsNotAFeedAndSaysWhichFeedsItAdvertises) {
  const std::string message = error_of(R"(<!DOCTYPE html><html><head>
    <link rel="alternate" type="application/rss+xml" href="/feed/">
    <link rel="alternate" type="application/atom+xml" href="/feed/atom/">
    </head><body>hi</body></html>)");
  EXPECT_EQ(message,
            "https://x.example/y: not a feed (HTML page; it advertises 2 feeds: "
            "https://x.example/feed/, https://x.example/feed/atom/)");
  EXPECT_EQ(error_of("<html><body>no feeds</body></html>"),
            "https://x.example/y: not a feed (HTML page)");
}

TEST(ParseFeed, OtherThingsThatAreNotFeeds) {
  EXPECT_EQ(error_of(""), "https://x.example/y: not a feed (empty document)");
  EXPECT_EQ(error_of(" \n\t "), "https://x.example/y: not a feed (empty document)");
  EXPECT_EQ(error_of(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)),
            "https://x.example/y: not a feed (PNG image)");
  EXPECT_EQ(error_of(std::string("\x01\x02\0\0garbage", 11)),
            "https://x.example/y: not a feed (binary data)");
  EXPECT_EQ(error_of("{\"rss\": {\"version\": \"2.0\"}}"),
            "https://x.example/y: not a feed (JSON without a JSON Feed version)");
  EXPECT_EQ(error_of("{\"version\": \"https://jsonfeed.org/version/1\", "),
            "https://x.example/y: not a feed (unreadable JSON)");
  EXPECT_EQ(error_of("<opml version=\"1.0\"><body/></opml>"),
            "https://x.example/y: not a feed (OPML subscription list)");
  EXPECT_EQ(error_of("<catalog><book/></catalog>"),
            "https://x.example/y: not a feed (XML document with root <catalog>)");
  EXPECT_EQ(error_of("just some words, no markup at all"),
            "https://x.example/y: not a feed (unreadable XML: No document element found at line "
            "1)");
}

TEST(ParseFeed, JsonFeed) {
  const Feed feed = parse_text(R"({
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Kettle JSON",
    "home_page_url": "https://kettle.example.com/",
    "feed_url": "https://kettle.example.com/feed.json",
    "language": "en",
    "authors": [{"name": "Marta Quill", "url": "/about/"}],
    "items": [
      {"id": "123", "url": "/2009/05/06/sourdough-challenge/", "title": "Sourdough",
       "content_html": "<p><a href=\"/tag/x/\">x</a></p>", "summary": "a < b",
       "date_published": "2009-05-06T19:30:00Z", "tags": ["Bread"],
       "attachments": [{"url": "/a.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 99}]},
      {"id": 7, "content_text": "plain & simple", "date_modified": "not a date",
       "author": {"name": "Old Style"}}
    ]})",
                               "https://kettle.example.com/feed.json");
  EXPECT_EQ(feed.format, FeedFormat::jsonfeed);
  EXPECT_EQ(feed.title, "Kettle JSON");
  EXPECT_EQ(feed.link, "https://kettle.example.com/");
  EXPECT_EQ(feed.self, "https://kettle.example.com/feed.json");
  EXPECT_EQ(feed.authors.at(0).uri, "https://kettle.example.com/about/");
  ASSERT_EQ(feed.entries.size(), 2u);
  const Entry& first = feed.entries[0];
  EXPECT_EQ(first.id, "123");
  EXPECT_EQ(first.link, "https://kettle.example.com/2009/05/06/sourdough-challenge/");
  EXPECT_EQ(first.content, "<p><a href=\"https://kettle.example.com/tag/x/\">x</a></p>");
  EXPECT_EQ(first.summary, "a &lt; b");
  EXPECT_EQ(first.published, make_utc_time(2009, 5, 6, 19, 30, 0));
  EXPECT_EQ(first.categories, std::vector<std::string>{"Bread"});
  ASSERT_EQ(first.enclosures.size(), 1u);
  EXPECT_EQ(first.enclosures[0].length, 99);
  const Entry& second = feed.entries[1];
  EXPECT_EQ(second.id, "7");
  EXPECT_EQ(second.content, "plain &amp; simple");
  EXPECT_EQ(second.authors.at(0).name, "Old Style");
  EXPECT_FALSE(second.updated);
  EXPECT_TRUE(testing::has_warning(feed, "unparseable date \"not a date\""));
}

TEST(LooksLikeFeed, BySniffingTheRootThenTheContentType) {
  const auto looks = [](const std::string& body, const std::string& type = "") {
    return looks_like_feed(Document{"https://x.example/", type, body});
  };
  EXPECT_TRUE(looks("<?xml version=\"1.0\"?><rss version=\"2.0\"/>"));
  EXPECT_TRUE(looks("<!-- generator --><feed xmlns=\"http://www.w3.org/2005/Atom\"/>"));
  EXPECT_TRUE(looks("<rdf:RDF xmlns:rdf=\"x\"/>"));
  EXPECT_TRUE(looks("\xEF\xBB\xBF<rss/>", "text/html"));  // servers mislabel feeds
  EXPECT_TRUE(looks("{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[]}"));
  EXPECT_FALSE(looks("{\"hello\":1}", "application/json"));
  EXPECT_FALSE(looks("<!DOCTYPE html><html></html>", "application/rss+xml"));
  EXPECT_FALSE(looks("<html><head></head></html>"));
  EXPECT_FALSE(looks("<catalog/>"));
  EXPECT_FALSE(looks(""));
  EXPECT_TRUE(looks("Notice: something went wrong", "application/rss+xml"));
}

}  // namespace
}  // namespace confab
