// The pieces of the rebuild loop: the file watcher, the reload hub and --fetch-every durations.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "serve/file_watcher.h"
#include "serve/reload_hub.h"
#include "serve/serve.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

class Watcher : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("confab-watch-" + std::to_string(getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "content" / "deep");
    write("content/_index.md", "hello");
    write("site.toml", "[site]\n");
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& path, const std::string& text) {
    std::ofstream(root_ / path, std::ios::trunc) << text;
  }
  fs::path root_;
};

TEST_F(Watcher, ReportsAddedModifiedAndRemovedFiles) {
  FileWatcher watcher({root_ / "content", root_ / "templates", root_ / "site.toml"});
  EXPECT_TRUE(watcher.poll().empty());
  write("content/deep/new.md", "x");
  EXPECT_EQ(watcher.poll(), std::vector<fs::path>{root_ / "content/deep/new.md"});
  write("content/_index.md", "hello, longer");
  write("site.toml", "[site]\ntitle = \"t\"\n");
  EXPECT_EQ(watcher.poll(),
            (std::vector<fs::path>{root_ / "content/_index.md", root_ / "site.toml"}));
  fs::remove(root_ / "content/deep/new.md");
  EXPECT_EQ(watcher.poll(), std::vector<fs::path>{root_ / "content/deep/new.md"});
  // A folder created after the watcher starts is watched too.
  fs::create_directories(root_ / "templates");
  write("templates/index.html", "x");
  EXPECT_EQ(watcher.poll(), std::vector<fs::path>{root_ / "templates/index.html"});
}

TEST_F(Watcher, NoticesATouchWithTheSameSize) {
  FileWatcher watcher({root_ / "content"});
  const auto later = fs::last_write_time(root_ / "content/_index.md") + std::chrono::seconds(5);
  fs::last_write_time(root_ / "content/_index.md", later);
  EXPECT_EQ(watcher.poll().size(), 1u);
}

TEST_F(Watcher, IgnoresHiddenFilesAndBackups) {
  FileWatcher watcher({root_ / "content"});
  write("content/.index.md.swp", "x");
  write("content/_index.md~", "x");
  fs::create_directories(root_ / "content/.git");
  write("content/.git/HEAD", "x");
  EXPECT_TRUE(watcher.poll().empty());
}

TEST(ReloadHub, GenerationsAndErrors) {
  ReloadHub hub;
  EXPECT_EQ(hub.state().generation, 0u);
  hub.publish_failure("broken");
  EXPECT_EQ(hub.state().generation, 1u);
  EXPECT_EQ(hub.state().error, "broken");
  hub.publish_success();
  EXPECT_EQ(hub.state().generation, 2u);
  EXPECT_FALSE(hub.state().error);
}

TEST(ReloadHub, WaitWakesOnPublishTimesOutAndEndsOnShutdown) {
  ReloadHub hub;
  const auto quiet = hub.wait_for_newer(0, milliseconds(10));
  ASSERT_TRUE(quiet);
  EXPECT_EQ(quiet->generation, 0u);
  std::thread publisher([&] {
    std::this_thread::sleep_for(milliseconds(20));
    hub.publish_success();
  });
  const auto woken = hub.wait_for_newer(0, std::chrono::seconds(10));
  publisher.join();
  ASSERT_TRUE(woken);
  EXPECT_EQ(woken->generation, 1u);
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(20));
    hub.shutdown();
  });
  EXPECT_FALSE(hub.wait_for_newer(1, std::chrono::seconds(10)));
  stopper.join();
}

TEST(ParseDuration, UnitsAndErrors) {
  EXPECT_EQ(parse_duration("90s"), std::chrono::seconds(90));
  EXPECT_EQ(parse_duration("10m"), std::chrono::seconds(600));
  EXPECT_EQ(parse_duration("1h30m"), std::chrono::seconds(5400));
  for (const char* bad : {"", "10", "m", "1x", "-5m", "1.5h", "10 m"}) {
    EXPECT_THROW(parse_duration(bad), std::invalid_argument) << bad;
  }
}

}  // namespace
}  // namespace confab
