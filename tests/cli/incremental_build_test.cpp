// A build into the previous output equals a clean build, byte for byte (issue 19): the output
// step keeps the files its tree already holds and links those the published tree holds, and
// nothing of that may leak into what is published. Each case builds the incremental-rebuild
// fixture's base snapshot, copies the site with its archive, makes one change to both copies,
// then rebuilds one into its previous output and the other into an empty folder.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <string>

#include "binary_runner.h"

namespace confab {
namespace {

namespace fs = std::filesystem;
using testing::count_of;
using testing::files_under;
using testing::fresh_dir;
using testing::read_text;
using testing::run_confab;

const fs::path kFixture = fs::path(CONFAB_SOURCE_DIR) / "tests/fixtures/incremental-rebuild";
const std::string kFirstBuild = "1302000000";   // 2011-04-05 10:40 UTC
const std::string kSecondBuild = "1302003600";  // an hour later

std::string site_toml(const std::string& snapshot, const std::string& language, bool sky_notes,
                      const std::string& more_settings) {
  std::string toml =
      "[site]\ntitle = \"Kite Club hub\"\nbase_url = \"https://hub.example/\"\n"
      "language = \"" +
      language +
      "\"\n"
      "[campaign]\nlinks = [\"https://kiteclub.example.org/\"]\n"
      "team = [{ name = \"Odile\" }]\n"
      "[[source]]\nname = \"Kite Club\"\nurl = \"https://kiteclub.example.org/\"\n"
      "feed = \"https://kiteclub.example.org/feed/\"\nrole = \"campaign\"\n";
  if (sky_notes) {
    toml +=
        "[[source]]\nname = \"Sky Notes\"\nurl = \"https://skynotes.example.net/\"\n"
        "feed = \"https://skynotes.example.net/feed/\"\n";
  }
  return toml + "[fetch]\nreplay = \"" + (kFixture / snapshot).string() +
         "\"\n[crawl]\ndepth = 0\n[platforms]\nlookup = []\n" + more_settings;
}

constexpr const char* kThreadsKept = "threads kept from the last build";

/// What a case changes between the two builds: the snapshot, the site's settings, its files.
struct Change {
  std::string snapshot = "base";
  std::string language = "en";
  bool sky_notes = false;
  std::string more_settings = "";  ///< site.toml tables after the others
  std::function<void(const fs::path& site)> edit_site = [](const fs::path&) {};
};

ino_t inode_of(const fs::path& file) {
  struct stat status {};
  EXPECT_EQ(::stat(file.c_str(), &status), 0) << file;
  return status.st_ino;
}

class IncrementalBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    incremental = fresh_dir("incremental-site");
    clean = fresh_dir("clean-site");
    fs::create_directory_symlink(fs::path(CONFAB_SOURCE_DIR) / "themes", incremental / "themes");
  }
  void TearDown() override {
    fs::remove_all(incremental);
    fs::remove_all(clean);
  }

  /// Runs `confab build` on `site` with `change`, at `epoch`; returns what it printed.
  std::string build(const fs::path& site, const Change& change, const std::string& epoch,
                    const std::string& extra = "") {
    std::ofstream(site / "site.toml", std::ios::trunc)
        << site_toml(change.snapshot, change.language, change.sky_notes, change.more_settings);
    const auto result = run_confab("build --config " + (site / "site.toml").string() + extra,
                                   "SOURCE_DATE_EPOCH=" + epoch);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out + result.err;
  }

  /// The base build (twice: then both of the output's trees hold it, as for an hourly build), the
  /// site copied with its archive (not its output), `change` made to both, and both rebuilt: the
  /// rebuilt output must equal the clean one. Returns the rebuild's words.
  std::string rebuild_equals_clean_build(const Change& change) {
    build(incremental, Change{}, kFirstBuild);
    build(incremental, Change{}, kFirstBuild);
    fs::copy(incremental, clean, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    fs::remove_all(clean / "public");
    fs::remove_all(clean / ".public.confab");  // the output's two trees: a clean build has none
    // Nor the conversation the last build threaded: a clean build threads the archive anew.
    EXPECT_TRUE(fs::remove(clean / ".confab/archive.db.conversation"));
    change.edit_site(incremental);
    change.edit_site(clean);
    const std::string said = build(incremental, change, kSecondBuild);
    // Some files were linked from the previous output, none in the clean build.
    EXPECT_NE(said.find(" unchanged"), std::string::npos) << said;
    const std::string clean_said = build(clean, change, kSecondBuild);
    EXPECT_EQ(clean_said.find(" unchanged"), std::string::npos) << clean_said;
    EXPECT_EQ(clean_said.find(kThreadsKept), std::string::npos) << clean_said;
    EXPECT_EQ(clean_said.find(" not rendered again"), std::string::npos) << clean_said;
    const auto rebuilt = files_under(incremental / "public");
    const auto fresh = files_under(clean / "public");
    EXPECT_GT(fresh.size(), 20u);
    EXPECT_EQ(rebuilt.size(), fresh.size());
    for (const auto& [path, bytes] : fresh) {
      const auto found = rebuilt.find(path);
      if (found == rebuilt.end()) {
        ADD_FAILURE() << path << " is missing from the rebuilt output";
      } else if (found->second != bytes) {
        ADD_FAILURE() << path << " differs from the clean build's";
      }
    }
    for (const auto& [path, bytes] : rebuilt) {
      EXPECT_TRUE(fresh.count(path)) << path << " is only in the rebuilt output";
    }
    return said;
  }

  fs::path incremental, clean;
};

const std::string kKitThread = "public/threads/building-a-kite-from-the-kit/index.html";

TEST_F(IncrementalBuild, NothingChangedLeavesThePagesAlone) {
  build(incremental, Change{}, kFirstBuild);
  const ino_t thread = inode_of(incremental / kKitThread);
  const ino_t person = inode_of(incremental / "public/people/index.html");
  fs::remove_all(incremental / "public.before");
  fs::copy(incremental / "public", incremental / "public.before", fs::copy_options::recursive);
  const std::string said = build(incremental, Change{}, kSecondBuild);
  EXPECT_NE(said.find(" unchanged"), std::string::npos) << said;
  // The pages whose data did not change were not even rendered: the build's own time is in
  // every page's data, but only the report shows it.
  EXPECT_NE(said.find(" pages not rendered again"), std::string::npos) << said;
  // The same file, not a copy: its modification time is the first build's.
  EXPECT_EQ(inode_of(incremental / kKitThread), thread);
  EXPECT_EQ(inode_of(incremental / "public/people/index.html"), person);
  // Only what states the build's own time (how long the queue has waited: the hub's front page
  // shows it too) or the sources' fetch status may change.
  const auto before = files_under(incremental / "public.before");
  const auto after = files_under(incremental / "public");
  ASSERT_EQ(before.size(), after.size());
  for (const auto& [path, bytes] : after) {
    if (bytes == before.at(path)) continue;
    EXPECT_TRUE(path == "index.html" || path == "conversation.json" || path == "report.json" ||
                path == "report/index.html" || path == "awaiting.json" || path == "awaiting.xml" ||
                path == "exports/awaiting.csv" || path == "sources/index.html" ||
                path == "sources.opml")
        << path << " changed though nothing was found";
  }
  fs::remove_all(incremental / "public.before");
}

TEST_F(IncrementalBuild, NothingChangedEqualsACleanBuild) {
  // Nothing threading reads changed: the last build's threads are taken as they were, and so
  // are the pages that do not show the build's time, without making their data.
  const std::string said = rebuild_equals_clean_build(Change{});
  EXPECT_NE(said.find(kThreadsKept), std::string::npos) << said;
  EXPECT_NE(said.find(" of them without making their data)"), std::string::npos) << said;
}

TEST_F(IncrementalBuild, OneNewCommentEqualsACleanBuild) {
  const std::string said = rebuild_equals_clean_build(Change{.snapshot = "new-comment"});
  EXPECT_EQ(said.find(kThreadsKept), std::string::npos) << said;
  EXPECT_EQ(said.find("without making their data"), std::string::npos) << said;
  EXPECT_NE(read_text(incremental / kKitThread).find("clove hitch"), std::string::npos);
}

TEST_F(IncrementalBuild, AnEditedPostEqualsACleanBuild) {
  const std::string said = rebuild_equals_clean_build(Change{.snapshot = "edited-post"});
  EXPECT_EQ(said.find(kThreadsKept), std::string::npos) << said;
  EXPECT_NE(read_text(incremental / "public/threads/flying-day-in-nantes/index.html").find("cake"),
            std::string::npos);
}

TEST_F(IncrementalBuild, ACommentRemovedUpstreamEqualsACleanBuild) {
  const std::string said = rebuild_equals_clean_build(Change{.snapshot = "removed-comment"});
  EXPECT_EQ(said.find(kThreadsKept), std::string::npos) << said;
}

TEST_F(IncrementalBuild, ANewSourceEqualsACleanBuild) {
  const std::string said =
      rebuild_equals_clean_build(Change{.snapshot = "new-source", .sky_notes = true});
  EXPECT_EQ(said.find(kThreadsKept), std::string::npos) << said;
  EXPECT_NE(read_text(incremental / "public/sources/index.html").find("Sky Notes"),
            std::string::npos);
}

TEST_F(IncrementalBuild, AThemeChangeEqualsACleanBuild) {
  Change change;
  change.edit_site = [](const fs::path& site) {
    fs::create_directories(site / "templates/partials");
    std::ofstream(site / "templates/partials/site_footer.html")
        << "<footer class=\"site-footer\"><p>Kite Club hub, kept by the club.</p></footer>\n";
  };
  // Every page includes the footer: none is taken from the output as it was.
  const std::string said = rebuild_equals_clean_build(change);
  EXPECT_EQ(said.find("not rendered again"), std::string::npos) << said;
  EXPECT_NE(said.find(kThreadsKept), std::string::npos) << said;  // the theme is render's
  EXPECT_NE(read_text(incremental / kKitThread).find("kept by the club"), std::string::npos);
}

TEST_F(IncrementalBuild, ASpamSettingEqualsACleanBuild) {
  // site.toml's [spam] is read by threading: the threads are made anew.
  const std::string said =
      rebuild_equals_clean_build(Change{.more_settings = "[spam]\ndeny = [\"Jon\"]\n"});
  EXPECT_EQ(said.find(kThreadsKept), std::string::npos) << said;
  EXPECT_EQ(read_text(incremental / kKitThread).find("colours"), std::string::npos);
  EXPECT_NE(read_text(incremental / "public/spam/index.html").find("colours"), std::string::npos);
}

TEST_F(IncrementalBuild, ADamagedKeptConversationIsThreadedAround) {
  build(incremental, Change{}, kFirstBuild);
  const fs::path kept = incremental / ".confab/archive.db.conversation";
  std::string bytes = read_text(kept);
  ASSERT_GT(bytes.size(), 100u);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 1);
  std::ofstream(kept, std::ios::binary | std::ios::trunc) << bytes;
  const std::string said = build(incremental, Change{}, kSecondBuild);
  EXPECT_EQ(said.find(kThreadsKept), std::string::npos) << said;
  EXPECT_NE(read_text(incremental / kKitThread).find("colours"), std::string::npos);
  // Threaded anew, and kept again: the next build takes it back.
  EXPECT_NE(read_text(kept), bytes);
  EXPECT_NE(build(incremental, Change{}, kSecondBuild).find(kThreadsKept), std::string::npos);
}

TEST_F(IncrementalBuild, AConversationThatCannotBeKeptIsAWarningOnly) {
  fs::create_directories(incremental / ".confab/archive.db.conversation.tmp");  // in the way
  const std::string said = build(incremental, Change{}, kFirstBuild);
  EXPECT_NE(said.find("cannot keep the threaded conversation"), std::string::npos) << said;
  EXPECT_NE(read_text(incremental / kKitThread).find("colours"), std::string::npos);
  EXPECT_EQ(build(incremental, Change{}, kSecondBuild).find(kThreadsKept), std::string::npos);
}

TEST_F(IncrementalBuild, ALanguageChangeEqualsACleanBuild) {
  const std::string said = rebuild_equals_clean_build(Change{.language = "fr"});
  EXPECT_EQ(said.find("not rendered again"), std::string::npos) << said;
  EXPECT_NE(read_text(incremental / "public/index.html").find("lang=\"fr\""), std::string::npos);
}

TEST_F(IncrementalBuild, TimingsSayWhatEachStageCost) {
  EXPECT_EQ(build(incremental, Change{}, kFirstBuild).find("timings:"), std::string::npos);
  const std::string said = build(incremental, Change{}, kSecondBuild, " --timings");
  const auto at = said.find("timings: gather ");
  ASSERT_NE(at, std::string::npos) << said;
  const std::string line = said.substr(at, said.find('\n', at) - at);
  // The stages in the order they run, each with the peak memory when it ended.
  std::size_t last = 0;
  for (const char* stage : {" gather ", ", thread ", ", render ", ", publish "}) {
    const auto found = line.find(stage);
    ASSERT_NE(found, std::string::npos) << stage << " in " << line;
    EXPECT_GE(found, last) << line;
    last = found;
  }
  EXPECT_TRUE(line.ends_with(" MiB)")) << line;
  EXPECT_EQ(count_of(line, "(peak "), 4u) << line;
}

}  // namespace
}  // namespace confab
