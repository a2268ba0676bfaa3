// The demo campaign at the repository root, built by the real binary from its replay snapshot.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "binary_runner.h"

namespace confab {
namespace {

using testing::fresh_dir;
using testing::read_text;
using testing::run_confab;

const std::string kSite = std::string(CONFAB_SOURCE_DIR) + "/site.toml";

class DemoBuild : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    output_ = new std::filesystem::path(fresh_dir("demo") / "public");
    // Each build gets its own archive, so no test writes into the repository's .confab/.
    result_ = new testing::RunResult(
        run_confab("build --config " + kSite + " --output " + output_->string() + " --archive " +
                       (output_->parent_path() / "archive.db").string(),
                   "SOURCE_DATE_EPOCH=1227000000"));
    json_ = new nlohmann::json(nlohmann::json::parse(read_text(*output_ / "conversation.json")));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(output_->parent_path());
    delete output_;
    delete result_;
    delete json_;
  }

  const nlohmann::json& json() const { return *json_; }
  std::map<std::string, nlohmann::json> nodes_by_id() const {
    std::map<std::string, nlohmann::json> by_id;
    for (const auto& node : json()["nodes"]) by_id[node["id"]] = node;
    return by_id;
  }
  const nlohmann::json& source(const std::string& name) const {
    for (const auto& s : json()["sources"]) {
      if (s["name"] == name) return s;
    }
    throw std::runtime_error("no source " + name);
  }

  static std::filesystem::path* output_;
  static testing::RunResult* result_;
  static nlohmann::json* json_;
};

std::filesystem::path* DemoBuild::output_ = nullptr;
testing::RunResult* DemoBuild::result_ = nullptr;
nlohmann::json* DemoBuild::json_ = nullptr;

TEST_F(DemoBuild, SucceedsAndSaysWhereTheSiteIs) {
  EXPECT_EQ(result_->exit_code, 0) << result_->err;
  EXPECT_NE(result_->err.find("site written to " + output_->string()), std::string::npos)
      << result_->err;
  EXPECT_TRUE(std::filesystem::exists(*output_ / "index.html"));
  EXPECT_TRUE(std::filesystem::exists(*output_ / "about/index.html"));
}

TEST_F(DemoBuild, EveryRequestWasAnsweredByTheSnapshot) {
  // Replay never touches the network; a request the snapshot lacks would say so here.
  EXPECT_EQ(result_->err.find("not in the replay snapshot"), std::string::npos) << result_->err;
}

TEST_F(DemoBuild, ReportsTheDeadSourceAndKeepsTheOthers) {
  const auto& dead = source("Beyond Madison Avenue");
  EXPECT_EQ(dead["status"], "error");
  EXPECT_NE(dead["error"].get<std::string>().find("404"), std::string::npos);
  EXPECT_EQ(dead["error_kind"], "http_status");
  EXPECT_TRUE(dead["last_success"].is_null());
  int ok = 0;
  for (const auto& s : json()["sources"]) ok += s["status"] == "ok";
  EXPECT_EQ(ok, 13);  // 9 blogs, Hacker News, Reddit, Mastodon and Webmention
  EXPECT_NE(result_->err.find("Beyond Madison Avenue"), std::string::npos);
}

TEST_F(DemoBuild, FindsFeedsByAutodiscoveryAndBlogsByCrawling) {
  EXPECT_EQ(source("CK Speaks")["feed"], "https://ckspeaks.example.com/feed/");
  const auto& jaffe = source("Jaffe Juice");
  EXPECT_EQ(jaffe["role"], "discovered");
  EXPECT_EQ(jaffe["status"], "ok");
  EXPECT_EQ(source("Bring the love back")["role"], "campaign");
}

TEST_F(DemoBuild, EveryCommentHangsUnderAPostOfItsOwnBlog) {
  const auto by_id = nodes_by_id();
  int comments = 0;
  for (const auto& node : json()["nodes"]) {
    if (node["kind"] != "comment") continue;
    ++comments;
    nlohmann::json at = node;
    int steps = 0;
    while (at["kind"] != "post") {
      ASSERT_FALSE(at["parent"].is_null()) << node["url"];
      ASSERT_TRUE(by_id.count(at["parent"])) << node["url"];
      at = by_id.at(at["parent"]);
      ASSERT_LT(++steps, 50);
    }
    EXPECT_EQ(at["source"], node["source"]) << node["url"];
    EXPECT_EQ(node["thread"], by_id.at(at["id"])["thread"]);
  }
  // 60 blog comments + 3 spam, 4 on Hacker News, 3 on Reddit, 3 on Mastodon
  EXPECT_EQ(comments, 73);
}

TEST_F(DemoBuild, NestsRepliesAndMarksTheTeam) {
  const auto by_id = nodes_by_id();
  std::set<std::string> team;
  for (const auto& person : json()["people"]) {
    if (person["team"]) team.insert(person["id"]);
  }
  EXPECT_EQ(team.size(), 2u);
  int replies = 0, deep = 0, team_replies = 0;
  for (const auto& node : json()["nodes"]) {
    if (node["kind"] != "comment" || node["parent"].is_null()) continue;
    const auto& parent = by_id.at(node["parent"]);
    if (parent["kind"] != "comment") continue;
    ++replies;
    team_replies += node["author"].is_string() && team.count(node["author"]);
    deep += by_id.at(parent["parent"])["kind"] == "comment";
  }
  // Heart of the Matter's REST API nests two; Hacker News two (one deep), Reddit one,
  // Mastodon one.
  EXPECT_EQ(replies, 22);
  EXPECT_EQ(deep, 6);
  EXPECT_GE(team_replies, 4);
}

TEST_F(DemoBuild, SetsSpamAsideWithReasons) {
  int spam = 0;
  for (const auto& node : json()["nodes"]) {
    if (node["spam"].is_null()) continue;
    ++spam;
    EXPECT_GE(node["spam"]["score"].get<double>(), 1.0);
    EXPECT_FALSE(node["spam"]["reasons"].empty());
  }
  EXPECT_EQ(spam, 3);
  // Spam is listed apart, never inside a thread's count.
  int counted = 0;
  for (const auto& thread : json()["threads"]) counted += thread["size"].get<int>();
  EXPECT_EQ(counted, 16 + 70);
}

TEST_F(DemoBuild, KeepsOffTopicPostsOutAndThreadsAcrossBlogs) {
  int posts = 0;
  std::set<std::string> blogs;
  for (const auto& node : json()["nodes"]) {
    if (node["kind"] != "post") continue;
    ++posts;
    blogs.insert(node["source"]);
    EXPECT_NE(node["title"], "Five notes from a B2B webinar");
  }
  // 12 blog posts, a Hacker News story, a Reddit submission, a Mastodon status, a reply sent
  // by Webmention
  EXPECT_EQ(posts, 16);
  EXPECT_EQ(blogs.size(), 13u);
  // The conversation spreads: the biggest thread spans several blogs.
  EXPECT_GE(json()["threads"][0]["blogs"].size(), 5u);
}

TEST_F(DemoBuild, AHackerNewsDiscussionAndARedditThreadHangUnderThePostsTheyLinkTo) {
  const auto by_id = nodes_by_id();
  std::map<std::string, std::string> story_parent;  // platform -> URL of the post it answers
  int platform_comments = 0;
  for (const auto& node : json()["nodes"]) {
    if (node["platform"].is_null()) continue;
    if (node["kind"] == "post") {
      ASSERT_FALSE(node["parent"].is_null()) << node["url"];
      story_parent[node["platform"]] = by_id.at(node["parent"])["url"];
    } else {
      ++platform_comments;
    }
  }
  EXPECT_EQ(story_parent["hackernews"],
            "https://bringtheloveback.example.com/2008/11/13/the-making-of-the-video/");
  EXPECT_EQ(story_parent["reddit"],
            "https://ckspeaks.example.com/2008/11/01/microsoft-belgium-sends-a-love-letter/");
  EXPECT_EQ(story_parent["mastodon"], story_parent["hackernews"]);
  EXPECT_EQ(story_parent["webmention"], story_parent["hackernews"]);
  EXPECT_EQ(platform_comments, 10);
  EXPECT_EQ(source("Hacker News")["platform"], "hackernews");
  EXPECT_EQ(source("Reddit")["platform"], "reddit");
  EXPECT_EQ(source("Mastodon (mastodon.social)")["platform"], "mastodon");
  // Likes and a repost sent by Webmention are counted on the post they name, not shown as
  // replies; Mastodon's favourites and boosts on the status.
  for (const auto& node : json()["nodes"]) {
    if (node["url"] == story_parent["hackernews"]) {
      EXPECT_EQ(node["likes"], 3);
      EXPECT_EQ(node["reposts"], 1);
    }
    if (node["url"] == "https://mastodon.social/@rollingtalks/113501000000000001") {
      EXPECT_EQ(node["likes"], 14);
      EXPECT_EQ(node["reposts"], 6);
    }
  }
}

TEST_F(DemoBuild, ListsUnansweredQuestions) {
  const auto by_id = nodes_by_id();
  std::vector<std::string> urls;
  for (const auto& id : json()["awaiting_reply"]) urls.push_back(by_id.at(id)["url"]);
  ASSERT_EQ(urls.size(), 5u);
  EXPECT_NE(urls[0].find("#comment-116"), std::string::npos);
  EXPECT_NE(urls[1].find("#comment-317"), std::string::npos);
  EXPECT_NE(urls[2].find("#comment-134"), std::string::npos);
  // Heart of the Matter: Anneke's question was answered by the team two levels down (REST API
  // threading); Sofie's was not.
  EXPECT_NE(urls[3].find("#comment-34"), std::string::npos);
  // Joris addressed Rolling Talks on Mastodon; someone else answered, not Rolling Talks.
  EXPECT_EQ(urls[4], "https://fosstodon.example/@joris/113501000000004410");
}

TEST_F(DemoBuild, MergesPingbacksFromConversationPostsIntoTheirEdges) {
  // CK Speaks' and General Pattern's pingbacks and the French trackback come from posts that are
  // in the conversation: each is that post's edge (links_to + mentions), never a second node.
  const auto by_id = nodes_by_id();
  int merged = 0;
  for (const auto& node : json()["nodes"]) {
    EXPECT_NE(node["kind"], "mention") << node["url"];
    for (const auto& target : node["mentions"]) {
      ++merged;
      EXPECT_EQ(node["kind"], "post");
      EXPECT_NE(std::find(node["links_to"].begin(), node["links_to"].end(), target),
                node["links_to"].end());
      EXPECT_EQ(by_id.at(target)["kind"], "post");
    }
  }
  EXPECT_EQ(merged, 3);
  EXPECT_EQ(source("Jaffe Juice")["discovered_from"],
            "https://emergencemarketing.typepad.com/emergence_marketing/2008/11/"
            "microsoft_gives.html");
}

TEST_F(DemoBuild, DecodesTheLatin1FeedAndSanitizesComments) {
  bool french = false;
  for (const auto& node : json()["nodes"]) {
    french = french || node["title"] == "Microsoft Belgique veut qu'on l'aime \u00e0 nouveau";
  }
  EXPECT_TRUE(french);
  const std::string html = read_text(*output_ / "index.html");
  EXPECT_NE(html.find("Les f\u00eal\u00e9s du marketing"), std::string::npos);
  EXPECT_EQ(html.find("onclick"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);  // only the theme's reply.js, by src
}

TEST_F(DemoBuild, TwoBuildsOfTheSameInputAreByteIdentical) {
  const auto again = fresh_dir("demo-again") / "public";
  const auto second = run_confab("build --config " + kSite + " --output " + again.string() +
                                     " --archive " + (again.parent_path() / "archive.db").string(),
                                 "SOURCE_DATE_EPOCH=1227000000");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  for (const char* file : {"index.html", "conversation.json", "about/index.html"}) {
    EXPECT_EQ(read_text(*output_ / file), read_text(again / file)) << file;
  }
  std::filesystem::remove_all(again.parent_path());
}

}  // namespace
}  // namespace confab
