// The network fetcher's rules (conditional GET, redirects, retries, limits, progress) against a
// server this test runs on 127.0.0.1. No timed assertions: counts and outcomes only.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "fetch/fetch.h"

namespace confab {
namespace {

const char* const kFeed = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";

class RulesServer {
 public:
  RulesServer() {
    server_.Get("/validated", [this](const httplib::Request& req, httplib::Response& res) {
      count("/validated");
      if (req.get_header_value("If-None-Match") == "\"v7\"" ||
          req.get_header_value("If-Modified-Since") == "Tue, 03 Mar 2026 10:00:00 GMT") {
        res.status = 304;
        return;
      }
      res.set_header("ETag", "\"v7\"");
      res.set_header("Last-Modified", "Tue, 03 Mar 2026 10:00:00 GMT");
      res.set_content(kFeed, "application/rss+xml");
    });
    server_.Get("/plain", [this](const httplib::Request&, httplib::Response& res) {
      count("/plain");
      res.set_content(kFeed, "application/rss+xml");
    });
    server_.Get("/perm301", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/perm308", 301);
    });
    server_.Get("/perm308", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/plain", 308);
    });
    server_.Get("/temp302", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/plain", 302);
    });
    server_.Get("/perm-then-temp", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/temp302", 301);
    });
    server_.Get(R"(/loop/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      res.set_redirect("/loop/" + std::to_string(std::stoi(req.matches[1]) + 1), 302);
    });
    server_.Get("/to-file", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("file:///etc/hostname", 302);
    });
    server_.Get("/gone", [](const httplib::Request&, httplib::Response& res) { res.status = 410; });
    server_.Get("/missing", [this](const httplib::Request&, httplib::Response& res) {
      count("/missing");
      res.status = 404;
    });
    server_.Get("/busy-once", [this](const httplib::Request&, httplib::Response& res) {
      if (count("/busy-once") == 1) {
        res.status = 429;
        res.set_header("Retry-After", "0");
        return;
      }
      res.set_content(kFeed, "application/rss+xml");
    });
    server_.Get("/busy-long", [this](const httplib::Request&, httplib::Response& res) {
      count("/busy-long");
      res.status = 503;
      res.set_header("Retry-After", "3600");
    });
    server_.Get("/busy-always", [this](const httplib::Request&, httplib::Response& res) {
      count("/busy-always");
      res.status = 503;
      res.set_header("Retry-After", "0");
    });
    server_.Get("/flaky", [this](const httplib::Request&, httplib::Response& res) {
      if (count("/flaky") == 1) {
        res.status = 500;
        return;
      }
      res.set_content(kFeed, "application/rss+xml");
    });
    server_.Get("/trickle", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/plain", [](size_t offset, httplib::DataSink& sink) {
        if (offset > 0) std::this_thread::sleep_for(std::chrono::milliseconds(2500));
        sink.write("x", 1);
        if (offset > 2) sink.done();
        return true;
      });
    });
    server_.Get("/endless", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/plain", [](size_t, httplib::DataSink& sink) {
        const std::string block(16 * 1024, 'y');
        return sink.write(block.data(), block.size());
      });
    });
    server_.Get("/headers", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content("accept-encoding=" + req.get_header_value("Accept-Encoding"), "text/plain");
    });
    server_.Get(R"(/crowd/(\d+))", [this](const httplib::Request&, httplib::Response& res) {
      const int now = ++in_flight_;
      {
        std::lock_guard lock(mutex_);
        peak_ = std::max(peak_, now);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(60));
      --in_flight_;
      res.set_content(kFeed, "application/rss+xml");
    });
    server_.new_task_queue = [] { return new httplib::ThreadPool(16); };
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~RulesServer() {
    server_.stop();
    thread_.join();
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int hits(const std::string& path) {
    std::lock_guard lock(mutex_);
    return hits_[path];
  }
  int peak() {
    std::lock_guard lock(mutex_);
    return peak_;
  }

 private:
  int count(const std::string& path) {
    std::lock_guard lock(mutex_);
    return ++hits_[path];
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::map<std::string, int> hits_;
  std::atomic<int> in_flight_{0};
  int peak_ = 0;
};

class HttpRulesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  static FetchOptions quick() {
    FetchOptions options;
    options.addresses.allow_private = true;  // the test server is on loopback
    options.retry_backoff_seconds = 0.01;    // keep the suite fast; the rule is what is tested
    return options;
  }
  RulesServer server;
};

TEST_F(HttpRulesTest, AFirstFetchReturnsValidatorsToRemember) {
  const auto results = make_http_fetcher(quick())->fetch_requests({{server.url("/validated")}});
  ASSERT_TRUE(results[0].ok()) << results[0].error_message;
  EXPECT_FALSE(results[0].not_modified);
  EXPECT_EQ(results[0].etag, "\"v7\"");
  EXPECT_EQ(results[0].last_modified, "Tue, 03 Mar 2026 10:00:00 GMT");
  EXPECT_EQ(results[0].body_hash, fetch_body_hash(kFeed));
}

TEST_F(HttpRulesTest, AMatchingEtagGivesNotModifiedNotEmpty) {
  FetchRequest request{server.url("/validated"), "\"v7\"", "", "abc"};
  const auto result = make_http_fetcher(quick())->fetch_requests({request})[0];
  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.status, 304);
  EXPECT_TRUE(result.not_modified);
  EXPECT_EQ(result.etag, "\"v7\"") << "carried over from the request";
  EXPECT_EQ(result.body_hash, "abc") << "carried over from the request";
}

TEST_F(HttpRulesTest, IfModifiedSinceIsSentToo) {
  FetchRequest request{server.url("/validated"), "", "Tue, 03 Mar 2026 10:00:00 GMT", ""};
  const auto result = make_http_fetcher(quick())->fetch_requests({request})[0];
  EXPECT_TRUE(result.not_modified);
  EXPECT_EQ(result.last_modified, "Tue, 03 Mar 2026 10:00:00 GMT");
}

TEST_F(HttpRulesTest, AnUnchangedBodyHashIsNotModified) {
  FetchRequest request{server.url("/plain"), "", "", fetch_body_hash(kFeed)};
  const auto result = make_http_fetcher(quick())->fetch_requests({request})[0];
  EXPECT_EQ(result.status, 200);
  EXPECT_TRUE(result.not_modified);
  EXPECT_EQ(result.body, kFeed);
}

TEST_F(HttpRulesTest, AChangedBodyIsModified) {
  FetchRequest request{server.url("/plain"), "", "", fetch_body_hash("older body")};
  EXPECT_FALSE(make_http_fetcher(quick())->fetch_requests({request})[0].not_modified);
}

TEST_F(HttpRulesTest, PermanentRedirectsAreReportedWithTheirTarget) {
  const auto result = make_http_fetcher(quick())->fetch(server.url("/perm301"));
  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.moved_to, server.url("/plain")) << "301 then 308: both permanent";
  EXPECT_EQ(result.final_url, server.url("/plain"));
  EXPECT_EQ(result.body, kFeed);
}

TEST_F(HttpRulesTest, ATemporaryRedirectIsNotAMove) {
  EXPECT_EQ(make_http_fetcher(quick())->fetch(server.url("/temp302")).moved_to, "");
  EXPECT_EQ(make_http_fetcher(quick())->fetch(server.url("/perm-then-temp")).moved_to,
            server.url("/temp302"))
      << "the move ends where the first temporary redirect begins";
}

TEST_F(HttpRulesTest, RedirectsStopAtTheLimit) {
  FetchOptions options = quick();
  options.max_redirects = 5;
  const auto result = make_http_fetcher(options)->fetch(server.url("/loop/0"));
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.error_message.find("redirects"), std::string::npos) << result.error_message;
}

TEST_F(HttpRulesTest, ARedirectToAFileUrlIsRefusedEvenWhenFilesAreAllowed) {
  FetchOptions options = quick();
  options.allow_file = true;
  const auto result = make_http_fetcher(options)->fetch(server.url("/to-file"));
  EXPECT_EQ(result.error, FetchErrorKind::bad_url) << result.error_message;
  EXPECT_TRUE(result.body.empty());
}

TEST_F(HttpRulesTest, AFileUrlNeedsARequestNamedInTheConfig) {
  FetchOptions options = quick();
  options.allow_file = true;
  auto fetcher = make_http_fetcher(options);
  FetchRequest from_content("file:///etc/hostname");
  FetchRequest from_config("file:///etc/hostname");
  from_config.allow_file = true;
  const auto results = fetcher->fetch_requests({from_content, from_config});
  EXPECT_EQ(results[0].error, FetchErrorKind::bad_url) << "a link found in a feed";
  EXPECT_TRUE(results[1].ok()) << results[1].error_message;
}

TEST_F(HttpRulesTest, GoneIsMarked) {
  const auto result = make_http_fetcher(quick())->fetch(server.url("/gone"));
  EXPECT_EQ(result.error, FetchErrorKind::http_status);
  EXPECT_TRUE(result.gone());
  EXPECT_EQ(result.attempts, 1) << "a 410 is final";
}

TEST_F(HttpRulesTest, ANotFoundIsNotRetried) {
  make_http_fetcher(quick())->fetch(server.url("/missing"));
  EXPECT_EQ(server.hits("/missing"), 1);
}

TEST_F(HttpRulesTest, TooManyRequestsHonoursRetryAfterOnce) {
  const auto result = make_http_fetcher(quick())->fetch(server.url("/busy-once"));
  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.attempts, 2);
  EXPECT_EQ(server.hits("/busy-once"), 2);
}

TEST_F(HttpRulesTest, RetryAfterIsHonouredOnlyOnce) {
  const auto result = make_http_fetcher(quick())->fetch(server.url("/busy-always"));
  EXPECT_EQ(result.status, 503);
  EXPECT_EQ(server.hits("/busy-always"), 2);
}

TEST_F(HttpRulesTest, ARetryAfterBeyondTheLimitIsNotWaitedFor) {
  const auto result = make_http_fetcher(quick())->fetch(server.url("/busy-long"));
  EXPECT_EQ(result.status, 503);
  EXPECT_EQ(server.hits("/busy-long"), 1);
}

TEST_F(HttpRulesTest, AServerErrorIsRetriedOnceWithBackoff) {
  const auto result = make_http_fetcher(quick())->fetch(server.url("/flaky"));
  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.attempts, 2);
}

TEST_F(HttpRulesTest, ATooSlowTransferIsAbortedAsATimeout) {
  FetchOptions options = quick();
  options.low_speed_bytes = 1000;
  options.low_speed_seconds = 1;
  const auto result = make_http_fetcher(options)->fetch(server.url("/trickle"));
  EXPECT_EQ(result.error, FetchErrorKind::timeout) << result.error_message;
}

TEST_F(HttpRulesTest, AnEndlessBodyStopsAtTheLimit) {
  FetchOptions options = quick();
  options.max_body_bytes = 100 * 1024;
  const auto result = make_http_fetcher(options)->fetch(server.url("/endless"));
  EXPECT_EQ(result.error, FetchErrorKind::too_large);
  EXPECT_EQ(result.attempts, 1);
}

TEST_F(HttpRulesTest, AsksForCompressedResponses) {
  const auto result = make_http_fetcher(quick())->fetch(server.url("/headers"));
  EXPECT_NE(result.body.find("gzip"), std::string::npos) << result.body;
  EXPECT_NE(result.body.find("deflate"), std::string::npos) << result.body;
}

TEST_F(HttpRulesTest, ThePerHostLimitHolds) {
  FetchOptions options = quick();
  options.concurrency = 8;
  options.per_host = 2;
  std::vector<std::string> urls;
  for (int i = 0; i < 10; ++i) urls.push_back(server.url("/crowd/" + std::to_string(i)));
  const auto results = make_http_fetcher(options)->fetch_all(urls);
  for (const auto& result : results) EXPECT_TRUE(result.ok()) << result.error_message;
  EXPECT_LE(server.peak(), 2);
}

TEST_F(HttpRulesTest, ProgressIsReportedUntilAllAreDone) {
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 5; ++i) requests.push_back({server.url("/crowd/" + std::to_string(i))});
  requests.push_back({server.url("/missing")});
  std::vector<FetchProgress> seen;
  make_http_fetcher(quick())->fetch_requests(
      requests, [&](const FetchProgress& progress) { seen.push_back(progress); });
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().done, 6u);
  EXPECT_EQ(seen.back().total, 6u);
  EXPECT_EQ(seen.back().failed, 1u);
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].done, seen[i - 1].done);
}

}  // namespace
}  // namespace confab
