// The fetcher in front of the archive: validators out, stored copies back in for a 304,
// remembered permanent redirects, failure counts.
#include "build/archiving_fetcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace confab {
namespace {

/// Answers from a script and remembers what it was asked.
class ScriptedFetcher : public Fetcher {
 public:
  std::vector<FetchResult> fetch_all(const std::vector<std::string>&) override { return {}; }
  std::vector<FetchResult> fetch_requests(const std::vector<FetchRequest>& requests,
                                          const FetchProgressCallback&) override {
    std::vector<FetchResult> results;
    for (const auto& request : requests) {
      asked.push_back(request);
      FetchResult result = next;
      result.url = result.final_url = request.url;
      results.push_back(result);
    }
    return results;
  }
  FetchResult next;
  std::vector<FetchRequest> asked;
};

/// An archive in a fresh folder, removed at scope exit.
struct TempArchive {
  explicit TempArchive(const std::string& name)
      : dir(std::filesystem::temp_directory_path() /
            ("confab-fetcher-" + name + "-" + std::to_string(getpid()))) {
    std::filesystem::remove_all(dir);
  }
  ~TempArchive() { std::filesystem::remove_all(dir); }
  std::filesystem::path dir;
};

FetchResult ok_with_etag(const std::string& body) {
  FetchResult result;
  result.status = 200;
  result.headers = {{"Content-Type", "application/rss+xml"}, {"ETag", "\"e1\""}};
  result.body = body;
  result.etag = "\"e1\"";
  result.body_hash = fetch_body_hash(body);
  return result;
}

const std::string kFeed = "https://blog.example.com/feed/";

TEST(ArchivingFetcher, SendsValidatorsAndAnswersA304WithTheStoredCopy) {
  const TempArchive temp("304");
  Archive archive(temp.dir / "archive.db");
  ScriptedFetcher inner;
  {
    inner.next = ok_with_etag("<rss>one</rss>");
    ArchivingFetcher fetcher(inner, archive, 100, true);
    EXPECT_EQ(fetcher.fetch_requests({FetchRequest(kFeed)})[0].body, "<rss>one</rss>");
    EXPECT_FALSE(fetcher.unchanged(kFeed));
    archive.record_fetch_states(fetcher.take_changed_states());
  }
  FetchResult not_modified;
  not_modified.status = 304;
  not_modified.not_modified = true;
  inner.next = not_modified;
  ArchivingFetcher fetcher(inner, archive, 200, true);
  const auto result = fetcher.fetch_requests({FetchRequest(kFeed)})[0];
  EXPECT_EQ(inner.asked.back().etag, "\"e1\"");
  EXPECT_EQ(inner.asked.back().body_hash, fetch_body_hash("<rss>one</rss>"));
  EXPECT_EQ(result.body, "<rss>one</rss>");
  EXPECT_EQ(result.header("Content-Type"), "application/rss+xml");
  EXPECT_TRUE(fetcher.unchanged(kFeed));
  const auto states = fetcher.take_changed_states();
  ASSERT_EQ(states.size(), 1u);
  EXPECT_EQ(states[0].last_success, 200);
  EXPECT_EQ(states[0].body, "<rss>one</rss>");
}

TEST(ArchivingFetcher, FollowsARememberedPermanentRedirectAndCountsFailures) {
  const TempArchive temp("redirect");
  Archive archive(temp.dir / "archive.db");
  ScriptedFetcher inner;
  {
    inner.next = ok_with_etag("<rss/>");
    inner.next.moved_to = "https://new.example.com/feed/";
    ArchivingFetcher fetcher(inner, archive, 100, true);
    fetcher.fetch_requests({FetchRequest(kFeed)});
    archive.record_fetch_states(fetcher.take_changed_states());
  }
  FetchResult failed;
  failed.status = 500;
  failed.error = FetchErrorKind::http_status;
  failed.error_message = "https://new.example.com/feed/: HTTP 500";
  inner.next = failed;
  for (int build = 0; build < 2; ++build) {
    ArchivingFetcher fetcher(inner, archive, 200 + build, true);
    const auto result = fetcher.fetch_requests({FetchRequest(kFeed)})[0];
    EXPECT_EQ(inner.asked.back().url, "https://new.example.com/feed/");
    EXPECT_EQ(result.url, kFeed) << "callers see the URL they asked for";
    archive.record_fetch_states(fetcher.take_changed_states());
  }
  const auto state = archive.fetch_states({kFeed}).at(kFeed);
  EXPECT_EQ(state.consecutive_failures, 2);
  EXPECT_EQ(state.last_success, 100);
  EXPECT_EQ(state.last_status, 500);
  EXPECT_EQ(state.redirect_to, "https://new.example.com/feed/");
  EXPECT_EQ(state.body, "<rss/>") << "a failure keeps the stored copy";
}

TEST(ArchivingFetcher, RecordingSendsPlainGets) {
  const TempArchive temp("record");
  Archive archive(temp.dir / "archive.db");
  ScriptedFetcher inner;
  inner.next = ok_with_etag("<rss/>");
  {
    ArchivingFetcher fetcher(inner, archive, 100, true);
    fetcher.fetch_requests({FetchRequest(kFeed)});
    archive.record_fetch_states(fetcher.take_changed_states());
  }
  ArchivingFetcher recording(inner, archive, 200, /*conditional=*/false);
  recording.fetch_requests({FetchRequest(kFeed)});
  EXPECT_EQ(inner.asked.back().etag, "");
  EXPECT_EQ(inner.asked.back().body_hash, "");
}

}  // namespace
}  // namespace confab
