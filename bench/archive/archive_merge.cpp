// Archive benchmark (issue 4): merges 100,000 entries (100 blogs × 100 posts × 9 comments each,
// one transaction per blog) into a fresh archive, then merges the same again (every entry
// compared, none rewritten), then reads the whole history back. Prints figures, asserts nothing.
//   cmake --build build --target archive_merge && ./build/archive_merge [DIR]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "archive/archive.h"

namespace {

using confab::Entry;
using confab::SourceFetch;

constexpr int kSources = 100;
constexpr int kPostsPerSource = 100;
constexpr int kCommentsPerPost = 9;

Entry entry(const std::string& id, confab::UnixTime published, std::size_t text_bytes) {
  Entry e;
  e.id = id;
  e.title = "A title for " + id;
  e.link = "https://blog.example.com/" + id;
  e.published = published;
  e.authors.push_back(
      {"Someone " + std::to_string(published % 97), "", "https://someone.example/"});
  e.content = "<p>" + std::string(text_bytes, 'x') + "</p>";
  return e;
}

std::vector<SourceFetch> generate() {
  std::vector<SourceFetch> fetches;
  for (int s = 0; s < kSources; ++s) {
    SourceFetch fetch;
    fetch.source.key = "https://blog" + std::to_string(s) + ".example.com/";
    fetch.source.id = "blog-" + std::to_string(s);
    fetch.source.name = "Blog " + std::to_string(s);
    fetch.source.url = fetch.source.key;
    fetch.source.feed = fetch.source.key + "feed/";
    fetch.source.last_success = 1227000000;
    confab::FeedRead posts;
    for (int p = 0; p < kPostsPerSource; ++p) {
      const std::string post_id = fetch.source.key + "?p=" + std::to_string(p);
      posts.entries.push_back(entry(post_id, 1220000000 + p * 3600, 1200));
      confab::FeedRead comments;
      comments.post_id = post_id;
      for (int c = 0; c < kCommentsPerPost; ++c) {
        Entry comment =
            entry(post_id + "#comment-" + std::to_string(c), 1220000000 + p * 3600 + c * 60, 300);
        comment.in_reply_to.push_back({post_id, post_id});
        comments.entries.push_back(std::move(comment));
      }
      fetch.reads.push_back(std::move(comments));
    }
    fetch.reads.insert(fetch.reads.begin(), std::move(posts));
    fetches.push_back(std::move(fetch));
  }
  return fetches;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path dir = argc > 1
                                        ? std::filesystem::path(argv[1])
                                        : std::filesystem::temp_directory_path() /
                                              ("confab-archive-bench-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto fetches = generate();
  const std::size_t entries = kSources * kPostsPerSource * (1 + kCommentsPerPost);
  try {
    confab::Archive archive(dir / "archive.db");
    auto start = std::chrono::steady_clock::now();
    const auto run1 = archive.begin_run(1227000000, "online");
    std::size_t inserted = 0;
    for (const auto& fetch : fetches) inserted += archive.merge_source(run1, fetch).inserted;
    const double first = seconds_since(start);

    start = std::chrono::steady_clock::now();
    const auto run2 = archive.begin_run(1227003600, "online");
    std::size_t unchanged = 0;
    for (const auto& fetch : fetches) unchanged += archive.merge_source(run2, fetch).unchanged;
    const double second = seconds_since(start);

    start = std::chrono::steady_clock::now();
    std::size_t read = 0;
    for (const auto& history : archive.history()) {
      read += history.posts.size();
      for (const auto& [post, comments] : history.comments) read += comments.size();
    }
    const double history = seconds_since(start);

    std::printf("archive_merge: %zu entries in %d sources (one transaction each)\n", entries,
                kSources);
    std::printf("  first merge (all new):          %6.3f s  (%zu inserted, %.0f entries/s)\n",
                first, inserted, inserted / first);
    std::printf("  merge again (all compared):     %6.3f s  (%zu unchanged)\n", second, unchanged);
    std::printf("  read the whole history back:    %6.3f s  (%zu entries)\n", history, read);
    std::printf("  archive size: %.1f MB\n",
                std::filesystem::file_size(dir / "archive.db") / 1e6 +
                    (std::filesystem::exists(dir / "archive.db-wal")
                         ? std::filesystem::file_size(dir / "archive.db-wal") / 1e6
                         : 0.0));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "archive_merge: %s\n", error.what());
    return 1;
  }
  if (argc <= 1) std::filesystem::remove_all(dir);
  return 0;
}
