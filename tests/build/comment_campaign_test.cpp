// Issue 14: a campaign whose blogs serve comments the way WordPress, Blogger, TypePad and an
// IndieWeb blog really do (tests/fixtures/comment-campaign), through a whole build, replayed in
// process: every reply under its real parent, people counted once on evidence, the pingback's
// blog discovered, answered questions out of "awaiting reply", history older than the feeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "build/build.h"
#include "build_fixtures.h"
#include "config/config.h"

namespace confab {
namespace {

namespace fs = std::filesystem;

const fs::path kFixture = fs::path(CONFAB_SOURCE_DIR) / "tests/fixtures/comment-campaign";
constexpr UnixTime kNow = 1714900000;  // 5 May 2024

class CommentCampaign : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path dir = testing::fresh_dir("comment-campaign");
    SiteConfig config = load_config(kFixture / "site.toml");
    BuildOptions options;
    options.now = kNow;
    options.output = dir / "public";
    options.archive = dir / "archive.db";
    report_ = new BuildReport(run_build(config, options));
  }
  static void TearDownTestSuite() {
    delete report_;
    report_ = nullptr;
  }

  static const Conversation& conversation() { return report_->conversation; }

  /// The node whose text contains `words`.
  static const Node& said(const std::string& words) {
    for (const auto& node : conversation().nodes) {
      if (node.text.find(words) != std::string::npos) return node;
    }
    throw std::runtime_error("nobody said: " + words);
  }

  static const Node& node(const std::string& id) {
    for (const auto& one : conversation().nodes) {
      if (one.id == id) return one;
    }
    throw std::runtime_error("no node " + id);
  }

  static std::vector<const Person*> named(const std::string& name) {
    std::vector<const Person*> people;
    for (const auto& person : conversation().people) {
      if (person.name == name) people.push_back(&person);
    }
    return people;
  }

  static bool warned(const std::string& words) {
    return std::any_of(report_->warnings.begin(), report_->warnings.end(),
                       [&](const std::string& w) { return w.find(words) != std::string::npos; });
  }

  static BuildReport* report_;
};

BuildReport* CommentCampaign::report_ = nullptr;

TEST_F(CommentCampaign, WordPressRepliesNestUnderTheirRealParentsFromTheAtomFeedAndTheApi) {
  const Node& petra = said("Where do we meet");  // only the REST API holds it (before the window)
  const Node& jonas = said("Last year it was the old bridge");
  const Node& mira = said("we meet by the old bridge at eight");
  EXPECT_EQ(jonas.parent, petra.id);
  EXPECT_EQ(mira.parent, jonas.id);
  EXPECT_FALSE(jonas.parent_unknown);
  EXPECT_EQ(said("children are welcome").parent, said("Can children join").id);
  // The Atom form and the API gave the homepage the RSS feed does not carry.
  EXPECT_EQ(jonas.author_url, "https://jonas.example.net/");
  EXPECT_NE(petra.author_avatar.find("gravatar.com/avatar/8c1d2e3f"), std::string::npos);
}

TEST_F(CommentCampaign, CommentsOlderThanTheFeedWindowArePresent) {
  EXPECT_EQ(said("Can children join").kind, NodeKind::comment);
  EXPECT_EQ(said("children are welcome").kind, NodeKind::comment);
  // Each comment once, however many representations showed it.
  int bridge = 0;
  for (const auto& one : conversation().nodes) {
    if (one.text.find("Last year it was the old bridge") != std::string::npos) ++bridge;
  }
  EXPECT_EQ(bridge, 1);
}

TEST_F(CommentCampaign, BloggerPagesAndRelatedLinksGiveTheWholeNestedThread) {
  const Node& first = said("These moons will look great");
  const Node& thanks = said("bring a torch too");
  const Node& torch = said("A torch, good idea");  // on the second page of the comment feed
  EXPECT_EQ(thanks.parent, first.id);
  EXPECT_EQ(torch.parent, thanks.id);
  EXPECT_EQ(node(first.parent).kind, NodeKind::post);
}

TEST_F(CommentCampaign, TypePadCommentsComeFromThePageWhenTheFeedFails) {
  EXPECT_TRUE(warned("Candle Notes: comments of 'Candles, lanterns and the lantern walk'"));
  const Node& tea = said("Tea lights last about four hours");
  EXPECT_EQ(node(tea.parent).title, "Candles, lanterns and the lantern walk");
  EXPECT_EQ(tea.author_url, "https://jonas.example.net/");
}

TEST_F(CommentCampaign, MicroformatsCommentsNestOnTheIndieWebBlog) {
  const Node& petra = said("An old lantern has the best light");
  const Node& ravi = said("It was my grandmother");
  EXPECT_EQ(ravi.parent, petra.id);
  EXPECT_EQ(node(petra.parent).title, "Embers and lanterns");
}

TEST_F(CommentCampaign, PeopleAreCountedOnceOnHomepageGravatarAndNameOnTheSameBlog) {
  // Jonas left his homepage on three blogs.
  ASSERT_EQ(named("Jonas").size(), 1u);
  EXPECT_EQ(named("Jonas")[0]->blogs.size(), 3u);
  // Petra left no homepage, but the same Gravatar on Ember Log and Lantern Walk.
  ASSERT_EQ(named("Petra").size(), 1u);
  EXPECT_EQ(named("Petra")[0]->blogs.size(), 2u);
  EXPECT_FALSE(named("Petra")[0]->merged_by.empty());
  // Mira posts under her bare name and answers with her homepage: one person.
  ASSERT_EQ(named("Mira").size(), 1u);
  EXPECT_EQ(named("Mira")[0]->posts, 1);
  EXPECT_EQ(named("Mira")[0]->comments, 2);
}

TEST_F(CommentCampaign, ThePingbacksBlogIsDiscoveredThroughTheAtomFeed) {
  const auto& sources = conversation().sources;
  const auto owls = std::find_if(sources.begin(), sources.end(),
                                 [](const SourceReport& s) { return s.name == "Night Owls"; });
  ASSERT_NE(owls, sources.end());
  EXPECT_EQ(owls->role, SourceKind::discovered);
  EXPECT_EQ(said("with the whole street").kind, NodeKind::post);
}

TEST_F(CommentCampaign, AnsweredQuestionsLeaveAwaitingReplyTheOthersStay) {
  const auto& awaiting = conversation().awaiting_reply;
  auto waits = [&](const std::string& words) {
    return std::find(awaiting.begin(), awaiting.end(), said(words).id) != awaiting.end();
  };
  EXPECT_FALSE(waits("Where do we meet"));   // answered by Mira two levels below
  EXPECT_FALSE(waits("Can children join"));  // answered by Mira, signing with her homepage
  EXPECT_TRUE(waits("second walk in July"));
}

TEST_F(CommentCampaign, TheHubShowsTheThreadsAndWhyPeopleAreOne) {
  std::ifstream json(report_->output / "conversation.json");
  std::stringstream text;
  text << json.rdbuf();
  EXPECT_NE(text.str().find("\"merged_by\""), std::string::npos);
  EXPECT_NE(text.str().find("same Gravatar on Ember Log and Lantern Walk"), std::string::npos);
  EXPECT_NE(text.str().find("Night Owls"), std::string::npos);
}

}  // namespace
}  // namespace confab
