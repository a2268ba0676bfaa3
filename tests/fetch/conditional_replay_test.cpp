// Fetchers that cannot send a conditional request (replay, recorder, offline) still answer
// fetch_requests: an unchanged body or ETag is reported as not modified.
#include <gtest/gtest.h>

#include "fetch/fetch.h"

namespace confab {
namespace {

/// Answers every URL with the same body and ETag.
class FixedFetcher : public Fetcher {
 public:
  std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls) override {
    std::vector<FetchResult> results;
    for (const auto& url : urls) {
      FetchResult result;
      result.url = result.final_url = url;
      result.status = url.ends_with("/gone") ? 410 : 200;
      if (result.status == 410) {
        result.error = FetchErrorKind::http_status;
      } else {
        result.headers = {{"ETag", "\"e1\""}, {"Last-Modified", "Mon, 02 Mar 2026 08:00:00 GMT"}};
        result.body = "<rss/>";
      }
      results.push_back(result);
    }
    return results;
  }
};

TEST(ConditionalDefault, FillsValidatorsAndTheBodyHash) {
  FixedFetcher fetcher;
  const auto result = fetcher.fetch_requests({FetchRequest("https://a.example/feed")})[0];
  EXPECT_FALSE(result.not_modified);
  EXPECT_EQ(result.etag, "\"e1\"");
  EXPECT_EQ(result.last_modified, "Mon, 02 Mar 2026 08:00:00 GMT");
  EXPECT_EQ(result.body_hash, fetch_body_hash("<rss/>"));
  EXPECT_EQ(result.attempts, 1);
}

TEST(ConditionalDefault, ASameEtagOrBodyIsNotModified) {
  FixedFetcher fetcher;
  const auto results = fetcher.fetch_requests(
      {FetchRequest("https://a.example/feed", "\"e1\""),
       FetchRequest("https://a.example/feed", "", "", fetch_body_hash("<rss/>")),
       FetchRequest("https://a.example/feed", "\"e0\"", "", fetch_body_hash("<rss>old</rss>"))});
  EXPECT_TRUE(results[0].not_modified);
  EXPECT_TRUE(results[1].not_modified);
  EXPECT_FALSE(results[2].not_modified);
  EXPECT_EQ(results[1].body, "<rss/>") << "unchanged is not empty";
}

TEST(ConditionalDefault, ReportsProgressOnceAtTheEnd) {
  FixedFetcher fetcher;
  std::vector<FetchProgress> seen;
  fetcher.fetch_requests(
      {FetchRequest("https://a.example/feed"), FetchRequest("https://a.example/gone")},
      [&](const FetchProgress& progress) { seen.push_back(progress); });
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].done, 2u);
  EXPECT_EQ(seen[0].failed, 1u);
}

TEST(ConditionalDefault, FailuresKeepNoValidators) {
  FixedFetcher fetcher;
  const auto result = fetcher.fetch_requests({FetchRequest("https://a.example/gone", "\"e1\"")})[0];
  EXPECT_TRUE(result.gone());
  EXPECT_FALSE(result.not_modified);
  EXPECT_EQ(result.body_hash, "");
}

TEST(BodyHash, IsStableAndTellsBodiesApart) {
  EXPECT_EQ(fetch_body_hash(""), "cbf29ce484222325");
  EXPECT_EQ(fetch_body_hash("a"), fetch_body_hash("a"));
  EXPECT_NE(fetch_body_hash("a"), fetch_body_hash("b"));
  EXPECT_EQ(fetch_body_hash("abc").size(), 16u);
}

}  // namespace
}  // namespace confab
