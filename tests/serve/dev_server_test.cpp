// DevServer over real HTTP on 127.0.0.1, with a stand-in for the pipeline: the rebuild callback
// renders content/*.txt into index.html and fails while templates/broken exists.
#include "serve/serve.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "http_client.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using testing::http_get;
using testing::RawConnection;
using testing::status_of;

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::trunc) << text;
}

class DevServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("confab-dev-server-" + std::to_string(getpid()));
    fs::remove_all(root_);
    write(root_ / "site.toml", "[site]\n");
    write(root_ / "content/hello.txt", "first version");
    write(root_ / "secret.txt", "outside the site");
    ServeOptions options;
    options.port = 0;
    options.output = root_ / "public";
    options.config_file = root_ / "site.toml";
    options.watched = {root_ / "content", root_ / "templates"};
    options.poll_interval = milliseconds(20);
    options.debounce = milliseconds(150);  // generous: a loaded machine pauses between writes
    server_ = std::make_unique<DevServer>(options, [this](const RebuildRequest& request) {
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      if (fs::exists(root_ / "templates/broken")) {
        throw std::runtime_error("templates/index.html:1:5: unclosed section 'x'");
      }
      const fs::path out = root_ / "public";
      write(out / "index.html",
            "<html><body><p>" + read_text(root_ / "content/hello.txt") + "</p></body></html>");
      write(out / "style.css", "body{}");
      write(out / "about/index.html", "<html><body>about</body></html>");
      write(out / "conversation.json", "{}");
    });
    server_->start();
  }
  void TearDown() override {
    server_->stop();
    fs::remove_all(root_);
  }
  std::vector<RebuildRequest> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  bool wait_for_builds(std::size_t count) {
    for (int i = 0; i < 500 && server_->builds() < count; ++i) {
      std::this_thread::sleep_for(milliseconds(10));
    }
    return server_->builds() >= count;
  }

  fs::path root_;
  std::unique_ptr<DevServer> server_;
  std::mutex mutex_;
  std::vector<RebuildRequest> requests_;
};

TEST_F(DevServerTest, ServesTheSiteWithTypesIndexesAndTheReloadScript) {
  ASSERT_GT(server_->port(), 0);
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(server_->port()) + "/");
  ASSERT_EQ(requests().size(), 1u);
  EXPECT_EQ(requests()[0].reason, RebuildReason::initial);
  EXPECT_EQ(requests()[0].base_url, server_->url());

  const std::string index = http_get(server_->port(), "/");
  EXPECT_EQ(status_of(index), 200);
  EXPECT_NE(index.find("Content-Type: text/html; charset=utf-8"), std::string::npos) << index;
  EXPECT_NE(index.find("<p>first version</p><script>"), std::string::npos) << index;
  EXPECT_NE(index.find("/__confab/events"), std::string::npos);
  // The script is only in what is served, never in the files.
  EXPECT_EQ(read_text(root_ / "public/index.html").find("<script>"), std::string::npos);

  const std::string css = http_get(server_->port(), "/style.css");
  EXPECT_EQ(status_of(css), 200);
  EXPECT_NE(css.find("Content-Type: text/css"), std::string::npos);
  EXPECT_EQ(css.find("<script>"), std::string::npos);
  EXPECT_NE(http_get(server_->port(), "/conversation.json").find("application/json"),
            std::string::npos);

  EXPECT_NE(http_get(server_->port(), "/about/").find("about<script>"), std::string::npos);
  const std::string redirect = http_get(server_->port(), "/about");
  EXPECT_EQ(status_of(redirect), 301);
  EXPECT_NE(redirect.find("Location: about/"), std::string::npos) << redirect;
}

TEST_F(DevServerTest, MissingPagesGetA404Page) {
  const std::string missing = http_get(server_->port(), "/no/such/page/");
  EXPECT_EQ(status_of(missing), 404);
  EXPECT_NE(missing.find("/no/such/page/"), std::string::npos);
  EXPECT_NE(missing.find("<script>"), std::string::npos);
  write(root_ / "public/404.html", "<html><body>our own 404</body></html>");
  const std::string custom = http_get(server_->port(), "/nope.html");
  EXPECT_EQ(status_of(custom), 404);
  EXPECT_NE(custom.find("our own 404"), std::string::npos);
}

TEST_F(DevServerTest, NoPathLeavesTheOutputFolder) {
  const std::vector<std::string> targets = {"/../secret.txt",
                                            "/about/../../secret.txt",
                                            "/%2e%2e/secret.txt",
                                            "/%2E%2E%2Fsecret.txt",
                                            "/about/%2e%2e/%2e%2e/secret.txt",
                                            "/..%2fsecret.txt",
                                            "/..%5csecret.txt",
                                            "//../secret.txt",
                                            "/%00/../secret.txt",
                                            "../secret.txt",
                                            "/" + root_.string() + "/secret.txt",
                                            "//" + root_.string() + "/secret.txt",
                                            "/%2f" + root_.string() + "/secret.txt",
                                            "/" + (root_ / "secret.txt").string()};
  for (const std::string& target : targets) {
    const std::string response = http_get(server_->port(), target);
    EXPECT_EQ(response.find("outside the site"), std::string::npos) << target;
    EXPECT_NE(status_of(response), 200) << target << "\n" << response;
  }
}

TEST_F(DevServerTest, AChangeRebuildsAndTheEventStreamSaysReload) {
  RawConnection events(server_->port());
  events.send_get("/__confab/events");
  ASSERT_TRUE(events.read_until("event: hello\ndata: 1\n\n", std::chrono::seconds(5)))
      << events.received();
  EXPECT_NE(events.received().find("Content-Type: text/event-stream"), std::string::npos);

  write(root_ / "content/hello.txt", "second version, longer");
  ASSERT_TRUE(events.read_until("event: reload\ndata: 2\n\n", std::chrono::seconds(10)))
      << events.received();
  const auto all = requests();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].reason, RebuildReason::site_files);
  EXPECT_EQ(all[1].changed, std::vector<fs::path>{root_ / "content/hello.txt"});
  EXPECT_NE(http_get(server_->port(), "/").find("second version, longer"), std::string::npos);

  write(root_ / "site.toml", "[site]\ntitle = \"changed\"\n");
  ASSERT_TRUE(events.read_until("event: reload\ndata: 3\n\n", std::chrono::seconds(10)));
  EXPECT_EQ(requests().back().reason, RebuildReason::config);
}

TEST_F(DevServerTest, ABurstOfChangesIsOneRebuild) {
  for (int i = 0; i < 5; ++i) write(root_ / ("content/file" + std::to_string(i) + ".txt"), "x");
  ASSERT_TRUE(wait_for_builds(2));
  std::this_thread::sleep_for(milliseconds(200));
  EXPECT_EQ(server_->builds(), 2u);
  EXPECT_EQ(requests().back().changed.size(), 5u);
}

TEST_F(DevServerTest, ABrokenTemplateShowsItsErrorAndTheNextGoodBuildRecovers) {
  write(root_ / "templates/broken", "x");
  ASSERT_TRUE(wait_for_builds(2));
  const std::string page = http_get(server_->port(), "/");
  EXPECT_EQ(status_of(page), 500);
  EXPECT_NE(page.find("templates/index.html:1:5: unclosed section &#39;x&#39;"), std::string::npos)
      << page;
  // Assets are still served, so the error page of a half-built site does not cascade.
  EXPECT_EQ(status_of(http_get(server_->port(), "/style.css")), 200);

  RawConnection events(server_->port());
  events.send_get("/__confab/events");
  ASSERT_TRUE(events.read_until("event: hello\ndata: 2\n\n", std::chrono::seconds(5)));
  fs::remove(root_ / "templates/broken");
  ASSERT_TRUE(events.read_until("event: reload\ndata: 3\n\n", std::chrono::seconds(10)));
  const std::string recovered = http_get(server_->port(), "/");
  EXPECT_EQ(status_of(recovered), 200);
  EXPECT_NE(recovered.find("first version"), std::string::npos);
}

TEST(DevServer, FetchEveryRebuildsOnATimer) {
  const auto root = fs::temp_directory_path() / ("confab-timer-" + std::to_string(getpid()));
  ServeOptions options;
  options.port = 0;
  options.output = root;
  options.poll_interval = milliseconds(20);
  options.fetch_every = std::chrono::seconds(1);
  std::mutex mutex;
  std::vector<RebuildReason> reasons;
  DevServer server(options, [&](const RebuildRequest& request) {
    std::lock_guard lock(mutex);
    reasons.push_back(request.reason);
  });
  server.start();
  for (int i = 0; i < 300 && server.builds() < 2; ++i)
    std::this_thread::sleep_for(milliseconds(10));
  server.stop();
  std::lock_guard lock(mutex);
  ASSERT_GE(reasons.size(), 2u);
  EXPECT_EQ(reasons[0], RebuildReason::initial);
  EXPECT_EQ(reasons[1], RebuildReason::fetch_timer);
}

TEST(DevServer, ABusyPortIsAServeError) {
  const auto root = fs::temp_directory_path() / ("confab-busy-" + std::to_string(getpid()));
  ServeOptions options;
  options.port = 0;
  options.output = root;
  DevServer first(options, [](const RebuildRequest&) {});
  first.start();
  options.port = first.port();
  DevServer second(options, [](const RebuildRequest&) {});
  EXPECT_THROW(second.start(), ServeError);
  first.stop();
}

}  // namespace
}  // namespace confab
