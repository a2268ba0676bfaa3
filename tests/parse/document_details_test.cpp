// Document-level details: languages, RSS in odd namespaces, the channel's image, enclosure
// lengths, a stray HTML doctype. (DTD entities: recovery_test.cpp.)
#include <gtest/gtest.h>

#include "parse/feed.h"
#include "parse/field_readers.h"
#include "parse_fixtures.h"

namespace confab {
namespace {

using testing::parse_fixture;
using testing::parse_text;

TEST(DocumentDetails, LanguageTagsAreNormalised) {
  EXPECT_EQ(normalize_language("en_US"), "en-US");
  EXPECT_EQ(normalize_language(" EN-us "), "en-US");
  EXPECT_EQ(normalize_language("fr"), "fr");
  EXPECT_EQ(normalize_language("zh_hant_tw"), "zh-Hant-TW");
  EXPECT_EQ(normalize_language("de-CH-1996"), "de-CH-1996");
  EXPECT_EQ(normalize_language(""), "");
}

TEST(DocumentDetails, LanguageFromEveryPlaceAFeedSaysIt) {
  EXPECT_EQ(parse_fixture("liberal/podcast.rss", "https://lanterntalk.example.org/feed").language,
            "fr-CA");
  EXPECT_EQ(parse_fixture("liberal/dublin_core.rdf", "https://notebook.example.com/rss").language,
            "en-GB");
  EXPECT_EQ(parse_fixture("liberal/atom03_modes.xml", "https://kaffee.example.at/atom").language,
            "de-AT");
  EXPECT_EQ(parse_text(R"(<rss version="2.0" xml:lang="pt_br"><channel><title>t</title>)"
                       "</channel></rss>")
                .language,
            "pt-BR");
  EXPECT_EQ(parse_text(R"(<rss version="2.0"><channel xml:lang="it"><title>t</title>)"
                       "</channel></rss>")
                .language,
            "it");
  // <language> says it better than an attribute.
  EXPECT_EQ(parse_text(R"(<rss version="2.0" xml:lang="en"><channel><language>nl-be</language>)"
                       "</channel></rss>")
                .language,
            "nl-BE");
}

TEST(DocumentDetails, RssInANamespaceOfItsOwn) {
  for (const char* uri : {"http://backend.userland.com/rss2", "http://purl.org/net/rss2/",
                          "http://example.org/our-idea-of-rss"}) {
    const Feed feed = parse_text(std::string(R"(<rss version="2.0" xmlns=")") + uri +
                                 R"("><channel><title>Namespaced</title><item><title>one</title>)"
                                 "<link>https://ns.example.com/1</link></item></channel></rss>");
    EXPECT_EQ(feed.title, "Namespaced") << uri;
    ASSERT_EQ(feed.entries.size(), 1u) << uri;
    EXPECT_EQ(feed.entries[0].title, "one");
    EXPECT_EQ(feed.entries[0].link, "https://ns.example.com/1");
  }
}

TEST(DocumentDetails, RssWithNoVersionAndNoNamespace) {
  const Feed feed = parse_text(
      "<rss><channel><title>Bare</title><item><title>i</title>"
      "</item></channel></rss>");
  EXPECT_EQ(feed.title, "Bare");
  EXPECT_EQ(feed.entries.size(), 1u);
}

TEST(DocumentDetails, TheChannelImageLinkIsNeverAnItemsLink) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel><title>t</title>
    <image><url>https://img.example.com/logo.png</url><title>logo</title>
      <link>https://img.example.com/</link></image>
    <link>https://site.example.com/</link>
    <item><title>no link of its own</title><guid isPermaLink="false">x1</guid></item>
    <item><title>linked</title><link>https://site.example.com/2</link></item>
    <textInput><title>Search</title><link>https://site.example.com/search</link></textInput>
  </channel></rss>)");
  EXPECT_EQ(feed.title, "t");
  EXPECT_EQ(feed.link, "https://site.example.com/");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].link, "");
  EXPECT_EQ(feed.entries[1].link, "https://site.example.com/2");
}

TEST(DocumentDetails, EnclosureLengthsAsGiven) {
  const Feed feed = parse_fixture("liberal/podcast.rss", "https://lanterntalk.example.org/feed");
  const auto& enclosures = feed.entries.at(0).enclosures;
  ASSERT_EQ(enclosures.size(), 4u);
  EXPECT_EQ(enclosures[0].length, 3489152901LL);  // past 2 GB
  EXPECT_EQ(enclosures[1].length, 0);             // zero is a length, not a missing one
  EXPECT_EQ(enclosures[2].length, 2048);          // white space around it is no matter
  EXPECT_EQ(enclosures[3].length, std::nullopt);  // words are no length
  EXPECT_EQ(enclosures[3].url, "https://media.example.net/lt/12.txt");
}

TEST(DocumentDetails, AStrayHtmlDoctypeBeforeAFeedRoot) {
  const Feed feed = parse_text(
      R"(<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">)"
      "<rss version=\"2.0\"><channel><title>Still a feed</title></channel></rss>");
  EXPECT_EQ(feed.title, "Still a feed");
  EXPECT_THROW(parse_text("<!DOCTYPE html><head><title>page</title></head>"), ParseError);
}

TEST(DocumentDetails, AnAtomIdThatIsAWebAddressIsTheLinkWhenNoneIsGiven) {
  const Feed feed = parse_text(R"(<feed xmlns="http://www.w3.org/2005/Atom">
    <id>https://ids.example.com/</id><title>t</title>
    <entry><id>https://ids.example.com/posts/1</id><title>a</title></entry>
    <entry><id>urn:uuid:4a2f</id><title>b</title></entry>
    <entry><id>https://ids.example.com/posts/3</id><title>c</title>
      <link href="https://ids.example.com/3.html"/></entry></feed>)");
  EXPECT_EQ(feed.link, "https://ids.example.com/");
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[0].link, "https://ids.example.com/posts/1");
  EXPECT_EQ(feed.entries[1].link, "");
  EXPECT_EQ(feed.entries[2].link, "https://ids.example.com/3.html");
}

}  // namespace
}  // namespace confab
