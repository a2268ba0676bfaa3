// The desk feeds (issue 18): what waits for an answer, with stable ids so a feed reader shows
// each question once, and what each build found new.
#include "render/desk_feeds.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "base/identifiers.h"
#include "render/csv.h"

namespace confab {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Strings english() {
  Theme theme;
  theme.i18n["en"] = read_text(std::string(CONFAB_SOURCE_DIR) + "/themes/default/i18n/en.toml");
  return Strings::load(theme, "en");
}

const UnixTime kDay = 86400;
const UnixTime kLaunch = *make_utc_time(2008, 11, 10, 9, 0, 0);
const UnixTime kFirstBuild = kLaunch + kDay + 3600;  // saw the post and Ann's question
const UnixTime kSecondBuild = kLaunch + 4 * kDay;    // saw Bob, Carl and a spammer

Node make_node(const std::string& id, NodeKind kind, const std::string& parent,
               const std::string& author, UnixTime published, std::optional<UnixTime> first_seen,
               const std::string& text) {
  Node node;
  node.id = id;
  node.kind = kind;
  node.source = "brand";
  node.parent = parent;
  node.thread = "brand/launch";
  node.author_name = author;
  node.published = published;
  node.first_seen = first_seen;
  node.text = text;
  node.content_html = "<p>" + text + "</p>";
  return node;
}

/// A launch post, Ann's and Bob's questions (both waiting), Carl's reply to Ann, a spammer.
Conversation launch() {
  Conversation conversation;
  conversation.generated = kLaunch + 10 * kDay;
  conversation.previous_build = kSecondBuild;
  SourceReport brand;
  brand.id = "brand";
  brand.name = "Brand Blog";
  brand.url = "https://brand.example/";
  conversation.sources = {brand};
  Node post = make_node("brand/launch", NodeKind::post, "", "Brand", kLaunch, kFirstBuild,
                        "We launch today.");
  post.title = "Launch";
  post.url = "https://brand.example/2008/11/launch/";
  Node ann = make_node("brand/launch/c1", NodeKind::comment, "brand/launch", "Ann", kLaunch + kDay,
                       kFirstBuild, "Does it ship\n to   France?");
  ann.url = "https://brand.example/2008/11/launch/#comment-11";
  Node carl = make_node("brand/launch/c3", NodeKind::comment, "brand/launch/c1", "Carl",
                        kLaunch + 3 * kDay, kSecondBuild, "I wonder too.");
  carl.url = "https://brand.example/2008/11/launch/#comment-13";
  Node bob = make_node("brand/launch/c2", NodeKind::comment, "brand/launch", "Bob",
                       kLaunch + 2 * kDay, kSecondBuild, "When?");
  bob.url = "https://brand.example/2008/11/launch/comment-page-2/#comment-12";
  Node spam = make_node("brand/launch/c4", NodeKind::comment, "brand/launch/c1", "Pills",
                        kLaunch + 5 * kDay, kSecondBuild, "Cheap pills");
  spam.spam = SpamVerdict{0.99, {"pills"}};
  Node unarchived = make_node("brand/launch/c5", NodeKind::comment, "brand/launch", "Dee",
                              kLaunch + 2 * kDay, std::nullopt, "No archive saw me.");
  conversation.nodes = {post, ann, carl, bob, spam, unarchived};
  conversation.awaiting_reply = {"brand/launch/c1", "brand/launch/c2"};
  return conversation;
}

const FeedSite kSite{"Launch Hub", "https://hub.example/", "en"};

struct Parsed {
  pugi::xml_document document;
  std::vector<pugi::xml_node> entries;
};

/// Parses `xml` (failing the test when it is not well-formed) and lists its entries.
void parse(const std::string& xml, Parsed& parsed) {
  const pugi::xml_parse_result result = parsed.document.load_string(xml.c_str());
  ASSERT_TRUE(result) << result.description();
  for (pugi::xml_node entry : parsed.document.child("feed").children("entry")) {
    parsed.entries.push_back(entry);
  }
}

std::string link(const pugi::xml_node& entry, const std::string& rel) {
  for (pugi::xml_node link : entry.children("link")) {
    if (rel == link.attribute("rel").value()) return link.attribute("href").value();
  }
  return "";
}

std::string awaiting_id(const std::string& node_id) {
  return "urn:confab:awaiting:" + short_hash(node_id, 16);
}

TEST(AwaitingAtom, ListsExactlyTheWaitingNodesOldestFirst) {
  const Conversation conversation = launch();
  const SiteModel model(conversation, 1);
  Parsed feed;
  parse(awaiting_atom(model, kSite, english(), awaiting_items(model, kSite, english())), feed);
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_STREQ(feed.document.child("feed").child_value("title"), "Launch Hub — awaiting a reply");
  EXPECT_STREQ(feed.entries[0].child_value("id"), awaiting_id("brand/launch/c1").c_str());
  EXPECT_STREQ(feed.entries[0].child_value("title"), "Ann asked on “Launch”");
  EXPECT_STREQ(feed.entries[0].child_value("published"), "2008-11-11T09:00:00Z");
  EXPECT_STREQ(feed.entries[0].child_value("updated"), "2008-11-11T09:00:00Z");
  EXPECT_STREQ(feed.entries[1].child_value("id"), awaiting_id("brand/launch/c2").c_str());
  EXPECT_STREQ(feed.entries[1].child_value("title"), "Bob asked on “Launch”");
  // The feed is as new as its newest question.
  EXPECT_STREQ(feed.document.child("feed").child_value("updated"), "2008-11-12T09:00:00Z");
}

TEST(AwaitingAtom, IdsDifferFromTheMainFeedsNodeIds) {
  const Conversation conversation = launch();
  const SiteModel model(conversation, 1);
  Parsed feed;
  parse(awaiting_atom(model, kSite, english(), awaiting_items(model, kSite, english())), feed);
  ASSERT_FALSE(feed.entries.empty());
  EXPECT_NE(std::string(feed.entries[0].child_value("id")),
            "urn:confab:node:" + short_hash("brand/launch/c1", 16));
}

TEST(AwaitingAtom, AnAnsweredQuestionLeavesWhileTheOtherKeepsItsId) {
  const Conversation before = launch();
  Conversation after = launch();
  // Next build: Ann got her answer, and a new question came in.
  after.generated += kDay;
  Node answer = make_node("brand/launch/c6", NodeKind::comment, "brand/launch/c1", "Brand",
                          kLaunch + 10 * kDay, kLaunch + 11 * kDay, "Yes, it does.");
  answer.by_team = true;
  after.nodes.push_back(answer);
  after.awaiting_reply = {"brand/launch/c2"};
  const SiteModel model_before(before, 1);
  const SiteModel model_after(after, 1);
  Parsed first, second;
  parse(
      awaiting_atom(model_before, kSite, english(), awaiting_items(model_before, kSite, english())),
      first);
  parse(awaiting_atom(model_after, kSite, english(), awaiting_items(model_after, kSite, english())),
        second);
  ASSERT_EQ(first.entries.size(), 2u);
  ASSERT_EQ(second.entries.size(), 1u);
  EXPECT_STREQ(second.entries[0].child_value("id"), first.entries[1].child_value("id"));
  EXPECT_STREQ(second.entries[0].child_value("published"),
               first.entries[1].child_value("published"));
  EXPECT_STREQ(second.entries[0].child_value("updated"), first.entries[1].child_value("updated"));
}

TEST(AwaitingAtom, LinksToWhereOneRepliesAndToTheHub) {
  const Conversation conversation = launch();
  const SiteModel model(conversation, 1);
  Parsed feed;
  parse(awaiting_atom(model, kSite, english(), awaiting_items(model, kSite, english())), feed);
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(link(feed.entries[0], "alternate"),
            "https://brand.example/2008/11/launch/?replytocom=11#respond");
  EXPECT_EQ(link(feed.entries[1], "alternate"),
            "https://brand.example/2008/11/launch/?replytocom=12#respond");
  const Node& ann = conversation.nodes[1];
  EXPECT_EQ(
      link(feed.entries[0], "related"),
      "https://hub.example/" + model.thread_path(conversation.nodes[0]) + "#" + model.anchor(ann));
  EXPECT_EQ(link(feed.entries[0], "related").rfind("https://hub.example/threads/", 0), 0u);
}

TEST(AwaitingAtom, ContentSaysHowLongItWaitedAndWhoSpokeLast) {
  const Conversation conversation = launch();
  const SiteModel model(conversation, 1);
  Parsed feed;
  parse(awaiting_atom(model, kSite, english(), awaiting_items(model, kSite, english())), feed);
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_STREQ(feed.entries[0].child("content").attribute("type").value(), "html");
  // Carl replied below Ann (not an answer from the team); the later spammer does not count.
  EXPECT_EQ(std::string(feed.entries[0].child_value("content")),
            "<p>Does it ship\n to   France?</p><p>Waiting since 11 Nov 2008 (9 days at this "
            "build) · last word: Carl · thread: Launch</p><p><a "
            "href=\"https://brand.example/2008/11/launch/?replytocom=11#respond\">Reply "
            "here</a></p>");
  // Nothing below Bob: the last word is his own.
  EXPECT_NE(std::string(feed.entries[1].child_value("content"))
                .find("(8 days at this build) · last word: Bob · thread: Launch"),
            std::string::npos);
}

TEST(AwaitingAtom, SkipsNodesTheHubDoesNotShow) {
  Conversation conversation = launch();
  conversation.awaiting_reply = {"brand/launch/c4", "nowhere/x", "brand/launch/c2"};
  const SiteModel model(conversation, 1);
  Parsed feed;
  parse(awaiting_atom(model, kSite, english(), awaiting_items(model, kSite, english())), feed);
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_STREQ(feed.entries[0].child_value("id"), awaiting_id("brand/launch/c2").c_str());
}

TEST(AwaitingAtom, IsTheSameOnEveryRun) {
  const Conversation conversation = launch();
  const SiteModel model(conversation, 1);
  const SiteModel again(conversation, 2);
  EXPECT_EQ(awaiting_atom(model, kSite, english(), awaiting_items(model, kSite, english())),
            awaiting_atom(again, kSite, english(), awaiting_items(again, kSite, english())));
  EXPECT_EQ(new_digest_atom(model, kSite, english()), new_digest_atom(again, kSite, english()));
}

TEST(AwaitingJson, CarriesTheSameItemsAndTheDeskFields) {
  const Conversation conversation = launch();
  const SiteModel model(conversation, 1);
  const auto feed = nlohmann::json::parse(
      awaiting_json(kSite, english(), awaiting_items(model, kSite, english())));
  EXPECT_EQ(feed["version"], "https://jsonfeed.org/version/1.1");
  EXPECT_EQ(feed["feed_url"], "https://hub.example/awaiting.json");
  ASSERT_EQ(feed["items"].size(), 2u);
  const auto& item = feed["items"][0];
  EXPECT_EQ(item["id"], awaiting_id("brand/launch/c1"));
  EXPECT_EQ(item["url"], "https://brand.example/2008/11/launch/?replytocom=11#respond");
  EXPECT_EQ(item["external_url"], "https://brand.example/2008/11/launch/#comment-11");
  EXPECT_EQ(item["date_published"], "2008-11-11T09:00:00Z");
  EXPECT_EQ(item["authors"][0]["name"], "Ann");
  const std::string thread_url = "https://hub.example/" + model.thread_path(conversation.nodes[0]);
  EXPECT_EQ(
      item["_confab"],
      nlohmann::json({{"waiting_seconds", 9 * kDay},
                      {"last_word", "Carl"},
                      {"thread_title", "Launch"},
                      {"thread_url", thread_url},
                      {"reply_url", "https://brand.example/2008/11/launch/?replytocom=11#respond"},
                      {"node", "brand/launch/c1"}}));
  EXPECT_EQ(feed["items"][1]["id"], awaiting_id("brand/launch/c2"));
}

TEST(AwaitingCsv, HasTheHeaderAndOneRowPerItem) {
  const Conversation conversation = launch();
  const SiteModel model(conversation, 1);
  const std::string csv = awaiting_csv(model, awaiting_items(model, kSite, english()));
  const std::string header =
      std::string(kCsvBom) +
      "waiting_since,waiting_hours,author,source,thread,text,url,reply_url,hub_url\r\n";
  ASSERT_EQ(csv.rfind(header, 0), 0u);
  const std::string hub = "https://hub.example/" + model.thread_path(conversation.nodes[0]) + "#" +
                          model.anchor(conversation.nodes[1]);
  const std::string ann_row =
      "2008-11-11T09:00:00Z,216,Ann,Brand Blog,Launch,Does it ship to France?,"
      "https://brand.example/2008/11/launch/#comment-11,"
      "https://brand.example/2008/11/launch/?replytocom=11#respond," +
      hub + "\r\n";
  EXPECT_EQ(csv.substr(header.size(), ann_row.size()), ann_row);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
}

TEST(AwaitingCsv, QuotesFieldsThatNeedIt) {
  Conversation conversation = launch();
  conversation.nodes[1].author_name = "Ann \"the bold\", Paris";
  const SiteModel model(conversation, 1);
  const std::string csv = awaiting_csv(model, awaiting_items(model, kSite, english()));
  EXPECT_NE(csv.find(",\"Ann \"\"the bold\"\", Paris\",Brand Blog,"), std::string::npos);
}

TEST(AwaitingCsv, TextAFormulaWouldStartWithIsDefused) {
  Conversation conversation = launch();
  conversation.nodes[1].author_name = "=cmd|' /C calc'!A0";
  conversation.nodes[1].text = "+HYPERLINK(\"https://evil.example\") ?";
  const SiteModel model(conversation, 1);
  const std::string csv = awaiting_csv(model, awaiting_items(model, kSite, english()));
  EXPECT_NE(csv.find(",'=cmd|' /C calc'!A0,Brand Blog,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"'+HYPERLINK(\"\"https://evil.example\"\") ?\","), std::string::npos)
      << csv;
}

TEST(NewDigestAtom, GroupsByBuildNewestFirstWithStableIdsAndCounts) {
  const Conversation conversation = launch();
  const SiteModel model(conversation, 1);
  Parsed feed;
  parse(new_digest_atom(model, kSite, english()), feed);
  EXPECT_STREQ(feed.document.child("feed").child_value("title"),
               "Launch Hub — new in the conversation");
  EXPECT_STREQ(feed.document.child("feed").child_value("updated"), "2008-11-14T09:00:00Z");
  ASSERT_EQ(feed.entries.size(), 2u);
  // Bob and Carl; the spammer and the node no archive saw are left out.
  EXPECT_STREQ(feed.entries[0].child_value("id"),
               ("urn:confab:build:" + std::to_string(kSecondBuild)).c_str());
  EXPECT_STREQ(feed.entries[0].child_value("title"), "2 new comments");
  EXPECT_STREQ(feed.entries[0].child_value("published"), "2008-11-14T09:00:00Z");
  EXPECT_STREQ(feed.entries[0].child_value("updated"), "2008-11-14T09:00:00Z");
  EXPECT_STREQ(feed.entries[1].child_value("id"),
               ("urn:confab:build:" + std::to_string(kFirstBuild)).c_str());
  EXPECT_STREQ(feed.entries[1].child_value("title"), "1 new post, 1 new comment");
  const std::string thread = "https://hub.example/" + model.thread_path(conversation.nodes[0]);
  EXPECT_EQ(std::string(feed.entries[0].child_value("content")),
            "<h3><a href=\"" + thread + "\">Launch</a></h3><ul><li><a href=\"" + thread + "#" +
                model.anchor(conversation.nodes[3]) + "\">Bob</a>: When?</li><li><a href=\"" +
                thread + "#" + model.anchor(conversation.nodes[2]) +
                "\">Carl</a>: I wonder too.</li></ul>");
}

TEST(NewDigestAtom, KeepsAnEntrysIdAndContentOnTheNextBuild) {
  const Conversation before = launch();
  Conversation after = launch();
  after.generated += kDay;
  after.previous_build = kLaunch + 10 * kDay;
  after.nodes.push_back(make_node("brand/launch/c6", NodeKind::comment, "brand/launch/c2", "Brand",
                                  kLaunch + 10 * kDay, kLaunch + 10 * kDay, "Soon!"));
  const SiteModel model_before(before, 1);
  const SiteModel model_after(after, 1);
  Parsed first, second;
  parse(new_digest_atom(model_before, kSite, english()), first);
  parse(new_digest_atom(model_after, kSite, english()), second);
  ASSERT_EQ(first.entries.size(), 2u);
  ASSERT_EQ(second.entries.size(), 3u);
  EXPECT_STREQ(second.entries[0].child_value("title"), "1 new comment");
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_STREQ(second.entries[i + 1].child_value("id"), first.entries[i].child_value("id"));
    EXPECT_STREQ(second.entries[i + 1].child_value("content"),
                 first.entries[i].child_value("content"));
  }
}

TEST(NewDigestAtom, ShowsAtMostFiftyItemsThenHowManyMore) {
  Conversation conversation = launch();
  for (int i = 0; i < 53; ++i) {
    conversation.nodes.push_back(make_node("brand/launch/m" + std::to_string(100 + i),
                                           NodeKind::comment, "brand/launch", "Fan",
                                           kLaunch + 6 * kDay + i, kLaunch + 7 * kDay, "Yay"));
  }
  const SiteModel model(conversation, 1);
  Parsed feed;
  parse(new_digest_atom(model, kSite, english()), feed);
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_STREQ(feed.entries[0].child_value("title"), "53 new comments");
  const std::string content = feed.entries[0].child_value("content");
  std::size_t items = 0;
  for (std::size_t at = content.find("<li>"); at != std::string::npos;
       at = content.find("<li>", at + 1)) {
    ++items;
  }
  EXPECT_EQ(items, 50u);
  EXPECT_TRUE(content.ends_with("</ul><p>and 3 more</p>")) << content;
}

TEST(NewDigestAtom, CutsLongTextToAnExcerpt) {
  Conversation conversation = launch();
  std::string words;
  for (int i = 0; i < 40; ++i) words += "éclair ";
  conversation.nodes[3].text = words;
  const SiteModel model(conversation, 1);
  Parsed feed;
  parse(new_digest_atom(model, kSite, english()), feed);
  ASSERT_EQ(feed.entries.size(), 2u);
  const std::string content = feed.entries[0].child_value("content");
  // 20 whole words (139 characters) and the ellipsis: 140 characters.
  std::string expected = "\">Bob</a>: ";
  for (int i = 0; i < 20; ++i) expected += i ? " éclair" : "éclair";
  expected += "…</li>";
  EXPECT_NE(content.find(expected), std::string::npos) << content;
}

TEST(NewDigestAtom, WithoutFirstSeenThereIsNoEntry) {
  Conversation conversation = launch();
  for (Node& node : conversation.nodes) node.first_seen.reset();
  const SiteModel model(conversation, 1);
  Parsed feed;
  parse(new_digest_atom(model, kSite, english()), feed);
  EXPECT_TRUE(feed.entries.empty());
  EXPECT_STREQ(feed.document.child("feed").child_value("updated"), "2008-11-20T09:00:00Z");
}

TEST(DeskFeeds, LinksAreRelativeToTheSiteWithoutABaseUrl) {
  const Conversation conversation = launch();
  const SiteModel model(conversation, 1);
  const FeedSite local{"Launch Hub", "", "en"};
  Parsed feed;
  parse(awaiting_atom(model, local, english(), awaiting_items(model, local, english())), feed);
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(link(feed.entries[0], "related"), "");
  EXPECT_EQ(link(feed.entries[0], "alternate"),
            "https://brand.example/2008/11/launch/?replytocom=11#respond");
  EXPECT_STREQ(feed.document.child("feed").child_value("id"),
               "urn:confab:site:launch-hub:awaiting.xml");
}

}  // namespace
}  // namespace confab
