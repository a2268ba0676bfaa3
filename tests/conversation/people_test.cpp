// Recognising one person across identities: each join on evidence, each non-join without it, and
// the reasons the hub gives (README "People").
#include <gtest/gtest.h>

#include <algorithm>

#include "conversation/awaiting_reply.h"
#include "conversation/people.h"

namespace confab {
namespace {

constexpr UnixTime kStart = 1225238400;  // 2008-10-29

// Gravatar hashes of "ana@kite.example": md5 and sha256.
constexpr const char* kAnaMd5 = "57427f6e64b07f33f1eab40815dfddec";
constexpr const char* kAnaSha256 =
    "2af8070f3b2a99667b9cf2b6aa99f81d626be4ca05e2b84e3c31c9a642aa3ad7";

Node signed_node(const std::string& id, const std::string& source, const std::string& name,
                 const std::string& url = "", const std::string& avatar = "") {
  Node node;
  node.id = id;
  node.kind = NodeKind::comment;
  node.source = source;
  node.url = "https://" + source + ".example/" + id;
  node.author_name = name;
  node.author_url = url;
  node.author_avatar = avatar;
  return node;
}

Node post_node(const std::string& id, const std::string& source, const std::string& name,
               const std::string& url = "", const std::string& avatar = "") {
  Node node = signed_node(id, source, name, url, avatar);
  node.kind = NodeKind::post;
  node.thread = id;
  return node;
}

const std::vector<SourceReport>& blogs() {
  static const std::vector<SourceReport> reports = [] {
    std::vector<SourceReport> made(3);
    made[0].id = "kite";
    made[0].name = "Kite Day";
    made[1].id = "string";
    made[1].name = "String Theory";
    made[2].id = "campaign";
    made[2].name = "Campaign";
    return made;
  }();
  return reports;
}

std::vector<Person> recognise(std::vector<Node>& nodes, const IdentityEvidence& evidence = {},
                              const CampaignSection& campaign = {},
                              const std::vector<PersonConfig>& configured = {}) {
  return recognise_people(nodes, campaign, configured, evidence, blogs());
}

const Person* author_of(const std::vector<Person>& people, const Node& node) {
  const auto found = std::find_if(people.begin(), people.end(),
                                  [&](const Person& person) { return person.id == node.author; });
  return found == people.end() ? nullptr : &*found;
}

// Rule 1: a name on the same blog.

TEST(PeopleNameOnOneBlog, ABareNameJoinsTheOneHomepageSignedWithItOnThatBlog) {
  std::vector<Node> nodes = {post_node("p1", "kite", "Ana"),
                             signed_node("c1", "kite", "ana", "https://ana.example")};
  const auto people = recognise(nodes);
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(nodes[0].author, nodes[1].author);
  EXPECT_EQ(people[0].posts, 1);
  EXPECT_EQ(people[0].comments, 1);
  EXPECT_EQ(people[0].urls, (std::vector<std::string>{"https://ana.example"}));
  EXPECT_EQ(people[0].merged_by,
            (std::vector<std::string>{"same name and homepage https://ana.example on Kite Day"}));
}

TEST(PeopleNameOnOneBlog, TwoHomepagesWithOneNameOnOneBlogJoinNobody) {
  std::vector<Node> nodes = {post_node("p1", "kite", "Ana"),
                             signed_node("c1", "kite", "Ana", "https://ana.example"),
                             signed_node("c2", "kite", "Ana", "https://other-ana.example")};
  const auto people = recognise(nodes);
  EXPECT_EQ(people.size(), 3u);
  for (const auto& person : people) EXPECT_TRUE(person.merged_by.empty()) << person.id;
}

TEST(PeopleNameOnOneBlog, OneHomepageSpelledTwoWaysIsStillOne) {
  std::vector<Node> nodes = {post_node("p1", "kite", "Ana"),
                             signed_node("c1", "kite", "Ana", "https://ana.example/"),
                             signed_node("c2", "kite", "Ana", "http://www.ana.example")};
  const auto people = recognise(nodes);
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people[0].merged_by,
            (std::vector<std::string>{"same name and homepage https://ana.example/ on Kite Day"}));
}

// Rule 4: a name alone never joins across blogs, whatever the other rules found.

TEST(PeopleNameOnOneBlog, TheSameNameOnTwoBlogsWithoutEvidenceIsTwoPeople) {
  std::vector<Node> nodes = {post_node("p1", "kite", "Ana"),
                             signed_node("c1", "kite", "Ana", "https://ana.example"),
                             post_node("p2", "string", "Ana"), signed_node("c2", "string", "Ana")};
  const auto people = recognise(nodes);
  ASSERT_EQ(people.size(), 2u);
  EXPECT_EQ(nodes[0].author, nodes[1].author) << "rule 1 on Kite Day";
  EXPECT_EQ(nodes[2].author, nodes[3].author) << "one name on one blog";
  EXPECT_NE(nodes[0].author, nodes[2].author) << "no homepage on String Theory: no evidence";
  EXPECT_TRUE(author_of(people, nodes[2])->merged_by.empty());
}

// Rule 2: Gravatar.

TEST(PeopleGravatar, TheSameHashJoinsAcrossBlogsWhateverTheHostCaseOrSize) {
  std::string upper = kAnaMd5;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](char c) { return c >= 'a' && c <= 'f' ? static_cast<char>(c - 32) : c; });
  std::vector<Node> nodes = {
      signed_node("c1", "kite", "Ana", "",  // no homepage: only the Gravatar tells
                  "https://secure.gravatar.com/avatar/" + upper + "?s=96&d=mm&r=g"),
      signed_node("c2", "string", "A. Lopez", "https://lopez.example",
                  "https://0.gravatar.com/avatar/" + std::string(kAnaMd5) + "?s=32"),
      signed_node("c3", "string", "Lopez", "",
                  "https://gravatar.com/avatar/" + std::string(kAnaMd5)),
      signed_node("c4", "kite", "Ana Lopez", "",
                  "https://www.gravatar.com/avatar/" + std::string(kAnaMd5) + ".jpg")};
  const auto people = recognise(nodes);
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people[0].name, "Ana") << "named by the first node";
  EXPECT_EQ(people[0].blogs, (std::vector<std::string>{"kite", "string"}));
  EXPECT_EQ(people[0].merged_by,
            (std::vector<std::string>{"same Gravatar on Kite Day and String Theory"}));
}

TEST(PeopleGravatar, Sha256HashesJoinToo) {
  std::vector<Node> nodes = {
      signed_node("c1", "kite", "Ana", "",
                  "https://www.gravatar.com/avatar/" + std::string(kAnaSha256) + "?d=identicon"),
      signed_node("c2", "string", "Ana L", "",
                  "https://secure.gravatar.com/avatar/" + std::string(kAnaSha256))};
  const auto people = recognise(nodes);
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people[0].merged_by,
            (std::vector<std::string>{"same Gravatar on Kite Day and String Theory"}));
}

TEST(PeopleGravatar, EmptyEmailDefaultImagesAndOtherAvatarsJoinNobody) {
  const std::vector<std::string> nobodys = {
      "https://secure.gravatar.com/avatar/d41d8cd98f00b204e9800998ecf8427e?s=96&d=mm",
      "https://secure.gravatar.com/avatar/"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855?s=96",
      "https://secure.gravatar.com/avatar/ad516503a11cd5ca435acc9bb6523536?s=48",
      "https://www.gravatar.com/avatar/00000000000000000000000000000000?d=mp",
      "https://secure.gravatar.com/avatar/?s=96&d=mm",
      "https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEi/s35/photo.jpg",
      "https://img1.blogblog.com/img/b16-rounded.gif",
      "https://example.com/avatar/" + std::string(kAnaMd5),
      "https://secure.gravatar.com/avatar/" + std::string(kAnaMd5) + "ff",  // 34 hex: no hash
  };
  for (const auto& avatar : nobodys) {
    std::vector<Node> nodes = {signed_node("c1", "kite", "Ana", "", avatar),
                               signed_node("c2", "string", "Bob", "", avatar)};
    const auto people = recognise(nodes);
    EXPECT_EQ(people.size(), 2u) << avatar;
  }
}

TEST(PeopleGravatar, ATeamMemberJoinedByGravatarKeepsTeam) {
  CampaignSection campaign;
  campaign.team = {{"General Pattern", "https://gp.example/"}};
  const std::string avatar = "https://secure.gravatar.com/avatar/" + std::string(kAnaMd5);
  std::vector<Node> nodes = {post_node("p1", "campaign", "GP", "https://gp.example/", avatar),
                             signed_node("c1", "string", "Pattern", "", avatar)};
  const auto people = recognise(nodes, {}, campaign);
  ASSERT_EQ(people.size(), 1u);
  EXPECT_TRUE(people[0].team);
  EXPECT_EQ(people[0].name, "General Pattern");
  EXPECT_TRUE(nodes[0].by_team);
  EXPECT_TRUE(nodes[1].by_team) << "the comment signed without the homepage speaks for the team";
  EXPECT_EQ(people[0].merged_by,
            (std::vector<std::string>{"same Gravatar on Campaign and String Theory"}));
}

TEST(PeopleGravatar, TwoPeopleConfiguredApartStayApart) {
  const std::string avatar = "https://secure.gravatar.com/avatar/" + std::string(kAnaMd5);
  const std::vector<PersonConfig> configured = {{"Ana", {}, {}, false}, {"Bea", {}, {}, false}};
  std::vector<Node> nodes = {signed_node("c1", "kite", "Ana", "", avatar),
                             signed_node("c2", "string", "Bea", "", avatar),
                             signed_node("c3", "string", "Kite Fan", "", avatar)};
  const auto people = recognise(nodes, {}, {}, configured);
  ASSERT_EQ(people.size(), 2u) << "the third joins the first; site.toml keeps Bea apart";
  EXPECT_EQ(nodes[2].author, nodes[0].author);
  EXPECT_NE(nodes[1].author, nodes[0].author);
}

// Rule 3: rel="me" both ways.

TEST(PeopleRelMe, HomepagesNamingEachOtherAreOnePerson) {
  std::vector<Node> nodes = {signed_node("c1", "kite", "Ana", "https://ana.example"),
                             signed_node("c2", "string", "A. Lopez", "https://www.lopez.example/")};
  IdentityEvidence evidence;
  evidence.rel_me["https://ana.example/"] = {"https://mastodon.example/@ana",
                                             "http://lopez.example"};
  evidence.rel_me["https://lopez.example/"] = {"https://ana.example/"};
  const auto people = recognise(nodes, evidence);
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people[0].urls,
            (std::vector<std::string>{"https://ana.example", "https://www.lopez.example/"}));
  EXPECT_EQ(people[0].merged_by,
            (std::vector<std::string>{
                "rel=\"me\" between https://ana.example and https://www.lopez.example/"}));
}

TEST(PeopleRelMe, OneWayProvesNothing) {
  std::vector<Node> nodes = {signed_node("c1", "kite", "Ana", "https://ana.example"),
                             signed_node("c2", "string", "A. Lopez", "https://lopez.example/")};
  IdentityEvidence evidence;
  evidence.rel_me["https://ana.example/"] = {"https://lopez.example/"};
  evidence.rel_me["https://lopez.example/"] = {"https://someone-else.example/"};
  EXPECT_EQ(recognise(nodes, evidence).size(), 2u);
}

// Platform profiles: a page the platform verified joins; a link merely listed does not.

std::vector<SourceReport> blogs_and_mastodon() {
  std::vector<SourceReport> reports = blogs();
  SourceReport mastodon;
  mastodon.id = "mastodon-example";
  mastodon.name = "Mastodon (mastodon.example)";
  mastodon.platform = "mastodon";
  mastodon.platform_label = "Mastodon";
  reports.push_back(mastodon);
  return reports;
}

TEST(PeopleVerified, AProfileLinkThePlatformVerifiedJoinsTheHomepage) {
  std::vector<Node> nodes = {
      signed_node("c1", "kite", "Ana", "https://ana.example/"),
      signed_node("s1", "mastodon-example", "Ana L.", "https://mastodon.example/@ana")};
  nodes[1].platform = "mastodon";
  nodes[1].author_verified = {"https://ana.example"};
  const auto people = recognise_people(nodes, {}, {}, {}, blogs_and_mastodon());
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(nodes[0].author, nodes[1].author);
  EXPECT_EQ(people[0].merged_by,
            (std::vector<std::string>{"https://mastodon.example/@ana verified as "
                                      "https://ana.example/ on Mastodon"}));
}

TEST(PeopleVerified, AVerifiedPageNobodySignedWithJoinsNobody) {
  std::vector<Node> nodes = {
      signed_node("c1", "kite", "Ana", "https://ana.example/"),
      signed_node("s1", "mastodon-example", "Ana", "https://mastodon.example/@ana")};
  nodes[1].platform = "mastodon";
  nodes[1].author_verified = {"https://someone-else.example/"};
  // The same name on a blog and a profile is no evidence either.
  EXPECT_EQ(recognise_people(nodes, {}, {}, {}, blogs_and_mastodon()).size(), 2u);
}

TEST(PeopleVerified, AWebmentionAuthorWithAKnownHomepageIsThatPerson) {
  std::vector<Node> nodes = {signed_node("c1", "kite", "Ana", "https://ana.example/"),
                             signed_node("w1", "webmention", "Ana Lopez", "https://ana.example")};
  nodes[1].kind = NodeKind::post;
  nodes[1].platform = "webmention";
  EXPECT_EQ(recognise(nodes).size(), 1u);
  EXPECT_EQ(nodes[0].author, nodes[1].author);
}

// Rule 5: why, in words.

TEST(PeopleMergedBy, OneLinePerJoinInRuleOrderAndNoneForOneIdentity) {
  std::vector<Node> nodes = {
      post_node("p1", "kite", "Ana"),
      signed_node("c1", "kite", "Ana", "https://ana.example",
                  "https://secure.gravatar.com/avatar/" + std::string(kAnaMd5)),
      signed_node("c2", "string", "Ana Lopez", "https://lopez.example",
                  "https://secure.gravatar.com/avatar/" + std::string(kAnaMd5)),
      signed_node("c3", "string", "Bob", "https://bob.example"),
      signed_node("c4", "string", "Bob", "https://bob.example/")};
  const auto people = recognise(nodes);
  ASSERT_EQ(people.size(), 2u);
  const Person* ana = author_of(people, nodes[0]);
  ASSERT_TRUE(ana);
  EXPECT_EQ(ana->merged_by,
            (std::vector<std::string>{"same name and homepage https://ana.example on Kite Day",
                                      "same Gravatar on Kite Day and String Theory"}));
  EXPECT_TRUE(author_of(people, nodes[3])->merged_by.empty()) << "one homepage is one identity";
  // The same nodes give the same people and reasons every time.
  std::vector<Node> again = nodes;
  EXPECT_EQ(recognise(again)[0].merged_by, people[0].merged_by);
}

TEST(PeopleMergedBy, AConfiguredPersonSaysSoOnlyWhenItJoinedSeveralIdentities) {
  const std::vector<PersonConfig> configured = {{"Toby Marsh", {"Toby", "T. M."}, {}, false},
                                                {"Cleo", {}, {"https://cleo.example/"}, false}};
  std::vector<Node> nodes = {signed_node("c1", "kite", "Toby", "https://toby.example/"),
                             signed_node("c2", "string", "T. M."),
                             signed_node("c3", "kite", "Cleo", "https://cleo.example/"),
                             signed_node("c4", "string", "Cleo", "https://cleo.example")};
  const auto people = recognise(nodes, {}, {}, configured);
  ASSERT_EQ(people.size(), 2u);
  EXPECT_EQ(author_of(people, nodes[0])->merged_by,
            (std::vector<std::string>{"listed in site.toml [[person]]"}));
  EXPECT_TRUE(author_of(people, nodes[2])->merged_by.empty());
}

TEST(PeopleMergedBy, ATeamMemberByNameSharingAHomepage) {
  CampaignSection campaign;
  campaign.team = {{"Geert", ""}};
  std::vector<Node> nodes = {signed_node("c1", "kite", "Geert", "https://geert.example"),
                             signed_node("c2", "string", "G.", "https://geert.example/"),
                             signed_node("c3", "string", "Geert")};
  const auto people = recognise(nodes, {}, campaign);
  ASSERT_EQ(people.size(), 1u);
  EXPECT_TRUE(people[0].team);
  EXPECT_TRUE(nodes[1].by_team);
  EXPECT_EQ(people[0].merged_by, (std::vector<std::string>{"listed in site.toml [campaign] team",
                                                           "same homepage https://geert.example"}));
}

TEST(PeopleMergedBy, ABlogWithoutAReportIsNamedByItsId) {
  std::vector<Node> nodes = {post_node("p1", "elsewhere", "Ana"),
                             signed_node("c1", "elsewhere", "Ana", "https://ana.example")};
  const auto people = recognise_people(nodes, {});
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people[0].merged_by,
            (std::vector<std::string>{"same name and homepage https://ana.example on elsewhere"}));
}

// Awaiting reply counts an answer by the post's author whichever identity they signed with.

std::vector<Node> question_answered_deep_down(const std::string& second_ana_url) {
  Node post = post_node("p1", "kite", "Ana");
  post.published = kStart;
  Node question = signed_node("c1", "kite", "Bob", "https://bob.example");
  question.parent = post.id;
  question.thread = post.id;
  question.published = kStart + 100;
  question.text = "When is the next kite day?";
  Node aside = signed_node("c2", "kite", "Cleo", "https://cleo.example");
  aside.parent = question.id;
  aside.thread = post.id;
  aside.published = kStart + 200;
  aside.text = "I would like to know too.";
  Node answer = signed_node("c3", "kite", "Ana", "https://ana.example");
  answer.parent = aside.id;
  answer.thread = post.id;
  answer.published = kStart + 300;
  answer.text = "The first Sunday of May.";
  std::vector<Node> nodes = {post, question, aside, answer};
  if (!second_ana_url.empty()) {
    Node other = signed_node("c4", "kite", "Ana", second_ana_url);
    other.parent = post.id;
    other.thread = post.id;
    other.published = kStart + 400;
    other.text = "Lovely kites.";
    nodes.push_back(other);
  }
  return nodes;
}

TEST(PeopleAwaitingReply, ThePostAuthorAnsweringWithAHomepageAnswers) {
  std::vector<Node> nodes = question_answered_deep_down("");
  recognise(nodes);
  EXPECT_EQ(nodes[3].author, nodes[0].author);
  EXPECT_TRUE(find_awaiting_reply(nodes).empty());

  // Control: with a second "Ana" homepage on the blog nobody can tell which Ana answered.
  std::vector<Node> ambiguous = question_answered_deep_down("https://another-ana.example");
  recognise(ambiguous);
  EXPECT_NE(ambiguous[3].author, ambiguous[0].author);
  EXPECT_EQ(find_awaiting_reply(ambiguous), (std::vector<std::string>{"c1"}));
}

}  // namespace
}  // namespace confab
