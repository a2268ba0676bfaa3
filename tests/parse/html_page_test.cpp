#include "parse/html_page.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

constexpr const char* kPostPage = R"(<!DOCTYPE html>
<html lang="en"><head>
<meta charset="UTF-8">
<title>Why the Sourdough Challenge Matters &#8211; Kettle &amp; Crumb</title>
<link rel="alternate" type="application/rss+xml" title="Kettle &amp; Crumb &raquo; Feed" href="/feed/" />
<link rel="alternate" type="application/rss+xml" title="Kettle &amp; Crumb &raquo; Comments Feed" href="/comments/feed/" />
<link rel="alternate" type="application/rss+xml" title="Kettle &amp; Crumb &raquo; Why the Sourdough Challenge Matters Comments Feed" href="https://kettle.example.com/2009/05/06/sourdough-challenge/feed/" />
<link rel="alternate" type="application/json+oembed" href="/wp-json/oembed/1.0/embed?url=x" />
<link rel="stylesheet" href="/style.css" />
<link rel="pingback" href="https://kettle.example.com/xmlrpc.php" />
</head>
<body>
<article>
  <p>The <a href="/tag/sourdough/" rel="tag">sourdough
     challenge</a> starts Monday; <a href="https://other.example.net/loaf" rel="nofollow ugc">Dana's <em>loaf</em></a>.</p>
  <a name="no-href">anchor only</a>
</article>
</body></html>)";

TEST(HtmlPage, TitleFeedsAndLinks) {
  const HtmlPage page = parse_html_page(Document{
      "https://kettle.example.com/2009/05/06/sourdough-challenge/", "text/html", kPostPage});
  EXPECT_EQ(page.title, "Why the Sourdough Challenge Matters – Kettle & Crumb");
  EXPECT_EQ(page.base_url, "https://kettle.example.com/2009/05/06/sourdough-challenge/");
  ASSERT_EQ(page.feeds.size(), 3u);
  EXPECT_EQ(page.feeds[0].url, "https://kettle.example.com/feed/");
  EXPECT_EQ(page.feeds[0].type, "application/rss+xml");
  EXPECT_EQ(page.feeds[0].title, "Kettle & Crumb » Feed");
  EXPECT_EQ(page.feeds[1].url, "https://kettle.example.com/comments/feed/");
  EXPECT_EQ(page.feeds[2].url, "https://kettle.example.com/2009/05/06/sourdough-challenge/feed/");
  ASSERT_EQ(page.links.size(), 2u);
  EXPECT_EQ(page.links[0].url, "https://kettle.example.com/tag/sourdough/");
  EXPECT_EQ(page.links[0].text, "sourdough challenge");
  EXPECT_EQ(page.links[0].rel, "tag");
  EXPECT_EQ(page.links[1].url, "https://other.example.net/loaf");
  EXPECT_EQ(page.links[1].text, "Dana's loaf");
  EXPECT_EQ(page.links[1].rel, "nofollow ugc");
}

TEST(HtmlPage, MainFeedSkipsCommentFeeds) {
  const HtmlPage page = parse_html_page(Document{"https://kettle.example.com/", "", kPostPage});
  EXPECT_EQ(main_feed_url(page), "https://kettle.example.com/feed/");

  HtmlPage only_comments;
  only_comments.feeds.push_back(
      FeedLink{"https://a.example/comments/feed/", "application/rss+xml", "A » COMMENTS Feed"});
  EXPECT_EQ(main_feed_url(only_comments), "https://a.example/comments/feed/");
  EXPECT_EQ(main_feed_url(HtmlPage{}), "");
}

TEST(HtmlPage, BaseHrefAndRelTokenList) {
  const HtmlPage page = parse_html_page(Document{"https://site.example/a/b/page.html", "",
                                                 R"(<html><head>
<base href="/root/">
<link rel="Alternate  home" type="application/atom+xml; charset=utf-8" href="atom.xml" title="Atom">
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" type="text/html" hreflang="de" href="/de/">
<link rel="alternative" type="application/rss+xml" href="nope.xml">
</head><body><a href="x.html">x</a></body></html>)"});
  EXPECT_EQ(page.base_url, "https://site.example/root/");
  ASSERT_EQ(page.feeds.size(), 2u);
  EXPECT_EQ(page.feeds[0].url, "https://site.example/root/atom.xml");
  EXPECT_EQ(page.feeds[0].type, "application/atom+xml");
  EXPECT_EQ(page.feeds[1].url, "https://site.example/root/feed.json");
  ASSERT_EQ(page.links.size(), 1u);
  EXPECT_EQ(page.links[0].url, "https://site.example/root/x.html");
}

TEST(HtmlPage, Latin1PageIsDecoded) {
  const HtmlPage page =
      parse_html_page(Document{"http://fr.example/", "text/html; charset=ISO-8859-1",
                               "<html><head><title>Cr\xE8me br\xFBl\xE9"
                               "e</title></head><body></body></html>"});
  EXPECT_EQ(page.title, "Crème brûlée");
}

// Issue 13: a page a million levels deep is read (its head, and its body down to the cap) and
// says it was flattened.
TEST(HtmlPage, AMillionLevelsDeepIsReadDownToTheCapAndSaysSo) {
  std::string body;
  body.reserve(8'000'000);
  body +=
      "<html><head><title>Deep</title>"
      "<link rel=alternate type=application/atom+xml href=/atom.xml></head><body>"
      "<a href=/top>top</a>";
  for (int i = 0; i < 1'000'000; ++i) body += "<span>";
  body += "<a href=/bottom>bottom</a>";
  const HtmlPage page =
      parse_html_page(Document{"https://deep.example/", "text/html; charset=utf-8", body});
  EXPECT_EQ(page.title, "Deep");
  EXPECT_EQ(main_feed_url(page), "https://deep.example/atom.xml");
  ASSERT_FALSE(page.links.empty());
  EXPECT_EQ(page.links.front().url, "https://deep.example/top");
  ASSERT_EQ(page.warnings.size(), 1u);
  EXPECT_NE(page.warnings[0].find("https://deep.example/: nested deeper than 256 levels"),
            std::string::npos);
}

TEST(HtmlPage, AnOrdinaryPageHasNoWarnings) {
  const HtmlPage page = parse_html_page(
      Document{"https://plain.example/", "text/html", "<title>Plain</title><p>Just text</p>"});
  EXPECT_TRUE(page.warnings.empty());
}

}  // namespace
}  // namespace confab
