#include "build/kept_conversation.h"

#include <gtest/gtest.h>

#include <fstream>

#include "base/program_id.h"
#include "build_fixtures.h"
#include "config/config.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using testing::fresh_dir;

Conversation threaded() {
  Conversation conversation;
  conversation.campaign_title = "Kite Club hub";
  Node post;
  post.id = "kite-club/1";
  post.title = "Building a kite";
  post.content_html = "<p>Which knot?</p>";
  post.text = "Which knot?";
  conversation.nodes.push_back(post);
  conversation.awaiting_reply = {"kite-club/1"};
  return conversation;
}

std::vector<SourceHarvest> harvests() {
  SourceHarvest harvest;
  harvest.report.id = "kite-club";
  harvest.report.name = "Kite Club";
  harvest.report.url = "https://kiteclub.example.org/";
  harvest.report.feed = "https://kiteclub.example.org/feed/";
  harvest.archived_rows = ContentHash{1, 2};
  return {harvest};
}

SiteConfig site() {
  return parse_config(
      "[site]\ntitle = \"Kite Club hub\"\n[campaign]\nlinks = [\"https://kiteclub.example.org/\"]\n"
      "keywords = [\"kite\"]\n",
      "site.toml");
}

class KeptConversation : public ::testing::Test {
 protected:
  void SetUp() override { file = fresh_dir("kept-conversation") / "archive.db.conversation"; }
  void TearDown() override { fs::remove_all(file.parent_path()); }
  fs::path file;
};

TEST_F(KeptConversation, IsTakenBackWhenItsInputsAreTheSame) {
  ASSERT_FALSE(program_build_id().empty()) << "the tests are linked with a build ID";
  const std::uint64_t key = kept_conversation_key(file);
  const auto inputs = threading_inputs(site(), harvests(), {}, key);
  ASSERT_TRUE(inputs);
  keep_conversation(file, key, *inputs, threaded());
  EXPECT_EQ(kept_conversation_key(file), key);  // the next build hashes under the same key

  std::optional<std::string> bytes = read_kept_conversation(file, key, *inputs);
  ASSERT_TRUE(bytes);
  SourceReport source;
  source.id = "kite-club";
  source.status = SourceStatus::unchanged;
  const Conversation kept = kept_conversation_from(file, std::move(*bytes), {source}, 1302003600);
  Conversation expected = threaded();
  expected.sources = {source};  // this build's sources and time, not the kept ones
  expected.generated = 1302003600;
  EXPECT_EQ(kept, expected);
}

TEST_F(KeptConversation, IsNotTakenFromOtherInputsAKeyOrADamagedFile) {
  const std::uint64_t key = kept_conversation_key(file);
  const ContentHash inputs = *threading_inputs(site(), harvests(), {}, key);
  EXPECT_FALSE(read_kept_conversation(file, key, inputs));  // nothing kept yet
  keep_conversation(file, key, inputs, threaded());
  EXPECT_TRUE(read_kept_conversation(file, key, inputs));
  EXPECT_FALSE(read_kept_conversation(file, key, ContentHash{inputs.high, inputs.low + 1}));
  EXPECT_FALSE(read_kept_conversation(file, key + 1, inputs));

  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const auto write = [&](const std::string& contents) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << contents;
  };
  for (std::size_t at : {bytes.size() / 2, bytes.size() - 1}) {  // the payload, its hash
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    write(damaged);
    EXPECT_FALSE(read_kept_conversation(file, key, inputs)) << "byte " << at;
  }
  write(bytes.substr(0, bytes.size() - 3));
  EXPECT_FALSE(read_kept_conversation(file, key, inputs));
  write("");
  EXPECT_FALSE(read_kept_conversation(file, key, inputs));
}

TEST_F(KeptConversation, ANewFileGetsANewRandomKey) {
  EXPECT_NE(kept_conversation_key(file), kept_conversation_key(file));
  EXPECT_EQ(kept_conversation_file("/site/.confab/archive.db"),
            fs::path("/site/.confab/archive.db.conversation"));
}

TEST(ThreadingInputs, ChangeWithWhatThreadingReads) {
  const std::uint64_t key = 42;
  const ContentHash base = *threading_inputs(site(), harvests(), {}, key);
  EXPECT_EQ(*threading_inputs(site(), harvests(), {}, key), base);
  EXPECT_NE(*threading_inputs(site(), harvests(), {}, key + 1), base);

  const auto differs = [&](const std::function<void(SiteConfig&, std::vector<SourceHarvest>&,
                                                    IdentityEvidence&)>& change) {
    SiteConfig config = site();
    std::vector<SourceHarvest> changed = harvests();
    IdentityEvidence evidence;
    change(config, changed, evidence);
    return *threading_inputs(config, changed, evidence, key) != base;
  };
  EXPECT_TRUE(differs([](auto&, auto& h, auto&) { h[0].archived_rows = ContentHash{1, 3}; }));
  EXPECT_TRUE(differs([](auto&, auto& h, auto&) { h[0].report.name = "Kite Club!"; }));
  EXPECT_TRUE(differs([](auto&, auto& h, auto&) { h[0].report.role = SourceKind::campaign; }));
  EXPECT_TRUE(differs([](auto&, auto& h, auto&) { h[0].report.platform_label = "Kites"; }));
  EXPECT_TRUE(differs([](auto&, auto& h, auto&) { h.push_back(h[0]); }));
  EXPECT_TRUE(differs([](auto& c, auto&, auto&) { c.site.title = "Kites"; }));
  EXPECT_TRUE(differs([](auto& c, auto&, auto&) { c.campaign.keywords.push_back("knot"); }));
  EXPECT_TRUE(differs([](auto& c, auto&, auto&) { c.campaign.team.push_back({"Odile", ""}); }));
  EXPECT_TRUE(differs([](auto& c, auto&, auto&) { c.spam.deny.push_back("casino.example"); }));
  EXPECT_TRUE(differs([](auto& c, auto&, auto&) {
    c.people.push_back({"Odile", {"odile"}, {}, false});
  }));
  EXPECT_TRUE(differs([](auto&, auto&, auto& e) { e.rel_me["https://a.example/"] = {"x"}; }));
  // This build's fetch status is put back on the kept conversation: it is not an input.
  EXPECT_FALSE(differs([](auto&, auto& h, auto&) {
    h[0].report.status = SourceStatus::error;
    h[0].report.error = "timeout";
    h[0].report.last_success = 1302003600;
  }));
  // Harvests not read back from the archive cannot be told apart: nothing is kept.
  std::vector<SourceHarvest> unread = harvests();
  unread[0].archived_rows.reset();
  EXPECT_FALSE(threading_inputs(site(), unread, {}, key));
}

}  // namespace
}  // namespace confab
