// search.json: what the hub's offline search matches on, folded so "rechauffe" finds
// "réchauffé", with spam left out and every link pointing at the node's anchor.
#include "render/search_index.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace confab {
namespace {

Conversation pond() {
  Conversation conversation;
  SourceReport blog;
  blog.id = "pond";
  blog.name = "Le Étang";
  conversation.sources.push_back(blog);

  Node post;
  post.id = "pond/launch";
  post.kind = NodeKind::post;
  post.source = "pond";
  post.thread = "pond/launch";
  post.title = "Nous lançons";
  post.author = "team";
  post.author_name = "Élodie";
  post.published = 1262390400;
  post.text = std::string(200, 'x');
  conversation.nodes.push_back(post);

  Node reply;
  reply.id = "pond/launch/c1";
  reply.kind = NodeKind::comment;
  reply.source = "pond";
  reply.thread = "pond/launch";
  reply.parent = "pond/launch";
  reply.author = "zoe";
  reply.author_name = "Zoé";
  reply.text = "Très   émouvant, ça m'a\nréchauffé le cœur";
  conversation.nodes.push_back(reply);

  Node spam;
  spam.id = "pond/launch/c2";
  spam.kind = NodeKind::comment;
  spam.source = "pond";
  spam.thread = "pond/launch";
  spam.parent = "pond/launch";
  spam.author_name = "Cheap pills";
  spam.spam = SpamVerdict{0.9, {"links"}};
  spam.text = "Buy pills now";
  conversation.nodes.push_back(spam);

  Person zoe;
  zoe.id = "zoe";
  zoe.name = "Zoé";
  zoe.comments = 1;
  zoe.blogs = {"pond"};
  conversation.people.push_back(zoe);
  return conversation;
}

nlohmann::json documents_of(const SiteModel& model) {
  const nlohmann::json index = nlohmann::json::parse(search_index_json(model));
  EXPECT_EQ(index.at("version"), 1);
  return index.at("documents");
}

TEST(SearchIndex, HoldsShownNodesInThreadOrderThenPeopleAndNoSpam) {
  const Conversation conversation = pond();
  const SiteModel model(conversation, 1);
  const nlohmann::json documents = documents_of(model);
  ASSERT_EQ(documents.size(), 3u);
  EXPECT_EQ(documents[0].at("k"), "post");
  EXPECT_EQ(documents[1].at("k"), "comment");
  EXPECT_EQ(documents[2].at("k"), "person");
  EXPECT_EQ(search_index_json(model).find("pills"), std::string::npos);
}

TEST(SearchIndex, AFrenchCommentIsFoundWithoutItsAccents) {
  const Conversation conversation = pond();
  const SiteModel model(conversation, 1);
  const nlohmann::json comment = documents_of(model)[1];
  EXPECT_EQ(comment.at("f"), "nous lancons zoe le etang tres emouvant, ca m'a rechauffe le coeur");
  EXPECT_EQ(comment.at("t"), "Nous lançons");  // a comment carries its thread's title
  EXPECT_EQ(comment.at("a"), "Zoé");
  EXPECT_EQ(comment.at("b"), "Le Étang");
  EXPECT_EQ(comment.at("s"), "Très émouvant, ça m'a réchauffé le cœur");
  EXPECT_EQ(comment.at("d"), "");
}

TEST(SearchIndex, LinksPointAtTheNodesAnchorsAndThePersonsPage) {
  const Conversation conversation = pond();
  const SiteModel model(conversation, 1);
  const nlohmann::json documents = documents_of(model);
  const std::string thread = model.thread_path(conversation.nodes[0]);
  ASSERT_EQ(thread.rfind("threads/", 0), 0u);
  EXPECT_EQ(documents[0].at("u"), thread + "#" + model.anchor(conversation.nodes[0]));
  EXPECT_EQ(documents[1].at("u"), thread + "#" + model.anchor(conversation.nodes[1]));
  EXPECT_EQ(documents[0].at("d"), "2010-01-02T00:00:00Z");
  EXPECT_EQ(documents[2].at("u"), "people/zoe/");
  EXPECT_EQ(documents[2].at("t"), "Zoé");
  EXPECT_EQ(documents[2].at("b"), "Le Étang");
  EXPECT_EQ(documents[2].at("f"), "zoe le etang");
}

TEST(SearchIndex, ALongTextIsCutToASnippetWithAnEllipsis) {
  const Conversation conversation = pond();
  const SiteModel model(conversation, 1);
  EXPECT_EQ(documents_of(model)[0].at("s"), std::string(160, 'x') + "\u2026");
}

TEST(SearchIndex, SnippetsAndFoldedTextAreCutBetweenCharacters) {
  Conversation conversation = pond();
  std::string accents;
  for (int i = 0; i < 1500; ++i) accents += "\xE2\x82\xAC";  // "€", three bytes folding keeps
  conversation.nodes[0].text = accents;
  const SiteModel model(conversation, 1);
  const nlohmann::json post = documents_of(model)[0];
  std::string snippet_expected;
  for (int i = 0; i < 160; ++i) snippet_expected += "\xE2\x82\xAC";
  EXPECT_EQ(post.at("s"), snippet_expected + "\u2026");
  const std::string folded = post.at("f");
  EXPECT_LE(folded.size(), kSearchFoldedBytes);
  EXPECT_GT(folded.size(), kSearchFoldedBytes - 3);
  EXPECT_EQ(folded.substr(folded.size() - 3), "\xE2\x82\xAC");
}

TEST(SearchIndex, IsCompactAndTheSameBytesEveryTime) {
  const Conversation conversation = pond();
  const SiteModel first(conversation, 1), second(conversation, 2);
  const std::string json = search_index_json(first);
  EXPECT_EQ(json, search_index_json(second));
  EXPECT_EQ(json.rfind("{\"version\":1,\"documents\":[{\"k\":\"post\",", 0), 0u);
  EXPECT_EQ(json.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace confab
