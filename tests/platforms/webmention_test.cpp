// Webmention: webmention.io's JF2 feed of what mentions a page, read into posts that stand on
// their own (replies and mentions with content, likes, reposts and bookmarks as reactions), its
// paging, and what a broken or hostile server answers.
#include "platforms/webmention.h"

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

const std::string kApi = "https://webmention.io";
const std::string kTestApi = "http://127.0.0.1:8766";
const std::string kBlog = "https://quill.example.org/2026/11/bring-the-love-back/";
const std::string kEncodedBlog =
    "https%3A%2F%2Fquill.example.org%2F2026%2F11%2Fbring-the-love-back%2F";
const std::string kMentionsUrl =
    kApi + "/api/mentions.jf2?target=" + kEncodedBlog + "&per-page=100&page=0";
const std::string kLinkToBlog = "<p><a href=\"" + kBlog + "\">" + kBlog + "</a></p>";

std::string read_fixture(const std::string& name) {
  return platform_fixture("webmention", name);
}

std::unique_ptr<Platform> webmention() {
  return make_webmention_platform({kApi, kApi});
}

PlatformThread read_mentions(const std::string& body, const std::string& url = kMentionsUrl) {
  return webmention()->read_mentions(document(url, body));
}

const Entry* find_post(const PlatformThread& page, const std::string& id) {
  for (const Entry& post : page.posts) {
    if (post.id == id) return &post;
  }
  return nullptr;
}

/// A child as webmention.io's JF2 gives it, with what the tests look at.
json mention(int wm_id, const std::string& property, const std::string& url,
             const std::string& text = "Lovely post.") {
  json child = {{"type", "entry"},
                {"author",
                 {{"type", "card"},
                  {"name", "Lanternfish"},
                  {"photo", nullptr},
                  {"url", "https://lanternfish.example.net/"}}},
                {"url", url},
                {"published", "2026-11-05T10:00:00+00:00"},
                {"wm-received", "2026-11-05T10:01:00Z"},
                {"wm-id", wm_id},
                {"wm-source", url},
                {"wm-target", kBlog},
                {"wm-protocol", "webmention"},
                {"content", {{"html", "<p>" + text + "</p>"}, {"text", text}}},
                {property, kBlog},
                {"wm-property", property},
                {"wm-private", false}};
  return child;
}

std::string feed_of(const json& children) {
  return json{{"type", "feed"}, {"name", "Webmentions"}, {"children", children}}.dump();
}

json likes(int count) {
  json children = json::array();
  for (int id = 1; id <= count; ++id) {
    children.push_back(
        mention(id, "like-of", "https://likes.example/" + std::to_string(id) + "#liked"));
  }
  return children;
}

TEST(Webmention, NameAndLabel) {
  EXPECT_EQ(webmention()->name(), "webmention");
  EXPECT_EQ(webmention()->label(), "Webmention");
}

TEST(Webmention, HasNoThreads) {
  const auto platform = webmention();
  EXPECT_FALSE(platform->thread_of(kBlog));
  EXPECT_FALSE(platform->thread_of("https://webmention.io/api/mentions.jf2?target=x"));
  EXPECT_EQ(platform->lookup_url(kBlog, ""), "");
  const Document answer = document(kMentionsUrl, read_fixture("mentions.json"));
  EXPECT_TRUE(platform->read_lookup(answer).empty());
  const PlatformThreadRef thread{"1", kBlog, ""};
  EXPECT_EQ(platform->thread_api_url(thread), "");
  for (const PlatformThread& read :
       {platform->read_thread(answer, thread), platform->read_more(answer, thread)}) {
    EXPECT_FALSE(read.story.has_value());
    EXPECT_TRUE(read.comments.empty());
    EXPECT_TRUE(read.posts.empty());
    EXPECT_TRUE(read.more.empty());
    EXPECT_TRUE(read.warnings.empty());
  }
  EXPECT_EQ(platform->listing_api_url(kBlog), "");
}

TEST(Webmention, MentionsUrlPercentEncodesTheTargetOnTheConfiguredApi) {
  EXPECT_EQ(webmention()->mentions_url(kBlog), kMentionsUrl);
  EXPECT_EQ(webmention()->mentions_url("  " + kBlog + "\n"), kMentionsUrl);
  EXPECT_EQ(make_webmention_platform({})->mentions_url(kBlog), kMentionsUrl);
  EXPECT_EQ(make_webmention_platform({kTestApi + "/", kTestApi})->mentions_url(kBlog),
            kTestApi + "/api/mentions.jf2?target=" + kEncodedBlog + "&per-page=100&page=0");
  EXPECT_EQ(webmention()->mentions_url("http://quill.example.org/?p=7&x=a b"),
            kApi +
                "/api/mentions.jf2?target=http%3A%2F%2Fquill.example.org%2F%3Fp%3D7%26x%3Da%20b"
                "&per-page=100&page=0");
  for (const char* url : {"", "/2026/11/bring-the-love-back/", "ftp://quill.example.org/",
                          "javascript:alert(1)", "mailto:quill@example.org", "https://"}) {
    EXPECT_EQ(webmention()->mentions_url(url), "") << url;
  }
}

TEST(Webmention, ReadsEveryPublicMentionOfTheFixture) {
  const PlatformThread page = read_mentions(read_fixture("mentions.json"));
  EXPECT_FALSE(page.story.has_value());
  EXPECT_TRUE(page.comments.empty());
  EXPECT_EQ(page.posts.size(), 9u);  // ten, less the private one
  ASSERT_EQ(page.warnings.size(), 1u) << all_warnings(page);
  EXPECT_EQ(page.warnings[0], kMentionsUrl + ": 1 private mention (wm-private) left out");
  EXPECT_TRUE(page.more.empty());  // 10 < per-page 100
  EXPECT_EQ(find_post(page, "https://tobias.example.org/notes/2026/11/05/2/"), nullptr);
  for (const Entry& post : page.posts) {
    EXPECT_FALSE(post.id.empty());
    ASSERT_EQ(post.in_reply_to.size(), 1u) << post.id;
    EXPECT_EQ(post.in_reply_to[0].ref, kBlog);
    EXPECT_EQ(post.in_reply_to[0].href, kBlog);
    ASSERT_EQ(post.authors.size(), 1u) << post.id;
    EXPECT_TRUE(post.published.has_value()) << post.id;
  }
}

TEST(Webmention, AReplyIsAPostOnTheRepliersOwnPage) {
  const PlatformThread page = read_mentions(read_fixture("mentions.json"));
  const std::string id = "https://lanternfish.example.net/2026/11/re-bring-the-love-back/";
  const Entry* reply = find_post(page, id);
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->link, id);
  EXPECT_EQ(reply->title, "On writing letters again");
  EXPECT_EQ(reply->reaction, "");
  ASSERT_EQ(reply->authors.size(), 1u);
  EXPECT_EQ(reply->authors[0].name, "Lanternfish");
  EXPECT_EQ(reply->authors[0].email, "");
  EXPECT_EQ(reply->authors[0].uri, "https://lanternfish.example.net/");
  EXPECT_EQ(reply->authors[0].avatar,
            "https://avatars.webmention.io/lanternfish.example.net/2b8f6c01aa93.jpg");
  EXPECT_EQ(reply->published, make_utc_time(2026, 11, 5, 7, 14, 2));  // +01:00
  // Its content links the post already: nothing appended.
  EXPECT_EQ(reply->content,
            "<p>Replying to <a href=\"" + kBlog +
                "\">Quill's letter post</a>: I wrote three postcards this weekend &amp; posted "
                "them all.</p>\n<p>The <strong>hardest</strong> part was finding stamps.</p>");
}

TEST(Webmention, AReplyNoteWithoutALinkGetsOneToWhatItRepliesTo) {
  const PlatformThread page = read_mentions(read_fixture("mentions.json"));
  // Bridgy sent it: the id is the toot's page, not brid.gy's.
  const Entry* note = find_post(page, "https://toot.example/@oskar/113486021455870122");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->link, note->id);
  EXPECT_EQ(note->title, "");  // its name only repeats its content
  EXPECT_EQ(
      note->content,
      "<p>Just bought a box of envelopes because of this. Who wants a letter?</p>" + kLinkToBlog);
  EXPECT_EQ(note->authors.at(0).name, "oskar");
  EXPECT_EQ(note->authors.at(0).uri, "https://toot.example/@oskar");
  EXPECT_EQ(note->published, make_utc_time(2026, 11, 4, 21, 3, 11));
}

TEST(Webmention, FrenchReplyKeepsItsAccentsAndLosesItsCutOffName) {
  const PlatformThread page = read_mentions(read_fixture("mentions.json"));
  const Entry* french = find_post(page, "https://camille.example.fr/2026/11/06/lettres/");
  ASSERT_NE(french, nullptr);
  EXPECT_EQ(french->title, "");  // "…pour la..." is the start of its text
  EXPECT_EQ(french->content,
            "<p>Quelle belle idée ! J’ai écrit à ma grand-mère hier, à la main, pour la première "
            "fois depuis des années. Elle m’a déjà répondu.</p>" +
                kLinkToBlog);
  EXPECT_EQ(french->authors.at(0).name, "Camille R.");
  EXPECT_EQ(french->published, make_utc_time(2026, 11, 6, 17, 42, 0));
}

TEST(Webmention, AMentionKeepsItsTitleAndItsLinkWithoutTheTrailingSlash) {
  const PlatformThread page = read_mentions(read_fixture("mentions.json"));
  const Entry* roundup = find_post(page, "https://wren.example.com/2026/11/letters-roundup/");
  ASSERT_NE(roundup, nullptr);
  EXPECT_EQ(roundup->title, "Letters roundup, week 45");
  EXPECT_EQ(roundup->reaction, "");
  EXPECT_EQ(roundup->content.find(kLinkToBlog), std::string::npos) << roundup->content;
  EXPECT_NE(roundup->content.find("<em>very</em>"), std::string::npos);
  EXPECT_EQ(roundup->published, make_utc_time(2026, 11, 6, 17, 0, 0));  // -05:00
}

TEST(Webmention, LikesAreReactionsWithTheirOwnUrlElseTheirWmId) {
  const PlatformThread page = read_mentions(read_fixture("mentions.json"));
  const Entry* bluesky = find_post(page,
                                   "https://bsky.app/profile/quill.example.org/post/"
                                   "3lbxq2kzv4c2s#liked_by_did:plc:4oskarexample7hq2");
  ASSERT_NE(bluesky, nullptr);
  EXPECT_EQ(bluesky->reaction, "like");
  EXPECT_EQ(bluesky->link, bluesky->id);
  EXPECT_EQ(bluesky->title, "");
  EXPECT_EQ(bluesky->content, "");
  EXPECT_EQ(bluesky->authors.at(0).name, "Oskar");
  EXPECT_EQ(bluesky->authors.at(0).uri, "https://bsky.app/profile/oskar.bsky.social");
  EXPECT_EQ(bluesky->published, make_utc_time(2026, 11, 6, 22, 10, 5));  // wm-received

  // Its own page though it differs from its author's only by the fragment.
  const Entry* mastodon =
      find_post(page, "https://mastodon.example/@mira_k#favorited-by-113497700125567801");
  ASSERT_NE(mastodon, nullptr);
  EXPECT_EQ(mastodon->reaction, "like");
  EXPECT_EQ(mastodon->authors.at(0).uri, "https://mastodon.example/@mira_k");
  EXPECT_EQ(mastodon->authors.at(0).avatar,
            "https://avatars.webmention.io/files.mastodon.example/9a41c7e3f0d2.png");

  // Its url is its author's homepage: no page of its own.
  const Entry* pip = find_post(page, "webmention:1839802");
  ASSERT_NE(pip, nullptr);
  EXPECT_EQ(pip->reaction, "like");
  EXPECT_EQ(pip->link, "https://pip.example.org/");
  EXPECT_EQ(pip->authors.at(0).name, "Pip");
  EXPECT_EQ(pip->authors.at(0).avatar, "");  // null photo
  EXPECT_EQ(pip->published, make_utc_time(2026, 11, 7, 11, 48, 19));
  EXPECT_EQ(find_post(page, "https://pip.example.org/"), nullptr);
}

TEST(Webmention, RepostsAndBookmarksAreReactionsWithoutWords) {
  const PlatformThread page = read_mentions(read_fixture("mentions.json"));
  const Entry* repost = find_post(page, "https://lanternfish.example.net/reposts/2026/11/07/1/");
  ASSERT_NE(repost, nullptr);
  EXPECT_EQ(repost->reaction, "repost");
  EXPECT_EQ(repost->title, "");
  EXPECT_EQ(repost->content, "");
  EXPECT_EQ(repost->published, make_utc_time(2026, 11, 7, 16, 5, 41));
  const Entry* bookmark =
      find_post(page, "https://juniper.example.org/bookmarks/2026/11/08/quill-letters/");
  ASSERT_NE(bookmark, nullptr);
  EXPECT_EQ(bookmark->reaction, "bookmark");
  EXPECT_EQ(bookmark->content, "");
  EXPECT_EQ(bookmark->in_reply_to.at(0).ref, kBlog);
}

TEST(Webmention, AFullPageAsksForTheNextPage) {
  const PlatformThread first = read_mentions(feed_of(likes(100)));
  EXPECT_EQ(first.posts.size(), 100u);
  EXPECT_TRUE(first.warnings.empty()) << all_warnings(first);
  EXPECT_EQ(first.more, std::vector<std::string>{kApi + "/api/mentions.jf2?target=" + kEncodedBlog +
                                                 "&per-page=100&page=1"});
  const PlatformThread second = read_mentions(feed_of(likes(100)), first.more.at(0));
  EXPECT_EQ(second.more, std::vector<std::string>{kApi + "/api/mentions.jf2?target=" +
                                                  kEncodedBlog + "&per-page=100&page=2"});
  // The per-page asked for; a URL without page is page 0.
  const PlatformThread twenty =
      read_mentions(feed_of(likes(20)), kTestApi + "/api/mentions.jf2?per-page=20&target=x");
  EXPECT_EQ(twenty.more,
            std::vector<std::string>{kTestApi + "/api/mentions.jf2?per-page=20&target=x&page=1"});
}

TEST(Webmention, AShortEmptyOrOverfullPageEndsTheMentions) {
  EXPECT_TRUE(read_mentions(feed_of(json::array())).more.empty());
  EXPECT_TRUE(read_mentions(feed_of(likes(99))).more.empty());
  const PlatformThread overfull = read_mentions(feed_of(likes(101)));
  EXPECT_EQ(overfull.posts.size(), 101u);
  EXPECT_TRUE(overfull.more.empty());
  // per-page 20 asked, 100 answered: a server that ignored paging.
  EXPECT_TRUE(read_mentions(feed_of(likes(100)), kApi + "/api/mentions.jf2?target=x&per-page=20")
                  .more.empty());
}

TEST(Webmention, PagingStopsAtFiftyPages) {
  const PlatformThread last =
      read_mentions(feed_of(likes(100)), kApi + "/api/mentions.jf2?target=x&per-page=100&page=49");
  EXPECT_TRUE(last.more.empty());
  EXPECT_TRUE(has_warning(last, "stopped after 50 pages of mentions")) << all_warnings(last);
  const PlatformThread huge =
      read_mentions(feed_of(likes(100)),
                    kApi + "/api/mentions.jf2?target=x&per-page=100&page=18446744073709551615");
  EXPECT_TRUE(huge.more.empty());
}

TEST(Webmention, WebmentionIosErrorObjectThrowsParseErrorNamingIt) {
  EXPECT_EQ(parse_error_of([] { read_mentions(read_fixture("error.json")); }),
            kMentionsUrl +
                ": webmention.io answered with an error, not a webmention.io feed of mentions: "
                "\"forbidden\" \"Public access to the mentions of this site is turned off\"");
  EXPECT_EQ(parse_error_of([] { read_mentions("{\"error\": 404}"); }),
            kMentionsUrl +
                ": webmention.io answered with an error, not a webmention.io feed of mentions: "
                "the number 404");
}

TEST(Webmention, TruncatedHtmlEmptyAndWrongShapedAnswersThrowParseError) {
  const std::string expected = kMentionsUrl + ": not a webmention.io feed of mentions (";
  EXPECT_EQ(parse_error_of([] { read_mentions(read_fixture("truncated.json")); }),
            expected + "unreadable JSON: cut off, or no JSON at all)");
  EXPECT_EQ(parse_error_of([] { read_mentions(read_fixture("error.html")); }),
            expected + "an HTML or XML page, not JSON)");
  EXPECT_EQ(parse_error_of([] { read_mentions(" \n"); }), expected + "an empty body)");
  EXPECT_EQ(parse_error_of([] { read_mentions("[1, 2]"); }), expected + "JSON an array)");
  EXPECT_EQ(
      parse_error_of([] { read_mentions("{\"type\": \"feed\", \"name\": \"Webmentions\"}"); }),
      expected + "JSON an object without a \"children\" list)");
  EXPECT_EQ(parse_error_of([] { read_mentions("{\"children\": {\"a\": 1}}"); }),
            expected + "JSON an object without a \"children\" list)");
  EXPECT_EQ(parse_error_of([] { read_mentions("{\"links\": []}"); }),
            expected + "JSON an object without a \"children\" list)");
  EXPECT_EQ(parse_error_of([] { webmention()->read_mentions(document("", "nope")); }),
            "document: not a webmention.io feed of mentions (unreadable JSON: cut off, or no "
            "JSON at all)");
}

TEST(Webmention, HostileChildrenAreSkippedWithWarnings) {
  json no_property = mention(3, "in-reply-to", "https://a.example/3");
  no_property.erase("wm-property");
  json listen = mention(4, "listen-of", "https://a.example/4");
  json nothing = mention(5, "in-reply-to", "javascript:alert(1)");
  nothing.erase("wm-id");
  nothing["wm-source"] = nullptr;
  json no_target = mention(6, "in-reply-to", "https://a.example/6");
  no_target["wm-target"] = "/relative";
  no_target["in-reply-to"] = 42;
  json bad_id = mention(7, "in-reply-to", "https://a.example/7");
  bad_id["wm-id"] = "abc";
  json same_page = mention(8, "in-reply-to", "https://a.example/1");
  json private_as_string = mention(9, "like-of", "https://a.example/9");
  private_as_string["wm-private"] = "true";
  const PlatformThread page = read_mentions(feed_of(
      json::array({mention(1, "in-reply-to", "https://a.example/1"), 42, "text",
                   mention(1, "in-reply-to", "https://a.example/1b"), no_property, listen, nothing,
                   no_target, bad_id, same_page, private_as_string, json::object()})));
  EXPECT_TRUE(has_warning(page, ": item 2 is the number 42, not a mention; skipped"));
  EXPECT_TRUE(has_warning(page, ": item 3 is the string \"text\", not a mention; skipped"));
  EXPECT_TRUE(has_warning(page, ": item 4 (wm-id 1) repeats a wm-id read before; skipped"));
  EXPECT_TRUE(has_warning(page, ": item 5 (wm-id 3) has no wm-property; skipped"));
  EXPECT_TRUE(has_warning(page,
                          ": item 6 (wm-id 4) has the wm-property \"listen-of\", which is no "
                          "reply, mention or reaction; skipped"));
  EXPECT_TRUE(has_warning(page, ": item 7 has no wm-id and no http(s) url or wm-source; skipped"));
  EXPECT_TRUE(has_warning(page, ": item 8 (wm-id 6) names no http(s) page it mentions; skipped"));
  EXPECT_TRUE(has_warning(page, ": item 9 has the string \"abc\" as its wm-id, not a number"));
  EXPECT_TRUE(has_warning(page,
                          ": item 10 (wm-id 8) has the page \"https://a.example/1\" of an item "
                          "read before; skipped"));
  EXPECT_TRUE(has_warning(page, ": 1 private mention (wm-private) left out"));
  EXPECT_TRUE(has_warning(page, ": item 12 has no wm-property; skipped"));
  ASSERT_EQ(page.posts.size(), 2u) << all_warnings(page);
  EXPECT_EQ(page.posts[0].id, "https://a.example/1");
  EXPECT_EQ(page.posts[1].id, "https://a.example/7");  // read without its wm-id
  for (const std::string& warning : page.warnings) EXPECT_EQ(warning.rfind(kMentionsUrl, 0), 0u);
}

TEST(Webmention, TheTargetIsWmTargetElseThePropertysValue) {
  json rsvp = mention(1, "in-reply-to", "https://a.example/1", "Count me in!");
  rsvp["wm-property"] = "rsvp";
  rsvp["rsvp"] = "yes";
  rsvp.erase("wm-target");
  json listed = mention(2, "mention-of", "https://a.example/2");
  listed.erase("wm-target");
  listed["mention-of"] = json::array({7, "mailto:x@example.org", kBlog});
  json other = mention(3, "like-of", "https://a.example/3");
  other["wm-target"] = "https://quill.example.org/about/";
  const PlatformThread page = read_mentions(feed_of(json::array({rsvp, listed, other})));
  ASSERT_EQ(page.posts.size(), 3u) << all_warnings(page);
  EXPECT_EQ(page.posts[0].reaction, "");  // an RSVP is a mention with words
  EXPECT_EQ(page.posts[0].content, "<p>Count me in!</p>" + kLinkToBlog);
  EXPECT_EQ(page.posts[0].in_reply_to.at(0).ref, kBlog);
  EXPECT_EQ(page.posts[1].in_reply_to.at(0).ref, kBlog);
  EXPECT_EQ(page.posts[2].in_reply_to.at(0).ref, "https://quill.example.org/about/");
}

TEST(Webmention, AReactionsUrlIsItsOwnOnlyWhenNoOtherChildNamesIt) {
  // Two reactions from one homepage, a like whose url is the page it likes, a like without a
  // wm-id whose url is shared but whose wm-source is its own, one with neither.
  json like = mention(1, "like-of", "https://pip.example.org/");
  json repost = mention(2, "repost-of", "https://pip.example.org/");
  json liked_page = mention(3, "like-of", kBlog);
  json sourced = mention(0, "like-of", "https://pip.example.org/");
  sourced.erase("wm-id");
  sourced["wm-source"] = "https://brid.gy/like/x/1";
  json lost = mention(0, "bookmark-of", "https://pip.example.org/");
  lost.erase("wm-id");
  const PlatformThread page =
      read_mentions(feed_of(json::array({like, repost, liked_page, sourced, lost})));
  ASSERT_EQ(page.posts.size(), 4u) << all_warnings(page);
  EXPECT_EQ(page.posts[0].id, "webmention:1");
  EXPECT_EQ(page.posts[0].link, "https://pip.example.org/");
  EXPECT_EQ(page.posts[1].id, "webmention:2");
  EXPECT_EQ(page.posts[1].reaction, "repost");
  EXPECT_EQ(page.posts[2].id, "webmention:3");
  EXPECT_EQ(page.posts[2].link, "");  // its url and wm-source are the page it likes
  EXPECT_EQ(page.posts[3].id, "https://brid.gy/like/x/1");
  EXPECT_TRUE(has_warning(page, ": item 5 has no wm-id and no url of its own; skipped"));
}

TEST(Webmention, APostWithoutAPageOfItsOwnIsNamedByItsWmId) {
  json self = mention(11, "mention-of", kBlog);
  json no_url = mention(12, "in-reply-to", "");
  no_url["url"] = nullptr;
  no_url["wm-source"] = "ftp://a.example/12";
  json self_url = mention(13, "in-reply-to", kBlog);
  self_url["wm-source"] = "https://a.example/13";
  json nothing_else = mention(0, "in-reply-to", kBlog);
  nothing_else.erase("wm-id");
  const PlatformThread page =
      read_mentions(feed_of(json::array({self, no_url, self_url, nothing_else})));
  ASSERT_EQ(page.posts.size(), 3u) << all_warnings(page);
  EXPECT_EQ(page.posts[2].id, "https://a.example/13");  // its url is the post: its wm-source
  EXPECT_TRUE(has_warning(page, ": item 4 has no page of its own but the one it mentions"));
  EXPECT_EQ(page.posts[0].id, "webmention:11");
  EXPECT_EQ(page.posts[0].link, "");
  EXPECT_EQ(page.posts[1].id, "webmention:12");
  EXPECT_EQ(page.posts[1].in_reply_to.at(0).ref, kBlog);
}

TEST(Webmention, ContentShapesOldAndNew) {
  json text_only = mention(1, "in-reply-to", "https://a.example/1");
  text_only["content"] = {{"text", "Tea & <biscuits>\n\nSecond \"paragraph\"\nsame one"}};
  json old_html = mention(2, "in-reply-to", "https://a.example/2");
  old_html["content"] = {
      {"content-type", "text/html"},
      {"value", "<p>See <a href=\"../2026/11/bring-the-love-back/\">it</a></p>"}};
  old_html["url"] = "https://quill.example.org/notes/1";
  json old_text = mention(3, "in-reply-to", "https://a.example/3");
  old_text["content"] = {{"content-type", "text/plain"}, {"value", "Plain <b>old</b>"}};
  json string_content = mention(4, "in-reply-to", "https://a.example/4");
  string_content["content"] = "Just a string";
  json no_content = mention(5, "mention-of", "https://a.example/5");
  no_content.erase("content");
  no_content["name"] = "An article";
  json relative = mention(6, "in-reply-to", "https://a.example/posts/6");
  relative["content"] = {{"html", "<p><a href='/img/x.png'>x</a>, <a href=\"" + kBlog +
                                      "#comments\">the comments</a></p>"}};
  const PlatformThread page = read_mentions(
      feed_of(json::array({text_only, old_html, old_text, string_content, no_content, relative})));
  ASSERT_EQ(page.posts.size(), 6u) << all_warnings(page);
  EXPECT_EQ(page.posts[0].content,
            "<p>Tea &amp; &lt;biscuits&gt;</p><p>Second &quot;paragraph&quot;\nsame one</p>" +
                kLinkToBlog);
  // A relative link resolved against the mention's own page reaches the post.
  EXPECT_EQ(page.posts[1].content,
            "<p>See <a href=\"https://quill.example.org/2026/11/bring-the-love-back/\">it</a></p>");
  EXPECT_EQ(page.posts[2].content, "<p>Plain &lt;b&gt;old&lt;/b&gt;</p>" + kLinkToBlog);
  EXPECT_EQ(page.posts[3].content, "<p>Just a string</p>" + kLinkToBlog);
  EXPECT_EQ(page.posts[4].content, kLinkToBlog);
  EXPECT_EQ(page.posts[4].title, "An article");
  // Made absolute; a link to the post's #comments links the post.
  EXPECT_EQ(page.posts[5].content, "<p><a href=\"https://a.example/img/x.png\">x</a>, <a href=\"" +
                                       kBlog + "#comments\">the comments</a></p>");
}

TEST(Webmention, ANameIsATitleUnlessItOnlyStartsTheText) {
  json copied = mention(1, "in-reply-to", "https://a.example/1", "Hello  there,\nfriend");
  copied["name"] = "Hello there, friend";
  json cut = mention(2, "in-reply-to", "https://a.example/2", "Hello there, friend");
  cut["name"] = "Hello there\xE2\x80\xA6";
  json titled = mention(3, "in-reply-to", "https://a.example/3", "Hello there, friend");
  titled["name"] = "  A letter   to Quill ";
  json dots = mention(4, "in-reply-to", "https://a.example/4", "Hi");
  dots["name"] = "...";
  json html_only = mention(5, "in-reply-to", "https://a.example/5");
  html_only["content"] = {{"html", "<p>Dear <b>Quill</b>, thank you.</p>"}};
  html_only["name"] = "Dear Quill, thank";
  const PlatformThread page =
      read_mentions(feed_of(json::array({copied, cut, titled, dots, html_only})));
  ASSERT_EQ(page.posts.size(), 5u) << all_warnings(page);
  EXPECT_EQ(page.posts[0].title, "");
  EXPECT_EQ(page.posts[1].title, "");
  EXPECT_EQ(page.posts[2].title, "A letter to Quill");
  EXPECT_EQ(page.posts[3].title, "");
  EXPECT_EQ(page.posts[4].title, "");
}

TEST(Webmention, TheAppendedLinkIsEscaped) {
  const std::string target = "https://quill.example.org/?p=7&x=\"<b>\"";
  json odd = mention(1, "in-reply-to", "https://a.example/1");
  odd["wm-target"] = target;
  const PlatformThread page = read_mentions(feed_of(json::array({odd})));
  ASSERT_EQ(page.posts.size(), 1u) << all_warnings(page);
  EXPECT_EQ(page.posts[0].in_reply_to.at(0).ref, target);
  const std::string escaped = "https://quill.example.org/?p=7&amp;x=&quot;&lt;b&gt;&quot;";
  EXPECT_EQ(page.posts[0].content,
            "<p>Lovely post.</p><p><a href=\"" + escaped + "\">" + escaped + "</a></p>");
}

TEST(Webmention, AuthorsAndDatesAreReadLiberally) {
  json no_name = mention(1, "like-of", "https://a.example/1");
  no_name["author"] = {{"type", "card"}, {"name", ""}, {"url", "https://a.example/"}};
  json nobody = mention(2, "like-of", "https://a.example/2");
  nobody["author"] = {{"type", "card"}, {"name", nullptr}, {"url", "javascript:x"}};
  json bad_date = mention(3, "in-reply-to", "https://a.example/3");
  bad_date["published"] = "last Tuesday";
  json no_dates = mention(4, "in-reply-to", "https://a.example/4");
  no_dates["published"] = nullptr;
  no_dates["wm-received"] = "soon";
  json zoneless = mention(5, "in-reply-to", "https://a.example/5");
  zoneless["published"] = "2026-11-05T10:01:15";
  const PlatformThread page =
      read_mentions(feed_of(json::array({no_name, nobody, bad_date, no_dates, zoneless})));
  ASSERT_EQ(page.posts.size(), 5u) << all_warnings(page);
  EXPECT_EQ(page.posts[0].authors.at(0).name, "https://a.example/");
  EXPECT_TRUE(page.posts[1].authors.empty());
  EXPECT_EQ(page.posts[2].published, make_utc_time(2026, 11, 5, 10, 1, 0));  // wm-received
  EXPECT_TRUE(has_warning(page, "(wm-id 3) has an unreadable published date \"last Tuesday\""));
  EXPECT_FALSE(page.posts[3].published.has_value());
  EXPECT_TRUE(has_warning(page, "(wm-id 4) has an unreadable wm-received date \"soon\""));
  EXPECT_EQ(page.posts[4].published, make_utc_time(2026, 11, 5, 10, 1, 15));
}

TEST(Webmention, JsonNestedBeyondTheCapIsReadWithAWarning) {
  std::string deep = feed_of(likes(1));
  deep.insert(deep.size() - 1, ",\"extra\":" + std::string(600, '[') + std::string(600, ']'));
  const PlatformThread page = read_mentions(deep);
  EXPECT_EQ(page.posts.size(), 1u);
  EXPECT_TRUE(has_warning(page, "JSON nested deeper than 512 levels")) << all_warnings(page);
}

TEST(Webmention, PathologicalHtmlIsScannedInOnePass) {
  // Each would cost a pass per tag if every '<a' searched to the end again.
  std::string open_tags;
  for (int i = 0; i < 50000; ++i) open_tags += "<a x=\"";
  std::string unclosed;
  for (int i = 0; i < 50000; ++i) unclosed += "<a href=x ";
  json first = mention(1, "in-reply-to", "https://a.example/1");
  first["content"] = {{"html", open_tags}};
  json second = mention(2, "in-reply-to", "https://a.example/2");
  second["content"] = {{"html", unclosed + "<!-- <a href=\"" + kBlog + "\"> -->"}};
  const PlatformThread page = read_mentions(feed_of(json::array({first, second})));
  ASSERT_EQ(page.posts.size(), 2u);
  EXPECT_TRUE(page.posts[0].content.ends_with(kLinkToBlog));
  EXPECT_TRUE(page.posts[1].content.ends_with(kLinkToBlog));
}

}  // namespace
}  // namespace confab
