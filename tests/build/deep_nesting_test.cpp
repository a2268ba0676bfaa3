// Issue 13: a million levels of nesting, in a feed's HTML, in a page and in a JSON body, through a
// whole build (replayed, in process). Each builds, is reported by name, and the rest publishes:
// twice, because what the first build archived is read again by every later one.
#include <gtest/gtest.h>

#include <string>

#include "build/build.h"
#include "build_fixtures.h"
#include "config/config.h"

namespace confab {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kLevels = 1'000'000;
constexpr UnixTime kNow = 1262390400;  // 2010-01-02

std::string repeated(const std::string& piece, std::size_t times) {
  std::string text;
  text.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) text += piece;
  return text;
}

std::string http(const std::string& content_type, const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: " + content_type + "\r\n\r\n" + body;
}

class DeepNesting : public ::testing::Test {
 protected:
  void SetUp() override {
    site = testing::fresh_dir("deep-nesting");
    const fs::path snapshot = site / "snapshot";
    // The campaign's home page: a million <div>s in its body, its feed advertised in <head>.
    testing::write_text(snapshot / "home.http",
                        http("text/html; charset=utf-8",
                             "<!DOCTYPE html><html><head><title>Paper Boats</title>"
                             "<link rel=\"alternate\" type=\"application/rss+xml\" "
                             "href=\"https://boats.example.org/feed/\"></head><body>" +
                                 repeated("<div>", kLevels) + "afloat</body></html>"));
    // Its feed: one post whose escaped HTML nests a million levels, one ordinary post.
    testing::write_text(
        snapshot / "feed.http",
        http("application/rss+xml; charset=utf-8",
             "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Paper Boats</title>"
             "<link>https://boats.example.org/</link>"
             "<item><title>The deep one</title><link>https://boats.example.org/deep/</link>"
             "<pubDate>Fri, 01 Jan 2010 10:00:00 +0000</pubDate><description><![CDATA[" +
                 repeated("<div>", kLevels) +
                 "at the bottom of the river]]></description></item>"
                 "<item><title>Folding day</title><link>https://boats.example.org/folding/</link>"
                 "<pubDate>Fri, 01 Jan 2010 11:00:00 +0000</pubDate>"
                 "<description>&lt;p&gt;Bring paper to the pond.&lt;/p&gt;</description></item>"
                 "</channel></rss>"));
    // A JSON Feed: a million-deep array beside the items, and an item whose HTML nests deep.
    testing::write_text(
        snapshot / "json.http",
        http("application/feed+json",
             "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Keel Notes\","
             "\"home_page_url\": \"https://keel.example.net/\", \"_deep\": " +
                 repeated("[", kLevels) + repeated("]", kLevels) +
                 ", \"items\": [{\"id\": \"1\", \"url\": \"https://keel.example.net/1/\","
                 "\"title\": \"Sinking well\", \"date_published\": \"2010-01-01T12:00:00Z\","
                 "\"content_html\": \"" +
                 repeated("<b>", kLevels) +
                 "still floating <a href=\\\"https://boats.example.org/folding/\\\">boats</a>\"},"
                 "{\"id\": \"2\", \"url\": \"https://keel.example.net/2/\", \"title\": \"Keels\","
                 "\"date_published\": \"2010-01-01T13:00:00Z\", \"content_html\": "
                 "\"<p>Keels keep <a href=\\\"https://boats.example.org/\\\">paper boats</a> "
                 "upright.</p>\"}]}"));
    testing::write_text(snapshot / "index.tsv",
                        "https://boats.example.org/\thome.http\n"
                        "https://boats.example.org/feed/\tfeed.http\n"
                        "https://keel.example.net/feed.json\tjson.http\n");
    testing::write_text(site / "site.toml",
                        "[site]\ntitle = \"Paper boats\"\n"
                        "[campaign]\nlinks = [\"https://boats.example.org/\"]\n"
                        "[[source]]\nname = \"Paper Boats\"\nurl = \"https://boats.example.org/\"\n"
                        "role = \"campaign\"\n"
                        "[[source]]\nname = \"Keel Notes\"\nurl = \"https://keel.example.net/\"\n"
                        "feed = \"https://keel.example.net/feed.json\"\n"
                        "[fetch]\nreplay = \"snapshot\"\n[crawl]\ndepth = 0\n");
    config = load_config(site / "site.toml");
  }
  void TearDown() override { fs::remove_all(site); }

  BuildReport build(bool offline) {
    BuildOptions options;
    options.now = kNow;
    options.offline = offline;
    return run_build(config, options);
  }

  static bool warned(const BuildReport& report, const std::string& part) {
    for (const auto& warning : report.warnings) {
      if (warning.find(part) != std::string::npos) return true;
    }
    return false;
  }

  /// Every thread page of the published hub, one after the other.
  std::string thread_pages() const {
    std::string pages;
    for (const auto& entry : fs::recursive_directory_iterator(site / "public" / "threads")) {
      if (entry.path().filename() == "index.html") pages += testing::read_text(entry.path());
    }
    return pages;
  }

  fs::path site;
  SiteConfig config;
};

TEST_F(DeepNesting, AMillionLevelsInAFeedAPageAndAJsonBodyBuildReportAndPublishTheRest) {
  for (const bool offline : {false, true}) {
    SCOPED_TRACE(offline ? "offline, from the archive" : "fetched");
    const BuildReport report = build(offline);
    if (!offline) {
      // The page, the JSON body: reported by the reader that met them, by source.
      EXPECT_TRUE(warned(report, "Paper Boats: https://boats.example.org/: nested deeper than"));
      EXPECT_TRUE(warned(report, "Keel Notes: JSON nested deeper than 512 levels"));
    }
    // The feed's HTML: reported by render, naming the post, on every build.
    EXPECT_TRUE(warned(report, "https://boats.example.org/deep/: nested deeper than 256 levels"));
    EXPECT_TRUE(warned(report, "https://keel.example.net/1/: nested deeper than 256 levels"));

    std::size_t posts = 0;
    for (const auto& node : report.conversation.nodes) posts += node.kind == NodeKind::post;
    EXPECT_EQ(posts, 4u);
    const std::string pages = thread_pages();
    // The deep posts publish, flattened below the cap with their text kept; the others as usual.
    EXPECT_NE(pages.find("at the bottom of the river"), std::string::npos);
    EXPECT_NE(pages.find("still floating"), std::string::npos);
    EXPECT_NE(pages.find("Bring paper to the pond."), std::string::npos);
    EXPECT_NE(pages.find("paper boats</a> upright."), std::string::npos);
    EXPECT_TRUE(fs::exists(site / "public" / "feed.xml"));
  }
}

}  // namespace
}  // namespace confab
