// Issue 16: a blog post discussed on Hacker News, Reddit, Lemmy and a Discourse forum, whose APIs
// (tests/fixtures/platforms/*, in each API's real shape) answer from a server on 127.0.0.1. Each
// thread hangs under the post it links to, every comment under its real parent; a platform that
// says "too many requests", "forbidden" or sends a cut-off answer is reported and loses nothing
// the archive already holds.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "api_server.h"
#include "archive/archive.h"
#include "build/build.h"
#include "build_fixtures.h"
#include "config/config.h"
#include "conversation_lookup.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using testing::node;
using testing::node_at;
using testing::warned;
using testing::warnings;

const fs::path kPlatforms = fs::path(CONFAB_SOURCE_DIR) / "tests/fixtures/platforms";
constexpr UnixTime kNow = 1794200000;  // 14 Nov 2026
const std::string kPost = "https://quill.example.org/2026/11/bring-the-love-back/";

std::string fixture(const std::string& name) {
  std::ifstream file(kPlatforms / name, std::ios::binary);
  if (!file) throw std::runtime_error("missing fixture " + name);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

/// The campaign's blog: one post, which links to the campaign's video; its comment feed is on
/// the test server (empty: the discussion is elsewhere).
std::string blog_feed(const std::string& base) {
  return R"(<?xml version="1.0"?><rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/">
<channel><title>Quill</title><link>https://quill.example.org/</link>
<item><title>Bring the love back, one letter at a time</title><link>)" +
         kPost + R"(</link><guid>)" + kPost + R"(</guid><wfw:commentRss>)" + base +
         R"(/quill/comments</wfw:commentRss>
<pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate>
<description><![CDATA[<p>Write a letter: <a href="https://video.example.com/love">the film</a>.</p>]]></description>
</item></channel></rss>)";
}

/// Every platform's fixtures, on the paths their configured APIs ask.
void serve_everything(testing::ApiServer& server) {
  server.routes["/quill/feed"] = {200, blog_feed(server.base), "application/rss+xml", ""};
  server.routes["/quill/comments"] = {
      200,
      R"(<?xml version="1.0"?><rss version="2.0"><channel><title>Comments</title></channel></rss>)",
      "application/rss+xml", ""};
  server.routes["/hn/api/v1/search"] = {200, fixture("hackernews/search.json"), "application/json",
                                        ""};
  server.routes["/hn/api/v1/items/4100"] = {200, fixture("hackernews/item-4100.json"),
                                            "application/json", ""};
  server.routes["/hn/api/v1/items/4188"] = {200, fixture("hackernews/item-4188.json"),
                                            "application/json", ""};
  server.routes["/reddit/api/info.json"] = {200, fixture("reddit/info.json"), "application/json",
                                            ""};
  server.routes["/reddit/comments/1abcde.json"] = {200, fixture("reddit/comments-1abcde.json"),
                                                   "application/json", ""};
  server.routes["/reddit/api/morechildren.json"] = {200, fixture("reddit/morechildren.json"),
                                                    "application/json", ""};
  server.routes["/lemmy/api/v3/post"] = {200, fixture("lemmy/post-771.json"), "application/json",
                                         ""};
  server.routes["/lemmy/api/v3/comment/list"] = {200, fixture("lemmy/comments-page-1.json"),
                                                 "application/json", ""};
  server.routes["/discourse/search.json"] = {200, fixture("discourse/search.json"),
                                             "application/json", ""};
  server.routes["/discourse/t/312.json"] = {200, fixture("discourse/topic-312.json"),
                                            "application/json", ""};
  server.routes["/discourse/t/312/posts.json"] = {200, fixture("discourse/posts-312.json"),
                                                  "application/json", ""};
}

class PlatformCampaign : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }

  void SetUp() override {
    serve_everything(server);
    dir = testing::fresh_dir("platform-campaign");
    testing::write_text(
        dir / "site.toml",
        "[site]\ntitle = \"Bring the love back\"\n"
        "[campaign]\nlinks = [\"https://video.example.com/love\"]\n"
        "[[source]]\nname = \"Quill\"\nurl = \"" +
            server.base + "/quill/feed\"\nrole = \"campaign\"\n" +
            // A Lemmy thread named in site.toml: read through Lemmy's API, never as a blog.
            "[[source]]\nname = \"Letters on Lemmy\"\nurl = "
            "\"https://lemmy.example.org/post/771\"\n"
            "[crawl]\ndepth = 0\n"
            "[platforms]\nlookup = [\"hackernews\", \"reddit\", \"discourse\"]\ninterval = 0\n"
            "discourse = [\"https://forum.example.com\"]\n"
            "hackernews_api = \"" +
            server.base + "/hn\"\nreddit_api = \"" + server.base + "/reddit\"\nlemmy_api = \"" +
            server.base + "/lemmy\"\ndiscourse_api = \"" + server.base + "/discourse\"\n");
  }

  BuildReport build(UnixTime now = kNow, bool keep_harvests = false) {
    const SiteConfig config = load_config(dir / "site.toml");
    BuildOptions options;
    options.now = now;
    options.keep_harvests = keep_harvests;
    options.output = dir / "public";
    options.archive = dir / "archive.db";
    return run_build(config, options);
  }

  static std::vector<const Node*> on(const Conversation& conversation,
                                     const std::string& platform) {
    std::vector<const Node*> nodes;
    for (const auto& one : conversation.nodes) {
      if (one.platform == platform) nodes.push_back(&one);
    }
    return nodes;
  }

  /// Every platform comment's parent is a node of the same thread, on the same platform or
  /// the story's post.
  static void expect_every_parent_known(const Conversation& conversation,
                                        const std::string& platform) {
    for (const Node* one : on(conversation, platform)) {
      if (one->kind != NodeKind::comment) continue;
      EXPECT_FALSE(one->parent_unknown) << one->url;
      const auto parent = std::find_if(conversation.nodes.begin(), conversation.nodes.end(),
                                       [&](const Node& n) { return n.id == one->parent; });
      ASSERT_NE(parent, conversation.nodes.end()) << one->url;
      EXPECT_EQ(parent->platform, platform) << one->url;
    }
  }

  testing::ApiServer server;
  fs::path dir;
};

TEST_F(PlatformCampaign, EveryThreadHangsUnderThePostItLinksTo) {
  const BuildReport report = build();
  const Conversation& conversation = report.conversation;
  const Node& post = node(conversation, kPost);
  EXPECT_EQ(post.platform, "");
  for (const std::string story :
       {"https://news.ycombinator.com/item?id=4100", "https://news.ycombinator.com/item?id=4188",
        "https://lemmy.example.org/post/771"}) {
    const Node& thread = node(conversation, story);
    EXPECT_EQ(thread.parent, post.id) << story;
    EXPECT_EQ(thread.kind, NodeKind::post) << story;
  }
  // Every platform gave its story under the post, and comments below it.
  for (const std::string platform : {"hackernews", "reddit", "lemmy", "discourse"}) {
    const auto nodes = on(conversation, platform);
    const auto stories = std::count_if(nodes.begin(), nodes.end(), [&](const Node* n) {
      return n->kind == NodeKind::post && n->parent == post.id;
    });
    EXPECT_GE(stories, 1) << platform;
    EXPECT_GE(nodes.size(), 3u) << platform;
    expect_every_parent_known(conversation, platform);
  }
  // The same URL submitted twice to Hacker News: two threads under the one post.
  EXPECT_NE(node(conversation, "https://news.ycombinator.com/item?id=4100").thread,
            node(conversation, "https://news.ycombinator.com/item?id=4188").id);
  // The Lemmy thread came from site.toml: read through Lemmy's API, never as a blog.
  EXPECT_TRUE(server.was_asked("/lemmy/api/v3/post"));
  EXPECT_FALSE(warned(report, "Letters on Lemmy"));
  for (const auto& source : conversation.sources) {
    EXPECT_NE(source.name, "Letters on Lemmy");
    if (source.platform == "lemmy") {
      EXPECT_EQ(source.platform_label, "Lemmy");
    }
  }
}

TEST_F(PlatformCampaign, HackerNewsNestsThreeLevelsAndRedditResolvesItsMoreStub) {
  const Conversation conversation = build().conversation;
  // Three levels on Hacker News: a reply to a reply to a top-level comment.
  int deepest = 0;
  for (const Node* one : on(conversation, "hackernews")) {
    int depth = 0;
    const Node* at = one;
    while (at && at->kind == NodeKind::comment && depth < 10) {
      ++depth;
      const auto parent = std::find_if(conversation.nodes.begin(), conversation.nodes.end(),
                                       [&](const Node& n) { return n.id == at->parent; });
      at = parent == conversation.nodes.end() ? nullptr : &*parent;
    }
    deepest = std::max(deepest, depth);
  }
  EXPECT_GE(deepest, 3);
  // Reddit's "more" stub was asked for, and its comments joined the thread.
  EXPECT_TRUE(server.was_asked("/reddit/api/morechildren.json"));
  EXPECT_GE(on(conversation, "reddit").size(), 6u);
  // Discourse's posts beyond the first answer were read too.
  EXPECT_TRUE(server.was_asked("/discourse/t/312/posts.json"));
}

TEST_F(PlatformCampaign, RefusalsAndBrokenAnswersAreReportedAndLoseNothing) {
  const BuildReport first = build();
  const std::size_t reddit_before = on(first.conversation, "reddit").size();
  const std::size_t hn_before = on(first.conversation, "hackernews").size();
  ASSERT_GT(reddit_before, 0u);
  ASSERT_GT(hn_before, 0u);

  // Reddit presses back (429 with Retry-After, answered once more after it), Discourse forbids,
  // Hacker News sends a cut-off answer.
  server.routes["/reddit/api/info.json"] = {429, "{}", "application/json", "1"};
  server.routes["/reddit/comments/1abcde.json"] = {429, "{}", "application/json", "1"};
  server.routes["/discourse/search.json"] = {403, R"({"errors":["forbidden"]})", "application/json",
                                             ""};
  server.routes["/discourse/t/312.json"] = {403, "{}", "application/json", ""};
  server.routes["/hn/api/v1/items/4100"] = {200, fixture("hackernews/truncated.json"),
                                            "application/json", ""};
  const BuildReport second = build(kNow + 3600);
  EXPECT_TRUE(warned(second, "Reddit")) << second.warnings.size();
  EXPECT_TRUE(warned(second, "back off"));
  EXPECT_TRUE(warned(second, "Discourse (forum.example.com)"));
  EXPECT_TRUE(warned(second, "HTTP 403"));
  EXPECT_TRUE(warned(second, "Hacker News"));
  // Nothing archived was lost.
  EXPECT_EQ(on(second.conversation, "reddit").size(), reddit_before);
  EXPECT_EQ(on(second.conversation, "hackernews").size(), hn_before);
  EXPECT_NE(node_at(second.conversation, "https://news.ycombinator.com/item?id=4100"), nullptr);
  // The build still published.
  EXPECT_TRUE(fs::exists(dir / "public" / "index.html"));
}

TEST_F(PlatformCampaign, ADeletedStoryIsReportedAndKeptAsArchived) {
  const std::size_t before = on(build().conversation, "hackernews").size();
  // Hacker News no longer has the second submission.
  server.routes["/hn/api/v1/items/4188"] = {404, R"({"status":404,"error":"Not Found"})",
                                            "application/json", ""};
  const BuildReport second = build(kNow + 3600);
  EXPECT_TRUE(warned(second, "items/4188")) << second.warnings.size();
  EXPECT_EQ(on(second.conversation, "hackernews").size(), before);
  EXPECT_NE(node_at(second.conversation, "https://news.ycombinator.com/item?id=4188"), nullptr);
}

TEST_F(PlatformCampaign, LinkedThreadsFollowTheCrawlRules) {
  // A blog post linking a Hacker News thread: read when [crawl] allows the link, not when it
  // denies news.ycombinator.com.
  server.routes["/quill/feed"].body = blog_feed(server.base);
  std::string with_link = server.routes["/quill/feed"].body;
  const std::string anchor = "<a href=\"https://video.example.com/love\">the film</a>";
  with_link.replace(with_link.find(anchor), anchor.size(),
                    anchor + " (<a href=\"https://news.ycombinator.com/item?id=4188\">HN</a>)");
  server.routes["/quill/feed"].body = with_link;
  std::string toml = testing::read_text(dir / "site.toml");
  toml.replace(toml.find("[crawl]\ndepth = 0"), 17,
               "[crawl]\ndepth = 1\ndeny = [\"ycombinator.com\"]");
  toml.replace(toml.find("lookup = [\"hackernews\", "), 24, "lookup = [");
  testing::write_text(dir / "site.toml", toml);
  build();
  EXPECT_FALSE(server.was_asked("/hn/api/v1/items/4188"));
  toml.replace(toml.find("deny = [\"ycombinator.com\"]"), 26, "deny = []");
  testing::write_text(dir / "site.toml", toml);
  server.asked.clear();
  build(kNow + 60);
  EXPECT_TRUE(server.was_asked("/hn/api/v1/items/4188"));
  EXPECT_FALSE(server.was_asked("/hn/api/v1/search"));  // Hacker News looks nothing up here
}

TEST_F(PlatformCampaign, AnUnchangedThreadCostsOneRequest) {
  const std::size_t reddit_nodes = on(build().conversation, "reddit").size();
  server.asked.clear();
  const Conversation conversation = build(kNow + 60).conversation;
  // The same bytes again: each thread is asked once, its follow-ups (Reddit's "more" stub,
  // Discourse's further posts, Lemmy's comment page) are not, and the archive keeps them.
  EXPECT_EQ(std::count(server.asked.begin(), server.asked.end(), "/hn/api/v1/items/4100"), 1);
  EXPECT_EQ(std::count(server.asked.begin(), server.asked.end(), "/reddit/comments/1abcde.json"),
            1);
  EXPECT_FALSE(server.was_asked("/reddit/api/morechildren.json"));
  EXPECT_FALSE(server.was_asked("/discourse/t/312/posts.json"));
  EXPECT_FALSE(server.was_asked("/lemmy/api/v3/comment/list"));
  EXPECT_EQ(on(conversation, "reddit").size(), reddit_nodes);
  for (const auto& source : conversation.sources) {
    if (source.platform == "reddit") {
      EXPECT_EQ(source.status, SourceStatus::unchanged);
    }
  }
}

TEST_F(PlatformCampaign, ConversationJsonAndPagesNameThePlatform) {
  build();
  const std::string json = testing::read_text(dir / "public" / "conversation.json");
  EXPECT_NE(json.find("\"platform\": \"hackernews\""), std::string::npos);
  EXPECT_NE(json.find("\"platform\": \"reddit\""), std::string::npos);
  bool badge = false;
  for (const auto& entry : fs::recursive_directory_iterator(dir / "public")) {
    if (entry.path().extension() != ".html") continue;
    const std::string html = testing::read_text(entry.path());
    if (html.find("badge-platform badge-hackernews") != std::string::npos &&
        html.find("Reply on Hacker News") != std::string::npos) {
      badge = true;
      break;
    }
  }
  EXPECT_TRUE(badge);
}

TEST_F(PlatformCampaign, WhatTheBuildThreadsIsWhatTheArchiveHolds) {
  // After the platform threads are merged, a build reads again only the sources they touched and
  // keeps the others' entries from its first read: the result must be the archive's history.
  for (const UnixTime now : {kNow, kNow + 60}) {
    const BuildReport report = build(now, true);
    Archive archive(dir / "archive.db");
    const auto histories = archive.history();
    std::size_t compared = 0;
    for (const SourceHarvest& harvest : report.harvests) {
      const auto history = std::find_if(
          histories.begin(), histories.end(),
          [&](const SourceHistory& one) { return one.source.name == harvest.report.name; });
      ASSERT_NE(history, histories.end()) << harvest.report.name;
      auto ids = [](const std::vector<Entry>& entries) {
        std::vector<std::string> out;
        for (const auto& entry : entries)
          out.push_back(entry.id + "@" + std::to_string(*entry.first_seen));
        return out;
      };
      EXPECT_EQ(ids(harvest.posts), ids(history->posts)) << harvest.report.name;
      ASSERT_EQ(harvest.comments.size(), history->comments.size()) << harvest.report.name;
      for (const auto& [post, comments] : history->comments) {
        ASSERT_TRUE(harvest.comments.count(post)) << post;
        EXPECT_EQ(ids(harvest.comments.at(post)), ids(comments)) << post;
      }
      compared += harvest.posts.size();
    }
    EXPECT_GE(compared, 5u);  // the blog post and the platform stories
  }
}

}  // namespace
}  // namespace confab
