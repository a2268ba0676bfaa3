// Mastodon: status page URLs of any instance, a status read into the story (a reply read
// through its parent, a boost through the status boosted), its context threaded by
// in_reply_to_id under ids that are the same on every instance, a hashtag timeline as a listing,
// and what a broken or hostile instance answers.
#include "platforms/mastodon.h"

#include <gtest/gtest.h>

#include <climits>
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

const std::string kInstance = "https://mastodon.example";
const std::string kToot = "https://toot.example";
const std::string kBlog = "https://quill.example.org/2026/11/bring-the-love-back/";

const std::string kRootId = "113502117044556677";      // on mastodon.example
const std::string kRootTootId = "113502118230901234";  // the same status on toot.example
const std::string kStory = kInstance + "/@lanternfish/" + kRootId;
const std::string kStatusUrl = kInstance + "/api/v1/statuses/" + kRootId;
const std::string kContextUrl = kStatusUrl + "/context";
const std::string kTagUrl = kInstance + "/api/v1/timelines/tag/bringtheloveback?limit=40";

// The context's replies, by their public URLs (the same whichever instance is asked).
const std::string kMiraFirst = kToot + "/@mira_k/113502139900112233";
const std::string kLanternfishReply = kInstance + "/@lanternfish/113502152233445502";
const std::string kMiraSecond = kToot + "/@mira_k/113502160987654321";
const std::string kCamille = kInstance + "/@camille/113502175566778804";
const std::string kOskar = kToot + "/@oskar/113502189876500011";

std::string read_fixture(const std::string& name) {
  return platform_fixture("mastodon", name);
}

json fixture_json(const std::string& name) {
  return json::parse(read_fixture(name));
}

std::unique_ptr<Platform> mastodon() {
  return make_mastodon_platform({});
}

PlatformThreadRef root_ref() {
  return PlatformThreadRef{kRootId, kStory, kInstance};
}

PlatformThread read_status(const std::string& body, const std::string& url = kStatusUrl) {
  return mastodon()->read_thread(document(url, body), root_ref());
}

PlatformThread read_context(const std::string& body, const std::string& url = kContextUrl,
                            const PlatformThreadRef& ref = root_ref()) {
  return mastodon()->read_more(document(url, body), ref);
}

PlatformListing read_tag(const std::string& body, const std::string& url = kTagUrl) {
  return mastodon()->read_listing(document(url, body));
}

/// A descendant as a context lists it, with what the tests look at.
json reply_status(const std::string& local_id, const std::string& url,
                  const json& in_reply_to = nullptr, const std::string& content = "<p>Yes.</p>") {
  return json{{"id", local_id},
              {"created_at", "2026-11-03T14:00:00.000Z"},
              {"in_reply_to_id", in_reply_to},
              {"in_reply_to_account_id", nullptr},
              {"sensitive", false},
              {"spoiler_text", ""},
              {"visibility", "public"},
              {"language", "en"},
              {"uri", url},
              {"url", url},
              {"replies_count", 0},
              {"reblogs_count", 0},
              {"favourites_count", 0},
              {"edited_at", nullptr},
              {"content", content},
              {"reblog", nullptr},
              {"account",
               {{"id", "109910000000000060"},
                {"username", "wren"},
                {"acct", "wren@toot.example"},
                {"display_name", "Wren"},
                {"url", kToot + "/@wren"},
                {"avatar", kToot + "/avatars/wren.png"},
                {"avatar_static", kToot + "/avatars/wren.png"},
                {"fields", json::array()}}},
              {"media_attachments", json::array()},
              {"mentions", json::array()},
              {"tags", json::array()},
              {"emojis", json::array()},
              {"card", nullptr},
              {"poll", nullptr}};
}

std::string context_of(const json& descendants) {
  return json{{"ancestors", json::array()}, {"descendants", descendants}}.dump();
}

// ---------------------------------------------------------------------------------------------
// URLs

TEST(Mastodon, NameAndLabel) {
  EXPECT_EQ(mastodon()->name(), "mastodon");
  EXPECT_EQ(mastodon()->label(), "Mastodon");
}

TEST(Mastodon, ThreadOfTakesEveryStatusPageShape) {
  struct Case {
    std::string url, id, page, instance;
  };
  const std::vector<Case> cases = {
      {kStory, kRootId, kStory, kInstance},
      // A remote account's status as another instance shows it: that instance's local id.
      {kToot + "/@lanternfish@mastodon.example/" + kRootTootId, kRootTootId,
       kToot + "/@lanternfish@mastodon.example/" + kRootTootId, kToot},
      {kInstance + "/users/lanternfish/statuses/" + kRootId, kRootId,
       kInstance + "/users/lanternfish/statuses/" + kRootId, kInstance},
      {kInstance + "/web/statuses/" + kRootId, kRootId, kInstance + "/web/statuses/" + kRootId,
       kInstance},
      {kInstance + "/web/@lanternfish/" + kRootId, kRootId,
       kInstance + "/web/@lanternfish/" + kRootId, kInstance},
      // A port, a trailing slash, a query, a fragment, an upper-case host, spaces around.
      {"http://localhost:3000/@lanternfish/7", "7", "http://localhost:3000/@lanternfish/7",
       "http://localhost:3000"},
      {"https://Mastodon.Example:443/@lanternfish/" + kRootId + "/", kRootId, kStory, kInstance},
      {kStory + "?utm_source=letters", kRootId, kStory, kInstance},
      {kStory + "#reply", kRootId, kStory, kInstance},
      {kStory + "/?x=1#y", kRootId, kStory, kInstance},
      {"  " + kStory + "\n", kRootId, kStory, kInstance},
      {"https://toot.example:8443/web/statuses/42", "42",
       "https://toot.example:8443/web/statuses/42", "https://toot.example:8443"},
  };
  for (const Case& c : cases) {
    const std::optional<PlatformThreadRef> ref = mastodon()->thread_of(c.url);
    ASSERT_TRUE(ref.has_value()) << c.url;
    EXPECT_EQ(ref->id, c.id) << c.url;
    EXPECT_EQ(ref->url, c.page) << c.url;
    EXPECT_EQ(ref->instance, c.instance) << c.url;
  }
}

TEST(Mastodon, ThreadOfRefusesWhatIsNoStatusPage) {
  for (const std::string& url : std::vector<std::string>{
           kBlog,
           "https://quill.example.org/2026/11/03/",
           kInstance + "/@lanternfish",
           kInstance + "/@lanternfish/",
           kInstance + "/@lanternfish/with_replies",
           kInstance + "/@lanternfish/" + kRootId + "/embed",
           kInstance + "/@/" + kRootId,
           kInstance + "/tags/bringtheloveback",
           kInstance + "/tags/" + kRootId,
           kInstance + "/@lanternfish/12ab",
           kInstance + "/@lanternfish/-12",
           kInstance + "/@lanternfish/1.5",
           kInstance + "/@lanternfish/" + std::string(33, '1'),
           kInstance + "/users/lanternfish/statuses/" + kRootId + "/activity",
           kInstance + "/users/lanternfish/" + kRootId,
           kInstance + "/web/statuses/",
           kInstance + "/web/lanternfish/" + kRootId,
           kInstance + "/statuses/" + kRootId,
           kInstance + "/" + kRootId,
           "ftp://mastodon.example/@lanternfish/" + kRootId,
           "mailto:lanternfish@mastodon.example",
           "https://user@mastodon.example/@lanternfish/" + kRootId,
           "/@lanternfish/" + kRootId,
           std::string(""),
           std::string("not a url"),
       }) {
    EXPECT_FALSE(mastodon()->thread_of(url)) << url;
  }
}

TEST(Mastodon, NoLookupByUrl) {
  EXPECT_EQ(mastodon()->lookup_url(kBlog, kInstance), "");
  EXPECT_TRUE(mastodon()->read_lookup(document(kInstance, "[]")).empty());
}

TEST(Mastodon, ThreadApiUrlAsksTheInstanceForTheStatus) {
  EXPECT_EQ(mastodon()->thread_api_url(root_ref()), kStatusUrl);
  EXPECT_EQ(mastodon()->thread_api_url(*mastodon()->thread_of(kStory + "/?x=1")), kStatusUrl);
  EXPECT_EQ(mastodon()->thread_api_url(
                *mastodon()->thread_of(kToot + "/@lanternfish@mastodon.example/" + kRootTootId)),
            kToot + "/api/v1/statuses/" + kRootTootId);
  EXPECT_EQ(
      mastodon()->thread_api_url(*mastodon()->thread_of("http://localhost:3000/web/statuses/7")),
      "http://localhost:3000/api/v1/statuses/7");
  EXPECT_EQ(mastodon()->thread_api_url(PlatformThreadRef{kRootId, kStory, ""}), "");
  EXPECT_EQ(mastodon()->thread_api_url(PlatformThreadRef{"", kStory, kInstance}), "");
  EXPECT_EQ(mastodon()->thread_api_url(PlatformThreadRef{"12ab", kStory, kInstance}), "");
  EXPECT_EQ(mastodon()->thread_api_url(PlatformThreadRef{"1/../2", kStory, kInstance}), "");
}

// ---------------------------------------------------------------------------------------------
// read_thread

TEST(Mastodon, ReadThreadGivesTheStoryAndAsksForItsContext) {
  const PlatformThread read = read_status(read_fixture("status.json"));
  EXPECT_TRUE(read.warnings.empty()) << all_warnings(read.warnings);
  ASSERT_TRUE(read.story.has_value());
  const Entry& story = *read.story;
  EXPECT_EQ(story.id, kStory);
  EXPECT_EQ(story.link, kStory);
  EXPECT_EQ(story.title, "");
  ASSERT_EQ(story.authors.size(), 1u);
  const Author& author = story.authors[0];
  EXPECT_EQ(author.name, "Lantern Fish");
  EXPECT_EQ(author.email, "");
  EXPECT_EQ(author.uri, kInstance + "/@lanternfish");
  // The static avatar, not the animated one.
  EXPECT_EQ(author.avatar,
            kInstance + "/system/accounts/avatars/109/884/100/000/000/lf/static/lf.png");
  // Only the field Mastodon verified (verified_at set), not the unverified link or the text.
  EXPECT_EQ(author.verified, std::vector<std::string>{"https://lanternfish.example.net/"});
  EXPECT_EQ(story.published, make_utc_time(2026, 11, 3, 9, 14, 22));
  EXPECT_EQ(story.updated, make_utc_time(2026, 11, 3, 9, 20, 5));
  // The content links the blog post already: the card adds nothing.
  EXPECT_EQ(story.content, fixture_json("status.json")["content"].get<std::string>());
  EXPECT_NE(story.content.find("<a href=\"" + kBlog + "\""), std::string::npos);
  EXPECT_EQ(story.content.find("<p><a href=\"" + kBlog + "\">Bring the love back</a></p>"),
            std::string::npos);
  EXPECT_EQ(story.comment_count, 5);
  EXPECT_EQ(story.likes, 23);
  EXPECT_EQ(story.reposts, 7);
  EXPECT_EQ(story.categories, std::vector<std::string>{"bringtheloveback"});
  EXPECT_FALSE(story.reply_cap.has_value());
  EXPECT_TRUE(read.comments.empty());
  EXPECT_FALSE(read.instead.has_value());
  EXPECT_EQ(read.more, std::vector<std::string>{kContextUrl});
}

TEST(Mastodon, TheSameStatusReadOnAnotherInstanceIsTheSameStory) {
  const PlatformThreadRef ref =
      *mastodon()->thread_of(kToot + "/@lanternfish@mastodon.example/" + kRootTootId);
  const std::string url = mastodon()->thread_api_url(ref);
  const PlatformThread there =
      mastodon()->read_thread(document(url, read_fixture("status-toot.json")), ref);
  const PlatformThread here = read_status(read_fixture("status.json"));
  ASSERT_TRUE(there.story.has_value());
  EXPECT_EQ(there.story->id, here.story->id);
  EXPECT_EQ(there.story->link, kStory);
  EXPECT_EQ(there.story->authors.at(0).uri, kInstance + "/@lanternfish");
  EXPECT_EQ(there.story->authors.at(0).verified, here.story->authors.at(0).verified);
  EXPECT_EQ(there.story->likes, 9);  // what toot.example has seen
  // Its context is asked of the instance read, by that instance's id.
  EXPECT_EQ(there.more,
            std::vector<std::string>{kToot + "/api/v1/statuses/" + kRootTootId + "/context"});
}

TEST(Mastodon, AReplyIsReadThroughItsParentInstead) {
  const PlatformThreadRef ref = *mastodon()->thread_of(kLanternfishReply);
  const PlatformThread read = mastodon()->read_thread(
      document(mastodon()->thread_api_url(ref), read_fixture("status-reply.json")), ref);
  EXPECT_FALSE(read.story.has_value());
  EXPECT_TRUE(read.comments.empty());
  EXPECT_TRUE(read.more.empty());
  ASSERT_TRUE(read.instead.has_value());
  EXPECT_EQ(read.instead->id, "113502140011223301");  // mira_k's status, mastodon.example's id
  EXPECT_EQ(read.instead->url, kInstance + "/web/statuses/113502140011223301");
  EXPECT_EQ(read.instead->instance, kInstance);
  EXPECT_EQ(mastodon()->thread_api_url(*read.instead),
            kInstance + "/api/v1/statuses/113502140011223301");

  // A parent id given as a number, as a liberal server might; the instance from the answer's
  // URL when the reference names none.
  json reply = fixture_json("status-reply.json");
  reply["in_reply_to_id"] = 113502140011223301ULL;
  const PlatformThread numeric = mastodon()->read_thread(
      document(kInstance + "/api/v1/statuses/113502152233445502", reply.dump()),
      PlatformThreadRef{});
  ASSERT_TRUE(numeric.instead.has_value());
  EXPECT_EQ(numeric.instead->id, "113502140011223301");
  EXPECT_EQ(numeric.instead->instance, kInstance);
}

TEST(Mastodon, AReplyWithAParentThatIsNoIdIsItsOwnStory) {
  for (const json& parent : {json(nullptr), json("abc"), json(json::object()), json(-4), json(0),
                             json(true), json(json::array({1}))}) {
    json reply = fixture_json("status-reply.json");
    reply["in_reply_to_id"] = parent;
    const PlatformThread read = read_status(reply.dump());
    EXPECT_FALSE(read.instead.has_value()) << parent.dump();
    ASSERT_TRUE(read.story.has_value()) << parent.dump();
    EXPECT_EQ(read.story->id, kLanternfishReply);
  }
}

TEST(Mastodon, ABoostIsReadAsTheStatusBoosted) {
  const std::string url = kInstance + "/api/v1/statuses/113502200123456789";
  const PlatformThread read = mastodon()->read_thread(
      document(url, read_fixture("reblog.json")),
      PlatformThreadRef{"113502200123456789", kInstance + "/web/statuses/113502200123456789",
                        kInstance});
  ASSERT_TRUE(read.story.has_value());
  const PlatformThread direct = read_status(read_fixture("status.json"));
  EXPECT_EQ(read.story->id, kStory);
  EXPECT_EQ(read.story->content, direct.story->content);
  EXPECT_EQ(read.story->authors.at(0).name, "Lantern Fish");  // not camille, who boosted
  EXPECT_EQ(read.story->likes, 23);
  EXPECT_EQ(read.more, std::vector<std::string>{kContextUrl});

  // A boost of a reply: the reply's parent instead.
  json boost = fixture_json("reblog.json");
  boost["reblog"] = fixture_json("status-reply.json");
  const PlatformThread of_reply = mastodon()->read_thread(document(url, boost.dump()), root_ref());
  ASSERT_TRUE(of_reply.instead.has_value());
  EXPECT_EQ(of_reply.instead->id, "113502140011223301");
}

TEST(Mastodon, AContentWarningComesFirstEscaped) {
  json status = fixture_json("status.json");
  status["spoiler_text"] = "letters & <feelings>";
  const PlatformThread read = read_status(status.dump());
  EXPECT_EQ(read.story->content, "<p><strong>CW: letters &amp; &lt;feelings&gt;</strong></p>" +
                                     status["content"].get<std::string>());
  status["spoiler_text"] = "";
  EXPECT_EQ(read_status(status.dump()).story->content, status["content"].get<std::string>());
}

TEST(Mastodon, ACardNotLinkedInTheContentIsAppended) {
  json status = fixture_json("status.json");
  status["content"] = "<p>Letters are back. Read why.</p>";
  EXPECT_EQ(
      read_status(status.dump()).story->content,
      "<p>Letters are back. Read why.</p><p><a href=\"" + kBlog + "\">Bring the love back</a></p>");
  // No title: the URL is the link's text; special characters escaped.
  status["card"]["title"] = " ";
  status["card"]["url"] = "https://quill.example.org/?a=1&b=\"2\"";
  EXPECT_EQ(read_status(status.dump()).story->content,
            "<p>Letters are back. Read why.</p><p><a "
            "href=\"https://quill.example.org/?a=1&amp;b=&quot;2&quot;\">https://"
            "quill.example.org/?a=1&amp;b=&quot;2&quot;</a></p>");
  // Linked already, as HTML writes it (&amp;): nothing added.
  status["card"]["url"] = "https://quill.example.org/?a=1&b=2";
  status["content"] = "<p><a href=\"https://quill.example.org/?a=1&amp;b=2\">here</a></p>";
  EXPECT_EQ(read_status(status.dump()).story->content, status["content"].get<std::string>());
  // A card that is no web link, or no object: nothing added.
  for (const json& card : {json{{"url", "javascript:alert(1)"}, {"title", "x"}}, json{{"url", 42}},
                           json("https://x.example/"), json::array(), json(nullptr)}) {
    status["content"] = "<p>Hi.</p>";
    status["card"] = card;
    EXPECT_EQ(read_status(status.dump()).story->content, "<p>Hi.</p>") << card.dump();
  }
}

TEST(Mastodon, AuthorsFallBackToTheirHandleAndKeepOnlyWebLinks) {
  json status = fixture_json("status.json");
  json& account = status["account"];
  account["display_name"] = "  ";
  account["avatar_static"] = "javascript:alert(1)";
  account["url"] = "ftp://mastodon.example/@lanternfish";
  PlatformThread read = read_status(status.dump());
  EXPECT_EQ(read.story->authors.at(0).name, "lanternfish");  // acct, for a local account
  EXPECT_EQ(read.story->authors.at(0).avatar,
            kInstance + "/system/accounts/avatars/109/884/100/000/000/lf/original/lf.gif");
  EXPECT_EQ(read.story->authors.at(0).uri, "");
  account.erase("acct");
  account["avatar"] = "data:image/png;base64,AAAA";
  read = read_status(status.dump());
  EXPECT_EQ(read.story->authors.at(0).name, "lanternfish");  // username
  EXPECT_EQ(read.story->authors.at(0).avatar, "");
  // No account at all: an author without a name, still one.
  status["account"] = "lanternfish";
  read = read_status(status.dump());
  ASSERT_EQ(read.story->authors.size(), 1u);
  EXPECT_EQ(read.story->authors[0].name, "");
  EXPECT_TRUE(read.story->authors[0].verified.empty());
}

TEST(Mastodon, VerifiedLinksAreTheFirstWebLinkOfVerifiedFields) {
  json status = fixture_json("status.json");
  status["account"]["fields"] = json::array({
      {{"name", "Site"},
       {"value",
        "<a href='https://one.example/?a=1&amp;b=2' rel=\"me\">one</a> <a "
        "href=\"https://two.example/\">two</a>"},
       {"verified_at", "2026-10-01T00:00:00.000+00:00"}},
      {{"name", "Bare"}, {"value", " https://bare.example/ "}, {"verified_at", "2026-10-01"}},
      {{"name", "Abbr"},
       {"value", "<abbr title=\"x\">https://no.example/</abbr>"},
       {"verified_at", "2026-10-01"}},
      {{"name", "Script"},
       {"value", "<a href=\"javascript:alert(1)\">x</a>"},
       {"verified_at", "2026-10-01"}},
      {{"name", "Unverified"}, {"value", "https://unverified.example/"}, {"verified_at", nullptr}},
      {{"name", "Odd"}, {"value", "https://odd.example/"}, {"verified_at", false}},
      {{"name", "Cut"}, {"value", "<a href=\"https://cut.example/"}, {"verified_at", "2026"}},
      {{"name", "Tiny"}, {"value", "<a"}, {"verified_at", "2026"}},
      "not a field",
      {{"name", "NoValue"}, {"verified_at", "2026"}},
  });
  const PlatformThread read = read_status(status.dump());
  // A tag cut off still names its href: read liberally, as the rest of the value.
  EXPECT_EQ(read.story->authors.at(0).verified,
            (std::vector<std::string>{"https://one.example/?a=1&b=2", "https://bare.example/",
                                      "https://cut.example/"}));
  status["account"]["fields"] = json::object();
  EXPECT_TRUE(read_status(status.dump()).story->authors.at(0).verified.empty());
}

TEST(Mastodon, CountsTagsAndDatesAreReadLiberally) {
  json status = fixture_json("status.json");
  status["favourites_count"] = "12";
  status["reblogs_count"] = -3;
  status["replies_count"] = 2.5;
  status["tags"] = json::array(
      {{{"name", "letters"}}, "loose", {{"name", ""}}, {{"url", "x"}}, 7, {{"name", 42}}});
  status["created_at"] = "not a date";
  status["edited_at"] = nullptr;
  const PlatformThread read = read_status(status.dump());
  EXPECT_EQ(read.story->likes, 12);
  EXPECT_FALSE(read.story->reposts.has_value());
  EXPECT_FALSE(read.story->comment_count.has_value());
  EXPECT_EQ(read.story->categories, (std::vector<std::string>{"letters", "42"}));
  EXPECT_FALSE(read.story->published.has_value());
  EXPECT_FALSE(read.story->updated.has_value());
  status["favourites_count"] = 99999999999LL;
  EXPECT_EQ(read_status(status.dump()).story->likes, INT_MAX);  // capped, never negative
}

TEST(Mastodon, TheUriNamesAStatusWithoutAUrl) {
  json status = fixture_json("status.json");
  status["url"] = nullptr;
  const PlatformThread read = read_status(status.dump());
  EXPECT_EQ(read.story->id, kInstance + "/users/lanternfish/statuses/" + kRootId);
  EXPECT_EQ(read.story->link, read.story->id);
  status["uri"] = "tag:mastodon.example,2026:objectId=1";
  EXPECT_EQ(parse_error_of([&] { read_status(status.dump()); }),
            kStatusUrl + ": the status has no public URL");
}

// ---------------------------------------------------------------------------------------------
// read_more: the context

TEST(Mastodon, RepliesHangUnderTheirParentsThreeLevelsDeep) {
  const PlatformThread read = read_context(read_fixture("context.json"));
  EXPECT_FALSE(read.story.has_value());
  EXPECT_TRUE(read.more.empty());
  EXPECT_FALSE(read.reply_cap.has_value());
  ASSERT_EQ(read.comments.size(), 5u);
  EXPECT_EQ(read.comments[0].id, kMiraFirst);
  EXPECT_EQ(parent_of(read, kMiraFirst), kStory);
  EXPECT_EQ(parent_of(read, kLanternfishReply), kMiraFirst);
  EXPECT_EQ(parent_of(read, kMiraSecond), kLanternfishReply);
  EXPECT_EQ(parent_of(read, kCamille), kStory);
  // Parents first.
  for (std::size_t i = 0; i < read.comments.size(); ++i) {
    const std::string& parent = read.comments[i].in_reply_to.at(0).ref;
    bool earlier = parent == kStory;
    for (std::size_t j = 0; j < i; ++j) earlier = earlier || read.comments[j].id == parent;
    EXPECT_TRUE(earlier) << read.comments[i].id;
    EXPECT_EQ(read.comments[i].link, read.comments[i].id);
    EXPECT_EQ(read.comments[i].authors.size(), 1u);
  }

  const Entry& mira = read.comments[0];
  EXPECT_EQ(mira.authors[0].name, "Mira K.");
  EXPECT_EQ(mira.authors[0].uri, kToot + "/@mira_k");
  EXPECT_EQ(mira.published, make_utc_time(2026, 11, 3, 10, 2, 10));
  EXPECT_EQ(mira.likes, 4);
  EXPECT_EQ(mira.comment_count, 1);
  // The content warning first.
  EXPECT_EQ(mira.content.rfind("<p><strong>CW: a long one about family</strong></p><p>", 0), 0u)
      << mira.content;
  EXPECT_NE(mira.content.find("grandmother&#39;s letters"), std::string::npos);
  EXPECT_EQ(find_comment(read, kMiraSecond)->content,
            "<p>Already started one, to her old pen friend in Porto. Stamps bought &amp; "
            "everything.</p>");
}

TEST(Mastodon, FrenchTextKeepsItsAccents) {
  const PlatformThread read = read_context(read_fixture("context.json"));
  const Entry* french = find_comment(read, kCamille);
  ASSERT_NE(french, nullptr);
  EXPECT_EQ(french->content,
            "<p>Quelle jolie idée ! J’écris à ma sœur chaque mois depuis l’été, et ça nous a "
            "rapprochées.</p>");
  EXPECT_EQ(french->authors.at(0).name, "Camille R.");
  // Camille's only link is not verified.
  EXPECT_TRUE(french->authors.at(0).verified.empty());
}

TEST(Mastodon, AReplyToAStatusNotShownHangsUnderTheStoryWithAWarning) {
  const PlatformThread read = read_context(read_fixture("context.json"));
  EXPECT_EQ(parent_of(read, kOskar), kStory);
  // No display name: the handle.
  EXPECT_EQ(find_comment(read, kOskar)->authors.at(0).name, "oskar@toot.example");
  ASSERT_EQ(read.warnings.size(), 1u) << all_warnings(read.warnings);
  EXPECT_EQ(read.warnings[0].rfind(kContextUrl + ": 1 reply answers a status the instance did "
                                                 "not show",
                                   0),
            0u)
      << read.warnings[0];
}

TEST(Mastodon, RepliesHaveTheSameIdsWhicheverInstanceIsAsked) {
  // toot.example's context of the same status: other local ids, the same urls.
  const std::vector<std::pair<std::string, std::string>> local = {
      {"113502117044556677", kRootTootId},          {"113502140011223301", "113502139900112233"},
      {"113502152233445502", "113502152900000002"}, {"113502161122334403", "113502160987654321"},
      {"113502175566778804", "113502176000000004"}, {"113502190000111105", "113502189876500011"},
      {"113502130000000099", "113502130500000099"}};
  std::string there = read_fixture("context.json");
  for (const auto& [here_id, there_id] : local) {
    for (std::size_t at = 0; (at = there.find("\"" + here_id + "\"", at)) != std::string::npos;) {
      there.replace(at + 1, here_id.size(), there_id);
      at += there_id.size();
    }
  }
  ASSERT_EQ(there.find("113502140011223301"), std::string::npos);
  const PlatformThread here_read = read_context(read_fixture("context.json"));
  const PlatformThread there_read =
      read_context(there, kToot + "/api/v1/statuses/" + kRootTootId + "/context",
                   PlatformThreadRef{kRootTootId, kStory, kToot});
  ASSERT_EQ(there_read.comments.size(), here_read.comments.size());
  for (std::size_t i = 0; i < here_read.comments.size(); ++i) {
    EXPECT_EQ(there_read.comments[i].id, here_read.comments[i].id);
    EXPECT_EQ(there_read.comments[i].in_reply_to.at(0).ref,
              here_read.comments[i].in_reply_to.at(0).ref);
  }
}

TEST(Mastodon, ReadMoreHangsRepliesUnderTheStoryEntryIdItIsGiven) {
  // The reference's url is the story's Entry id, whatever page named the thread; the status the
  // context is of is the one the asked URL names, even when the reference has no id.
  const PlatformThread read = read_context(read_fixture("context.json"), kContextUrl,
                                           PlatformThreadRef{"", kStory, kInstance});
  EXPECT_EQ(parent_of(read, kMiraFirst), kStory);
  EXPECT_EQ(parent_of(read, kCamille), kStory);
  EXPECT_EQ(read.warnings.size(), 1u) << all_warnings(read.warnings);  // oskar's only
  // No id in the URL: the reference's.
  const PlatformThread by_ref = read_context(read_fixture("context.json"), "", root_ref());
  EXPECT_EQ(parent_of(by_ref, kMiraFirst), kStory);
  EXPECT_EQ(by_ref.warnings.size(), 1u) << all_warnings(by_ref.warnings);
  EXPECT_EQ(by_ref.warnings[0].rfind("document: ", 0), 0u) << by_ref.warnings[0];
}

TEST(Mastodon, SixtyDescendantsReachTheCapForVisitors) {
  json descendants = json::array();
  for (int i = 1; i <= 60; ++i) {
    const std::string id = std::to_string(113502300000000000LL + i);
    // Every other one answers the one before it.
    const json parent =
        i % 2 == 0 ? json(std::to_string(113502300000000000LL + i - 1)) : json(kRootId);
    descendants.push_back(reply_status(id, kToot + "/@wren/" + id, parent));
  }
  const PlatformThread capped = read_context(context_of(descendants));
  EXPECT_EQ(capped.comments.size(), 60u);
  EXPECT_EQ(capped.reply_cap, 60);
  EXPECT_TRUE(capped.warnings.empty()) << all_warnings(capped.warnings);
  EXPECT_EQ(parent_of(capped, kToot + "/@wren/113502300000000002"),
            kToot + "/@wren/113502300000000001");
  descendants.erase(descendants.size() - 1);
  const PlatformThread under = read_context(context_of(descendants));
  EXPECT_EQ(under.comments.size(), 59u);
  EXPECT_FALSE(under.reply_cap.has_value());
}

TEST(Mastodon, TheStoryRepeatsAndStatusesWithoutIdsOrUrlsAreLeftOut) {
  json descendants = json::array({
      reply_status("10", kStory, kRootId),  // the story itself
      reply_status("11", kToot + "/@wren/11", kRootId),
      reply_status("12", kToot + "/@wren/11", "11"),    // the same url again
      reply_status("13", "javascript:alert(1)", "11"),  // no public url
      reply_status("14", kToot + "/@wren/14", "13"),    // answers the one left out
      reply_status("15", kToot + "/@wren/15", "11"),
  });
  json no_id = reply_status("16", kToot + "/@wren/16", "11");
  no_id.erase("id");
  descendants.push_back(no_id);
  json odd_id = reply_status("17", kToot + "/@wren/17", "15");
  odd_id["id"] = json::array();
  descendants.push_back(odd_id);
  descendants.push_back(42);
  descendants.push_back("status");
  descendants.push_back(nullptr);
  const PlatformThread read = read_context(context_of(descendants));
  ASSERT_EQ(read.comments.size(), 3u);
  EXPECT_EQ(parent_of(read, kToot + "/@wren/11"), kStory);
  EXPECT_EQ(parent_of(read, kToot + "/@wren/14"), kStory);
  EXPECT_EQ(parent_of(read, kToot + "/@wren/15"), kToot + "/@wren/11");
  const std::string warnings = all_warnings(read.warnings);
  EXPECT_TRUE(contains(read.warnings, ": a status without a url or uri (id \"13\") was left out"))
      << warnings;
  EXPECT_TRUE(contains(read.warnings, ": a reply without an id was left out")) << warnings;
  EXPECT_TRUE(contains(read.warnings, ": 1 reply answers a status the instance did not show"))
      << warnings;
  for (const std::string& warning : read.warnings) {
    EXPECT_EQ(warning.rfind(kContextUrl + ": ", 0), 0u) << warning;
  }
}

TEST(Mastodon, AnEmptyContextHasNoReplies) {
  const PlatformThread read = read_context(context_of(json::array()));
  EXPECT_TRUE(read.comments.empty());
  EXPECT_TRUE(read.warnings.empty());
  EXPECT_FALSE(read.reply_cap.has_value());
  // Ancestors are not read: the thread starts at the story.
  EXPECT_TRUE(read_context(json{{"ancestors", json::array({reply_status("1", kToot + "/@w/1")})},
                                {"descendants", json::array()}}
                               .dump())
                  .comments.empty());
}

// ---------------------------------------------------------------------------------------------
// Listings: a hashtag's timeline

TEST(Mastodon, ListingApiUrlTakesHashtagPages) {
  EXPECT_EQ(mastodon()->listing_api_url(kInstance + "/tags/bringtheloveback"), kTagUrl);
  EXPECT_EQ(mastodon()->listing_api_url("https://Mastodon.Example:443/tags/bringtheloveback/"),
            kTagUrl);
  EXPECT_EQ(mastodon()->listing_api_url(kInstance + "/tags/bringtheloveback?page=2#top"), kTagUrl);
  EXPECT_EQ(mastodon()->listing_api_url("http://localhost:3000/tags/Letters"),
            "http://localhost:3000/api/v1/timelines/tag/Letters?limit=40");
  // Percent-encoded once, whether the page URL was encoded or not.
  EXPECT_EQ(mastodon()->listing_api_url(kInstance + "/tags/caf%C3%A9"),
            kInstance + "/api/v1/timelines/tag/caf%C3%A9?limit=40");
  EXPECT_EQ(mastodon()->listing_api_url(kInstance + "/tags/café"),
            kInstance + "/api/v1/timelines/tag/caf%C3%A9?limit=40");
  EXPECT_EQ(mastodon()->listing_api_url(kInstance + "/tags/a%26b"),
            kInstance + "/api/v1/timelines/tag/a%26b?limit=40");
  for (const std::string& url : std::vector<std::string>{
           kStory,
           kInstance + "/tags",
           kInstance + "/tags/",
           kInstance + "/tags/a/b",
           kInstance + "/tags/a%2Fb",
           kInstance + "/tags/%23",
           kInstance + "/tags/a%3Fb",
           kInstance + "/@lanternfish",
           kInstance + "/tag/bringtheloveback",
           kInstance + "/explore/tags",
           std::string("ftp://mastodon.example/tags/bringtheloveback"),
           std::string("https://user@mastodon.example/tags/bringtheloveback"),
           std::string("/tags/bringtheloveback"),
           std::string(""),
       }) {
    EXPECT_EQ(mastodon()->listing_api_url(url), "") << url;
  }
}

TEST(Mastodon, ReadListingNamesThreadsByLocalIdOnTheInstanceAsked) {
  const PlatformListing page = read_tag(read_fixture("tag-page.json"));
  EXPECT_TRUE(page.warnings.empty()) << all_warnings(page.warnings);
  // wren's status, the boost (naming the status boosted), lanternfish's reply (which names
  // itself: its read says `instead`); the root again is left out.
  ASSERT_EQ(page.threads.size(), 3u);
  EXPECT_EQ(page.threads[0].id, "113502210000000011");
  EXPECT_EQ(page.threads[0].url, kToot + "/@wren/113502209999000011");
  EXPECT_EQ(page.threads[1].id, kRootId);
  EXPECT_EQ(page.threads[1].url, kStory);
  EXPECT_EQ(page.threads[2].id, "113502152233445502");
  EXPECT_EQ(page.threads[2].url, kLanternfishReply);
  for (const PlatformThreadRef& thread : page.threads) EXPECT_EQ(thread.instance, kInstance);
  EXPECT_EQ(mastodon()->thread_api_url(page.threads[0]),
            kInstance + "/api/v1/statuses/113502210000000011");
  // The next page: before the last status of this one.
  EXPECT_EQ(page.next, kTagUrl + "&max_id=" + kRootId);
}

TEST(Mastodon, TheNextPageReplacesMaxId) {
  json statuses = fixture_json("tag-page.json");
  statuses.erase(statuses.size() - 1);  // ends with lanternfish's reply
  const PlatformListing second = read_tag(statuses.dump(), kTagUrl + "&max_id=" + kRootId);
  EXPECT_EQ(second.next, kTagUrl + "&max_id=113502152233445502");
  const PlatformListing first_param =
      read_tag(statuses.dump(), kInstance + "/api/v1/timelines/tag/x?max_id=9&limit=40&max_id");
  EXPECT_EQ(first_param.next,
            kInstance + "/api/v1/timelines/tag/x?limit=40&max_id=113502152233445502");
  EXPECT_EQ(read_tag(statuses.dump(), kInstance + "/api/v1/timelines/tag/x").next,
            kInstance + "/api/v1/timelines/tag/x?max_id=113502152233445502");
  // A page ending with a boost goes on from the boost's own id.
  statuses.erase(statuses.size() - 1);
  EXPECT_EQ(read_tag(statuses.dump()).next, kTagUrl + "&max_id=113502200123456789");
}

TEST(Mastodon, AnEmptyPageIsTheLast) {
  const PlatformListing page = read_tag("[]");
  EXPECT_TRUE(page.threads.empty());
  EXPECT_EQ(page.next, "");
  EXPECT_TRUE(page.warnings.empty());
}

TEST(Mastodon, ReadListingSkipsHostileItems) {
  json statuses = json::array();
  statuses.push_back(42);
  statuses.push_back(json::object());
  statuses.push_back({{"id", "abc"}, {"url", kStory}});
  statuses.push_back(reply_status("21", kToot + "/@wren/21"));
  statuses.push_back(reply_status("21", kToot + "/@wren/21"));  // again
  json boost_of_nothing = reply_status("22", kToot + "/@wren/22");
  boost_of_nothing["reblog"] = {{"url", kStory}};  // the boosted status has no id
  statuses.push_back(boost_of_nothing);
  json no_url = reply_status("23", "javascript:alert(1)");
  no_url["url"] = 7;
  statuses.push_back(no_url);
  statuses.push_back(nullptr);
  const PlatformListing page = read_tag(statuses.dump());
  ASSERT_EQ(page.threads.size(), 2u);
  EXPECT_EQ(page.threads[0].id, "21");
  EXPECT_EQ(page.threads[0].url, kToot + "/@wren/21");
  // No public url: the instance's own page of it.
  EXPECT_EQ(page.threads[1].id, "23");
  EXPECT_EQ(page.threads[1].url, kInstance + "/web/statuses/23");
  EXPECT_EQ(page.next, kTagUrl + "&max_id=23");
  EXPECT_EQ(page.warnings.size(), 2u) << all_warnings(page.warnings);
  for (const std::string& warning : page.warnings) {
    EXPECT_EQ(warning, kTagUrl + ": a status without an id was skipped");
  }
  // Nothing with an id: no next page.
  EXPECT_EQ(read_tag("[{}, 1, \"x\"]").next, "");
}

// ---------------------------------------------------------------------------------------------
// Errors and hostile answers

TEST(Mastodon, ErrorObjectsThrowParseErrorNamingTheUrl) {
  const std::string missing = read_fixture("error-not-found.json");
  EXPECT_EQ(parse_error_of([&] { read_status(missing); }),
            kStatusUrl + ": Mastodon answered with an error, not a status: \"Record not found\"");
  EXPECT_EQ(parse_error_of([&] { read_context(missing); }),
            kContextUrl +
                ": Mastodon answered with an error, not a status's context: \"Record not found\"");
  const std::string locked = read_fixture("error-unauthorized.json");
  EXPECT_EQ(parse_error_of([&] { read_tag(locked); }),
            kTagUrl +
                ": Mastodon answered with an error, not a hashtag timeline: \"This API requires "
                "an authenticated user\"");
  EXPECT_EQ(parse_error_of([&] { read_status(locked); }),
            kStatusUrl +
                ": Mastodon answered with an error, not a status: \"This API requires an "
                "authenticated user\"");
}

TEST(Mastodon, TruncatedHtmlEmptyAndWrongShapedAnswersThrowParseError) {
  EXPECT_EQ(parse_error_of([] { read_status(read_fixture("truncated.json")); }),
            kStatusUrl + ": not a status (unreadable JSON: cut off, or no JSON at all)");
  EXPECT_EQ(parse_error_of([] { read_status(read_fixture("page.html")); }),
            kStatusUrl + ": not a status (an HTML or XML page, not JSON)");
  EXPECT_EQ(parse_error_of([] { read_status(""); }), kStatusUrl + ": not a status (an empty body)");
  EXPECT_EQ(parse_error_of([] { read_status("[1, 2]"); }),
            kStatusUrl + ": not a status (JSON an array without an id)");
  EXPECT_EQ(parse_error_of([] { read_status(read_fixture("context.json")); }),
            kStatusUrl + ": not a status (JSON an object without an id)");
  EXPECT_EQ(parse_error_of([] {
              read_status("\"Record not found\"");
            }).rfind(kStatusUrl + ": not a status (JSON ", 0),
            0u);
  EXPECT_EQ(parse_error_of([] { read_context(read_fixture("page.html")); }),
            kContextUrl + ": not a status's context (an HTML or XML page, not JSON)");
  EXPECT_EQ(parse_error_of([] { read_context(read_fixture("truncated.json")); }),
            kContextUrl + ": not a status's context (unreadable JSON: cut off, or no JSON at all)");
  EXPECT_EQ(parse_error_of([] { read_context(read_fixture("status.json")); }),
            kContextUrl + ": not a status's context (no \"descendants\" list; JSON an object)");
  EXPECT_EQ(parse_error_of([] { read_context("{\"descendants\":{}}"); }),
            kContextUrl + ": not a status's context (no \"descendants\" list; JSON an object)");
  EXPECT_EQ(parse_error_of([] { read_context("[]"); }),
            kContextUrl + ": not a status's context (no \"descendants\" list; JSON an array)");
  EXPECT_EQ(parse_error_of([] { read_tag(read_fixture("status.json")); }),
            kTagUrl + ": not a hashtag timeline (JSON an object, not a list of statuses)");
  EXPECT_EQ(parse_error_of([] { read_tag(read_fixture("page.html")); }),
            kTagUrl + ": not a hashtag timeline (an HTML or XML page, not JSON)");
  EXPECT_EQ(parse_error_of([] { read_tag(read_fixture("truncated.json")); }),
            kTagUrl + ": not a hashtag timeline (unreadable JSON: cut off, or no JSON at all)");
  EXPECT_EQ(parse_error_of([] { mastodon()->read_thread(document("", ""), PlatformThreadRef{}); }),
            "document: not a status (an empty body)");
}

TEST(Mastodon, JsonNestedTooDeepIsCutWithAWarning) {
  json status = fixture_json("status.json");
  std::string text = status.dump();
  text.pop_back();  // the closing '}'
  text += ",\"poll\":" + std::string(600, '[') + std::string(600, ']') + "}";
  const PlatformThread read = read_status(text);
  ASSERT_TRUE(read.story.has_value());
  EXPECT_EQ(read.story->id, kStory);
  ASSERT_EQ(read.warnings.size(), 1u) << all_warnings(read.warnings);
  EXPECT_EQ(read.warnings[0], kStatusUrl +
                                  ": JSON nested deeper than 512 levels; what lies deeper was "
                                  "left out");

  std::string context = read_fixture("context.json");
  context.insert(context.find('{') + 1,
                 "\"deep\":" + std::string(1000, '[') + std::string(1000, ']') + ",");
  const PlatformThread capped = read_context(context);
  EXPECT_EQ(capped.comments.size(), 5u);
  EXPECT_TRUE(contains(capped.warnings, ": JSON nested deeper than 512 levels"))
      << all_warnings(capped.warnings);

  std::string listing = read_fixture("tag-page.json");
  listing.insert(listing.find('[') + 1, std::string(700, '[') + std::string(700, ']') + ",");
  const PlatformListing page = read_tag(listing);
  EXPECT_EQ(page.threads.size(), 3u);
  EXPECT_TRUE(contains(page.warnings, ": JSON nested deeper than 512 levels"))
      << all_warnings(page.warnings);
}

TEST(Mastodon, WrongTypesEverywhereDoNotCrash) {
  const std::vector<json> odd_values = {nullptr,
                                        true,
                                        -1,
                                        3.5,
                                        "",
                                        "x",
                                        json::array(),
                                        json::object(),
                                        json::array({1, "a"}),
                                        json{{"a", 1}},
                                        18446744073709551615ULL};
  const json status = fixture_json("status.json");
  const json context = fixture_json("context.json");
  std::vector<std::string> keys;
  for (const auto& [key, value] : status.items()) keys.push_back(key);
  for (const std::string& key : keys) {
    for (const json& value : odd_values) {
      json changed = status;
      changed[key] = value;
      try {
        read_status(changed.dump());
      } catch (const ParseError& error) {
        EXPECT_EQ(std::string(error.what()).rfind(kStatusUrl + ": ", 0), 0u) << error.what();
      }
      json account = status;
      account["account"][key] = value;  // status keys as account keys: mostly unknown ones
      for (const char* account_key :
           {"display_name", "acct", "username", "url", "avatar", "avatar_static", "fields"}) {
        account["account"][account_key] = value;
      }
      EXPECT_NO_THROW(read_status(account.dump()));
      json reply_context = context;
      reply_context["descendants"][1][key] = value;
      reply_context["descendants"][2]["account"] = value;
      try {
        const PlatformThread read = read_context(reply_context.dump());
        for (const Entry& comment : read.comments) {
          EXPECT_FALSE(comment.id.empty());
          EXPECT_EQ(comment.in_reply_to.size(), 1u);
        }
      } catch (const ParseError&) {
        ADD_FAILURE() << "context with " << key << " = " << value.dump();
      }
      json listing = json::array({changed, value});
      try {
        read_tag(listing.dump());
      } catch (const ParseError& error) {
        ADD_FAILURE() << error.what();
      }
    }
  }
  for (const json& value : odd_values) {
    try {
      read_context(json{{"descendants", json::array({value, value})}, {"ancestors", value}}.dump());
    } catch (const ParseError& error) {
      EXPECT_EQ(std::string(error.what()).rfind(kContextUrl + ": ", 0), 0u);
    }
    try {
      read_status(json{{"id", value}, {"reblog", value}, {"url", kStory}}.dump());
    } catch (const ParseError& error) {
      EXPECT_EQ(std::string(error.what()).rfind(kStatusUrl + ": ", 0), 0u);
    }
    try {
      read_status(json{{"id", 1}, {"error", value}, {"url", kStory}}.dump());
    } catch (const ParseError& error) {
      EXPECT_EQ(std::string(error.what()).rfind(kStatusUrl + ": ", 0), 0u);
    }
  }
}

}  // namespace
}  // namespace confab
