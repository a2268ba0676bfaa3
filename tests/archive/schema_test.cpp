// The archive's schema: versioned, migrated forward from v1 with its data intact.
#include <gtest/gtest.h>

#include "archive/archive.h"
#include "archive/schema.h"
#include "archive_fixtures.h"

namespace confab {
namespace {

using testing::TempArchive;

TEST(ArchiveSchema, ANewArchiveHasTheCurrentVersionAndUsesWal) {
  const TempArchive temp("schema-new");
  const auto file = temp.file;
  { Archive archive(file); }
  SqliteDatabase db(file);
  EXPECT_EQ(db.integer_pragma("user_version"), archive_schema_version());
  SqliteStatement mode(db, "PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.text(0), "wal");
}

TEST(ArchiveSchema, MigratesAVersion1ArchiveKeepingItsData) {
  const TempArchive temp("schema-v1");
  const auto file = temp.file;
  {
    SqliteDatabase db(file);
    migrate_archive(db, 1);
    ASSERT_EQ(db.integer_pragma("user_version"), 1);
    // What a v1 confab wrote: a source with one post and one comment.
    db.execute(R"sql(
INSERT INTO runs (id, started, finished, mode, outcome) VALUES (1, 100, 101, 'online', 'ok');
INSERT INTO sources (id, key, slug, name, url, feed, role, status, error, last_success,
                     first_seen_run)
  VALUES (1, 'https://blog.example.com/', 'blog', 'Blog', 'https://blog.example.com/',
          'https://blog.example.com/feed/', 'blog', 'ok', '', 100, 1);
INSERT INTO fetch_state (url, etag, last_modified, body_hash, last_status, last_success,
                         consecutive_failures)
  VALUES ('https://blog.example.com/feed/', '"v1"', '', 'abc', 200, 100, 0);
INSERT INTO entries (source_id, kind, post_id, entry_id, title, link, published, updated,
                     fingerprint, data, first_seen_run, last_seen_run, position)
  VALUES (1, 'post', '', 'p1', 'Hello', 'https://blog.example.com/p1', 10, NULL, 'f',
          '{"id":"p1","title":"Hello","link":"https://blog.example.com/p1","published":10}',
          1, 1, 0),
         (1, 'comment', 'p1', 'c1', '', '', 11, NULL, 'g',
          '{"id":"c1","published":11,"in_reply_to":[["p1","https://blog.example.com/p1"]]}',
          1, 1, 0);
)sql");
  }
  Archive archive(file);
  SqliteDatabase db(file);
  EXPECT_EQ(db.integer_pragma("user_version"), archive_schema_version());
  const auto history = archive.history();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].source.last_success, 100);
  ASSERT_EQ(history[0].posts.size(), 1u);
  EXPECT_EQ(history[0].posts[0].title, "Hello");
  ASSERT_EQ(history[0].comments.at("p1").size(), 1u);
  EXPECT_EQ(history[0].comments.at("p1")[0].in_reply_to.at(0).ref, "p1");
  const auto states = archive.fetch_states({"https://blog.example.com/feed/"});
  ASSERT_EQ(states.size(), 1u);
  EXPECT_EQ(states.begin()->second.etag, "\"v1\"");
  EXPECT_EQ(states.begin()->second.redirect_to, "");
  // New merges work on the migrated file.
  SourceFetch fetch;
  fetch.source = history[0].source;
  fetch.reads.push_back({"p1", false, {testing::make_entry("c2", 12)}});
  EXPECT_EQ(archive.merge_source(archive.begin_run(200, "online"), fetch).inserted, 1u);
}

TEST(ArchiveSchema, RefusesAnArchiveFromANewerConfab) {
  const TempArchive temp("schema-future");
  const auto file = temp.file;
  {
    SqliteDatabase db(file);
    db.execute("PRAGMA user_version = 999");
  }
  try {
    Archive archive(file);
    FAIL() << "opened a future archive";
  } catch (const ArchiveError& error) {
    EXPECT_NE(std::string(error.what()).find("newer"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(file.string()), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace confab
