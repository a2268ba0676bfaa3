// The outbound address policy as a build applies it, one test per way in: a configured feed, a
// comment feed a feed names, a page a post links to, a redirect, a name resolving to a private
// address. Two servers on loopback: 127.0.0.1 is named in site.toml, 127.0.0.2 never is, so it
// must never be reached.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <map>
#include <thread>

#include "build/build_fetcher.h"
#include "build/spider.h"
#include "build_fixtures.h"
#include "config/config.h"

namespace confab {
namespace {

class Server {
 public:
  explicit Server(const std::string& address) {
    server_.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
      ++hits;
      const auto route = routes.find(request.path);
      if (route == routes.end()) {
        response.status = 404;
        return;
      }
      if (route->second.starts_with("redirect:")) {
        response.set_redirect(route->second.substr(9), 302);
        return;
      }
      response.set_content(route->second, "application/rss+xml");
    });
    port_ = server_.bind_to_any_port(address);
    base = "http://" + address + ":" + std::to_string(port_);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Server() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

  std::map<std::string, std::string> routes;  ///< set before the first request
  std::string base;
  std::atomic<int> hits{0};

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

std::string feed(const std::string& title, const std::string& item_xml) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\" "
         "xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"><channel><title>" +
         title + "</title><link>http://x.example/</link>" + item_xml + "</channel></rss>";
}

class OutboundPolicy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_init(CURL_GLOBAL_DEFAULT); }

  void SetUp() override {
    const std::string hidden_port = std::to_string(hidden.port());
    // A post about the campaign whose comment feed is on the hidden address, and which links to
    // a public-looking name that resolves to it.
    named.routes["/feed"] =
        feed("Named Blog",
             "<item><title>Kite day notes</title><link>" + named.base +
                 "/kite/</link><guid>k1</guid><wfw:commentRss>" + hidden.base +
                 "/comments</wfw:commentRss><description><![CDATA[<a href=\"http://tail.example:" +
                 hidden_port + "/post\">kite day elsewhere</a>]]></description></item>");
    named.routes["/moving"] = "redirect:" + hidden.base + "/feed";
    hidden.routes["/feed"] = feed("Hidden", "");
    hidden.routes["/comments"] = feed("Hidden comments", "");
    hidden.routes["/post"] = "<html></html>";
    site = testing::fresh_dir("outbound");
    testing::write_text(site / "site.toml",
                        "[site]\ntitle = \"t\"\n[campaign]\nkeywords = [\"kite day\"]\n"
                        "[[source]]\nname = \"Named\"\nurl = \"" +
                            named.base +
                            "/feed\"\n"
                            "[[source]]\nname = \"By name\"\nurl = \"http://blog.example:" +
                            hidden_port +
                            "/feed\"\n"
                            "[[source]]\nname = \"Moving\"\nurl = \"" +
                            named.base + "/moving\"\n[crawl]\ndepth = 1\n");
  }

  SpiderReport spider() {
    const SiteConfig config = load_config(site / "site.toml");
    FetchOptions options = fetch_options_for(config);
    options.retry_backoff_seconds = 0;
    options.resolve = {"blog.example:" + std::to_string(hidden.port()) + ":127.0.0.2",
                       "tail.example:" + std::to_string(hidden.port()) + ":127.0.0.2"};
    const auto fetcher = make_http_fetcher(options);
    return run_spider(config, *fetcher, 1270000000);
  }

  static const SourceHarvest& harvest(const SpiderReport& report, const std::string& name) {
    for (const auto& one : report.harvests) {
      if (one.report.name == name) return one;
    }
    throw std::runtime_error("no harvest " + name);
  }

  static bool warned(const SpiderReport& report, const std::string& part) {
    for (const auto& warning : report.warnings) {
      if (warning.find(part) != std::string::npos) return true;
    }
    return false;
  }

  Server named{"127.0.0.1"};
  Server hidden{"127.0.0.2"};
  std::filesystem::path site;
};

TEST_F(OutboundPolicy, OnlyWhatSiteTomlNamesByAddressIsReachedAndTheRestIsReported) {
  const SpiderReport report = spider();
  // A configured feed named by its address is read.
  EXPECT_EQ(harvest(report, "Named").report.status, SourceStatus::ok);
  // A configured feed named by a name that resolves to a private address is refused.
  const SourceHarvest& by_name = harvest(report, "By name");
  EXPECT_EQ(by_name.report.status, SourceStatus::error);
  EXPECT_EQ(by_name.report.error_kind, "refused");
  EXPECT_NE(by_name.report.error.find("loopback address"), std::string::npos)
      << by_name.report.error;
  // A redirect from a named endpoint to an unnamed private one is refused at that hop.
  const SourceHarvest& moving = harvest(report, "Moving");
  EXPECT_EQ(moving.report.error_kind, "refused");
  EXPECT_NE(moving.report.error.find("redirected to"), std::string::npos) << moving.report.error;
  // The comment feed a configured blog's feed points at, and the page its post links to.
  EXPECT_TRUE(warned(report, "Named: comments of 'Kite day notes': " + hidden.base + "/comments"))
      << ::testing::PrintToString(report.warnings);
  EXPECT_TRUE(warned(report, "tail.example")) << ::testing::PrintToString(report.warnings);
  EXPECT_EQ(hidden.hits, 0) << "the unnamed private address was reached";
}

TEST_F(OutboundPolicy, AllowPrivateOpensEveryAddress) {
  testing::write_text(site / "site.toml",
                      testing::read_text(site / "site.toml") + "allow_private = true\n");
  const SpiderReport report = spider();
  EXPECT_EQ(harvest(report, "By name").report.status, SourceStatus::ok);
  EXPECT_EQ(harvest(report, "Moving").report.status, SourceStatus::ok);
  EXPECT_GT(hidden.hits, 0);
}

}  // namespace
}  // namespace confab
