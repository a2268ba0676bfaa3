// The address policy, enforced on the address the fetcher really connects to: a server this test
// runs on loopback, names pointed at addresses of every kind (curl's --resolve), and redirects.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <thread>

#include "fetch/fetch.h"

namespace confab {
namespace {

class Server {
 public:
  explicit Server(const std::string& address) : address_(address) {
    server_.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
      ++hits;
      if (request.path.starts_with("/to/")) {
        response.set_redirect(request.path.substr(3).insert(0, "http:/"), 302);
        return;
      }
      response.set_content("<rss version=\"2.0\"><channel/></rss>", "application/rss+xml");
    });
    port_ = server_.bind_to_any_port(address);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Server() {
    server_.stop();
    thread_.join();
  }
  std::string endpoint() const { return address_ + ":" + std::to_string(port_); }
  std::string url(const std::string& path) const { return "http://" + endpoint() + path; }
  int port() const { return port_; }
  std::atomic<int> hits{0};

 private:
  std::string address_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

class AddressPolicyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }

  FetchResult fetch(const std::string& url) {
    options.timeout_seconds = 5;
    options.retry_backoff_seconds = 0;
    return make_http_fetcher(options)->fetch_requests({FetchRequest(url)})[0];
  }

  FetchOptions options;
  Server server{"127.0.0.1"};
};

TEST_F(AddressPolicyTest, LoopbackIsRefusedBeforeAnyPacketLeaves) {
  const FetchResult result = fetch(server.url("/feed"));
  EXPECT_EQ(result.error, FetchErrorKind::refused);
  EXPECT_NE(result.error_message.find("127.0.0.1 is a loopback address"), std::string::npos)
      << result.error_message;
  EXPECT_NE(result.error_message.find(server.url("/feed")), std::string::npos);
  EXPECT_EQ(server.hits, 0);
  EXPECT_EQ(result.attempts, 1) << "a refusal is final: no retry";
}

TEST_F(AddressPolicyTest, AnEndpointSiteTomlNamesByAddressIsReachable) {
  options.addresses.trusted_endpoints = {server.endpoint()};
  EXPECT_TRUE(fetch(server.url("/feed")).ok());
  EXPECT_EQ(server.hits, 1);
  // Trust is for that endpoint only: another port on the same address is not.
  options.addresses.trusted_endpoints = {"127.0.0.1:1"};
  EXPECT_EQ(fetch(server.url("/feed")).error, FetchErrorKind::refused);
}

TEST_F(AddressPolicyTest, AllowPrivateAllowsEveryAddress) {
  options.addresses.allow_private = true;
  EXPECT_TRUE(fetch(server.url("/feed")).ok());
}

TEST_F(AddressPolicyTest, APublicNameThatResolvesToAPrivateAddressIsRefused) {
  const std::string port = std::to_string(server.port());
  options.resolve = {"blog.example:" + port + ":127.0.0.1"};
  const FetchResult result = fetch("http://blog.example:" + port + "/feed");
  EXPECT_EQ(result.error, FetchErrorKind::refused) << result.error_message;
  EXPECT_EQ(server.hits, 0);
  // Naming the endpoint by address trusts the address, whatever name leads there.
  options.addresses.trusted_endpoints = {server.endpoint()};
  EXPECT_TRUE(fetch("http://blog.example:" + port + "/feed").ok());
}

TEST_F(AddressPolicyTest, EveryKindOfNonPublicAddressIsRefused) {
  // Each name points at an address of one kind; none is ever connected to.
  const std::pair<const char*, const char*> kinds[] = {
      {"loop.example", "127.0.0.2"},
      {"private.example", "10.1.2.3"},
      {"lan.example", "192.168.0.10"},
      {"corp.example", "172.20.0.1"},
      {"meta.example", "169.254.169.254"},
      {"cgnat.example", "100.64.1.1"},
      {"multi.example", "224.0.0.251"},
      {"zero.example", "0.0.0.0"},
      {"v6loop.example", "[::1]"},
      {"ula.example", "[fd00::1]"},
      {"v6link.example", "[fe80::1]"},
      {"mapped.example", "[::ffff:127.0.0.1]"},
      {"nat64.example", "[64:ff9b::a9fe:a9fe]"},
  };
  for (const auto& [name, address] : kinds) {
    options.resolve = {std::string(name) + ":80:" + address};
    const FetchResult result = fetch(std::string("http://") + name + "/");
    EXPECT_EQ(result.error, FetchErrorKind::refused)
        << name << " -> " << address << ": " << result.error_message;
  }
}

TEST_F(AddressPolicyTest, EachRedirectHopIsJudgedOnItsOwnAddress) {
  Server inner("127.0.0.2");
  options.addresses.trusted_endpoints = {server.endpoint()};
  // The trusted endpoint sends the request on to an address nobody named.
  const FetchResult result = fetch(server.url("/to/" + inner.endpoint() + "/secret"));
  EXPECT_EQ(result.error, FetchErrorKind::refused) << result.error_message;
  EXPECT_NE(result.error_message.find("redirected to " + inner.url("/secret")), std::string::npos)
      << result.error_message;
  EXPECT_EQ(server.hits, 1);
  EXPECT_EQ(inner.hits, 0);
}

TEST(LiteralEndpoint, OnlyHostsWrittenAsAddressesOrLocalhost) {
  EXPECT_EQ(literal_endpoint("http://127.0.0.1:8080/feed"), "127.0.0.1:8080");
  EXPECT_EQ(literal_endpoint("https://10.0.0.5/"), "10.0.0.5:443");
  EXPECT_EQ(literal_endpoint("http://[FD00::5]/x"), "[fd00::5]:80");
  EXPECT_EQ(literal_endpoint("http://localhost:3000/"), "127.0.0.1:3000");
  EXPECT_EQ(literal_endpoint("http://2130706433/"), "127.0.0.1:80");
  EXPECT_EQ(literal_endpoint("https://blog.example/feed"), "");
  EXPECT_EQ(literal_endpoint("file:///tmp/feed.xml"), "");
}

}  // namespace
}  // namespace confab
