// A build killed at any point (SIGKILL, no chance to clean up) leaves the archive as its last
// commit left it: intact, readable, and in a consistent state. A child process merges in a loop
// and is killed at random moments; after each kill the archive is checked and the next child
// carries on from it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "archive/archive.h"
#include "archive_fixtures.h"

namespace confab {
namespace {

constexpr int kSources = 3;
constexpr int kEntriesPerMerge = 400;

/// The child: merges batches of new entries, one transaction per source, until killed.
[[noreturn]] void merge_forever(const std::filesystem::path& file) {
  try {
    Archive archive(file);
    for (int round = 0; round < 100000; ++round) {
      const auto run = archive.begin_run(round, "online");
      for (int s = 0; s < kSources; ++s) {
        SourceFetch fetch;
        fetch.source = testing::make_source("blog" + std::to_string(s), "ok", round);
        FeedRead read;
        for (int i = 0; i < kEntriesPerMerge; ++i) {
          read.entries.push_back(testing::make_entry(
              "r" + std::to_string(run) + "-" + std::to_string(i), run * 1000 + i));
        }
        fetch.reads.push_back(std::move(read));
        archive.merge_source(run, fetch);
      }
      archive.finish_run(run, round, "ok");
    }
  } catch (...) {
    _exit(2);
  }
  _exit(0);
}

TEST(ArchiveKill, ASigkillAnywhereLeavesTheLastCommittedState) {
  const testing::TempArchive temp("kill");
  const auto file = temp.file;
  std::mt19937 random(20081029);
  std::uniform_int_distribution<int> delay_ms(0, 120);
  std::int64_t previous_entries = 0;
  for (int attempt = 0; attempt < 12; ++attempt) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) merge_forever(file);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child ended by itself: " << status;
    if (!std::filesystem::exists(file)) continue;  // killed before it created anything

    {
      // Closed before the archive opens: an open read would block switching a new file to WAL.
      SqliteDatabase db(file);
      SqliteStatement check(db, "PRAGMA integrity_check");
      ASSERT_TRUE(check.step());
      EXPECT_EQ(check.text(0), "ok") << "after kill " << attempt;
      // Each source's merge is one transaction: its entries come in whole batches.
      if (db.integer_pragma("user_version") == archive_schema_version()) {
        SqliteStatement batches(db, "SELECT source_id, count(*) FROM entries GROUP BY source_id");
        std::int64_t entries = 0;
        while (batches.step()) {
          EXPECT_EQ(batches.integer(1) % kEntriesPerMerge, 0) << "source " << batches.integer(0);
          entries += batches.integer(1);
        }
        EXPECT_GE(entries, previous_entries) << "a kill lost committed entries";
        previous_entries = entries;
      }
    }
    // And a build can read it all back.
    Archive archive(file);
    std::size_t posts = 0;
    for (const auto& history : archive.history()) posts += history.posts.size();
    EXPECT_EQ(static_cast<std::int64_t>(posts), previous_entries);
  }
  EXPECT_GT(previous_entries, 0) << "no kill landed after a commit: the test proves little";
}

}  // namespace
}  // namespace confab
