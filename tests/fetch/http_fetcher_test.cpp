// The network fetcher against a server this test runs on 127.0.0.1 (an ephemeral port).
#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "fetch/fetch.h"

namespace confab {
namespace {

/// The test server listens on loopback: a private address, reachable only when allowed.
FetchOptions loopback() {
  FetchOptions options;
  options.addresses.allow_private = true;
  return options;
}

class LocalServer {
 public:
  LocalServer() {
    server_.Get("/feed", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("ETag", "\"v1\"");
      res.set_content("<rss version=\"2.0\"><channel/></rss>", "application/rss+xml");
    });
    server_.Get("/moved", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/feed", 301);
    });
    server_.Get("/missing", [](const httplib::Request&, httplib::Response& res) {
      res.status = 404;
      res.set_content("no such page", "text/plain");
    });
    server_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(64 * 1024, 'x'), "text/plain");
    });
    server_.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      res.set_content("late", "text/plain");
    });
    // Which connection asked: the client's port, the same for requests on one connection.
    server_.Get("/port", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(std::to_string(req.remote_port), "text/plain");
    });
    server_.Get("/agent", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.get_header_value("User-Agent"), "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~LocalServer() {
    server_.stop();
    thread_.join();
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

class HttpFetcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  LocalServer server;
};

TEST_F(HttpFetcherTest, FetchesABodyWithItsHeaders) {
  FetchOptions options = loopback();
  const auto result = make_http_fetcher(options)->fetch(server.url("/feed"));
  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "<rss version=\"2.0\"><channel/></rss>");
  EXPECT_EQ(result.header("etag"), "\"v1\"");
  EXPECT_EQ(result.header("Content-Type"), "application/rss+xml");
}

TEST_F(HttpFetcherTest, FollowsRedirectsAndReportsTheFinalUrl) {
  const auto result = make_http_fetcher(loopback())->fetch(server.url("/moved"));
  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.final_url, server.url("/feed"));
  EXPECT_EQ(result.header("Location"), "") << "headers are the final response's";
}

TEST_F(HttpFetcherTest, AnHttpErrorIsTypedAndNamesTheUrl) {
  const auto result = make_http_fetcher(loopback())->fetch(server.url("/missing"));
  EXPECT_EQ(result.error, FetchErrorKind::http_status);
  EXPECT_EQ(result.status, 404);
  EXPECT_NE(result.error_message.find(server.url("/missing")), std::string::npos);
}

TEST_F(HttpFetcherTest, ABodyOverTheLimitIsAbortedWhileStreaming) {
  FetchOptions options = loopback();
  options.max_body_bytes = 1024;
  const auto result = make_http_fetcher(options)->fetch(server.url("/big"));
  EXPECT_EQ(result.error, FetchErrorKind::too_large);
  EXPECT_TRUE(result.body.empty());
}

TEST_F(HttpFetcherTest, ATimeoutIsTyped) {
  FetchOptions options = loopback();
  options.retry_backoff_seconds = 0.01;
  options.timeout_seconds = 0.3;
  const auto result = make_http_fetcher(options)->fetch(server.url("/slow"));
  EXPECT_EQ(result.error, FetchErrorKind::timeout);
}

TEST_F(HttpFetcherTest, SendsTheConfiguredUserAgent) {
  FetchOptions options = loopback();
  options.user_agent = "confab-test/1";
  EXPECT_EQ(make_http_fetcher(options)->fetch(server.url("/agent")).body, "confab-test/1");
}

TEST_F(HttpFetcherTest, ManyUrlsComeBackInRequestOrder) {
  std::vector<std::string> urls;
  for (int i = 0; i < 12; ++i) urls.push_back(server.url(i % 3 == 0 ? "/missing" : "/feed"));
  const auto results = make_http_fetcher(loopback())->fetch_all(urls);
  ASSERT_EQ(results.size(), urls.size());
  for (std::size_t i = 0; i < urls.size(); ++i) {
    EXPECT_EQ(results[i].url, urls[i]);
    EXPECT_EQ(results[i].status, i % 3 == 0 ? 404 : 200);
  }
}

TEST_F(HttpFetcherTest, AHostsRequestsShareAConnectionClosedAfterItsLastOne) {
  FetchOptions options = loopback();
  options.concurrency = 1;  // one after another, so each could take the connection back
  const auto fetcher = make_http_fetcher(options);
  const auto batch =
      fetcher->fetch_all({server.url("/port"), server.url("/port"), server.url("/port")});
  ASSERT_EQ(batch.size(), 3u);
  ASSERT_TRUE(batch[0].ok()) << batch[0].error_message;
  EXPECT_EQ(batch[1].body, batch[0].body);
  EXPECT_EQ(batch[2].body, batch[0].body);
  // Nothing more was queued for the host after the third: its connection was not kept idle.
  const auto next = fetcher->fetch(server.url("/port"));
  ASSERT_TRUE(next.ok()) << next.error_message;
  EXPECT_NE(next.body, batch[0].body);
}

TEST_F(HttpFetcherTest, AClosedPortIsAConnectError) {
  // Bind a port and close it again, so that nothing listens there.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const int port = ntohs(address.sin_port);
  close(fd);
  FetchOptions options = loopback();
  options.retry_backoff_seconds = 0.01;
  const auto result =
      make_http_fetcher(options)->fetch("http://127.0.0.1:" + std::to_string(port) + "/");
  EXPECT_EQ(result.error, FetchErrorKind::connect) << result.error_message;
}

TEST_F(HttpFetcherTest, FileUrlsOnlyWhenAllowed) {
  FetchOptions options = loopback();
  EXPECT_EQ(make_http_fetcher(options)->fetch("file:///etc/hostname").error,
            FetchErrorKind::bad_url);
  options.allow_file = true;
  EXPECT_TRUE(make_http_fetcher(options)->fetch("file:///etc/hostname").ok());
}

}  // namespace
}  // namespace confab
