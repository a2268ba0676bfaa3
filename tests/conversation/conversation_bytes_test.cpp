#include "conversation/conversation_bytes.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

/// A conversation with every field of every struct set to something other than its default.
Conversation full_conversation() {
  Conversation conversation;
  conversation.campaign_title = "Bring the love back";
  conversation.campaign_links = {"https://video.example/love", "https://love.example/"};

  Node post;
  post.id = "kite-club/1a2b";
  post.kind = NodeKind::post;
  post.source = "kite-club";
  post.platform = "mastodon";
  post.url = "https://kite.example/post";
  post.title = "Building a kite";
  post.author = "odile";
  post.author_name = "Odile";
  post.author_url = "https://odile.example/";
  post.author_avatar = "https://gravatar.example/avatar/1f3870be";
  post.author_verified = {"https://odile.example/", "https://odile.example/about"};
  post.published = -86400;  // before 1970: the sign survives
  post.parent = "";
  post.thread = "kite-club/1a2b";
  post.links_to = {"sky-notes/9f"};
  post.spam = SpamVerdict{1.25, {"generic praise", "no author name"}};
  post.content_html =
      "<p>Kites, \xC3\xA9t\xC3\xA9 \xE2\x80\x9C"
      "and\xE2\x80\x9D wind</p>";
  post.by_team = true;
  post.parent_unknown = true;
  post.also_links_to = {"sky-notes/9f"};
  post.mentions = {"sky-notes/77"};
  post.linking_url = "https://sky.example/linking";
  post.likes = 12;
  post.reposts = 300;
  post.bookmarks = 2;
  post.reply_cap = 60;
  post.first_seen = 1302000000;
  post.text = "Kites, ete and wind";
  conversation.nodes.push_back(post);

  Node comment;  // defaults: empty strings, no optionals
  comment.id = "kite-club/3c4d";
  comment.kind = NodeKind::mention;
  comment.likes = -1;
  conversation.nodes.push_back(comment);

  Person odile;
  odile.id = "odile";
  odile.name = "Odile";
  odile.urls = {"https://odile.example/"};
  odile.merged_by = {"same homepage https://odile.example/"};
  odile.team = true;
  odile.posts = 3;
  odile.comments = 4;
  odile.blogs = {"kite-club", "sky-notes"};
  odile.replies_received = 5;
  odile.repliers = 6;
  odile.cross_blog_replies = 7;
  odile.influence = 8;
  conversation.people.push_back(odile);

  conversation.awaiting_reply = {"kite-club/3c4d"};
  conversation.threads.push_back({"kite-club/1a2b", 2, {"kite-club"}, 1302003600});
  conversation.threads.push_back({"sky-notes/9f", 1, {}, std::nullopt});
  return conversation;
}

TEST(ConversationBytes, GiveBackWhatThreadingMade) {
  const Conversation conversation = full_conversation();
  EXPECT_EQ(conversation_from_bytes(conversation_to_bytes(conversation)), conversation);
  EXPECT_EQ(conversation_from_bytes(conversation_to_bytes(Conversation{})), Conversation{});
}

TEST(ConversationBytes, LeaveOutWhatTheBuildSets) {
  Conversation conversation = full_conversation();
  conversation.generated = 1302003600;
  conversation.previous_build = 1302000000;
  SourceReport source;
  source.id = "kite-club";
  conversation.sources.push_back(source);
  const Conversation read = conversation_from_bytes(conversation_to_bytes(conversation));
  EXPECT_EQ(read.generated, 0);
  EXPECT_FALSE(read.previous_build);
  EXPECT_TRUE(read.sources.empty());
  EXPECT_EQ(read.nodes, conversation.nodes);
}

TEST(ConversationBytes, ComeInPiecesThatMakeTheWhole) {
  Conversation conversation = full_conversation();
  const Node model = conversation.nodes.front();
  for (int i = 0; i < 3000; ++i) {  // about 3 MB of HTML: several pieces
    Node node = model;
    node.id += std::to_string(i);
    node.content_html = std::string(1000, static_cast<char>('a' + i % 26));
    conversation.nodes.push_back(std::move(node));
  }
  std::string whole;
  int pieces = 0;
  write_conversation_bytes(conversation, [&](std::string_view piece) {
    EXPECT_FALSE(piece.empty());
    whole.append(piece);
    ++pieces;
  });
  EXPECT_GT(pieces, 2);
  EXPECT_EQ(whole, conversation_to_bytes(conversation));
  EXPECT_EQ(conversation_from_bytes(whole), conversation);
}

TEST(ConversationBytes, RefuseBytesCutShortOrRunningOn) {
  const std::string bytes = conversation_to_bytes(full_conversation());
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    EXPECT_THROW(conversation_from_bytes(std::string_view(bytes).substr(0, size)),
                 ConversationBytesError)
        << "cut at " << size << " of " << bytes.size();
  }
  EXPECT_THROW(conversation_from_bytes(bytes + '\0'), ConversationBytesError);
}

TEST(ConversationBytes, RefuseImpossibleValuesWithoutReservingForThem) {
  // A list that says it holds 2^62 nodes: refused before anything is reserved.
  std::string bytes = conversation_to_bytes(Conversation{});
  // campaign_title "" (0), campaign_links 0, then the nodes' count.
  ASSERT_EQ(bytes.substr(0, 3), std::string("\0\0\0", 3));
  std::string huge = bytes.substr(0, 2) + "\x80\x80\x80\x80\x80\x80\x80\x80\x40" + bytes.substr(3);
  EXPECT_THROW(conversation_from_bytes(huge), ConversationBytesError);
  // A number that never ends.
  EXPECT_THROW(conversation_from_bytes(std::string(11, '\xFF')), ConversationBytesError);
}

}  // namespace
}  // namespace confab
