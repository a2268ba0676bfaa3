// Arranging the conversation for display: spam out, replies under parents, orphans kept.
#include <gtest/gtest.h>

#include "render/display_tree.h"

namespace confab {
namespace {

Node make_node(const std::string& id, const std::string& parent, const std::string& thread,
               std::optional<UnixTime> published = std::nullopt) {
  Node node;
  node.id = id;
  node.kind = parent.empty() ? NodeKind::post : NodeKind::comment;
  node.parent = parent;
  node.thread = thread;
  node.published = published;
  return node;
}

std::vector<std::string> child_ids(const DisplayNode& node) {
  std::vector<std::string> ids;
  for (const DisplayNode& child : node.children) ids.push_back(child.node->id);
  return ids;
}

TEST(DisplayTreeTest, ThreadsFollowSummaryOrderAndChildrenAreSorted) {
  Conversation conversation;
  conversation.nodes = {make_node("a", "", "a", 100),   make_node("b", "", "b", 200),
                        make_node("a3", "a", "a", 300), make_node("a1", "a", "a", 100),
                        make_node("a2", "a", "a"),      make_node("a0", "a", "a", 100)};
  conversation.threads = {{"b", 1, {}, 200}, {"a", 5, {}, 300}};
  const DisplayConversation display = arrange_conversation(conversation);
  ASSERT_EQ(display.threads.size(), 2u);
  EXPECT_EQ(display.threads[0].root.node->id, "b");
  EXPECT_EQ(display.threads[1].root.node->id, "a");
  EXPECT_EQ(display.threads[1].summary, &conversation.threads[1]);
  // Published then id; undated last.
  EXPECT_EQ(child_ids(display.threads[1].root), (std::vector<std::string>{"a0", "a1", "a3", "a2"}));
}

TEST(DisplayTreeTest, SpamIsSetAsideAndItsRepliesMoveUp) {
  Conversation conversation;
  Node spam = make_node("s", "a", "a", 150);
  spam.spam = SpamVerdict{0.9, {"links"}};
  conversation.nodes = {make_node("a", "", "a", 100), spam, make_node("r", "s", "a", 160)};
  conversation.threads = {{"a", 2, {}, 160}};
  const DisplayConversation display = arrange_conversation(conversation);
  ASSERT_EQ(display.spam.size(), 1u);
  EXPECT_EQ(display.spam[0]->id, "s");
  ASSERT_EQ(display.threads.size(), 1u);
  const DisplayNode& root = display.threads[0].root;
  ASSERT_EQ(child_ids(root), (std::vector<std::string>{"r"}));
  EXPECT_TRUE(root.children[0].parent_unknown);
  EXPECT_FALSE(root.parent_unknown);
}

TEST(DisplayTreeTest, MissingParentHangsUnderThreadRoot) {
  Conversation conversation;
  conversation.nodes = {make_node("a", "", "a", 100), make_node("x", "nowhere", "a", 120)};
  conversation.threads = {{"a", 2, {}, 120}};
  const DisplayConversation display = arrange_conversation(conversation);
  ASSERT_EQ(child_ids(display.threads[0].root), (std::vector<std::string>{"x"}));
  EXPECT_TRUE(display.threads[0].root.children[0].parent_unknown);
}

TEST(DisplayTreeTest, UnlistedRootsAreStillShown) {
  Conversation conversation;
  conversation.nodes = {make_node("a", "", "a", 100), make_node("lost", "", "lost", 500),
                        make_node("orphan", "gone", "gone", 50)};
  conversation.threads = {{"a", 1, {}, 100}};
  const DisplayConversation display = arrange_conversation(conversation);
  ASSERT_EQ(display.threads.size(), 3u);
  EXPECT_EQ(display.threads[0].root.node->id, "a");
  EXPECT_EQ(display.threads[1].root.node->id, "lost");
  EXPECT_EQ(display.threads[1].summary, nullptr);
  EXPECT_EQ(display.threads[2].root.node->id, "orphan");
  EXPECT_TRUE(display.threads[2].root.parent_unknown);
}

TEST(DisplayTreeTest, ParentCyclesDoNotLoop) {
  Conversation conversation;
  conversation.nodes = {make_node("a", "", "a"), make_node("x", "y", "a"),
                        make_node("y", "x", "a")};
  const DisplayConversation display = arrange_conversation(conversation);
  ASSERT_EQ(display.threads.size(), 1u);
  EXPECT_TRUE(display.threads[0].root.children.empty());
}

TEST(DisplayTreeTest, DeepChainsAreFlattenedAtTheLastLevel) {
  Conversation conversation;
  conversation.nodes.push_back(make_node("r", "", "r", 0));
  std::string parent = "r";
  for (int i = 1; i <= 20; ++i) {
    const std::string id = "c" + std::to_string(i);
    conversation.nodes.push_back(make_node(id, parent, "r", i));
    parent = id;
  }
  const DisplayConversation display = arrange_conversation(conversation);
  const DisplayNode* level = &display.threads[0].root;
  for (int depth = 1; depth < kMaxDisplayDepth; ++depth) {
    ASSERT_EQ(level->children.size(), 1u) << depth;
    EXPECT_EQ(level->children[0].reply_to, nullptr);
    level = &level->children[0];
  }
  // c7 holds c8..c20 side by side, each naming its real parent after the first.
  EXPECT_EQ(level->node->id, "c" + std::to_string(kMaxDisplayDepth - 1));
  ASSERT_EQ(level->children.size(), static_cast<std::size_t>(20 - kMaxDisplayDepth + 1));
  EXPECT_EQ(level->children[0].reply_to, nullptr);
  ASSERT_NE(level->children[1].reply_to, nullptr);
  EXPECT_EQ(level->children[1].reply_to->id, level->children[0].node->id);
  EXPECT_EQ(level->children.back().node->id, "c20");
  for (const DisplayNode& flat : level->children) EXPECT_TRUE(flat.children.empty());
}

}  // namespace
}  // namespace confab
