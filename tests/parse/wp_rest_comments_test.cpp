// WordPress's REST API comments: one page read into the Entry a comment feed gives, the endpoint
// built from the API root a blog advertises, and whatever a broken or hostile server answers.
#include "parse/wp_rest_comments.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "parse/json_document.h"
#include "parse_fixtures.h"

namespace confab {
namespace {

const std::string kPage1Url =
    "https://blog.example/wp-json/wp/v2/comments?post=42&per_page=3&page=1";
const std::string kPage2Url =
    "https://blog.example/wp-json/wp/v2/comments?post=42&per_page=3&page=2";

std::string read_rest_fixture(const std::string& name) {
  const std::string path =
      std::string(CONFAB_SOURCE_DIR) + "/tests/fixtures/comments/wp-rest/" + name;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("missing fixture " + path);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

/// The post of the fixtures, as the blog's feed gives it.
Entry fixture_post() {
  Entry post;
  post.id = "https://blog.example/?p=42";
  post.link = "https://blog.example/2024/05/a-post/";
  return post;
}

WpRestComments read_text(const std::string& body, const std::string& url = kPage1Url,
                         const Entry& post = fixture_post()) {
  return read_wp_rest_comments(Document{url, "application/json; charset=UTF-8", body}, post);
}

WpRestComments read_fixture(const std::string& name, const std::string& url) {
  return read_text(read_rest_fixture(name), url);
}

std::string error_of(const std::string& body, const std::string& url = kPage1Url) {
  try {
    read_text(body, url);
  } catch (const ParseError& error) {
    return error.what();
  }
  return "(no error)";
}

bool has_warning(const WpRestComments& page, const std::string& part) {
  for (const std::string& warning : page.warnings) {
    if (warning.find(part) != std::string::npos) return true;
  }
  return false;
}

std::string all_warnings(const WpRestComments& page) {
  std::string text;
  for (const std::string& warning : page.warnings) text += warning + "\n";
  return text;
}

std::string gravatar(const std::string& hash, int size) {
  return "https://secure.gravatar.com/avatar/" + hash + "?s=" + std::to_string(size) + "&d=mm&r=g";
}

TEST(WpRestComments, APageInTheOrderGivenWithAuthorsAvatarsDatesAndContent) {
  const WpRestComments page = read_fixture("page-1.json", kPage1Url);
  EXPECT_TRUE(page.warnings.empty()) << all_warnings(page);
  ASSERT_EQ(page.comments.size(), 3u);
  const Entry& newest = page.comments[0];
  EXPECT_EQ(newest.id, "https://blog.example/?p=42#comment-106");
  EXPECT_EQ(newest.link, "https://blog.example/2024/05/a-post/#comment-106");
  ASSERT_EQ(newest.authors.size(), 1u);
  EXPECT_EQ(newest.authors[0].name, "Jonas");
  EXPECT_EQ(newest.authors[0].uri, "");  // a guest without a site
  EXPECT_EQ(newest.authors[0].avatar, gravatar("a17e3d90c5b24f68e2d1c0b97f4a6e35", 96));
  // date_gmt has no zone and means UTC; date (two hours ahead) is not used.
  ASSERT_TRUE(newest.published.has_value());
  EXPECT_EQ(format_rfc3339(*newest.published), "2024-05-03T07:45:00Z");
  EXPECT_EQ(newest.content, "<p>Coming back to say: my sister loved it too.</p>\n");
  EXPECT_TRUE(newest.title.empty());

  EXPECT_EQ(page.comments[1].id, "https://blog.example/?p=42#comment-105");
  EXPECT_EQ(page.comments[1].authors[0].name, "Mira Ostrander");
  EXPECT_EQ(page.comments[1].authors[0].uri, "https://mira.example.org/");
  EXPECT_EQ(page.comments[1].content,
            "<p>Quill, the director&#8217;s cut is on the campaign page.</p>\n");
  const Entry& top = page.comments[2];
  EXPECT_EQ(top.id, "https://blog.example/?p=42#comment-104");
  EXPECT_TRUE(top.in_reply_to.empty());
  EXPECT_EQ(format_rfc3339(*top.published), "2024-05-02T08:00:00Z");
}

TEST(WpRestComments, RepliesNameTheirParentAcrossPagesAndTwoLevelsDeep) {
  const WpRestComments first = read_fixture("page-1.json", kPage1Url);
  const WpRestComments second = read_fixture("page-2.json", kPage2Url);
  EXPECT_TRUE(second.warnings.empty()) << all_warnings(second);
  std::map<std::string, const Entry*> by_id;
  for (const WpRestComments* page : {&first, &second}) {
    for (const Entry& comment : page->comments) by_id[comment.id] = &comment;
  }
  ASSERT_EQ(by_id.size(), 6u);
  const auto parent_of = [&](const std::string& number) -> std::string {
    const Entry& comment = *by_id.at("https://blog.example/?p=42#comment-" + number);
    if (comment.in_reply_to.empty()) return "(top level)";
    EXPECT_EQ(comment.in_reply_to.size(), 1u);
    // The parent is one of the comments read, whichever page it was on.
    EXPECT_TRUE(by_id.count(comment.in_reply_to[0].ref)) << comment.in_reply_to[0].ref;
    return comment.in_reply_to[0].ref + " " + comment.in_reply_to[0].href;
  };
  // 106 on page 1 answers 101 on page 2.
  EXPECT_EQ(parent_of("106"),
            "https://blog.example/?p=42#comment-101 "
            "https://blog.example/2024/05/a-post/#comment-101");
  EXPECT_EQ(parent_of("105"),
            "https://blog.example/?p=42#comment-104 "
            "https://blog.example/2024/05/a-post/#comment-104");
  // 101 <- 102 <- 103.
  EXPECT_EQ(parent_of("103"),
            "https://blog.example/?p=42#comment-102 "
            "https://blog.example/2024/05/a-post/#comment-102");
  EXPECT_EQ(parent_of("102"),
            "https://blog.example/?p=42#comment-101 "
            "https://blog.example/2024/05/a-post/#comment-101");
  EXPECT_EQ(parent_of("101"), "(top level)");
  EXPECT_EQ(parent_of("104"), "(top level)");
  // Page 2 is written as WordPress's encoder writes, slashes escaped: read the same.
  const Entry& ada = *by_id.at("https://blog.example/?p=42#comment-103");
  EXPECT_EQ(ada.authors[0].uri, "https://blog.example/");
  EXPECT_EQ(ada.authors[0].avatar, gravatar("0d9b6c1e4a7f23d58b6e90c1f2a3d4e7", 96));
  EXPECT_EQ(ada.content,
            "<p>Thank you both! The kettle still whistles off-key, for the record.</p>\n");
}

TEST(WpRestComments, ACommentIsTheSameEntryFromTheApiAsFromTheBlogsCommentFeed) {
  // tests/fixtures/parse/wordpress_comments.atom holds comments 457 and 458 (a reply to 457) of
  // post 123; the API's view of the same two comments.
  const Feed feed = testing::parse_fixture(
      "wordpress_comments.atom",
      "https://kettle.example.com/2009/05/06/sourdough-challenge/feed/atom/");
  ASSERT_EQ(feed.entries.size(), 2u);
  Entry post;
  post.id = "https://kettle.example.com/?p=123";
  post.link = "https://kettle.example.com/2009/05/06/sourdough-challenge/";
  const WpRestComments page = read_text(
      R"([{"id": 458, "post": 123, "parent": 457, "author_name": "Someone",
           "link": "https://kettle.example.com/2009/05/06/sourdough-challenge/#comment-458"},
          {"id": 457, "post": 123, "parent": 0, "author_name": "Someone else",
           "link": "https://kettle.example.com/2009/05/06/sourdough-challenge/#comment-457"}])",
      "https://kettle.example.com/wp-json/wp/v2/comments?post=123&per_page=100&page=1", post);
  ASSERT_EQ(page.comments.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(page.comments[i].id, feed.entries[i].id);
    EXPECT_EQ(page.comments[i].link, feed.entries[i].link);
  }
  ASSERT_EQ(page.comments[0].in_reply_to.size(), 1u);
  ASSERT_FALSE(feed.entries[0].in_reply_to.empty());
  EXPECT_EQ(page.comments[0].in_reply_to[0].ref, feed.entries[0].in_reply_to[0].ref);
  EXPECT_EQ(page.comments[0].in_reply_to[0].href, feed.entries[0].in_reply_to[0].href);
}

TEST(WpRestComments, WordPressErrorObjectsThrowWithTheirCodeAndMessage) {
  const std::string url =
      "https://blog.example/wp-json/wp/v2/comments?post=999&per_page=100&page=1";
  EXPECT_EQ(error_of(read_rest_fixture("error-404.json"), url),
            url +
                ": WordPress answered with an error, not comments: \"rest_post_invalid_id\" "
                "\"Invalid post ID.\" (status \"404\")");
  // Any other code, the message and status optional.
  EXPECT_EQ(error_of(R"({"code": "rest_forbidden"})"),
            kPage1Url + ": WordPress answered with an error, not comments: \"rest_forbidden\"");
  // A hostile message is cut short and cannot move the terminal's cursor.
  const std::string message =
      error_of(R"({"code": "x\u001b[2J", "message": ")" + std::string(5000, 'm') + "\"}");
  EXPECT_LT(message.size(), 300u);
  EXPECT_NE(message.find("\"x?[2J\""), std::string::npos) << message;
}

TEST(WpRestComments, BodiesThatAreNoListOfCommentsThrowNamingTheUrl) {
  EXPECT_EQ(error_of(""), kPage1Url + ": not a list of comments (unreadable JSON)");
  EXPECT_EQ(error_of("<!DOCTYPE html><html><body>Maintenance</body></html>"),
            kPage1Url + ": not a list of comments (unreadable JSON)");
  EXPECT_EQ(error_of("[{\"id\": 1}"), kPage1Url + ": not a list of comments (unreadable JSON)");
  EXPECT_EQ(error_of(R"({"namespace": "wp/v2", "routes": {}})"),
            kPage1Url + ": not a list of comments (JSON an object)");
  EXPECT_EQ(error_of("\"comments\""),
            kPage1Url + ": not a list of comments (JSON the string \"comments\")");
  EXPECT_EQ(error_of("null"), kPage1Url + ": not a list of comments (JSON null)");
  EXPECT_EQ(error_of("[]", ""), "(no error)");
  EXPECT_EQ(error_of("{}", ""), "document: not a list of comments (JSON an object)");
}

TEST(WpRestComments, AnEmptyPageIsNoComments) {
  const WpRestComments page = read_text("[]");
  EXPECT_TRUE(page.comments.empty());
  EXPECT_TRUE(page.warnings.empty());
}

TEST(WpRestComments, LiberalInWhatItReads) {
  const WpRestComments page = read_text(R"([
    {"id": "7", "post": "42", "parent": "3", "author_name": "  Strings  ",
     "date_gmt": "2024-05-01 10:00:00", "content": "<p>Content as a string</p>"},
    {"id": 3, "author_name": "No Date GMT", "date": "2024-05-01T09:00:00",
     "content": {"rendered": "<p>see <a href=\"/about/\">about</a></p>"}},
    {"id": 9, "content": {"raw": "not shown to guests"}, "author_avatar_urls":
     "https://secure.gravatar.com/avatar/ffffffffffffffffffffffffffffffff?s=96"}])");
  EXPECT_TRUE(page.warnings.empty()) << all_warnings(page);
  ASSERT_EQ(page.comments.size(), 3u);
  const Entry& reply = page.comments[0];
  EXPECT_EQ(reply.id, "https://blog.example/?p=42#comment-7");
  // No link: the post's page with the comment's anchor, as WordPress links it.
  EXPECT_EQ(reply.link, "https://blog.example/2024/05/a-post/#comment-7");
  ASSERT_EQ(reply.in_reply_to.size(), 1u);
  EXPECT_EQ(reply.in_reply_to[0].ref, "https://blog.example/?p=42#comment-3");
  EXPECT_EQ(reply.in_reply_to[0].href, "https://blog.example/2024/05/a-post/#comment-3");
  EXPECT_EQ(reply.authors[0].name, "Strings");
  EXPECT_EQ(format_rfc3339(*reply.published), "2024-05-01T10:00:00Z");
  EXPECT_EQ(reply.content, "<p>Content as a string</p>");
  // Without date_gmt, the local date is the best there is.
  EXPECT_EQ(format_rfc3339(*page.comments[1].published), "2024-05-01T09:00:00Z");
  // Relative links in the HTML are relative to the comment's page.
  EXPECT_EQ(page.comments[1].content,
            "<p>see <a href=\"https://blog.example/about/\">about</a></p>");
  EXPECT_EQ(page.comments[2].content, "");
  EXPECT_FALSE(page.comments[2].published.has_value());
  ASSERT_EQ(page.comments[2].authors.size(), 1u);
  EXPECT_EQ(page.comments[2].authors[0].avatar,
            "https://secure.gravatar.com/avatar/ffffffffffffffffffffffffffffffff?s=96");
  EXPECT_EQ(page.comments[2].authors[0].name, "");
}

TEST(WpRestComments, ALinkWithoutAFragmentStillGivesTheParentsAnchor) {
  const WpRestComments page =
      read_text(R"([{"id": 8, "parent": 5, "link": "https://blog.example/?p=42"}])");
  ASSERT_EQ(page.comments.size(), 1u);
  ASSERT_EQ(page.comments[0].in_reply_to.size(), 1u);
  EXPECT_EQ(page.comments[0].in_reply_to[0].href, "https://blog.example/?p=42#comment-5");
}

TEST(WpRestComments, PingbacksAndTrackbacksAreKeptAsGiven) {
  const WpRestComments page = read_text(R"([
    {"id": 31, "post": 42, "parent": 0, "author": 0, "author_name": "Another Blog",
     "author_url": "https://another.example/2024/05/on-love/", "status": "approved",
     "type": "pingback", "content": {"rendered": "<p>[&#8230;] as they said [&#8230;]</p>\n"}},
    {"id": 32, "type": "trackback", "author_name": "Far Away",
     "author_url": "https://far.example/t/1", "content": "<strong>Title</strong> excerpt"}])");
  ASSERT_EQ(page.comments.size(), 2u);
  EXPECT_EQ(page.comments[0].authors[0].uri, "https://another.example/2024/05/on-love/");
  EXPECT_EQ(page.comments[0].content, "<p>[&#8230;] as they said [&#8230;]</p>\n");
  EXPECT_EQ(page.comments[1].authors[0].uri, "https://far.example/t/1");
  EXPECT_EQ(page.comments[1].content, "<strong>Title</strong> excerpt");
}

TEST(WpRestComments, CommentsNotApprovedAreSkippedNamingThem) {
  const WpRestComments page = read_text(R"([
    {"id": 1, "status": "approved"}, {"id": 2, "status": "hold"}, {"id": 3, "status": "spam"},
    {"id": 4, "status": "trash"}, {"id": 5}, {"id": 6, "status": "unapproved"}])");
  ASSERT_EQ(page.comments.size(), 2u);
  EXPECT_EQ(page.comments[0].id, "https://blog.example/?p=42#comment-1");
  EXPECT_EQ(page.comments[1].id, "https://blog.example/?p=42#comment-5");
  ASSERT_EQ(page.warnings.size(), 4u);
  EXPECT_EQ(page.warnings[0], kPage1Url +
                                  ": item 2 (comment 2) has status the string \"hold\", not "
                                  "\"approved\"; skipped");
  EXPECT_TRUE(has_warning(page, "item 3 (comment 3) has status the string \"spam\""));
}

TEST(WpRestComments, PhpWarningsBeforeTheJsonAreLeftOut) {
  const std::string notice =
      "<br />\n<b>Warning</b>:  Undefined variable $x in <b>/srv/wp/plugin.php</b> on line "
      "<b>12</b><br />\n";
  const WpRestComments page = read_text(notice + R"([{"id": 1, "author_name": "Kept"}])");
  ASSERT_EQ(page.comments.size(), 1u);
  ASSERT_EQ(page.warnings.size(), 1u);
  EXPECT_EQ(page.warnings[0], kPage1Url + ": " + std::to_string(notice.size()) +
                                  " bytes before the JSON were left out (PHP warnings the blog "
                                  "printed before its answer?)");
  // An error object behind notices is still an error.
  EXPECT_NE(error_of(notice + R"({"code": "rest_no_route"})").find("\"rest_no_route\""),
            std::string::npos);
}

TEST(WpRestComments, APostIdNotInTheGuidIsTakenFromTheRequestedUrl) {
  Entry post;
  post.id = "https://blog.example/2024/05/a-post/";  // a guid rewritten to the permalink
  post.link = "https://blog.example/2024/05/a-post/";
  const WpRestComments page =
      read_text(R"([{"id": 1, "post": 42}, {"id": 2, "post": 41}])", kPage1Url, post);
  ASSERT_EQ(page.comments.size(), 1u);
  EXPECT_EQ(page.comments[0].id, "https://blog.example/2024/05/a-post/#comment-1");
  ASSERT_EQ(page.warnings.size(), 1u);
  EXPECT_EQ(page.warnings[0],
            kPage1Url + ": item 2 (comment 2) belongs to post 41, not to post 42; skipped");
}

TEST(WpRestComments, TheHostileFixtureIsReadWithoutACrashAndEverySkipIsNamed) {
  const std::string url = "https://blog.example/wp-json/wp/v2/comments?post=42";
  const WpRestComments page = read_fixture("hostile.json", url);
  std::vector<std::string> ids;
  for (const Entry& comment : page.comments) ids.push_back(comment.id);
  const std::string prefix = "https://blog.example/?p=42#comment-";
  EXPECT_EQ(ids, (std::vector<std::string>{prefix + "201", prefix + "205", prefix + "206",
                                           prefix + "207", prefix + "208", prefix + "211",
                                           prefix + "18446744073709551615"}))
      << all_warnings(page);

  const std::vector<std::string> expected = {
      url + ": JSON nested deeper than 512 levels; what lies deeper was left out",
      url +
          ": item 1 is the string \"a comment, but only in name\", not a comment object; "
          "skipped",
      url + ": item 2 is the number 42, not a comment object; skipped",
      url + ": item 3 is null, not a comment object; skipped",
      url + ": item 4 is an array, not a comment object; skipped",
      url + ": item 5 has no \"id\"; skipped",
      url +
          ": item 6 has the number 1.844674407370955e+23 as its id, not a comment number; "
          "skipped",
      url +
          ": item 7 has the string \"99999999999999999999999\" as its id, not a comment "
          "number; skipped",
      url + ": item 8 has the number -7 as its id, not a comment number; skipped",
      url + ": item 9 has true as its id, not a comment number; skipped",
      url +
          ": item 10 (comment 201): unreadable date_gmt \"sometime last spring\"; read "
          "without a date",
      url + ": item 11 (comment 202) has status the string \"hold\", not \"approved\"; skipped",
      url + ": item 12 (comment 203) has status the number 1, not \"approved\"; skipped",
      url + ": item 13 (comment 204) belongs to post 43, not to post 42; skipped",
      url + ": item 14 (comment 201) repeats an id read before; skipped",
      url + ": item 15 (comment 205): names itself as its parent; read as a comment on the post",
      url +
          ": item 16 (comment 206): parent is the string \"the first one\", not a comment "
          "number; read as a comment on the post",
      url + ": item 19 has the number 209.5 as its id, not a comment number; skipped",
  };
  EXPECT_EQ(page.warnings, expected);

  // Fields of the wrong type are left empty, the rest of the item read.
  const Entry& strange = page.comments[0];
  EXPECT_EQ(strange.authors[0].name, "7");
  EXPECT_EQ(strange.authors[0].uri, "");
  // The largest size that is a URL; "//" resolved against the document.
  EXPECT_EQ(strange.authors[0].avatar,
            "https://secure.gravatar.com/avatar/00000000000000000000000000000000?s=48");
  EXPECT_EQ(strange.link, "https://blog.example/2024/05/a-post/#comment-201");
  EXPECT_FALSE(strange.published.has_value());
  EXPECT_EQ(strange.content,
            "<p>Content as a plain string, and <a href=\"https://blog.example/about/\">a "
            "relative link</a>.</p>");
  EXPECT_TRUE(strange.in_reply_to.empty());
  EXPECT_TRUE(page.comments[1].in_reply_to.empty());  // its own parent
  EXPECT_TRUE(page.comments[2].in_reply_to.empty());  // a word as its parent
  // The deep content is left out; the reply still names its parent.
  const Entry& deep = page.comments[3];
  EXPECT_EQ(deep.authors[0].name, "Deep Diver");
  EXPECT_EQ(deep.content, "");
  ASSERT_EQ(deep.in_reply_to.size(), 1u);
  EXPECT_EQ(deep.in_reply_to[0].ref, prefix + "201");
  EXPECT_EQ(page.comments[5].authors[0].uri, "mailto:padded@example.org");
}

TEST(WpRestComments, AMillionLevelsOfNestingWarnOnceAndTheCommentsAreKept) {
  const std::string deep = std::string(1'000'000, '[') + std::string(1'000'000, ']');
  const WpRestComments page =
      read_text(R"([{"id": 1, "_links": )" + deep + R"(, "author_name": "Afloat"}, )" + deep +
                R"(, {"id": 2}])");
  ASSERT_EQ(page.comments.size(), 2u);
  EXPECT_EQ(page.comments[0].authors[0].name, "Afloat");
  ASSERT_EQ(page.warnings.size(), 2u);
  EXPECT_EQ(page.warnings[0], kPage1Url + ": JSON nested deeper than " +
                                  std::to_string(kJsonNestingCap) +
                                  " levels; what lies deeper was left out");
  EXPECT_EQ(page.warnings[1], kPage1Url + ": item 2 is an array, not a comment object; skipped");
}

TEST(WpRestComments, WordPressPostIdFromGuidsAndShortlinks) {
  EXPECT_EQ(wordpress_post_id("https://blog.example/?p=42"), "42");
  EXPECT_EQ(wordpress_post_id("http://blog.example/?p=42"), "42");  // guids keep http://
  EXPECT_EQ(wordpress_post_id("https://blog.example/index.php?p=42#comment-3"), "42");
  EXPECT_EQ(wordpress_post_id("https://blog.example/?page_id=7"), "7");
  EXPECT_EQ(wordpress_post_id("https://blog.example/?post_type=recipe&p=311"), "311");
  EXPECT_EQ(wordpress_post_id("https://blog.example/?post_type=recipe&amp;p=311"), "311");
  EXPECT_EQ(wordpress_post_id("  https://blog.example/?p=042  "), "42");
  // Pretty permalinks and other parameters carry no id.
  EXPECT_EQ(wordpress_post_id("https://blog.example/2024/05/a-post/"), "");
  EXPECT_EQ(wordpress_post_id("https://blog.example/?paged=2"), "");
  EXPECT_EQ(wordpress_post_id("https://blog.example/?cat=3"), "");
  EXPECT_EQ(wordpress_post_id("https://blog.example/?p=abc"), "");
  EXPECT_EQ(wordpress_post_id("https://blog.example/?p=0"), "");
  EXPECT_EQ(wordpress_post_id("https://blog.example/?p="), "");
  EXPECT_EQ(wordpress_post_id("https://blog.example/?p=99999999999999999999999"), "");
  EXPECT_EQ(wordpress_post_id("https://blog.example/#?p=42"), "");
  EXPECT_EQ(wordpress_post_id(""), "");
  // wp.me shortlinks code WordPress.com's numbers for the blog and the post in base 62 (or are
  // a custom slug): only WordPress.com can say which post they mean.
  EXPECT_EQ(wordpress_post_id("https://wp.me/p1abc-2x"), "");
  EXPECT_EQ(wordpress_post_id("https://wp.me/P1abc-2x"), "");
}

TEST(WpRestComments, TheCommentsUrlFromAnApiRoot) {
  EXPECT_EQ(wp_rest_comments_url("https://blog.example/wp-json/", "42", 1),
            "https://blog.example/wp-json/wp/v2/comments?post=42&per_page=100&page=1");
  EXPECT_EQ(wp_rest_comments_url("https://blog.example/wp-json", "42", 3),
            "https://blog.example/wp-json/wp/v2/comments?post=42&per_page=100&page=3");
  EXPECT_EQ(wp_rest_comments_url(" https://blog.example/sub/wp-json/#top ", "42", 2),
            "https://blog.example/sub/wp-json/wp/v2/comments?post=42&per_page=100&page=2");
  // Without pretty permalinks the route is a query parameter and the rest follow with '&'.
  EXPECT_EQ(wp_rest_comments_url("https://blog.example/?rest_route=/", "42", 1),
            "https://blog.example/?rest_route=/wp/v2/comments&post=42&per_page=100&page=1");
  EXPECT_EQ(wp_rest_comments_url("https://blog.example/index.php?rest_route=/", "42", 2),
            "https://blog.example/index.php?rest_route=/wp/v2/comments&post=42&per_page=100&"
            "page=2");
  EXPECT_EQ(wp_rest_comments_url("https://blog.example/?rest_route=%2F", "42", 1),
            "https://blog.example/?rest_route=%2Fwp/v2/comments&post=42&per_page=100&page=1");
  EXPECT_EQ(wp_rest_comments_url("https://blog.example/?lang=fr&rest_route=/", "42", 1),
            "https://blog.example/?lang=fr&rest_route=/wp/v2/comments&post=42&per_page=100&"
            "page=1");
  // Other parameters of a root are kept.
  EXPECT_EQ(wp_rest_comments_url("https://blog.example/wp-json/?lang=fr", "42", 1),
            "https://blog.example/wp-json/wp/v2/comments?lang=fr&post=42&per_page=100&page=1");
  // Pages count from 1; an id that is not a number cannot break out of its parameter.
  EXPECT_EQ(wp_rest_comments_url("https://blog.example/wp-json/", "42", 0),
            "https://blog.example/wp-json/wp/v2/comments?post=42&per_page=100&page=1");
  EXPECT_EQ(wp_rest_comments_url("https://blog.example/wp-json/", "4&x=1#y", 1),
            "https://blog.example/wp-json/wp/v2/comments?post=4%26x%3D1%23y&per_page=100&page=1");
  EXPECT_EQ(wp_rest_comments_url("", "42", 1), "");
}

TEST(WpRestComments, TheApiRootFromALinkHeader) {
  EXPECT_EQ(
      wp_api_root_from_link_header(R"(<https://blog.example/wp-json/>; rel="https://api.w.org/")"),
      "https://blog.example/wp-json/");
  // What WordPress sends on a post's page: three links in one header.
  EXPECT_EQ(wp_api_root_from_link_header(
                R"(<https://blog.example/wp-json/wp/v2/posts/42>; rel="alternate"; )"
                R"(title="JSON"; type="application/json", <https://blog.example/?p=42>; )"
                R"(rel=shortlink, <https://blog.example/index.php?rest_route=/>; )"
                R"(rel="https://api.w.org/")"),
            "https://blog.example/index.php?rest_route=/");
  // Commas and semicolons inside quoted values, several relation types, odd case and spacing.
  EXPECT_EQ(wp_api_root_from_link_header(
                R"(<https://a.example/>; title="one, two; three"; rel="next",)"
                R"(<https://blog.example/wp-json/>;REL="alternate HTTPS://API.W.ORG/")"),
            "https://blog.example/wp-json/");
  EXPECT_EQ(wp_api_root_from_link_header(
                R"(<https://blog.example/wp-json/> ; rel = https://api.w.org/ ; x=y)"),
            "https://blog.example/wp-json/");
  EXPECT_EQ(wp_api_root_from_link_header(
                R"(<https://blog.example/>; title="\"quoted\", rel=\"https://api.w.org/\"")"),
            "");
  EXPECT_EQ(wp_api_root_from_link_header(R"(<https://blog.example/?p=42>; rel=shortlink)"), "");
  EXPECT_EQ(
      wp_api_root_from_link_header(R"(<https://blog.example/wp-json/; rel="https://api.w.org/")"),
      "");
  EXPECT_EQ(
      wp_api_root_from_link_header(R"(https://blog.example/wp-json/; rel="https://api.w.org/")"),
      "");
  EXPECT_EQ(wp_api_root_from_link_header(R"(<>; rel="https://api.w.org/")"), "");
  EXPECT_EQ(
      wp_api_root_from_link_header(R"(<https://blog.example/wp-json/>; rel="https://api.w.org/)"),
      "https://blog.example/wp-json/");  // an unclosed quote ends with the header
  EXPECT_EQ(wp_api_root_from_link_header("\"\\"), "");
  EXPECT_EQ(wp_api_root_from_link_header(""), "");
}

}  // namespace
}  // namespace confab
