// Merging builds into the archive: windows roll over, edits update, failures keep history,
// moderated comments hide, and an unchanged build writes nothing.
#include <gtest/gtest.h>

#include "archive/archive.h"
#include "archive/sqlite_db.h"
#include "archive_fixtures.h"

namespace confab {
namespace {

using testing::make_entry;
using testing::make_source;
using testing::TempArchive;

std::vector<std::string> ids(const std::vector<Entry>& entries) {
  std::vector<std::string> out;
  for (const auto& entry : entries) out.push_back(entry.id);
  return out;
}

SourceFetch posts_of(const ArchivedSource& source, std::vector<Entry> posts) {
  SourceFetch fetch;
  fetch.source = source;
  fetch.reads.push_back({"", false, std::move(posts)});
  return fetch;
}

TEST(ArchiveMerge, KeepsEveryPostAFeedWindowEverShowed) {
  const TempArchive temp("window");
  const auto file = temp.file;
  Archive archive(file);
  const auto source = make_source("blog", "ok", 100);
  const auto run1 = archive.begin_run(100, "online");
  archive.merge_source(run1, posts_of(source, {make_entry("p3", 30), make_entry("p2", 20)}));
  const auto run2 = archive.begin_run(200, "online");
  const auto counts =
      archive.merge_source(run2, posts_of(source, {make_entry("p4", 40), make_entry("p3", 30)}));
  EXPECT_EQ(counts.inserted, 1u);
  EXPECT_EQ(counts.unchanged, 1u);
  const auto history = archive.history();
  ASSERT_EQ(history.size(), 1u);
  // The current window in feed order, then what scrolled out.
  EXPECT_EQ(ids(history[0].posts), (std::vector<std::string>{"p4", "p3", "p2"}));
}

TEST(ArchiveHistory, HashesTheRowsEachSourceWasReadFrom) {
  const TempArchive temp_archive("rows");
  Archive archive(temp_archive.file);
  const auto blog = make_source("blog");
  const auto other = make_source("other");
  archive.merge_source(archive.begin_run(1, "online"), posts_of(blog, {make_entry("p1", 10)}));
  archive.merge_source(archive.begin_run(1, "online"), posts_of(other, {make_entry("q1", 10)}));
  const auto first = archive.history(false, 7);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_NE(first[0].rows, first[1].rows);
  // Read again: the same rows hash the same; under another key, differently.
  EXPECT_EQ(archive.history(false, 7)[0].rows, first[0].rows);
  EXPECT_NE(archive.history(false, 8)[0].rows, first[0].rows);
  // An edit changes its source's hash only; history_of hashes as history does.
  archive.merge_source(archive.begin_run(2, "online"),
                       posts_of(blog, {make_entry("p1", 10, "A better title")}));
  const auto edited = archive.history(false, 7);
  EXPECT_NE(edited[0].rows, first[0].rows);
  EXPECT_EQ(edited[1].rows, first[1].rows);
  const auto again = archive.history_of([](const std::string&) { return true; }, 7);
  EXPECT_EQ(again[0].rows, edited[0].rows);
  EXPECT_EQ(again[1].rows, edited[1].rows);
}

TEST(ArchiveMerge, UpdatesAnEditedPost) {
  const TempArchive temp_archive("edit");
  Archive archive(temp_archive.file);
  const auto source = make_source("blog");
  archive.merge_source(archive.begin_run(1, "online"), posts_of(source, {make_entry("p1", 10)}));
  Entry edited = make_entry("p1", 10, "A better title");
  edited.updated = 20;
  const auto counts =
      archive.merge_source(archive.begin_run(2, "online"), posts_of(source, {edited}));
  EXPECT_EQ(counts.updated, 1u);
  const auto history = archive.history();
  ASSERT_EQ(history[0].posts.size(), 1u);
  EXPECT_EQ(history[0].posts[0].title, "A better title");
  EXPECT_EQ(history[0].posts[0].updated, 20);
}

TEST(ArchiveMerge, AFailingSourceKeepsItsEntriesAndLastSuccess) {
  const TempArchive temp_archive("failing");
  Archive archive(temp_archive.file);
  archive.merge_source(archive.begin_run(100, "online"),
                       posts_of(make_source("blog", "ok", 100), {make_entry("p1", 10)}));
  SourceFetch failed;
  failed.source = make_source("blog", "error");
  failed.source.error = "https://blog.example.com/feed/: HTTP 500";
  failed.source.feed = "";
  archive.merge_source(archive.begin_run(200, "online"), failed);
  const auto history = archive.history();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(ids(history[0].posts), std::vector<std::string>{"p1"});
  EXPECT_EQ(history[0].source.status, "error");
  EXPECT_EQ(history[0].source.error, "https://blog.example.com/feed/: HTTP 500");
  EXPECT_EQ(history[0].source.last_success, 100);
  EXPECT_EQ(history[0].source.feed, "https://blog.example.com/feed/");
}

SourceFetch comments_of(const ArchivedSource& source, std::vector<Entry> comments) {
  SourceFetch fetch;
  fetch.source = source;
  fetch.reads.push_back({"p1", false, std::move(comments)});
  return fetch;
}

TEST(ArchiveMerge, ARepairedCommentFeedIsNoEvidenceOfModeration) {
  const TempArchive temp_archive("partial");
  Archive archive(temp_archive.file);
  const auto source = make_source("blog");
  archive.merge_source(
      archive.begin_run(1, "online"),
      comments_of(source, {make_entry("c1", 10), make_entry("c2", 20), make_entry("c3", 30)}));
  // Cut off after c1 (oldest first, as some blogs list them): c2 and c3 are newer than
  // everything listed and absent, but the feed is not whole, so they stay.
  SourceFetch cut = comments_of(source, {make_entry("c1", 10)});
  cut.reads[0].whole = false;
  const auto counts = archive.merge_source(archive.begin_run(2, "online"), cut);
  EXPECT_EQ(counts.removed_upstream, 0u);
  EXPECT_EQ(archive.history()[0].comments.at("p1").size(), 3u);
  // The same listing, whole, is evidence.
  EXPECT_EQ(
      archive
          .merge_source(archive.begin_run(3, "online"), comments_of(source, {make_entry("c1", 10)}))
          .removed_upstream,
      2u);
}

TEST(ArchiveMerge, HidesACommentModeratedAwayButKeepsOnesThatScrolledOut) {
  const TempArchive temp_archive("moderated");
  Archive archive(temp_archive.file);
  const auto source = make_source("blog");
  archive.merge_source(
      archive.begin_run(1, "online"),
      comments_of(source, {make_entry("c3", 30), make_entry("c2", 20), make_entry("c1", 10)}));
  // c2 is gone although c1, older, is still listed: moderated.
  auto counts = archive.merge_source(
      archive.begin_run(2, "online"),
      comments_of(source, {make_entry("c4", 40), make_entry("c3", 30), make_entry("c1", 10)}));
  EXPECT_EQ(counts.removed_upstream, 1u);
  // The window moves on: c1 and c3 scroll out, older than everything listed; they stay.
  counts = archive.merge_source(
      archive.begin_run(3, "online"),
      comments_of(source, {make_entry("c6", 60), make_entry("c5", 50), make_entry("c4", 40)}));
  EXPECT_EQ(counts.removed_upstream, 0u);
  const auto history = archive.history();
  EXPECT_EQ(ids(history[0].comments.at("p1")),
            (std::vector<std::string>{"c6", "c5", "c4", "c3", "c1"}));
  const auto everything = archive.history(/*include_removed=*/true);
  EXPECT_EQ(everything[0].comments.at("p1").size(), 6u);
  // A moderated comment that comes back is shown again.
  archive.merge_source(
      archive.begin_run(4, "online"),
      comments_of(source, {make_entry("c6", 60), make_entry("c5", 50), make_entry("c4", 40),
                           make_entry("c3", 30), make_entry("c2", 20)}));
  EXPECT_EQ(archive.history()[0].comments.at("p1").size(), 6u);
}

/// PRAGMA data_version of another connection moves only when someone commits a change.
std::int64_t data_version(SqliteDatabase& observer) {
  return observer.integer_pragma("data_version");
}

TEST(ArchiveMerge, AnUnchangedBuildWritesNothingButItsRunRecord) {
  const TempArchive temp("unchanged");
  const auto file = temp.file;
  Archive archive(file);
  const auto source = make_source("blog", "ok", 5);
  archive.merge_source(archive.begin_run(5, "online"),
                       posts_of(source, {make_entry("p2", 20), make_entry("p1", 10)}));
  SqliteDatabase observer(file);
  const auto run2 = archive.begin_run(5, "online");
  const auto before = data_version(observer);
  // The same feed again (same bytes: the build marks the read unchanged), same last success.
  auto same = posts_of(source, {make_entry("p2", 20), make_entry("p1", 10)});
  same.reads[0].unchanged = true;
  const auto counts = archive.merge_source(run2, same);
  EXPECT_EQ(counts.inserted + counts.updated + counts.unchanged, 0u);
  EXPECT_EQ(data_version(observer), before);
  // A changed feed listing identical entries compares them and rewrites none of their content.
  const auto again = archive.merge_source(
      run2, posts_of(source, {make_entry("p3", 30), make_entry("p2", 20), make_entry("p1", 10)}));
  EXPECT_EQ(again.inserted, 1u);
  EXPECT_EQ(again.unchanged, 2u);
  EXPECT_EQ(again.updated, 0u);
  EXPECT_NE(data_version(observer), before);
}

TEST(ArchiveMerge, SurvivesReopening) {
  const TempArchive temp("reopen");
  const auto file = temp.file;
  {
    Archive archive(file);
    archive.merge_source(archive.begin_run(1, "online"),
                         posts_of(make_source("blog"), {make_entry("p1", 10)}));
  }
  Archive reopened(file);
  EXPECT_EQ(reopened.history().at(0).posts.at(0).title, "Title of p1");
  const auto stats = reopened.stats();
  EXPECT_EQ(stats.runs, 1);
  ASSERT_EQ(stats.rows.size(), 1u);
  EXPECT_EQ(stats.rows[0].kind, "post");
  EXPECT_EQ(stats.rows[0].entries, 1);
}

TEST(ArchiveHistory, ReadsManyEntriesBackInOrderAcrossBatches) {
  const TempArchive temp("many");
  Archive archive(temp.file);
  const auto source = make_source("blog", "ok", 100);
  std::vector<Entry> posts;
  std::vector<std::string> expected;
  for (int i = 0; i < 9000; ++i) {  // more than two of history()'s batches
    posts.push_back(make_entry("p" + std::to_string(i), 1000 + i));
    expected.push_back(posts.back().id);
  }
  const auto run = archive.begin_run(100, "online");
  archive.merge_source(run, posts_of(source, posts));
  const auto history = archive.history();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(ids(history[0].posts), expected);
  EXPECT_EQ(history[0].posts[8999].title, "Title of p8999");
  EXPECT_EQ(history[0].posts[8999].first_seen, std::optional<UnixTime>(100));
}

TEST(ArchiveHistory, AnUnreadableEntryNamesItsSource) {
  const TempArchive temp("unreadable");
  {
    Archive archive(temp.file);
    const auto run = archive.begin_run(100, "online");
    archive.merge_source(run, posts_of(make_source("kiteclub", "ok", 100), {make_entry("p1", 1)}));
  }
  SqliteDatabase(temp.file).execute("UPDATE entries SET data = '{\"title\": 3}'");
  Archive archive(temp.file);
  try {
    archive.history();
    ADD_FAILURE() << "an unreadable entry was read";
  } catch (const ArchiveError& error) {
    EXPECT_NE(std::string(error.what()).find("an entry of kiteclub is unreadable"),
              std::string::npos)
        << error.what();
  }
}

TEST(ArchiveHistory, HistoryOfReadsOnlyTheSourcesItIsAskedFor) {
  const TempArchive temp("history-of");
  Archive archive(temp.file);
  const auto run = archive.begin_run(100, "online");
  const auto kites = make_source("kites", "ok", 100), boats = make_source("boats", "ok", 100);
  archive.merge_source(run, posts_of(kites, {make_entry("k2", 2), make_entry("k1", 1)}));
  archive.merge_source(run, posts_of(boats, {make_entry("b1", 1)}));
  const auto some = archive.history_of([&](const std::string& key) { return key == kites.key; });
  const auto all = archive.history();
  ASSERT_EQ(some.size(), 2u);  // every source, in the same order
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(some[i].source.key, all[i].source.key);
    EXPECT_EQ(some[i].source.name, all[i].source.name);
  }
  EXPECT_EQ(ids(some[0].posts), ids(all[0].posts));
  EXPECT_EQ(ids(some[0].posts), (std::vector<std::string>{"k2", "k1"}));
  EXPECT_TRUE(some[1].posts.empty());
  EXPECT_TRUE(archive.history_of([](const std::string&) { return false; })[0].posts.empty());
}

}  // namespace
}  // namespace confab
