// The archive across builds, through the real binary: a feed window that rolls over across three
// replayed builds, an edited post, a moderated comment, a source that starts failing, --offline,
// `confab archive stats|export|import`, and a build SIGKILLed while it merges.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "archive/archive.h"
#include "binary_runner.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using testing::fresh_dir;
using testing::read_text;
using testing::run_confab;

const fs::path kFixture = fs::path(CONFAB_SOURCE_DIR) / "tests/fixtures/archive-window";

class ArchiveBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    site = fresh_dir("archive-site");
    fs::create_directory_symlink(fs::path(CONFAB_SOURCE_DIR) / "themes", site / "themes");
  }
  void TearDown() override { fs::remove_all(site); }

  /// Points site.toml at one of the fixture's snapshots: the state of the blogs at that build.
  void use_snapshot(const std::string& build) {
    std::ofstream(site / "site.toml", std::ios::trunc)
        << "[site]\ntitle = \"Lantern festival\"\n"
           "[campaign]\nlinks = [\"https://lantern.example.com/\"]\n"
           "keywords = [\"lantern festival\"]\n"
           "[[source]]\nname = \"Lantern Post\"\nurl = \"https://lantern.example.com/\"\n"
           "feed = \"https://lantern.example.com/feed/\"\nrole = \"campaign\"\n"
           "[[source]]\nname = \"Moth Notes\"\nurl = \"https://moth.example.com/\"\n"
           "feed = \"https://moth.example.com/feed/\"\n"
           "[fetch]\nreplay = \""
        << (kFixture / build).string() << "\"\n[crawl]\ndepth = 0\n";
  }

  testing::RunResult build(const std::string& epoch, const std::string& extra = "") {
    return run_confab("build --config " + (site / "site.toml").string() + " " + extra,
                      "SOURCE_DATE_EPOCH=" + epoch);
  }

  nlohmann::json conversation() const {
    return nlohmann::json::parse(read_text(site / "public/conversation.json"));
  }

  static std::set<std::string> urls_of(const nlohmann::json& conversation,
                                       const std::string& kind) {
    std::set<std::string> urls;
    for (const auto& node : conversation["nodes"]) {
      if (node["kind"] == kind) urls.insert(node["url"].get<std::string>());
    }
    return urls;
  }

  static const nlohmann::json& source(const nlohmann::json& conversation, const std::string& name) {
    for (const auto& s : conversation["sources"]) {
      if (s["name"] == name) return s;
    }
    throw std::runtime_error("no source " + name);
  }

  fs::path site;
};

const std::string L = "https://lantern.example.com/2009/10/";

TEST_F(ArchiveBuild, TheHubRemembersEveryPostAndCommentAcrossARollingWindow) {
  use_snapshot("build1");
  ASSERT_EQ(build("1254700000").exit_code, 0);
  EXPECT_TRUE(fs::exists(site / ".confab/archive.db")) << "the default archive sits by site.toml";
  use_snapshot("build2");
  ASSERT_EQ(build("1254800000").exit_code, 0);
  use_snapshot("build3");
  const auto third = build("1254900000");
  ASSERT_EQ(third.exit_code, 0) << third.err;

  const auto json = conversation();
  // Every post ever seen, though the feed now lists only nights 3 and 4.
  EXPECT_EQ(
      urls_of(json, "post"),
      (std::set<std::string>{L + "01/night-1/", L + "02/night-2/", L + "03/night-3/",
                             L + "04/night-4/", "https://moth.example.com/moths-and-lanterns/"}));
  // Every comment ever seen, except the one moderated away (comment 22), and the late comment
  // on night 2, whose comment feed is still read after the post left the blog's feed.
  std::set<std::string> comments = urls_of(json, "comment");
  for (const auto& node : json["nodes"]) {
    if (node["kind"] == "mention") comments.insert(node["url"].get<std::string>());
  }
  EXPECT_EQ(comments,
            (std::set<std::string>{L + "01/night-1/#comment-11", L + "02/night-2/#comment-21",
                                   L + "02/night-2/#comment-23", L + "02/night-2/#comment-24",
                                   L + "02/night-2/#comment-25", L + "03/night-3/#comment-31",
                                   L + "03/night-3/#comment-32"}));
  // The edit of night 2 (build 2) is what the hub shows.
  bool edited = false;
  for (const auto& node : json["nodes"]) edited |= node["title"] == "Lantern night 2 (with photos)";
  EXPECT_TRUE(edited);
  // Moth Notes answers 500 now: it keeps its post and shows when it last worked.
  const auto& moth = source(json, "Moth Notes");
  EXPECT_EQ(moth["status"], "error");
  EXPECT_NE(moth["error"].get<std::string>().find("500"), std::string::npos) << moth;
  EXPECT_EQ(moth["last_success"], "2009-10-06T03:33:20Z");  // build 2
  EXPECT_EQ(source(json, "Lantern Post")["status"], "ok");

  // The same snapshot again: every feed is unchanged, and the hub is the same.
  ASSERT_EQ(build("1254900000").exit_code, 0);
  const auto again = conversation();
  EXPECT_EQ(source(again, "Lantern Post")["status"], "unchanged");
  EXPECT_EQ(again["nodes"], json["nodes"]);
  EXPECT_EQ(again["threads"], json["threads"]);

  // Offline: no request at all, the archive alone renders the same conversation.
  std::ofstream(site / "site.toml", std::ios::app) << "\n";
  fs::remove_all(site / "public");
  const auto offline = build("1254900000", "--offline");
  ASSERT_EQ(offline.exit_code, 0) << offline.err;
  const auto from_archive = conversation();
  EXPECT_EQ(from_archive["nodes"], json["nodes"]);
  EXPECT_EQ(source(from_archive, "Moth Notes")["status"], "error");
  EXPECT_EQ(source(from_archive, "Moth Notes")["last_success"], "2009-10-06T03:33:20Z");
  EXPECT_EQ(source(from_archive, "Lantern Post")["status"], "ok");
  EXPECT_EQ(source(from_archive, "Lantern Post")["last_success"], "2009-10-07T07:20:00Z");

  // stats counts per source and kind, the moderated comment included as removed.
  const auto stats = run_confab("archive stats --config " + (site / "site.toml").string());
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("Lantern Post"), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("comment  8        1"), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("post     4        0"), std::string::npos) << stats.out;
}

TEST_F(ArchiveBuild, ExportImportRoundTripsThroughTheCommandLine) {
  use_snapshot("build1");
  ASSERT_EQ(build("1254700000").exit_code, 0);
  use_snapshot("build2");
  ASSERT_EQ(build("1254800000").exit_code, 0);
  const std::string config = " --config " + (site / "site.toml").string();
  const auto exported = run_confab("archive export" + config);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::ofstream(site / "backup.jsonl") << exported.out;
  const fs::path restored = site / "restored.db";
  const auto imported = run_confab("archive import " + (site / "backup.jsonl").string() +
                                   " --archive " + restored.string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto again = run_confab("archive export --archive " + restored.string());
  EXPECT_EQ(again.out, exported.out);
  // A second import into a full archive is refused.
  EXPECT_EQ(run_confab("archive import " + (site / "backup.jsonl").string() + " --archive " +
                       restored.string())
                .exit_code,
            1);
  EXPECT_EQ(run_confab("archive frobnicate" + config).exit_code, 2);
}

TEST_F(ArchiveBuild, TheDemoRebuildsFromReplayWithTheSameConversation) {
  const std::string demo = std::string(CONFAB_SOURCE_DIR) + "/site.toml";
  const std::string archive = " --archive " + (site / "demo.db").string();
  const auto first =
      run_confab("build --config " + demo + " --output " + (site / "first").string() + archive,
                 "SOURCE_DATE_EPOCH=1227000000");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto before = run_confab("archive export" + archive);
  const auto second =
      run_confab("build --config " + demo + " --output " + (site / "second").string() + archive,
                 "SOURCE_DATE_EPOCH=1227000000");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const auto a = nlohmann::json::parse(read_text(site / "first/conversation.json"));
  const auto b = nlohmann::json::parse(read_text(site / "second/conversation.json"));
  EXPECT_EQ(a["nodes"], b["nodes"]);
  EXPECT_EQ(a["threads"], b["threads"]);
  EXPECT_EQ(a["people"], b["people"]);
  for (const auto& s : b["sources"]) {
    if (s["name"] == "Beyond Madison Avenue") continue;  // 404 both times
    EXPECT_EQ(s["status"], "unchanged") << s;
  }
  EXPECT_NE(second.err.find("0 new, 0 updated"), std::string::npos) << second.err;
  // The unchanged rebuild wrote its run record and nothing else: every other line of the
  // archive's export (sources, fetch states, entries) is as it was, but for the failure count
  // of the dead feed, which failed once more.
  const auto after = run_confab("archive export" + archive);
  auto without_runs = [](const std::string& text) {
    std::string kept;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      if (line.find("\"record\":\"run\"") != std::string::npos) continue;
      // Addresses that answer 404 count one more failure per build.
      if (line.find("\"consecutive_failures\":") != std::string::npos &&
          (line.find("beyondmadisonavenue") != std::string::npos ||
           line.find("\"last_status\":404") != std::string::npos)) {
        continue;
      }
      kept += line + "\n";
    }
    return kept;
  };
  EXPECT_EQ(without_runs(after.out), without_runs(before.out));
  EXPECT_NE(after.out, before.out);  // the second run is recorded
}

TEST_F(ArchiveBuild, ASecondBuildAsksConditionallyAndA304ReusesTheStoredFeed) {
  // One blog over real HTTP that answers If-None-Match with 304 Not Modified.
  const std::string feed = read_text(kFixture / "build1/r0.http");
  std::string body = feed.substr(feed.find("\r\n\r\n") + 4);
  // No comment feeds: they would point off this machine.
  for (auto at = body.find("<wfw:commentRss>"); at != std::string::npos;
       at = body.find("<wfw:commentRss>")) {
    body.erase(at, body.find("</wfw:commentRss>", at) + 17 - at);
  }
  httplib::Server server;
  std::mutex mutex;
  std::vector<std::string> validators;
  int not_modified = 0;
  server.Get("/feed/", [&](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex);
    validators.push_back(request.get_header_value("If-None-Match"));
    if (request.get_header_value("If-None-Match") == "\"lantern-1\"") {
      ++not_modified;
      response.status = 304;
      response.set_header("ETag", "\"lantern-1\"");
      return;
    }
    response.set_header("ETag", "\"lantern-1\"");
    response.set_content(body, "application/rss+xml; charset=UTF-8");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread thread([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::ofstream(site / "site.toml", std::ios::trunc)
      << "[site]\ntitle = \"Lantern festival\"\n[[source]]\nname = \"Lantern Post\"\n"
         "url = \"http://127.0.0.1:"
      << port << "/feed/\"\nrole = \"campaign\"\n[crawl]\ndepth = 0\n";
  ASSERT_EQ(build("1254700000").exit_code, 0);
  const auto first = conversation();
  const auto second = build("1254800000");
  server.stop();
  thread.join();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const auto json = conversation();
  EXPECT_EQ(not_modified, 1);
  ASSERT_GE(validators.size(), 2u);
  EXPECT_EQ(validators[0], "");
  EXPECT_EQ(validators[1], "\"lantern-1\"");
  EXPECT_EQ(source(json, "Lantern Post")["status"], "unchanged");
  EXPECT_EQ(source(json, "Lantern Post")["last_success"], "2009-10-06T03:33:20Z");
  EXPECT_EQ(urls_of(json, "post"), urls_of(first, "post"));
  EXPECT_EQ(urls_of(json, "post").size(), 2u);
}

TEST_F(ArchiveBuild, ABuildKilledAnywhereLeavesAReadableArchive) {
  const std::string demo = std::string(CONFAB_SOURCE_DIR) + "/site.toml";
  const fs::path archive = site / "killed.db";
  std::mt19937 random(1227000000);
  std::uniform_int_distribution<int> delay_us(0, 60000);
  int killed = 0;
  for (int attempt = 0; attempt < 10; ++attempt) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      const int null = ::open("/dev/null", O_WRONLY);
      dup2(null, 1);
      dup2(null, 2);
      execl(CONFAB_BINARY, CONFAB_BINARY, "build", "--config", demo.c_str(), "--output",
            (site / "out").c_str(), "--archive", archive.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    killed += WIFSIGNALED(status);
    if (!fs::exists(archive)) continue;
    {
      // Closed before the archive opens: an open read would block switching a new file to WAL.
      SqliteDatabase db(archive);
      SqliteStatement check(db, "PRAGMA integrity_check");
      ASSERT_TRUE(check.step());
      EXPECT_EQ(check.text(0), "ok");
    }
    Archive readable(archive);  // opens, migrates if it had to, reads everything
    readable.history();
  }
  EXPECT_GT(killed, 0) << "every build finished before its kill: the test proved nothing";
  // After all that, a build still works and sees the whole demo.
  const auto last = run_confab("build --config " + demo + " --output " + (site / "out").string() +
                               " --archive " + archive.string());
  EXPECT_EQ(last.exit_code, 0) << last.err;
}

TEST_F(ArchiveBuild, AnOutputOverTheSiteItselfIsRefusedAndNothingIsLost) {
  use_snapshot("build1");
  ASSERT_EQ(build("1254700000").exit_code, 0);
  const std::string archive_before = read_text(site / ".confab/archive.db");
  ASSERT_FALSE(archive_before.empty());
  // The site folder, its parent, a folder the build reads: each would be replaced whole.
  for (const std::string& output :
       {site.string(), site.string() + "/", site.string() + "/..", (site / "themes").string()}) {
    const auto refused = build("1254700000", "--output " + output);
    EXPECT_NE(refused.exit_code, 0) << output;
    EXPECT_NE(refused.err.find("refusing to publish there"), std::string::npos) << refused.err;
    EXPECT_TRUE(fs::is_regular_file(site / "site.toml")) << output;
    EXPECT_EQ(read_text(site / ".confab/archive.db"), archive_before) << output;
    EXPECT_TRUE(fs::is_symlink(site / "themes")) << output;
  }
  // A folder of its own, named with a trailing slash, is fine.
  const auto own = build("1254700000", "--output " + (site / "hub/").string());
  EXPECT_EQ(own.exit_code, 0) << own.err;
  EXPECT_TRUE(fs::is_regular_file(site / "hub/index.html"));
  EXPECT_NE((own.out + own.err).find("site written to " + (site / "hub").string() + " ("),
            std::string::npos)
      << own.out << own.err;
}

}  // namespace
}  // namespace confab
