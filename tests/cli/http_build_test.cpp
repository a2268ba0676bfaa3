// A whole build over real HTTP: a small campaign served by this test on 127.0.0.1 and 127.0.0.2
// (two hosts, so that one blog can be discovered), then replayed from what the build recorded.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "binary_runner.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using testing::fresh_dir;
using testing::read_text;
using testing::run_confab;

const fs::path kFixture = fs::path(CONFAB_SOURCE_DIR) / "tests/fixtures/http-campaign";

std::string substitute(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos)) {
      text.replace(pos, key.size(), value);
      pos += value.size();
    }
  }
  return text;
}

/// One loopback HTTP server answering fixed routes, recording what was asked.
class FixtureServer {
 public:
  struct Route {
    int status;
    std::string file;
    std::string type;
    std::string location = "";  ///< a redirect's target path
  };

  explicit FixtureServer(const std::string& address) {
    server_.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        requested_.push_back(request.path);
      }
      const auto route = routes_.find(request.path);
      if (route == routes_.end()) {
        response.status = 404;
        response.set_content("not here", "text/plain");
        return;
      }
      response.status = route->second.status;
      if (!route->second.location.empty()) {
        response.set_header("Location", base_ + route->second.location);
      }
      const std::string body = route->second.file.empty()
                                   ? ""
                                   : substitute(read_text(kFixture / route->second.file), values_);
      response.set_content(body, route->second.type.c_str());
    });
    port_ = server_.bind_to_any_port(address);
    base_ = "http://" + address + ":" + std::to_string(port_);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FixtureServer() { stop(); }

  void stop() {
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }
  void serve(const std::string& path, Route route) { routes_[path] = std::move(route); }
  void set_values(std::map<std::string, std::string> values) { values_ = std::move(values); }
  const std::string& base() const { return base_; }
  std::vector<std::string> requested() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requested_;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::string base_;
  std::map<std::string, Route> routes_;
  std::map<std::string, std::string> values_;
  std::mutex mutex_;
  std::vector<std::string> requested_;
};

class HttpBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    values = {{"@A@", a.base()}, {"@B@", b.base()}};
    a.set_values(values);
    b.set_values(values);
    a.serve("/alpha/", {200, "alpha-home.html", "text/html; charset=utf-8"});
    a.serve("/alpha/feed/", {200, "alpha-feed.xml", "application/rss+xml; charset=UTF-8"});
    a.serve("/alpha/launch/feed/", {200, "alpha-launch-comments.xml", "application/rss+xml"});
    a.serve("/beta/feed.atom", {200, "beta-feed.atom", "application/atom+xml"});
    a.serve("/beta/planes/comments.atom", {200, "beta-comments.atom", "application/atom+xml"});
    a.serve("/gone/feed", {410, "", "text/plain"});
    b.serve("/gamma/2009/03/glider.html", {200, "gamma-post.html", "text/html"});
    b.serve("/gamma/feed.xml", {200, "gamma-feed.xml", "application/atom+xml"});

    site = fresh_dir("http-site");
    std::ofstream(site / "site.toml") << substitute(read_text(kFixture / "site.toml"), values);
    fs::create_directory_symlink(fs::path(CONFAB_SOURCE_DIR) / "themes", site / "themes");
  }
  void TearDown() override { fs::remove_all(site); }

  nlohmann::json conversation(const fs::path& output) const {
    return nlohmann::json::parse(read_text(output / "conversation.json"));
  }

  FixtureServer a{"127.0.0.1"};
  FixtureServer b{"127.0.0.2"};
  std::map<std::string, std::string> values;
  fs::path site;
};

const nlohmann::json& by_name(const nlohmann::json& list, const std::string& name) {
  for (const auto& item : list) {
    if (item["name"] == name) return item;
  }
  throw std::runtime_error("missing " + name);
}

TEST_F(HttpBuild, FetchesAutodiscoversCrawlsAndThreads) {
  const auto run = run_confab("build --config " + (site / "site.toml").string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto json = conversation(site / "public");

  const auto& alpha = by_name(json["sources"], "Alpha Folds");
  EXPECT_EQ(alpha["feed"], a.base() + "/alpha/feed/") << "autodiscovered, comments feed skipped";
  EXPECT_EQ(alpha["status"], "ok");
  EXPECT_EQ(by_name(json["sources"], "Gone Blog")["status"], "gone");
  const auto& gamma = by_name(json["sources"], "Gamma Flies");
  EXPECT_EQ(gamma["role"], "discovered");
  EXPECT_EQ(gamma["feed"], b.base() + "/gamma/feed.xml");

  std::map<std::string, nlohmann::json> by_url;
  for (const auto& node : json["nodes"]) by_url[node["url"]] = node;
  EXPECT_FALSE(by_url.count(a.base() + "/alpha/paper/")) << "off-topic post stays out";
  EXPECT_FALSE(by_url.count(b.base() + "/gamma/2009/02/other.html"));
  const auto& launch = by_url.at(a.base() + "/alpha/launch/");
  const auto& planes = by_url.at(a.base() + "/beta/planes.html");
  const auto& glider = by_url.at(b.base() + "/gamma/2009/03/glider.html");
  EXPECT_EQ(planes["parent"], glider["id"]) << "the most recent older post it links to";
  EXPECT_EQ(planes["links_to"].size(), 2u);
  EXPECT_TRUE(launch["parent"].is_null());
  EXPECT_EQ(by_url.at(a.base() + "/alpha/launch/#comment-2")["parent"], launch["id"]);
  EXPECT_EQ(by_url.at(a.base() + "/beta/planes.html#comment-2")["parent"],
            by_url.at(a.base() + "/beta/planes.html#comment-1")["id"]);
  EXPECT_TRUE(json["awaiting_reply"].empty()) << "Ada answered Milo by name";

  // The campaign link itself is never fetched: it is the campaign, not a blog.
  for (const auto& path : a.requested()) EXPECT_NE(path, "/launch-film");
  EXPECT_NE(run.err.find("Gone Blog"), std::string::npos);
}

TEST_F(HttpBuild, APermanentRedirectIsFollowedAndReportedSoSiteTomlCanBeUpdated) {
  a.serve("/beta/old-feed.atom", {301, "", "text/plain", "/beta/feed.atom"});
  std::string toml = substitute(read_text(kFixture / "site.toml"), values);
  toml = substitute(toml, {{"/beta/feed.atom", "/beta/old-feed.atom"}});
  std::ofstream(site / "site.toml", std::ios::trunc) << toml;
  const auto run = run_confab("build --config " + (site / "site.toml").string() + " --archive " +
                              (site / "archive.db").string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(by_name(conversation(site / "public")["sources"], "Beta Notes")["status"], "ok");
  EXPECT_NE(run.err.find("Beta Notes: " + a.base() + "/beta/old-feed.atom moved permanently to " +
                         a.base() + "/beta/feed.atom; update its feed in site.toml"),
            std::string::npos)
      << run.err;
}

TEST_F(HttpBuild, ARecordedBuildReplaysIdenticallyWithTheServersDown) {
  const fs::path snapshot = site / "snapshot";
  const auto live = run_confab("build --config " + (site / "site.toml").string() + " --record " +
                                   snapshot.string() + " --output " + (site / "live").string() +
                                   " --archive " + (site / "live.db").string(),
                               "SOURCE_DATE_EPOCH=1236500000");
  ASSERT_EQ(live.exit_code, 0) << live.err;
  a.stop();
  b.stop();
  // Same site, answered from the snapshot this time.
  std::string toml = substitute(read_text(kFixture / "site.toml"), values);
  toml = substitute(toml, {{"timeout = 10", "timeout = 10\nreplay = \"snapshot\""}});
  std::ofstream(site / "site.toml", std::ios::trunc) << toml;
  const auto replayed = run_confab("build --config " + (site / "site.toml").string() +
                                       " --output " + (site / "replayed").string() +
                                       // A fresh archive: the replay must stand on its own.
                                       " --archive " + (site / "replayed.db").string(),
                                   "SOURCE_DATE_EPOCH=1236500000");
  ASSERT_EQ(replayed.exit_code, 0) << replayed.err;
  EXPECT_EQ(read_text(site / "live/conversation.json"),
            read_text(site / "replayed/conversation.json"));
  EXPECT_EQ(read_text(site / "live/index.html"), read_text(site / "replayed/index.html"));
}

}  // namespace
}  // namespace confab
