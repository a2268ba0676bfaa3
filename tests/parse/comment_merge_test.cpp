#include "parse/comment_merge.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

const std::string kPost = "https://blog.example/2024/05/a/";

Entry comment(int number, const std::string& name, const std::string& text) {
  Entry entry;
  entry.id = "https://blog.example/?p=7#comment-" + std::to_string(number);
  entry.link = kPost + "#comment-" + std::to_string(number);
  entry.authors.push_back({name, "", ""});
  entry.content = "<p>" + text + "</p>";
  entry.published = 1714550400 + number;
  return entry;
}

Entry reply(Entry entry, int parent) {
  entry.in_reply_to.push_back({"https://blog.example/?p=7#comment-" + std::to_string(parent),
                               kPost + "#comment-" + std::to_string(parent)});
  return entry;
}

TEST(CommentMerge, KeysNameOneCommentWhateverShowsIt) {
  EXPECT_EQ(comment_key(comment(12, "A", "x")), "n:12");
  Entry blogger;
  blogger.id = "tag:blogger.com,1999:blog-555.post-201";
  EXPECT_EQ(comment_key(blogger), "n:201");
  blogger.link = "https://moons.blogspot.com/2024/05/a.html?showComment=1#c201";
  EXPECT_EQ(comment_key(blogger), "n:201");
  Entry typepad;
  typepad.id = "tag:typepad.com,2003:6a00e55c01";
  typepad.link = "https://notes.typepad.com/n/2024/05/a.html#comment-6a00e55c01";
  EXPECT_EQ(comment_key(typepad), "n:6a00e55c01");
  Entry plain;
  plain.id = "urn:uuid:1";
  plain.link = "https://x.example/#comments";
  EXPECT_EQ(comment_key(plain), "id:urn:uuid:1");
}

TEST(CommentMerge, TheRichestReadGivesParentsAndHomepagesTheFeedGivesTheIdAndOneEntryEach) {
  CommentRead rss{CommentFormat::rss, {comment(13, "Jonas", "rss text"), comment(14, "Mira", "m")}};
  Entry jonas = reply(comment(13, "Jonas", "api text"), 12);
  jonas.id = "built by the api reader";
  jonas.authors[0].uri = "https://jonas.example.net/";
  jonas.authors[0].avatar = "https://secure.gravatar.com/avatar/abc";
  CommentRead api{CommentFormat::wp_rest, {jonas, comment(12, "Petra", "older")}};
  const auto merged = merge_comment_reads({rss, api});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].id, "https://blog.example/?p=7#comment-13");  // the feed's, as archived
  ASSERT_EQ(merged[0].in_reply_to.size(), 1u);
  EXPECT_EQ(merged[0].in_reply_to[0].ref, "https://blog.example/?p=7#comment-12");
  EXPECT_EQ(merged[0].authors[0].uri, "https://jonas.example.net/");
  EXPECT_EQ(merged[0].authors[0].avatar, "https://secure.gravatar.com/avatar/abc");
  EXPECT_EQ(merged[0].content, "<p>api text</p>");
  // The API states parents: Mira's comment it does not list keeps the feed's (none).
  EXPECT_TRUE(merged[1].in_reply_to.empty());
  EXPECT_EQ(merged[2].content, "<p>older</p>");
}

TEST(CommentMerge, AFeedWithoutParentsNeverFlattensWhatAnotherNested) {
  CommentRead rss{CommentFormat::rss, {comment(13, "Jonas", "flat")}};
  CommentRead page{CommentFormat::page, {reply(comment(13, "Jonas", "from the page"), 12)}};
  const auto merged = merge_comment_reads({rss, page});
  ASSERT_EQ(merged.size(), 1u);
  ASSERT_EQ(merged[0].in_reply_to.size(), 1u);
  EXPECT_EQ(merged[0].content, "<p>flat</p>");  // text from the feed, not the page
}

TEST(CommentMerge, AnAtomFeedThatStatesParentsWinsOverThePage) {
  CommentRead atom{CommentFormat::atom, {reply(comment(13, "J", "a"), 11)}};
  CommentRead page{CommentFormat::page, {reply(comment(13, "J", "p"), 12)}};
  const auto merged = merge_comment_reads({page, atom});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].in_reply_to[0].ref, "https://blog.example/?p=7#comment-11");
}

TEST(CommentMerge, OneReadIsReturnedAsItIs) {
  CommentRead rss{CommentFormat::rss, {comment(1, "A", "x"), comment(1, "A", "x")}};
  EXPECT_EQ(merge_comment_reads({rss}).size(), 2u);
  EXPECT_TRUE(merge_comment_reads({}).empty());
}

}  // namespace
}  // namespace confab
