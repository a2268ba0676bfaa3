// Bluesky: page URLs to at-uris, handles resolved to DIDs, a post thread read into the story and
// its replies (facets as links, UTF-8 byte offsets), a reply read through its root, an author
// feed as a listing, and what a broken or hostile AppView answers.
#include "platforms/bluesky.h"

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

const std::string kSite = "https://bsky.app";
const std::string kApi = "https://public.api.bsky.app";
const std::string kLocal = "http://127.0.0.1:8770";
const std::string kBlog = "https://quill.example.org/2026/11/bring-the-love-back/";

const std::string kLanternfish = "did:plc:lntfshq7zkw2vbm3xeo5rydc";
const std::string kQuill = "did:plc:qwlx6vkm4ezbrn2taj7dhsoy";
const std::string kMira = "did:plc:mrk3vtx5qwl7enbj2yhgoaze";
const std::string kStoryKey = "3m6a2lovebk2c";
const std::string kStoryUri = "at://" + kLanternfish + "/app.bsky.feed.post/" + kStoryKey;
const std::string kStory = kSite + "/profile/lanternfish.bsky.social/post/" + kStoryKey;
const std::string kQuillReply = kSite + "/profile/quill.example.org/post/3m6a3qvtnrx2e";
const std::string kMiraReply = kSite + "/profile/mirak.bsky.social/post/3m6a4mrkzpl2a";
const std::string kOskarReply = kSite + "/profile/oskar.bsky.social/post/3m6a5oskwqj2f";
const std::string kCamilleReply = kSite + "/profile/camille.bsky.social/post/3m6a4cmlfrt2b";
const std::string kThreadUrl = kApi +
                               "/xrpc/app.bsky.feed.getPostThread?uri=at%3A%2F%2Fdid%3Aplc%3A"
                               "lntfshq7zkw2vbm3xeo5rydc%2Fapp.bsky.feed.post%2F3m6a2lovebk2c"
                               "&depth=100&parentHeight=0";
const std::string kFeedUrl = kApi +
                             "/xrpc/app.bsky.feed.getAuthorFeed?actor=quill.example.org&limit=50"
                             "&filter=posts_no_replies";

std::string read_fixture(const std::string& name) {
  return platform_fixture("bluesky", name);
}

std::unique_ptr<Platform> bluesky() {
  return make_bluesky_platform({});
}

PlatformThreadRef story_ref() {
  return PlatformThreadRef{kStoryUri, kStory, ""};
}

PlatformThread read_thread(const std::string& body) {
  return bluesky()->read_thread(document(kThreadUrl, body), story_ref());
}

/// A postView as getPostThread gives it, with what the tests look at.
json post_view(const std::string& handle, const std::string& rkey, const std::string& text,
               const std::string& did = "did:plc:abcdefghijklmnopqrstuvwx") {
  return json{{"uri", "at://" + did + "/app.bsky.feed.post/" + rkey},
              {"cid", "bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"},
              {"author", {{"did", did}, {"handle", handle}, {"displayName", ""}, {"labels", {}}}},
              {"record",
               {{"$type", "app.bsky.feed.post"},
                {"createdAt", "2026-11-05T12:00:00.000Z"},
                {"langs", {"en"}},
                {"text", text}}},
              {"replyCount", 0},
              {"repostCount", 0},
              {"likeCount", 0},
              {"quoteCount", 0},
              {"indexedAt", "2026-11-05T12:00:00.123Z"},
              {"labels", json::array()}};
}

json thread_view(const json& post, const json& replies = json::array()) {
  return json{{"$type", "app.bsky.feed.defs#threadViewPost"}, {"post", post}, {"replies", replies}};
}

/// The story of the fixture thread with other replies.
std::string thread_with_replies(const json& replies) {
  json thread = json::parse(read_fixture("post-thread.json"));
  thread["thread"]["replies"] = replies;
  return thread.dump();
}

json not_found(const std::string& rkey) {
  return json{{"$type", "app.bsky.feed.defs#notFoundPost"},
              {"uri", "at://did:plc:gzn4qv2wtrx7hb5kyolmd3ea/app.bsky.feed.post/" + rkey},
              {"notFound", true}};
}

std::string reply_page(const std::string& handle, const std::string& rkey) {
  return kSite + "/profile/" + handle + "/post/" + rkey;
}

TEST(Bluesky, NameAndLabel) {
  EXPECT_EQ(bluesky()->name(), "bluesky");
  EXPECT_EQ(bluesky()->label(), "Bluesky");
}

TEST(Bluesky, ThreadOfTakesPostPagesByHandleOrDid) {
  const auto by_handle = bluesky()->thread_of(kStory);
  ASSERT_TRUE(by_handle.has_value());
  EXPECT_EQ(by_handle->id, "at://lanternfish.bsky.social/app.bsky.feed.post/" + kStoryKey);
  EXPECT_EQ(by_handle->url, kStory);
  EXPECT_EQ(by_handle->instance, "");
  // A trailing slash, a query, a fragment, the handle's case: the same post.
  EXPECT_EQ(bluesky()
                ->thread_of("https://BSKY.app/profile/LanternFish.Bsky.Social/post/" + kStoryKey +
                            "/?ref=share#top")
                ->url,
            kStory);
  const auto by_did =
      bluesky()->thread_of(kSite + "/profile/" + kLanternfish + "/post/" + kStoryKey);
  ASSERT_TRUE(by_did.has_value());
  EXPECT_EQ(by_did->id, kStoryUri);
  EXPECT_EQ(by_did->url, kSite + "/profile/" + kLanternfish + "/post/" + kStoryKey);
  // A DID percent-encoded, as some links carry it; did:web too.
  EXPECT_EQ(
      bluesky()
          ->thread_of(kSite + "/profile/did%3Aplc%3Alntfshq7zkw2vbm3xeo5rydc/post/" + kStoryKey)
          ->id,
      kStoryUri);
  EXPECT_EQ(bluesky()->thread_of(kSite + "/profile/did:web:quill.example.org/post/3m6a")->id,
            "at://did:web:quill.example.org/app.bsky.feed.post/3m6a");
  for (const std::string& url : {
           std::string("https://bsky.social/profile/lanternfish.bsky.social/post/3m6a"),
           kSite + "/profile/lanternfish.bsky.social",
           kSite + "/profile/lanternfish.bsky.social/post/",
           kSite + "/profile/lanternfish.bsky.social/post/3m6a/likes",
           kSite + "/profile/lanternfish.bsky.social/feed/3m6a",
           kSite + "/profile/lanternfish/post/3m6a",
           kSite + "/profile/-x.bsky.social/post/3m6a",
           kSite + "/profile/did:key:z6Mkabc/post/3m6a",
           kSite + "/profile/did:plc:/post/3m6a",
           kSite + "/profile/lanternfish.bsky.social/post/..",
           kSite + "/profile/lanternfish.bsky.social/post/a%2Fb",
           kSite + "//profile/lanternfish.bsky.social/post/3m6a",
           std::string("ftp://bsky.app/profile/lanternfish.bsky.social/post/3m6a"),
           std::string("https://user@bsky.app/profile/lanternfish.bsky.social/post/3m6a"),
           std::string("https://bsky.app:8443/profile/lanternfish.bsky.social/post/3m6a"),
           std::string("/profile/lanternfish.bsky.social/post/3m6a"),
           std::string(""),
       }) {
    EXPECT_FALSE(bluesky()->thread_of(url)) << url;
  }
}

TEST(Bluesky, ThreadOfTakesTheConfiguredSitesPagesAndBuildsPagesThere) {
  const auto local = make_bluesky_platform({kLocal, kLocal + "/"});
  const auto thread = local->thread_of(kLocal + "/profile/quill.example.org/post/3m5zq7annctk2");
  ASSERT_TRUE(thread.has_value());
  EXPECT_EQ(thread->url, kLocal + "/profile/quill.example.org/post/3m5zq7annctk2");
  // bsky.app's pages are still Bluesky's, read as pages of the configured site.
  EXPECT_EQ(local->thread_of(kStory)->url,
            kLocal + "/profile/lanternfish.bsky.social/post/" + kStoryKey);
  EXPECT_FALSE(local->thread_of("http://127.0.0.1:8771/profile/quill.example.org/post/3m5"));
}

TEST(Bluesky, NoLookupWithoutAnAccount) {
  EXPECT_EQ(bluesky()->lookup_url(kBlog, ""), "");
  EXPECT_TRUE(bluesky()->read_lookup(document("", read_fixture("author-feed.json"))).empty());
}

TEST(Bluesky, ThreadApiUrlAsksForTheThreadByDidOrResolvesTheHandle) {
  EXPECT_EQ(bluesky()->thread_api_url(story_ref()), kThreadUrl);
  EXPECT_EQ(bluesky()->thread_api_url(*bluesky()->thread_of(kStory)),
            kApi + "/xrpc/com.atproto.identity.resolveHandle?handle=lanternfish.bsky.social");
  // The page URL, when the reference carries no at-uri.
  EXPECT_EQ(bluesky()->thread_api_url(PlatformThreadRef{
                "", kSite + "/profile/" + kLanternfish + "/post/" + kStoryKey, ""}),
            kThreadUrl);
  EXPECT_EQ(make_bluesky_platform({kLocal, kLocal})->thread_api_url(story_ref()),
            kLocal + kThreadUrl.substr(kApi.size()));
  EXPECT_EQ(bluesky()->thread_api_url(PlatformThreadRef{}), "");
  EXPECT_EQ(bluesky()->thread_api_url(PlatformThreadRef{"at://x/app.bsky.feed.like/3m", "", ""}),
            "");
}

TEST(Bluesky, AResolvedHandleNamesTheThreadByDidInstead) {
  const PlatformThreadRef by_handle = *bluesky()->thread_of(kStory);
  const std::string url = bluesky()->thread_api_url(by_handle);
  const PlatformThread read =
      bluesky()->read_thread(document(url, read_fixture("resolve-handle.json")), by_handle);
  EXPECT_FALSE(read.story.has_value());
  EXPECT_TRUE(read.comments.empty());
  ASSERT_TRUE(read.instead.has_value());
  EXPECT_EQ(read.instead->id, kStoryUri);
  EXPECT_EQ(read.instead->url, kStory);
  EXPECT_EQ(read.instead->instance, "");
  EXPECT_EQ(bluesky()->thread_api_url(*read.instead), kThreadUrl);

  EXPECT_EQ(parse_error_of([&] {
              bluesky()->read_thread(document(url, "{\"did\": \"lanternfish\"}"), by_handle);
            }),
            url + ": not a Bluesky handle resolution (its did is the string \"lanternfish\")");
  EXPECT_EQ(parse_error_of([&] {
              bluesky()->read_thread(document(url, read_fixture("post-thread.json")), by_handle);
            }),
            url + ": not a Bluesky handle resolution (JSON an object without a \"did\")");
}

TEST(Bluesky, ReadThreadGivesTheStoryWithItsFacetsAsLinks) {
  const PlatformThread thread = read_thread(read_fixture("post-thread.json"));
  EXPECT_TRUE(thread.warnings.empty()) << all_warnings(thread.warnings);
  EXPECT_FALSE(thread.instead.has_value());
  ASSERT_TRUE(thread.story.has_value());
  const Entry& story = *thread.story;
  EXPECT_EQ(story.id, kStory);
  EXPECT_EQ(story.link, kStory);
  EXPECT_EQ(story.title, "");
  // The link shows a shortened URL but goes to the whole one; the external card is that same
  // link, so it is not added again.
  EXPECT_EQ(story.content,
            "\xF0\x9F\x90\x9F Quill wrote a lovely piece on bringing back handwritten letters: "
            "<a href=\"" +
                kBlog +
                "\">quill.example.org/2026/11/bri...</a> Thanks <a "
                "href=\"https://bsky.app/profile/" +
                kQuill +
                "\">@quill.example.org</a>!<br><a "
                "href=\"https://bsky.app/hashtag/lettersagain\">#lettersagain</a> Who is in?");
  ASSERT_EQ(story.authors.size(), 1u);
  EXPECT_EQ(story.authors[0].name, "Lantern Fish");
  EXPECT_EQ(story.authors[0].email, "");
  EXPECT_EQ(story.authors[0].uri, kSite + "/profile/lanternfish.bsky.social");
  EXPECT_EQ(
      story.authors[0].avatar.rfind("https://cdn.bsky.app/img/avatar/plain/" + kLanternfish, 0),
      0u);
  EXPECT_TRUE(story.authors[0].verified.empty());  // a bsky.social handle proves no domain
  EXPECT_EQ(story.published, make_utc_time(2026, 11, 5, 8, 14, 9));
  EXPECT_EQ(story.comment_count, 4);
  EXPECT_EQ(story.likes, 17);
  EXPECT_EQ(story.reposts, 3);
  EXPECT_EQ(story.categories, std::vector<std::string>{"lettersagain"});
  EXPECT_TRUE(thread.more.empty());
}

TEST(Bluesky, RepliesHangUnderTheirParentsThreeLevelsDeep) {
  const PlatformThread thread = read_thread(read_fixture("post-thread.json"));
  ASSERT_EQ(thread.comments.size(), 4u);
  // Parents first, in the order the thread shows them.
  EXPECT_EQ(thread.comments[0].id, kQuillReply);
  EXPECT_EQ(thread.comments[1].id, kMiraReply);
  EXPECT_EQ(thread.comments[2].id, kOskarReply);
  EXPECT_EQ(thread.comments[3].id, kCamilleReply);
  EXPECT_EQ(parent_of(thread, kQuillReply), kStory);
  EXPECT_EQ(parent_of(thread, kMiraReply), kQuillReply);
  EXPECT_EQ(parent_of(thread, kOskarReply), kMiraReply);
  EXPECT_EQ(parent_of(thread, kCamilleReply), kStory);
  EXPECT_EQ(thread.deleted, 1u);  // the notFoundPost

  const Entry& quill = thread.comments[0];
  EXPECT_EQ(quill.link, kQuillReply);
  EXPECT_EQ(quill.content,
            "Thank you so much! The first letter is always the hardest one to post.");
  ASSERT_EQ(quill.authors.size(), 1u);
  EXPECT_EQ(quill.authors[0].name, "Quill");
  EXPECT_EQ(quill.authors[0].uri, kSite + "/profile/quill.example.org");
  // Her handle is her own domain: Bluesky checked it is hers.
  EXPECT_EQ(quill.authors[0].verified, std::vector<std::string>{"https://quill.example.org/"});
  EXPECT_EQ(quill.published, make_utc_time(2026, 11, 5, 9, 2, 41));
  EXPECT_EQ(quill.likes, 6);
  EXPECT_EQ(quill.comment_count, 1);
  EXPECT_EQ(thread.comments[1].content,
            "Mine goes out tomorrow. Three pages &amp; a pressed flower &lt;3");
  // No display name: the handle.
  EXPECT_EQ(thread.comments[2].authors.at(0).name, "oskar.bsky.social");
}

TEST(Bluesky, FacetsCountUtf8BytesInFrenchText) {
  const PlatformThread thread = read_thread(read_fixture("post-thread.json"));
  const Entry* french = find_comment(thread, kCamilleReply);
  ASSERT_NE(french, nullptr);
  EXPECT_EQ(french->content,
            "Quelle belle id\xC3\xA9\x65 ! J\xE2\x80\x99\xC3\xA9\x63ris d\xC3\xA9j\xC3\xA0 "
            "\xC3\xA0 ma s\xC5\x93ur chaque mois, et \xC3\xA7\x61 change tout. "
            "<a href=\"https://bsky.app/hashtag/lettres\">#lettres</a>");
  EXPECT_EQ(french->categories, std::vector<std::string>{"lettres"});
  EXPECT_EQ(french->authors.at(0).name, "Camille R.");
}

TEST(Bluesky, AReplyIsReadThroughTheRootOfItsThread) {
  const PlatformThreadRef mira{"at://" + kMira + "/app.bsky.feed.post/3m6a4mrkzpl2a", kMiraReply,
                               ""};
  const std::string url = bluesky()->thread_api_url(mira);
  const PlatformThread read =
      bluesky()->read_thread(document(url, read_fixture("post-thread-reply.json")), mira);
  EXPECT_FALSE(read.story.has_value());
  EXPECT_TRUE(read.comments.empty());
  ASSERT_TRUE(read.instead.has_value());
  EXPECT_EQ(read.instead->id, kStoryUri);
  EXPECT_EQ(read.instead->url, kSite + "/profile/" + kLanternfish + "/post/" + kStoryKey);
  EXPECT_EQ(read.instead->instance, "");

  // A reply naming itself as its root is read as a story: no thread to go round in.
  json self = json::parse(read_fixture("post-thread-reply.json"));
  self["thread"]["post"]["record"]["reply"]["root"]["uri"] = mira.id;
  self["thread"]["post"]["record"]["reply"]["parent"]["uri"] = "nonsense";
  const PlatformThread story = bluesky()->read_thread(document(url, self.dump()), mira);
  EXPECT_FALSE(story.instead.has_value());
  ASSERT_TRUE(story.story.has_value());
  EXPECT_EQ(story.story->id, kMiraReply);
  EXPECT_EQ(parent_of(story, kOskarReply), kMiraReply);
  EXPECT_TRUE(has_warning(story, "names no other post as its root or parent"))
      << all_warnings(story.warnings);
}

TEST(Bluesky, AnExternalCardNotLinkedInTheTextIsAddedAfterIt) {
  json thread = json::parse(read_fixture("post-thread.json"));
  json& record = thread["thread"]["post"]["record"];
  record["facets"].erase(0);  // the link facet
  const PlatformThread read = read_thread(thread.dump());
  const std::string& content = read.story->content;
  EXPECT_TRUE(content.ends_with("Who is in?<p><a href=\"" + kBlog +
                                "\">Bring the love back, one letter at a time</a></p>"))
      << content;

  // As the media of a quote post, without a title, and only in the record.
  json post = post_view("quill.example.org", "3m6b", "See");
  post["embed"] = {{"$type", "app.bsky.embed.recordWithMedia#view"},
                   {"record", {{"record", {{"$type", "app.bsky.embed.record#viewNotFound"}}}}},
                   {"media",
                    {{"$type", "app.bsky.embed.external#view"},
                     {"external", {{"uri", kBlog + "?a=1&b=2"}, {"title", ""}}}}}};
  json other = post_view("oskar.bsky.social", "3m6c", "See");
  other["record"]["embed"] = {{"$type", "app.bsky.embed.external"},
                              {"external", {{"uri", kBlog}, {"title", "The <post>"}}}};
  json script = post_view("mirak.bsky.social", "3m6d", "See");
  script["embed"] = {{"$type", "app.bsky.embed.external#view"},
                     {"external", {{"uri", "javascript:alert(1)"}, {"title", "x"}}}};
  const PlatformThread replies = read_thread(
      thread_with_replies({thread_view(post), thread_view(other), thread_view(script)}));
  ASSERT_EQ(replies.comments.size(), 3u);
  EXPECT_EQ(replies.comments[0].content,
            "See<p><a href=\"" + kBlog + "?a=1&amp;b=2\">" + kBlog + "?a=1&amp;b=2</a></p>");
  EXPECT_EQ(replies.comments[1].content,
            "See<p><a href=\"" + kBlog + "\">The &lt;post&gt;</a></p>");
  EXPECT_EQ(replies.comments[2].content, "See");
}

TEST(Bluesky, BadFacetsAreShownAsPlainTextWithAWarning) {
  const std::string text = "caf\xC3\xA9 <b>one</b> two\r\nthree";  // é: bytes 3 and 4
  json post = post_view("oskar.bsky.social", "3m6e", text);
  const auto slice = [](json start, json end, json feature) {
    return json{{"$type", "app.bsky.richtext.facet"},
                {"index", {{"byteStart", start}, {"byteEnd", end}}},
                {"features", json::array({feature})}};
  };
  const json link = {{"$type", "app.bsky.richtext.facet#link"}, {"uri", "https://x.example/"}};
  post["record"]["facets"] = json::array({
      slice(0, 4, link),      // ends inside é
      slice(4, 6, link),      // starts inside é
      slice(20, 200, link),   // past the end
      slice(-1, 3, link),     // negative
      slice(1.5, 3, link),    // not an integer
      slice("0", "3", link),  // strings
      slice(3, 3, link),      // empty
      slice(19, 22, {{"$type", "app.bsky.richtext.facet#link"}, {"uri", "javascript:x"}}),
      slice(22, 27, {{"$type", "app.bsky.richtext.facet#mention"}, {"did", "nobody"}}),
      slice(0, 5, {{"$type", "app.bsky.richtext.facet#tag"}, {"tag", "##"}}),
      json{{"index", {{"byteStart", 0}, {"byteEnd", 3}}}},                     // no features
      42, slice(0, 5, link),                                                   // café: applies
      slice(2, 9, link),                                                       // over café
      slice(6, 9, {{"$type", "app.bsky.richtext.facet#tag"}, {"tag", "#b"}}),  // "<b>"
  });
  const PlatformThread read = read_thread(thread_with_replies(json::array({thread_view(post)})));
  ASSERT_EQ(read.comments.size(), 1u);
  EXPECT_EQ(read.comments[0].content,
            "<a href=\"https://x.example/\">caf\xC3\xA9</a> <a "
            "href=\"https://bsky.app/hashtag/b\">&lt;b&gt;</a>one&lt;/b&gt; two<br>three");
  EXPECT_EQ(read.comments[0].categories, std::vector<std::string>{"b"});
  EXPECT_TRUE(has_warning(read, "reply 1 has 13 facets with no link, or a byte range outside"))
      << all_warnings(read.warnings);
}

TEST(Bluesky, DeletedAndBlockedRepliesAreCountedAndTheirRepliesKept) {
  json blocked = {{"$type", "app.bsky.feed.defs#blockedPost"},
                  {"uri", "at://did:plc:blockedblockedblockedbloc/app.bsky.feed.post/3m6f"},
                  {"blocked", true},
                  {"author", {{"did", "did:plc:blockedblockedblockedbloc"}}}};
  json gone = not_found("3m6g");
  // The AppView gives a notFoundPost no replies; a liberal server might.
  gone["replies"] = {thread_view(post_view("oskar.bsky.social", "3m6h", "orphan")), blocked};
  blocked["replies"] =
      json::array({thread_view(post_view("mirak.bsky.social", "3m6i", "deeper orphan"))});
  const json first =
      thread_view(post_view("quill.example.org", "3m6j", "first"), json::array({gone}));
  const PlatformThread read = read_thread(thread_with_replies({first, blocked}));
  EXPECT_EQ(read.deleted, 3u);
  ASSERT_EQ(read.comments.size(), 3u);
  const std::string first_page = reply_page("quill.example.org", "3m6j");
  EXPECT_EQ(read.comments[0].id, first_page);
  EXPECT_EQ(read.comments[1].id, reply_page("oskar.bsky.social", "3m6h"));
  EXPECT_EQ(parent_of(read, reply_page("oskar.bsky.social", "3m6h")), first_page);
  EXPECT_EQ(read.comments[2].id, reply_page("mirak.bsky.social", "3m6i"));
  EXPECT_EQ(parent_of(read, reply_page("mirak.bsky.social", "3m6i")), kStory);
  EXPECT_TRUE(has_warning(
      read, ": 2 replies to deleted or blocked posts hung under the nearest post above"))
      << all_warnings(read.warnings);
}

TEST(Bluesky, HostileRepliesAreSkippedWithWarnings) {
  json no_uri = post_view("oskar.bsky.social", "3m6k", "no uri");
  no_uri.erase("uri");
  json like_uri = post_view("oskar.bsky.social", "3m6l", "a like");
  like_uri["uri"] = "at://did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.like/3m6l";
  json bad_date = post_view("oskar.bsky.social", "3m6m", "when?");
  bad_date["record"]["createdAt"] = "yesterday";
  json invalid = post_view("handle.invalid", "3m6n", "whose?", "did:plc:zzzzzzzzzzzzzzzzzzzzzzzz");
  json wrong_types = post_view("oskar.bsky.social", "3m6o", "");
  wrong_types["record"]["text"] = 42;
  wrong_types["record"]["facets"] = "none";
  wrong_types["likeCount"] = "many";
  wrong_types["author"] = "oskar";
  json not_a_list = thread_view(post_view("oskar.bsky.social", "3m6p", "odd"));
  not_a_list["replies"] = {{"a", 1}};
  const PlatformThread read = read_thread(thread_with_replies(json::array({
      42,
      json{{"$type", "app.bsky.feed.defs#threadViewPost"}},
      thread_view(no_uri,
                  json::array({thread_view(post_view("oskar.bsky.social", "3m6q", "kept"))})),
      thread_view(like_uri),
      thread_view(bad_date),
      thread_view(bad_date),
      thread_view(invalid),
      thread_view(wrong_types),
      not_a_list,
      json{{"$type", "app.bsky.feed.defs#somethingNew"}, {"post", post_view("a.example", "3", "")}},
      thread_view(json::parse(read_fixture("post-thread.json"))["thread"]["post"]),
  })));
  const auto warned = [&](const std::string& part) {
    EXPECT_TRUE(has_warning(read, part)) << part << "\n" << all_warnings(read.warnings);
  };
  warned("reply 1 is the number 42, not a thread view; skipped");
  warned("reply 2 has no \"post\" object; skipped, its replies hung above it");
  warned("reply 3 has no at-uri, not a post's at-uri; skipped");
  warned("reply 5 has the uri \"at://did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.like/3m6");
  warned("reply 6 has an unreadable createdAt \"yesterday\"; read without it");
  warned("reply 7 (3m6m) repeats the page of a post read before; skipped");
  warned("reply 10 has an object as its replies, not a list; left out");
  warned("reply 11 is of the type \"app.bsky.feed.defs#somethingNew\", not a thread view");
  warned("reply 12 (3m6a2lovebk2c) repeats the page of a post read before");
  for (const std::string& warning : read.warnings) EXPECT_EQ(warning.rfind(kThreadUrl, 0), 0u);

  EXPECT_EQ(parent_of(read, reply_page("oskar.bsky.social", "3m6q")), kStory);
  const Entry* dated = find_comment(read, reply_page("oskar.bsky.social", "3m6m"));
  ASSERT_NE(dated, nullptr);
  EXPECT_EQ(dated->published, make_utc_time(2026, 11, 5, 12, 0, 0));  // indexedAt
  // handle.invalid: the DID names the author, and proves no domain.
  const Entry* unnamed = find_comment(read, reply_page("did:plc:zzzzzzzzzzzzzzzzzzzzzzzz", "3m6n"));
  ASSERT_NE(unnamed, nullptr);
  EXPECT_EQ(unnamed->authors.at(0).uri, kSite + "/profile/did:plc:zzzzzzzzzzzzzzzzzzzzzzzz");
  EXPECT_TRUE(unnamed->authors.at(0).verified.empty());
  const Entry* odd = find_comment(read, reply_page("did:plc:abcdefghijklmnopqrstuvwx", "3m6o"));
  ASSERT_NE(odd, nullptr);
  EXPECT_EQ(odd->content, "");
  EXPECT_FALSE(odd->likes.has_value());
  EXPECT_EQ(odd->authors.at(0).name, "did:plc:abcdefghijklmnopqrstuvwx");
  for (const Entry& comment : read.comments) {
    EXPECT_FALSE(comment.id.empty());
    EXPECT_NE(comment.id, kStory);
  }
}

TEST(Bluesky, ADeepThreadIsWalkedWithoutRecursion) {
  // 240 levels of replies: each level two JSON levels, under the 512 cap.
  json top = json::parse(read_fixture("post-thread.json"))["thread"];
  top.erase("replies");
  std::string open, close;
  for (int level = 0; level < 240; ++level) {
    json view = thread_view(post_view("oskar.bsky.social", "3m7" + std::to_string(level), "deep"));
    view.erase("replies");
    std::string text = view.dump();
    text.pop_back();  // the closing '}'
    open += text + ",\"replies\":[";
    close = "]}" + close;
  }
  std::string top_text = top.dump();
  top_text.pop_back();
  const std::string body = "{\"thread\":" + top_text + ",\"replies\":[" + open + close + "]}}";
  const PlatformThread read = read_thread(body);
  EXPECT_TRUE(read.warnings.empty()) << all_warnings(read.warnings);
  ASSERT_EQ(read.comments.size(), 240u);
  EXPECT_EQ(parent_of(read, reply_page("oskar.bsky.social", "3m7239")),
            reply_page("oskar.bsky.social", "3m7238"));

  // Deeper than the cap: what lies deeper is left out, with a warning.
  std::string deeper = "{\"thread\":" + top_text + ",\"replies\":[";
  for (int level = 0; level < 400; ++level) {
    json view = thread_view(post_view("oskar.bsky.social", "3m8" + std::to_string(level), "x"));
    view.erase("replies");
    std::string text = view.dump();
    text.pop_back();
    deeper += text + ",\"replies\":[";
  }
  for (int level = 0; level < 400; ++level) deeper += "]}";
  deeper += "]}}";
  const PlatformThread capped = read_thread(deeper);
  EXPECT_TRUE(has_warning(capped, "JSON nested deeper than 512 levels"))
      << all_warnings(capped.warnings);
  EXPECT_GT(capped.comments.size(), 200u);
  EXPECT_LT(capped.comments.size(), 400u);
}

TEST(Bluesky, ReadThreadThroughAConfiguredSiteAndApi) {
  const auto local = make_bluesky_platform({kLocal, kLocal});
  const PlatformThreadRef ref{kStoryUri,
                              kLocal + "/profile/lanternfish.bsky.social/post/" + kStoryKey, ""};
  const std::string url = local->thread_api_url(ref);
  EXPECT_EQ(url.rfind(kLocal + "/xrpc/app.bsky.feed.getPostThread?uri=", 0), 0u) << url;
  const PlatformThread read =
      local->read_thread(document(url, read_fixture("post-thread.json")), ref);
  ASSERT_TRUE(read.story.has_value());
  EXPECT_EQ(read.story->id, kLocal + "/profile/lanternfish.bsky.social/post/" + kStoryKey);
  EXPECT_EQ(read.story->authors.at(0).uri, kLocal + "/profile/lanternfish.bsky.social");
  EXPECT_NE(read.story->content.find("href=\"" + kLocal + "/hashtag/lettersagain\""),
            std::string::npos);
  EXPECT_EQ(parent_of(read, kLocal + "/profile/mirak.bsky.social/post/3m6a4mrkzpl2a"),
            kLocal + "/profile/quill.example.org/post/3m6a3qvtnrx2e");
  // The post the API URL names, when the reference names none.
  const PlatformThread replayed =
      local->read_thread(document(url, read_fixture("post-thread.json")), PlatformThreadRef{});
  ASSERT_TRUE(replayed.story.has_value());
  EXPECT_EQ(replayed.story->id, read.story->id);
}

TEST(Bluesky, ReadMoreHasNothingToRead) {
  const PlatformThread more =
      bluesky()->read_more(document(kThreadUrl, read_fixture("post-thread.json")), story_ref());
  EXPECT_FALSE(more.story.has_value());
  EXPECT_TRUE(more.comments.empty());
  EXPECT_TRUE(more.more.empty());
}

TEST(Bluesky, ListingApiUrlTakesProfilePages) {
  EXPECT_EQ(bluesky()->listing_api_url("https://bsky.app/profile/quill.example.org"), kFeedUrl);
  EXPECT_EQ(bluesky()->listing_api_url("https://bsky.app/profile/Quill.Example.org/"), kFeedUrl);
  EXPECT_EQ(bluesky()->listing_api_url(kSite + "/profile/" + kQuill),
            kApi +
                "/xrpc/app.bsky.feed.getAuthorFeed?actor=did%3Aplc%3Aqwlx6vkm4ezbrn2taj7dhsoy"
                "&limit=50&filter=posts_no_replies");
  EXPECT_EQ(make_bluesky_platform({kLocal, kLocal})
                ->listing_api_url(kLocal + "/profile/quill.example.org"),
            kLocal + kFeedUrl.substr(kApi.size()));
  for (const std::string& url :
       {kStory, kSite + "/profile/", kSite + "/profile/quill", kSite + "/search?q=letters",
        std::string("https://example.org/profile/quill.example.org")}) {
    EXPECT_EQ(bluesky()->listing_api_url(url), "") << url;
  }
}

TEST(Bluesky, ReadListingSkipsRepostsAndNamesTheNextPage) {
  const PlatformListing listing =
      bluesky()->read_listing(document(kFeedUrl, read_fixture("author-feed.json")));
  EXPECT_TRUE(listing.warnings.empty()) << all_warnings(listing.warnings);
  ASSERT_EQ(listing.threads.size(), 2u);  // lanternfish's post, reposted, left out
  EXPECT_EQ(listing.threads[0].id, "at://" + kQuill + "/app.bsky.feed.post/3m5zq7annctk2");
  EXPECT_EQ(listing.threads[0].url, kSite + "/profile/quill.example.org/post/3m5zq7annctk2");
  EXPECT_EQ(listing.threads[0].instance, "");
  EXPECT_EQ(listing.threads[1].url, kSite + "/profile/quill.example.org/post/3m5vhello2ab2");
  EXPECT_EQ(listing.next, kFeedUrl + "&cursor=2026-11-02T18%3A04%3A11.000Z");
  EXPECT_EQ(bluesky()->thread_api_url(listing.threads[0]),
            kApi +
                "/xrpc/app.bsky.feed.getPostThread?uri=at%3A%2F%2Fdid%3Aplc%3Aqwlx6vkm4ezbrn2"
                "taj7dhsoy%2Fapp.bsky.feed.post%2F3m5zq7annctk2&depth=100&parentHeight=0");

  // The next page's cursor replaces this one's.
  json feed = json::parse(read_fixture("author-feed.json"));
  feed["cursor"] = "2026-10-20T09:00:00.000Z";
  const PlatformListing second = bluesky()->read_listing(document(listing.next, feed.dump()));
  EXPECT_EQ(second.next, kFeedUrl + "&cursor=2026-10-20T09%3A00%3A00.000Z");
  // The same cursor again: no page to go round in.
  feed["cursor"] = "2026-11-02T18:04:11.000Z";
  const PlatformListing same = bluesky()->read_listing(document(listing.next, feed.dump()));
  EXPECT_EQ(same.next, "");
  EXPECT_FALSE(same.warnings.empty());
  // No cursor, or an empty page: the last page.
  feed.erase("cursor");
  EXPECT_EQ(bluesky()->read_listing(document(kFeedUrl, feed.dump())).next, "");
  EXPECT_EQ(
      bluesky()->read_listing(document(kFeedUrl, "{\"feed\":[],\"cursor\":\"2026-10-01\"}")).next,
      "");
}

TEST(Bluesky, ReadListingSkipsHostileItems) {
  json feed = json::parse(read_fixture("author-feed.json"));
  feed["feed"].push_back(42);
  feed["feed"].push_back(json::object());
  feed["feed"].push_back({{"post", {{"uri", "https://bsky.app/x"}}}});
  feed["feed"].push_back(feed["feed"][0]);  // again
  feed["feed"].push_back({{"post", post_view("handle.invalid", "3m9", "x", kQuill)},
                          {"reason", {{"$type", "app.bsky.feed.defs#reasonPin"}}}});
  const PlatformListing listing = bluesky()->read_listing(document(kFeedUrl, feed.dump()));
  ASSERT_EQ(listing.threads.size(), 3u);
  EXPECT_EQ(listing.threads[2].url, kSite + "/profile/" + kQuill + "/post/3m9");
  const std::string warnings = all_warnings(listing.warnings);
  EXPECT_NE(warnings.find("item 4 is the number 42, not a feed item; skipped"), std::string::npos)
      << warnings;
  EXPECT_NE(warnings.find("item 5 has no \"post\" object; skipped"), std::string::npos);
  EXPECT_NE(warnings.find("item 6 has the uri \"https://bsky.app/x\", not a post's at-uri"),
            std::string::npos);
}

TEST(Bluesky, XrpcErrorsThrowParseErrorQuotingThem) {
  const std::string body = read_fixture("error.json");
  const std::string expected_tail =
      ": Bluesky answered with an error, not a Bluesky post thread: \"InvalidRequest\" "
      "\"Unable to resolve handle\"";
  EXPECT_EQ(parse_error_of([&] { read_thread(body); }), kThreadUrl + expected_tail);
  const PlatformThreadRef by_handle = *bluesky()->thread_of(kStory);
  const std::string resolve = bluesky()->thread_api_url(by_handle);
  EXPECT_EQ(parse_error_of([&] { bluesky()->read_thread(document(resolve, body), by_handle); }),
            resolve +
                ": Bluesky answered with an error, not a Bluesky handle resolution: "
                "\"InvalidRequest\" \"Unable to resolve handle\"");
  EXPECT_EQ(parse_error_of([&] { bluesky()->read_listing(document(kFeedUrl, body)); }),
            kFeedUrl +
                ": Bluesky answered with an error, not a Bluesky author feed: \"InvalidRequest\" "
                "\"Unable to resolve handle\"");
}

TEST(Bluesky, TruncatedHtmlEmptyAndWrongShapedAnswersThrowParseError) {
  EXPECT_EQ(
      parse_error_of([] { read_thread(read_fixture("truncated.json")); }),
      kThreadUrl + ": not a Bluesky post thread (unreadable JSON: cut off, or no JSON at all)");
  EXPECT_EQ(parse_error_of([] { read_thread(read_fixture("page.html")); }),
            kThreadUrl + ": not a Bluesky post thread (an HTML or XML page, not JSON)");
  EXPECT_EQ(parse_error_of([] { read_thread(""); }),
            kThreadUrl + ": not a Bluesky post thread (an empty body)");
  EXPECT_EQ(parse_error_of([] { read_thread("[1, 2]"); }),
            kThreadUrl + ": not a Bluesky post thread (JSON an array)");
  EXPECT_EQ(
      parse_error_of([] { read_thread(read_fixture("author-feed.json")); }),
      kThreadUrl + ": not a Bluesky post thread (JSON an object without a \"thread\" object)");
  EXPECT_EQ(parse_error_of([] { read_thread("{\"thread\":{\"$type\":\"x.y#z\"}}"); }),
            kThreadUrl + ": not a Bluesky post thread (its thread is of the type \"x.y#z\")");
  EXPECT_EQ(
      parse_error_of([] { read_thread("{\"thread\":{\"replies\":[]}}"); }),
      kThreadUrl + ": not a Bluesky post thread (its thread is an object without a \"post\")");
  EXPECT_EQ(parse_error_of([] {
              bluesky()->read_listing(document(kFeedUrl, read_fixture("post-thread.json")));
            }),
            kFeedUrl + ": not a Bluesky author feed (JSON an object without a \"feed\" list)");
  EXPECT_EQ(parse_error_of(
                [] { bluesky()->read_listing(document(kFeedUrl, read_fixture("page.html"))); }),
            kFeedUrl + ": not a Bluesky author feed (an HTML or XML page, not JSON)");
  EXPECT_EQ(parse_error_of([] { bluesky()->read_thread(document("", "{}"), PlatformThreadRef{}); }),
            "document: cannot tell which Bluesky post it is about");
}

TEST(Bluesky, ANotFoundOrBlockedPostOrAnotherPostThrows) {
  EXPECT_EQ(parse_error_of([] {
              read_thread(json{{"thread", not_found(kStoryKey)}}.dump());
            }),
            kThreadUrl +
                ": the Bluesky post \"at://did:plc:gzn4qv2wtrx7hb5kyolmd3ea/app.bsky.feed.post/"
                "3m6…\" is not found (deleted, or never was)");
  const std::string blocked = parse_error_of([] {
    read_thread(json{{"thread",
                      {{"$type", "app.bsky.feed.defs#blockedPost"},
                       {"uri", "at://x"},
                       {"blocked", true},
                       {"author", {{"did", "did:plc:x"}}}}}}
                    .dump());
  });
  EXPECT_EQ(blocked, kThreadUrl +
                         ": the Bluesky post \"at://x\" is blocked (its author blocks "
                         "readers or is blocked)");
  const std::string other = parse_error_of([] {
    read_thread(json{{"thread", thread_view(post_view("oskar.bsky.social", "3m6z", "x"))}}.dump());
  });
  EXPECT_EQ(other.rfind(kThreadUrl + ": Bluesky answered with the post ", 0), 0u) << other;
}

}  // namespace
}  // namespace confab

namespace confab {
namespace {

// A person may ask apps not to show their posts to readers without an account; a public hub is
// such a reader.
TEST(Bluesky, PostsOfPeopleWhoAskNotToBeShownPubliclyAreLeftOut) {
  json thread = json::parse(read_fixture("post-thread.json"));
  json& quill = thread["thread"]["replies"][0]["post"]["author"];
  quill["labels"] = json::array({{{"src", "did:plc:x"}, {"val", "!no-unauthenticated"}}});
  const PlatformThread read = read_thread(thread.dump());
  for (const Entry& comment : read.comments) EXPECT_NE(comment.id, kQuillReply);
  EXPECT_EQ(read.comments.size(), 3u);  // Mira's reply to Quill hangs under the story instead
  EXPECT_EQ(parent_of(read, kMiraReply), kStory);
  EXPECT_GE(read.deleted, 2u);  // the not-found reply and Quill's

  json story = json::parse(read_fixture("post-thread.json"));
  story["thread"]["post"]["labels"] = json::array({{{"val", "!no-unauthenticated"}}});
  EXPECT_THROW(read_thread(story.dump()), ParseError);
}

}  // namespace
}  // namespace confab
