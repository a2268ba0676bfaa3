// `confab serve` as a user runs it: on a new site, over HTTP, editing files while it serves.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <regex>
#include <thread>

#include "../serve/http_client.h"
#include "binary_runner.h"

extern char** environ;

namespace confab {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using testing::fresh_dir;
using testing::http_get;
using testing::RawConnection;
using testing::read_text;
using testing::run_confab;
using testing::status_of;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::trunc) << text;
}

/// `confab serve` in the background, its stderr in a file; stopped with SIGTERM.
class ServeProcess {
 public:
  ServeProcess(const fs::path& site, const fs::path& log) : log_(log) {
    const std::string command = std::string("exec ") + CONFAB_BINARY + " serve --port 0 --config " +
                                (site / "site.toml").string() + " 2>" + log.string();
    const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
    if (posix_spawn(&pid_, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) != 0) {
      pid_ = -1;
    }
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  /// The port from "serving … at http://127.0.0.1:PORT/", 0 when it never says so.
  int wait_for_port() {
    static const std::regex serving(R"(at http://127\.0\.0\.1:(\d+)/)");
    for (int i = 0; i < 1000; ++i) {
      std::smatch match;
      const std::string log = read_text(log_);
      if (std::regex_search(log, match, serving)) return std::stoi(match[1]);
      std::this_thread::sleep_for(milliseconds(20));
    }
    return 0;
  }

  /// Sends SIGTERM and returns the exit code.
  int terminate() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  fs::path log_;
  pid_t pid_ = -1;
};

TEST(ServeCommand, ServesRebuildsOnEditsReloadsAndShowsErrors) {
  const auto dir = fresh_dir("serve");
  const fs::path site = dir / "site";
  ASSERT_EQ(run_confab("init " + site.string() + " --title 'Live hub'").exit_code, 0);
  ServeProcess serve(site, dir / "serve.log");
  const int port = serve.wait_for_port();
  ASSERT_GT(port, 0) << read_text(dir / "serve.log");

  const std::string index = http_get(port, "/");
  EXPECT_EQ(status_of(index), 200) << index;
  EXPECT_NE(index.find("Live hub"), std::string::npos);
  EXPECT_NE(index.find("/__confab/events"), std::string::npos);
  // Links point at the local server while serving; the files never hold the script.
  EXPECT_NE(index.find("http://127.0.0.1:" + std::to_string(port) + "/"), std::string::npos);
  EXPECT_EQ(read_text(site / "public/index.html").find("__confab"), std::string::npos);
  EXPECT_EQ(status_of(http_get(port, "/../site.toml")), 403);
  EXPECT_EQ(status_of(http_get(port, "/%2e%2e/site.toml")), 403);

  RawConnection events(port);
  events.send_get("/__confab/events");
  ASSERT_TRUE(events.read_until("event: hello\ndata: 1\n\n", std::chrono::seconds(5)))
      << events.received();

  write(site / "content/_index.md", "The campaign starts **today**.\n");
  ASSERT_TRUE(events.read_until("event: reload\ndata: 2\n\n", std::chrono::seconds(15)))
      << read_text(dir / "serve.log");
  EXPECT_NE(http_get(port, "/").find("<strong>today</strong>"), std::string::npos);
  EXPECT_NE(read_text(dir / "serve.log").find("re-rendered"), std::string::npos);

  write(site / "templates/index.html", "{{#unclosed}}\n");
  ASSERT_TRUE(events.read_until("event: reload\ndata: 3\n\n", std::chrono::seconds(15)));
  const std::string broken = http_get(port, "/");
  EXPECT_EQ(status_of(broken), 500);
  EXPECT_NE(broken.find("did not build"), std::string::npos);
  EXPECT_NE(broken.find("index.html"), std::string::npos) << broken;

  fs::remove(site / "templates/index.html");
  ASSERT_TRUE(events.read_until("event: reload\ndata: 4\n\n", std::chrono::seconds(15)));
  const std::string recovered = http_get(port, "/");
  EXPECT_EQ(status_of(recovered), 200);
  EXPECT_NE(recovered.find("<strong>today</strong>"), std::string::npos);

  EXPECT_EQ(serve.terminate(), 0) << read_text(dir / "serve.log");
  fs::remove_all(dir);
}

TEST(ServeCommand, UsageErrors) {
  EXPECT_EQ(run_confab("serve --port 70000").exit_code, 2);
  EXPECT_EQ(run_confab("serve --fetch-every 10").exit_code, 2);
  EXPECT_EQ(run_confab("serve --fetch-every 1s").exit_code, 2);
  EXPECT_EQ(run_confab("serve --config /nonexistent/site.toml").exit_code, 3);
  const auto help = run_confab("serve --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Usage: confab serve"), std::string::npos);
}

}  // namespace
}  // namespace confab
