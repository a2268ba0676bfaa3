// Issue 17: a blog post shared on Mastodon (replies from two instances, one reply also in a
// hashtag timeline), on Bluesky (a thread three deep) and answered by Webmention (a reply also
// in the replier's feed, likes), with every API answering from 127.0.0.1 in its real shape.
// Each lands under the right post as one node per page; people join only on verified links.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "api_server.h"
#include "build/build.h"
#include "build_fixtures.h"
#include "config/config.h"
#include "conversation_lookup.h"
#include "parse/xml_text.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using testing::ApiServer;
using testing::node;
using testing::node_at;
using testing::warned;
using testing::warnings;

const fs::path kFixtures = fs::path(CONFAB_SOURCE_DIR) / "tests/fixtures";
constexpr UnixTime kNow = 1794200000;  // 14 Nov 2026
const std::string kPost = "https://quill.example.org/2026/11/bring-the-love-back/";
const std::string kLanternPost = "https://lanternfish.example.net/2026/11/re-bring-the-love-back/";

std::string fixture(const std::string& name) {
  std::ifstream file(kFixtures / name, std::ios::binary);
  if (!file) throw std::runtime_error("missing fixture " + name);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

/// An Atom feed of one post by `author`, whose homepage is `home`.
std::string atom(const std::string& author, const std::string& home, const std::string& post,
                 const std::string& title, const std::string& date, const std::string& html,
                 const std::string& comments = "") {
  std::string replies;
  if (!comments.empty()) {
    replies = R"(<link rel="replies" type="application/atom+xml" href=")" + comments + R"("/>)";
  }
  return R"(<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>)" + author +
         "</title><id>" + home + "</id><updated>" + date + "</updated><link href=\"" + home +
         "\"/><entry><title>" + title + "</title><id>" + post + "</id><link href=\"" + post +
         "\"/>" + replies + "<published>" + date + "</published><updated>" + date +
         "</updated><author><name>" + author + "</name><uri>" + home +
         "</uri></author><content type=\"html\">" + escape_html(html) + "</content></entry></feed>";
}

/// Quill's blog: the campaign post, with one comment by Oskar signed with his homepage (the
/// page his Mastodon profile lists but Mastodon never verified).
std::string quill_feed(const std::string& base) {
  return atom("Quill", "https://quill.example.org/", kPost,
              "Bring the love back, one letter at a time", "2026-11-02T09:00:00Z",
              "<p>Write a letter: <a href=\"https://video.example.com/love\">the film</a>.</p>",
              base + "/quill/comments");
}

/// Quill's comment feed: Oskar's comment, signed with his homepage.
std::string quill_comments() {
  return atom("Oskar", "https://oskar.example.org/", kPost + "#comment-1", "Oskar",
              "2026-11-03T09:00:00Z", "<p>Lovely idea.</p>");
}

/// Lanternfish's blog: the post that replies to Quill's (and reached Quill as a Webmention).
std::string lantern_feed(const std::string& base) {
  return atom("Lanternfish", "https://lanternfish.example.net/", kLanternPost,
              "Re: bring the love back", "2026-11-07T10:00:00Z",
              "<p>Answering <a href=\"" + kPost + "\">Quill's call</a> with three letters.</p>",
              base + "/lantern/comments");
}

class SocialCampaign : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }

  void SetUp() override {
    // Server a is the blogs, Bluesky, webmention.io and the instance mastodon.example; server
    // b is the instance toot.example, which has the hashtag.
    a.routes["/quill/feed"] = {200, quill_feed(a.base), "application/atom+xml", ""};
    a.routes["/quill/comments"] = {200, quill_comments(), "application/atom+xml", ""};
    a.routes["/lantern/feed"] = {200, lantern_feed(a.base), "application/atom+xml", ""};
    a.routes["/lantern/comments"] = {
        200,
        R"(<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>c</title></feed>)",
        "application/atom+xml", ""};
    a.routes["/api/v1/statuses/113486000000000001"] = instance("mastodon.example-status.json");
    a.routes["/api/v1/statuses/113486000000000001/context"] =
        instance("mastodon.example-context.json");
    a.routes["/bsky/xrpc/com.atproto.identity.resolveHandle"] = {
        200, fixture("platforms/bluesky/resolve-handle.json"), "application/json", ""};
    a.routes["/bsky/xrpc/app.bsky.feed.getPostThread"] = {
        200, fixture("platforms/bluesky/post-thread.json"), "application/json", ""};
    a.routes["/wm/api/mentions.jf2"] = {200, fixture("platforms/webmention/mentions.json"),
                                        "application/json", ""};
    // The hashtag's first page holds Mira's reply; the page after it, nothing older.
    const testing::Answer tag_page = instance("toot.example-tag.json");
    b.handlers["/api/v1/timelines/tag/bringtheloveback"] = [tag_page](const httplib::Request& q) {
      return q.has_param("max_id") ? testing::Answer{200, "[]", "application/json", ""} : tag_page;
    };
    b.routes["/api/v1/statuses/113486000000000777"] = instance("toot.example-reply.json");
    b.routes["/api/v1/statuses/2001"] = instance("toot.example-root.json");
    b.routes["/api/v1/statuses/2001/context"] = instance("toot.example-context.json");
    root = a.base + "/@lanternfish/113486000000000001";
    mira = b.base + "/@mira_k/113486000000000777";
    oskar = a.base + "/@oskar/113486000000000050";
    camille = b.base + "/@camille/113486000000000900";
    dir = testing::fresh_dir("social-campaign");
    write_site();
  }

  /// A Mastodon fixture as the test's instances serve it: mastodon.example is server a,
  /// toot.example server b.
  testing::Answer instance(const std::string& name) const {
    std::string body = fixture("social-campaign/" + name);
    for (const auto& [host, base] :
         {std::pair<std::string, std::string>{"https://mastodon.example", a.base},
          {"https://toot.example", b.base}}) {
      for (std::size_t at = body.find(host); at != std::string::npos;
           at = body.find(host, at + base.size())) {
        body.replace(at, host.size(), base);
      }
    }
    return {200, body, "application/json", ""};
  }

  void write_site(const std::string& extra = "") {
    testing::write_text(
        dir / "site.toml",
        "[site]\ntitle = \"Bring the love back\"\n"
        "[campaign]\nlinks = [\"https://video.example.com/love\"]\n"
        "keywords = [\"bringtheloveback\"]\n"
        "[[source]]\nname = \"Quill\"\nurl = \"" +
            a.base + "/quill/feed\"\nrole = \"campaign\"\n" +
            "[[source]]\nname = \"Lanternfish\"\nurl = \"" + a.base + "/lantern/feed\"\n" +
            // A status on instance A, a hashtag on instance B, a Bluesky post by its handle.
            "[[source]]\nname = \"Toot\"\nurl = \"" + a.base +
            "/@lanternfish/113486000000000001\"\n" + "[[source]]\nname = \"Tag\"\nurl = \"" +
            b.base + "/tags/bringtheloveback\"\n" +
            "[[source]]\nname = \"Sky\"\nurl = "
            "\"https://bsky.app/profile/lanternfish.bsky.social/post/3m6a2lovebk2c\"\n"
            "[crawl]\ndepth = 0\n"
            "[platforms]\nlookup = [\"webmention\"]\ninterval = 0\n"
            "bluesky_api = \"" +
            a.base + "/bsky\"\nwebmention_api = \"" + a.base + "/wm\"\n" + extra);
  }

  BuildReport build(UnixTime now = kNow) {
    const SiteConfig config = load_config(dir / "site.toml");
    BuildOptions options;
    options.now = now;
    options.output = dir / "public";
    options.archive = dir / "archive.db";
    return run_build(config, options);
  }

  static std::size_t count_at(const Conversation& conversation, const std::string& url) {
    return static_cast<std::size_t>(std::count_if(conversation.nodes.begin(),
                                                  conversation.nodes.end(),
                                                  [&](const Node& n) { return n.url == url; }));
  }

  ApiServer a, b;
  fs::path dir;
  std::string root, mira, oskar, camille;  ///< the statuses' pages, on the two servers
};

TEST_F(SocialCampaign, MastodonRepliesFromTwoInstancesAndAHashtagAreOneThread) {
  const BuildReport report = build();
  const Conversation& conversation = report.conversation;
  const Node& post = node(conversation, kPost);
  const Node& status = node(conversation, root);
  EXPECT_EQ(status.platform, "mastodon");
  EXPECT_EQ(status.parent, post.id) << warnings(report);
  EXPECT_EQ(status.likes, 7);
  EXPECT_EQ(status.reposts, 3);
  // Read on instance A (the status) and on instance B (the hashtag's reply, walked up to its
  // root): each status is one node, nested by its real parent.
  for (const std::string& url : {root, mira, oskar, camille}) {
    EXPECT_EQ(count_at(conversation, url), 1u) << url;
  }
  EXPECT_EQ(node(conversation, mira).parent, status.id);
  EXPECT_EQ(node(conversation, oskar).parent, node(conversation, mira).id);
  EXPECT_EQ(node(conversation, camille).parent, node(conversation, oskar).id);
  EXPECT_TRUE(b.was_asked("/api/v1/timelines/tag/bringtheloveback"));
  EXPECT_TRUE(b.was_asked("/api/v1/statuses/113486000000000777"));
  EXPECT_TRUE(b.was_asked("/api/v1/statuses/2001/context"));
  // The status and the hashtag named in site.toml were never read as blogs.
  for (const auto& source : conversation.sources) {
    EXPECT_NE(source.name, "Toot");
    EXPECT_NE(source.name, "Tag");
  }
  EXPECT_FALSE(warned(report, "Toot")) << warnings(report);
}

TEST_F(SocialCampaign, ABlueskyThreadThreeDeepHangsUnderThePost) {
  const BuildReport report = build();
  const Conversation& conversation = report.conversation;
  const Node& story =
      node(conversation, "https://bsky.app/profile/lanternfish.bsky.social/post/3m6a2lovebk2c");
  EXPECT_EQ(story.platform, "bluesky");
  EXPECT_EQ(story.parent, node(conversation, kPost).id) << warnings(report);
  int deepest = 0;
  for (const Node& one : conversation.nodes) {
    if (one.platform != "bluesky") continue;
    int depth = 0;
    for (const Node* at = &one; at && at->id != story.id && depth < 10; ++depth) {
      const auto parent = std::find_if(conversation.nodes.begin(), conversation.nodes.end(),
                                       [&](const Node& n) { return n.id == at->parent; });
      at = parent == conversation.nodes.end() ? nullptr : &*parent;
    }
    deepest = std::max(deepest, depth);
  }
  EXPECT_EQ(deepest, 3);
  EXPECT_TRUE(a.was_asked("/bsky/xrpc/com.atproto.identity.resolveHandle"));
}

TEST_F(SocialCampaign, WebmentionsReplyOncePerPageAndLikesAreCounted) {
  const BuildReport report = build();
  const Conversation& conversation = report.conversation;
  const Node& post = node(conversation, kPost);
  // Lanternfish's reply came by Webmention and through the blog's feed: one node, the blog's.
  EXPECT_EQ(count_at(conversation, kLanternPost), 1u);
  EXPECT_EQ(node(conversation, kLanternPost).platform, "");
  EXPECT_EQ(node(conversation, kLanternPost).parent, post.id);
  // Camille's reply exists only as a Webmention: a post under Quill's.
  const Node& camille = node(conversation, "https://camille.example.fr/2026/11/06/lettres/");
  EXPECT_EQ(camille.platform, "webmention");
  EXPECT_EQ(camille.parent, post.id);
  // Three likes, a repost and a bookmark counted on the post, none of them a node.
  EXPECT_EQ(post.likes, 3);
  EXPECT_EQ(post.reposts, 1);
  EXPECT_EQ(post.bookmarks, 1);
  EXPECT_EQ(node_at(conversation, "https://pip.example.org/"), nullptr);
  // The private mention is not shown.
  EXPECT_EQ(node_at(conversation, "https://tobias.example.org/notes/2026/11/05/2/"), nullptr);
  const std::string page = testing::read_text(dir / "public" / "index.html");
  EXPECT_NE(page.find("3 likes · 1 repost · 1 bookmark"), std::string::npos);
}

TEST_F(SocialCampaign, PeopleJoinAcrossPlatformsOnlyOnVerifiedLinks) {
  const Conversation conversation = build().conversation;
  // Mastodon verified Lanternfish's blog link: the profile and the blogger are one person.
  EXPECT_EQ(node(conversation, root).author, node(conversation, kLanternPost).author);
  // Bluesky's quill.example.org handle is Quill's own domain: one person with the blog's Quill.
  const Node* quill_on_bluesky = nullptr;
  for (const Node& one : conversation.nodes) {
    if (one.platform == "bluesky" &&
        one.author_url.find("quill.example.org") != std::string::npos) {
      quill_on_bluesky = &one;
    }
  }
  ASSERT_NE(quill_on_bluesky, nullptr);
  EXPECT_EQ(quill_on_bluesky->author, node(conversation, kPost).author);
  // Oskar's profile lists his homepage, but Mastodon never verified it: two people.
  EXPECT_NE(node(conversation, oskar).author, node(conversation, kPost + "#comment-1").author);
}

TEST_F(SocialCampaign, AHundredStatusHashtagPagesAndStopsAtItsBound) {
  // toot.example's hashtag holds a hundred statuses, 40 a page, newest (highest id) first.
  std::vector<std::string> pages_asked;
  b.handlers["/api/v1/timelines/tag/bringtheloveback"] = [&](const httplib::Request& request) {
    const std::string max_id = request.has_param("max_id") ? request.get_param_value("max_id") : "";
    pages_asked.push_back(max_id);
    int top = max_id.empty() ? 5100 : std::stoi(max_id) - 1;
    std::string body = "[";
    for (int id = top, n = 0; id > 5000 && n < 40; --id, ++n) {
      if (n > 0) body += ",";
      body += R"({"id":")" + std::to_string(id) +
              R"(","created_at":"2026-11-06T10:00:00.000Z","in_reply_to_id":null,)"
              R"("url":"https://toot.example/@fan/)" +
              std::to_string(id) + R"(","uri":"https://toot.example/users/fan/statuses/)" +
              std::to_string(id) +
              R"(","content":"<p>#bringtheloveback</p>","account":{"id":"7","username":"fan",)"
              R"("acct":"fan","display_name":"Fan","url":"https://toot.example/@fan","fields":[]},)"
              R"("reblog":null,"replies_count":0,"reblogs_count":0,"favourites_count":0})";
    }
    return testing::Answer{200, body + "]", "application/json", ""};
  };
  write_site("max_listed = 90\nmax_requests = 1000\n");
  const BuildReport report = build();
  // 40 + 40 + 10 of the 90 asked for: three pages, each after the last id seen.
  ASSERT_EQ(pages_asked.size(), 3u) << warnings(report);
  EXPECT_EQ(pages_asked[0], "");
  EXPECT_EQ(pages_asked[1], "5061");
  EXPECT_EQ(pages_asked[2], "5021");
  EXPECT_TRUE(warned(report, "max_listed")) << warnings(report);
  EXPECT_TRUE(b.was_asked("/api/v1/statuses/5011"));
  EXPECT_FALSE(b.was_asked("/api/v1/statuses/5010"));
}

TEST_F(SocialCampaign, AnInstanceThatAsksForAnAccountIsReportedNotFatal) {
  const std::size_t before = build().conversation.nodes.size();
  // Limited federation: toot.example now answers 401 to visitors without an account.
  const testing::Answer refused{401, R"({"error":"This API requires an authenticated user"})",
                                "application/json", ""};
  for (const std::string path :
       {"/api/v1/timelines/tag/bringtheloveback", "/api/v1/statuses/2001",
        "/api/v1/statuses/113486000000000777", "/api/v1/statuses/2001/context"}) {
    b.routes[path] = refused;
  }
  b.handlers.clear();
  const BuildReport second = build(kNow + 3600);
  EXPECT_TRUE(warned(second, "Mastodon")) << warnings(second);
  EXPECT_TRUE(warned(second, "401")) << warnings(second);
  // Nothing archived was lost, and the hub was published.
  EXPECT_EQ(second.conversation.nodes.size(), before);
  EXPECT_EQ(count_at(second.conversation, mira), 1u);
  EXPECT_TRUE(fs::exists(dir / "public" / "index.html"));
}

TEST_F(SocialCampaign, TheHubNamesItsEndpointAndReadsTheMentionsOfItsOwnPages) {
  // webmention.io holds a note sent to the hub's home page; every other target has the fixture.
  std::vector<std::string> targets;
  const std::string home = "https://hub.example/";
  a.handlers["/wm/api/mentions.jf2"] = [&](const httplib::Request& request) {
    const std::string target = request.get_param_value("target");
    targets.push_back(target);
    if (target != home) {
      return testing::Answer{200, fixture("platforms/webmention/mentions.json"), "application/json",
                             ""};
    }
    return testing::Answer{200, R"({"type":"feed","name":"Webmentions","children":[{
      "type":"entry","author":{"type":"card","name":"Nia","url":"https://nia.example/"},
      "url":"https://nia.example/notes/1","published":"2026-11-10T10:00:00+00:00",
      "wm-id":900001,"wm-source":"https://nia.example/notes/1","wm-target":"https://hub.example/",
      "wm-property":"mention-of","mention-of":"https://hub.example/","wm-private":false,
      "content":{"html":"<p>All the letters in <a href=\"https://hub.example/\">one place</a>.</p>",
                 "text":"All the letters in one place."}}]})",
                           "application/json", ""};
  };
  std::string toml = testing::read_text(dir / "site.toml");
  toml.replace(toml.find("[campaign]"), 0,
               "base_url = \"" + home +
                   "\"\nwebmention = \"https://webmention.io/hub.example/webmention\"\n");
  testing::write_text(dir / "site.toml", toml);

  const BuildReport first = build();
  // A first build knows its home page only: Nia's note about it is about the campaign.
  EXPECT_NE(std::find(targets.begin(), targets.end(), home), targets.end());
  const Node& note = node(first.conversation, "https://nia.example/notes/1");
  EXPECT_EQ(note.platform, "webmention");
  EXPECT_EQ(note.parent, "");  // the campaign's video is no post: a thread of its own
  const std::string page = testing::read_text(dir / "public" / "index.html");
  EXPECT_NE(
      page.find("<link rel=\"webmention\" href=\"https://webmention.io/hub.example/webmention\">"),
      std::string::npos);
  // The next build asks for the mentions of the thread pages the first one published.
  targets.clear();
  build(kNow + 3600);
  EXPECT_TRUE(std::any_of(targets.begin(), targets.end(), [&](const std::string& target) {
    return target.starts_with(home + "threads/");
  })) << targets.size();
}

}  // namespace
}  // namespace confab
