// The site model's sanitizing, one node at a time: a node whose content cannot be made safe is
// one node's loss, named in the problems, never the build's (issue 13).
#include "render/site_model.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "render/render.h"

namespace confab {
namespace {

Node node(const std::string& id, const std::string& parent, const std::string& html) {
  Node made;
  made.id = id;
  made.kind = parent.empty() ? NodeKind::post : NodeKind::comment;
  made.source = "pond";
  made.parent = parent;
  made.thread = "pond/launch";
  made.published = 1262390400 + static_cast<UnixTime>(id.size());
  made.url = "https://pond.example/" + id;
  made.content_html = html;
  return made;
}

Conversation pond() {
  Conversation conversation;
  conversation.nodes = {node("launch", "", "<p>We launch <em>today</em>.</p>"),
                        node("launch/c1", "launch", "<p>POISON</p>"),
                        node("launch/c2", "launch", "<p>Lovely.</p>")};
  return conversation;
}

TEST(SiteModel, ANodeThatFailsToSanitizeIsShownWithoutContentAndNamed) {
  const Conversation conversation = pond();
  const SiteModel model(conversation, 2,
                        [](const std::string& html, const std::string& base, bool* capped) {
                          if (html.find("POISON") != std::string::npos) {
                            throw std::runtime_error("out of memory in the parser");
                          }
                          return sanitize_html(html, base, capped);
                        });
  EXPECT_EQ(model.html(conversation.nodes[0]), "<p>We launch <em>today</em>.</p>");
  EXPECT_EQ(model.html(conversation.nodes[1]), "");
  EXPECT_EQ(model.html(conversation.nodes[2]), "<p>Lovely.</p>");
  ASSERT_EQ(model.problems().size(), 1u);
  EXPECT_EQ(model.problems()[0],
            "https://pond.example/launch/c1: content left out, it could not be sanitized (out "
            "of memory in the parser)");
  // The node keeps its place: its thread is still shown with all three.
  EXPECT_NE(model.thread_of(conversation.nodes[1]), nullptr);
}

TEST(SiteModel, ContentNestedPastTheCapIsFlattenedAndNamed) {
  Conversation conversation = pond();
  std::string deep;
  for (int i = 0; i < 100'000; ++i) deep += "<blockquote>";
  conversation.nodes[1].content_html = deep + "deep down";
  const SiteModel model(conversation, 1);
  EXPECT_NE(model.html(conversation.nodes[1]).find("deep down"), std::string::npos);
  ASSERT_EQ(model.problems().size(), 1u);
  EXPECT_EQ(model.problems()[0].rfind("https://pond.example/launch/c1: nested deeper than 256", 0),
            0u);
}

TEST(SiteModel, RelativeLinksInANodeAreResolvedAgainstItsOwnPage) {
  Conversation conversation = pond();
  conversation.nodes[0].url = "https://pond.example/2026/12/launch/";
  conversation.nodes[0].content_html =
      "<p><a href=\"../notes/\">notes</a> <img src=\"pic.png\" alt=\"\"></p>";
  const SiteModel model(conversation, 1);
  const std::string& html = model.html(conversation.nodes[0]);
  EXPECT_NE(html.find("href=\"https://pond.example/2026/12/notes/\""), std::string::npos) << html;
  EXPECT_NE(html.find("src=\"https://pond.example/2026/12/launch/pic.png\""), std::string::npos)
      << html;
}

TEST(SiteModel, OrdinaryContentHasNoProblems) {
  const Conversation conversation = pond();
  const SiteModel model(conversation, 1);
  EXPECT_TRUE(model.problems().empty());
}

}  // namespace
}  // namespace confab
