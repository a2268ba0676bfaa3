// The spider in process, on a fixture campaign replayed from its snapshot: no binary, no socket.
#include "build/spider.h"

#include <gtest/gtest.h>

#include <set>

#include "build/build_fetcher.h"
#include "build_fixtures.h"
#include "config/config.h"

namespace confab {
namespace {

namespace fs = std::filesystem;

const fs::path kFixture = fs::path(CONFAB_SOURCE_DIR) / "tests/fixtures/spider-campaign";
constexpr UnixTime kNow = 1270900000;  // April 2010, a few days after the posts

class SpiderTest : public ::testing::Test {
 protected:
  SpiderReport spider(int depth, SpiderScope scope = SpiderScope::everything) {
    config.crawl.depth = depth;
    testing::WatchingFetcher watching(*replay);
    SpiderReport report = run_spider(
        config, watching, kNow,
        [this](const std::string& step, const FetchProgress&) { steps.insert(step); }, scope);
    asked = watching.asked;
    return report;
  }

  static const SourceHarvest& harvest(const SpiderReport& report, const std::string& name) {
    for (const auto& one : report.harvests) {
      if (one.report.name == name) return one;
    }
    throw std::runtime_error("no harvest named " + name);
  }

  static std::vector<std::string> names(const SpiderReport& report) {
    std::vector<std::string> all;
    for (const auto& one : report.harvests) all.push_back(one.report.name);
    return all;
  }

  bool was_asked(const std::string& url) const {
    return std::find(asked.begin(), asked.end(), url) != asked.end();
  }

  SiteConfig config = load_config(kFixture / "site.toml");
  std::unique_ptr<Fetcher> replay = make_build_fetcher(config);
  std::vector<std::string> asked;
  std::set<std::string> steps;
};

TEST_F(SpiderTest, ReadsEachSourceTheCommentFeedsOfItsConversationPostsAndTheBlogsTheyLinkTo) {
  const SpiderReport report = spider(1);
  EXPECT_EQ(names(report), (std::vector<std::string>{"Kite Day", "String Theory", "Broken Spar",
                                                     "Gone Glider", "Tail Wind"}));
  // A source configured by its homepage: the feed the page advertises.
  const SourceHarvest& kite = harvest(report, "Kite Day");
  EXPECT_EQ(kite.report.status, SourceStatus::ok);
  EXPECT_EQ(kite.report.role, SourceKind::campaign);
  EXPECT_EQ(kite.report.feed, "https://kiteday.example.org/feed/");
  EXPECT_EQ(kite.report.last_success, kNow);
  ASSERT_EQ(kite.posts.size(), 1u);
  ASSERT_EQ(kite.comments.count(kite.posts[0].id), 1u);
  EXPECT_EQ(kite.comments.at(kite.posts[0].id).size(), 2u);
  // Only conversation posts have their comments read; the off-topic post has no feed to read.
  const SourceHarvest& string = harvest(report, "String Theory");
  ASSERT_EQ(string.posts.size(), 2u);
  EXPECT_EQ(string.comments.size(), 1u);
  // The blog a conversation post links to: only the linked post, and what led there.
  const SourceHarvest& tail = harvest(report, "Tail Wind");
  EXPECT_EQ(tail.report.role, SourceKind::discovered);
  EXPECT_EQ(tail.report.feed, "https://tail.example.com/feed/");
  EXPECT_EQ(tail.report.discovered_from, "https://string.example.net/2010/04/03/lines/");
  ASSERT_EQ(tail.posts.size(), 1u);
  EXPECT_EQ(tail.posts[0].title, "Updraft tests");
  // Links from posts outside the conversation are never followed.
  EXPECT_FALSE(was_asked("https://elsewhere.example.com/spools/"));
  EXPECT_FALSE(was_asked("https://bridle.example.org/2010/04/07/knots/"));
  EXPECT_EQ(report.requests, asked.size());
  EXPECT_EQ(steps, (std::set<std::string>{"feeds", "discovered feeds", "comment feeds", "crawl",
                                          "discovered blogs"}));
  // Source ids are unique slugs of the names.
  std::set<std::string> ids;
  for (const auto& one : report.harvests) ids.insert(one.report.id);
  EXPECT_EQ(ids.size(), report.harvests.size());
}

TEST_F(SpiderTest, DiscoveryGoesAsDeepAsCrawlDepthAndNoDeeper) {
  const SpiderReport none = spider(0);
  EXPECT_EQ(none.harvests.size(), 4u);
  EXPECT_FALSE(was_asked("https://tail.example.com/2010/04/05/updraft/"));

  const SpiderReport one = spider(1);
  EXPECT_EQ(one.harvests.size(), 5u);
  EXPECT_FALSE(was_asked("https://bridle.example.org/2010/04/07/knots/"));

  // Depth 2: the discovered post's own link leads one blog further. Its page names its feed
  // with a relative URL.
  const SpiderReport two = spider(2);
  ASSERT_EQ(two.harvests.size(), 6u);
  const SourceHarvest& bridle = harvest(two, "Bridle Knots");
  EXPECT_EQ(bridle.report.role, SourceKind::discovered);
  EXPECT_EQ(bridle.report.feed, "https://bridle.example.org/feed/");
  EXPECT_EQ(bridle.report.discovered_from, "https://tail.example.com/2010/04/05/updraft/");

  // A deeper crawl finds nothing more: the spider stops once no page is left to visit.
  EXPECT_EQ(spider(5).harvests.size(), 6u);
}

TEST_F(SpiderTest, CrawlMaxPagesBoundsTheWholeCrawl) {
  config.crawl.max_pages = 1;
  const SpiderReport report = spider(2);
  EXPECT_EQ(report.harvests.size(), 5u);  // Tail Wind only: its page was the one allowed
  EXPECT_FALSE(was_asked("https://bridle.example.org/2010/04/07/knots/"));
}

TEST_F(SpiderTest, AFailedSourceIsReportedByNameAndTheRestIsRead) {
  const SpiderReport report = spider(1);
  const SourceHarvest& spar = harvest(report, "Broken Spar");
  EXPECT_EQ(spar.report.status, SourceStatus::error);
  EXPECT_EQ(spar.report.error_kind, "http_status");
  EXPECT_NE(spar.report.error.find("500"), std::string::npos) << spar.report.error;
  EXPECT_TRUE(spar.posts.empty());
  EXPECT_FALSE(spar.report.last_success.has_value());
  const SourceHarvest& glider = harvest(report, "Gone Glider");
  EXPECT_EQ(glider.report.status, SourceStatus::gone);
  // One warning each, naming the source; the others are whole.
  int spar_warnings = 0, glider_warnings = 0;
  for (const auto& warning : report.warnings) {
    spar_warnings += warning.starts_with("Broken Spar: ");
    glider_warnings += warning.starts_with("Gone Glider: ");
  }
  EXPECT_EQ(spar_warnings, 1);
  EXPECT_EQ(glider_warnings, 1);
  EXPECT_EQ(harvest(report, "String Theory").report.status, SourceStatus::ok);
}

TEST_F(SpiderTest, APageThatIsNotInTheSnapshotIsAWarningNotAFailure) {
  // A source whose address the snapshot does not hold: its own error; the build goes on.
  config.sources.push_back(
      {"Unrecorded", "https://unrecorded.example.com/feed/", "", SourceRole::blog});
  const SpiderReport report = spider(1);
  const SourceHarvest& unrecorded = harvest(report, "Unrecorded");
  EXPECT_EQ(unrecorded.report.status, SourceStatus::error);
  EXPECT_NE(unrecorded.report.error.find("not in the replay snapshot"), std::string::npos);
  EXPECT_EQ(report.harvests.size(), 6u);
}

TEST_F(SpiderTest, SourcesOnlyReadsEachSourcesFeedAndNothingElse) {
  const SpiderReport report = spider(2, SpiderScope::sources_only);
  EXPECT_EQ(report.harvests.size(), 4u);
  for (const auto& one : report.harvests) EXPECT_TRUE(one.comments.empty()) << one.report.name;
  EXPECT_EQ(asked, (std::vector<std::string>{
                       "https://kiteday.example.org/", "https://string.example.net/feed/",
                       "https://spar.example.com/feed/", "https://glider.example.com/feed",
                       "https://kiteday.example.org/feed/"}));
}

}  // namespace
}  // namespace confab
