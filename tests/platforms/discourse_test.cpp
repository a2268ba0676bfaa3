// Discourse: a topic read from its first answer and its posts.json follow-ups, looked up through
// search.json, listed by a category, and whatever a broken or hostile forum answers.
#include "platforms/discourse.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "base/time.h"
#include "parse/json_document.h"

namespace confab {
namespace {

const std::string kForum = "https://forum.example.com";
const std::string kTopic = kForum + "/t/bring-the-love-back-letters/312";
const std::string kTopicApiUrl = kForum + "/t/312.json";
const std::string kPostsApiUrl = kForum +
                                 "/t/312/posts.json?post_ids%5B%5D=5005&post_ids%5B%5D=5006&"
                                 "post_ids%5B%5D=5007";
const std::string kBlogPost = "https://quill.example.org/2026/11/bring-the-love-back/";

std::string read_fixture(const std::string& name) {
  const std::string path =
      std::string(CONFAB_SOURCE_DIR) + "/tests/fixtures/platforms/discourse/" + name;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("missing fixture " + path);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

std::unique_ptr<Platform> platform(PlatformEndpoints endpoints = {}) {
  return make_discourse_platform(std::move(endpoints));
}

PlatformThreadRef topic_ref() {
  return PlatformThreadRef{"312", kTopic, kForum};
}

Document answer(const std::string& url, const std::string& body) {
  return Document{url, "application/json; charset=utf-8", body};
}

PlatformThread read_topic(const std::string& body, const PlatformThreadRef& ref = topic_ref()) {
  return platform()->read_thread(answer(kTopicApiUrl, body), ref);
}

PlatformThread read_posts(const std::string& body, const std::string& url = kPostsApiUrl) {
  return platform()->read_more(answer(url, body), topic_ref());
}

std::string all_warnings(const PlatformThread& thread) {
  std::string text;
  for (const std::string& warning : thread.warnings) text += warning + "\n";
  return text;
}

bool has_warning(const PlatformThread& thread, const std::string& part) {
  return all_warnings(thread).find(part) != std::string::npos;
}

std::string parent_of(const Entry& comment) {
  if (comment.in_reply_to.size() != 1)
    return "(" + std::to_string(comment.in_reply_to.size()) + ")";
  EXPECT_EQ(comment.in_reply_to[0].ref, comment.in_reply_to[0].href);
  return comment.in_reply_to[0].ref;
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

/// A topic answer around `posts` (a JSON array's text) and `stream`.
std::string topic_body(const std::string& posts, const std::string& stream = "[]") {
  return R"({"id":312,"title":"Bring the love back: letters","slug":"bring-the-love-back-letters",)"
         R"("posts_count":2,"created_at":"2026-11-05T08:00:00.000Z","post_stream":{"posts":)" +
         posts + R"(,"stream":)" + stream + "}}";
}

const std::string kFirstPost =
    R"({"id":5001,"post_number":1,"username":"quill_author","cooked":"<p>Letters.</p>",)"
    R"("created_at":"2026-11-05T08:00:00.000Z","reply_to_post_number":null})";

/// A post of topic 312 numbered `number`, replying to `reply_to` (JSON text), with `extra` fields.
std::string post(int number, const std::string& reply_to = "null", const std::string& extra = "") {
  return R"({"id":)" + std::to_string(5000 + number) + R"(,"post_number":)" +
         std::to_string(number) + R"(,"username":"oskar","cooked":"<p>Post )" +
         std::to_string(number) +
         R"(</p>","created_at":"2026-11-06T10:00:00.000Z","reply_to_post_number":)" + reply_to +
         extra + "}";
}

TEST(Discourse, NamesItself) {
  EXPECT_EQ(platform()->name(), "discourse");
  EXPECT_EQ(platform()->label(), "Discourse");
}

TEST(Discourse, LookupSearchesTheInstanceForTheUrlAsOneQueryValue) {
  EXPECT_EQ(platform()->lookup_url(kBlogPost, kForum + "/"),
            kForum +
                "/search.json?q=https%3A%2F%2Fquill.example.org%2F2026%2F11%2Fbring-the-love-"
                "back%2F");
  EXPECT_EQ(platform()->lookup_url(kBlogPost, ""), "");
  // An API origin configured (tests, replay) receives every request.
  EXPECT_EQ(
      platform({"http://127.0.0.1:8080/", kForum})->lookup_url("https://a.example/?x=1&y", kForum),
      "http://127.0.0.1:8080/search.json?q=https%3A%2F%2Fa.example%2F%3Fx%3D1%26y");
}

TEST(Discourse, ALookupAnswerGivesOneRefPerTopicOnTheInstance) {
  const std::string url = platform()->lookup_url(kBlogPost, kForum);
  const auto refs = platform()->read_lookup(answer(url, read_fixture("search.json")));
  ASSERT_EQ(refs.size(), 2u);  // three posts, two topics
  EXPECT_EQ(refs[0].id, "312");
  EXPECT_EQ(refs[0].url, kTopic);
  EXPECT_EQ(refs[0].instance, kForum);
  EXPECT_EQ(refs[1].id, "318");
  EXPECT_EQ(refs[1].url, kForum + "/t/letters-we-sent-this-week/318");

  // Read from the configured API, the topics belong to the configured site.
  const auto replayed = platform({"http://127.0.0.1:8080", kForum})
                            ->read_lookup(answer("http://127.0.0.1:8080/search.json?q=x",
                                                 read_fixture("search.json")));
  ASSERT_EQ(replayed.size(), 2u);
  EXPECT_EQ(replayed[0].url, kTopic);
  EXPECT_EQ(replayed[0].instance, kForum);

  // No match: Discourse leaves "topics" out.
  EXPECT_TRUE(
      platform()
          ->read_lookup(answer(url, R"({"posts":[],"users":[],"grouped_search_result":{}})"))
          .empty());
}

TEST(Discourse, TheFirstAnswerGivesTheStoryTheFirstCommentsAndTheRestToAsk) {
  EXPECT_EQ(platform()->thread_api_url(topic_ref()), kTopicApiUrl);
  const PlatformThread thread = read_topic(read_fixture("topic-312.json"));
  EXPECT_TRUE(thread.warnings.empty()) << all_warnings(thread);
  EXPECT_EQ(thread.deleted, 0u);

  ASSERT_TRUE(thread.story.has_value());
  const Entry& story = *thread.story;
  EXPECT_EQ(story.id, kTopic);
  EXPECT_EQ(story.link, kTopic);
  EXPECT_EQ(story.title, "Bring the love back: letters");
  ASSERT_EQ(story.authors.size(), 1u);
  EXPECT_EQ(story.authors[0].name, "quill_author");
  EXPECT_EQ(story.authors[0].email, "");
  EXPECT_EQ(story.authors[0].uri, kForum + "/u/quill_author");
  ASSERT_TRUE(story.published.has_value());
  EXPECT_EQ(format_rfc3339(*story.published), "2026-11-05T08:00:00Z");
  EXPECT_FALSE(story.updated.has_value());  // never edited
  ASSERT_TRUE(story.comment_count.has_value());
  EXPECT_EQ(*story.comment_count, 6);
  // The first post links the blog post itself: no link paragraph is added. Its mention, a
  // relative link, is made absolute.
  EXPECT_EQ(story.content,
            "<p>We wrote up the campaign on the blog: <a "
            "href=\"https://quill.example.org/2026/11/bring-the-love-back/\">Bring the love back, "
            "one letter at a time</a>. Pen, paper &amp; a stamp, that is all. <i>Who is "
            "in?</i></p>\n<p>Thanks to <a class=\"mention\" "
            "href=\"https://forum.example.com/u/mira_k\">@mira_k</a> for the idea.</p>");

  ASSERT_EQ(thread.comments.size(), 3u);
  const Entry& second = thread.comments[0];
  EXPECT_EQ(second.id, kTopic + "/2");
  EXPECT_EQ(second.link, kTopic + "/2");
  EXPECT_EQ(parent_of(second), kTopic);  // no reply_to: top level
  EXPECT_EQ(second.authors[0].name, "lanternfish");
  EXPECT_EQ(format_rfc3339(*second.published), "2026-11-05T09:12:30Z");
  EXPECT_EQ(format_rfc3339(*second.updated), "2026-11-05T09:40:00Z");
  EXPECT_TRUE(second.title.empty());

  const Entry& french = thread.comments[1];
  EXPECT_EQ(french.id, kTopic + "/3");
  EXPECT_EQ(parent_of(french), kTopic + "/2");
  EXPECT_EQ(french.authors[0].name, "mira_k");
  EXPECT_EQ(french.content,
            "<p>Quelle belle idée ! J’écris déjà à ma grand-mère à Besançon — à vos stylos.</p>");

  const Entry& fourth = thread.comments[2];
  EXPECT_EQ(fourth.id, kTopic + "/4");
  EXPECT_EQ(parent_of(fourth), kTopic);  // a reply to post #1 is a reply to the story

  // Exactly the ids of the stream the answer did not hold.
  ASSERT_EQ(thread.more.size(), 1u);
  EXPECT_EQ(thread.more[0], kPostsApiUrl);
}

TEST(Discourse, AnApiOriginTakesTheRequestsWhilePagesStayOnTheInstance) {
  const auto replay = platform({"http://127.0.0.1:8080", ""});
  EXPECT_EQ(replay->thread_api_url(topic_ref()), "http://127.0.0.1:8080/t/312.json");
  const PlatformThread thread = replay->read_thread(
      answer("http://127.0.0.1:8080/t/312.json", read_fixture("topic-312.json")), topic_ref());
  ASSERT_TRUE(thread.story.has_value());
  EXPECT_EQ(thread.story->id, kTopic);
  EXPECT_EQ(thread.story->authors[0].avatar,
            kForum + "/user_avatar/forum.example.com/quill_author/96/12_2.png");
  ASSERT_EQ(thread.more.size(), 1u);
  EXPECT_EQ(thread.more[0],
            "http://127.0.0.1:8080/t/312/posts.json?post_ids%5B%5D=5005&"
            "post_ids%5B%5D=5006&post_ids%5B%5D=5007");
}

TEST(Discourse, AvatarTemplatesAreSizedAndResolvedAgainstTheInstance) {
  const PlatformThread thread = read_topic(read_fixture("topic-312.json"));
  ASSERT_TRUE(thread.story.has_value());
  EXPECT_EQ(thread.story->authors[0].avatar,
            kForum + "/user_avatar/forum.example.com/quill_author/96/12_2.png");
  ASSERT_EQ(thread.comments.size(), 3u);
  // A CDN's absolute template stays on the CDN.
  EXPECT_EQ(thread.comments[0].authors[0].avatar,
            "https://avatars.discourse-cdn.example.net/v4/letter/l/7ba0ec/96.png");
  // No template, or one that is no web address: no avatar.
  const PlatformThread odd = read_topic(topic_body(
      "[" + kFirstPost + "," + post(2, "null", R"j(,"avatar_template":"javascript:x({size})")j") +
      "," + post(3) + "]"));
  ASSERT_EQ(odd.comments.size(), 2u);
  EXPECT_EQ(odd.comments[0].authors[0].avatar, "");
  EXPECT_EQ(odd.comments[1].authors[0].avatar, "");
}

TEST(Discourse, ReadMoreJoinsTheRestOfTheTopic) {
  const PlatformThread first = read_topic(read_fixture("topic-312.json"));
  const PlatformThread rest = read_posts(read_fixture("posts-312.json"));
  EXPECT_FALSE(rest.story.has_value());
  EXPECT_TRUE(rest.more.empty());
  ASSERT_EQ(rest.comments.size(), 2u);
  EXPECT_EQ(rest.comments[0].id, kTopic + "/5");
  // #5 replies to #3, read in the first answer: named by its number all the same.
  EXPECT_EQ(parent_of(rest.comments[0]), kTopic + "/3");
  EXPECT_EQ(rest.comments[0].content,
            "<p>Besançon! Tell her the postcards from the drawer are on their way too.</p>");
  EXPECT_EQ(rest.comments[1].id, kTopic + "/7");

  // Every parent of either answer is the story or a comment of one of them.
  std::map<std::string, const Entry*> by_id{{first.story->id, &*first.story}};
  for (const PlatformThread* answer : {&first, &rest}) {
    for (const Entry& comment : answer->comments) {
      EXPECT_TRUE(by_id.emplace(comment.id, &comment).second) << comment.id;
    }
  }
  EXPECT_EQ(by_id.size(), 6u);
  for (const auto& [id, entry] : by_id) {
    if (entry == &*first.story) continue;
    EXPECT_TRUE(by_id.count(parent_of(*entry))) << id << " -> " << parent_of(*entry);
  }
}

TEST(Discourse, DeletedPostsAreCountedAndTheirRepliesHangUnderTheirParent) {
  const PlatformThread rest = read_posts(read_fixture("posts-312.json"));
  // #6 was withdrawn by its author ("post deleted by author").
  EXPECT_EQ(rest.deleted, 1u);
  for (const Entry& comment : rest.comments) EXPECT_NE(comment.id, kTopic + "/6");
  // #7 replied to #6, which replied to #2: it hangs under #2.
  ASSERT_EQ(rest.comments.size(), 2u);
  EXPECT_EQ(parent_of(rest.comments[1]), kTopic + "/2");
  EXPECT_TRUE(has_warning(rest,
                          "1 reply to deleted or hidden posts hung under the nearest post "
                          "shown"))
      << all_warnings(rest);
  EXPECT_EQ(rest.warnings.size(), 1u) << all_warnings(rest);

  // deleted_at and hidden too; a chain of them leads to the story; small actions ("closed the
  // topic") are no comments and no deletions.
  const PlatformThread chain = read_topic(topic_body(
      "[" + kFirstPost + "," + post(2, "null", R"(,"deleted_at":"2026-11-07T00:00:00.000Z")") +
      "," + post(3, "2", R"(,"hidden":true,"cooked":"")") + "," + post(4, "3") + "," +
      post(5, "null", R"(,"post_type":2,"action_code":"closed.enabled","cooked":"")") + "," +
      post(6, "4") + "]"));
  EXPECT_EQ(chain.deleted, 2u);
  ASSERT_EQ(chain.comments.size(), 2u);
  EXPECT_EQ(chain.comments[0].id, kTopic + "/4");
  EXPECT_EQ(parent_of(chain.comments[0]), kTopic);
  EXPECT_EQ(parent_of(chain.comments[1]), kTopic + "/4");
  EXPECT_TRUE(has_warning(chain, "1 reply to deleted")) << all_warnings(chain);
}

TEST(Discourse, ACategoryListsItsTopics) {
  const auto refs = read_discourse_category(
      answer("https://Forum.Example.com/c/letters/5.json", read_fixture("category.json")));
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].id, "290");
  EXPECT_EQ(refs[0].url, kForum + "/t/about-the-letters-category/290");
  EXPECT_EQ(refs[1].url, kForum + "/t/letters-we-sent-this-week/318");
  EXPECT_EQ(refs[2].id, "312");
  EXPECT_EQ(refs[2].url, kTopic);
  EXPECT_EQ(refs[2].instance, kForum);

  // Hostile entries: skipped; a slug that is no path segment is escaped or replaced.
  const auto odd = read_discourse_category(answer(
      kForum + "/c/x/1.json",
      R"({"topic_list":{"topics":[{"title":"no id"},{"id":"abc"},{"id":7,"slug":"../../x y"},)"
      R"({"id":7,"slug":"again"},{"id":8,"slug":".."},[],null]}})"));
  ASSERT_EQ(odd.size(), 2u);
  EXPECT_EQ(odd[0].url, kForum + "/t/..%2F..%2Fx%20y/7");
  EXPECT_EQ(odd[1].url, kForum + "/t/topic/8");

  const std::string url = kForum + "/c/letters/5.json";
  EXPECT_EQ(error_of([&] { read_discourse_category(answer(url, read_fixture("error-404.json"))); }),
            url +
                ": Discourse answered with an error, not a Discourse category: \"The requested "
                "URL or resource could not be found.\" (error_type \"not_found\")");
  EXPECT_EQ(error_of([&] { read_discourse_category(answer(url, "{\"topics\":[]}")); }),
            url +
                ": not a Discourse category (JSON an object without \"topic_list\" and its "
                "\"topics\")");
}

TEST(Discourse, AnErrorObjectIsAParseErrorQuotingTheError) {
  const std::string body = read_fixture("error-404.json");
  EXPECT_EQ(error_of([&] { read_topic(body); }),
            kTopicApiUrl +
                ": Discourse answered with an error, not a Discourse topic: \"The "
                "requested URL or resource could not be found.\" (error_type "
                "\"not_found\")");
  EXPECT_EQ(error_of([&] { read_posts(body); }).rfind(kPostsApiUrl + ": Discourse answered", 0),
            0u);
  EXPECT_EQ(error_of([&] {
              platform()->read_lookup(answer(kForum + "/search.json?q=x", body));
            }).rfind(kForum + "/search.json?q=x: Discourse answered with an error", 0),
            0u);
  // A rate limit: the message, cut to a length a terminal can take, controls neutralised.
  const std::string limited = error_of([&] {
    read_topic(R"({"errors":["You’ve performed this action too many times.\u001b[2J Please wait )"
               R"(10 seconds before trying again."],"error_type":"rate_limit"})");
  });
  EXPECT_NE(limited.find("\"You’ve performed this action too many times.?[2J Please wa…\""),
            std::string::npos)
      << limited;
}

TEST(Discourse, NoJsonTruncatedJsonOrAnotherShapeIsAParseErrorNamingTheUrl) {
  EXPECT_EQ(error_of([&] { read_topic(read_fixture("truncated.json")); }),
            kTopicApiUrl + ": not a Discourse topic (unreadable or truncated JSON)");
  EXPECT_EQ(error_of([&] { read_topic("<!DOCTYPE html><html><body>Log in</body></html>"); }),
            kTopicApiUrl + ": not a Discourse topic (an HTML page, not JSON)");
  EXPECT_EQ(error_of([&] { read_topic(""); }),
            kTopicApiUrl + ": not a Discourse topic (an empty body)");
  EXPECT_EQ(error_of([&] { read_topic("[1,2]"); }),
            kTopicApiUrl + ": not a Discourse topic (JSON an array)");
  EXPECT_EQ(
      error_of([&] { read_topic(read_fixture("search.json")); }),
      kTopicApiUrl +
          ": not a Discourse topic (JSON an object without \"post_stream\" and its \"posts\")");
  EXPECT_EQ(error_of([&] { read_posts("{\"post_stream\":{\"posts\":{}}}"); }),
            kPostsApiUrl +
                ": not posts of a Discourse topic (JSON an object without "
                "\"post_stream\" and its \"posts\")");
  EXPECT_EQ(
      error_of([&] { platform()->read_lookup(answer("https://f.example/search.json", "{}")); }),
      "https://f.example/search.json: not a Discourse search answer (JSON an object without "
      "\"topics\" or \"posts\")");
  EXPECT_EQ(error_of([&] {
              platform()->read_lookup(answer("https://f.example/search.json", "{\"posts\":"));
            }),
            "https://f.example/search.json: not a Discourse search answer (unreadable or "
            "truncated JSON)");
}

TEST(Discourse, ThreadOfRecognisesTopicPagesOnAnyHost) {
  const auto ref_of = [](const std::string& url) {
    const auto ref = platform()->thread_of(url);
    return ref ? ref->id + " " + ref->url + " " + ref->instance : "(none)";
  };
  EXPECT_EQ(ref_of(kTopic), "312 " + kTopic + " " + kForum);
  EXPECT_EQ(ref_of(kTopic + "/5"), "312 " + kTopic + " " + kForum);
  EXPECT_EQ(ref_of(kTopic + "/5?u=mira_k#reply"), "312 " + kTopic + " " + kForum);
  EXPECT_EQ(ref_of(kTopic + "/"), "312 " + kTopic + " " + kForum);
  EXPECT_EQ(ref_of("https://FORUM.example.com:8443/t/312"),
            "312 https://forum.example.com:8443/t/312 https://forum.example.com:8443");
  EXPECT_EQ(ref_of("http://forum.example.com/t/0312/4"),
            "312 http://forum.example.com/t/312 http://forum.example.com");
  EXPECT_EQ(ref_of("https://f.example/t/caf%C3%A9-lettres/9"),
            "9 https://f.example/t/caf%C3%A9-lettres/9 https://f.example");
  for (const std::string not_a_topic :
       {"https://f.example/t/", "https://f.example/t/slug", "https://f.example/t/slug/abc",
        "https://f.example/t/0", "https://f.example/t/slug/312/5/6", "https://f.example/t/12/34/5",
        "https://f.example/t//312", "https://f.example/forum/t/slug/312",
        "https://f.example/c/letters/5", "ftp://f.example/t/slug/312", "/t/slug/312", "",
        "https://f.example/t/slug/99999999999999999999999"}) {
    EXPECT_EQ(ref_of(not_a_topic), "(none)") << not_a_topic;
  }
}

TEST(Discourse, ALongStreamIsCappedAndAskedForFiftyIdsAtATime) {
  std::string stream = "[5001";
  for (int id = 2; id <= 1000000; ++id) stream += "," + std::to_string(5000 + id);
  stream += "]";
  const PlatformThread thread = read_topic(topic_body("[" + kFirstPost + "]", stream));
  EXPECT_EQ(thread.more.size(), kDiscourseStreamCap / kDiscoursePostsPerRequest);
  EXPECT_TRUE(has_warning(thread, "the topic lists 1000000 posts; confab reads the first 10000"))
      << all_warnings(thread);
  EXPECT_EQ(thread.more[0].rfind(kForum + "/t/312/posts.json?post_ids%5B%5D=5002&", 0), 0u);
  EXPECT_NE(thread.more.back().find("post_ids%5B%5D=15000"), std::string::npos);

  // Repeated ids are asked once, ids that are none skipped, ids already read not asked.
  const PlatformThread odd =
      read_topic(topic_body("[" + kFirstPost + "," + post(2) + "]",
                            R"([5001,5002,5003,"5004",5003,-1,"x",null,{"id":5005},5006.0])"));
  ASSERT_EQ(odd.more.size(), 1u);
  EXPECT_EQ(odd.more[0], kForum +
                             "/t/312/posts.json?post_ids%5B%5D=5003&post_ids%5B%5D=5004&"
                             "post_ids%5B%5D=5006");
  EXPECT_TRUE(has_warning(odd, "4 entries of \"stream\" are no post ids; skipped"))
      << all_warnings(odd);
  EXPECT_TRUE(has_warning(read_topic(topic_body("[" + kFirstPost + "]", "{}")),
                          "\"stream\" is an object, not a list of post ids"));
}

TEST(Discourse, HostilePostsAreSkippedOrHungUnderTheStoryWithAWarning) {
  const PlatformThread thread =
      read_topic(topic_body("[" + kFirstPost + ",17,{\"id\":5099}," + post(2) + "," + post(2) +
                            "," + R"({"id":5003,"post_number":"three"},)" + post(4, "4") + "," +
                            post(5, "9") + "," + post(6, "0") + "," + post(7, "-2") + "," +
                            post(8, "\"x\"") + "," + post(9, "null", R"(,"topic_id":999)") + "," +
                            post(10, "\"2\"") + "," + post(11, "1.0") + "]"));
  std::map<std::string, std::string> parents;
  for (const Entry& comment : thread.comments) {
    EXPECT_FALSE(comment.id.empty());
    parents[comment.id.substr(kTopic.size())] = parent_of(comment);
  }
  const std::map<std::string, std::string> expected{
      {"/2", kTopic}, {"/4", kTopic}, {"/5", kTopic},         {"/6", kTopic},
      {"/7", kTopic}, {"/8", kTopic}, {"/10", kTopic + "/2"}, {"/11", kTopic}};
  EXPECT_EQ(parents, expected);
  for (const char* part :
       {"post 2 is the number 17, not a post object; skipped", "post 3 has no \"post_number\"",
        "post #2 repeats a post number read before; skipped",
        "post 6 has the string \"three\" as its post number; skipped",
        "post #4 replies to post #4, not an earlier post; hung under the story",
        "post #5 replies to post #9, not an earlier post",
        "post #6 replies to the number 0, not a post number; hung under the story",
        "post #7 replies to the number -2", "post #8 replies to the string \"x\"",
        "post #9 belongs to topic the number 999, not to topic 312; skipped"}) {
    EXPECT_TRUE(has_warning(thread, part)) << part << "\n" << all_warnings(thread);
  }
  for (const std::string& warning : thread.warnings) {
    EXPECT_EQ(warning.rfind(kTopicApiUrl + ": ", 0), 0u) << warning;
  }
}

TEST(Discourse, ReadMoreSkipsTheStoryAndNamesPostsNotAnswered) {
  const PlatformThread rest =
      read_posts(R"({"post_stream":{"posts":[)" + kFirstPost + "," + post(5, "3") + "]}}");
  EXPECT_FALSE(rest.story.has_value());
  ASSERT_EQ(rest.comments.size(), 1u);
  EXPECT_EQ(parent_of(rest.comments[0]), kTopic + "/3");
  EXPECT_TRUE(has_warning(rest, "post #1 is the topic's first post, read with the topic; skipped"))
      << all_warnings(rest);
  // 5006 and 5007 were asked for: not in the answer.
  EXPECT_TRUE(has_warning(rest, "2 of the posts asked for were not in the answer"))
      << all_warnings(rest);
  // Without topic_slug, the slug comes from post_url, else the ref.
  const PlatformThread bare = read_posts(
      R"({"post_stream":{"posts":[{"id":5005,"post_number":5,"post_url":"/t/renamed/312/5"}]}})");
  ASSERT_EQ(bare.comments.size(), 1u);
  EXPECT_EQ(bare.comments[0].id, kForum + "/t/renamed/312/5");
  const PlatformThread from_ref =
      read_posts(R"({"post_stream":{"posts":[{"id":5005,"post_number":5}]}})");
  EXPECT_EQ(from_ref.comments[0].id, kTopic + "/5");
  EXPECT_TRUE(from_ref.comments[0].authors.empty());
}

TEST(Discourse, TheStoryWithoutItsFirstPostOrWithAFeaturedLink) {
  // A ref from /t/312 (no slug): the answer's slug makes the canonical page.
  const PlatformThreadRef bare{"312", kForum + "/t/312", kForum};
  const PlatformThread thread = read_topic(
      R"({"id":312,"title":"Bring the love back: letters","slug":"bring-the-love-back-letters",)"
      R"("posts_count":"3","created_at":"2026-11-05T08:00:00.000Z",)"
      R"("featured_link":"https://quill.example.org/2026/11/bring-the-love-back/?a=1&b=\"2\"",)"
      R"("post_stream":{"posts":[)" +
          post(2) + "]}}",
      bare);
  ASSERT_TRUE(thread.story.has_value());
  EXPECT_EQ(thread.story->id, kTopic);
  EXPECT_EQ(format_rfc3339(*thread.story->published), "2026-11-05T08:00:00Z");
  EXPECT_EQ(*thread.story->comment_count, 2);
  EXPECT_TRUE(thread.story->authors.empty());
  EXPECT_EQ(
      thread.story->content,
      "<p><a "
      "href=\"https://quill.example.org/2026/11/bring-the-love-back/?a=1&amp;b=&quot;2&quot;\">"
      "https://quill.example.org/2026/11/bring-the-love-back/?a=1&amp;b=&quot;2&quot;</a></p>");
  EXPECT_TRUE(has_warning(thread, "the topic's first post is not in the answer"))
      << all_warnings(thread);
  ASSERT_EQ(thread.comments.size(), 1u);
  EXPECT_EQ(parent_of(thread.comments[0]), kTopic);

  // No slug anywhere: Discourse's own placeholder. An answer about another topic: warned.
  const PlatformThread nameless = read_topic(
      R"({"id":313,"post_stream":{"posts":[{"id":1,"post_number":1,"username":"x y/z"}]}})", bare);
  EXPECT_EQ(nameless.story->id, kForum + "/t/topic/312");
  EXPECT_EQ(nameless.story->authors[0].uri, kForum + "/u/x%20y%2Fz");
  EXPECT_TRUE(has_warning(nameless, "the answer is about topic 313, not topic 312"));

  // A ref without an id takes the answer's; no id at all is an error.
  const PlatformThreadRef unnamed{"", "", kForum};
  EXPECT_EQ(read_topic(topic_body("[" + kFirstPost + "]"), unnamed).story->id, kTopic);
  EXPECT_EQ(error_of([&] { read_topic(R"({"post_stream":{"posts":[]}})", unnamed); }),
            kTopicApiUrl + ": a Discourse topic without an id (the thread names \"\")");

  // An unreadable date: read without it, said.
  const PlatformThread undated = read_topic(
      topic_body("[" + kFirstPost + "," + post(2, "null", R"(,"created_at":"soon")") + "]"));
  EXPECT_FALSE(undated.comments[0].published.has_value());
  EXPECT_TRUE(has_warning(undated, "post #2: unreadable created_at \"soon\""))
      << all_warnings(undated);
}

TEST(Discourse, JsonNestedTooDeepIsReadAroundWithAWarning) {
  const std::string deep =
      std::string(kJsonNestingCap + 10, '[') + std::string(kJsonNestingCap + 10, ']');
  const PlatformThread thread =
      read_topic(topic_body("[" + kFirstPost + "," + post(2, "null", R"(,"extra":)" + deep) + "]"));
  EXPECT_EQ(thread.comments.size(), 1u);
  EXPECT_TRUE(has_warning(thread, "JSON nested deeper than 512 levels")) << all_warnings(thread);
}

}  // namespace
}  // namespace confab
