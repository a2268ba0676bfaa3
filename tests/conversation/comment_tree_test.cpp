#include "conversation/comment_tree.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

Entry comment(std::string id, std::string link, std::vector<InReplyTo> replies = {},
              std::string related = "") {
  Entry entry;
  entry.id = std::move(id);
  entry.link = std::move(link);
  entry.in_reply_to = std::move(replies);
  entry.related = std::move(related);
  entry.content = "<p>words</p>";
  return entry;
}

TEST(CommentParents, WordPressAtomRepliesByRef) {
  Entry post;
  post.id = "https://wp.example/?p=7";
  post.link = "https://wp.example/2008/11/love/";
  const std::vector<Entry> comments = {
      comment("https://wp.example/?p=7#comment-1", "https://wp.example/2008/11/love/#comment-1",
              {{post.id, post.link}}),
      comment(
          "https://wp.example/?p=7#comment-2", "https://wp.example/2008/11/love/#comment-2",
          {{"https://wp.example/?p=7#comment-1", "https://wp.example/2008/11/love/#comment-1"}}),
      comment("https://wp.example/?p=7#comment-3", "https://wp.example/2008/11/love/#comment-3",
              {{"https://wp.example/?p=7#comment-2", ""}}),
  };
  std::vector<bool> unknown;
  const auto parents = resolve_comment_parents(post, comments, unknown);
  EXPECT_EQ(parents, (std::vector<int>{-1, 0, 1}));
  EXPECT_EQ(unknown, (std::vector<bool>{false, false, false}));
}

TEST(CommentParents, BloggerRelatedLinkNamesTheParent) {
  Entry post;
  post.id = "tag:blogger.com,1999:blog-42.post-100";
  post.link = "https://x.blogspot.com/2008/11/love.html";
  const InReplyTo to_post{post.id, post.link};
  const std::vector<Entry> comments = {
      comment("tag:blogger.com,1999:blog-42.post-201", post.link + "?showComment=1#c201",
              {to_post}),
      comment("tag:blogger.com,1999:blog-42.post-202", post.link + "?showComment=2#c202", {to_post},
              "https://x.blogspot.com/feeds/100/comments/default/201"),
  };
  std::vector<bool> unknown;
  EXPECT_EQ(resolve_comment_parents(post, comments, unknown), (std::vector<int>{-1, 0}));
}

TEST(CommentParents, MovableTypeRefAndHrefFragment) {
  Entry post;
  post.id = "tag:typepad.com,2003:post-6a00e5";
  post.link = "https://f.typepad.com/blog/2008/11/love.html";
  const std::vector<Entry> comments = {
      comment("tag:typepad.com,2003:post-6a00e5-comment:6a0001", post.link + "#comment-6a0001",
              {{post.id, post.link}}),
      comment("tag:typepad.com,2003:post-6a00e5-comment:6a0002", post.link + "#comment-6a0002",
              {{"tag:typepad.com,2003:post-6a00e5-comment:6a0001", post.link + "#comment-6a0001"}}),
  };
  std::vector<bool> unknown;
  EXPECT_EQ(resolve_comment_parents(post, comments, unknown), (std::vector<int>{-1, 0}));
}

TEST(CommentParents, AnUnknownParentHangsUnderThePostFlagged) {
  Entry post;
  post.id = "post";
  post.link = "https://a.example/post";
  const std::vector<Entry> comments = {
      comment("c2", "https://a.example/post#comment-2",
              {{"c1-gone", "https://a.example/post#comment-1"}}),
  };
  std::vector<bool> unknown;
  EXPECT_EQ(resolve_comment_parents(post, comments, unknown), (std::vector<int>{-1}));
  EXPECT_EQ(unknown, (std::vector<bool>{true}));
}

TEST(CommentParents, CyclesAreBroken) {
  Entry post;
  post.id = "post";
  post.link = "https://a.example/post";
  const std::vector<Entry> comments = {
      comment("a", "https://a.example/post#comment-1", {{"b", ""}}),
      comment("b", "https://a.example/post#comment-2", {{"a", ""}}),
  };
  std::vector<bool> unknown;
  const auto parents = resolve_comment_parents(post, comments, unknown);
  EXPECT_TRUE(parents[0] == -1 || parents[1] == -1);
}

TEST(Mentions, PingbackAndTrackbackShapesAreRecognised) {
  Entry pingback = comment("p", "https://a.example/post#comment-9");
  pingback.content = "<p>[&#8230;] they linked to the video [&#8230;]</p>";
  pingback.authors = {{"Another post", "", "https://b.example/other"}};
  EXPECT_TRUE(is_mention(pingback, "https://a.example/post"));
  pingback.content = "<p>[\xE2\x80\xA6] they linked to the video [\xE2\x80\xA6]</p>";
  EXPECT_TRUE(is_mention(pingback, "https://a.example/post"));

  Entry trackback = comment("t", "https://a.example/post#comment-10");
  trackback.content = "<strong>Why love matters</strong> An excerpt of the sending post.";
  trackback.authors = {{"Sending Blog", "", "https://c.example/why"}};
  EXPECT_TRUE(is_mention(trackback, "https://a.example/post"));

  Entry from_rss = comment("r", "https://a.example/post#comment-12");
  from_rss.content = "<strong>Ramenez l'amour</strong> Un extrait.";
  from_rss.authors = {{"Les Fêlés du Marketing", "", ""}};
  EXPECT_FALSE(is_mention(from_rss, "https://a.example/post"));
  EXPECT_TRUE(is_mention(from_rss, "https://a.example/post", {"les feles du marketing"}));

  Entry ordinary = comment("o", "https://a.example/post#comment-11");
  ordinary.content = "<p><strong>Yes!</strong> I agree with you.</p>";
  ordinary.authors = {{"Reader", "", ""}};
  EXPECT_FALSE(is_mention(ordinary, "https://a.example/post"));
}

}  // namespace
}  // namespace confab
