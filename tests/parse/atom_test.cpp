#include <gtest/gtest.h>

#include "parse/feed.h"
#include "parse_fixtures.h"

namespace confab {
namespace {

using testing::has_warning;
using testing::parse_fixture;
using testing::parse_text;

TEST(Atom, WordPressCommentFeedWithInReplyTo) {
  const Feed feed =
      parse_fixture("wordpress_comments.atom",
                    "https://kettle.example.com/2009/05/06/sourdough-challenge/feed/atom/");
  EXPECT_EQ(feed.format, FeedFormat::atom10);
  EXPECT_EQ(feed.language, "en-US");
  EXPECT_EQ(feed.self, "https://kettle.example.com/2009/05/06/sourdough-challenge/feed/atom/");
  EXPECT_EQ(feed.link, "https://kettle.example.com/2009/05/06/sourdough-challenge/");
  EXPECT_EQ(feed.description, "A baking blog that argues about butter");
  EXPECT_EQ(feed.updated, make_utc_time(2009, 5, 7, 8, 40, 0));
  ASSERT_EQ(feed.entries.size(), 2u);

  const Entry& reply = feed.entries[0];
  EXPECT_EQ(reply.id, "https://kettle.example.com/?p=123#comment-458");
  EXPECT_EQ(reply.link, "https://kettle.example.com/2009/05/06/sourdough-challenge/#comment-458");
  ASSERT_EQ(reply.authors.size(), 1u);
  EXPECT_EQ(reply.authors[0].name, "Marta Quill");
  EXPECT_EQ(reply.authors[0].uri, "https://kettle.example.com");
  ASSERT_EQ(reply.in_reply_to.size(), 1u);
  EXPECT_EQ(reply.in_reply_to[0].ref, "https://kettle.example.com/?p=123#comment-457");
  EXPECT_EQ(reply.in_reply_to[0].href,
            "https://kettle.example.com/2009/05/06/sourdough-challenge/#comment-457");
  // The content's own xml:base resolves the fragment link in its HTML.
  EXPECT_NE(reply.content.find(
                "href=\"https://kettle.example.com/2009/05/06/sourdough-challenge/#comment-457\""),
            std::string::npos)
      << reply.content;
  EXPECT_EQ(reply.published, make_utc_time(2009, 5, 7, 8, 40, 0));

  const Entry& top_level = feed.entries[1];
  ASSERT_EQ(top_level.in_reply_to.size(), 1u);
  EXPECT_EQ(top_level.in_reply_to[0].ref, "https://kettle.example.com/?p=123");
}

TEST(Atom, BloggerPostsFeed) {
  const Feed feed =
      parse_fixture("blogger_posts.atom", "https://flournotes.blogspot.com/feeds/posts/default");
  EXPECT_EQ(feed.title, "Flour Notes");
  EXPECT_EQ(feed.description, "Small kitchen, big loaves");  // type="html" read as text
  EXPECT_EQ(feed.link, "https://flournotes.blogspot.com/");
  EXPECT_EQ(feed.self, "https://www.blogger.com/feeds/5550001/posts/default");
  ASSERT_EQ(feed.entries.size(), 1u);
  const Entry& post = feed.entries[0];
  EXPECT_EQ(post.id, "tag:blogger.com,1999:blog-5550001.post-7001");
  EXPECT_EQ(post.link,
            "https://flournotes.blogspot.com/2009/05/my-week-in-sourdough-challenge.html");
  EXPECT_EQ(post.comments_feed, "https://flournotes.blogspot.com/feeds/7001/comments/default");
  EXPECT_EQ(post.comments_url, "https://www.blogger.com/comment.g?blogID=5550001&postID=7001");
  EXPECT_EQ(post.comment_count, 3);
  EXPECT_EQ(post.published, make_utc_time(2009, 5, 7, 16, 12, 0));
  EXPECT_EQ(post.updated, make_utc_time(2009, 5, 8, 17, 0, 0));
  EXPECT_EQ(post.categories, std::vector<std::string>{"sourdough"});
  ASSERT_EQ(post.authors.size(), 1u);
  EXPECT_EQ(post.authors[0].uri, "http://www.blogger.com/profile/0042");
  EXPECT_EQ(post.content,
            "<p>Following <a href=\"https://kettle.example.com/2009/05/06/sourdough-challenge/\">"
            "Marta's challenge</a>, day one.</p>");
}

TEST(Atom, BloggerCommentFeedWithRelated) {
  const Feed feed = parse_fixture("blogger_comments.atom",
                                  "https://flournotes.blogspot.com/feeds/7001/comments/default");
  ASSERT_EQ(feed.entries.size(), 3u);
  const Entry& reply = feed.entries[0];
  EXPECT_EQ(reply.id, "tag:blogger.com,1999:blog-5550001.post-9003");
  EXPECT_EQ(reply.related, "https://www.blogger.com/feeds/5550001/7001/comments/default/9001");
  EXPECT_EQ(reply.link,
            "https://flournotes.blogspot.com/2009/05/my-week-in-sourdough-challenge.html"
            "?showComment=1241807400000#c9003");
  ASSERT_EQ(reply.in_reply_to.size(), 1u);
  EXPECT_EQ(reply.in_reply_to[0].ref, "tag:blogger.com,1999:blog-5550001.post-7001");
  ASSERT_EQ(reply.authors.size(), 1u);
  EXPECT_EQ(reply.authors[0].name, "Anonymous");
  EXPECT_TRUE(feed.entries[1].related.empty());
  EXPECT_EQ(feed.entries[1].authors.at(0).name, "Paolo Reyes");
}

TEST(Atom, TypePadCommentFeed) {
  const Feed feed = parse_fixture(
      "typepad_comments.atom",
      "http://grainledger.typepad.com/blog/2009/05/proofing-baskets-ranked/comments/atom.xml");
  ASSERT_EQ(feed.entries.size(), 2u);
  const Entry& reply = feed.entries[0];
  EXPECT_EQ(
      reply.id,
      "tag:typepad.com,2003:6a00d8341c4fd753ef0115702a3f-comment:6a00d8341c4fd753ef0115702b01");
  ASSERT_EQ(reply.in_reply_to.size(), 1u);
  EXPECT_EQ(
      reply.in_reply_to[0].ref,
      "tag:typepad.com,2003:6a00d8341c4fd753ef0115702a3f-comment:6a00d8341c4fd753ef0115702aaa");
  EXPECT_EQ(reply.content, "<p>Cane baskets, every time.</p>");
  EXPECT_EQ(feed.entries[1].in_reply_to.at(0).ref,
            "tag:typepad.com,2003:post-6a00d8341c4fd753ef0115702a3f");
}

TEST(Atom, Atom03) {
  const Feed feed = parse_fixture("atom03.xml", "http://crust.example.org/atom.xml");
  EXPECT_EQ(feed.format, FeedFormat::atom03);
  EXPECT_EQ(feed.title, "Crust Diary");
  EXPECT_EQ(feed.description, "Every loaf, logged");
  EXPECT_EQ(feed.updated, make_utc_time(2009, 5, 8, 12, 0, 0));
  ASSERT_EQ(feed.authors.size(), 1u);
  EXPECT_EQ(feed.authors[0].uri, "http://crust.example.org/about");
  ASSERT_EQ(feed.entries.size(), 2u);
  const Entry& first = feed.entries[0];
  EXPECT_EQ(first.published, make_utc_time(2009, 5, 8, 13, 0, 0));  // issued beats created
  EXPECT_EQ(first.updated, make_utc_time(2009, 5, 8, 12, 0, 0));
  EXPECT_EQ(first.summary, "Joined the challenge &amp; burnt the first try.");
  EXPECT_EQ(first.content,
            "<p>Joined <a href=\"https://kettle.example.com/2009/05/06/sourdough-challenge/\">the "
            "challenge</a>.</p>");
  // mode="xml": the inline XHTML (its div included, as 0.3 defines it) written as HTML.
  EXPECT_EQ(feed.entries[1].content, "<div><p>Plain <b>white</b> <i>tin</i>.</p></div>");
  // Entries without authors inherit the feed's (RFC 4287 4.2.1, and Atom 0.3 alike).
  EXPECT_EQ(first.authors.at(0).name, "Rosa Lind");
}

TEST(Atom, ContentTypesTextHtmlXhtml) {
  const Feed feed = parse_text(R"(<feed xmlns="http://www.w3.org/2005/Atom">
  <entry><id>urn:1</id><title type="html">Fish &amp;amp; &lt;b&gt;Chips&lt;/b&gt;</title>
    <summary>a &lt; b &amp; c</summary>
    <content type="html">&lt;p&gt;hi&lt;/p&gt;</content></entry>
  <entry><id>urn:2</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">X <b>Y</b></div></title>
    <content type="xhtml"><xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>One <xhtml:em>two</xhtml:em> <xhtml:a href="/three">three</xhtml:a></xhtml:p><xhtml:br/><xhtml:img src="i.png" alt="a &quot;quote&quot;"/></xhtml:div></content></entry>
</feed>)",
                               "https://blog.example/atom.xml");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].title, "Fish & Chips");
  EXPECT_EQ(feed.entries[0].summary, "a &lt; b &amp; c");
  EXPECT_EQ(feed.entries[0].content, "<p>hi</p>");
  EXPECT_EQ(feed.entries[1].title, "X Y");
  EXPECT_EQ(feed.entries[1].content,
            "<p>One <em>two</em> <a href=\"https://blog.example/three\">three</a></p><br>"
            "<img src=\"https://blog.example/i.png\" alt=\"a &quot;quote&quot;\">");
}

TEST(Atom, LinksByRel) {
  const Feed feed = parse_text(R"(<feed xmlns="http://www.w3.org/2005/Atom"
      xmlns:thr="http://purl.org/syndication/thread/1.0">
  <link rel="replies" type="application/atom+xml" href="/comments/feed/atom/"/>
  <entry><id>urn:1</id>
    <link rel="alternate" type="application/pdf" href="/p.pdf"/>
    <link href="/p.html"/>
    <link rel="http://www.iana.org/assignments/relation/replies" type="text/html" href="/p.html#comments" thr:count="5"/>
    <link rel="replies" type="application/atom+xml" href="/p/feed/atom/" thr:count="5"/>
    <link rel="enclosure" type="audio/ogg" length="42" href="/a.ogg"/>
    <link rel="related" href="/other"/>
    <link rel="self" href="/self"/>
  </entry></feed>)",
                               "http://blog.example/feed/atom/");
  EXPECT_EQ(feed.comments_feed, "http://blog.example/comments/feed/atom/");
  ASSERT_EQ(feed.entries.size(), 1u);
  const Entry& entry = feed.entries[0];
  EXPECT_EQ(entry.link, "http://blog.example/p.html");  // rel defaults to alternate; HTML wins
  EXPECT_EQ(entry.comments_url, "http://blog.example/p.html#comments");
  EXPECT_EQ(entry.comments_feed, "http://blog.example/p/feed/atom/");
  EXPECT_EQ(entry.comment_count, 5);
  EXPECT_EQ(entry.related, "http://blog.example/other");
  ASSERT_EQ(entry.enclosures.size(), 1u);
  EXPECT_EQ(entry.enclosures[0].url, "http://blog.example/a.ogg");
  EXPECT_EQ(entry.enclosures[0].length, 42);
}

TEST(Atom, ThrTotalWinsOverLinkCount) {
  const Feed feed = parse_text(R"(<feed xmlns="http://www.w3.org/2005/Atom"
      xmlns:t="http://purl.org/syndication/thread/1.0"><entry><id>urn:1</id>
    <link rel="replies" href="/c" t:count="2"/><t:total>9</t:total></entry></feed>)");
  EXPECT_EQ(feed.entries.at(0).comment_count, 9);
}

TEST(Atom, XmlBaseOnAnyAncestor) {
  const Feed feed = parse_text(R"(<feed xmlns="http://www.w3.org/2005/Atom"
      xml:base="http://example.org/blog/">
  <entry xml:base="2009/05/">
    <id>urn:1</id>
    <link href="post"/>
    <author><name>A</name><uri>../../about</uri></author>
    <content type="html" xml:base="/media/">&lt;img src="pic.png"&gt;&lt;a href='//cdn.example.net/x'&gt;x&lt;/a&gt;</content>
  </entry></feed>)",
                               "https://fetched.example/atom");
  const Entry& entry = feed.entries.at(0);
  EXPECT_EQ(entry.link, "http://example.org/blog/2009/05/post");
  EXPECT_EQ(entry.authors.at(0).uri, "http://example.org/blog/about");
  EXPECT_EQ(
      entry.content,
      "<img src=\"http://example.org/media/pic.png\"><a href=\"http://cdn.example.net/x\">x</a>");
}

TEST(Atom, EntryDocumentIsAFeedOfOne) {
  const Feed feed = parse_text(R"(<entry xmlns="http://www.w3.org/2005/Atom">
    <id>urn:lone</id><title>Alone</title><updated>2009-05-06T19:30:00Z</updated></entry>)");
  EXPECT_EQ(feed.format, FeedFormat::atom10);
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].id, "urn:lone");
  EXPECT_EQ(feed.entries[0].updated, make_utc_time(2009, 5, 6, 19, 30, 0));
}

TEST(Atom, FeedWithoutNamespaceIsReadWithAWarning) {
  const Feed feed = parse_text("<feed><entry><id>urn:1</id><title>t</title></entry></feed>");
  EXPECT_EQ(feed.format, FeedFormat::atom10);
  EXPECT_EQ(feed.entries.at(0).title, "t");
  EXPECT_TRUE(has_warning(feed, "not in the Atom namespace"));
}

TEST(Atom, FeedBurnerOrigLinkAndSourceAuthors) {
  const Feed feed = parse_text(R"(<feed xmlns="http://www.w3.org/2005/Atom"
      xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
  <author><name>Feed Owner</name></author>
  <entry><id>urn:1</id><link href="http://feedproxy.example/~r/x/1"/>
    <feedburner:origLink>http://blog.example/real</feedburner:origLink>
    <source><author><name>Original Writer</name></author></source>
  </entry></feed>)");
  const Entry& entry = feed.entries.at(0);
  EXPECT_EQ(entry.link, "http://blog.example/real");
  ASSERT_EQ(entry.authors.size(), 1u);
  EXPECT_EQ(entry.authors[0].name, "Original Writer");
}

}  // namespace
}  // namespace confab
