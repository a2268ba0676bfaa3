// One small fixture campaign per rule of issue 5: discovery decisions, duplicates, threading
// fields, people, awaiting reply and spam lists, each checked through build_conversation.
#include <gtest/gtest.h>

#include <algorithm>

#include "conversation/build_conversation.h"
#include "conversation/canonical_url.h"
#include "conversation/crawl_rules.h"
#include "conversation/html_scan.h"

namespace confab {
namespace {

constexpr UnixTime kDay = 86400;
constexpr UnixTime kStart = 1225238400;  // 2008-10-29

Entry entry(std::string link, std::string html, UnixTime when, std::string author = "Writer",
            std::string author_url = "", std::vector<InReplyTo> replies = {}) {
  Entry made;
  made.id = link;
  made.link = std::move(link);
  made.title = "Title of " + made.link;
  made.content = std::move(html);
  made.published = when;
  made.authors = {{std::move(author), "", std::move(author_url)}};
  made.in_reply_to = std::move(replies);
  return made;
}

SourceHarvest blog(std::string id, SourceKind role = SourceKind::blog) {
  SourceHarvest harvest;
  harvest.report.id = id;
  harvest.report.name = id;
  harvest.report.url = "https://" + id + ".example/";
  harvest.report.role = role;
  return harvest;
}

SiteConfig campaign_config() {
  SiteConfig config;
  config.site.title = "Campaign";
  config.campaign.links = {"https://video.example/love"};
  config.campaign.team = {{"Geert", "https://team.example/"}};
  return config;
}

const Node* find_node(const Conversation& conversation, const std::string& url) {
  for (const auto& node : conversation.nodes) {
    if (node.url == url) return &node;
  }
  return nullptr;
}

const Person* find_person(const Conversation& conversation, const std::string& name) {
  for (const auto& person : conversation.people) {
    if (person.name == name) return &person;
  }
  return nullptr;
}

TEST(CanonicalUrlRules, TrackingAndMobileParametersOnly) {
  EXPECT_EQ(canonical_url("https://x.blogspot.com/2008/11/a.html?m=1"),
            canonical_url("http://x.blogspot.com/2008/11/a.html"));
  EXPECT_NE(canonical_url("https://wp.example/?m=200811"), canonical_url("https://wp.example/"));
  EXPECT_EQ(canonical_url("https://a.example/p?gclid=1&mc_cid=2&id=3&utm_term=x"),
            "http://a.example/p?id=3");
}

TEST(CrawlRules, PrivateAddressesAreRecognisedLiterally) {
  for (const char* url :
       {"http://127.0.0.1/x", "http://127.8.9.1:8080/", "http://10.1.2.3/", "http://172.20.0.1/",
        "http://192.168.1.10/", "http://169.254.169.254/latest/", "http://localhost:3000/",
        "http://api.localhost/", "http://[::1]/", "http://[fe80::1]/", "http://[fd00::5]/",
        "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/",
        // The other spellings of an IPv4 address the system resolver takes.
        "http://2130706433/", "http://127.1/", "http://0x7f.0.0.1/", "http://0177.0.0.1/",
        "http://100.64.0.1/", "http://224.0.0.1/", "http://[2001:db8::1]/"}) {
    EXPECT_TRUE(is_private_address(url)) << url;
  }
  for (const char* url :
       {"http://8.8.8.8/", "http://172.32.0.1/", "https://blog.example/",
        "http://[2606:4700::1111]/", "http://192.169.0.1/", "http://1.2.3.4.example/"}) {
    EXPECT_FALSE(is_private_address(url)) << url;
  }
}

TEST(CrawlRules, AllowDenyAndPrivate) {
  CrawlSection crawl;
  EXPECT_TRUE(crawl_allows(crawl, "https://any.example/post"));
  EXPECT_FALSE(crawl_allows(crawl, "http://127.0.0.1:8080/post"));
  EXPECT_FALSE(crawl_allows(crawl, "ftp://any.example/post"));
  crawl.allow_private = true;
  EXPECT_TRUE(crawl_allows(crawl, "http://127.0.0.1:8080/post"));
  crawl.allow = {"wordpress.com"};
  crawl.deny = {"spam.wordpress.com"};
  EXPECT_TRUE(crawl_allows(crawl, "https://jaffe.wordpress.com/x"));
  EXPECT_FALSE(crawl_allows(crawl, "https://spam.wordpress.com/x"));
  EXPECT_FALSE(crawl_allows(crawl, "https://blogspot.com/x"));
  EXPECT_FALSE(crawl_allows(crawl, "https://notwordpress.com/x"));
}

TEST(CrawlTargets, LinksAndPingbacksUnderTheRules) {
  SiteConfig config = campaign_config();
  auto a = blog("a", SourceKind::campaign);
  a.posts.push_back(entry("https://a.example/launch",
                          "<p><a href=\"https://new.example/p.html\">new</a> "
                          "<a href=\"http://192.168.0.5/admin\">router</a> "
                          "<a href=\"https://denied.example/p\">denied</a></p>",
                          kStart));
  a.comments["https://a.example/launch"].push_back(entry(
      "https://a.example/launch#comment-1", "<p>[&#8230;] a lesson about the film [&#8230;]</p>",
      kStart + 10, "Class blog", "https://school.example/aula"));
  config.crawl.deny = {"denied.example"};
  const auto targets = crawl_targets(config, {a});
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0].url, "https://new.example/p.html");
  EXPECT_EQ(targets[0].from, "https://a.example/launch");
  EXPECT_FALSE(targets[0].via_mention);
  EXPECT_EQ(targets[1].url, "https://school.example/aula");
  EXPECT_TRUE(targets[1].via_mention);
  config.crawl.allow_private = true;
  EXPECT_EQ(crawl_targets(config, {a}).size(), 3u);
}

TEST(Relevance, ChainsJoinWhateverTheOrderOfTheFeeds) {
  SiteConfig config = campaign_config();
  config.campaign.keywords = {"Ramenez l'amour"};
  auto c = blog("c");  // harvested first, joins last: c -> b -> a -> campaign link
  c.posts.push_back(entry("https://c.example/3", "<a href=\"https://b.example/2\">b</a>", 3));
  auto b = blog("b");
  b.posts.push_back(entry("https://b.example/2", "<a href=\"http://www.a.example/1/\">a</a>", 2));
  auto a = blog("a");
  a.posts.push_back(
      entry("https://a.example/1", "<a href=\"https://video.example/love\">v</a>", 1));
  auto d = blog("d");
  d.posts.push_back(entry("https://d.example/4", "<p>RAMENEZ L’AMOUR, vite.</p>", 4));
  d.posts.push_back(entry("https://d.example/5", "<p>ramenezlamour is not a word match</p>", 5));
  EXPECT_EQ(select_conversation_posts(config.campaign, {c, b, a, d}).size(), 4u);
}

TEST(Threading, OnePostThroughTwoFeedsIsOneNode) {
  const SiteConfig config = campaign_config();
  auto origin = blog("origin");
  origin.posts.push_back(entry("https://origin.example/love",
                               "<a href=\"https://video.example/love\">the film</a>", kStart));
  origin.comments["https://origin.example/love"].push_back(
      entry("https://origin.example/love#comment-1", "<p>Lovely.</p>", kStart + 5, "Ann"));
  auto planet = blog("planet");
  Entry copy = entry("https://origin.example/love/?utm_source=planet",
                     "<a href=\"https://video.example/love\">the film</a>", kStart);
  copy.id = "planet-copy";
  planet.posts.push_back(copy);
  planet.comments["planet-copy"].push_back(
      entry("https://origin.example/love#comment-1", "<p>Lovely.</p>", kStart + 5, "Ann"));
  const auto conversation = build_conversation(config, {planet, origin}, kStart + kDay);
  int posts = 0, comments = 0;
  for (const auto& node : conversation.nodes) {
    posts += node.kind == NodeKind::post;
    comments += node.kind == NodeKind::comment;
    if (node.kind == NodeKind::post) {
      EXPECT_EQ(node.source, "origin") << "the blog it lives on";
    }
  }
  EXPECT_EQ(posts, 1);
  EXPECT_EQ(comments, 1);
}

class SmallCampaign : public ::testing::Test {
 protected:
  void SetUp() override {
    config = campaign_config();
    auto a = blog("a", SourceKind::campaign);
    a.posts.push_back(entry("https://a.example/launch", "<p>The film is out.</p>", kStart, "Geert",
                            "https://team.example/"));
    auto& launch = a.comments["https://a.example/launch"];
    launch.push_back(entry("https://a.example/launch#comment-1",
                           "<p>@Geert I would like the long version for my class.</p>",
                           kStart + 100, "Toby", "https://toby.example/"));
    launch.push_back(entry("https://a.example/launch#comment-2", "<p>Where can I buy it?</p>",
                           kStart + 200, "Mia", "https://mia.example/"));
    launch.push_back(entry("https://a.example/launch#comment-3", "<p>Toby: it is on its way.</p>",
                           kStart + 300, "Geert", "https://team.example/",
                           {{"https://a.example/launch#comment-1", ""}}));
    launch.push_back(entry("https://a.example/launch#comment-4", "<p>A reply to nothing.</p>",
                           kStart + 400, "Ann", "", {{"https://a.example/launch#comment-99", ""}}));
    launch.push_back(entry("https://a.example/launch#comment-5",
                           "<p>[&#8230;] wrote about the film on my blog [&#8230;]</p>",
                           kStart + 500, "Outside post", "https://outside.example/post"));
    launch.push_back(entry("https://a.example/launch#comment-6",
                           "<p>[&#8230;] my answer to the launch [&#8230;]</p>", kStart + 600,
                           "B answers", "https://b.example/answer"));
    auto b = blog("b");
    b.posts.push_back(entry("https://b.example/answer",
                            "<p>Answering <a href=\"https://a.example/launch\">the launch</a>, "
                            "after <a href=\"https://c.example/first\">C</a>.</p>",
                            kStart + 2 * kDay, "Toby Marsh", "https://toby.example/"));
    b.comments["https://b.example/answer"].push_back(entry("https://b.example/answer#comment-1",
                                                           "<p>A good answer.</p>",
                                                           kStart + 2 * kDay + 10, "T. M.", ""));
    auto c = blog("c");
    c.posts.push_back(entry("https://c.example/first",
                            "<p>Seen <a href=\"https://a.example/launch\">it</a>.</p>",
                            kStart + kDay, "Cleo", "https://cleo.example/"));
    c.comments["https://c.example/first"].push_back(
        entry("https://c.example/first#comment-1",
              "<p>What a lovely write up, I enjoyed every single line of it.</p>",
              kStart + kDay + 5, "Rob", "https://rob.example/"));
    b.comments["https://b.example/answer"].push_back(
        entry("https://b.example/answer#comment-2",
              "<p>What a lovely write up, I enjoyed every single line of it.</p>",
              kStart + 2 * kDay + 20, "Rob", "https://rob.example/"));
    harvests = {a, b, c};
  }
  Conversation build() { return build_conversation(config, harvests, kStart + 10 * kDay); }

  SiteConfig config;
  std::vector<SourceHarvest> harvests;
};

TEST_F(SmallCampaign, ParentIsTheMostRecentOlderPostAndOtherLinksAreKept) {
  const auto conversation = build();
  const Node* answer = find_node(conversation, "https://b.example/answer");
  const Node* first = find_node(conversation, "https://c.example/first");
  const Node* launch = find_node(conversation, "https://a.example/launch");
  ASSERT_TRUE(answer && first && launch);
  EXPECT_EQ(answer->parent, first->id);
  EXPECT_EQ(answer->also_links_to, (std::vector<std::string>{launch->id}));
  EXPECT_EQ(answer->links_to.size(), 2u);
}

TEST_F(SmallCampaign, PingbacksBecomeMentionsOrMergeIntoTheEdge) {
  const auto conversation = build();
  const Node* launch = find_node(conversation, "https://a.example/launch");
  const Node* outside = find_node(conversation, "https://a.example/launch#comment-5");
  ASSERT_TRUE(launch && outside);
  EXPECT_EQ(outside->kind, NodeKind::mention);
  EXPECT_EQ(outside->parent, launch->id);
  EXPECT_EQ(outside->mentions, (std::vector<std::string>{launch->id}));
  EXPECT_EQ(outside->linking_url, "https://outside.example/post");
  // B's pingback: B's post is in the conversation, so it is its edge, not a second node.
  EXPECT_EQ(find_node(conversation, "https://a.example/launch#comment-6"), nullptr);
  EXPECT_EQ(find_node(conversation, "https://b.example/answer")->mentions,
            (std::vector<std::string>{launch->id}));
}

TEST_F(SmallCampaign, NodesAfterAnEdgeMergedPingbackKeepTheirParents) {
  // Comments are made in their places among the nodes; B's pingback, merged into B's edge,
  // leaves a gap that the comments after it close. Moved, they are still found by id.
  auto& launch = harvests[0].comments["https://a.example/launch"];
  std::rotate(launch.begin(), launch.begin() + 5, launch.begin() + 6);  // the pingback first
  const auto conversation = build();
  EXPECT_EQ(find_node(conversation, "https://a.example/launch#comment-6"), nullptr);
  const Node* toby = find_node(conversation, "https://a.example/launch#comment-1");
  const Node* geert = find_node(conversation, "https://a.example/launch#comment-3");
  ASSERT_TRUE(toby && geert);
  EXPECT_EQ(geert->parent, toby->id);
  std::set<std::string> seen;
  for (const Node& node : conversation.nodes) {
    EXPECT_TRUE(node.parent.empty() || seen.count(node.parent)) << node.id << " before its parent";
    EXPECT_TRUE(seen.insert(node.id).second) << node.id << " twice";
  }
  EXPECT_EQ(conversation, [&] {
    std::rotate(launch.begin(), launch.begin() + 1, launch.begin() + 6);  // back as it was
    return build();
  }()) << "where the pingback sits in the feed changes nothing";
}

TEST_F(SmallCampaign, AReplyToAMissingParentIsFlagged) {
  const auto conversation = build();
  const Node* orphan = find_node(conversation, "https://a.example/launch#comment-4");
  ASSERT_TRUE(orphan);
  EXPECT_TRUE(orphan->parent_unknown);
  EXPECT_EQ(orphan->parent, find_node(conversation, "https://a.example/launch")->id);
}

TEST_F(SmallCampaign, AwaitingReplyCountsQuestionsAndAddressesOldestFirst) {
  const auto conversation = build();
  // Toby addressed Geert and was answered below; Mia asked and was not.
  ASSERT_EQ(conversation.awaiting_reply.size(), 1u);
  EXPECT_EQ(conversation.awaiting_reply[0],
            find_node(conversation, "https://a.example/launch#comment-2")->id);
  // Without Geert's reply, both wait, oldest first.
  harvests[0].comments["https://a.example/launch"].erase(
      harvests[0].comments["https://a.example/launch"].begin() + 2);
  const auto unanswered = build();
  ASSERT_EQ(unanswered.awaiting_reply.size(), 2u);
  EXPECT_EQ(unanswered.awaiting_reply[0],
            find_node(unanswered, "https://a.example/launch#comment-1")->id);
}

TEST_F(SmallCampaign, PeopleAcrossBlogsWithOverridesAndInfluence) {
  config.people = {{"Toby Marsh", {"Toby", "T. M."}, {}, false}};
  const auto conversation = build();
  const Person* toby = find_person(conversation, "Toby Marsh");
  ASSERT_TRUE(toby);
  EXPECT_EQ(toby->posts, 1);
  EXPECT_EQ(toby->comments, 2);  // "Toby" on a, "T. M." on b (by alias)
  EXPECT_EQ(toby->blogs, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(find_person(conversation, "Toby"), nullptr);
  const Person* geert = find_person(conversation, "Geert");
  ASSERT_TRUE(geert);
  EXPECT_TRUE(geert->team);
  // Geert: Toby, Mia and Ann reply under the launch post, Cleo's post on c answers it.
  EXPECT_EQ(geert->repliers, 4);
  EXPECT_EQ(geert->cross_blog_replies, 1);
  const Person* cleo = find_person(conversation, "Cleo");
  ASSERT_TRUE(cleo);
  EXPECT_EQ(cleo->cross_blog_replies, 1);  // Toby's post on b answers hers
  EXPECT_EQ(cleo->influence, 2 * 1 + cleo->repliers + 3 * 1);
  EXPECT_EQ(
      conversation.people.front().influence,
      std::max_element(conversation.people.begin(), conversation.people.end(),
                       [](const Person& x, const Person& y) { return x.influence < y.influence; })
          ->influence);
}

TEST_F(SmallCampaign, PersonTeamFlagMakesTheirRepliesAnswers) {
  config.campaign.team.clear();
  config.people = {{"Geert", {}, {"https://team.example/"}, true}};
  const auto conversation = build();
  EXPECT_TRUE(find_node(conversation, "https://a.example/launch#comment-3")->by_team);
}

TEST_F(SmallCampaign, TheSameTextOnTwoBlogsIsSpamAndListsOverride) {
  auto conversation = build();
  const Node* copy = find_node(conversation, "https://b.example/answer#comment-2");
  ASSERT_TRUE(copy && copy->spam);
  EXPECT_NE(copy->spam->reasons.front().find("other blog"), std::string::npos)
      << copy->spam->reasons.front();
  EXPECT_FALSE(find_node(conversation, "https://a.example/launch#comment-2")->spam);
  // Spam is set aside: no person is made of it, no thread counts it.
  EXPECT_EQ(find_person(conversation, "Rob"), nullptr);

  config.spam.allow = {"rob.example"};
  config.spam.deny = {"Mia"};
  conversation = build();
  EXPECT_FALSE(find_node(conversation, "https://b.example/answer#comment-2")->spam);
  const Node* mia = find_node(conversation, "https://a.example/launch#comment-2");
  ASSERT_TRUE(mia->spam);
  EXPECT_EQ(mia->spam->reasons.front(), "listed in [spam] deny");
  EXPECT_TRUE(conversation.awaiting_reply.empty()) << "spam waits for nobody";
}

TEST(HtmlScan, TextLinksAndEntities) {
  const ScannedHtml scanned = scan_html(
      "<p>Caf&eacute; &amp; <a href=\"/x?a=1&amp;b=2\">the <b>post</b></a>&#8230;</p>"
      "<script>var a = '<a href=\"/no\">';</script><p>Next&nbsp;line<br>end</p>",
      "https://blog.example/2008/11/post.html");
  EXPECT_EQ(scanned.text, "Caf\xC3\xA9 & the post\xE2\x80\xA6 Next line end");
  ASSERT_EQ(scanned.links.size(), 1u);
  EXPECT_EQ(scanned.links[0].url, "https://blog.example/x?a=1&b=2");
  EXPECT_EQ(scanned.links[0].text, "the post");
}

}  // namespace
}  // namespace confab
