// `confab inspect` on a platform's thread page: read through the platform's API (here a server
// on 127.0.0.1 answering with tests/fixtures/platforms/hackernews and a Mastodon instance's
// answers from tests/fixtures/social-campaign), printed in the inspect schema.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "binary_runner.h"

namespace confab {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream file(std::string(CONFAB_SOURCE_DIR) + "/tests/fixtures/platforms/" + name,
                     std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

class InspectThread : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Get("/hn/api/v1/items/4100", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(fixture("hackernews/item-4100.json"), "application/json");
    });
    // A Mastodon instance: a reply status, its parent (the thread's start) and its context.
    server_.Get("/api/v1/statuses/2002", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(fixture("../social-campaign/toot.example-reply.json"),
                           "application/json");
    });
    server_.Get("/api/v1/statuses/2001", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(fixture("../social-campaign/toot.example-root.json"),
                           "application/json");
    });
    server_.Get("/api/v1/statuses/2001/context",
                [](const httplib::Request&, httplib::Response& response) {
                  response.set_content(fixture("../social-campaign/toot.example-context.json"),
                                       "application/json");
                });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void TearDown() override {
    server_.stop();
    thread_.join();
  }

  std::string api() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hn"; }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(InspectThread, AHackerNewsThreadIsItsStoryThenItsComments) {
  const auto result =
      testing::run_confab("inspect https://news.ycombinator.com/item?id=4100 --api " + api());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["format"], "hackernews");
  ASSERT_GE(json["entries"].size(), 4u);
  EXPECT_EQ(json["entries"][0]["id"], "https://news.ycombinator.com/item?id=4100");
  EXPECT_TRUE(json["entries"][0]["in_reply_to"].empty());
  for (std::size_t i = 1; i < json["entries"].size(); ++i) {
    EXPECT_EQ(json["entries"][i]["in_reply_to"].size(), 1u) << i;
  }
}

TEST_F(InspectThread, AMastodonReplyIsReadFromTheStartOfItsThread) {
  const auto result = testing::run_confab("inspect http://127.0.0.1:" + std::to_string(port_) +
                                          "/@mira_k@toot.example/2002");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["format"], "mastodon");
  ASSERT_EQ(json["entries"].size(), 2u) << result.out;
  EXPECT_EQ(json["entries"][0]["id"], "https://mastodon.example/@lanternfish/113486000000000001");
  EXPECT_EQ(json["entries"][1]["id"], "https://toot.example/@mira_k/113486000000000777");
  EXPECT_EQ(json["entries"][1]["in_reply_to"][0]["ref"], json["entries"][0]["id"]);
}

TEST_F(InspectThread, AThreadTheApiDoesNotHaveFailsWithItsUrl) {
  const auto result =
      testing::run_confab("inspect https://news.ycombinator.com/item?id=9999 --api " + api());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("items/9999"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace confab
