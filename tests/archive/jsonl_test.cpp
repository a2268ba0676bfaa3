// `archive export` / `archive import`: JSON Lines in a stable order, restored losslessly.
#include <gtest/gtest.h>

#include <sstream>

#include "archive/archive.h"
#include "archive_fixtures.h"

namespace confab {
namespace {

using testing::make_entry;
using testing::make_source;
using testing::TempArchive;

void fill(Archive& archive) {
  const auto run = archive.begin_run(1227000000, "online");
  SourceFetch fetch;
  fetch.source = make_source("blog", "ok", 1227000000);
  fetch.source.role = "discovered";
  fetch.source.discovered_from = "https://other.example.com/a-post/";
  Entry post = make_entry("p1", 10, "Caf\u00e9 cr\u00e8me");
  post.comments_feed = "https://blog.example.com/p1/feed/";
  post.comment_count = 2;
  post.categories = {"video", "love"};
  post.enclosures.push_back({"https://blog.example.com/a.mp4", "video/mp4", 1234});
  Entry comment = make_entry("c1", 11);
  comment.in_reply_to.push_back({"p1", "https://blog.example.com/p1"});
  Entry reply = make_entry("c2", 12);
  reply.related = "https://blog.example.com/p1#comment-1";
  fetch.reads.push_back({"", false, {post}});
  fetch.reads.push_back({"p1", false, {reply, comment}});
  archive.merge_source(run, fetch);
  FetchState state;
  state.url = "https://blog.example.com/feed/";
  state.etag = "\"abc\"";
  state.body_hash = "0123";
  state.last_status = 200;
  state.last_success = 1227000000;
  state.body = std::string("<rss>\xe9\x00\xff</rss>", 15);
  archive.record_fetch_states({state});
  archive.finish_run(run, 1227000005, "ok");
}

std::string export_of(Archive& archive) {
  std::ostringstream out;
  archive.export_jsonl(out);
  return out.str();
}

TEST(ArchiveJsonl, ExportImportExportIsByteIdentical) {
  const TempArchive temp_original("export");
  Archive original(temp_original.file);
  fill(original);
  const std::string exported = export_of(original);
  EXPECT_EQ(exported.rfind("{\"record\":\"archive\"", 0), 0u) << exported;
  const TempArchive temp_restored("import");
  Archive restored(temp_restored.file);
  std::istringstream in(exported);
  restored.import_jsonl(in);
  EXPECT_EQ(export_of(restored), exported);
  // What a build reads back is the same too, raw body bytes included.
  const auto a = original.history();
  const auto b = restored.history();
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a[0].posts.at(0).enclosures.at(0).length, b[0].posts.at(0).enclosures.at(0).length);
  EXPECT_EQ(b[0].comments.at("p1").size(), 2u);
  EXPECT_EQ(b[0].source.discovered_from, "https://other.example.com/a-post/");
  const auto states = restored.fetch_states({"https://blog.example.com/feed/"});
  EXPECT_EQ(states.at("https://blog.example.com/feed/").body,
            std::string("<rss>\xe9\x00\xff</rss>", 15));
}

TEST(ArchiveJsonl, ExportIsStableAcrossCalls) {
  const TempArchive temp_archive("stable");
  Archive archive(temp_archive.file);
  fill(archive);
  EXPECT_EQ(export_of(archive), export_of(archive));
}

TEST(ArchiveJsonl, ImportRefusesANonEmptyArchiveAndNamesBadLines) {
  const TempArchive temp_archive("refuse");
  Archive archive(temp_archive.file);
  fill(archive);
  std::istringstream in(export_of(archive));
  EXPECT_THROW(archive.import_jsonl(in), ArchiveError);
  const TempArchive temp_empty("badline");
  Archive empty(temp_empty.file);
  std::istringstream bad("{\"record\":\"archive\",\"schema\":1}\n{\"record\":\"run\"}\n");
  try {
    empty.import_jsonl(bad);
    FAIL();
  } catch (const ArchiveError& error) {
    EXPECT_NE(std::string(error.what()).find("line 2"), std::string::npos) << error.what();
  }
  // Nothing of a failed import stays.
  EXPECT_EQ(empty.stats().runs, 0);
}

}  // namespace
}  // namespace confab
