// People in feeds: every element a generator names an author with, every way it writes one.
#include <gtest/gtest.h>

#include "parse/feed.h"
#include "parse/field_readers.h"
#include "parse_fixtures.h"

namespace confab {
namespace {

using testing::parse_fixture;
using testing::parse_text;

void expect_person(const Author& author, const std::string& name, const std::string& email,
                   const std::string& uri = "") {
  EXPECT_EQ(author.name, name);
  EXPECT_EQ(author.email, email);
  EXPECT_EQ(author.uri, uri);
}

TEST(Authors, EveryWayRssWritesAPerson) {
  expect_person(parse_rss_person("ana@example.org (Ana Lima)"), "Ana Lima", "ana@example.org");
  expect_person(parse_rss_person("Ana Lima (ana@example.org)"), "Ana Lima", "ana@example.org");
  expect_person(parse_rss_person("Ana Lima <ana@example.org>"), "Ana Lima", "ana@example.org");
  expect_person(parse_rss_person("  ana@example.org  "), "", "ana@example.org");
  expect_person(parse_rss_person("Ana Lima"), "Ana Lima", "");
  expect_person(parse_rss_person("Ana Lima (mailto:ana@example.org)"), "Ana Lima",
                "ana@example.org");
  expect_person(parse_rss_person("<ana@example.org>"), "", "ana@example.org");
  // The address given twice names no one.
  expect_person(parse_rss_person("ana@example.org (ana@example.org)"), "", "ana@example.org");
  // An "@" that is not in an address ("@ana" on a social network) is part of the name.
  expect_person(parse_rss_person("Ana (@ana)"), "Ana (@ana)", "");
}

TEST(Authors, ItemAuthorsFromEveryElementInOrder) {
  const Feed feed = parse_fixture("liberal/podcast.rss", "https://lanterntalk.example.org/feed");
  ASSERT_EQ(feed.entries.size(), 1u);
  const auto& authors = feed.entries[0].authors;
  // itunes:author, dc:creator, then <author>, whose address joins the dc:creator of that name.
  ASSERT_EQ(authors.size(), 2u);
  expect_person(authors[0], "Maude Lantier", "");
  expect_person(authors[1], "Théo Brun", "theo@lanterntalk.example.org");
}

TEST(Authors, ChannelAuthorsWithoutTheWebMasterWhenOthersAreNamed) {
  const Feed feed = parse_fixture("liberal/podcast.rss", "https://lanterntalk.example.org/feed");
  // itunes:author and managingEditor are one person; the owner is the collective.
  ASSERT_EQ(feed.authors.size(), 2u);
  expect_person(feed.authors[0], "Maude Lantier", "maude@lanterntalk.example.org");
  expect_person(feed.authors[1], "Lantern Talk Collective", "collective@lanterntalk.example.org");
}

TEST(Authors, WebMasterOnlyWhenNoOneElseIsNamed) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel><title>t</title>
    <webMaster>ops@example.net (Site Operations)</webMaster></channel></rss>)");
  ASSERT_EQ(feed.authors.size(), 1u);
  expect_person(feed.authors[0], "Site Operations", "ops@example.net");
}

TEST(Authors, DublinCoreCreatorAndAuthorAreSplitToo) {
  const Feed feed = parse_fixture("liberal/dublin_core.rdf", "https://notebook.example.com/rss");
  ASSERT_EQ(feed.authors.size(), 1u);
  expect_person(feed.authors[0], "Ines Okafor", "ines@notebook.example.com");
  ASSERT_EQ(feed.entries.size(), 2u);
  const auto& authors = feed.entries[0].authors;
  ASSERT_EQ(authors.size(), 2u);
  expect_person(authors[0], "Ines Okafor", "");
  expect_person(authors[1], "Paul Ng", "paul@notebook.example.com");
}

TEST(Authors, ChannelLevelAuthorAndDcAuthor) {
  const Feed feed = parse_text(R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel><title>t</title><author>Kim Ode</author>
    <dc:author>lee@example.com</dc:author></channel></rss>)");
  ASSERT_EQ(feed.authors.size(), 2u);
  expect_person(feed.authors[0], "Kim Ode", "");
  expect_person(feed.authors[1], "", "lee@example.com");
}

TEST(Authors, SeveralAuthorsOfOneItemKeepTheirOrder) {
  const Feed feed = parse_text(R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel><title>t</title><item><title>i</title>
    <dc:creator>Zoe</dc:creator><dc:creator>Adam</dc:creator><dc:creator>Mia</dc:creator>
    <dc:creator>Adam</dc:creator></item></channel></rss>)");
  const auto& authors = feed.entries.at(0).authors;
  ASSERT_EQ(authors.size(), 3u);
  EXPECT_EQ(authors[0].name, "Zoe");
  EXPECT_EQ(authors[1].name, "Adam");
  EXPECT_EQ(authors[2].name, "Mia");
}

TEST(Authors, AtomAuthorInRss) {
  const Feed feed = parse_text(R"(<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
    <channel><title>t</title><item><title>i</title>
    <atom:author><atom:name>Rui</atom:name><atom:uri>/rui</atom:uri></atom:author>
    </item></channel></rss>)",
                               "https://blog.example.pt/feed");
  ASSERT_EQ(feed.entries.at(0).authors.size(), 1u);
  expect_person(feed.entries[0].authors[0], "Rui", "", "https://blog.example.pt/rui");
}

TEST(Authors, Atom03HomepageAndUrlAreTheAuthorsUri) {
  const Feed feed = parse_fixture("liberal/atom03_modes.xml", "https://kaffee.example.at/atom");
  ASSERT_EQ(feed.authors.size(), 1u);
  expect_person(feed.authors[0], "Franziska Berger", "fb@kaffee.example.at",
                "https://kaffee.example.at/franziska");
  ASSERT_EQ(feed.entries.size(), 3u);
  ASSERT_EQ(feed.entries[1].authors.size(), 1u);
  expect_person(feed.entries[1].authors[0], "Lukas Hofer", "", "https://lukas.example.at/");
  // Entries without authors of their own have the feed's (RFC 4287 4.2.1, as in 0.3).
  ASSERT_EQ(feed.entries[0].authors.size(), 1u);
  EXPECT_EQ(feed.entries[0].authors[0].name, "Franziska Berger");
}

}  // namespace
}  // namespace confab
