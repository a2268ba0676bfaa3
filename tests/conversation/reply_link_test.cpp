// Where the community manager answers each kind of item: the blog's own reply form when the URL
// says which blog engine wrote it, else the item's page.
#include "conversation/reply_link.h"

#include <gtest/gtest.h>

#include <string>

namespace confab {
namespace {

Node comment(const std::string& url, const std::string& platform = "") {
  Node node;
  node.id = "blog/c";
  node.kind = NodeKind::comment;
  node.url = url;
  node.platform = platform;
  return node;
}

Node post(const std::string& url) {
  Node node;
  node.id = "blog/p";
  node.kind = NodeKind::post;
  node.url = url;
  return node;
}

TEST(ReplyHereUrl, APlatformNodeIsAnsweredOnItsOwnPage) {
  EXPECT_EQ(
      reply_here_url(comment("https://news.ycombinator.com/item?id=42", "hackernews"), nullptr),
      "https://news.ycombinator.com/item?id=42");
  // Even when its URL looks like a blog comment: the platform's page is where it was said.
  EXPECT_EQ(reply_here_url(comment("https://mastodon.social/@a/1#comment-5", "mastodon"), nullptr),
            "https://mastodon.social/@a/1#comment-5");
}

TEST(ReplyHereUrl, AWebmentionIsTreatedAsABlogPage) {
  EXPECT_EQ(
      reply_here_url(comment("https://ann.example/2008/reply/#comment-12", "webmention"), nullptr),
      "https://ann.example/2008/reply/?replytocom=12#respond");
}

TEST(ReplyHereUrl, AWordPressCommentOpensWordPressReplyForm) {
  EXPECT_EQ(reply_here_url(comment("https://ex.com/2008/11/love/#comment-456"), nullptr),
            "https://ex.com/2008/11/love/?replytocom=456#respond");
}

TEST(ReplyHereUrl, AWordPressCommentPageSegmentIsDroppedKeepingTheSlashForm) {
  EXPECT_EQ(
      reply_here_url(comment("https://ex.com/2008/11/love/comment-page-2/#comment-456"), nullptr),
      "https://ex.com/2008/11/love/?replytocom=456#respond");
  EXPECT_EQ(
      reply_here_url(comment("https://ex.com/2008/11/love/comment-page-3#comment-7"), nullptr),
      "https://ex.com/2008/11/love?replytocom=7#respond");
}

TEST(ReplyHereUrl, AWordPressCommentOnAPlainPermalinkAddsToTheQuery) {
  EXPECT_EQ(reply_here_url(comment("https://ex.com/?p=123#comment-456"), nullptr),
            "https://ex.com/?p=123&replytocom=456#respond");
}

TEST(ReplyHereUrl, ABloggerCommentOpensThePostsCommentForm) {
  EXPECT_EQ(reply_here_url(
                comment("https://pond.blogspot.com/2008/11/love.html?showComment=1226307600000#"
                        "c5550123"),
                nullptr),
            "https://pond.blogspot.com/2008/11/love.html#comment-form");
  EXPECT_EQ(reply_here_url(comment("https://pond.blogspot.fr/2008/11/love.html#c5550123"), nullptr),
            "https://pond.blogspot.fr/2008/11/love.html#comment-form");
}

TEST(ReplyHereUrl, ATypePadCommentOpensThePostsComments) {
  EXPECT_EQ(reply_here_url(comment("https://mary.typepad.com/blog/2008/11/love.html#comment-"
                                   "6a00d83451b56c69e2010535"),
                           nullptr),
            "https://mary.typepad.com/blog/2008/11/love.html#comments");
  EXPECT_EQ(reply_here_url(comment("https://mary.typepad.com/blog/love.html#c123"), nullptr),
            "https://mary.typepad.com/blog/love.html#comments");
}

TEST(ReplyHereUrl, AMovableTypeCommentElsewhereOpensThePostsComments) {
  EXPECT_EQ(reply_here_url(comment("https://mt.example/archives/000123.html#c4567"), nullptr),
            "https://mt.example/archives/000123.html#comments");
}

TEST(ReplyHereUrl, ABlogPostIsAnsweredInItsComments) {
  EXPECT_EQ(reply_here_url(post("https://ex.com/2008/11/love/"), nullptr),
            "https://ex.com/2008/11/love/#comments");
  EXPECT_EQ(reply_here_url(post("https://ex.com/2008/11/love/#more-12"), nullptr),
            "https://ex.com/2008/11/love/#comments");
}

TEST(ReplyHereUrl, AnUnrecognisedCommentIsAnsweredOnItsPage) {
  EXPECT_EQ(reply_here_url(comment("https://ex.com/guestbook#entry-3"), nullptr),
            "https://ex.com/guestbook#entry-3");
}

TEST(ReplyHereUrl, WithoutAnHttpUrlTheThreadPostIsUsedElseNothing) {
  const Node root = post("https://ex.com/love/");
  EXPECT_EQ(reply_here_url(comment(""), &root), "https://ex.com/love/");
  EXPECT_EQ(reply_here_url(comment("javascript:alert(1)//#comment-1"), &root),
            "https://ex.com/love/");
  EXPECT_EQ(reply_here_url(comment("ftp://ex.com/x#comment-1"), nullptr), "");
  const Node mailto = post("mailto:ann@ex.com");
  EXPECT_EQ(reply_here_url(comment(""), &mailto), "");
  EXPECT_EQ(reply_here_url(comment("", "hackernews"), nullptr), "");
}

}  // namespace
}  // namespace confab
