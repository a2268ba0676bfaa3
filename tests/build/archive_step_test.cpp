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
                        "[crawl]\ndepth = 0\n[platforms]\nlookup = []\n");
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
  // 2 feeds, 2 comment feeds, the Atom form of each (WordPress guids: tried first, not there),
  // and the page of Moth Notes' post, which names no comment feed.
  EXPECT_EQ(first.requests, 7u);
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

/// A comment of the cut-off test's feed: its link and its guid differ, as on WordPress.
std::string comment_item(int n, const std::string& cut_after = "") {
  const std::string day = std::to_string(10 + n);
  std::string item = "<item><title>By: Reader " + std::to_string(n) +
                     "</title><link>https://quill.example/p/1/#comment-" + std::to_string(n) +
                     "</link><pubDate>Mon, " + day +
                     " May 2010 10:00:00 +0000</pubDate><guid isPermaLink=\"false\">"
                     "https://quill.example/?c=" +
                     std::to_string(n) + "</guid><description>Comment number " + std::to_string(n) +
                     ", with enough words to be a comment.</description></item>";
  if (!cut_after.empty()) item = item.substr(0, item.find(cut_after) + cut_after.size());
  return item;
}

/// One build's replay snapshot: the blog's feed, and its post's comment feed as given.
std::filesystem::path quill_snapshot(const fs::path& dir, const std::string& comments_xml) {
  const std::string rss = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n";
  testing::write_text(dir / "index.tsv",
                      "https://quill.example/feed/\tfeed.http\n"
                      "https://quill.example/p/1/feed/\tcomments.http\n");
  testing::write_text(
      dir / "feed.http",
      rss +
          "<rss version=\"2.0\" xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"><channel>"
          "<title>Quill</title><link>https://quill.example/</link><item><title>Ink week"
          "</title><link>https://quill.example/p/1/</link><guid>https://quill.example/?p=1"
          "</guid><pubDate>Sun, 09 May 2010 10:00:00 +0000</pubDate><wfw:commentRss>"
          "https://quill.example/p/1/feed/</wfw:commentRss><description>Ink week is here."
          "</description></item></channel></rss>");
  testing::write_text(dir / "comments.http", rss + comments_xml);
  return dir;
}

TEST_F(ArchiveStepTest, ACutOffCommentFeedHidesNothingAndAddsNoFragment) {
  testing::write_text(site / "site.toml",
                      "[site]\ntitle = \"Ink week\"\n[campaign]\nkeywords = [\"ink week\"]\n"
                      "[[source]]\nname = \"Quill\"\nurl = \"https://quill.example/\"\n"
                      "feed = \"https://quill.example/feed/\"\nrole = \"campaign\"\n"
                      "[crawl]\ndepth = 0\n[platforms]\nlookup = []\n");
  config = load_config(site / "site.toml");
  const std::string head = "<rss version=\"2.0\"><channel><title>Comments</title>";
  // This blog lists comments oldest first. Build 2's answer is cut off inside comment 3, after
  // its date and before its guid.
  const fs::path whole = quill_snapshot(site / "whole", head + comment_item(1) + comment_item(2) +
                                                            comment_item(3) + "</channel></rss>");
  const fs::path cut = quill_snapshot(
      site / "cut", head + comment_item(1) + comment_item(2) + comment_item(3, "</pubDate>"));
  Archive archive(site / "archive.db");
  ArchiveStepOptions options;
  options.now = 1273600000;
  fetch_into_archive(config, archive, *make_replay_fetcher(whole), options);
  options.now += 3600;
  const ArchiveStepReport report =
      fetch_into_archive(config, archive, *make_replay_fetcher(cut), options);
  EXPECT_EQ(report.merged.removed_upstream, 0u);
  EXPECT_EQ(report.merged.inserted, 0u) << "the fragment of comment 3 was archived";
  const SourceHarvest& quill = harvest(report, "Quill");
  EXPECT_EQ(comment_links(quill), (std::set<std::string>{"https://quill.example/p/1/#comment-1",
                                                         "https://quill.example/p/1/#comment-2",
                                                         "https://quill.example/p/1/#comment-3"}));
  bool warned = false;
  for (const auto& warning : report.warnings)
    warned |= warning.find("cut off") != std::string::npos;
  EXPECT_TRUE(warned);
}

}  // namespace
}  // namespace confab
