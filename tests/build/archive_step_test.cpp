// The archive step in process: three replayed builds of a feed whose window rolls over, then
// --offline, on the archive-window fixture (see its README).
#include "build/archive_step.h"

#include <gtest/gtest.h>

#include <set>

#include "build_fixtures.h"
#include "config/config.h"

namespace confab {
namespace {

namespace fs = std::filesystem;

const fs::path kFixture = fs::path(CONFAB_SOURCE_DIR) / "tests/fixtures/archive-window";
const std::string L = "https://lantern.example.com/2009/10/";
constexpr UnixTime kBuild1 = 1254700000, kBuild2 = 1254800000, kBuild3 = 1254900000;

class ArchiveStepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site = testing::fresh_dir("archive-step");
    testing::write_text(site / "site.toml",
                        "[site]\ntitle = \"Lantern festival\"\n"
                        "[campaign]\nlinks = [\"https://lantern.example.com/\"]\n"
                        "keywords = [\"lantern festival\"]\n"
                        "[[source]]\nname = \"Lantern Post\"\n"
                        "url = \"https://lantern.example.com/\"\n"
                        "feed = \"https://lantern.example.com/feed/\"\nrole = \"campaign\"\n"
                        "[[source]]\nname = \"Moth Notes\"\nurl = \"https://moth.example.com/\"\n"
                        "feed = \"https://moth.example.com/feed/\"\n"
                        "[crawl]\ndepth = 0\n");
    config = load_config(site / "site.toml");
  }
  void TearDown() override { fs::remove_all(site); }

  /// One scheduled build: the blogs as the fixture's snapshot `build` shows them, at `now`.
  ArchiveStepReport build(Archive& archive, const std::string& build, UnixTime now) {
    const auto replay = make_replay_fetcher(kFixture / build);
    ArchiveStepOptions options;
    options.now = now;
    return fetch_into_archive(config, archive, *replay, options);
  }

  static const SourceHarvest& harvest(const ArchiveStepReport& report, const std::string& name) {
    for (const auto& one : report.harvests) {
      if (one.report.name == name) return one;
    }
    throw std::runtime_error("no harvest named " + name);
  }

  static std::set<std::string> post_links(const SourceHarvest& harvest) {
    std::set<std::string> links;
    for (const auto& post : harvest.posts) links.insert(post.link);
    return links;
  }

  static std::set<std::string> comment_links(const SourceHarvest& harvest) {
    std::set<std::string> links;
    for (const auto& [post, comments] : harvest.comments) {
      for (const auto& comment : comments) links.insert(comment.link);
    }
    return links;
  }

  fs::path site;
  SiteConfig config;
};

TEST_F(ArchiveStepTest, EverythingTheWindowDroppedIsStillThereAndAFailedSourceKeepsItsPosts) {
  Archive archive(site / "archive.db");
  const ArchiveStepReport first = build(archive, "build1", kBuild1);
  EXPECT_EQ(first.merged.inserted, 7u);  // 3 posts, 4 comments
  EXPECT_EQ(first.requests, 4u);
  const ArchiveStepReport second = build(archive, "build2", kBuild2);
  EXPECT_GE(second.merged.updated, 1u);           // night 2 was retitled
  EXPECT_EQ(second.merged.removed_upstream, 1u);  // comment 22, moderated away
  const ArchiveStepReport third = build(archive, "build3", kBuild3);

  const SourceHarvest& lantern = harvest(third, "Lantern Post");
  // The feed now lists nights 3 and 4 only: the archive keeps 1 and 2.
  EXPECT_EQ(post_links(lantern), (std::set<std::string>{L + "01/night-1/", L + "02/night-2/",
                                                        L + "03/night-3/", L + "04/night-4/"}));
  // Every comment ever seen but the moderated one, and the late comment on night 2: its comment
  // feed is still read after the post left its blog's feed.
  EXPECT_EQ(comment_links(lantern),
            (std::set<std::string>{L + "01/night-1/#comment-11", L + "02/night-2/#comment-21",
                                   L + "02/night-2/#comment-23", L + "02/night-2/#comment-24",
                                   L + "02/night-2/#comment-25", L + "03/night-3/#comment-31",
                                   L + "03/night-3/#comment-32"}));
  // Moth Notes answers 500 now: an error, with its post and its last good build kept.
  const SourceHarvest& moth = harvest(third, "Moth Notes");
  EXPECT_EQ(moth.report.status, SourceStatus::error);
  EXPECT_EQ(moth.report.last_success, kBuild2);
  EXPECT_EQ(post_links(moth),
            (std::set<std::string>{"https://moth.example.com/moths-and-lanterns/"}));
  bool warned = false;
  for (const auto& warning : third.warnings) warned |= warning.starts_with("Moth Notes: ");
  EXPECT_TRUE(warned);

  // The same snapshot again: every answer is the same, so the feeds are unchanged.
  const ArchiveStepReport again = build(archive, "build3", kBuild3);
  EXPECT_EQ(again.merged.inserted, 0u);
  EXPECT_EQ(again.merged.updated, 0u);
  EXPECT_EQ(harvest(again, "Lantern Post").report.status, SourceStatus::unchanged);
  EXPECT_EQ(comment_links(harvest(again, "Lantern Post")), comment_links(lantern));
}

TEST_F(ArchiveStepTest, OfflineRecallsTheWholeHistoryWithoutARequest) {
  {
    Archive archive(site / "archive.db");
    build(archive, "build1", kBuild1);
    build(archive, "build2", kBuild2);
  }
  Archive archive(site / "archive.db");
  const ArchiveStepReport offline = recall_archive(config, archive, kBuild3);
  EXPECT_EQ(offline.requests, 0u);
  const SourceHarvest& lantern = harvest(offline, "Lantern Post");
  EXPECT_EQ(post_links(lantern),
            (std::set<std::string>{L + "01/night-1/", L + "02/night-2/", L + "03/night-3/"}));
  EXPECT_EQ(lantern.report.status, SourceStatus::ok);
  EXPECT_EQ(lantern.report.last_success, kBuild2);
  EXPECT_EQ(offline.merged.inserted, 0u);
}

TEST_F(ArchiveStepTest, ASourceTheArchiveNeverSawIsAnErrorOffline) {
  Archive archive(site / "archive.db");
  const ArchiveStepReport offline = recall_archive(config, archive, kBuild1);
  ASSERT_EQ(offline.harvests.size(), 2u);
  for (const auto& one : offline.harvests) {
    EXPECT_EQ(one.report.status, SourceStatus::error) << one.report.name;
    EXPECT_NE(one.report.error.find("not fetched yet"), std::string::npos);
    EXPECT_TRUE(one.posts.empty());
  }
}

}  // namespace
}  // namespace confab
