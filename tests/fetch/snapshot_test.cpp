#include "fetch/snapshot.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

#include "fetch/fetch.h"

namespace confab {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("confab-fetch-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(RecordedResponse, ParsesStatusHeadersAndBodyVerbatim) {
  const auto result = parse_recorded_response(
      "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=ISO-8859-1\r\nETag: \"abc\"\r\n\r\n"
      "<rss>caf\xE9\n\n</rss>",
      "x.http");
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.header("content-type"), "text/xml; charset=ISO-8859-1");
  EXPECT_EQ(result.header("ETAG"), "\"abc\"");
  EXPECT_EQ(result.body, "<rss>caf\xE9\n\n</rss>");
}

TEST(RecordedResponse, RejectsAMissingStatusLineNamingTheFile) {
  try {
    parse_recorded_response("<rss/>", "snap/feed.http");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("snap/feed.http:1"), std::string::npos);
  }
}

TEST(RecordedResponse, RoundTripsThroughFormat) {
  FetchResult original;
  original.status = 404;
  original.headers = {{"Content-Type", "text/html"}};
  original.body = "gone\r\nreally";
  const auto copy = parse_recorded_response(format_recorded_response(original), "t");
  EXPECT_EQ(copy.status, 404);
  EXPECT_EQ(copy.headers, original.headers);
  EXPECT_EQ(copy.body, original.body);
}

TEST(SnapshotFileName, IsReadableUniqueAndStaysInsideItsHost) {
  const auto a = snapshot_file_name("https://blog.example.com/2008/11/love/feed/");
  const auto b = snapshot_file_name("https://blog.example.com/2008/11/love/feed/?x=1");
  EXPECT_EQ(a.rfind("blog.example.com/2008-11-love-feed-", 0), 0u) << a;
  EXPECT_NE(a, b);
  const auto evil = snapshot_file_name("https://evil.example/../../etc/passwd");
  EXPECT_EQ(evil.find(".."), std::string::npos) << evil;
}

TEST(ReplayFetcher, AnswersRecordedUrlsAndReportsMissingOnes) {
  const fs::path dir = fresh_dir("replay");
  write(dir / "index.tsv",
        "# comment\n\nhttps://a.example/feed\ta/feed.http\nhttps://b.example/\tb/404.http\n");
  write(dir / "a/feed.http", "HTTP/1.1 200 OK\nContent-Type: application/rss+xml\n\n<rss/>");
  write(dir / "b/404.http", "HTTP/1.1 404 Not Found\n\nnope");
  auto fetcher = make_replay_fetcher(dir);
  const auto results =
      fetcher->fetch_all({"https://a.example/feed", "https://b.example/", "https://c.example/"});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[0].body, "<rss/>");
  EXPECT_EQ(results[0].final_url, "https://a.example/feed");
  EXPECT_EQ(results[1].error, FetchErrorKind::http_status);
  EXPECT_EQ(results[1].status, 404);
  EXPECT_NE(results[1].error_message.find("HTTP 404"), std::string::npos);
  EXPECT_EQ(results[2].error, FetchErrorKind::not_recorded);
  EXPECT_NE(results[2].error_message.find("https://c.example/"), std::string::npos);
}

TEST(ReplayFetcher, MalformedIndexLineIsAnErrorWithItsLine) {
  const fs::path dir = fresh_dir("badindex");
  write(dir / "index.tsv", "https://a.example/feed a/feed.http\n");
  try {
    make_replay_fetcher(dir);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("index.tsv:1"), std::string::npos) << error.what();
  }
}

/// Answers every URL with a body naming it, like a tiny web.
class EchoFetcher : public Fetcher {
 public:
  std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls) override {
    std::vector<FetchResult> results;
    for (const auto& url : urls) {
      FetchResult result;
      result.url = result.final_url = url;
      result.status = url.find("missing") != std::string::npos ? 404 : 200;
      result.headers = {{"Content-Type", "text/plain"}, {"Content-Encoding", "gzip"}};
      result.body = "body of " + url;
      if (result.status == 404) result.error = FetchErrorKind::http_status;
      results.push_back(result);
    }
    return results;
  }
};

TEST(RecordingFetcher, WritesASnapshotTheReplayFetcherAnswersFrom) {
  const fs::path dir = fresh_dir("record");
  {
    auto recorder = make_recording_fetcher(std::make_unique<EchoFetcher>(), dir);
    recorder->fetch_all({"https://a.example/one", "https://a.example/missing"});
    recorder->fetch_all({"https://b.example/two?x=1"});
  }
  auto replay = make_replay_fetcher(dir);
  const auto results = replay->fetch_all(
      {"https://a.example/one", "https://a.example/missing", "https://b.example/two?x=1"});
  EXPECT_EQ(results[0].body, "body of https://a.example/one");
  EXPECT_EQ(results[0].header("Content-Encoding"), "") << "bodies are stored decoded";
  EXPECT_EQ(results[1].status, 404);
  EXPECT_EQ(results[2].body, "body of https://b.example/two?x=1");
}

}  // namespace
}  // namespace confab
