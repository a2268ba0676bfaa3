#include "parse/comment_markup.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "base/time.h"

namespace confab {
namespace {

std::string read_markup_fixture(const std::string& name) {
  const std::string path =
      std::string(CONFAB_SOURCE_DIR) + "/tests/fixtures/comments/markup/" + name;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("missing fixture " + path);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

Entry post_entry(std::string id, std::string link) {
  Entry post;
  post.id = std::move(id);
  post.link = std::move(link);
  return post;
}

CommentMarkup read_fixture(const std::string& name, const Entry& post) {
  return read_comment_markup(
      Document{post.link, "text/html; charset=UTF-8", read_markup_fixture(name)}, post);
}

/// The published date as RFC 3339, "none" when there is none: failures read as dates.
std::string date_of(const Entry& entry) {
  return entry.published ? format_rfc3339(*entry.published) : "none";
}

/// The parent's id, "" for a top-level comment.
std::string parent_of(const Entry& entry) {
  return entry.in_reply_to.empty() ? "" : entry.in_reply_to.front().ref;
}

bool has_warning(const CommentMarkup& markup, const std::string& part) {
  for (const std::string& warning : markup.warnings) {
    if (warning.find(part) != std::string::npos) return true;
  }
  return false;
}

// --- WordPress -------------------------------------------------------------------------------

TEST(CommentMarkup, WordPressClassicThreadsWithFeedIds) {
  const Entry post = post_entry("https://kettle.example.com/?p=123",
                                "https://kettle.example.com/2009/05/06/sourdough-challenge/");
  const CommentMarkup markup = read_fixture("wordpress-2.9.html", post);
  EXPECT_EQ(markup.platform, "wordpress");
  EXPECT_TRUE(markup.warnings.empty());
  ASSERT_EQ(markup.comments.size(), 5u);

  const Entry& theo = markup.comments[0];
  EXPECT_EQ(theo.id, "https://kettle.example.com/?p=123#comment-457");
  EXPECT_EQ(theo.link, "https://kettle.example.com/2009/05/06/sourdough-challenge/#comment-457");
  ASSERT_EQ(theo.authors.size(), 1u);
  EXPECT_EQ(theo.authors[0].name, "Theo Brandt");
  EXPECT_EQ(theo.authors[0].uri, "http://theo.example.net/");
  EXPECT_EQ(theo.authors[0].avatar,
            "http://www.gravatar.com/avatar/3b1f0c2d9e8a7f6b5c4d3e2f1a0b9c8d?s=32&d=identicon&r=G");
  EXPECT_EQ(date_of(theo), "2009-05-07T08:15:00Z");
  EXPECT_TRUE(theo.in_reply_to.empty());
  // The body without the author, date and reply blocks; its relative link made absolute.
  EXPECT_EQ(theo.content,
            "<p>Mine went flat on day three. Is a <a "
            "href=\"https://kettle.example.com/2009/04/rye-notes/\">spoon of rye</a> the "
            "trick?</p>");

  const Entry& marta = markup.comments[1];
  EXPECT_EQ(marta.id, "https://kettle.example.com/?p=123#comment-458");
  EXPECT_EQ(marta.authors[0].name, "Marta Quill");
  EXPECT_EQ(marta.authors[0].uri, "");
  EXPECT_EQ(marta.authors[0].avatar,
            "http://www.gravatar.com/avatar/9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a?s=32&d=identicon&r=G");
  EXPECT_EQ(date_of(marta), "2009-05-07T09:02:00Z");
  ASSERT_EQ(marta.in_reply_to.size(), 1u);
  EXPECT_EQ(marta.in_reply_to[0].ref, theo.id);
  EXPECT_EQ(marta.in_reply_to[0].href, theo.link);
  EXPECT_EQ(marta.content,
            "<p>Flat on day three is normal &mdash; keep feeding it.</p>\n"
            "          <p>Warm water helps too.</p>");

  const Entry& jun = markup.comments[2];  // two levels down
  EXPECT_EQ(jun.id, "https://kettle.example.com/?p=123#comment-460");
  EXPECT_EQ(parent_of(jun), marta.id);
  EXPECT_EQ(jun.authors[0].name, "Jun Park");
  EXPECT_EQ(jun.authors[0].uri, "http://junpark.example.com/");
  EXPECT_EQ(date_of(jun), "2009-05-08T19:40:00Z");
  EXPECT_EQ(jun.content, "<p>Same here, it bubbled again on day five.</p>");

  // A pingback with its excerpt: the linking page is its author.
  const Entry& pingback = markup.comments[3];
  EXPECT_EQ(pingback.id, "https://kettle.example.com/?p=123#comment-456");
  EXPECT_TRUE(pingback.in_reply_to.empty());
  EXPECT_EQ(pingback.authors[0].name, "Crumb Theory \xC2\xBB Joining the sourdough week");
  EXPECT_EQ(pingback.authors[0].uri,
            "http://crumbtheory.example.org/2009/05/joining-the-sourdough-week/");
  EXPECT_EQ(pingback.authors[0].avatar, "");
  EXPECT_EQ(pingback.content,
            "<p>[&#8230;] Marta is running a week of starters over at Kettle &amp; Crumb "
            "[&#8230;]</p>");
  EXPECT_EQ(date_of(pingback), "2009-05-06T21:02:00Z");

  // A trackback shown as a bare link reads as WordPress's feeds give trackbacks.
  const Entry& trackback = markup.comments[4];
  EXPECT_EQ(trackback.id, "https://kettle.example.com/?p=123#comment-461");
  EXPECT_EQ(trackback.authors[0].name, "Loafer\xE2\x80\x99s Log");
  EXPECT_EQ(trackback.authors[0].uri, "http://loafer.example.org/2009/05/starters/");
  EXPECT_EQ(trackback.content, "<strong>Loafer\xE2\x80\x99s Log</strong>");
  EXPECT_EQ(date_of(trackback), "none");
}

TEST(CommentMarkup, WordPressBlockTheme) {
  const Entry post = post_entry("https://greenhouse.example.org/?p=88",
                                "https://greenhouse.example.org/2023/11/06/seed-swap/");
  const CommentMarkup markup = read_fixture("wordpress-6.4.html", post);
  EXPECT_EQ(markup.platform, "wordpress");
  ASSERT_EQ(markup.comments.size(), 4u);

  const Entry& aino = markup.comments[0];
  EXPECT_EQ(aino.id, "https://greenhouse.example.org/?p=88#comment-12");
  EXPECT_EQ(aino.link, "https://greenhouse.example.org/2023/11/06/seed-swap/#comment-12");
  EXPECT_EQ(aino.authors[0].name, "Aino Lehto");
  EXPECT_EQ(aino.authors[0].uri, "https://aino.example.fi/");
  EXPECT_EQ(aino.authors[0].avatar,
            "https://secure.gravatar.com/avatar/5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b?s=40&d=mm&r=g");
  EXPECT_EQ(date_of(aino), "2023-11-07T08:15:00Z");
  EXPECT_EQ(aino.content,
            "<p>I have far too many tomato seeds. Anyone want <strong>Black Krim</strong>?</p>");
  EXPECT_TRUE(aino.in_reply_to.empty());

  const Entry& bram = markup.comments[1];
  EXPECT_EQ(bram.id, "https://greenhouse.example.org/?p=88#comment-13");
  EXPECT_EQ(parent_of(bram), aino.id);
  EXPECT_EQ(bram.authors[0].name, "Bram Visser");
  EXPECT_EQ(bram.authors[0].uri, "");
  // The lazy loader's placeholder is not the avatar; its data-src is.
  EXPECT_EQ(bram.authors[0].avatar,
            "https://secure.gravatar.com/avatar/a1b2c3d4e5f60718293a4b5c6d7e8f90?s=40&d=mm&r=g");
  EXPECT_EQ(date_of(bram), "2023-11-07T09:30:00Z");
  EXPECT_EQ(bram.content, "<p>Yes please! I can trade you some runner beans.</p>");

  const Entry& again = markup.comments[2];
  EXPECT_EQ(again.id, "https://greenhouse.example.org/?p=88#comment-14");
  EXPECT_EQ(parent_of(again), bram.id);
  EXPECT_EQ(again.in_reply_to[0].href,
            "https://greenhouse.example.org/2023/11/06/seed-swap/#comment-13");
  EXPECT_EQ(again.authors[0].uri, "https://aino.example.fi/");
  EXPECT_EQ(date_of(again), "2023-11-08T18:00:00Z");

  const Entry& pingback = markup.comments[3];
  EXPECT_EQ(pingback.id, "https://greenhouse.example.org/?p=88#comment-15");
  EXPECT_TRUE(pingback.in_reply_to.empty());
  EXPECT_EQ(pingback.authors[0].name, "Swaps near me \xE2\x80\x93 Plot & Path");
  EXPECT_EQ(pingback.authors[0].uri, "https://plotandpath.example.net/2023/11/swaps-near-me/");
  EXPECT_EQ(pingback.content,
            "<p>[&#8230;] the Greenhouse Diaries are running their second seed swap this month "
            "[&#8230;]</p>");
}

TEST(CommentMarkup, WordPressIdsFromTheShortlinkWithoutThePostsId) {
  const Entry post = post_entry("", "https://greenhouse.example.org/2023/11/06/seed-swap/");
  const CommentMarkup markup = read_fixture("wordpress-6.4.html", post);
  ASSERT_FALSE(markup.comments.empty());
  EXPECT_EQ(markup.comments[0].id, "https://greenhouse.example.org/?p=88#comment-12");
}

TEST(CommentMarkup, WordPressHtml5ThemeAndShortPing) {
  // WordPress 3.6+ themes with html5 comment lists: article.comment-body, b.fn,
  // .comment-metadata, .comment-content; pings in the short form.
  const std::string page = R"(<!DOCTYPE html><html><head><title>t</title></head><body>
<ol class="comment-list">
  <li id="comment-7" class="comment even thread-even depth-1 parent">
    <article id="div-comment-7" class="comment-body">
      <footer class="comment-meta">
        <div class="comment-author vcard">
          <img alt='' src='https://secure.gravatar.com/avatar/abc?s=32&#038;d=mm&#038;r=g' srcset='https://secure.gravatar.com/avatar/abc?s=64&#038;d=mm&#038;r=g 2x' class='avatar avatar-32 photo' height='32' width='32' loading='lazy'/>
          <b class="fn">Rosa</b> <span class="says">says:</span>
        </div>
        <div class="comment-metadata">
          <a href="https://b.example/post/#comment-7"><time datetime="2015-06-01T10:00:00+02:00">June 1, 2015 at 10:00 am</time></a>
        </div>
        <p class="comment-awaiting-moderation">Your comment is awaiting moderation.</p>
      </footer>
      <div class="comment-content"><p>First!</p></div>
      <div class="reply"><a rel="nofollow" class="comment-reply-link" href="/post/?replytocom=7#respond">Reply</a></div>
    </article>
    <ol class="children">
      <li id="comment-8" class="comment odd alt depth-2">
        <article id="div-comment-8" class="comment-body">
          <footer class="comment-meta"><div class="comment-author vcard"><b class="fn"><a href="https://sol.example/" class="url" rel="ugc external nofollow">Sol</a></b></div></footer>
          <div class="comment-content"><p>Second.</p></div>
        </article>
      </li>
    </ol>
  </li>
  <li id="comment-9" class="pingback even thread-odd depth-1">
    <div class="comment-body">Pingback: <a href="https://elsewhere.example/linking/" class="url" rel="ugc external nofollow">A linking post</a> </div>
  </li>
</ol></body></html>)";
  const CommentMarkup markup =
      read_comment_markup(Document{"https://b.example/post/", "text/html", page},
                          post_entry("https://b.example/?p=5", "https://b.example/post/"));
  EXPECT_EQ(markup.platform, "wordpress");
  ASSERT_EQ(markup.comments.size(), 3u);
  EXPECT_EQ(markup.comments[0].id, "https://b.example/?p=5#comment-7");
  EXPECT_EQ(markup.comments[0].authors[0].name, "Rosa");
  EXPECT_EQ(markup.comments[0].authors[0].avatar,
            "https://secure.gravatar.com/avatar/abc?s=32&d=mm&r=g");
  EXPECT_EQ(date_of(markup.comments[0]), "2015-06-01T08:00:00Z");
  EXPECT_EQ(markup.comments[0].content, "<p>First!</p>");
  EXPECT_EQ(parent_of(markup.comments[1]), "https://b.example/?p=5#comment-7");
  EXPECT_EQ(markup.comments[1].authors[0].uri, "https://sol.example/");
  EXPECT_EQ(markup.comments[2].authors[0].name, "A linking post");
  EXPECT_EQ(markup.comments[2].authors[0].uri, "https://elsewhere.example/linking/");
  EXPECT_EQ(markup.comments[2].content, "<strong>A linking post</strong>");
}

TEST(CommentMarkup, WordPressAvatarFromSrcsetWhenSrcIsAPlaceholder) {
  const std::string page = R"(<ol class="commentlist"><li class="comment" id="comment-1">
<div class="comment-body"><div class="comment-author vcard">
<img class="avatar" src="/wp-content/plugins/lazy/blank.gif" srcset="//secure.gravatar.com/avatar/ff?s=96 2x, //secure.gravatar.com/avatar/ff?s=144 3x">
<cite class="fn">Ola</cite></div><p>Hi</p></div></li></ol>)";
  const CommentMarkup markup = read_comment_markup(Document{"https://c.example/p/", "", page},
                                                   post_entry("https://c.example/?p=1", ""));
  ASSERT_EQ(markup.comments.size(), 1u);
  EXPECT_EQ(markup.comments[0].authors[0].avatar, "https://secure.gravatar.com/avatar/ff?s=96");
  // No post link: links are built on the page's URL.
  EXPECT_EQ(markup.comments[0].link, "https://c.example/p/#comment-1");
  EXPECT_EQ(markup.comments[0].content, "<p>Hi</p>");
}

TEST(CommentMarkup, GeneratorDecidesBetweenWordPressAndMovableTypeShapes) {
  // A WordPress theme's own callback, outside any comment list and without div-comment-N: the
  // page's generator makes it WordPress's (feed-shaped ids), else it reads as Movable Type's.
  const std::string comment = R"(<div class="comment" id="comment-5"><cite class="fn">Ivo</cite>
<div class="comment-content"><p>Nice.</p></div></div>)";
  const Entry post = post_entry("https://w.example/?p=4", "https://w.example/post/");
  const CommentMarkup wordpress = read_comment_markup(
      Document{"https://w.example/post/", "",
               R"(<head><meta name="generator" content="WordPress 5.2"></head>)" + comment},
      post);
  EXPECT_EQ(wordpress.platform, "wordpress");
  ASSERT_EQ(wordpress.comments.size(), 1u);
  EXPECT_EQ(wordpress.comments[0].id, "https://w.example/?p=4#comment-5");
  EXPECT_EQ(wordpress.comments[0].authors[0].name, "Ivo");

  const CommentMarkup unnamed = read_comment_markup(
      Document{"https://w.example/post/", "", comment}, post_entry("", "https://w.example/post/"));
  EXPECT_EQ(unnamed.platform, "movabletype");
  ASSERT_EQ(unnamed.comments.size(), 1u);
  EXPECT_EQ(unnamed.comments[0].id, "https://w.example/post/#comment-5");
  EXPECT_EQ(unnamed.comments[0].content, "<p>Nice.</p>");
}

TEST(CommentMarkup, WordPressPingWithoutAnIdStillHasOne) {
  // TwentyTen prints pings as <li class="post pingback"> with no id.
  const std::string page = R"(<ol class="commentlist"><li class="post pingback">
<p>Pingback: <a href="https://far.example/linking/" class="url">Far away</a></p></li></ol>)";
  const CommentMarkup markup = read_comment_markup(Document{"https://t.example/p/", "", page},
                                                   post_entry("https://t.example/?p=1", ""));
  ASSERT_EQ(markup.comments.size(), 1u);
  EXPECT_EQ(markup.comments[0].id.rfind("urn:confab:", 0), 0u);
  EXPECT_EQ(markup.comments[0].link, "");
  EXPECT_EQ(markup.comments[0].authors[0].name, "Far away");
  EXPECT_EQ(markup.comments[0].authors[0].uri, "https://far.example/linking/");
  EXPECT_EQ(markup.comments[0].content, "<strong>Far away</strong>");
}

// --- Blogger ---------------------------------------------------------------------------------

TEST(CommentMarkup, BloggerThreadedWithFeedIds) {
  const Entry post =
      post_entry("tag:blogger.com,1999:blog-5550001.post-7001",
                 "https://flournotes.blogspot.com/2009/05/my-week-in-sourdough-challenge.html");
  const CommentMarkup markup = read_fixture("blogger.html", post);
  EXPECT_EQ(markup.platform, "blogger");
  EXPECT_TRUE(markup.warnings.empty());
  ASSERT_EQ(markup.comments.size(), 4u);

  const Entry& paolo = markup.comments[0];
  EXPECT_EQ(paolo.id, "tag:blogger.com,1999:blog-5550001.post-9001");
  EXPECT_EQ(paolo.link,
            "https://flournotes.blogspot.com/2009/05/"
            "my-week-in-sourdough-challenge.html?showComment=1241744700000#c9001");
  EXPECT_EQ(paolo.authors[0].name, "Paolo Reyes");
  EXPECT_EQ(paolo.authors[0].uri, "https://www.blogger.com/profile/0077");
  EXPECT_EQ(paolo.authors[0].avatar,
            "https://blogger.googleusercontent.com/img/b/avatar-paolo/s35/paolo.jpg");
  EXPECT_EQ(date_of(paolo), "2009-05-08T01:05:00Z");  // 6:05 PM in California
  EXPECT_EQ(paolo.content, "Try a spoon of rye in the feed.<br>It wakes the starter up.");
  EXPECT_TRUE(paolo.in_reply_to.empty());

  const Entry& anonymous = markup.comments[1];
  EXPECT_EQ(anonymous.id, "tag:blogger.com,1999:blog-5550001.post-9003");
  EXPECT_EQ(parent_of(anonymous), paolo.id);
  EXPECT_EQ(anonymous.in_reply_to[0].href, paolo.link);
  EXPECT_EQ(anonymous.authors[0].name, "Anonymous");
  EXPECT_EQ(anonymous.authors[0].uri, "");
  EXPECT_EQ(anonymous.authors[0].avatar, "");  // Blogger's blank.gif is no avatar
  EXPECT_EQ(date_of(anonymous), "2009-05-08T18:30:00Z");
  EXPECT_EQ(anonymous.content, "Agreed, rye helps.");

  const Entry& ines = markup.comments[2];  // two levels down
  EXPECT_EQ(ines.id, "tag:blogger.com,1999:blog-5550001.post-9005");
  EXPECT_EQ(parent_of(ines), anonymous.id);
  EXPECT_EQ(ines.authors[0].name, "Ines Varga");

  const Entry& sam = markup.comments[3];
  EXPECT_EQ(sam.id, "tag:blogger.com,1999:blog-5550001.post-9002");
  EXPECT_TRUE(sam.in_reply_to.empty());
  EXPECT_EQ(sam.authors[0].uri, "http://wheatfield.example.net/");
  EXPECT_EQ(sam.content,
            "Following along from the <a "
            "href=\"https://flournotes.blogspot.com/search/label/bread\">bread</a> posts.");
}

TEST(CommentMarkup, BloggerBlogIdFromThePageWhenThePostHasNone) {
  const Entry post =
      post_entry("", "https://flournotes.blogspot.com/2009/05/my-week-in-sourdough-challenge.html");
  const CommentMarkup markup = read_fixture("blogger.html", post);
  ASSERT_EQ(markup.comments.size(), 4u);
  EXPECT_EQ(markup.comments[0].id, "tag:blogger.com,1999:blog-5550001.post-9001");
}

TEST(CommentMarkup, BloggerClassicList) {
  const std::string page = R"(<html><head><meta name="generator" content="Blogger"></head><body>
<div id="comments"><h4>2 Comments:</h4>
<dl id="comments-block">
  <dt class="comment-author" id="c111"><a name="c111"></a>
    <a href="https://www.blogger.com/profile/12" rel="nofollow">Kit</a> said...</dt>
  <dd class="comment-body"><p>Lovely crumb.</p></dd>
  <dd class="comment-footer"><span class="comment-timestamp">
    <a href="https://old.blogspot.com/2006/01/bread.html?showComment=1136116800000#c111" title="comment permalink">1/01/2006 12:00 PM</a></span></dd>
  <dt class="comment-author" id="c112"><a name="c112"></a>Anonymous said...</dt>
  <dd class="comment-body"><p>Recipe please!</p></dd>
</dl></div></body></html>)";
  const CommentMarkup markup = read_comment_markup(
      Document{"https://old.blogspot.com/2006/01/bread.html", "text/html", page},
      post_entry("tag:blogger.com,1999:blog-77.post-5",
                 "https://old.blogspot.com/2006/01/bread.html"));
  EXPECT_EQ(markup.platform, "blogger");
  ASSERT_EQ(markup.comments.size(), 2u);
  EXPECT_EQ(markup.comments[0].id, "tag:blogger.com,1999:blog-77.post-111");
  EXPECT_EQ(markup.comments[0].authors[0].name, "Kit");
  EXPECT_EQ(markup.comments[0].authors[0].uri, "https://www.blogger.com/profile/12");
  EXPECT_EQ(date_of(markup.comments[0]), "2006-01-01T12:00:00Z");
  EXPECT_EQ(markup.comments[0].content, "<p>Lovely crumb.</p>");
  EXPECT_EQ(markup.comments[1].id, "tag:blogger.com,1999:blog-77.post-112");
  EXPECT_EQ(markup.comments[1].link, "https://old.blogspot.com/2006/01/bread.html#c112");
  EXPECT_EQ(markup.comments[1].authors[0].name, "Anonymous");
  EXPECT_EQ(markup.comments[1].content, "<p>Recipe please!</p>");
  EXPECT_EQ(date_of(markup.comments[1]), "none");
}

TEST(CommentMarkup, BloggerWithoutABlogIdSaysSo) {
  const std::string page = R"(<ol><li class="comment" id="c5"><div class="comment-block">
<cite class="user">Pat</cite><p class="comment-content">Hello</p></div></li></ol>)";
  const CommentMarkup markup =
      read_comment_markup(Document{"https://x.blogspot.com/p.html", "", page},
                          post_entry("", "https://x.blogspot.com/p.html"));
  ASSERT_EQ(markup.comments.size(), 1u);
  EXPECT_EQ(markup.comments[0].id, "https://x.blogspot.com/p.html#c5");
  EXPECT_TRUE(has_warning(markup, "no blog id"));
}

// --- Movable Type / TypePad ------------------------------------------------------------------

TEST(CommentMarkup, TypePadCommentsAreTheirLinks) {
  const std::string link =
      "http://grainledger.typepad.com/blog/2009/05/proofing-baskets-ranked.html";
  const Entry post = post_entry("tag:typepad.com,2003:post-6a00d8341c4fd753ef0115702a3f", link);
  const CommentMarkup markup = read_fixture("typepad.html", post);
  EXPECT_EQ(markup.platform, "movabletype");
  ASSERT_EQ(markup.comments.size(), 4u);

  const Entry& sunniva = markup.comments[0];
  EXPECT_EQ(sunniva.id, link + "#comment-6a00d8341c4fd753ef0115702aaa");
  EXPECT_EQ(sunniva.link, sunniva.id);
  EXPECT_EQ(sunniva.authors[0].name, "Sunniva");
  EXPECT_EQ(sunniva.authors[0].uri, "");
  EXPECT_EQ(date_of(sunniva), "2009-05-09T12:02:00Z");
  EXPECT_EQ(sunniva.content, "<p>Linen-lined or bare?</p>");
  EXPECT_TRUE(sunniva.in_reply_to.empty());

  const Entry& lou = markup.comments[1];
  EXPECT_EQ(lou.id, link + "#comment-6a00d8341c4fd753ef0115702b01");
  EXPECT_EQ(parent_of(lou), sunniva.id);
  EXPECT_EQ(lou.in_reply_to[0].href, sunniva.link);
  EXPECT_EQ(lou.authors[0].name, "Lou Ferris");
  EXPECT_EQ(lou.authors[0].uri, "http://ferris.example.net/");
  EXPECT_EQ(lou.authors[0].avatar, "http://up1.typepad.com/6a00d8341c4fd753ef0115702b01-50si");
  EXPECT_EQ(date_of(lou), "2009-05-09T14:20:00Z");
  EXPECT_EQ(lou.content, "<p>Bare cane, every time. Linen only for <em>very</em> wet doughs.</p>");

  const Entry& again = markup.comments[2];  // two levels down
  EXPECT_EQ(parent_of(again), lou.id);
  EXPECT_EQ(again.authors[0].name, "Sunniva");
  EXPECT_EQ(date_of(again), "2009-05-10T09:45:00Z");

  // Not nested, but "In reply to" a comment.
  const Entry& dough = markup.comments[3];
  EXPECT_EQ(dough.id, link + "#comment-6a00d8341c4fd753ef0115702d10");
  EXPECT_EQ(parent_of(dough), lou.id);
  EXPECT_EQ(dough.authors[0].name, "Dough Boy");
  EXPECT_EQ(dough.authors[0].uri, "http://doughboy.example.com/");
  EXPECT_EQ(date_of(dough), "2009-05-11T18:10:00Z");
}

TEST(CommentMarkup, MovableTypeFourHeaderWithVcardAndPublishedDate) {
  const std::string page =
      R"(<html><head><meta name="generator" content="Movable Type Pro 4.38"></head><body>
<div id="comments" class="comments"><div class="comments-content">
<div class="comment" id="comment-301">
  <div class="inner">
    <div class="comment-header"><div class="asset-meta"><span class="byline">
      <span class="vcard author"><a class="url fn" href="http://mira.example.org/">Mira</a></span> replied to
      <a href="http://mt.example/archives/2010/02/post.html#comment-299">comment from Ed</a> |
      <a href="http://mt.example/archives/2010/02/post.html#comment-301"><abbr class="published" title="2010-02-03T04:05:06-05:00">February 3, 2010 4:05 AM</abbr></a>
    </span></div></div>
    <div class="comment-content"><p>Indeed.</p></div>
  </div>
</div>
</div></div></body></html>)";
  const std::string link = "http://mt.example/archives/2010/02/post.html";
  const CommentMarkup markup = read_comment_markup(Document{link, "text/html", page},
                                                   post_entry("tag:mt.example,2010:/1.2", link));
  EXPECT_EQ(markup.platform, "movabletype");
  ASSERT_EQ(markup.comments.size(), 1u);
  const Entry& mira = markup.comments[0];
  EXPECT_EQ(mira.id, link + "#comment-301");
  EXPECT_EQ(mira.authors[0].name, "Mira");
  EXPECT_EQ(mira.authors[0].uri, "http://mira.example.org/");
  EXPECT_EQ(date_of(mira), "2010-02-03T09:05:06Z");
  // A parent the page does not show is still named, so threading flags it.
  ASSERT_EQ(mira.in_reply_to.size(), 1u);
  EXPECT_EQ(mira.in_reply_to[0].ref, link + "#comment-299");
  EXPECT_EQ(mira.in_reply_to[0].href, link + "#comment-299");
}

TEST(CommentMarkup, MovableTypeLinkToAnotherPostsCommentIsNoParent) {
  const std::string page = R"(<div class="comment" id="comment-7">
<div class="comment-content"><p>As I said <a href="http://mt.example/other.html#comment-3">there</a>.</p></div>
<div class="comment-footer">Posted by: <a href="http://kai.example/">Kai</a> | see
<a href="http://mt.example/other.html#comment-4">my other comment</a></div></div>)";
  const std::string link = "http://mt.example/post.html";
  const CommentMarkup markup = read_comment_markup(Document{link, "", page}, post_entry("", link));
  ASSERT_EQ(markup.comments.size(), 1u);
  EXPECT_TRUE(markup.comments[0].in_reply_to.empty());
  EXPECT_EQ(markup.comments[0].authors[0].name, "Kai");
  EXPECT_EQ(markup.comments[0].authors[0].uri, "http://kai.example/");
}

// --- microformats2 ---------------------------------------------------------------------------

TEST(CommentMarkup, Microformats2CommentsAndReplies) {
  const Entry post = post_entry("https://notes.example.com/2024/03/garden-log",
                                "https://notes.example.com/2024/03/garden-log");
  const CommentMarkup markup = read_fixture("hentry.html", post);
  EXPECT_EQ(markup.platform, "mf2");
  ASSERT_EQ(markup.comments.size(), 5u);

  const Entry& alice = markup.comments[0];
  EXPECT_EQ(alice.id, "https://alice.example/replies/7");
  EXPECT_EQ(alice.link, "https://alice.example/replies/7");
  EXPECT_EQ(alice.authors[0].name, "Alice Moreau");
  EXPECT_EQ(alice.authors[0].uri, "https://alice.example/");
  EXPECT_EQ(alice.authors[0].avatar, "https://alice.example/me.jpg");
  EXPECT_EQ(date_of(alice), "2024-03-02T11:30:00Z");
  EXPECT_EQ(alice.content, "<p>Radishes are the best impatient-gardener crop.</p>");
  EXPECT_TRUE(alice.in_reply_to.empty());  // u-in-reply-to names the post

  const Entry& ben = markup.comments[1];
  EXPECT_EQ(ben.id, "https://notes.example.com/2024/03/garden-log#c-ben-1");
  EXPECT_EQ(parent_of(ben), alice.id);  // nested under Alice's p-comment
  EXPECT_EQ(ben.in_reply_to[0].href, alice.link);
  EXPECT_EQ(ben.authors[0].name, "Ben Okafor");
  EXPECT_EQ(ben.authors[0].uri, "");
  EXPECT_EQ(date_of(ben), "2024-03-02T14:00:00Z");
  EXPECT_EQ(ben.content, "Mine split in the rain. Any tips?");

  const Entry& alice_again = markup.comments[2];  // two levels down
  EXPECT_EQ(alice_again.id, "https://alice.example/replies/8");
  EXPECT_EQ(parent_of(alice_again), ben.id);
  EXPECT_EQ(alice_again.authors[0].name, "Alice Moreau");  // implied from the h-card's text
  EXPECT_EQ(alice_again.authors[0].uri, "https://alice.example/");
  EXPECT_EQ(date_of(alice_again), "2024-03-03T07:10:00Z");
  EXPECT_EQ(alice_again.content, "Water them evenly &amp; pick them young.");

  const Entry& carmen = markup.comments[3];
  EXPECT_EQ(carmen.id, "https://carmen.example.net/notes/2024-03-04");
  EXPECT_EQ(parent_of(carmen), alice.id);  // by u-in-reply-to, not by nesting
  EXPECT_EQ(carmen.authors[0].name, "Carmen Ruiz");
  EXPECT_EQ(carmen.authors[0].uri, "https://carmen.example.net/");
  EXPECT_EQ(carmen.authors[0].avatar, "https://carmen.example.net/avatar.png");
  EXPECT_EQ(date_of(carmen), "2024-03-04T00:00:00Z");

  const Entry& dev = markup.comments[4];
  EXPECT_EQ(dev.id, "https://notes.example.com/2024/03/garden-log#c-dev-1");
  EXPECT_TRUE(dev.in_reply_to.empty());  // in reply to the post (with a trailing slash)
  EXPECT_EQ(dev.content, "Which variety did you sow?");
  EXPECT_EQ(date_of(dev), "none");
}

TEST(CommentMarkup, Microformats2ReplyToACommentThePageDoesNotShow) {
  const std::string page = R"(<article class="h-entry"><a class="u-url" href="/p">post</a>
<div class="p-comment h-cite"><span class="p-author h-card">Zed</span>
<a class="u-in-reply-to" href="https://elsewhere.example/comment/404">that</a>
<a class="u-url" href="https://zed.example/r/1">r</a><p class="e-content">Quite.</p></div></article>)";
  const CommentMarkup markup = read_comment_markup(Document{"https://n.example/p", "", page},
                                                   post_entry("", "https://n.example/p"));
  ASSERT_EQ(markup.comments.size(), 1u);
  ASSERT_EQ(markup.comments[0].in_reply_to.size(), 1u);
  EXPECT_EQ(markup.comments[0].in_reply_to[0].ref, "https://elsewhere.example/comment/404");
  EXPECT_EQ(markup.comments[0].in_reply_to[0].href, "https://elsewhere.example/comment/404");
  EXPECT_EQ(markup.comments[0].authors[0].name, "Zed");
}

TEST(CommentMarkup, Microformats2CommentMarkedWithThePostsUrlIsNotThePost) {
  const std::string page = R"(<article class="h-entry"><a class="u-url" href="/p">post</a>
<div class="p-comment h-cite" id="c1"><span class="p-author h-card">Yu</span>
<a class="u-url" href="https://n.example/p">permalink</a><p class="p-content">Hm.</p></div></article>)";
  const CommentMarkup markup = read_comment_markup(Document{"https://n.example/p", "", page},
                                                   post_entry("", "https://n.example/p"));
  ASSERT_EQ(markup.comments.size(), 1u);
  EXPECT_EQ(markup.comments[0].id, "https://n.example/p#c1");
  EXPECT_EQ(markup.comments[0].link, "https://n.example/p#c1");
}

// --- No comments, hostile pages --------------------------------------------------------------

TEST(CommentMarkup, APageWithoutCommentsGivesNone) {
  const Entry post = post_entry("https://quiet.example/?p=3", "https://quiet.example/quiet/");
  const CommentMarkup markup = read_fixture("none.html", post);
  EXPECT_EQ(markup.platform, "");
  EXPECT_TRUE(markup.comments.empty());

  for (const std::string body : {"", "not html at all \x01\xFF", "<html>", "<<<>>>"}) {
    const CommentMarkup nothing =
        read_comment_markup(Document{"https://quiet.example/", "", body}, post);
    EXPECT_EQ(nothing.platform, "");
    EXPECT_TRUE(nothing.comments.empty());
  }
}

TEST(CommentMarkup, DeepReplyNestingIsCappedNotRecursed) {
  // 10,000 replies each nested in the one before: the nesting cap keeps the tree at 256
  // levels (deeper start tags left out), the readers walk it with their own stacks.
  std::string page = R"(<ol class="commentlist">)";
  constexpr int kDepth = 10000;
  for (int i = 1; i <= kDepth; ++i) {
    page +=
        R"(<li class="comment" id="comment-)" + std::to_string(i) +
        R"("><div class="comment-body"><cite class="fn">N</cite><p>x</p></div><ul class="children">)";
  }
  for (int i = 0; i < kDepth; ++i) page += "</ul></li>";
  page += "</ol>";
  const CommentMarkup markup = read_comment_markup(Document{"https://deep.example/p/", "", page},
                                                   post_entry("https://deep.example/?p=1", ""));
  EXPECT_EQ(markup.platform, "wordpress");
  EXPECT_TRUE(has_warning(markup, "https://deep.example/p/"));
  ASSERT_FALSE(markup.comments.empty());
  EXPECT_LT(markup.comments.size(), 200u);
  EXPECT_EQ(markup.comments[0].id, "https://deep.example/?p=1#comment-1");
  EXPECT_TRUE(markup.comments[0].in_reply_to.empty());
  for (std::size_t i = 1; i < markup.comments.size(); ++i) {
    EXPECT_EQ(parent_of(markup.comments[i]), markup.comments[i - 1].id);
  }
}

TEST(CommentMarkup, DeepMicroformatsAndBloggerNestingDoNotCrash) {
  std::string mf2 = R"(<div class="h-entry">)";
  std::string blogger;
  for (int i = 0; i < 10000; ++i) {
    mf2 += R"(<div class="p-comment h-cite"><span class="p-author h-card">A</span>)";
    blogger += R"(<li class="comment" id="c)" + std::to_string(i + 1) +
               R"("><cite class="user">B</cite><div class="comment-replies">)";
  }
  for (const std::string* page : {&mf2, &blogger}) {
    const CommentMarkup markup = read_comment_markup(Document{"https://deep.example/p", "", *page},
                                                     post_entry("", "https://deep.example/p"));
    EXPECT_FALSE(markup.comments.empty());
    EXPECT_FALSE(markup.warnings.empty());
  }
}

TEST(CommentMarkup, ScriptInACommentStaysContent) {
  // Sanitizing is render's job: the reader hands the markup on as the page has it, and no
  // reader of it runs anything.
  const std::string page = R"html(<ol class="commentlist"><li class="comment" id="comment-66">
<div class="comment-body"><cite class="fn">Mallory</cite>
<div class="comment-content"><p>hi</p><script>document.cookie="stolen"</script><img src=x onerror="alert(1)"></div>
</div></li></ol>)html";
  const CommentMarkup markup = read_comment_markup(Document{"https://v.example/p/", "", page},
                                                   post_entry("https://v.example/?p=9", ""));
  ASSERT_EQ(markup.comments.size(), 1u);
  EXPECT_EQ(markup.comments[0].content,
            "<p>hi</p><script>document.cookie=\"stolen\"</script><img "
            "src=\"https://v.example/p/x\" onerror=\"alert(1)\">");
}

TEST(CommentMarkup, UnclosedContentIsSerialisedFromTheTree) {
  // No end tag of its own: the content is written from the tree rather than sliced.
  const std::string page = R"(<ol class="commentlist"><li class="comment" id="comment-2">
<div class="comment-body"><cite class="fn">Ana</cite><div class="comment-content"><p>one &amp; <b>two)";
  const CommentMarkup markup = read_comment_markup(Document{"https://u.example/p/", "", page},
                                                   post_entry("https://u.example/?p=2", ""));
  ASSERT_EQ(markup.comments.size(), 1u);
  EXPECT_EQ(markup.comments[0].content, "<p>one &amp; <b>two</b></p>");
}

TEST(CommentMarkup, EncodingFromTheContentType) {
  const std::string page =
      "<ol class=\"commentlist\"><li class=\"comment\" id=\"comment-3\"><div "
      "class=\"comment-body\"><cite class=\"fn\">Jos\xE9</cite><p>Ol\xE9</p></div></li></ol>";
  const CommentMarkup markup =
      read_comment_markup(Document{"https://e.example/p/", "text/html; charset=iso-8859-1", page},
                          post_entry("https://e.example/?p=3", ""));
  ASSERT_EQ(markup.comments.size(), 1u);
  EXPECT_EQ(markup.comments[0].authors[0].name, "Jos\xC3\xA9");
  EXPECT_EQ(markup.comments[0].content, "<p>Ol\xC3\xA9</p>");
}

}  // namespace
}  // namespace confab
