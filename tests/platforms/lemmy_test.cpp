// Lemmy: URLs of its API v3 on an instance (or a configured API), a lookup by URL, a post read
// into the story, comment pages threaded by `path`, and what a broken or hostile server answers.
#include "platforms/lemmy.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "platform_test_support.h"

namespace confab {
namespace {

using namespace platform_tests;

using nlohmann::json;

const std::string kInstance = "https://lemmy.example.org";
const std::string kBlog = "https://quill.example.org/2026/11/bring-the-love-back/";
const std::string kStory = kInstance + "/post/771";
const std::string kPostUrl = kInstance + "/api/v3/post?id=771";
const std::string kCommentsUrl = kInstance +
                                 "/api/v3/comment/list?post_id=771&max_depth=8&limit=50&page=1"
                                 "&sort=Old&type_=All";
const std::string kApi = "http://127.0.0.1:8765";

std::string read_fixture(const std::string& name) {
  return platform_fixture("lemmy", name);
}

PlatformThreadRef thread_771() {
  return PlatformThreadRef{"771", kStory, kInstance};
}

std::unique_ptr<Platform> lemmy() {
  return make_lemmy_platform({});
}

PlatformThread read_comments(const std::string& body, const std::string& url = kCommentsUrl) {
  return lemmy()->read_more(document(url, body), thread_771());
}

std::string comment_url(int id) {
  return kInstance + "/comment/" + std::to_string(id);
}

/// A comment view as /api/v3/comment/list gives it, with what the tests look at.
json comment_view(int id, const std::string& path, const std::string& content = "Lovely.",
                  int child_count = 0) {
  return json{{"comment",
               {{"id", id},
                {"creator_id", 57},
                {"post_id", 771},
                {"content", content},
                {"removed", false},
                {"published", "2026-11-04T10:00:00.000000Z"},
                {"deleted", false},
                {"ap_id", comment_url(id)},
                {"local", true},
                {"path", path}}},
              {"creator",
               {{"id", 57},
                {"name", "lanternfish"},
                {"actor_id", kInstance + "/u/lanternfish"},
                {"local", true}}},
              {"counts", {{"comment_id", id}, {"score", 1}, {"child_count", child_count}}}};
}

std::string page_of(const json& comments) {
  return json{{"comments", comments}}.dump();
}

TEST(Lemmy, NameAndLabel) {
  EXPECT_EQ(lemmy()->name(), "lemmy");
  EXPECT_EQ(lemmy()->label(), "Lemmy");
}

TEST(Lemmy, LookupUrlPercentEncodesTheUrlOnTheInstanceOrTheConfiguredApi) {
  const std::string query =
      "/api/v3/search?q=https%3A%2F%2Fquill.example.org%2F2026%2F11%2Fbring-the-love-back%2F"
      "&type_=Url&sort=New&limit=50";
  EXPECT_EQ(lemmy()->lookup_url(kBlog, kInstance), kInstance + query);
  EXPECT_EQ(lemmy()->lookup_url(kBlog, "HTTPS://Lemmy.Example.org/"), kInstance + query);
  EXPECT_EQ(make_lemmy_platform({kApi, kInstance})->lookup_url(kBlog, kInstance), kApi + query);
  // No instance named: the configured site, else no lookup at all.
  EXPECT_EQ(make_lemmy_platform({"", kInstance})->lookup_url(kBlog, ""), kInstance + query);
  EXPECT_EQ(lemmy()->lookup_url(kBlog, ""), "");
  EXPECT_EQ(lemmy()->lookup_url("", kInstance), "");
}

TEST(Lemmy, ReadLookupKeepsPostsSubmittingTheUrlUpToTrivialDifferences) {
  const std::string url = lemmy()->lookup_url(kBlog, kInstance);
  const std::vector<PlatformThreadRef> threads =
      lemmy()->read_lookup(document(url, read_fixture("search.json")));
  // 812 is a federated post: its id is this instance's, its ap_id elsewhere. 790 submits a
  // page under the URL, 795 nothing: both left out.
  ASSERT_EQ(threads.size(), 3u);
  EXPECT_EQ(threads[0].id, "812");
  EXPECT_EQ(threads[0].url, kInstance + "/post/812");
  EXPECT_EQ(threads[1].id, "771");
  EXPECT_EQ(threads[1].url, kStory);
  EXPECT_EQ(threads[2].id, "802");  // http://…/bring-the-love-back, no trailing slash
  for (const PlatformThreadRef& thread : threads) EXPECT_EQ(thread.instance, kInstance);
}

TEST(Lemmy, ReadLookupThroughTheConfiguredApiNamesTheSiteAsInstance) {
  const auto platform = make_lemmy_platform({kApi, kInstance});
  const std::string url = platform->lookup_url(kBlog, kInstance);
  const auto threads = platform->read_lookup(document(url, read_fixture("search.json")));
  ASSERT_EQ(threads.size(), 3u);
  EXPECT_EQ(threads[1].url, kStory);
  EXPECT_EQ(threads[1].instance, kInstance);
  // No site configured: the instance a local post of the answer is on.
  const auto replay = make_lemmy_platform({kApi, ""});
  const auto replayed = replay->read_lookup(document(url, read_fixture("search.json")));
  ASSERT_EQ(replayed.size(), 3u);
  EXPECT_EQ(replayed[1].url, kStory);
}

TEST(Lemmy, ReadLookupWithoutTheLookedUpUrlFindsNothing) {
  EXPECT_TRUE(lemmy()
                  ->read_lookup(
                      document(kInstance + "/api/v3/search?type_=Url", read_fixture("search.json")))
                  .empty());
}

TEST(Lemmy, ThreadApiUrlOnTheInstanceOrTheConfiguredApi) {
  EXPECT_EQ(lemmy()->thread_api_url(thread_771()), kPostUrl);
  EXPECT_EQ(make_lemmy_platform({kApi, kInstance})->thread_api_url(thread_771()),
            kApi + "/api/v3/post?id=771");
  // The id and instance its page URL names, when the reference carries only that.
  EXPECT_EQ(lemmy()->thread_api_url(PlatformThreadRef{"", kStory, ""}), kPostUrl);
  EXPECT_EQ(lemmy()->thread_api_url(PlatformThreadRef{"771", "", ""}), "");
  EXPECT_EQ(lemmy()->thread_api_url(PlatformThreadRef{"x", "", kInstance}), "");
}

TEST(Lemmy, ReadThreadGivesTheStoryAndTheFirstCommentsPage) {
  const PlatformThread thread =
      lemmy()->read_thread(document(kPostUrl, read_fixture("post-771.json")), thread_771());
  EXPECT_TRUE(thread.warnings.empty()) << all_warnings(thread);
  ASSERT_TRUE(thread.story.has_value());
  const Entry& story = *thread.story;
  EXPECT_EQ(story.id, kStory);
  EXPECT_EQ(story.link, kStory);
  EXPECT_EQ(story.title, "Bring the love back, one letter at a time");
  ASSERT_EQ(story.authors.size(), 1u);
  EXPECT_EQ(story.authors[0].name, "mira_k");
  EXPECT_EQ(story.authors[0].email, "");
  EXPECT_EQ(story.authors[0].uri, kInstance + "/u/mira_k");
  EXPECT_EQ(story.published, make_utc_time(2026, 11, 4, 9, 12, 33));
  EXPECT_EQ(story.content,
            "<p>Found this lovely campaign post by <a href=\"https://quill.example.org/\">the "
            "Quill</a>. Has anyone here tried writing real letters again?</p>"
            "<p>The idea: one handwritten letter a month, to someone who would never expect "
            "it.</p><p><a href=\"" +
                kBlog + "\">" + kBlog + "</a></p>");
  EXPECT_EQ(story.comment_count, 6);
  EXPECT_EQ(story.categories, std::vector<std::string>{"!letters"});
  EXPECT_TRUE(thread.comments.empty());
  EXPECT_EQ(thread.more, std::vector<std::string>{kCommentsUrl});
}

TEST(Lemmy, ReadThreadThroughTheConfiguredApiKeepsPagesOnTheInstance) {
  const auto platform = make_lemmy_platform({kApi, kInstance});
  const PlatformThread thread = platform->read_thread(
      document(kApi + "/api/v3/post?id=771", read_fixture("post-771.json")), thread_771());
  ASSERT_TRUE(thread.story.has_value());
  EXPECT_EQ(thread.story->id, kStory);
  EXPECT_EQ(thread.more,
            std::vector<std::string>{kApi + "/api/v3/comment/list?post_id=771&max_depth=8&limit=50"
                                            "&page=1&sort=Old&type_=All"});
}

TEST(Lemmy, ReadThreadOfAnotherPostThrows) {
  const std::string error = parse_error_of([] {
    lemmy()->read_thread(document(kPostUrl, read_fixture("post-771.json")),
                         PlatformThreadRef{"772", kInstance + "/post/772", kInstance});
  });
  EXPECT_EQ(error.rfind(kPostUrl + ": ", 0), 0u) << error;
  EXPECT_NE(error.find("post 771, not post 772"), std::string::npos) << error;
}

TEST(Lemmy, CommentsHangUnderTheParentTheirPathNamesAtThreeLevels) {
  const PlatformThread page = read_comments(read_fixture("comments-page-1.json"));
  EXPECT_FALSE(page.story.has_value());
  ASSERT_EQ(page.comments.size(), 6u);  // seven, less the deleted 9003
  EXPECT_EQ(parent_of(page, comment_url(9001)), kStory);
  EXPECT_EQ(parent_of(page, comment_url(9005)), comment_url(9001));
  EXPECT_EQ(parent_of(page, comment_url(9012)), comment_url(9005));
  EXPECT_EQ(parent_of(page, comment_url(9004)), kStory);
  EXPECT_EQ(parent_of(page, "https://feddit.example.net/comment/4410"), comment_url(9004));

  const Entry& first = page.comments[0];
  EXPECT_EQ(first.id, comment_url(9001));
  EXPECT_EQ(first.link, first.id);
  ASSERT_EQ(first.authors.size(), 1u);
  EXPECT_EQ(first.authors[0].name, "lanternfish");
  EXPECT_EQ(first.authors[0].uri, kInstance + "/u/lanternfish");
  EXPECT_EQ(first.published, make_utc_time(2026, 11, 4, 10, 1, 15));
  // Parents first, as the page lists them.
  for (std::size_t i = 0; i < page.comments.size(); ++i) {
    const std::string& parent = page.comments[i].in_reply_to.at(0).ref;
    bool earlier = parent == kStory;
    for (std::size_t j = 0; j < i; ++j) earlier = earlier || page.comments[j].id == parent;
    EXPECT_TRUE(earlier) << page.comments[i].id;
  }
  EXPECT_TRUE(page.more.empty());  // 7 comments < limit 50
}

TEST(Lemmy, DeletedCommentIsLeftOutCountedAndItsReplyReparented) {
  const PlatformThread page = read_comments(read_fixture("comments-page-1.json"));
  EXPECT_EQ(page.deleted, 1u);
  EXPECT_EQ(find_comment(page, comment_url(9003)), nullptr);
  EXPECT_EQ(parent_of(page, comment_url(9007)), kStory);
  ASSERT_EQ(page.warnings.size(), 1u) << all_warnings(page);
  EXPECT_EQ(page.warnings[0],
            kCommentsUrl +
                ": 1 reply to deleted or removed comments hung under the nearest comment (or "
                "the post) above");

  // A reply to a removed reply goes to the comment above both.
  const PlatformThread nested = read_comments(page_of(
      json::array({comment_view(1, "0.1"), comment_view(2, "0.1.2"), comment_view(3, "0.1.2.3")})));
  json removed = json::array({comment_view(1, "0.1"), comment_view(2, "0.1.2"),
                              comment_view(3, "0.1.2.3"), comment_view(4, "0.1.2.3.4")});
  removed[1]["comment"]["removed"] = true;
  removed[2]["comment"]["deleted"] = true;
  const PlatformThread reparented = read_comments(page_of(removed));
  EXPECT_EQ(reparented.deleted, 2u);
  ASSERT_EQ(reparented.comments.size(), 2u);
  EXPECT_EQ(parent_of(reparented, comment_url(4)), comment_url(1));
  EXPECT_TRUE(has_warning(reparented, ": 1 reply to deleted")) << all_warnings(reparented);
  EXPECT_EQ(parent_of(nested, comment_url(3)), comment_url(2));
}

TEST(Lemmy, FrenchTextAndFederatedCommentsKeepTheirOwnPages) {
  const PlatformThread page = read_comments(read_fixture("comments-page-1.json"));
  const Entry* french = find_comment(page, comment_url(9004));
  ASSERT_NE(french, nullptr);
  EXPECT_EQ(
      french->content,
      "<p>Quelle belle idée ! J&#39;écris déjà à ma sœur chaque mois, et ça change tout.</p>");
  EXPECT_EQ(french->authors.at(0).name, "camille_r");
  const Entry* federated = find_comment(page, "https://feddit.example.net/comment/4410");
  ASSERT_NE(federated, nullptr);
  EXPECT_EQ(federated->link, federated->id);
  EXPECT_EQ(federated->authors.at(0).name, "wren");
  EXPECT_EQ(federated->authors.at(0).uri, "https://feddit.example.net/u/wren");
}

TEST(Lemmy, MarkdownIsEscapedTextWithParagraphsAndLinksOnly) {
  const PlatformThread page = read_comments(read_fixture("comments-page-1.json"));
  EXPECT_EQ(find_comment(page, comment_url(9001))->content,
            "<p>This made me dig out the box of letters my grandmother kept.</p>"
            "<p>Tea &amp; biscuits, a pen, and an hour: that is all it takes. The "
            "<a href=\"https://quill.example.org/guide/\">letter-writing guide</a> helped me "
            "start, and I &lt;i&gt;really&lt;/i&gt; mean it.</p>");
  // A bare URL, without the full stop that ends the sentence.
  EXPECT_EQ(find_comment(page, comment_url(9007))->content,
            "<p>Whatever was said above, I agree the post is worth a read: <a href=\"" + kBlog +
                "\">" + kBlog + "</a>.</p>");

  const std::string hostile =
      "<script>alert(1)</script>\r\n\r\n"
      "[click](javascript:alert(1)) [q](https://x.example/\"onmouseover=\"a) "
      "(see https://x.example/a_(b)) [[[[ ]]] ](( "
      "[a b](https://x.example/?a=1&b=2) xhttps://no.example/ http:// https://y.example/<b>\n"
      "second line";
  const PlatformThread hostile_page =
      read_comments(page_of(json::array({comment_view(1, "0.1", hostile)})));
  EXPECT_EQ(hostile_page.comments.at(0).content,
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
            "<p>[click](javascript:alert(1)) "
            "<a href=\"https://x.example/&quot;onmouseover=&quot;a\">q</a> "
            "(see <a href=\"https://x.example/a_(b)\">https://x.example/a_(b)</a>) "
            "[[[[ ]]] ](( "
            "<a href=\"https://x.example/?a=1&amp;b=2\">a b</a> xhttps://no.example/ http:// "
            "<a href=\"https://y.example/\">https://y.example/</a>&lt;b&gt;\n"
            "second line</p>");
}

TEST(Lemmy, PathologicalMarkdownIsReadInOnePass) {
  // Each would cost a pass per character if searched again from every '[' or ')'.
  const std::string brackets =
      std::string(60000, '[') + "](" + std::string(60000, 'x') + ") " + std::string(60000, '[');
  const std::string parens = "https://x.example/" + std::string(100000, ')');
  const PlatformThread page = read_comments(
      page_of(json::array({comment_view(1, "0.1", brackets), comment_view(2, "0.2", parens)})));
  ASSERT_EQ(page.comments.size(), 2u);
  EXPECT_EQ(page.comments[0].content, "<p>" + brackets + "</p>");
  EXPECT_EQ(page.comments[1].content, "<p><a href=\"https://x.example/\">https://x.example/</a>" +
                                          std::string(100000, ')') + "</p>");
}

TEST(Lemmy, AFullPageAsksForTheNextPage) {
  json comments = json::array();
  for (int id = 1; id <= 50; ++id) comments.push_back(comment_view(id, "0." + std::to_string(id)));
  const PlatformThread page = read_comments(page_of(comments));
  EXPECT_EQ(page.comments.size(), 50u);
  EXPECT_EQ(page.more,
            std::vector<std::string>{kInstance +
                                     "/api/v3/comment/list?post_id=771&max_depth=8&limit=50&page=2"
                                     "&sort=Old&type_=All"});
  // Page 2 names page 3, and comments whose parents were on page 1 keep them.
  const PlatformThread second = read_comments(
      page_of(comments), kInstance +
                             "/api/v3/comment/list?post_id=771&max_depth=8&limit=50&page=2"
                             "&sort=Old&type_=All");
  ASSERT_EQ(second.more.size(), 1u);
  EXPECT_NE(second.more[0].find("&page=3&"), std::string::npos) << second.more[0];
}

TEST(Lemmy, AnEmptyShortOrOverfullPageEndsTheComments) {
  EXPECT_TRUE(read_comments(page_of(json::array())).more.empty());
  EXPECT_TRUE(read_comments(page_of(json::array({comment_view(1, "0.1")}))).more.empty());
  // More than asked for: the server answered the whole tree (Lemmy does so for max_depth).
  json comments = json::array();
  for (int id = 1; id <= 51; ++id) comments.push_back(comment_view(id, "0." + std::to_string(id)));
  const PlatformThread whole = read_comments(page_of(comments));
  EXPECT_EQ(whole.comments.size(), 51u);
  EXPECT_TRUE(whole.more.empty());
}

TEST(Lemmy, PagingStopsAtTwentyPages) {
  json comments = json::array();
  for (int id = 1; id <= 50; ++id) comments.push_back(comment_view(id, "0." + std::to_string(id)));
  const PlatformThread last = read_comments(
      page_of(comments), kInstance +
                             "/api/v3/comment/list?post_id=771&max_depth=8&limit=50&page=20"
                             "&sort=Old&type_=All");
  EXPECT_TRUE(last.more.empty());
  EXPECT_TRUE(has_warning(last, "stopped after 20 pages")) << all_warnings(last);
}

TEST(Lemmy, LemmysErrorObjectThrowsParseErrorNamingIt) {
  const std::string body = read_fixture("error.json");
  for (const std::string& error : {
           parse_error_of([&] { lemmy()->read_thread(document(kPostUrl, body), thread_771()); }),
           parse_error_of([&] { read_comments(body); }),
           parse_error_of([&] {
             lemmy()->read_lookup(document(lemmy()->lookup_url(kBlog, kInstance), body));
           }),
       }) {
    EXPECT_NE(error.find(": Lemmy answered with an error, not a"), std::string::npos) << error;
    EXPECT_NE(error.find("\"couldnt_find_post\""), std::string::npos) << error;
  }
  EXPECT_EQ(parse_error_of([&] { lemmy()->read_thread(document(kPostUrl, body), thread_771()); }),
            kPostUrl + ": Lemmy answered with an error, not a Lemmy post: \"couldnt_find_post\"");
}

TEST(Lemmy, TruncatedHtmlEmptyAndWrongShapedAnswersThrowParseError) {
  const auto thread_error = [](const std::string& body) {
    return parse_error_of([&] { lemmy()->read_thread(document(kPostUrl, body), thread_771()); });
  };
  EXPECT_EQ(thread_error(read_fixture("truncated.json")),
            kPostUrl + ": not a Lemmy post (unreadable JSON: cut off, or no JSON at all)");
  EXPECT_EQ(thread_error("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>"),
            kPostUrl + ": not a Lemmy post (an HTML or XML page, not JSON)");
  EXPECT_EQ(thread_error(""), kPostUrl + ": not a Lemmy post (an empty body)");
  EXPECT_EQ(thread_error("[1, 2]"), kPostUrl + ": not a Lemmy post (JSON an array)");
  EXPECT_EQ(
      thread_error(read_fixture("comments-page-1.json")),
      kPostUrl + ": not a Lemmy post (JSON an object without a \"post_view\" holding a \"post\")");
  EXPECT_EQ(
      parse_error_of([] { read_comments(read_fixture("post-771.json")); }),
      kCommentsUrl + ": not a page of Lemmy comments (JSON an object without a \"comments\" list)");
  EXPECT_EQ(parse_error_of([] {
              lemmy()->read_lookup(document(kInstance + "/api/v3/search?q=x", "{\"posts\":{}}"));
            }),
            kInstance +
                "/api/v3/search?q=x: not a Lemmy search answer (JSON an object without a "
                "\"posts\" list)");
}

TEST(Lemmy, ThreadOfTakesPostPagesOnly) {
  const auto platform = make_lemmy_platform({"", kInstance});
  const auto thread = platform->thread_of("https://lemmy.example.org/post/771");
  ASSERT_TRUE(thread.has_value());
  EXPECT_EQ(thread->id, "771");
  EXPECT_EQ(thread->url, kStory);
  EXPECT_EQ(thread->instance, kInstance);
  // Any host may be an instance: the exact shape counts anywhere (a query or fragment aside).
  const auto other = platform->thread_of("https://Feddit.Example.net:443/post/0042?x=1#c");
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->id, "42");
  EXPECT_EQ(other->url, "https://feddit.example.net/post/42");
  EXPECT_EQ(other->instance, "https://feddit.example.net");
  EXPECT_EQ(platform->thread_of("http://lemmy.local:8536/post/7")->instance,
            "http://lemmy.local:8536");
  // The configured site's page with a trailing slash; elsewhere that is not Lemmy's shape.
  EXPECT_EQ(platform->thread_of("https://lemmy.example.org/post/771/")->url, kStory);
  EXPECT_FALSE(platform->thread_of("https://blog.example/post/771/"));
  // A comment's page names no post without asking the API.
  EXPECT_FALSE(platform->thread_of("https://lemmy.example.org/comment/9001"));
  for (const char* url :
       {"https://lemmy.example.org/post/", "https://lemmy.example.org/post/0",
        "https://lemmy.example.org/post/77a", "https://lemmy.example.org/post/771/slug",
        "https://lemmy.example.org/c/letters", "ftp://lemmy.example.org/post/771",
        "https://user@lemmy.example.org/post/771", "/post/771", "",
        "https://lemmy.example.org/post/99999999999999999999999"}) {
    EXPECT_FALSE(platform->thread_of(url)) << url;
  }
}

TEST(Lemmy, AHostilePathOfAHundredThousandSegments) {
  std::string path = "0";
  for (int segment = 0; segment < 100000; ++segment) path += "." + std::to_string(500000 + segment);
  path += ".7";
  const PlatformThread page =
      read_comments(page_of(json::array({comment_view(1, "0.1"), comment_view(7, path)})));
  ASSERT_EQ(page.comments.size(), 2u);
  EXPECT_EQ(parent_of(page, comment_url(7)), kStory);
  EXPECT_TRUE(has_warning(page,
                          "(comment 7) names the parent 599999, which is not in this page "
                          "before it; hung under the post"))
      << all_warnings(page);
  // Long garbage without dots.
  const PlatformThread garbage =
      read_comments(page_of(json::array({comment_view(8, std::string(200000, 'x'))})));
  EXPECT_EQ(parent_of(garbage, comment_url(8)), kStory);
}

TEST(Lemmy, AParentNotInThePageHangsUnderTheStoryWithAWarning) {
  const PlatformThread page = read_comments(page_of(json::array(
      {comment_view(1, "0.1"), comment_view(3, "0.424242.3"), comment_view(4, "0.4.5.4"),
       comment_view(5, "0.1.5"), comment_view(6, "0.1.77.6")})));
  EXPECT_EQ(parent_of(page, comment_url(3)), kStory);
  EXPECT_TRUE(has_warning(page,
                          "(comment 3) names the parent 424242, which is not in this page "
                          "before it; hung under the post"))
      << all_warnings(page);
  // A path naming itself, or a parent listed after it: no cycle.
  EXPECT_EQ(parent_of(page, comment_url(4)), kStory);
  EXPECT_EQ(parent_of(page, comment_url(5)), comment_url(1));
  // The nearest ancestor of the page, when one is.
  EXPECT_EQ(parent_of(page, comment_url(6)), comment_url(1));
  EXPECT_TRUE(has_warning(page,
                          "(comment 6) names the parent 77, which is not in this page "
                          "before it; hung under " +
                              comment_url(1)))
      << all_warnings(page);
}

TEST(Lemmy, HostileItemsAreSkippedWithWarnings) {
  json other_post = comment_view(4, "0.4");
  other_post["comment"]["post_id"] = 772;
  json no_path = comment_view(5, "0.5");
  no_path["comment"].erase("path");
  json bad_ap_id = comment_view(6, "0.6");
  bad_ap_id["comment"]["ap_id"] = "javascript:alert(1)";
  json stolen_page = comment_view(8, "0.8");
  stolen_page["comment"]["ap_id"] = comment_url(1);
  json story_page = comment_view(9, "0.9");
  story_page["comment"]["ap_id"] = kStory;
  json bad_date = comment_view(10, "0.10");
  bad_date["comment"]["published"] = "yesterday";
  json wrong_path_end = comment_view(11, "0.1.12");
  const PlatformThread page = read_comments(page_of(json::array(
      {comment_view(1, "0.1"), 42, json{{"comment", {{"content", "no id"}}}},
       json{{"comment", {{"id", "abc"}}}}, comment_view(1, "0.1", "again"), other_post, no_path,
       bad_ap_id, stolen_page, story_page, bad_date, wrong_path_end, json::object()})));
  EXPECT_TRUE(has_warning(page, "item 2 is the number 42, not a comment view; skipped"));
  EXPECT_TRUE(has_warning(page, "item 3 has no comment id; skipped"));
  EXPECT_TRUE(has_warning(page, "item 4 has the string \"abc\" as its id"));
  EXPECT_TRUE(has_warning(page, "item 5 (comment 1) repeats an id read before; skipped"));
  EXPECT_TRUE(has_warning(page, "(comment 4) belongs to post 772, not to post 771; skipped"));
  EXPECT_TRUE(has_warning(page, "(comment 5) has no path instead of a path of ids"));
  EXPECT_TRUE(has_warning(page, "(comment 10) has an unreadable date \"yesterday\""));
  EXPECT_TRUE(has_warning(page, "(comment 11) has a path that does not end with its id"));
  EXPECT_TRUE(has_warning(page, "item 13 has no \"comment\" object; skipped"));
  EXPECT_TRUE(has_warning(page, "(comment 8) has the ap_id"));
  EXPECT_EQ(find_comment(page, comment_url(1))->content, "<p>Lovely.</p>");
  EXPECT_EQ(parent_of(page, comment_url(5)), kStory);
  EXPECT_NE(find_comment(page, comment_url(6)), nullptr);  // not javascript:
  EXPECT_NE(find_comment(page, comment_url(8)), nullptr);  // its ap_id was comment 1's page
  EXPECT_NE(find_comment(page, comment_url(9)), nullptr);  // its ap_id was the story's page
  EXPECT_FALSE(find_comment(page, comment_url(10))->published.has_value());
  EXPECT_EQ(parent_of(page, comment_url(11)), comment_url(1));  // 12 unknown, then 1
  for (const Entry& comment : page.comments) {
    EXPECT_FALSE(comment.id.empty());
    EXPECT_NE(comment.id, kStory);
  }
  for (const std::string& warning : page.warnings) EXPECT_EQ(warning.rfind(kCommentsUrl, 0), 0u);
}

TEST(Lemmy, JsonNestedBeyondTheCapIsReadWithAWarning) {
  json comments = json::array({comment_view(1, "0.1")});
  std::string deep = page_of(comments);
  deep.insert(deep.size() - 1, ",\"extra\":" + std::string(600, '[') + std::string(600, ']'));
  const PlatformThread page = read_comments(deep);
  EXPECT_EQ(page.comments.size(), 1u);
  EXPECT_TRUE(has_warning(page, "JSON nested deeper than 512 levels")) << all_warnings(page);
}

TEST(Lemmy, OlderServersDatesWithoutAZoneAreUtc) {
  json comment = comment_view(1, "0.1");
  comment["comment"]["published"] = "2026-11-04T10:01:15.123456";
  const PlatformThread page = read_comments(page_of(json::array({comment})));
  EXPECT_EQ(page.comments.at(0).published, make_utc_time(2026, 11, 4, 10, 1, 15));
}

TEST(Lemmy, RepliesDeeperThanMaxDepthAreCountedInAWarning) {
  json comments = json::array();
  std::string path = "0";
  for (int id = 1; id <= 8; ++id) {
    path += "." + std::to_string(id);
    comments.push_back(comment_view(id, path, "Deeper.", id == 8 ? 3 : 9 - id));
  }
  const PlatformThread page = read_comments(page_of(comments));
  EXPECT_EQ(page.comments.size(), 8u);
  EXPECT_EQ(parent_of(page, comment_url(8)), comment_url(7));
  EXPECT_TRUE(has_warning(page, ": 3 replies nested deeper than 8 levels not read"))
      << all_warnings(page);
}

TEST(Lemmy, ReadMoreNeedsToKnowThePost) {
  const std::string error = parse_error_of([] {
    lemmy()->read_more(
        document("https://lemmy.example.org/api/v3/comment/list", "{\"comments\":[]}"),
        PlatformThreadRef{});
  });
  EXPECT_NE(error.find("cannot tell which Lemmy post"), std::string::npos) << error;
  // The post_id of the URL, when the reference carries none.
  const PlatformThread page = lemmy()->read_more(
      document(kCommentsUrl, page_of(json::array({comment_view(1, "0.1")}))), PlatformThreadRef{});
  EXPECT_EQ(parent_of(page, comment_url(1)), kStory);
}

}  // namespace
}  // namespace confab
