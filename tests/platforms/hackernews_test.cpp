// Hacker News: the lookup and which of Algolia's fuzzy hits count, a story's whole reply tree in
// one answer, deleted comments, text posts, the URL shapes of its items, and hostile answers.
#include "platforms/hackernews.h"

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
const std::string kSite = "https://news.ycombinator.com";
const std::string kLookupApi =
    "https://hn.algolia.com/api/v1/search?query=https%3A%2F%2Fquill.example.org%2F2026%2F11%2F"
    "bring-the-love-back%2F&restrictSearchableAttributes=url&tags=story";
const std::string kItemApi = "https://hn.algolia.com/api/v1/items/4100";

std::string read_fixture(const std::string& name) {
  const std::string path =
      std::string(CONFAB_SOURCE_DIR) + "/tests/fixtures/platforms/hackernews/" + name;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("missing fixture " + path);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

std::unique_ptr<Platform> hackernews() {
  return make_hackernews_platform({"https://hn.algolia.com", kSite});
}

std::string page(const std::string& id) {
  return kSite + "/item?id=" + id;
}

std::string profile(const std::string& handle) {
  return kSite + "/user?id=" + handle;
}

PlatformThreadRef ref(const std::string& id) {
  return {id, page(id), ""};
}

PlatformThread read_thread_text(const std::string& body, const std::string& id = "4100") {
  return hackernews()->read_thread(Document{"https://hn.algolia.com/api/v1/items/" + id,
                                            "application/json; charset=utf-8", body},
                                   ref(id));
}

std::vector<PlatformThreadRef> read_lookup_text(const std::string& body,
                                                const std::string& url = kLookupApi) {
  return hackernews()->read_lookup(Document{url, "application/json; charset=utf-8", body});
}

const Entry* find_comment(const PlatformThread& thread, const std::string& id) {
  for (const Entry& comment : thread.comments) {
    if (comment.id == page(id)) return &comment;
  }
  return nullptr;
}

std::vector<std::string> ids_of(const PlatformThread& thread) {
  std::vector<std::string> ids;
  for (const Entry& comment : thread.comments) ids.push_back(comment.id);
  return ids;
}

std::vector<std::string> ids_of(const std::vector<PlatformThreadRef>& refs) {
  std::vector<std::string> ids;
  for (const PlatformThreadRef& found : refs) ids.push_back(found.id);
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

/// A comment item as Algolia gives it.
json comment(long long id, long long parent, const std::string& author, const std::string& text,
             const json& children = json::array()) {
  return {{"author", author},
          {"children", children},
          {"created_at", "2026-11-03T12:00:00.000Z"},
          {"created_at_i", 1793707200},
          {"id", id},
          {"options", json::array()},
          {"parent_id", parent},
          {"points", nullptr},
          {"story_id", 4100},
          {"text", text},
          {"title", nullptr},
          {"type", "comment"},
          {"url", nullptr}};
}

/// A story item as Algolia gives it, with `children` as its replies.
json story(const json& children, const json& url = kBlogPost, const json& text = nullptr,
           const std::string& title = "Bring the love back, one letter at a time") {
  return {{"author", "lanternfish"},
          {"children", children},
          {"created_at", "2026-11-03T10:00:00.000Z"},
          {"created_at_i", 1793700000},
          {"id", 4100},
          {"options", json::array()},
          {"parent_id", nullptr},
          {"points", 87},
          {"story_id", 4100},
          {"text", text},
          {"title", title},
          {"type", "story"},
          {"url", url}};
}

/// A search hit as Algolia gives it (the fields the reader looks at and a few more).
json hit(const json& object_id, const json& url) {
  return {{"_tags", {"story", "author_oskar"}},
          {"author", "oskar"},
          {"created_at_i", 1793700000},
          {"num_comments", 2},
          {"objectID", object_id},
          {"points", 3},
          {"title", "Bring the love back"},
          {"url", url}};
}

std::string search_answer(const json& hits) {
  return json{
      {"hits", hits}, {"hitsPerPage", 20}, {"nbHits", hits.size()}, {"page", 0}, {"nbPages", 1}}
      .dump();
}

TEST(HackerNews, NamesItself) {
  EXPECT_EQ(hackernews()->name(), "hackernews");
  EXPECT_EQ(hackernews()->label(), "Hacker News");
}

TEST(HackerNews, LookupUrlCarriesTheUrlAsOneEncodedValue) {
  EXPECT_EQ(hackernews()->lookup_url(kBlogPost, ""), kLookupApi);
  EXPECT_EQ(hackernews()->lookup_url("https://quill.example.org/?a=1&b=2#top", ""),
            "https://hn.algolia.com/api/v1/search?query=https%3A%2F%2Fquill.example.org%2F%3Fa%3D1"
            "%26b%3D2%23top&restrictSearchableAttributes=url&tags=story");
  // HN stories submit web addresses only: nothing else is worth a request.
  EXPECT_EQ(hackernews()->lookup_url("mailto:quill@example.org", ""), "");
  EXPECT_EQ(hackernews()->lookup_url("", ""), "");
}

TEST(HackerNews, LookupKeepsTheTwoSubmissionsOfTheUrlAndNotTheFuzzyHit) {
  const std::vector<PlatformThreadRef> refs = read_lookup_text(read_fixture("search.json"));
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].id, "4100");
  EXPECT_EQ(refs[0].url, page("4100"));
  EXPECT_EQ(refs[0].instance, "");
  // Submitted as http://www.…, without the trailing slash: the same page.
  EXPECT_EQ(refs[1].id, "4188");
  EXPECT_EQ(refs[1].url, page("4188"));
  EXPECT_EQ(hackernews()->thread_api_url(refs[1]), "https://hn.algolia.com/api/v1/items/4188");
}

TEST(HackerNews, LookupCountsOnlyTrivialDifferencesOfTheUrl) {
  const json hits = json::array({
      hit("1", "https://quill.example.org/2026/11/bring-the-love-back/"),
      hit("2", "http://quill.example.org/2026/11/bring-the-love-back"),
      hit("3", "https://WWW.Quill.Example.org/2026/11/bring-the-love-back/#comments"),
      hit("4", "https://quill.example.org:443/2026/11/bring-the-love-back/"),
      hit(5, "https://www.quill.example.org/2026/11/bring-the-love-back"),  // a number as id
      hit("6", "https://quill.example.org/2026/11/bring-the-love-back/?utm_source=hn"),
      hit("7", "https://quill.example.org/2026/11/Bring-The-Love-Back/"),
      hit("8", "https://quill.example.org/2026/11/bring-the-love-back/comments/"),
      hit("9", "https://quill.example.org:8443/2026/11/bring-the-love-back/"),
      hit("10", "https://blog.quill.example.org/2026/11/bring-the-love-back/"),
      hit("11", nullptr),
      hit("12", "ftp://quill.example.org/2026/11/bring-the-love-back/"),
      hit("x13", kBlogPost),
      hit("0", kBlogPost),
      hit(nullptr, kBlogPost),
      hit("1", kBlogPost),  // a repeat
      "not a hit",
  });
  EXPECT_EQ(ids_of(read_lookup_text(search_answer(hits))),
            (std::vector<std::string>{"1", "2", "3", "4", "5"}));

  // A URL with a query string matches only that query string.
  const std::string with_query = "https://quill.example.org/?p=42";
  const std::string url = hackernews()->lookup_url(with_query, "");
  EXPECT_EQ(ids_of(read_lookup_text(
                search_answer(json::array({hit("1", "http://www.quill.example.org/?p=42"),
                                           hit("2", "https://quill.example.org/?p=43"),
                                           hit("3", "https://quill.example.org/")})),
                url)),
            (std::vector<std::string>{"1"}));
}

TEST(HackerNews, LookupAnswersThatAreNoSearchAnswerAreParseErrorsNamingTheUrl) {
  const std::string html = error_of([] { read_lookup_text(read_fixture("error.html")); });
  EXPECT_EQ(html.rfind(kLookupApi + ": ", 0), 0u) << html;
  EXPECT_NE(html.find("an HTML page"), std::string::npos) << html;

  const std::string algolia = error_of([] {
    read_lookup_text(R"({"message":"Invalid value for \"tags\" parameter","status":400})");
  });
  EXPECT_EQ(algolia.rfind(kLookupApi + ": ", 0), 0u) << algolia;
  EXPECT_NE(algolia.find("status \"400\""), std::string::npos) << algolia;
  EXPECT_NE(algolia.find("Invalid value"), std::string::npos) << algolia;

  const std::string array = error_of([] { read_lookup_text("[]"); });
  EXPECT_NE(array.find("an array"), std::string::npos) << array;

  // Without the looked-up URL in the request, fuzzy hits cannot be told from real ones.
  const std::string bare = "https://hn.algolia.com/api/v1/search?tags=story";
  const std::string unnamed =
      error_of([&] { read_lookup_text(read_fixture("search.json"), bare); });
  EXPECT_EQ(unnamed.rfind(bare + ": ", 0), 0u) << unnamed;
}

TEST(HackerNews, ReadsTheLinkStoryWithTheSubmittedLinkLast) {
  const PlatformThread thread = read_thread_text(read_fixture("item-4100.json"));
  ASSERT_TRUE(thread.story);
  const Entry& head = *thread.story;
  EXPECT_EQ(head.id, page("4100"));
  EXPECT_EQ(head.link, page("4100"));
  EXPECT_EQ(head.title, "Bring the love back, one letter at a time");
  ASSERT_EQ(head.authors.size(), 1u);
  EXPECT_EQ(head.authors[0].name, "lanternfish");
  EXPECT_EQ(head.authors[0].email, "");
  EXPECT_EQ(head.authors[0].uri, profile("lanternfish"));
  EXPECT_EQ(head.published, 1793700000);
  EXPECT_EQ(head.content,
            "<p><a href=\"" + kBlogPost + "\">" + kBlogPost + "</a></p>");  // text is null
  EXPECT_TRUE(head.in_reply_to.empty());
  EXPECT_TRUE(head.categories.empty());
  EXPECT_FALSE(head.comment_count);  // the items answer does not say it
  EXPECT_TRUE(thread.more.empty());
}

TEST(HackerNews, ReadsTheWholeTreeParentsFirstWithEveryParent) {
  const PlatformThread thread = read_thread_text(read_fixture("item-4100.json"));
  EXPECT_EQ(ids_of(thread), (std::vector<std::string>{page("4103"), page("4107"), page("4115"),
                                                      page("4119"), page("4109")}));
  struct Expected {
    std::string id, parent, author;
    UnixTime published;
  };
  const std::vector<Expected> expected = {
      {"4103", "4100", "mira_k", 1793701500},       {"4107", "4103", "oskar", 1793703600},
      {"4115", "4107", "quill_author", 1793706420},  // three levels under the story
      {"4119", "4103", "lanternfish", 1793712000},   // its parent 4111 was deleted
      {"4109", "4100", "camille_r", 1793715300},
  };
  for (const Expected& want : expected) {
    const Entry* found = find_comment(thread, want.id);
    ASSERT_NE(found, nullptr) << want.id;
    EXPECT_EQ(found->link, page(want.id));
    ASSERT_EQ(found->in_reply_to.size(), 1u);
    EXPECT_EQ(found->in_reply_to[0].ref, page(want.parent)) << want.id;
    EXPECT_EQ(found->in_reply_to[0].href, page(want.parent)) << want.id;
    ASSERT_EQ(found->authors.size(), 1u);
    EXPECT_EQ(found->authors[0].name, want.author);
    EXPECT_EQ(found->authors[0].uri, profile(want.author));
    EXPECT_EQ(found->published, want.published) << want.id;
    EXPECT_TRUE(found->title.empty());
  }
  // The HTML as HN gives it: entities, <p> separators and <i> kept.
  const Entry& first = *find_comment(thread, "4103");
  EXPECT_NE(first.content.find("stamps &amp; envelopes by the door"), std::string::npos);
  EXPECT_NE(first.content.find("<p>The post links a printable template"), std::string::npos);
  EXPECT_NE(first.content.find("href=\"https:&#x2F;&#x2F;quill.example.org"), std::string::npos)
      << first.content;
  EXPECT_NE(find_comment(thread, "4107")->content.find("<i>three weeks</i>"), std::string::npos);
  // HN's relative links to its own items point at its pages.
  EXPECT_NE(find_comment(thread, "4119")
                ->content.find("href=\"https://news.ycombinator.com/item?id=3977\""),
            std::string::npos)
      << find_comment(thread, "4119")->content;
}

TEST(HackerNews, KeepsTheFrenchCommentsAccents) {
  const PlatformThread thread = read_thread_text(read_fixture("item-4100.json"));
  const Entry* french = find_comment(thread, "4109");
  ASSERT_NE(french, nullptr);
  EXPECT_EQ(french->content,
            "J&#x27;ai écrit à ma grand-mère pour la première fois depuis des années. Elle "
            "m&#x27;a répondu par une carte postale de Bretagne, très émue.<p>Merci pour "
            "l&#x27;idée !");
}

TEST(HackerNews, LeavesTheDeletedCommentOutAndHangsItsReplyUnderItsParent) {
  const PlatformThread thread = read_thread_text(read_fixture("item-4100.json"));
  EXPECT_EQ(thread.deleted, 1u);
  EXPECT_EQ(find_comment(thread, "4111"), nullptr);
  EXPECT_EQ(parent_of(*find_comment(thread, "4119")), page("4103"));
  ASSERT_EQ(thread.warnings.size(), 1u) << all_warnings(thread);
  EXPECT_EQ(thread.warnings[0], kItemApi +
                                    ": 1 reply to deleted, dead or skipped comments hung under "
                                    "that comment's parent");
}

TEST(HackerNews, ReadsTheSecondSubmissionWithItsOwnLinkAndComment) {
  const PlatformThread thread = read_thread_text(read_fixture("item-4188.json"), "4188");
  ASSERT_TRUE(thread.story);
  EXPECT_EQ(thread.story->id, page("4188"));
  EXPECT_EQ(thread.story->authors[0].uri, profile("oskar"));
  const std::string submitted = "http://www.quill.example.org/2026/11/bring-the-love-back";
  EXPECT_TRUE(
      thread.story->content.ends_with("<p><a href=\"" + submitted + "\">" + submitted + "</a></p>"))
      << thread.story->content;
  ASSERT_EQ(thread.comments.size(), 1u);
  EXPECT_EQ(thread.comments[0].id, page("4190"));
  EXPECT_EQ(parent_of(thread.comments[0]), page("4188"));
  EXPECT_EQ(thread.deleted, 0u);
  EXPECT_TRUE(thread.warnings.empty()) << all_warnings(thread);
}

TEST(HackerNews, AnAskHnTextPostHasNoLinkParagraph) {
  const std::string text =
      "Has anyone else started writing letters again?<p>I read <a "
      "href=\"https:&#x2F;&#x2F;quill.example.org&#x2F;\">this</a> &amp; bought stamps.";
  json ask = story(json::array({comment(4201, 4100, "oskar", "Yes, twice a month.")}), nullptr,
                   text, "Ask HN: Who still writes letters by hand?");
  const PlatformThread thread = read_thread_text(ask.dump());
  ASSERT_TRUE(thread.story);
  EXPECT_EQ(thread.story->content, text);
  EXPECT_EQ(thread.story->categories, (std::vector<std::string>{"Ask HN"}));
  ASSERT_EQ(thread.comments.size(), 1u);

  // An empty url is no link either; a text and a link are both kept, the link last.
  ask["url"] = "";
  EXPECT_EQ(read_thread_text(ask.dump()).story->content, text);
  ask["url"] = kBlogPost;
  EXPECT_EQ(read_thread_text(ask.dump()).story->content,
            text + "<p><a href=\"" + kBlogPost + "\">" + kBlogPost + "</a></p>");
}

TEST(HackerNews, EscapesTheSubmittedUrlAndLeavesOutWhatIsNoWebAddress) {
  const PlatformThread quoted =
      read_thread_text(story(json::array(), "https://quill.example.org/?a=1&b=\"2\"").dump());
  EXPECT_EQ(quoted.story->content,
            "<p><a href=\"https://quill.example.org/?a=1&amp;b=&quot;2&quot;\">"
            "https://quill.example.org/?a=1&amp;b=&quot;2&quot;</a></p>");
  const PlatformThread script =
      read_thread_text(story(json::array(), "javascript:alert(1)").dump());
  EXPECT_EQ(script.story->content, "");
  EXPECT_TRUE(has_warning(script, "submits \"javascript:alert(1)\", not a web address"))
      << all_warnings(script);
}

TEST(HackerNews, ReadsTheCommentCountAndTheIsoTimeWhenTheyAreGiven) {
  json item = story(json::array());
  item["num_comments"] = 7;
  item.erase("created_at_i");
  const PlatformThread thread = read_thread_text(item.dump());
  EXPECT_EQ(thread.story->comment_count, 7);
  EXPECT_EQ(thread.story->published, 1793700000);
}

TEST(HackerNews, AnswersThatAreNoItemAreParseErrorsNamingTheUrl) {
  const auto error_for = [](const std::string& body) {
    return error_of([&] { read_thread_text(body); });
  };
  const std::string html = error_for(read_fixture("error.html"));
  EXPECT_EQ(html, kItemApi + ": not a Hacker News item (an HTML page, not JSON)");
  const std::string truncated = error_for(read_fixture("truncated.json"));
  EXPECT_EQ(truncated, kItemApi + ": not a Hacker News item (truncated or broken JSON)");
  EXPECT_EQ(error_for(""), kItemApi + ": not a Hacker News item (an empty body)");
  const std::string not_found = error_for(R"({"status":404,"error":"Not Found"})");
  EXPECT_EQ(not_found, kItemApi +
                           ": the API answered with an error (status \"404\") \"Not Found\", not "
                           "a Hacker News item");
  EXPECT_EQ(error_for("[1,2]"), kItemApi + ": not a Hacker News item (JSON an array)");
  EXPECT_EQ(error_for(R"({"hits":[]})"),
            kItemApi + ": not a Hacker News item (a JSON object without the fields of one)");
}

TEST(HackerNews, ReadMoreIsNeverNeeded) {
  const std::string error = error_of([] {
    hackernews()->read_more(Document{kItemApi, "application/json", "{}"}, ref("4100"));
  });
  EXPECT_EQ(error.rfind(kItemApi + ": Hacker News needs no follow-up", 0), 0u) << error;
}

TEST(HackerNews, RecognisesItsItemUrls) {
  const auto platform = hackernews();
  for (const std::string url : {
           "https://news.ycombinator.com/item?id=4100",
           "http://news.ycombinator.com/item?id=4100",
           "https://NEWS.ycombinator.com/item?id=4100#4103",
           "https://news.ycombinator.com/item?p=2&id=4100",
           "https://news.ycombinator.com/item?id=4100&goto=news",
           "https://news.ycombinator.com:443/item?id=04100",
           "  https://news.ycombinator.com/item?id=4100\n",
       }) {
    const auto found = platform->thread_of(url);
    ASSERT_TRUE(found) << url;
    EXPECT_EQ(found->id, "4100") << url;
    EXPECT_EQ(found->url, page("4100")) << url;
    EXPECT_EQ(found->instance, "");
  }
  // A comment's page has the same shape: its ref is that item.
  EXPECT_EQ(platform->thread_of("https://news.ycombinator.com/item?id=4107")->id, "4107");
  for (const std::string url : {
           "https://www.news.ycombinator.com/item?id=4100",
           "https://ycombinator.com/item?id=4100",
           "https://news.ycombinator.com.example.org/item?id=4100",
           "https://news.ycombinator.com:8080/item?id=4100",
           "https://news.ycombinator.com/user?id=oskar",
           "https://news.ycombinator.com/item/?id=4100",
           "https://news.ycombinator.com/items?id=4100",
           "https://news.ycombinator.com/item?id=abc",
           "https://news.ycombinator.com/item?id=0",
           "https://news.ycombinator.com/item?id=-4",
           "https://news.ycombinator.com/item?id=",
           "https://news.ycombinator.com/item?ids=4100",
           "https://news.ycombinator.com/item",
           "https://news.ycombinator.com/item#id=4100",
           "https://news.ycombinator.com/item?id=99999999999999999999999",
           "ftp://news.ycombinator.com/item?id=4100",
           "news.ycombinator.com/item?id=4100",
           "https://quill.example.org/2026/11/bring-the-love-back/",
           "",
       }) {
    EXPECT_FALSE(platform->thread_of(url)) << url;
  }
}

TEST(HackerNews, ConfiguredEndpointsNameEveryUrl) {
  const auto local =
      make_hackernews_platform({"http://127.0.0.1:8081/", "http://127.0.0.1:8082/hn/"});
  EXPECT_EQ(local->lookup_url(kBlogPost, ""),
            "http://127.0.0.1:8081/api/v1/search?query=https%3A%2F%2Fquill.example.org%2F2026%2F11"
            "%2Fbring-the-love-back%2F&restrictSearchableAttributes=url&tags=story");
  const auto own = local->thread_of("http://127.0.0.1:8082/hn/item?id=4100");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->url, "http://127.0.0.1:8082/hn/item?id=4100");
  EXPECT_FALSE(local->thread_of("http://127.0.0.1:8082/item?id=4100"));
  EXPECT_FALSE(local->thread_of("http://127.0.0.1:9999/hn/item?id=4100"));
  // The public site's URLs still name threads, read at the configured site.
  const auto public_url = local->thread_of("https://news.ycombinator.com/item?id=4100");
  ASSERT_TRUE(public_url);
  EXPECT_EQ(public_url->url, "http://127.0.0.1:8082/hn/item?id=4100");
  EXPECT_EQ(local->thread_api_url(*public_url), "http://127.0.0.1:8081/api/v1/items/4100");

  const PlatformThread thread =
      local->read_thread(Document{"http://127.0.0.1:8081/api/v1/items/4100", "application/json",
                                  read_fixture("item-4100.json")},
                         *own);
  EXPECT_EQ(thread.story->id, "http://127.0.0.1:8082/hn/item?id=4100");
  EXPECT_EQ(thread.story->authors[0].uri, "http://127.0.0.1:8082/hn/user?id=lanternfish");
  EXPECT_EQ(thread.comments[0].id, "http://127.0.0.1:8082/hn/item?id=4103");
  EXPECT_EQ(parent_of(thread.comments[0]), "http://127.0.0.1:8082/hn/item?id=4100");
  const auto refs = local->read_lookup(
      Document{local->lookup_url(kBlogPost, ""), "application/json", read_fixture("search.json")});
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].url, "http://127.0.0.1:8082/hn/item?id=4100");
}

TEST(HackerNews, ThreadApiUrlTakesTheIdOrTheUrl) {
  const auto platform = hackernews();
  EXPECT_EQ(platform->thread_api_url(ref("4100")), kItemApi);
  EXPECT_EQ(platform->thread_api_url({"", page("4100"), ""}), kItemApi);
  EXPECT_EQ(platform->thread_api_url({"../search", page("4100"), ""}), kItemApi);
  EXPECT_EQ(platform->thread_api_url({"../search", "https://example.org/", ""}), "");
}

TEST(HackerNews, EncodesHandlesInProfileUrls) {
  const PlatformThread thread =
      read_thread_text(story(json::array({comment(4201, 4100, "a b&c/d", "hi")})).dump());
  ASSERT_EQ(thread.comments.size(), 1u);
  EXPECT_EQ(thread.comments[0].authors[0].uri, kSite + "/user?id=a%20b%26c%2Fd");
}

TEST(HackerNews, SkipsHostileItemsWithWarningsAndNeverAnEmptyId) {
  json no_id = comment(1, 4100, "oskar", "no id", json::array({comment(4302, 1, "mira_k", "a")}));
  no_id.erase("id");
  json text_id = comment(1, 4100, "oskar", "bad id", json::array({comment(4303, 1, "oskar", "b")}));
  text_id["id"] = "forty";
  json dead =
      comment(4304, 4100, "oskar", "dead", json::array({comment(4305, 4304, "mira_k", "c")}));
  dead["dead"] = true;
  json bad_children = comment(4310, 4100, "oskar", "odd children");
  bad_children["children"] = "none";
  json undated = comment(4311, 4100, "oskar", "undated");
  undated["created_at_i"] = "soon";
  undated["created_at"] = "whenever";
  json iso_only = comment(4312, 4100, "oskar", "iso");
  iso_only["created_at_i"] = nullptr;
  json authorless = comment(4313, 4100, "", "no author");
  authorless["author"] = nullptr;
  json gone_odd_children = comment(4320, 4100, "oskar", "[dead]");
  gone_odd_children["children"] = 5;
  const json children = json::array({
      no_id,
      text_id,
      42,
      comment(4300, 4100, "oskar", "first"),
      comment(4300, 4100, "oskar", "again", json::array({comment(4306, 4300, "mira_k", "d")})),
      comment(4100, 4100, "oskar", "the story's own id"),
      dead,
      comment(4307, 4100, "oskar", "[flagged]"),
      json{{"id", 4308}, {"type", "pollopt"}, {"text", "an option"}},
      bad_children,
      undated,
      iso_only,
      authorless,
      gone_odd_children,
  });
  const PlatformThread thread = read_thread_text(story(children).dump());
  EXPECT_EQ(ids_of(thread), (std::vector<std::string>{page("4302"), page("4303"), page("4300"),
                                                      page("4306"), page("4305"), page("4310"),
                                                      page("4311"), page("4312"), page("4313")}));
  EXPECT_EQ(thread.deleted, 3u);  // dead, flagged, "[dead]"
  EXPECT_EQ(parent_of(*find_comment(thread, "4302")), page("4100"));
  EXPECT_EQ(parent_of(*find_comment(thread, "4306")), page("4100"));
  EXPECT_EQ(parent_of(*find_comment(thread, "4305")), page("4100"));
  EXPECT_FALSE(find_comment(thread, "4311")->published);
  EXPECT_EQ(find_comment(thread, "4312")->published, 1793707200);
  EXPECT_TRUE(find_comment(thread, "4313")->authors.empty());
  for (const Entry& comment : thread.comments) {
    EXPECT_FALSE(comment.id.empty());
    EXPECT_NE(comment.id, parent_of(comment));
  }
  for (const std::string part : {
           "item 1 under item 4100 has no \"id\"; skipped, its replies hung under item 4100",
           "item 2 under item 4100 has the string \"forty\" as its id",
           "item 3 under item 4100 is the number 42, not an item; skipped",
           "item 4300 repeats an id read before",
           "item 4100 repeats an id read before",
           "item 4308 is a \"pollopt\", not a comment",
           "the children of item 4310 are the string \"none\", not a list",
           "the children of item 4320 are the number 5, not a list",
           "item 4311: no readable time",
           "4 replies to deleted, dead or skipped comments",
       }) {
    EXPECT_TRUE(has_warning(thread, part)) << part << "\n" << all_warnings(thread);
  }
  for (const std::string& warning : thread.warnings) {
    EXPECT_EQ(warning.rfind(kItemApi + ": ", 0), 0u) << warning;
  }
}

TEST(HackerNews, TheItemOfACommentIsReadInTheStorysPlace) {
  const json item = comment(4103, 4100, "mira_k", "Wrote my first letter in years.",
                            json::array({comment(4107, 4103, "oskar", "Did you get an answer?")}));
  const PlatformThread thread = read_thread_text(item.dump(), "4103");
  ASSERT_TRUE(thread.story);
  EXPECT_EQ(thread.story->id, page("4103"));
  EXPECT_EQ(thread.story->content, "Wrote my first letter in years.");
  ASSERT_EQ(thread.comments.size(), 1u);
  EXPECT_EQ(parent_of(thread.comments[0]), page("4103"));
  EXPECT_TRUE(has_warning(thread, "item 4103 is a comment, not a story"));
  EXPECT_TRUE(has_warning(thread, "the whole thread is at " + page("4100")))
      << all_warnings(thread);
}

TEST(HackerNews, AnItemOtherThanTheOneAskedForIsReadAsItself) {
  json item = story(json::array());
  const PlatformThread other = read_thread_text(item.dump(), "4188");
  EXPECT_EQ(other.story->id, page("4100"));
  EXPECT_TRUE(has_warning(other, "item 4188 was asked for, item 4100 answered"));

  item.erase("id");
  const PlatformThread unnamed = read_thread_text(item.dump(), "4100");
  EXPECT_EQ(unnamed.story->id, page("4100"));
  EXPECT_TRUE(has_warning(unnamed, "the item has no \"id\"; read as item 4100"));
  const std::string error = error_of([&] {
    hackernews()->read_thread(Document{kItemApi, "application/json", item.dump()},
                              PlatformThreadRef{"", "", ""});
  });
  EXPECT_EQ(error, kItemApi + ": the item has no \"id\" and no item was named");
}

TEST(HackerNews, AHundredThousandLevelsOfRepliesAreReadToTheCapWithAWarning) {
  // Built as text: each level a comment whose "children" hold the next.
  constexpr int kLevels = 100000;
  std::string body = R"({"id":4100,"type":"story","author":"lanternfish","title":"deep",)"
                     R"("url":null,"text":null,"created_at_i":1793700000,"children":[)";
  body.reserve(kLevels * 120);
  for (int level = 0; level < kLevels; ++level) {
    body += R"({"id":)" + std::to_string(10000 + level) +
            R"(,"type":"comment","author":"oskar","text":"down","created_at_i":1793707200,)"
            R"("children":[)";
  }
  for (int level = 0; level < kLevels; ++level) body += "]}";
  body += "]}";
  const PlatformThread thread = read_thread_text(body);
  ASSERT_TRUE(thread.story);
  ASSERT_GT(thread.comments.size(), 200u);
  ASSERT_LT(thread.comments.size(), 300u);
  EXPECT_EQ(parent_of(thread.comments[0]), page("4100"));
  for (std::size_t i = 1; i < thread.comments.size(); ++i) {
    EXPECT_EQ(parent_of(thread.comments[i]), thread.comments[i - 1].id);
  }
  EXPECT_TRUE(has_warning(thread, "JSON nested deeper than 512 levels")) << all_warnings(thread);
}

}  // namespace
}  // namespace confab
