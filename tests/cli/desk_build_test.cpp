// The desk across builds, through the real binary (issue 18), on the desk-queue fixture (see its
// README): the reply queue's feeds keep their ids, an answered question leaves them, and what a
// build found first is marked new and listed in new.xml.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <vector>

#include "binary_runner.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using testing::count_of;
using testing::fresh_dir;
using testing::read_text;
using testing::run_confab;

const fs::path kFixture = fs::path(CONFAB_SOURCE_DIR) / "tests/fixtures/desk-queue";
const std::string kPost = "https://paperboat.example.com/2010/03/folding/";

class DeskBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    site = fresh_dir("desk-site");
    fs::create_directory_symlink(fs::path(CONFAB_SOURCE_DIR) / "themes", site / "themes");
  }
  void TearDown() override { fs::remove_all(site); }

  /// Builds the blog as snapshot `build` shows it, at `epoch`.
  void build(const std::string& build, const std::string& epoch, const std::string& extra = "") {
    std::ofstream(site / "site.toml", std::ios::trunc)
        << "[site]\ntitle = \"Paper Boat\"\nbase_url = \"https://hub.example/\"\n"
           "[campaign]\nlinks = [\"https://paperboat.example.com/\"]\n"
           "[[source]]\nname = \"Paper Boat\"\nurl = \"https://paperboat.example.com/\"\n"
           "feed = \"https://paperboat.example.com/feed/\"\nrole = \"campaign\"\n"
           "[fetch]\nreplay = \""
        << (kFixture / build).string() << "\"\n[crawl]\ndepth = 0\n[platforms]\nlookup = []\n";
    const auto result = run_confab("build --config " + (site / "site.toml").string() + extra,
                                   "SOURCE_DATE_EPOCH=" + epoch);
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }

  /// Each entry of an Atom file under public/: its id and its alternate link.
  std::vector<std::pair<std::string, std::string>> entries(const std::string& file) const {
    pugi::xml_document atom;
    EXPECT_TRUE(atom.load_string(read_text(site / "public" / file).c_str())) << file;
    std::vector<std::pair<std::string, std::string>> found;
    for (const auto& entry : atom.child("feed").children("entry")) {
      found.emplace_back(
          entry.child_value("id"),
          entry.find_child_by_attribute("link", "rel", "alternate").attribute("href").value());
    }
    return found;
  }

  std::string thread_page() const {
    return read_text(site / "public/threads/folding-the-paper-boat-kit/index.html");
  }

  fs::path site;
};

TEST_F(DeskBuild, TheQueueKeepsItsIdsAndAnAnsweredQuestionLeavesIt) {
  build("build1", "1267466400");
  const auto first = entries("awaiting.xml");
  ASSERT_EQ(first.size(), 2u);
  // Oldest first; a WordPress comment is answered through its replytocom form.
  EXPECT_EQ(first[0].second, kPost + "?replytocom=101#respond");
  EXPECT_EQ(first[1].second, kPost + "?replytocom=102#respond");
  const auto json = nlohmann::json::parse(read_text(site / "public/awaiting.json"));
  ASSERT_EQ(json["items"].size(), 2u);
  EXPECT_EQ(json["items"][1]["id"], first[1].first);
  const std::string csv = read_text(site / "public/exports/awaiting.csv");
  EXPECT_EQ(count_of(csv, "\r\n"), 3u) << csv;
  // A first build marks nothing new.
  EXPECT_EQ(count_of(thread_page(), "badge-new"), 0u);

  // Lena answers Tom: his question leaves; Ana's stays under the same id.
  build("build2", "1267531200");
  EXPECT_EQ(entries("awaiting.xml"), (std::vector<std::pair<std::string, std::string>>{first[1]}));
  EXPECT_EQ(count_of(read_text(site / "public/exports/awaiting.csv"), "\r\n"), 2u);
}

TEST_F(DeskBuild, WhatABuildFoundFirstIsNewAndTheDigestKeepsEachBuildsEntry) {
  build("build1", "1267466400");
  build("build2", "1267531200");
  const auto conversation = nlohmann::json::parse(read_text(site / "public/conversation.json"));
  EXPECT_EQ(conversation["previous_build"], "2010-03-01T18:00:00Z");  // build 1
  int first_seen_now = 0;
  for (const auto& node : conversation["nodes"]) {
    if (node["first_seen"] == "2010-03-02T12:00:00Z") {  // build 2
      ++first_seen_now;
      EXPECT_EQ(node["url"], kPost + "#comment-103");
    }
  }
  EXPECT_EQ(first_seen_now, 1);
  // Only Lena's answer is marked new, and the thread page offers the "only new" filter.
  const std::string page = thread_page();
  EXPECT_EQ(count_of(page, "badge-new"), 1u);
  EXPECT_EQ(count_of(page, "id=\"only-new\""), 1u);
  const std::vector<std::string> digest_ids = {"urn:confab:build:1267531200",
                                               "urn:confab:build:1267466400"};
  auto ids = [&] {
    std::vector<std::string> found;
    for (const auto& [id, link] : entries("new.xml")) found.push_back(id);
    return found;
  };
  EXPECT_EQ(ids(), digest_ids);

  // The same snapshot again, offline: the marks and the digest of the fetch it republishes stay.
  build("build2", "1267617600", " --offline");
  EXPECT_EQ(ids(), digest_ids);
  EXPECT_EQ(count_of(thread_page(), "badge-new"), 1u);
}

}  // namespace
}  // namespace confab
