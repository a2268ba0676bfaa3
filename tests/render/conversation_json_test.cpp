// conversation.json: fixed key order, nulls for absent values, never a missing key.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "render/render.h"

namespace confab {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> keys(const Json& object) {
  std::vector<std::string> names;
  for (const auto& [key, value] : object.items()) names.push_back(key);
  return names;
}

Conversation sample() {
  Conversation conversation;
  conversation.generated = *make_utc_time(2008, 11, 12, 9, 30, 0);
  conversation.campaign_title = "Launch";
  conversation.campaign_links = {"https://brand.example/"};
  SourceReport ok;
  ok.id = "brand";
  ok.name = "Brand blog";
  ok.url = "https://brand.example/";
  ok.feed = "https://brand.example/feed/";
  ok.role = SourceKind::campaign;
  ok.last_success = *make_utc_time(2008, 11, 12, 9, 0, 0);
  SourceReport broken;
  broken.id = "gone";
  broken.name = "Gone blog";
  broken.role = SourceKind::discovered;
  broken.status = SourceStatus::error;
  broken.error = "HTTP 500";
  conversation.sources = {ok, broken};

  Node post;
  post.id = "brand/1";
  post.kind = NodeKind::post;
  post.source = "brand";
  post.url = "https://brand.example/launch/";
  post.title = "We launch";
  post.author = "alice";
  post.published = *make_utc_time(2008, 11, 10, 8, 0, 0);
  post.thread = "brand/1";
  Node comment;
  comment.id = "brand/2";
  comment.kind = NodeKind::comment;
  comment.source = "brand";
  comment.parent = "brand/1";
  comment.thread = "brand/1";
  comment.links_to = {"brand/1"};
  comment.spam = SpamVerdict{0.75, {"many links", "known spam phrase"}};
  conversation.nodes = {post, comment};

  Person alice;
  alice.id = "alice";
  alice.name = "Alice";
  alice.urls = {"https://alice.example/"};
  alice.team = true;
  alice.posts = 1;
  alice.blogs = {"brand"};
  conversation.people = {alice};
  conversation.awaiting_reply = {"brand/2"};
  ThreadSummary thread;
  thread.root = "brand/1";
  thread.size = 1;
  thread.blogs = {"brand"};
  conversation.threads = {thread};
  return conversation;
}

TEST(ConversationJsonTest, TopLevelKeysInOrder) {
  const Json json = Json::parse(conversation_to_json(sample()));
  EXPECT_EQ(keys(json), (std::vector<std::string>{"generated", "campaign", "sources", "nodes",
                                                  "people", "awaiting_reply", "threads"}));
  EXPECT_EQ(json["generated"], "2008-11-12T09:30:00Z");
  EXPECT_EQ(keys(json["campaign"]), (std::vector<std::string>{"title", "links"}));
  EXPECT_EQ(json["campaign"]["links"][0], "https://brand.example/");
}

TEST(ConversationJsonTest, SourcesWithNullsForAbsentValues) {
  const Json json = Json::parse(conversation_to_json(sample()));
  const Json& ok = json["sources"][0];
  EXPECT_EQ(keys(ok),
            (std::vector<std::string>{"id", "name", "url", "feed", "role", "status", "error",
                                      "error_kind", "last_success", "discovered_from"}));
  EXPECT_EQ(ok["role"], "campaign");
  EXPECT_EQ(ok["status"], "ok");
  EXPECT_TRUE(ok["error"].is_null());
  EXPECT_EQ(ok["last_success"], "2008-11-12T09:00:00Z");
  const Json& broken = json["sources"][1];
  EXPECT_EQ(broken["role"], "discovered");
  EXPECT_EQ(broken["status"], "error");
  EXPECT_EQ(broken["error"], "HTTP 500");
  EXPECT_TRUE(broken["last_success"].is_null());
}

TEST(ConversationJsonTest, NodesKeysNullsAndSpam) {
  const Json json = Json::parse(conversation_to_json(sample()));
  const Json& post = json["nodes"][0];
  EXPECT_EQ(keys(post),
            (std::vector<std::string>{"id", "kind", "source", "url", "title", "author", "published",
                                      "parent", "thread", "links_to", "spam", "also_links_to",
                                      "mentions", "linking_url", "parent_unknown", "by_team"}));
  EXPECT_EQ(post["kind"], "post");
  EXPECT_EQ(post["author"], "alice");
  EXPECT_EQ(post["published"], "2008-11-10T08:00:00Z");
  EXPECT_TRUE(post["parent"].is_null());
  EXPECT_TRUE(post["spam"].is_null());
  EXPECT_TRUE(post["links_to"].is_array());
  EXPECT_TRUE(post["links_to"].empty());

  const Json& comment = json["nodes"][1];
  EXPECT_EQ(comment["kind"], "comment");
  EXPECT_TRUE(comment["author"].is_null());
  EXPECT_TRUE(comment["published"].is_null());
  EXPECT_EQ(comment["parent"], "brand/1");
  EXPECT_EQ(comment["title"], "");
  EXPECT_EQ(keys(comment["spam"]), (std::vector<std::string>{"score", "reasons"}));
  EXPECT_DOUBLE_EQ(comment["spam"]["score"].get<double>(), 0.75);
  EXPECT_EQ(comment["spam"]["reasons"][1], "known spam phrase");
}

TEST(ConversationJsonTest, PeopleAwaitingAndThreads) {
  const Json json = Json::parse(conversation_to_json(sample()));
  const Json& alice = json["people"][0];
  EXPECT_EQ(keys(alice), (std::vector<std::string>{"id", "name", "urls", "team", "posts",
                                                   "comments", "blogs", "replies_received",
                                                   "repliers", "cross_blog_replies", "influence"}));
  EXPECT_EQ(alice["team"], true);
  EXPECT_EQ(alice["posts"], 1);
  EXPECT_EQ(alice["comments"], 0);
  EXPECT_EQ(json["awaiting_reply"], Json::array({"brand/2"}));
  const Json& thread = json["threads"][0];
  EXPECT_EQ(keys(thread), (std::vector<std::string>{"root", "size", "blogs", "last_activity"}));
  EXPECT_TRUE(thread["last_activity"].is_null());
}

TEST(ConversationJsonTest, EmptyConversationHasEveryKey) {
  const Json json = Json::parse(conversation_to_json(Conversation{}));
  EXPECT_EQ(json["generated"], "1970-01-01T00:00:00Z");
  EXPECT_EQ(json["campaign"]["title"], "");
  for (const char* list : {"sources", "nodes", "people", "awaiting_reply", "threads"}) {
    EXPECT_TRUE(json[list].is_array()) << list;
    EXPECT_TRUE(json[list].empty()) << list;
  }
}

TEST(ConversationJsonTest, PrettyPrintedWithTwoSpaces) {
  const std::string text = conversation_to_json(sample());
  EXPECT_EQ(text.rfind("{\n  \"generated\": ", 0), 0u);
  EXPECT_EQ(text.back(), '\n');
}

TEST(ConversationJsonTest, InvalidUtf8DoesNotThrow) {
  Conversation conversation = sample();
  conversation.nodes[0].title = "bad \xFF byte";
  const Json json = Json::parse(conversation_to_json(conversation));
  EXPECT_EQ(json["nodes"][0]["title"], "bad \xEF\xBF\xBD byte");
}

TEST(ConversationJsonTest, EnumNames) {
  EXPECT_STREQ(source_status_name(SourceStatus::unchanged), "unchanged");
  EXPECT_STREQ(source_status_name(SourceStatus::gone), "gone");
  EXPECT_STREQ(source_kind_name(SourceKind::blog), "blog");
  EXPECT_STREQ(node_kind_name(NodeKind::mention), "mention");
}

}  // namespace
}  // namespace confab
