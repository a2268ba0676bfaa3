#include <gtest/gtest.h>

#include "parse/entry_id.h"
#include "parse/feed.h"
#include "parse_fixtures.h"

namespace confab {
namespace {

using testing::has_warning;
using testing::parse_fixture;
using testing::parse_text;

TEST(Rss, WordPressPostFeed) {
  const Feed feed = parse_fixture("wordpress_posts.rss", "https://kettle.example.com/feed/");
  EXPECT_EQ(feed.format, FeedFormat::rss20);
  EXPECT_EQ(feed.title, "Kettle & Crumb");
  EXPECT_EQ(feed.link, "https://kettle.example.com");
  EXPECT_EQ(feed.description, "A baking blog that argues about butter");
  EXPECT_EQ(feed.language, "en-US");
  EXPECT_EQ(feed.self, "https://kettle.example.com/feed/");
  EXPECT_EQ(feed.updated, make_utc_time(2009, 5, 7, 8, 15, 0));
  EXPECT_TRUE(feed.warnings.empty());
  ASSERT_EQ(feed.entries.size(), 2u);

  const Entry& post = feed.entries[0];
  EXPECT_EQ(post.id, "https://kettle.example.com/?p=123");
  EXPECT_EQ(post.title, "Why the Sourdough Challenge Matters");
  EXPECT_EQ(post.link, "https://kettle.example.com/2009/05/06/sourdough-challenge/");
  EXPECT_EQ(post.comments_url,
            "https://kettle.example.com/2009/05/06/sourdough-challenge/#comments");
  EXPECT_EQ(post.comments_feed, "https://kettle.example.com/2009/05/06/sourdough-challenge/feed/");
  EXPECT_EQ(post.comment_count, 7);
  EXPECT_EQ(post.published, make_utc_time(2009, 5, 6, 19, 30, 0));
  ASSERT_EQ(post.authors.size(), 1u);
  EXPECT_EQ(post.authors[0].name, "Marta Quill");
  EXPECT_EQ(post.categories, (std::vector<std::string>{"Campaigns", "Bread"}));
  // HTML fields keep the feed's HTML as given: the reference stays a reference.
  EXPECT_EQ(post.summary, "Seven days, one starter, and a lot of flour on the floor [&#8230;]");
  // Relative URLs inside the HTML are made absolute against the feed's URL.
  EXPECT_NE(post.content.find("<a href=\"https://kettle.example.com/tag/sourdough/\">"),
            std::string::npos)
      << post.content;
  EXPECT_NE(post.content.find("src=\"https://kettle.example.com/wp-content/uploads/starter.jpg\""),
            std::string::npos)
      << post.content;
  EXPECT_NE(post.content.find("<a href=\"https://other.example.net/loaf\">"), std::string::npos);

  const Entry& second = feed.entries[1];
  EXPECT_FALSE(second.comment_count);
  EXPECT_TRUE(second.comments_feed.empty());
  EXPECT_TRUE(second.content.empty());
}

TEST(Rss, WordPressCommentFeed) {
  const Feed feed = parse_fixture(
      "wordpress_comments.rss", "https://kettle.example.com/2009/05/06/sourdough-challenge/feed/");
  ASSERT_EQ(feed.entries.size(), 2u);
  const Entry& comment = feed.entries[0];
  EXPECT_EQ(comment.id, "https://kettle.example.com/?p=123#comment-457");
  EXPECT_EQ(comment.title, "By: Theo Brandt");
  EXPECT_EQ(comment.link, "https://kettle.example.com/2009/05/06/sourdough-challenge/#comment-457");
  ASSERT_EQ(comment.authors.size(), 1u);
  EXPECT_EQ(comment.authors[0].name, "Theo Brandt");
  EXPECT_EQ(comment.content, "<p>Mine went flat on day three. Any tips?</p>");
  EXPECT_TRUE(comment.in_reply_to.empty());  // WordPress RSS says nothing about parents

  const Entry& pingback = feed.entries[1];
  // A name HTML-escaped inside CDATA reads as its character.
  EXPECT_EQ(pingback.authors[0].name, "Crumb Theory » Joining the sourdough week");
  EXPECT_EQ(pingback.title, "By: Crumb Theory » Joining the sourdough week");
  EXPECT_EQ(pingback.published, make_utc_time(2009, 5, 6, 21, 2, 0));
}

TEST(Rss, Rss10Rdf) {
  const Feed feed = parse_fixture("rss10.rdf", "http://millnotes.example.org/index.rdf");
  EXPECT_EQ(feed.format, FeedFormat::rss10);
  EXPECT_EQ(feed.title, "Mill Notes");
  EXPECT_EQ(feed.language, "de");
  EXPECT_EQ(feed.updated, make_utc_time(2009, 5, 8, 5, 0, 0));
  ASSERT_EQ(feed.entries.size(), 2u);
  const Entry& rye = feed.entries[0];
  EXPECT_EQ(rye.id, "http://millnotes.example.org/2009/05/rye.html");  // rdf:about
  EXPECT_EQ(rye.published, make_utc_time(2009, 5, 8, 5, 0, 0));        // dc:date
  ASSERT_EQ(rye.authors.size(), 1u);
  EXPECT_EQ(rye.authors[0].name, "Jonas Keller");
  EXPECT_EQ(rye.categories, std::vector<std::string>{"milling"});
  EXPECT_NE(rye.content.find("<em>rye</em>"), std::string::npos);
  EXPECT_EQ(feed.entries[1].published, make_utc_time(2009, 5, 2, 0, 0, 0));
}

TEST(Rss, Rss091) {
  const Feed feed = parse_fixture("rss091.xml", "http://oldoven.example.com/rss.xml");
  EXPECT_EQ(feed.format, FeedFormat::rss09x);
  EXPECT_EQ(feed.title, "Old Oven Weekly");
  ASSERT_EQ(feed.authors.size(), 1u);
  EXPECT_EQ(feed.authors[0].name, "Hal Crane");
  EXPECT_EQ(feed.authors[0].email, "editor@oldoven.example.com");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].summary, "Dark, dense & sour.");
  // No guid: the link is the id; no date: no date (never "now").
  EXPECT_EQ(feed.entries[1].id, "http://oldoven.example.com/news/holiday.html");
  EXPECT_FALSE(feed.entries[1].published);
  EXPECT_FALSE(feed.entries[1].updated);
}

TEST(Rss, Rss090IsRss09x) {
  const Feed feed = parse_text(R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://my.netscape.com/rdf/simple/0.9/">
  <channel><title>Early</title><link>http://early.example.com/</link></channel>
  <item><title>First</title><link>http://early.example.com/1</link></item>
</rdf:RDF>)");
  EXPECT_EQ(feed.format, FeedFormat::rss09x);
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "http://early.example.com/1");
}

TEST(Rss, NamespacesAreMatchedByUriNotPrefix) {
  const Feed feed = parse_text(R"(<rss version="2.0"
    xmlns:creator="http://purl.org/dc/elements/1.1/"
    xmlns:c="http://purl.org/rss/1.0/modules/content/"
    xmlns:dc="http://example.com/not-dublin-core/">
  <channel><title>T</title>
    <item><title>A</title><link>http://x.example/a</link>
      <creator:creator>Right Name</creator:creator>
      <dc:creator>Wrong Name</dc:creator>
      <c:encoded>&lt;p&gt;body&lt;/p&gt;</c:encoded>
    </item>
  </channel></rss>)");
  ASSERT_EQ(feed.entries.size(), 1u);
  ASSERT_EQ(feed.entries[0].authors.size(), 1u);
  EXPECT_EQ(feed.entries[0].authors[0].name, "Right Name");
  EXPECT_EQ(feed.entries[0].content, "<p>body</p>");
}

TEST(Rss, NamespaceDeclaredOnTheElementItself) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel><item>
    <title>A</title>
    <wfw:commentRss xmlns:wfw="http://wellformedweb.org/CommentAPI/">/a/feed/</wfw:commentRss>
    <slash:comments xmlns:slash="http://purl.org/rss/1.0/modules/slash/">2</slash:comments>
  </item></channel></rss>)",
                               "http://blog.example.com/feed/");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].comments_feed, "http://blog.example.com/a/feed/");
  EXPECT_EQ(feed.entries[0].comment_count, 2);
}

TEST(Rss, UndeclaredConventionalPrefixIsReadWithAWarning) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel><item>
    <title>A</title><dc:creator>Pat</dc:creator></item></channel></rss>)");
  ASSERT_EQ(feed.entries.size(), 1u);
  ASSERT_EQ(feed.entries[0].authors.size(), 1u);
  EXPECT_EQ(feed.entries[0].authors[0].name, "Pat");
  EXPECT_TRUE(has_warning(feed, "'dc:' is used without a declaration"));
}

TEST(Rss, FeedBurnerOrigLinkReplacesTheTrackingLink) {
  const Feed feed = parse_text(R"(<rss version="2.0"
      xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><item>
    <title>A</title>
    <link>http://feeds.feedburner.com/~r/kettle/~3/abc123/</link>
    <guid isPermaLink="false">https://kettle.example.com/?p=123</guid>
    <feedburner:origLink>https://kettle.example.com/2009/05/06/sourdough-challenge/</feedburner:origLink>
  </item></channel></rss>)");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "https://kettle.example.com/2009/05/06/sourdough-challenge/");
  EXPECT_EQ(feed.entries[0].id, "https://kettle.example.com/?p=123");
}

TEST(Rss, PermalinkGuidDoublesAsLink) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel>
    <item><guid>http://x.example/p/1</guid><title>one</title></item>
    <item><guid isPermaLink="false">tag:x.example,2009:2</guid><title>two</title></item>
  </channel></rss>)");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].link, "http://x.example/p/1");
  EXPECT_EQ(feed.entries[1].link, "");
  EXPECT_EQ(feed.entries[1].id, "tag:x.example,2009:2");
}

TEST(Rss, EnclosuresAuthorsAndCategories) {
  const Feed feed = parse_text(R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel><item>
    <title>Episode 4</title>
    <author>host@radio.example (Ada Host)</author>
    <category>audio</category><dc:subject>bread</dc:subject>
    <enclosure url="/media/ep4.mp3" length="1234567" type="audio/mpeg"/>
  </item></channel></rss>)",
                               "https://radio.example/feed.xml");
  ASSERT_EQ(feed.entries.size(), 1u);
  const Entry& entry = feed.entries[0];
  ASSERT_EQ(entry.authors.size(), 1u);
  EXPECT_EQ(entry.authors[0].name, "Ada Host");
  EXPECT_EQ(entry.authors[0].email, "host@radio.example");
  EXPECT_EQ(entry.categories, (std::vector<std::string>{"audio", "bread"}));
  ASSERT_EQ(entry.enclosures.size(), 1u);
  EXPECT_EQ(entry.enclosures[0].url, "https://radio.example/media/ep4.mp3");
  EXPECT_EQ(entry.enclosures[0].type, "audio/mpeg");
  EXPECT_EQ(entry.enclosures[0].length, 1234567);
}

TEST(Rss, XmlBaseOnAncestorsResolvesLinksAndHtml) {
  const Feed feed = parse_text(R"(<rss version="2.0" xml:base="http://base.example/blog/"
      xmlns:wfw="http://wellformedweb.org/CommentAPI/">
  <channel xml:base="archive/">
    <link>./</link>
    <item xml:base="2009/">
      <title>A</title><link>post.html</link>
      <comments>post.html#comments</comments>
      <wfw:commentRss>post/feed/</wfw:commentRss>
      <description xml:base="/other/">&lt;a href="x.html"&gt;x&lt;/a&gt;</description>
    </item>
  </channel></rss>)",
                               "https://ignored.example/feed");
  EXPECT_EQ(feed.link, "http://base.example/blog/archive/");
  ASSERT_EQ(feed.entries.size(), 1u);
  const Entry& entry = feed.entries[0];
  EXPECT_EQ(entry.link, "http://base.example/blog/archive/2009/post.html");
  EXPECT_EQ(entry.comments_url, "http://base.example/blog/archive/2009/post.html#comments");
  EXPECT_EQ(entry.comments_feed, "http://base.example/blog/archive/2009/post/feed/");
  EXPECT_EQ(entry.summary, "<a href=\"http://base.example/other/x.html\">x</a>");
}

TEST(Rss, RelativeLinksResolveAgainstTheDocumentUrl) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel><link>/</link>
    <item><title>A</title><link>/2009/05/a.html</link></item></channel></rss>)",
                               "https://site.example/feeds/all.xml");
  EXPECT_EQ(feed.link, "https://site.example/");
  EXPECT_EQ(feed.entries.at(0).link, "https://site.example/2009/05/a.html");
}

TEST(Rss, UnparseableDateWarnsNamingTheEntry) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel><item>
    <title>Odd date</title><guid>urn:x:1</guid><pubDate>sometime last week</pubDate>
  </item></channel></rss>)");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_FALSE(feed.entries[0].published);
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_NE(feed.warnings[0].find("\"Odd date\""), std::string::npos) << feed.warnings[0];
  EXPECT_NE(feed.warnings[0].find("urn:x:1"), std::string::npos);
  EXPECT_NE(feed.warnings[0].find("sometime last week"), std::string::npos);
}

TEST(Rss, ChannelLevelCommentFeedsAreFound) {
  const Feed atom_replies = parse_text(R"(<rss version="2.0"
      xmlns:atom="http://www.w3.org/2005/Atom"><channel>
    <atom:link rel="replies" type="application/rss+xml" href="/comments/feed/"/>
  </channel></rss>)",
                                       "https://kettle.example.com/feed/");
  EXPECT_EQ(atom_replies.comments_feed, "https://kettle.example.com/comments/feed/");
  const Feed wfw = parse_text(R"(<rss version="2.0"
      xmlns:wfw="http://wellformedweb.org/CommentAPI/"><channel>
    <wfw:commentRss>https://kettle.example.com/comments/feed/</wfw:commentRss>
  </channel></rss>)");
  EXPECT_EQ(wfw.comments_feed, "https://kettle.example.com/comments/feed/");
}

TEST(EntryId, FallsBackToLinkThenToAStableHash) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel>
    <item><title>Linked</title><link>http://x.example/l</link></item>
    <item><title>Bare</title><description>no link, no guid</description></item>
  </channel></rss>)");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].id, "http://x.example/l");
  const std::string& hashed = feed.entries[1].id;
  EXPECT_TRUE(hashed.starts_with("urn:confab:fnv1a64:")) << hashed;
  EXPECT_EQ(hashed.size(), std::string("urn:confab:fnv1a64:").size() + 16);

  Entry same;
  same.title = "Bare";
  same.summary = "no link, no guid";
  EXPECT_EQ(content_hash_id(same), hashed);  // stable: the same text, the same id
  Entry other = same;
  other.title = "Bare!";
  EXPECT_NE(content_hash_id(other), hashed);
}

}  // namespace
}  // namespace confab
