#include "build/staged_output.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <optional>

#include "base/parallel_for.h"
#include "build_fixtures.h"

namespace confab {
namespace {

namespace fs = std::filesystem;

using testing::fresh_dir;
using testing::read_text;
using testing::write_text;

/// The files written through a StagedOutput in turn and swapped in, as a build does.
void write_output(const fs::path& output, const std::vector<OutputFile>& files) {
  StagedOutput staged(output);
  for (const auto& file : files) staged.write(file);
  staged.commit();
}

int count_entries(const fs::path& dir) {
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++entries;
  return entries;
}

/// The names in `dir`, sorted.
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// What a build leaves beside the folder: the output (a link) and its trees, nothing else.
const std::vector<std::string> kOutputAndTrees = {".public.confab", "public"};

TEST(WriteOutput, ReplacesTheWholeFolder) {
  const fs::path root = fresh_dir("swap");
  write_text(root / "public/stale.html", "old");
  write_output(root / "public", {{"index.html", "new"}, {"a/b/c.txt", "deep"}});
  EXPECT_EQ(read_text(root / "public/index.html"), "new");
  EXPECT_EQ(read_text(root / "public/a/b/c.txt"), "deep");
  EXPECT_FALSE(fs::exists(root / "public/stale.html"));
  // The folder made by hand is now a link to a tree; nothing else is left beside it.
  EXPECT_TRUE(fs::is_symlink(root / "public"));
  EXPECT_EQ(names_in(root), kOutputAndTrees);
}

TEST(WriteOutput, AFailedWriteLeavesThePreviousOutput) {
  const fs::path root = fresh_dir("keep");
  write_text(root / "public/index.html", "previous");
  for (const char* evil : {"../escape.html", "/etc/evil", "a/../../x", ""}) {
    EXPECT_THROW(write_output(root / "public", {{"ok.html", "x"}, {evil, "bad"}}), SiteFileError)
        << evil;
    EXPECT_EQ(read_text(root / "public/index.html"), "previous");
    EXPECT_FALSE(fs::exists(root / "escape.html"));
  }
  EXPECT_FALSE(fs::is_symlink(root / "public"));
  EXPECT_EQ(names_in(root), kOutputAndTrees);
}

/// The message write_output throws, or "" when it does not throw.
std::string write_error(const fs::path& output, const std::vector<OutputFile>& files) {
  try {
    write_output(output, files);
  } catch (const SiteFileError& error) {
    return error.what();
  }
  return "";
}

TEST(WriteOutput, AFileThatCannotBeWrittenIsNamedWithTheReason) {
  const fs::path root = fresh_dir("unwritable");
  write_text(root / "public/index.html", "previous");
  // "notes" is both a page and the folder of another page: whichever way round, one of the two
  // cannot be written.
  const std::string error = write_error(root / "public", {{"index.html", "new"},
                                                          {"notes", "a page"},
                                                          {"notes/index.html", "another page"},
                                                          {"zzz/last.html", "fine"}});
  EXPECT_NE(error.find((root / "public" / "notes").string()), std::string::npos) << error;
  // Written in parallel, either the file meets the folder or the page meets the file.
  EXPECT_TRUE(error.find(std::strerror(EISDIR)) != std::string::npos ||
              error.find(std::strerror(ENOTDIR)) != std::string::npos)
      << error;
  EXPECT_EQ(read_text(root / "public/index.html"), "previous");
  EXPECT_EQ(names_in(root), kOutputAndTrees);
}

TEST(WriteOutput, AFolderThatCannotBeCreatedIsNamedWithTheReason) {
  const fs::path root = fresh_dir("long-folder");
  const std::string long_name(300, 'x');  // longer than any file system allows for one name
  const std::string error =
      write_error(root / "public", {{"index.html", "new"}, {long_name + "/index.html", "x"}});
  EXPECT_NE(error.find((root / "public" / long_name).string()), std::string::npos) << error;
  EXPECT_NE(error.find(std::strerror(ENAMETOOLONG)), std::string::npos) << error;
  EXPECT_FALSE(fs::exists(root / "public"));
  EXPECT_EQ(names_in(root), std::vector<std::string>{".public.confab"});
}

TEST(WriteOutput, OneBadFileAmongManyFailsTheWholeWrite) {
  const fs::path root = fresh_dir("one-bad");
  write_text(root / "public/index.html", "previous");
  std::vector<OutputFile> files;
  for (int i = 0; i < 500; ++i) files.push_back({"ok/" + std::to_string(i) + ".html", "fine"});
  files.push_back({"ok/" + std::string(300, 'y') + ".html", "name too long"});
  for (int i = 500; i < 1000; ++i) files.push_back({"ok/" + std::to_string(i) + ".html", "fine"});
  const std::string error = write_error(root / "public", files);
  EXPECT_NE(error.find(std::string(300, 'y')), std::string::npos) << error;
  EXPECT_EQ(read_text(root / "public/index.html"), "previous");
  EXPECT_FALSE(fs::exists(root / "public/ok"));
  EXPECT_EQ(names_in(root), kOutputAndTrees);
}

TEST(WriteOutput, WritesManyFilesInManyFoldersByteForByte) {
  const fs::path root = fresh_dir("many");
  std::vector<OutputFile> files;
  for (int i = 0; i < 3000; ++i) {
    // Three depths, shared and unshared folders, every byte value, sizes from 0 bytes to 9 KB
    // and a few of 300 KB.
    const std::string n = std::to_string(i);
    std::string path = i % 3 == 0   ? "threads/t" + n + "/index.html"
                       : i % 3 == 1 ? "people/p" + n + "/index.html"
                                    : "page/" + std::to_string(i % 7) + "/deep/f" + n + ".html";
    const int size = i % 500 == 7 ? 300'000 : (i * 37) % 9000;
    std::string bytes;
    for (int b = 0; b < size; ++b) bytes.push_back(static_cast<char>((b * 31 + i) % 256));
    files.push_back({std::move(path), std::move(bytes)});
  }
  files.push_back({"index.html", "top"});
  {
    // From several threads at once, as render hands files over.
    StagedOutput staged(root / "public");
    parallel_for(files.size(), 4, [&](std::size_t, std::size_t i) { staged.write(files[i]); });
    staged.commit();
  }
  for (const auto& file : files) {
    std::ifstream in(root / "public" / file.path, std::ios::binary);
    ASSERT_TRUE(in) << file.path;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    ASSERT_EQ(bytes.str(), file.bytes) << file.path;
  }
  int written = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root / "public")) {
    written += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(written, static_cast<int>(files.size()));
  fs::remove_all(root);
}

TEST(WriteOutput, WritesEmptyFilesAndAnEmptySite) {
  const fs::path root = fresh_dir("empty");
  write_output(root / "public", {{"empty.html", ""}, {"a/b/empty.txt", ""}});
  EXPECT_TRUE(fs::is_regular_file(root / "public/empty.html"));
  EXPECT_EQ(fs::file_size(root / "public/empty.html"), 0u);
  EXPECT_EQ(fs::file_size(root / "public/a/b/empty.txt"), 0u);
  write_output(root / "public", {});
  EXPECT_TRUE(fs::is_directory(root / "public"));
  EXPECT_EQ(count_entries(root / "public"), 0);
  EXPECT_EQ(names_in(root), kOutputAndTrees);
}

TEST(WriteOutput, TheLaterOfTwoFilesWithOnePathWins) {
  const fs::path root = fresh_dir("twice");
  write_output(root / "public", {{"a.html", "first"}, {"b.html", "b"}, {"a.html", "second"}});
  EXPECT_EQ(read_text(root / "public/a.html"), "second");
  EXPECT_EQ(read_text(root / "public/b.html"), "b");
}

TEST(StagedOutput, FilesStreamedFromSeveralThreadsLandOnCommitOnly) {
  const fs::path root = fresh_dir("staged");
  write_text(root / "public/index.html", "previous");
  {
    StagedOutput staged(root / "public");
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t) {
      writers.emplace_back([&staged, t] {
        for (int i = 0; i < 250; ++i) {
          const std::string page = "threads/t" + std::to_string(t) + "-" + std::to_string(i);
          staged.write({page + "/index.html", page});
          staged.write({"deep/a/b/c/" + std::to_string(t * 1000 + i) + ".txt", "x"});
        }
      });
    }
    for (std::thread& writer : writers) writer.join();
    EXPECT_EQ(staged.files_written(), 2000u);
    EXPECT_EQ(read_text(root / "public/index.html"), "previous");  // not swapped in yet
    staged.commit();
  }
  EXPECT_FALSE(fs::exists(root / "public/index.html"));
  EXPECT_EQ(read_text(root / "public/threads/t3-249/index.html"), "threads/t3-249");
  EXPECT_EQ(read_text(root / "public/deep/a/b/c/2017.txt"), "x");
  EXPECT_EQ(names_in(root), kOutputAndTrees);  // no old folder left
}

TEST(StagedOutput, DroppedWithoutCommitLeavesThePreviousOutput) {
  const fs::path root = fresh_dir("staged-dropped");
  write_text(root / "public/index.html", "previous");
  {
    StagedOutput staged(root / "public");
    staged.write({"index.html", "new"});
    EXPECT_THROW(staged.write({"../escape.html", "x"}), SiteFileError);
  }
  EXPECT_EQ(read_text(root / "public/index.html"), "previous");
  EXPECT_EQ(names_in(root), kOutputAndTrees);
}

TEST(StagedOutput, ThePreviousOutputGoesWithoutFollowingItsLinks) {
  const fs::path root = fresh_dir("staged-links");
  write_text(root / "elsewhere/keep.txt", "not the site's");
  for (int i = 0; i < 50; ++i) {
    write_text(root / ("public/people/p" + std::to_string(i) + "/index.html"), "old");
  }
  write_text(root / "public/index.html", "old");
  // Links a user may have put there, to folders outside the site, at both depths.
  fs::create_directory_symlink(root / "elsewhere", root / "public/linked");
  fs::create_directory_symlink(root / "elsewhere", root / "public/people/linked");
  {
    StagedOutput staged(root / "public");
    staged.write({"index.html", "new"});
    staged.commit();
  }
  EXPECT_EQ(read_text(root / "public/index.html"), "new");
  EXPECT_FALSE(fs::exists(root / "public/people"));
  EXPECT_EQ(read_text(root / "elsewhere/keep.txt"), "not the site's");
  EXPECT_EQ(names_in(root), (std::vector<std::string>{".public.confab", "elsewhere", "public"}));
}

ino_t inode_of(const fs::path& file) {
  struct stat status {};
  EXPECT_EQ(::stat(file.c_str(), &status), 0) << file;
  return status.st_ino;
}

TEST(StagedOutput, AFileThePreviousOutputHoldsIsLinkedNotWritten) {
  const fs::path root = fresh_dir("staged-unchanged");
  write_output(root / "public", {{"index.html", "same"},
                                 {"threads/a/index.html", "old words"},
                                 {"threads/b/index.html", "kept"}});
  const ino_t index = inode_of(root / "public/index.html");
  const ino_t kept = inode_of(root / "public/threads/b/index.html");
  const ino_t changed = inode_of(root / "public/threads/a/index.html");
  StagedOutput staged(root / "public");
  staged.write({"index.html", "same"});
  staged.write({"threads/a/index.html", "new words"});  // same size, other bytes
  staged.write({"threads/b/index.html", "kept"});
  staged.write({"threads/c/index.html", "new"});
  staged.commit();
  EXPECT_EQ(staged.files_written(), 4u);
  EXPECT_EQ(staged.files_unchanged(), 2u);
  // Left alone: the same file (inode, so its modification time too), not a copy.
  EXPECT_EQ(inode_of(root / "public/index.html"), index);
  EXPECT_EQ(inode_of(root / "public/threads/b/index.html"), kept);
  EXPECT_NE(inode_of(root / "public/threads/a/index.html"), changed);
  EXPECT_EQ(read_text(root / "public/threads/a/index.html"), "new words");
  EXPECT_EQ(read_text(root / "public/threads/c/index.html"), "new");
  EXPECT_EQ(read_text(root / "public/index.html"), "same");
  EXPECT_EQ(names_in(root), kOutputAndTrees);
}

TEST(StagedOutput, APathWrittenAgainNeverChangesTheOutputItWasLinkedFrom) {
  const fs::path root = fresh_dir("staged-relinked");
  write_output(root / "public", {{"a.html", "first"}});
  StagedOutput staged(root / "public");
  staged.write({"a.html", "first"});  // linked from the live output
  staged.write({"a.html", "second"});
  // Until the commit, readers of the live output still see the previous site.
  EXPECT_EQ(read_text(root / "public/a.html"), "first");
  staged.commit();
  EXPECT_EQ(read_text(root / "public/a.html"), "second");
  EXPECT_EQ(staged.files_unchanged(), 1u);
}

TEST(StagedOutput, AFileBehindALinkInThePreviousOutputIsWrittenAnew) {
  const fs::path root = fresh_dir("staged-unchanged-links");
  write_text(root / "elsewhere/page.html", "same");
  write_text(root / "public/index.html", "old");
  fs::create_directory_symlink(root / "elsewhere", root / "public/linked");
  fs::create_symlink(root / "elsewhere/page.html", root / "public/page.html");
  StagedOutput staged(root / "public");
  staged.write({"linked/page.html", "same"});
  staged.write({"page.html", "same"});
  staged.commit();
  EXPECT_EQ(staged.files_unchanged(), 0u);
  EXPECT_NE(inode_of(root / "public/linked/page.html"), inode_of(root / "elsewhere/page.html"));
  EXPECT_FALSE(fs::is_symlink(root / "public/page.html"));
  EXPECT_NE(inode_of(root / "public/page.html"), inode_of(root / "elsewhere/page.html"));
  EXPECT_EQ(read_text(root / "elsewhere/page.html"), "same");
}

/// A build in a child process, SIGKILLed where `kill_at` says: at a step of commit(), or
/// (nullopt) while it writes, before commit.
void killed_build(const fs::path& output, SwapMethod method, std::optional<CommitStep> kill_at) {
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    StagedOutput staged(output, method, [&](CommitStep reached) {
      if (kill_at == reached) ::raise(SIGKILL);
    });
    staged.write({"index.html", "new"});
    staged.write({"deep/page.html", "new"});
    if (!kill_at) ::raise(SIGKILL);
    staged.commit();
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the build was not killed";
}

TEST(StagedOutput, ABuildKilledAtAnyStepLeavesAWholeOutputAndTheNextCleansUp) {
  const std::optional<CommitStep> points[] = {std::nullopt, CommitStep::swapping,
                                              CommitStep::moved_aside, CommitStep::swapped};
  for (const SwapMethod method : {SwapMethod::exchange, SwapMethod::two_renames}) {
    for (const auto& point : points) {
      if (method == SwapMethod::exchange && point == CommitStep::moved_aside) continue;
      const std::string where =
          std::string(method == SwapMethod::exchange ? "exchange" : "renames") + " step " +
          (point ? std::to_string(static_cast<int>(*point)) : "-");
      const fs::path root = fresh_dir("killed");
      write_text(root / "public/index.html", "old");
      killed_build(root / "public", method, point);
      // With one exchange the output is never missing, whatever the moment of the kill; it is
      // the old site until the swap, the new one after.
      const bool swapped = point == CommitStep::swapped;
      if (method == SwapMethod::exchange) {
        EXPECT_EQ(read_text(root / "public/index.html"), swapped ? "new" : "old") << where;
      }
      EXPECT_GT(count_entries(root), 1) << where << ": the dead build left nothing behind?";
      // The next build: it puts an old output moved aside back, removes what the dead one left,
      // and swaps its own in.
      {
        StagedOutput next(root / "public");
        EXPECT_TRUE(fs::exists(root / "public/index.html")) << where;
        next.write({"index.html", "next"});
        next.commit();
      }
      EXPECT_EQ(read_text(root / "public/index.html"), "next") << where;
      EXPECT_EQ(names_in(root), kOutputAndTrees) << where << ": what the dead build left remains";
      fs::remove_all(root);
    }
  }
}

TEST(StagedOutput, TwoBuildsOfOneOutputTakeTurns) {
  const fs::path root = fresh_dir("concurrent");
  int go[2];
  ASSERT_EQ(::pipe(go), 0);
  // The second build's process exists before the first build takes the lock: a process forked
  // while it is held would hold it too.
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(go[1]);
    char started = 0;
    if (::read(go[0], &started, 1) != 1) ::_exit(2);
    StagedOutput second(root / "public");  // waits for the first build
    second.write({"index.html", "second"});
    second.commit();
    ::_exit(0);
  }
  ::close(go[0]);
  {
    StagedOutput first(root / "public");
    first.write({"index.html", "first"});
    ASSERT_EQ(::write(go[1], "x", 1), 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    int status = 0;
    EXPECT_EQ(::waitpid(child, &status, WNOHANG), 0) << "the second build did not wait";
    first.commit();
    EXPECT_EQ(read_text(root / "public/index.html"), "first");
  }
  ::close(go[1]);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(read_text(root / "public/index.html"), "second");
  EXPECT_EQ(names_in(root), kOutputAndTrees);
}

TEST(StagedOutput, TheOutputLinksToEachTreeInTurn) {
  const fs::path root = fresh_dir("trees");
  const char* expected[] = {".public.confab/a", ".public.confab/b", ".public.confab/a"};
  for (const char* tree : expected) {
    write_output(root / "public", {{"index.html", tree}});
    ASSERT_TRUE(fs::is_symlink(root / "public"));
    EXPECT_EQ(fs::read_symlink(root / "public"), fs::path(tree));  // relative: the pair moves
    EXPECT_EQ(read_text(root / "public/index.html"), tree);
  }
  EXPECT_EQ(names_in(root / ".public.confab"),
            (std::vector<std::string>{"a", "a.files", "b", "b.files", "key", "lock"}));
  EXPECT_EQ(names_in(root), kOutputAndTrees);
}

/// Runs one build of `files` into root/public and gives back its counts.
struct Counts {
  std::size_t written, unchanged, kept;
};
Counts build_counts(const fs::path& root, const std::vector<OutputFile>& files) {
  StagedOutput staged(root / "public");
  for (const auto& file : files) staged.write(file);
  staged.commit();
  return {staged.files_written(), staged.files_unchanged(), staged.files_kept()};
}

TEST(StagedOutput, AFileTheTreeAlreadyHoldsCostsNothing) {
  const fs::path root = fresh_dir("kept");
  const std::vector<OutputFile> site = {{"index.html", "home"}, {"threads/t/index.html", "t"}};
  Counts counts = build_counts(root, site);
  EXPECT_EQ(counts.kept, 0u);
  const ino_t first = inode_of(root / "public/threads/t/index.html");
  counts = build_counts(root, site);  // tree b: linked from tree a
  EXPECT_EQ(counts.unchanged, 2u);
  EXPECT_EQ(counts.kept, 0u);
  counts = build_counts(root, site);  // tree a again: holds both already
  EXPECT_EQ(counts.written, 2u);
  EXPECT_EQ(counts.unchanged, 2u);
  EXPECT_EQ(counts.kept, 2u);
  EXPECT_EQ(inode_of(root / "public/threads/t/index.html"), first);
  // A page that goes goes from both trees in turn; its empty folder too.
  counts = build_counts(root, {{"index.html", "home"}});
  EXPECT_FALSE(fs::exists(root / "public/threads"));
  counts = build_counts(root, {{"index.html", "home"}});
  EXPECT_EQ(counts.kept, 1u);
  EXPECT_FALSE(fs::exists(root / "public/threads"));
  EXPECT_FALSE(fs::exists(root / ".public.confab/a/threads"));
  EXPECT_FALSE(fs::exists(root / ".public.confab/b/threads"));
}

TEST(StagedOutput, AFileBackToWhatItWasTwoBuildsAgoIsDatedAnew) {
  const fs::path root = fresh_dir("dated");
  build_counts(root, {{"page.html", "one"}});  // tree a
  build_counts(root, {{"page.html", "two"}});  // tree b
  // Tree a's copy is old; the version published now is newer.
  const fs::path in_a = root / ".public.confab/a/page.html";
  const auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(24 * 365);
  fs::last_write_time(in_a, long_ago);
  const Counts counts = build_counts(root, {{"page.html", "one"}});
  EXPECT_EQ(counts.kept, 1u);
  EXPECT_EQ(counts.unchanged, 0u);
  EXPECT_EQ(read_text(root / "public/page.html"), "one");
  EXPECT_GT(fs::last_write_time(root / "public/page.html"), long_ago + std::chrono::hours(24));
}

TEST(StagedOutput, APageBecomesAFolderAndBackInEitherTree) {
  const fs::path root = fresh_dir("shapes");
  const std::vector<OutputFile> as_file = {{"notes", "a page"}};
  const std::vector<OutputFile> as_folder = {{"notes/index.html", "a folder"}};
  for (const auto* files : {&as_file, &as_file, &as_folder, &as_folder, &as_file, &as_folder}) {
    build_counts(root, *files);
    if (files == &as_file) {
      EXPECT_EQ(read_text(root / "public/notes"), "a page");
    } else {
      EXPECT_EQ(read_text(root / "public/notes/index.html"), "a folder");
    }
  }
}

TEST(StagedOutput, ATreeABuildDiedWritingIsNotTrusted) {
  const fs::path root = fresh_dir("died-writing");
  const std::vector<OutputFile> site = {{"index.html", "one"}, {"deep/page.html", "one"}};
  build_counts(root, site);                                           // tree a
  build_counts(root, {{"index.html", "two"}});                        // tree b
  killed_build(root / "public", SwapMethod::exchange, std::nullopt);  // wrote into tree a
  EXPECT_EQ(read_text(root / "public/index.html"), "two");
  const Counts counts = build_counts(root, site);
  EXPECT_EQ(counts.kept, 0u);
  EXPECT_EQ(read_text(root / "public/index.html"), "one");
  EXPECT_EQ(read_text(root / "public/deep/page.html"), "one");
}

TEST(StagedOutput, AListingThatCannotBeTrustedIsIgnored) {
  const fs::path root = fresh_dir("listing");
  const std::vector<OutputFile> site = {{"index.html", "one"}, {"page.html", "one"}};
  build_counts(root, site);
  build_counts(root, site);
  // Another key: tree a's listing was not made with it.
  write_text(root / ".public.confab/key", "12345\n");
  write_text(root / ".public.confab/a/page.html", "changed by hand");
  Counts counts = build_counts(root, site);
  EXPECT_EQ(counts.kept, 0u);
  EXPECT_EQ(read_text(root / "public/page.html"), "one");
  // A listing cut short.
  build_counts(root, site);
  std::string listing = read_text(root / ".public.confab/a.files");
  listing.resize(listing.size() - 4);  // no "end"
  write_text(root / ".public.confab/a.files", listing);
  counts = build_counts(root, site);
  EXPECT_EQ(counts.kept, 0u);
  EXPECT_EQ(read_text(root / "public/page.html"), "one");
}

TEST(StagedOutput, AnOutputNamedWithATrailingSlashIsThatFolder) {
  const fs::path root = fresh_dir("slash");
  write_output(root / "public/", {{"index.html", "one"}});
  write_output(root.string() + "/public/", {{"index.html", "two"}});
  EXPECT_TRUE(fs::is_symlink(root / "public"));
  EXPECT_EQ(read_text(root / "public/index.html"), "two");
  EXPECT_EQ(names_in(root), kOutputAndTrees);
  EXPECT_THROW(StagedOutput(fs::path("/")), SiteFileError);
}

TEST(StagedOutput, AFileEditedByHandInThePublishedTreeIsWrittenAnew) {
  const fs::path root = fresh_dir("hand-edited");
  write_output(root / "public", {{"index.html", "rendered"}});
  std::ofstream(root / "public/index.html", std::ios::app) << " and edited";
  const Counts counts = build_counts(root, {{"index.html", "rendered"}});
  EXPECT_EQ(counts.unchanged, 0u);  // what was published differed
  EXPECT_EQ(read_text(root / "public/index.html"), "rendered");
}

// Pages kept by what they were made from (render's PageMemo): the listing of the published tree
// holds each page's fingerprint, and keep() takes the page from there without its bytes.

const ContentHash kMadeFrom{1, 2};
const ContentHash kMadeFromOther{1, 3};

TEST(StagedOutput, APageMadeFromTheSameInputsIsKeptWithoutItsBytes) {
  const fs::path root = fresh_dir("memo");
  {
    StagedOutput staged(root / "public");
    // Nothing published yet: nothing to keep.
    EXPECT_FALSE(staged.keep("threads/t/index.html", kMadeFrom));
    staged.write({"threads/t/index.html", "thread page", kMadeFrom});
    staged.write({"feed.xml", "feed"});
    staged.commit();
  }
  const ino_t page = inode_of(root / "public/threads/t/index.html");
  for (int build = 0; build < 3; ++build) {  // tree b (linked), tree a (held), tree b again
    StagedOutput staged(root / "public");
    EXPECT_FALSE(staged.keep("threads/t/index.html", kMadeFromOther));
    EXPECT_FALSE(staged.keep("feed.xml", kMadeFrom));  // listed without inputs
    EXPECT_FALSE(staged.keep("threads/u/index.html", kMadeFrom));
    EXPECT_TRUE(staged.keep("threads/t/index.html", kMadeFrom)) << build;
    staged.write({"feed.xml", "feed"});
    staged.commit();
    EXPECT_EQ(staged.files_written(), 2u);
    EXPECT_EQ(staged.files_unchanged(), 2u);
    EXPECT_EQ(staged.files_kept(), build == 0 ? 0u : 2u);
    EXPECT_EQ(read_text(root / "public/threads/t/index.html"), "thread page");
    EXPECT_EQ(inode_of(root / "public/threads/t/index.html"), page) << build;
  }
}

TEST(StagedOutput, APageNotKeptOrNotMadeAgainGoes) {
  const fs::path root = fresh_dir("memo-gone");
  write_output(root / "public",
               {{"a/index.html", "a", kMadeFrom}, {"b/index.html", "b", kMadeFrom}});
  {
    StagedOutput staged(root / "public");
    EXPECT_TRUE(staged.keep("a/index.html", kMadeFrom));
    staged.commit();
  }
  EXPECT_EQ(read_text(root / "public/a/index.html"), "a");
  EXPECT_FALSE(fs::exists(root / "public/b"));
  // Made from other inputs: rendered and written, and listed with them for the next build.
  write_output(root / "public", {{"a/index.html", "a, edited", kMadeFromOther}});
  StagedOutput staged(root / "public");
  EXPECT_FALSE(staged.keep("a/index.html", kMadeFrom));
  EXPECT_TRUE(staged.keep("a/index.html", kMadeFromOther));
  staged.commit();
  EXPECT_EQ(read_text(root / "public/a/index.html"), "a, edited");
}

TEST(StagedOutput, APageEditedByHandInThePublishedTreeIsNotKept) {
  const fs::path root = fresh_dir("memo-hand-edited");
  write_output(root / "public", {{"index.html", "rendered", kMadeFrom}});
  std::ofstream(root / "public/index.html", std::ios::app) << " and edited";
  StagedOutput staged(root / "public");
  EXPECT_FALSE(staged.keep("index.html", kMadeFrom));  // then it is rendered and written
  staged.write({"index.html", "rendered", kMadeFrom});
  staged.commit();
  EXPECT_EQ(read_text(root / "public/index.html"), "rendered");
}

TEST(StagedOutput, AListingFromBeforeThePageMemoStillLinksWhatDidNotChange) {
  const fs::path root = fresh_dir("memo-upgrade");
  write_output(root / "public", {{"index.html", "home", kMadeFrom}});
  // The listing as a confab before the memo wrote it: no fingerprint column.
  const fs::path listing = root / ".public.confab/a.files";
  std::istringstream lines(read_text(listing));
  std::string old_listing, line;
  while (std::getline(lines, line)) {
    if (line.starts_with("confab output tree 3 ")) {
      line = "confab output tree 1 " + line.substr(21, line.find(' ', 21) - 21);  // the key
    } else if (line != "end") {
      line.erase(32, 33);  // " <32 hex digits>"
    }
    old_listing += line + '\n';
  }
  write_text(listing, old_listing);
  const ino_t page = inode_of(root / "public/index.html");
  StagedOutput staged(root / "public");
  EXPECT_FALSE(staged.keep("index.html", kMadeFrom));  // no fingerprint to go by
  staged.write({"index.html", "home", kMadeFrom});
  staged.commit();
  EXPECT_EQ(staged.files_unchanged(), 1u);
  EXPECT_EQ(inode_of(root / "public/index.html"), page);
}

// What the pages were made from as a whole (render's site inputs) is in the listing: a render
// made from the same again keeps pages by the fingerprints listed.
TEST(StagedOutput, TheListingSaysWhatThePagesWereMadeFrom) {
  const fs::path root = fresh_dir("site-inputs");
  const ContentHash site{5, 6};
  {
    StagedOutput staged(root / "public");
    EXPECT_FALSE(staged.published_site_inputs());
    EXPECT_FALSE(staged.keep_as_listed("threads/t/index.html"));  // nothing published yet
    staged.write({"threads/t/index.html", "thread page", kMadeFrom});
    staged.write({"feed.xml", "feed"});
    staged.set_site_inputs(site);
    staged.commit();
  }
  const ino_t page = inode_of(root / "public/threads/t/index.html");
  {
    StagedOutput staged(root / "public");
    EXPECT_EQ(staged.published_site_inputs(), site);
    EXPECT_FALSE(staged.keep_as_listed("feed.xml"));  // listed without a fingerprint
    EXPECT_FALSE(staged.keep_as_listed("threads/u/index.html"));
    EXPECT_TRUE(staged.keep_as_listed("threads/t/index.html"));
    staged.write({"feed.xml", "feed"});
    staged.commit();  // made without site inputs
  }
  EXPECT_EQ(inode_of(root / "public/threads/t/index.html"), page);
  StagedOutput staged(root / "public");
  EXPECT_FALSE(staged.published_site_inputs());
  EXPECT_TRUE(staged.keep("threads/t/index.html", kMadeFrom));  // the fingerprint still holds
}

TEST(StagedOutput, AFileInPiecesIsListedWithWhatItWasMadeFrom) {
  const fs::path root = fresh_dir("stream-inputs");
  {
    StagedOutput staged(root / "public");
    const std::unique_ptr<OutputStream> stream = staged.open_stream("search.json", kMadeFrom);
    stream->append("[1,");
    stream->append("2]");
    stream->close();
    staged.commit();
  }
  StagedOutput staged(root / "public");
  EXPECT_FALSE(staged.keep("search.json", kMadeFromOther));
  EXPECT_TRUE(staged.keep("search.json", kMadeFrom));
  staged.commit();
  EXPECT_EQ(read_text(root / "public/search.json"), "[1,2]");
}

TEST(StagedOutput, AListingFromBeforeTheSiteInputsStillKeepsPagesByFingerprint) {
  const fs::path root = fresh_dir("site-inputs-upgrade");
  {
    StagedOutput staged(root / "public");
    staged.write({"index.html", "home", kMadeFrom});
    staged.set_site_inputs(ContentHash{5, 6});
    staged.commit();
  }
  const fs::path listing = root / ".public.confab/a.files";
  std::string text = read_text(listing);
  const std::size_t key_end = text.find(' ', 21);
  text = "confab output tree 2 " + text.substr(21, key_end - 21) + text.substr(text.find('\n'));
  write_text(listing, text);
  StagedOutput staged(root / "public");
  EXPECT_FALSE(staged.published_site_inputs());
  EXPECT_TRUE(staged.keep("index.html", kMadeFrom));
}

TEST(StagedOutput, KeepingRefusesPathsOutsideTheOutput) {
  const fs::path root = fresh_dir("memo-outside");
  write_output(root / "public", {{"index.html", "home", kMadeFrom}});
  StagedOutput staged(root / "public");
  for (const char* path : {"../index.html", "/index.html", "", "a/../index.html"}) {
    EXPECT_FALSE(staged.keep(path, kMadeFrom)) << path;
    EXPECT_FALSE(staged.keep_as_listed(path)) << path;
  }
}

/// `bytes` through a stream of `output`, cut into pieces of `piece` bytes.
void stream_file(StagedOutput& output, const std::string& path, const std::string& bytes,
                 std::size_t piece) {
  const std::unique_ptr<OutputStream> stream = output.open_stream(path);
  for (std::size_t at = 0; at < bytes.size(); at += piece) {
    stream->append(std::string_view(bytes).substr(at, piece));
  }
  stream->close();
}

/// Runs one build of root/public holding `bytes` at `path`, streamed in pieces of `piece`
/// bytes, and gives back its counts.
Counts stream_counts(const fs::path& root, const std::string& path, const std::string& bytes,
                     std::size_t piece) {
  StagedOutput staged(root / "public");
  stream_file(staged, path, bytes, piece);
  staged.commit();
  return {staged.files_written(), staged.files_unchanged(), staged.files_kept()};
}

TEST(StagedOutputStream, AFileInPiecesLandsWholeAndListedAsIfWrittenAtOnce) {
  const fs::path root = fresh_dir("stream-new");
  std::string data;
  for (int i = 0; i < 2000; ++i) data += "{\"node\": " + std::to_string(i) + "},\n";
  {
    StagedOutput staged(root / "public");
    stream_file(staged, "exports/nodes.csv", data, 333);
    stream_file(staged, "empty.json", "", 1);
    staged.commit();
    EXPECT_EQ(staged.files_written(), 2u);
    EXPECT_EQ(staged.files_unchanged(), 0u);
  }
  EXPECT_EQ(read_text(root / "public/exports/nodes.csv"), data);
  EXPECT_EQ(read_text(root / "public/empty.json"), "");
  // Listed with the hash write() gives the same bytes: written whole, the file is unchanged.
  const ino_t streamed = inode_of(root / "public/exports/nodes.csv");
  const Counts counts = build_counts(root, {{"exports/nodes.csv", data}, {"empty.json", ""}});
  EXPECT_EQ(counts.unchanged, 2u);
  EXPECT_EQ(inode_of(root / "public/exports/nodes.csv"), streamed);
  EXPECT_EQ(names_in(root), kOutputAndTrees);
}

TEST(StagedOutputStream, TheSameBytesAsPublishedAreLinkedNotWritten) {
  const fs::path root = fresh_dir("stream-same");
  const std::string data(100000, 'x');
  write_output(root / "public", {{"search.json", data}});
  const ino_t published = inode_of(root / "public/search.json");
  Counts counts = stream_counts(root, "search.json", data, 4096);
  EXPECT_EQ(counts.unchanged, 1u);
  EXPECT_EQ(inode_of(root / "public/search.json"), published);
  // The next build's tree (the one before) holds it too then: nothing to do at all.
  counts = stream_counts(root, "search.json", data, 7);
  EXPECT_EQ(counts.kept, 1u);
  EXPECT_EQ(counts.unchanged, 1u);
  EXPECT_EQ(inode_of(root / "public/search.json"), published);
  EXPECT_EQ(read_text(root / "public/search.json"), data);
}

TEST(StagedOutputStream, AFileThatDiffersAnywhereFromThePublishedOneIsWrittenWhole) {
  const fs::path root = fresh_dir("stream-differs");
  std::string published;
  for (int i = 0; i < 5000; ++i) published += std::to_string(i) + ";";
  std::string in_the_middle = published;
  in_the_middle[published.size() / 2] = '!';
  const std::vector<std::string> versions = {
      in_the_middle,
      published.substr(0, published.size() - 1),        // the published file's beginning only
      published + "and more",                           // longer
      "!" + published.substr(1),                        // the first byte
      published.substr(0, published.size() - 1) + "!",  // the last byte
      ""};
  for (const std::string& version : versions) {
    write_output(root / "public", {{"awaiting.xml", published}});
    const ino_t before = inode_of(root / "public/awaiting.xml");
    EXPECT_EQ(stream_counts(root, "awaiting.xml", version, 1000).unchanged, 0u);
    EXPECT_EQ(read_text(root / "public/awaiting.xml"), version);
    EXPECT_NE(inode_of(root / "public/awaiting.xml"), before);
    // The tree it was compared with is untouched until it is published again.
    build_counts(root, {{"awaiting.xml", published}});
    EXPECT_EQ(read_text(root / "public/awaiting.xml"), published);
  }
  EXPECT_EQ(names_in(root / ".public.confab/a"), std::vector<std::string>{"awaiting.xml"});
  EXPECT_EQ(names_in(root / ".public.confab/b"), std::vector<std::string>{"awaiting.xml"});
}

TEST(StagedOutputStream, AStreamDroppedUnclosedLeavesNoFile) {
  const fs::path root = fresh_dir("stream-dropped");
  write_output(root / "public", {{"conversation.json", "{}"}});
  {
    StagedOutput staged(root / "public");
    staged.write({"conversation.json", "{}"});
    {
      const std::unique_ptr<OutputStream> stream = staged.open_stream("exports/nodes.csv");
      stream->append("id,kind\r\n");
      stream->append("n1,post\r\n");
    }  // a render that failed midway
    staged.commit();
  }
  EXPECT_FALSE(fs::exists(root / "public/exports/nodes.csv"));
  for (const char* tree : {"a", "b"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / ".public.confab" / tree)) {
      EXPECT_EQ(entry.path().filename().string().find(".confab-"), std::string::npos)
          << entry.path();
    }
  }
}

TEST(StagedOutputStream, RefusesPathsOutsideTheOutput) {
  const fs::path root = fresh_dir("stream-outside");
  StagedOutput staged(root / "public");
  EXPECT_THROW(staged.open_stream("../escape.json"), SiteFileError);
  EXPECT_THROW(staged.open_stream("/etc/passwd"), SiteFileError);
}

}  // namespace
}  // namespace confab
