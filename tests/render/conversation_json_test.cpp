// conversation.json: fixed key order, nulls for absent values, never a missing key.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "render/json_writer.h"
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
  conversation.previous_build = *make_utc_time(2008, 11, 11, 9, 30, 0);
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
  post.first_seen = *make_utc_time(2008, 11, 10, 9, 30, 0);
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
  alice.merged_by = {"same Gravatar on Brand blog and Gone blog"};
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

// The reference: the same data as an nlohmann tree, dumped with the settings conversation.json
// always had. conversation_to_json writes text directly and must match it byte for byte.
Json time_or_null(const std::optional<UnixTime>& time) {
  return time ? Json(format_rfc3339(*time)) : Json(nullptr);
}

Json string_or_null(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

template <typename Item, typename ToJson>
Json list_of(const std::vector<Item>& items, ToJson to_json) {
  Json list = Json::array();
  for (const auto& item : items) list.push_back(to_json(item));
  return list;
}

Json strings(const std::vector<std::string>& values) {
  return list_of(values, [](const std::string& value) { return Json(value); });
}

Json reference_tree(const Conversation& conversation) {
  Json json;
  json["generated"] = format_rfc3339(conversation.generated);
  json["previous_build"] = time_or_null(conversation.previous_build);
  json["campaign"]["title"] = conversation.campaign_title;
  json["campaign"]["links"] = strings(conversation.campaign_links);
  json["sources"] = list_of(conversation.sources, [](const SourceReport& source) {
    Json item;
    item["id"] = source.id;
    item["name"] = source.name;
    item["url"] = source.url;
    item["feed"] = source.feed;
    item["role"] = source_kind_name(source.role);
    item["status"] = source_status_name(source.status);
    item["error"] = string_or_null(source.error);
    item["error_kind"] = string_or_null(source.error_kind);
    item["last_success"] = time_or_null(source.last_success);
    item["discovered_from"] = string_or_null(source.discovered_from);
    item["platform"] = string_or_null(source.platform);
    return item;
  });
  json["nodes"] = list_of(conversation.nodes, [](const Node& node) {
    Json item;
    item["id"] = node.id;
    item["kind"] = node_kind_name(node.kind);
    item["source"] = node.source;
    item["url"] = node.url;
    item["title"] = node.title;
    item["author"] = string_or_null(node.author);
    item["published"] = time_or_null(node.published);
    item["parent"] = string_or_null(node.parent);
    item["thread"] = node.thread;
    item["links_to"] = strings(node.links_to);
    item["spam"] = nullptr;
    if (node.spam) {
      item["spam"]["score"] = node.spam->score;
      item["spam"]["reasons"] = strings(node.spam->reasons);
    }
    item["also_links_to"] = strings(node.also_links_to);
    item["mentions"] = strings(node.mentions);
    item["linking_url"] = string_or_null(node.linking_url);
    item["parent_unknown"] = node.parent_unknown;
    item["by_team"] = node.by_team;
    item["platform"] = string_or_null(node.platform);
    item["likes"] = node.likes;
    item["reposts"] = node.reposts;
    item["bookmarks"] = node.bookmarks;
    item["reply_cap"] = node.reply_cap ? Json(*node.reply_cap) : Json();
    item["first_seen"] = time_or_null(node.first_seen);
    return item;
  });
  json["people"] = list_of(conversation.people, [](const Person& person) {
    Json item;
    item["id"] = person.id;
    item["name"] = person.name;
    item["urls"] = strings(person.urls);
    item["merged_by"] = strings(person.merged_by);
    item["team"] = person.team;
    item["posts"] = person.posts;
    item["comments"] = person.comments;
    item["blogs"] = strings(person.blogs);
    item["replies_received"] = person.replies_received;
    item["repliers"] = person.repliers;
    item["cross_blog_replies"] = person.cross_blog_replies;
    item["influence"] = person.influence;
    return item;
  });
  json["awaiting_reply"] = strings(conversation.awaiting_reply);
  json["threads"] = list_of(conversation.threads, [](const ThreadSummary& thread) {
    Json item;
    item["root"] = thread.root;
    item["page"] = nullptr;
    item["size"] = thread.size;
    item["blogs"] = strings(thread.blogs);
    item["last_activity"] = time_or_null(thread.last_activity);
    return item;
  });
  return json;
}

std::string dump(const Json& json) {
  return json.dump(2, ' ', false, Json::error_handler_t::replace);
}

std::string reference_text(const Conversation& conversation) {
  return dump(reference_tree(conversation)) + "\n";
}

/// Strings that once tripped up JSON writers, each valid or invalid UTF-8 on purpose.
std::vector<std::string> tricky_strings() {
  std::string every_control;
  for (int byte = 0; byte < 0x20; ++byte) every_control += static_cast<char>(byte);
  return {
      "",
      every_control,
      std::string("nul \0 inside", 12),
      "quote \" backslash \\ slash / del \x7F",
      "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBF",  // 2-, 3-, 4-byte, noncharacter
      "lone continuation \x80 and \xBF",
      "overlong \xC0\x80 \xC1\xBF \xE0\x80\x80 \xF0\x80\x80\x80",
      "surrogate \xED\xA0\x80 beyond \xF4\x90\x80\x80 \xF5\x80 \xFF\xFE",
      "cut \xE2\x82 short then ascii",
      "cut \xF0\x9F\x98",  // incomplete at the very end
      "\xC3",
      "lead then lead \xC3\xC3\xA9",
      "\xE2\x28\xA1 \xF0\x28\x8C\x28",
  };
}

Conversation tricky_conversation() {
  Conversation conversation = sample();
  const std::vector<std::string> texts = tricky_strings();
  conversation.campaign_title = texts[4];
  conversation.campaign_links = texts;
  conversation.awaiting_reply = texts;
  conversation.sources[1].error = texts[1];
  conversation.sources[1].error_kind = texts[5];
  conversation.sources[1].discovered_from = texts[6];
  conversation.people[0].urls = texts;
  conversation.people[0].merged_by = texts;
  conversation.people[0].name = texts[7];
  conversation.people[0].comments = std::numeric_limits<int>::max();
  conversation.people[0].influence = std::numeric_limits<int>::min();
  conversation.people[0].repliers = -3;
  conversation.threads[0].blogs = texts;
  conversation.threads[0].last_activity = *make_utc_time(2030, 1, 2, 3, 4, 5);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    Node node = conversation.nodes[1];
    node.id = texts[i];
    node.title = texts[(i + 1) % texts.size()];
    node.author = texts[(i + 2) % texts.size()];
    node.linking_url = texts[(i + 3) % texts.size()];
    node.mentions = {texts[i], texts[(i + 5) % texts.size()]};
    node.parent_unknown = i % 2 == 0;
    node.by_team = i % 3 == 0;
    if (i % 4 == 0) node.spam.reset();
    conversation.nodes.push_back(node);
  }
  return conversation;
}

TEST(ConversationJsonTest, TopLevelKeysInOrder) {
  const Json json = Json::parse(conversation_to_json(sample()));
  EXPECT_EQ(keys(json),
            (std::vector<std::string>{"generated", "previous_build", "campaign", "sources", "nodes",
                                      "people", "awaiting_reply", "threads"}));
  EXPECT_EQ(json["generated"], "2008-11-12T09:30:00Z");
  EXPECT_EQ(json["previous_build"], "2008-11-11T09:30:00Z");
  EXPECT_EQ(keys(json["campaign"]), (std::vector<std::string>{"title", "links"}));
  EXPECT_EQ(json["campaign"]["links"][0], "https://brand.example/");
}

TEST(ConversationJsonTest, SourcesWithNullsForAbsentValues) {
  const Json json = Json::parse(conversation_to_json(sample()));
  const Json& ok = json["sources"][0];
  EXPECT_EQ(keys(ok), (std::vector<std::string>{"id", "name", "url", "feed", "role", "status",
                                                "error", "error_kind", "last_success",
                                                "discovered_from", "platform"}));
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
  EXPECT_EQ(
      keys(post),
      (std::vector<std::string>{
          "id",        "kind",        "source",         "url",       "title",    "author",
          "published", "parent",      "thread",         "links_to",  "spam",     "also_links_to",
          "mentions",  "linking_url", "parent_unknown", "by_team",   "platform", "likes",
          "reposts",   "bookmarks",   "reply_cap",      "first_seen"}));
  EXPECT_EQ(post["kind"], "post");
  EXPECT_EQ(post["first_seen"], "2008-11-10T09:30:00Z");
  EXPECT_TRUE(json["nodes"][1]["first_seen"].is_null());
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
  EXPECT_EQ(keys(alice), (std::vector<std::string>{"id", "name", "urls", "merged_by", "team",
                                                   "posts", "comments", "blogs", "replies_received",
                                                   "repliers", "cross_blog_replies", "influence"}));
  EXPECT_EQ(alice["merged_by"], Json::array({"same Gravatar on Brand blog and Gone blog"}));
  EXPECT_EQ(alice["team"], true);
  EXPECT_EQ(alice["posts"], 1);
  EXPECT_EQ(alice["comments"], 0);
  EXPECT_EQ(json["awaiting_reply"], Json::array({"brand/2"}));
  const Json& thread = json["threads"][0];
  EXPECT_EQ(keys(thread),
            (std::vector<std::string>{"root", "page", "size", "blogs", "last_activity"}));
  EXPECT_TRUE(thread["page"].is_null());
  EXPECT_TRUE(thread["last_activity"].is_null());
}

TEST(ConversationJsonTest, APersonOfOneIdentityHasAnEmptyMergedBy) {
  Conversation conversation = sample();
  conversation.people[0].merged_by.clear();
  const Json json = Json::parse(conversation_to_json(conversation));
  EXPECT_TRUE(json["people"][0]["merged_by"].is_array());
  EXPECT_TRUE(json["people"][0]["merged_by"].empty());
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

TEST(ConversationJsonTest, SameBytesAsNlohmannDump) {
  EXPECT_EQ(conversation_to_json(sample()), reference_text(sample()));
  EXPECT_EQ(conversation_to_json(Conversation{}), reference_text(Conversation{}));
}

TEST(ConversationJsonTest, TrickyStringsSameBytesAsNlohmannDump) {
  EXPECT_EQ(conversation_to_json(tricky_conversation()), reference_text(tricky_conversation()));
}

TEST(ConversationJsonTest, SpamScoresSameBytesAsNlohmannDump) {
  Conversation conversation = sample();
  const double scores[] = {0.0,
                           -0.0,
                           0.1,
                           0.75,
                           2.5,
                           1.0,
                           1e-7,
                           1e-5,
                           0.0001,
                           1.0 / 3,
                           0.1 + 0.2,
                           123456789012345.0,
                           1e15,
                           1e16,
                           1e21,
                           -42.125,
                           5e-324,
                           std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::quiet_NaN(),
                           std::numeric_limits<double>::infinity()};
  for (double score : scores) {
    conversation.nodes[1].spam->score = score;
    EXPECT_EQ(conversation_to_json(conversation), reference_text(conversation)) << score;
  }
  EXPECT_NE(conversation_to_json(conversation).find("\"score\": null"), std::string::npos);
}

TEST(JsonWriterTest, EscapingMatchesNlohmannOnRandomBytes) {
  // Bytes drawn mostly from the interesting ranges: controls, quotes, leads and continuations.
  const std::string alphabet =
      std::string("\x00\x01\x1F\"\\/a~\x7F", 9) +
      "\x80\x8F\x90\x9F\xA0\xBF\xC0\xC1\xC2\xDF\xE0\xE1\xED\xEE\xEF\xF0\xF1\xF4\xF5\xFF";
  std::mt19937 random(20261125);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 10);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int i = length(random); i > 0; --i) text += alphabet[pick(random)];
    std::string escaped;
    append_json_escaped(escaped, text);
    const std::string expected = dump(Json(text));
    ASSERT_EQ('"' + escaped + '"', expected) << testing::PrintToString(text);
  }
}

TEST(JsonWriterTest, LayoutMatchesNlohmannForNestedAndEmptyContainers) {
  JsonWriter writer;
  writer.begin_array();
  writer.begin_array();
  writer.end_array();
  writer.begin_object();
  writer.end_object();
  writer.begin_object();
  writer.key("list");
  writer.begin_array();
  writer.begin_array();
  writer.integer(-7);
  writer.end_array();
  writer.null();
  writer.end_array();
  writer.key("empty");
  writer.begin_object();
  writer.end_object();
  writer.key("yes");
  writer.boolean(true);
  writer.end_object();
  writer.number(2.0);
  writer.string("x");
  writer.end_array();
  const Json expected = Json::parse(R"([[], {}, {"list": [[-7], null], "empty": {}, "yes": true},
                                        2.0, "x"])");
  EXPECT_EQ(writer.take(), dump(expected));

  writer.integer(0);  // a lone top-level value, and take() leaves the writer empty
  EXPECT_EQ(writer.take(), "0");
  EXPECT_EQ(writer.take(), "");
}

TEST(ConversationJsonTest, EnumNames) {
  EXPECT_STREQ(source_status_name(SourceStatus::unchanged), "unchanged");
  EXPECT_STREQ(source_status_name(SourceStatus::gone), "gone");
  EXPECT_STREQ(source_kind_name(SourceKind::blog), "blog");
  EXPECT_STREQ(node_kind_name(NodeKind::mention), "mention");
}

}  // namespace
}  // namespace confab
