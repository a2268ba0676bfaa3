// Reddit: the lookup, a thread's tree, the "more" follow-ups joined under their parents, deleted
// comments, Reddit's error objects, the URL shapes of its threads, and hostile answers.
#include "platforms/reddit.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace confab {
namespace {

using nlohmann::json;

const std::string kBlogPost = "https://quill.example.org/2026/11/bring-the-love-back/";
const std::string kStoryPage =
    "https://www.reddit.com/r/letters/comments/1abcde/bring_the_love_back/";
const std::string kThreadApi = "https://www.reddit.com/comments/1abcde.json?raw_json=1";
const std::string kMoreApi =
    "https://www.reddit.com/api/morechildren.json?api_type=json&raw_json=1&link_id=t3_1abcde"
    "&children=k5x,k5y,k5z";

std::string read_fixture(const std::string& name) {
  const std::string path =
      std::string(CONFAB_SOURCE_DIR) + "/tests/fixtures/platforms/reddit/" + name;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("missing fixture " + path);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

std::unique_ptr<Platform> reddit() {
  return make_reddit_platform({"https://www.reddit.com", "https://www.reddit.com"});
}

PlatformThreadRef thread_ref() {
  return {"1abcde", kStoryPage, ""};
}

PlatformThread read_thread_text(const std::string& body, const std::string& url = kThreadApi) {
  return reddit()->read_thread(Document{url, "application/json; charset=UTF-8", body},
                               thread_ref());
}

PlatformThread read_more_text(const std::string& body, const std::string& url = kMoreApi) {
  return reddit()->read_more(Document{url, "application/json; charset=UTF-8", body}, thread_ref());
}

std::string comment_page(const std::string& id) {
  return kStoryPage + id + "/";
}

const Entry* find_comment(const PlatformThread& thread, const std::string& id) {
  for (const Entry& comment : thread.comments) {
    if (comment.id == comment_page(id)) return &comment;
  }
  return nullptr;
}

std::vector<std::string> ids_of(const PlatformThread& thread) {
  std::vector<std::string> ids;
  for (const Entry& comment : thread.comments) ids.push_back(comment.id);
  return ids;
}

std::string parent_of(const Entry& comment) {
  return comment.in_reply_to.empty() ? "(none)" : comment.in_reply_to[0].ref;
}

bool has_warning(const PlatformThread& thread, const std::string& part) {
  for (const std::string& warning : thread.warnings) {
    if (warning.find(part) != std::string::npos) return true;
  }
  return false;
}

std::string all_warnings(const PlatformThread& thread) {
  std::string text;
  for (const std::string& warning : thread.warnings) text += warning + "\n";
  return text;
}

template <typename Read>
std::string error_of(Read read) {
  try {
    read();
  } catch (const ParseError& error) {
    return error.what();
  }
  return "(no error)";
}

/// A t1 comment as Reddit gives it, with the fields the reader looks at.
json t1(const std::string& id, const std::string& parent, const std::string& body,
        const json& replies = "") {
  return {{"kind", "t1"},
          {"data",
           {{"id", id},
            {"name", "t1_" + id},
            {"parent_id", parent},
            {"author", "oskar"},
            {"body", body},
            {"body_html", "<div class=\"md\"><p>" + body + "</p>\n</div>"},
            {"created_utc", 1793710000.0},
            {"permalink", "/r/letters/comments/1abcde/bring_the_love_back/" + id + "/"},
            {"link_id", "t3_1abcde"},
            {"replies", replies}}}};
}

json listing(const json& children) {
  return {{"kind", "Listing"},
          {"data", {{"after", nullptr}, {"children", children}, {"before", nullptr}}}};
}

/// The fixture's thread with its comment listing replaced by `comments`.
std::string thread_with(const json& comments) {
  json submission = {{"kind", "t3"},
                     {"data",
                      {{"id", "1abcde"},
                       {"name", "t3_1abcde"},
                       {"title", "Bring the love back, one letter at a time"},
                       {"author", "quill_author"},
                       {"created_utc", 1793700000.0},
                       {"permalink", "/r/letters/comments/1abcde/bring_the_love_back/"},
                       {"subreddit", "letters"},
                       {"is_self", false},
                       {"url", kBlogPost},
                       {"num_comments", 3}}}};
  return json::array({listing(json::array({submission})), listing(comments)}).dump();
}

TEST(Reddit, NamesItself) {
  EXPECT_EQ(reddit()->name(), "reddit");
  EXPECT_EQ(reddit()->label(), "Reddit");
}

TEST(Reddit, LookupUrlCarriesTheUrlAsOneEncodedValue) {
  EXPECT_EQ(reddit()->lookup_url(kBlogPost, ""),
            "https://www.reddit.com/api/info.json?url="
            "https%3A%2F%2Fquill.example.org%2F2026%2F11%2Fbring-the-love-back%2F");
  EXPECT_EQ(reddit()->lookup_url("https://x.example/?a=1&b=2", ""),
            "https://www.reddit.com/api/info.json?url=https%3A%2F%2Fx.example%2F%3Fa%3D1%26b%3D2");
}

TEST(Reddit, ReadsTheLookupListingIntoThreadRefs) {
  const std::string url = reddit()->lookup_url(kBlogPost, "");
  const std::vector<PlatformThreadRef> refs =
      reddit()->read_lookup(Document{url, "application/json", read_fixture("info.json")});
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0].id, "1abcde");
  EXPECT_EQ(refs[0].url, kStoryPage);
  EXPECT_EQ(refs[0].instance, "");
  EXPECT_EQ(reddit()->thread_api_url(refs[0]), kThreadApi);
}

TEST(Reddit, LookupSkipsWhatIsNoSubmissionAndRepeats) {
  const json answer = listing(json::array(
      {json{{"kind", "t3"},
            {"data", {{"id", "abc12"}, {"permalink", "/r/letters/comments/abc12/x/"}}}},
       json{{"kind", "t3"}, {"data", {{"id", "abc12"}}}},
       json{{"kind", "t1"}, {"data", {{"id", "k1a"}}}}, json{{"kind", "t3"}, {"data", {{"id", 7}}}},
       json{{"kind", "t3"}, {"data", {{"name", "t3_zz9"}, {"permalink", "/elsewhere/"}}}}, 42}));
  const std::vector<PlatformThreadRef> refs = reddit()->read_lookup(
      Document{"https://www.reddit.com/api/info.json?url=x", "", answer.dump()});
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].url, "https://www.reddit.com/r/letters/comments/abc12/x/");
  EXPECT_EQ(refs[1].id, "zz9");
  // A permalink of another thread is not trusted: the short page of the thread instead.
  EXPECT_EQ(refs[1].url, "https://www.reddit.com/comments/zz9/");
}

TEST(Reddit, ReadsTheSubmissionAsTheStory) {
  const PlatformThread thread = read_thread_text(read_fixture("comments-1abcde.json"));
  ASSERT_TRUE(thread.story);
  const Entry& story = *thread.story;
  EXPECT_EQ(story.id, kStoryPage);
  EXPECT_EQ(story.link, kStoryPage);
  EXPECT_EQ(story.title, "Bring the love back, one letter at a time");
  ASSERT_EQ(story.authors.size(), 1u);
  EXPECT_EQ(story.authors[0].name, "quill_author");
  EXPECT_EQ(story.authors[0].email, "");
  EXPECT_EQ(story.authors[0].uri, "https://www.reddit.com/user/quill_author");
  EXPECT_EQ(story.published, 1793700000);
  EXPECT_EQ(story.content, "<p><a href=\"" + kBlogPost + "\">" + kBlogPost + "</a></p>");
  EXPECT_EQ(story.comment_count, 9);
  EXPECT_EQ(story.categories, std::vector<std::string>{"r/letters"});
  EXPECT_TRUE(story.in_reply_to.empty());
}

TEST(Reddit, ReadsTheCommentTreeParentsFirstWithTheMoreUrlBuiltExactly) {
  const PlatformThread thread = read_thread_text(read_fixture("comments-1abcde.json"));
  EXPECT_EQ(ids_of(thread),
            (std::vector<std::string>{comment_page("k1a"), comment_page("k2b"), comment_page("k3c"),
                                      comment_page("k6e"), comment_page("k7f")}));
  const Entry* k1a = find_comment(thread, "k1a");
  const Entry* k2b = find_comment(thread, "k2b");
  const Entry* k3c = find_comment(thread, "k3c");
  ASSERT_TRUE(k1a && k2b && k3c);
  EXPECT_EQ(k1a->link, comment_page("k1a"));
  ASSERT_EQ(k1a->in_reply_to.size(), 1u);
  EXPECT_EQ(k1a->in_reply_to[0].ref, kStoryPage);
  EXPECT_EQ(k1a->in_reply_to[0].href, kStoryPage);
  EXPECT_EQ(parent_of(*k2b), comment_page("k1a"));
  EXPECT_EQ(k2b->in_reply_to[0].href, comment_page("k1a"));
  EXPECT_EQ(parent_of(*k3c), comment_page("k2b"));
  ASSERT_EQ(k1a->authors.size(), 1u);
  EXPECT_EQ(k1a->authors[0].name, "lanternfish");
  EXPECT_EQ(k1a->authors[0].uri, "https://www.reddit.com/user/lanternfish");
  EXPECT_EQ(k1a->published, 1793700000 + 42 * 60);
  // The HTML as Reddit rendered it, its relative link made absolute.
  EXPECT_EQ(k1a->content,
            "<div class=\"md\"><p>I wrote my first letter in years after reading <a href=\"" +
                kBlogPost +
                "\">the post</a>. It felt <em>easy</em> again. Half of <a "
                "href=\"https://www.reddit.com/r/letters\">r/letters</a> should try it.</p>\n"
                "</div>");
  EXPECT_EQ(k2b->content,
            "<div class=\"md\"><p>Thank you! Stamps &amp; envelopes are on me next time.</p>\n"
            "</div>");
  // The more stub under k1a: one request naming its three ids.
  EXPECT_EQ(thread.more, std::vector<std::string>{kMoreApi});
}

TEST(Reddit, KeepsTheFrenchCommentsAccents) {
  const PlatformThread thread = read_thread_text(read_fixture("comments-1abcde.json"));
  const Entry* k7f = find_comment(thread, "k7f");
  ASSERT_TRUE(k7f);
  EXPECT_EQ(k7f->authors[0].name, "amelie_b");
  EXPECT_EQ(parent_of(*k7f), kStoryPage);
  EXPECT_EQ(k7f->content,
            "<div class=\"md\"><p>J&#39;écris encore à ma grand-mère chaque été. Quelle belle "
            "idée, merci !</p>\n</div>");
}

TEST(Reddit, LeavesTheRemovedCommentOutAndHangsItsReplyUnderItsParent) {
  const PlatformThread thread = read_thread_text(read_fixture("comments-1abcde.json"));
  EXPECT_EQ(thread.deleted, 1u);
  EXPECT_EQ(find_comment(thread, "k4d"), nullptr);
  const Entry* k6e = find_comment(thread, "k6e");
  ASSERT_TRUE(k6e);
  EXPECT_EQ(parent_of(*k6e), kStoryPage);
  ASSERT_EQ(thread.warnings.size(), 1u) << all_warnings(thread);
  EXPECT_EQ(thread.warnings[0],
            kThreadApi +
                ": 1 reply to deleted, removed or skipped comments hung under that "
                "comment's parent");
}

TEST(Reddit, ReadMoreJoinsTheStubsCommentsUnderTheirRealParents) {
  const PlatformThread more = read_more_text(read_fixture("morechildren.json"));
  EXPECT_FALSE(more.story);
  EXPECT_TRUE(more.warnings.empty()) << all_warnings(more);
  EXPECT_TRUE(more.more.empty());
  EXPECT_EQ(more.deleted, 0u);
  ASSERT_EQ(ids_of(more), (std::vector<std::string>{comment_page("k5x"), comment_page("k5z"),
                                                    comment_page("k5y")}));
  EXPECT_EQ(parent_of(more.comments[0]), comment_page("k1a"));
  EXPECT_EQ(parent_of(more.comments[1]), comment_page("k5x"));
  EXPECT_EQ(parent_of(more.comments[2]), comment_page("k1a"));
  EXPECT_EQ(more.comments[1].authors[0].name, "mira_k");
  EXPECT_EQ(more.comments[1].content, "<div class=\"md\"><p>Did they write back?</p>\n</div>");
}

TEST(Reddit, ReadMorePutsRepliesAfterTheirParentAndNamesTheStoryFromPermalinks) {
  // Listed child first; the ref given knows only the short page, the permalinks the real one.
  const json answer = {
      {"json",
       {{"errors", json::array()},
        {"data",
         {{"things", json::array({t1("c2", "t1_c1", "second"), t1("c1", "t3_1abcde", "first"),
                                  json{{"kind", "more"},
                                       {"data",
                                        {{"count", 150},
                                         {"parent_id", "t1_c1"},
                                         {"children", json::array({"c3", "c4"})}}}}})}}}}}};
  const PlatformThread more =
      make_reddit_platform({"https://www.reddit.com", "https://www.reddit.com"})
          ->read_more(Document{kMoreApi, "", answer.dump()},
                      {"1abcde", "https://www.reddit.com/comments/1abcde/", ""});
  ASSERT_EQ(ids_of(more), (std::vector<std::string>{comment_page("c1"), comment_page("c2")}));
  EXPECT_EQ(parent_of(more.comments[0]), kStoryPage);
  EXPECT_EQ(parent_of(more.comments[1]), comment_page("c1"));
  EXPECT_EQ(more.more,
            std::vector<std::string>{"https://www.reddit.com/api/morechildren.json?api_type=json&"
                                     "raw_json=1&link_id=t3_1abcde&children=c3,c4"});
}

TEST(Reddit, UnescapesAnEscapedBodyHtmlOnce) {
  json comment = t1("e1", "t3_1abcde", "x");
  comment["data"]["body_html"] =
      "&lt;div class=&quot;md&quot;&gt;&lt;p&gt;Fish &amp;amp; chips, &amp;lt;i&amp;gt; "
      "too&lt;/p&gt;&lt;/div&gt;";
  json raw = t1("e2", "t3_1abcde", "x");
  raw["data"]["body_html"] = "<div class=\"md\"><p>Fish &amp; chips</p></div>";
  const PlatformThread thread = read_thread_text(thread_with(json::array({comment, raw})));
  ASSERT_EQ(thread.comments.size(), 2u);
  EXPECT_EQ(thread.comments[0].content,
            "<div class=\"md\"><p>Fish &amp; chips, &lt;i&gt; too</p></div>");
  EXPECT_EQ(thread.comments[1].content, "<div class=\"md\"><p>Fish &amp; chips</p></div>");
}

TEST(Reddit, ReadsASelfPostsTextWithoutALinkToItself) {
  const json submission = {
      {"kind", "t3"},
      {"data",
       {{"id", "2bcdef"},
        {"title", "Letters & stamps"},
        {"author", "mira_k"},
        {"created_utc", 1793800000},
        {"permalink", "/r/letters/comments/2bcdef/letters_stamps/"},
        {"subreddit", "letters"},
        {"is_self", true},
        {"url", "https://www.reddit.com/r/letters/comments/2bcdef/letters_stamps/"},
        {"selftext_html",
         "&lt;!-- SC_OFF --&gt;&lt;div class=&quot;md&quot;&gt;&lt;p&gt;See &lt;a "
         "href=&quot;/r/penpals&quot;&gt;r/penpals&lt;/a&gt;&lt;/p&gt;&lt;/div&gt;&lt;!-- SC_ON "
         "--&gt;"}}}};
  const std::string body =
      json::array({listing(json::array({submission})), listing(json::array())}).dump();
  const PlatformThread thread = reddit()->read_thread(
      Document{"https://www.reddit.com/comments/2bcdef.json?raw_json=1", "", body},
      {"2bcdef", "", ""});
  ASSERT_TRUE(thread.story);
  EXPECT_EQ(thread.story->id, "https://www.reddit.com/r/letters/comments/2bcdef/letters_stamps/");
  EXPECT_EQ(thread.story->title, "Letters & stamps");
  EXPECT_EQ(thread.story->published, 1793800000);
  EXPECT_EQ(thread.story->content,
            "<!-- SC_OFF --><div class=\"md\"><p>See <a "
            "href=\"https://www.reddit.com/r/penpals\">r/penpals</a></p></div><!-- SC_ON -->");
  EXPECT_FALSE(thread.story->comment_count);
  EXPECT_TRUE(thread.comments.empty());
}

TEST(Reddit, RedditsErrorObjectIsAParseErrorWithItsMessageAndCode) {
  const std::string body = read_fixture("error-403.json");
  const std::string thread_error = error_of([&] { read_thread_text(body); });
  EXPECT_EQ(thread_error, kThreadApi +
                              ": Reddit answered with error 403 \"Forbidden\", not a "
                              "Reddit thread");
  const std::string lookup_url = reddit()->lookup_url(kBlogPost, "");
  const std::string lookup_error = error_of([&] {
    reddit()->read_lookup(Document{lookup_url, "", body});
  });
  EXPECT_EQ(lookup_error.rfind(lookup_url + ": Reddit answered with error 403 \"Forbidden\"", 0),
            0u)
      << lookup_error;
  const std::string more_error = error_of([&] { read_more_text(body); });
  EXPECT_EQ(more_error.rfind(kMoreApi + ": Reddit answered with error 403 \"Forbidden\"", 0), 0u)
      << more_error;
  const std::string private_error = error_of(
      [&] { read_thread_text(R"({"reason": "private", "message": "Forbidden", "error": 403})"); });
  EXPECT_NE(private_error.find("(reason \"private\")"), std::string::npos) << private_error;
}

TEST(Reddit, TruncatedJsonHtmlAndWrongShapesAreParseErrorsNamingTheUrl) {
  const std::string truncated = error_of([&] { read_thread_text(read_fixture("truncated.json")); });
  EXPECT_EQ(truncated, kThreadApi + ": not a Reddit thread (truncated or broken JSON)");
  EXPECT_EQ(error_of([&] { read_thread_text("<!doctype html><title>Too Many Requests</title>"); }),
            kThreadApi + ": not a Reddit thread (an HTML page, not JSON)");
  EXPECT_EQ(error_of([&] { read_thread_text(""); }),
            kThreadApi + ": not a Reddit thread (an empty body)");
  // A lookup answer where a thread was expected, and the other way round.
  EXPECT_EQ(error_of([&] { read_thread_text(read_fixture("info.json")); }),
            kThreadApi + ": a Reddit \"Listing\" object, not a Reddit thread");
  const std::string lookup_error = error_of([&] {
    reddit()->read_lookup(Document{"https://www.reddit.com/api/info.json?url=x", "",
                                   read_fixture("comments-1abcde.json")});
  });
  EXPECT_EQ(lookup_error,
            "https://www.reddit.com/api/info.json?url=x: not a Reddit listing (JSON an array)");
  EXPECT_EQ(error_of([&] { read_thread_text("[1, 2]"); }),
            kThreadApi + ": not a Reddit thread (its first element holds no submission)");
  EXPECT_EQ(error_of([&] { read_more_text(read_fixture("comments-1abcde.json")); }),
            kMoreApi + ": not a Reddit morechildren answer (JSON an array)");
  EXPECT_EQ(
      error_of([&] {
        read_more_text(R"({"json": {"errors": [["RATELIMIT", "you are doing that too much"]]}})");
      }),
      kMoreApi +
          ": Reddit answered with errors \"RATELIMIT you are doing that too much\", not "
          "comments");
}

TEST(Reddit, RecognisesItsThreadUrls) {
  const auto platform = reddit();
  struct Case {
    std::string url;
    std::string id;
    std::string page;
  };
  const std::vector<Case> cases = {
      {kStoryPage, "1abcde", kStoryPage},
      {"https://reddit.com/r/letters/comments/1abcde/bring_the_love_back/", "1abcde", kStoryPage},
      {"https://old.reddit.com/r/letters/comments/1abcde/bring_the_love_back/k1a/?context=3",
       "1abcde", kStoryPage},
      {"http://np.reddit.com/r/letters/comments/1abcde/", "1abcde",
       "https://www.reddit.com/r/letters/comments/1abcde/"},
      {"https://www.reddit.com/r/letters/comments/1ABCDE", "1abcde",
       "https://www.reddit.com/r/letters/comments/1abcde/"},
      {"https://redd.it/1abcde", "1abcde", "https://www.reddit.com/comments/1abcde/"},
      {"https://www.reddit.com/comments/1abcde/", "1abcde",
       "https://www.reddit.com/comments/1abcde/"},
      {"https://www.reddit.com/user/mira_k/comments/2bcdef/my_letters/", "2bcdef",
       "https://www.reddit.com/comments/2bcdef/"},
      {"  https://WWW.Reddit.com/r/letters/comments/1abcde/x/#k1a  ", "1abcde",
       "https://www.reddit.com/r/letters/comments/1abcde/x/"},
  };
  for (const Case& c : cases) {
    const std::optional<PlatformThreadRef> ref = platform->thread_of(c.url);
    ASSERT_TRUE(ref) << c.url;
    EXPECT_EQ(ref->id, c.id) << c.url;
    EXPECT_EQ(ref->url, c.page) << c.url;
    EXPECT_EQ(ref->instance, "") << c.url;
  }
  for (const std::string& url : std::vector<std::string>{
           "https://www.reddit.com/r/letters/", "https://www.reddit.com/r/letters/s/aBcD3fG",
           "https://www.reddit.com/r/letters/comments/", "https://redd.it/", "https://redd.it/a/b",
           "https://www.reddit.com/r/letters/comments/no-t_an-id/x/", kBlogPost,
           "ftp://www.reddit.com/comments/1abcde/", "https://notreddit.com/comments/1abcde/",
           "https://reddit.com.example/comments/1abcde/", "not a url", ""}) {
    EXPECT_FALSE(platform->thread_of(url)) << url;
  }
}

TEST(Reddit, ConfiguredEndpointsNameEveryUrl) {
  const auto local = make_reddit_platform({"http://127.0.0.1:8081/", "http://127.0.0.1:8080/rd"});
  const std::optional<PlatformThreadRef> ref =
      local->thread_of("http://127.0.0.1:8080/rd/r/letters/comments/1abcde/bring_the_love_back/");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->url, "http://127.0.0.1:8080/rd/r/letters/comments/1abcde/bring_the_love_back/");
  EXPECT_FALSE(local->thread_of("http://127.0.0.1:8081/r/letters/comments/1abcde/x/"));
  EXPECT_FALSE(local->thread_of("http://127.0.0.1:8080/r/letters/comments/1abcde/x/"));
  EXPECT_EQ(local->lookup_url("a b", ""), "http://127.0.0.1:8081/api/info.json?url=a%20b");
  EXPECT_EQ(local->thread_api_url(*ref), "http://127.0.0.1:8081/comments/1abcde.json?raw_json=1");
  // A ref without an id is read off its URL.
  EXPECT_EQ(local->thread_api_url({"", "https://redd.it/1abcde", ""}),
            "http://127.0.0.1:8081/comments/1abcde.json?raw_json=1");
  EXPECT_EQ(local->thread_api_url({"", "", ""}), "");

  const PlatformThread thread =
      local->read_thread(Document{"http://127.0.0.1:8081/comments/1abcde.json?raw_json=1", "",
                                  read_fixture("comments-1abcde.json")},
                         *ref);
  ASSERT_TRUE(thread.story);
  EXPECT_EQ(thread.story->id, ref->url);
  EXPECT_EQ(thread.story->authors[0].uri, "http://127.0.0.1:8080/rd/user/quill_author");
  ASSERT_FALSE(thread.comments.empty());
  EXPECT_EQ(thread.comments[0].id, ref->url + "k1a/");
  EXPECT_EQ(thread.more, std::vector<std::string>{"http://127.0.0.1:8081/api/morechildren.json?"
                                                  "api_type=json&raw_json=1&link_id=t3_1abcde&"
                                                  "children=k5x,k5y,k5z"});
}

TEST(Reddit, SplitsMoreStubsIntoRequestsOfAHundredIds) {
  json ids = json::array();
  for (int i = 0; i < 250; ++i) ids.push_back("m" + std::to_string(i));
  ids.push_back("m7");       // a repeat: asked once
  ids.push_back("bad id!");  // no base36 id
  const json stub = {{"kind", "more"},
                     {"data",
                      {{"count", 250},
                       {"name", "t1_m0"},
                       {"id", "m0"},
                       {"parent_id", "t3_1abcde"},
                       {"children", ids}}}};
  const PlatformThread thread = read_thread_text(thread_with(json::array({stub})));
  ASSERT_EQ(thread.more.size(), 3u);
  const std::string prefix =
      "https://www.reddit.com/api/morechildren.json?api_type=json&raw_json=1&link_id=t3_1abcde"
      "&children=";
  for (std::size_t r = 0; r < 3; ++r) {
    std::string expected = prefix;
    for (std::size_t i = r * 100; i < std::min<std::size_t>(250, r * 100 + 100); ++i) {
      expected += (i == r * 100 ? "" : ",") + std::string("m") + std::to_string(i);
    }
    EXPECT_EQ(thread.more[r], expected);
  }
  EXPECT_TRUE(has_warning(thread, "1 ids of \"more\" stubs are no Reddit ids"))
      << all_warnings(thread);
}

TEST(Reddit, ContinueThisThreadIsAWarningNotARequest) {
  const json stub = {{"kind", "more"},
                     {"data",
                      {{"count", 0},
                       {"name", "t1__"},
                       {"id", "_"},
                       {"parent_id", "t1_d1"},
                       {"children", json::array()}}}};
  const PlatformThread thread = read_thread_text(
      thread_with(json::array({t1("d1", "t3_1abcde", "deep", listing(json::array({stub})))})));
  EXPECT_TRUE(thread.more.empty());
  ASSERT_EQ(thread.warnings.size(), 1u) << all_warnings(thread);
  EXPECT_EQ(thread.warnings[0], kThreadApi + ": a \"continue this thread\" link under " +
                                    comment_page("d1") +
                                    ": the replies deeper than that are on that comment's own "
                                    "page, which confab does not read");
}

TEST(Reddit, SkipsHostileItemsWithWarningsAndNeverAnEmptyId) {
  json no_id = t1("x", "t3_1abcde", "no id", listing(json::array({t1("h2", "t1_x", "orphan")})));
  no_id["data"].erase("id");
  no_id["data"].erase("name");
  json number_id = t1("x", "t3_1abcde", "number id");
  number_id["data"]["id"] = 12;
  number_id["data"].erase("name");
  json bad_date = t1("h3", "t3_1abcde", "bad date");
  bad_date["data"]["created_utc"] = "yesterday-ish";
  const json comments = json::array(
      {no_id, number_id, t1("h1", "t3_1abcde", "first"), t1("h1", "t3_1abcde", "again"), "text",
       json{{"kind", "t3"}, {"data", json::object()}}, json{{"kind", "t1"}}, bad_date});
  const PlatformThread thread = read_thread_text(thread_with(comments));
  EXPECT_EQ(ids_of(thread),
            (std::vector<std::string>{comment_page("h2"), comment_page("h1"), comment_page("h3")}));
  EXPECT_EQ(parent_of(thread.comments[0]), kStoryPage);  // its parent had no id
  EXPECT_EQ(thread.comments[1].content, "<div class=\"md\"><p>first</p>\n</div>");
  EXPECT_FALSE(thread.comments[2].published);
  for (const std::string part :
       {"has no \"id\"", "has the number 12 as its id", "comment h1 repeats an id",
        "is the string \"text\", not a Reddit thing", "is a \"t3\" thing, not a comment",
        "has no \"data\" object", "created_utc is the string \"yesterday-ish\""}) {
    EXPECT_TRUE(has_warning(thread, part)) << part << "\n" << all_warnings(thread);
  }
  for (const std::string& warning : thread.warnings) EXPECT_EQ(warning.rfind(kThreadApi, 0), 0u);
}

TEST(Reddit, ReadMoreSurvivesParentLoopsForeignThreadsAndSelfParents) {
  json deleted = t1("z4", "t1_k1a", "[removed]");
  deleted["data"]["author"] = "[deleted]";
  const json things =
      json::array({t1("z1", "t1_z2", "loop one"), t1("z2", "t1_z1", "loop two"),
                   t1("z3", "t3_other", "elsewhere"), t1("z5", "t1_z5", "myself"), deleted,
                   t1("z6", "t1_z4", "under the removed one"), t1("z7", "t9_what", "odd parent")});
  const json answer = {{"json", {{"errors", json::array()}, {"data", {{"things", things}}}}}};
  const PlatformThread more = read_more_text(answer.dump());
  EXPECT_EQ(more.deleted, 1u);
  ASSERT_EQ(more.comments.size(), 6u) << all_warnings(more);
  EXPECT_EQ(parent_of(*find_comment(more, "z3")), kStoryPage);
  EXPECT_EQ(parent_of(*find_comment(more, "z5")), kStoryPage);
  EXPECT_EQ(parent_of(*find_comment(more, "z6")), comment_page("k1a"));
  EXPECT_EQ(parent_of(*find_comment(more, "z7")), kStoryPage);
  // The loop is cut at its first comment, which hangs under the story.
  EXPECT_EQ(parent_of(*find_comment(more, "z1")), kStoryPage);
  EXPECT_EQ(parent_of(*find_comment(more, "z2")), comment_page("z1"));
  for (const Entry& comment : more.comments) {
    EXPECT_NE(comment.id, parent_of(comment));
    EXPECT_FALSE(comment.id.empty());
  }
  for (const std::string part :
       {"in a loop of parent_ids", "belongs to thread other", "names itself as its parent",
        "parent_id \"t9_what\"", "1 reply to deleted"}) {
    EXPECT_TRUE(has_warning(more, part)) << part << "\n" << all_warnings(more);
  }
}

TEST(Reddit, AHundredThousandLevelsOfRepliesAreReadToTheCapWithAWarning) {
  // Built as text: each level a t1 whose "replies" Listing holds the next.
  constexpr int kLevels = 100000;
  std::string body = R"([{"kind":"Listing","data":{"children":[{"kind":"t3","data":{"id":"1abcde",)"
                     R"("title":"deep","permalink":"/r/letters/comments/1abcde/deep/"}}]}},)"
                     R"({"kind":"Listing","data":{"children":[)";
  body.reserve(kLevels * 160);
  for (int level = 0; level < kLevels; ++level) {
    const std::string id = "d" + std::to_string(level);
    const std::string parent = level == 0 ? "t3_1abcde" : "t1_d" + std::to_string(level - 1);
    body += R"({"kind":"t1","data":{"id":")" + id + R"(","parent_id":")" + parent +
            R"(","author":"oskar","body":"down","body_html":"<p>down</p>","replies":)"
            R"({"kind":"Listing","data":{"children":[)";
  }
  for (int level = 0; level < kLevels; ++level) body += "]}}}}";
  body += "]}}]";
  const PlatformThread thread = read_thread_text(body);
  ASSERT_TRUE(thread.story);
  ASSERT_GT(thread.comments.size(), 50u);
  ASSERT_LT(thread.comments.size(), 200u);
  const std::string page = "https://www.reddit.com/r/letters/comments/1abcde/deep/";
  EXPECT_EQ(parent_of(thread.comments[0]), page);
  for (std::size_t i = 1; i < thread.comments.size(); ++i) {
    EXPECT_EQ(parent_of(thread.comments[i]), thread.comments[i - 1].id);
  }
  EXPECT_TRUE(has_warning(thread, "JSON nested deeper than 512 levels")) << all_warnings(thread);
}

}  // namespace
}  // namespace confab
