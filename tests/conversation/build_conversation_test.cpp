// A small campaign, built by hand, threaded end to end.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "conversation/build_conversation.h"

namespace confab {
namespace {

constexpr UnixTime kDay = 86400;
constexpr UnixTime kStart = 1225238400;  // 2008-10-29

Entry post(std::string id, std::string link, std::string title, std::string html, UnixTime when,
           std::string author = "Writer", std::string author_url = "") {
  Entry entry;
  entry.id = std::move(id);
  entry.link = std::move(link);
  entry.title = std::move(title);
  entry.content = std::move(html);
  entry.published = when;
  entry.authors = {{std::move(author), "", std::move(author_url)}};
  return entry;
}

Entry comment(std::string id, std::string link, std::string author, std::string author_url,
              std::string html, UnixTime when, std::vector<InReplyTo> replies = {}) {
  Entry entry = post(std::move(id), std::move(link), "", std::move(html), when, std::move(author),
                     std::move(author_url));
  entry.in_reply_to = std::move(replies);
  return entry;
}

SourceHarvest source(std::string id, SourceKind role) {
  SourceHarvest harvest;
  harvest.report.id = id;
  harvest.report.name = id;
  harvest.report.url = "https://" + id + ".example/";
  harvest.report.role = role;
  return harvest;
}

const Node& node_of(const Conversation& conversation, const std::string& url) {
  const auto it = std::find_if(conversation.nodes.begin(), conversation.nodes.end(),
                               [&](const Node& n) { return n.url == url; });
  if (it == conversation.nodes.end()) throw std::runtime_error("no node at " + url);
  return *it;
}

class ConversationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config.site.title = "Bring the love back";
    config.campaign.links = {"https://video.example/love"};
    config.campaign.keywords = {"bring the love back"};
    config.campaign.team = {{"General Pattern", "https://gp.example/"}};

    auto campaign = source("campaign", SourceKind::campaign);
    campaign.posts.push_back(post("a1", "https://campaign.example/launch", "The video is out",
                                  "<p>Watch <a href=\"https://video.example/love\">it</a>.</p>",
                                  kStart, "General Pattern", "https://gp.example/"));
    const InReplyTo to_a1{"a1", "https://campaign.example/launch"};
    auto& launch = campaign.comments["a1"];
    launch.push_back(comment(
        "a1#c1", "https://campaign.example/launch#comment-1", "Toby", "https://toby.example/",
        "<p>Could I show the video in my workshops?</p>", kStart + 100, {to_a1}));
    launch.push_back(comment("a1#c2", "https://campaign.example/launch#comment-2",
                             "General Pattern", "https://gp.example/",
                             "<p>Hi Toby, I will send you a copy on Monday.</p>", kStart + 200,
                             {to_a1}));
    launch.push_back(comment("a1#c3", "https://campaign.example/launch#comment-3", "Sceptic", "",
                             "<p>Is this not just an advert?</p>", kStart + 300, {to_a1}));
    launch.push_back(
        comment("a1#c4", "https://campaign.example/launch#comment-4", "", "",
                "<p>This post could not be written any better! Thanks for sharing!</p>",
                kStart + 400, {to_a1}));
    launch.push_back(comment("a1#c5", "https://campaign.example/launch#comment-5", "Why we cried",
                             "https://c.example/cried",
                             "<p>[&#8230;] the video from Brussels [&#8230;]</p>", kStart + 500,
                             {to_a1}));
    launch.push_back(comment("a1#c6", "https://campaign.example/launch#comment-6", "Class blog",
                             "https://school.example/lesson",
                             "<p>[&#8230;] nossa aula sobre o video [&#8230;]</p>", kStart + 600,
                             {to_a1}));
    launch.push_back(comment("a1#c7", "https://campaign.example/launch#comment-7", "Toby",
                             "https://toby.example/", "<p>Thank you!</p>", kStart + 700,
                             {{"a1#c2", ""}}));

    auto b = source("b", SourceKind::blog);
    b.posts.push_back(post(
        "b1", "https://b.example/loved-it", "I loved it",
        "<p>See <a href=\"https://campaign.example/launch/\">the launch</a>.</p>", kStart + kDay));
    b.posts.push_back(
        post("b2", "https://b.example/cats", "Cats", "<p>Nothing here.</p>", kStart + kDay));
    b.posts.push_back(post("b3", "https://b.example/kw", "Why Bring The Love Back works",
                           "<p>A keyword only.</p>", kStart + 2 * kDay));
    b.comments["b1"].push_back(comment("b1#c1", "https://b.example/loved-it#comment-1", "Toby",
                                       "https://toby.example", "<p>Me too.</p>",
                                       kStart + kDay + 10));

    auto c = source("c", SourceKind::blog);
    c.posts.push_back(post("c1", "https://c.example/cried", "Why we cried",
                           "<p><a href=\"https://b.example/loved-it\">B</a> and "
                           "<a href=\"https://campaign.example/launch\">the launch</a>.</p>",
                           kStart + 3 * kDay));
    harvests = {campaign, b, c};
  }

  const Node& node(const std::string& url_or_title) const {
    auto it = std::find_if(conversation.nodes.begin(), conversation.nodes.end(),
                           [&](const Node& n) { return n.url == url_or_title; });
    EXPECT_NE(it, conversation.nodes.end()) << url_or_title;
    return *it;
  }
  bool has(const std::string& url) const {
    return std::any_of(conversation.nodes.begin(), conversation.nodes.end(),
                       [&](const Node& n) { return n.url == url; });
  }

  SiteConfig config;
  std::vector<SourceHarvest> harvests;
  Conversation conversation;
};

TEST_F(ConversationTest, SelectsPostsByRoleLinkKeywordAndTransitiveLinks) {
  const auto refs = select_conversation_posts(config.campaign, harvests);
  std::vector<std::string> ids;
  for (auto ref : refs) ids.push_back(harvests[ref.source].posts[ref.post].id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a1", "b1", "b3", "c1"}));
}

TEST_F(ConversationTest, ThreadsPostsCommentsAndMentions) {
  conversation = build_conversation(config, harvests, kStart + 10 * kDay);
  EXPECT_FALSE(has("https://b.example/cats"));
  const Node& a1 = node("https://campaign.example/launch");
  const Node& b1 = node("https://b.example/loved-it");
  const Node& c1 = node("https://c.example/cried");
  EXPECT_EQ(a1.parent, "");
  EXPECT_EQ(b1.parent, a1.id);
  EXPECT_EQ(c1.parent, b1.id) << "the most recent older post it links to";
  EXPECT_EQ(c1.links_to.size(), 2u);
  EXPECT_EQ(c1.thread, a1.id);

  EXPECT_EQ(node("https://campaign.example/launch#comment-1").parent, a1.id);
  EXPECT_EQ(node("https://campaign.example/launch#comment-7").parent,
            node("https://campaign.example/launch#comment-2").id);
  EXPECT_TRUE(node("https://campaign.example/launch#comment-2").by_team);

  // The pingback from a conversation post merges into its edge; the other is a mention.
  EXPECT_FALSE(has("https://campaign.example/launch#comment-5"));
  EXPECT_EQ(node("https://campaign.example/launch#comment-6").kind, NodeKind::mention);

  const Node& spam = node("https://campaign.example/launch#comment-4");
  ASSERT_TRUE(spam.spam.has_value());
  EXPECT_FALSE(spam.spam->reasons.empty());
}

// A build hands its harvests over (their HTML moves into the nodes); tools lend them.
TEST_F(ConversationTest, TakingTheHarvestsThreadsTheSameConversation) {
  const Conversation lent = build_conversation(config, harvests, kStart + 10 * kDay);
  std::vector<SourceHarvest> handed = harvests;
  const Conversation taken = build_conversation(config, std::move(handed), kStart + 10 * kDay);
  ASSERT_EQ(taken.nodes.size(), lent.nodes.size());
  for (std::size_t i = 0; i < lent.nodes.size(); ++i) {
    const Node& a = lent.nodes[i];
    const Node& b = taken.nodes[i];
    EXPECT_EQ(b.id, a.id);
    EXPECT_EQ(b.kind, a.kind) << a.id;
    EXPECT_EQ(b.parent, a.parent) << a.id;
    EXPECT_EQ(b.thread, a.thread) << a.id;
    EXPECT_EQ(b.content_html, a.content_html) << a.id;
    EXPECT_EQ(b.text, a.text) << a.id;
    EXPECT_EQ(b.links_to, a.links_to) << a.id;
    EXPECT_EQ(b.mentions, a.mentions) << a.id;
    EXPECT_EQ(b.spam.has_value(), a.spam.has_value()) << a.id;
    EXPECT_EQ(b.author, a.author) << a.id;
  }
  EXPECT_FALSE(node_of(lent, "https://campaign.example/launch#comment-3").content_html.empty());
  EXPECT_EQ(taken.awaiting_reply, lent.awaiting_reply);
  ASSERT_EQ(taken.people.size(), lent.people.size());
  for (std::size_t i = 0; i < lent.people.size(); ++i) {
    EXPECT_EQ(taken.people[i].id, lent.people[i].id);
  }
  ASSERT_EQ(taken.threads.size(), lent.threads.size());
  for (std::size_t i = 0; i < lent.threads.size(); ++i) {
    EXPECT_EQ(taken.threads[i].root, lent.threads[i].root);
    EXPECT_EQ(taken.threads[i].size, lent.threads[i].size);
  }
}

TEST_F(ConversationTest, AwaitingReplyHoldsOnlyUnansweredQuestions) {
  conversation = build_conversation(config, harvests, kStart + 10 * kDay);
  ASSERT_EQ(conversation.awaiting_reply.size(), 1u);
  EXPECT_EQ(conversation.awaiting_reply[0], node("https://campaign.example/launch#comment-3").id);
}

TEST_F(ConversationTest, ThreadsAreSummarisedNewestActivityFirst) {
  conversation = build_conversation(config, harvests, kStart + 10 * kDay);
  ASSERT_EQ(conversation.threads.size(), 2u);
  const auto& launch = conversation.threads[0];
  EXPECT_EQ(launch.root, node("https://campaign.example/launch").id);
  EXPECT_EQ(launch.blogs, (std::vector<std::string>{"b", "c", "campaign"}));
  // 3 posts + 5 comments + 1 mention; the spam comment and the merged pingback are not.
  EXPECT_EQ(launch.size, 9);
  EXPECT_EQ(conversation.threads[1].root, node("https://b.example/kw").id);
  // Parents come before their children in the node list.
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < conversation.nodes.size(); ++i) {
    position[conversation.nodes[i].id] = i;
  }
  for (const auto& n : conversation.nodes) {
    if (!n.parent.empty()) {
      EXPECT_LT(position[n.parent], position[n.id]) << n.url;
    }
  }
}

TEST_F(ConversationTest, PeopleAreRecognisedAcrossBlogsByUrl) {
  conversation = build_conversation(config, harvests, kStart + 10 * kDay);
  auto toby = std::find_if(conversation.people.begin(), conversation.people.end(),
                           [](const Person& p) { return p.name == "Toby"; });
  ASSERT_NE(toby, conversation.people.end());
  EXPECT_EQ(toby->comments, 3);
  EXPECT_EQ(toby->blogs, (std::vector<std::string>{"b", "campaign"}));
  auto team = std::find_if(conversation.people.begin(), conversation.people.end(),
                           [](const Person& p) { return p.team; });
  ASSERT_NE(team, conversation.people.end());
  EXPECT_EQ(team->name, "General Pattern");
  EXPECT_EQ(team->posts, 1);
  EXPECT_EQ(team->comments, 1);
}

TEST_F(ConversationTest, DiscoveryTargetsAreLinksToUnknownBlogs) {
  harvests[1].posts[0].content +=
      "<p><a href=\"https://newblog.example/2008/11/post.html\">new</a> "
      "<a href=\"https://newblog.example/pic.jpg\">pic</a> "
      "<a href=\"https://c.example/other\">known</a></p>";
  // Links first, then the linking post of the pingback from the Brazilian class blog, then the
  // homepages commenters left (their blogs may write about the campaign too).
  std::vector<std::string> urls;
  std::vector<bool> homepage;
  for (const CrawlTarget& target : crawl_targets(config, harvests)) {
    urls.push_back(target.url);
    homepage.push_back(target.homepage);
  }
  EXPECT_EQ(urls, (std::vector<std::string>{"https://newblog.example/2008/11/post.html",
                                            "https://school.example/lesson",
                                            "https://toby.example/", "https://gp.example/"}));
  EXPECT_EQ(homepage, (std::vector<bool>{false, false, true, true}));
}

TEST_F(ConversationTest, WebmentionsReplyUnderTheirTargetAndReactionsAreCounted) {
  auto webmention = source("webmention", SourceKind::blog);
  webmention.report.platform = "webmention";
  // A reply from c.example's own post (also in c's feed: one node) and a note from a new site.
  Entry same =
      post("https://c.example/cried", "https://c.example/cried", "",
           "<p>Reply.</p><p><a href=\"https://b.example/loved-it\">x</a></p>", kStart + 3 * kDay);
  same.in_reply_to = {{"https://b.example/loved-it", "https://b.example/loved-it"}};
  Entry note = post("https://notes.example/1", "https://notes.example/1", "",
                    "<p>So true.</p><p><a href=\"https://b.example/loved-it\">x</a></p>",
                    kStart + 4 * kDay, "Nia", "https://notes.example/");
  note.in_reply_to = same.in_reply_to;
  webmention.posts = {same, note};
  const std::vector<std::pair<std::string, std::string>> reactions = {
      {"like", "https://pip.example/like/1"},
      {"like", "https://oskar.example/like/2"},
      {"like", "https://oskar.example/like/2"},  // the same like read twice counts once
      {"repost", "https://pip.example/repost/1"},
      {"bookmark", "webmention:77"}};
  for (const auto& [kind, id] : reactions) {
    Entry reaction = post(id, id, "", "", kStart + 5 * kDay);
    reaction.reaction = kind;
    reaction.in_reply_to = {{"https://b.example/loved-it/", "https://b.example/loved-it/"}};
    webmention.posts.push_back(reaction);
  }
  Entry elsewhere = post("webmention:78", "", "", "", kStart + 5 * kDay);
  elsewhere.reaction = "like";
  elsewhere.in_reply_to = {{"https://nowhere.example/", "https://nowhere.example/"}};
  webmention.posts.push_back(elsewhere);
  harvests.push_back(webmention);
  conversation = build_conversation(config, harvests, kStart + 10 * kDay);

  const Node& loved = node("https://b.example/loved-it");
  EXPECT_EQ(loved.likes, 2);
  EXPECT_EQ(loved.reposts, 1);
  EXPECT_EQ(loved.bookmarks, 1);
  EXPECT_EQ(node("https://notes.example/1").parent, loved.id);
  EXPECT_EQ(node("https://notes.example/1").platform, "webmention");
  // One node for c's post, taken from c's own feed.
  EXPECT_EQ(std::count_if(conversation.nodes.begin(), conversation.nodes.end(),
                          [](const Node& n) { return n.url == "https://c.example/cried"; }),
            1);
  EXPECT_EQ(node("https://c.example/cried").source, "c");
  // Reactions are never nodes.
  EXPECT_FALSE(has("https://pip.example/like/1"));
}

TEST_F(ConversationTest, PlatformCountsAndTheReplyCapReachTheNode) {
  auto mastodon = source("mastodon", SourceKind::blog);
  mastodon.report.platform = "mastodon";
  Entry status =
      post("https://mastodon.example/@toby/1", "https://mastodon.example/@toby/1", "",
           "<p>Bring the love back!</p>", kStart + kDay, "Toby", "https://mastodon.example/@toby");
  status.likes = 12;
  status.reposts = 4;
  status.reply_cap = 60;
  status.authors[0].verified = {"https://toby.example/"};
  mastodon.posts.push_back(status);
  harvests.push_back(mastodon);
  conversation = build_conversation(config, harvests, kStart + 10 * kDay);
  const Node& node_of_status = node("https://mastodon.example/@toby/1");
  EXPECT_EQ(node_of_status.likes, 12);
  EXPECT_EQ(node_of_status.reposts, 4);
  EXPECT_EQ(node_of_status.reply_cap, std::optional<int>(60));
  // Toby's verified homepage joins his profile to the Toby who comments with it.
  EXPECT_EQ(node_of_status.author, node("https://b.example/loved-it#comment-1").author);
}

}  // namespace
}  // namespace confab
