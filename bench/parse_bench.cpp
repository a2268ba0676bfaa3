// `confab_bench parse`: MB/s of feed XML through parse_feed (parse + normalize; sanitizing is
// render's and not included) beside pugixml's bare load_buffer on the same bytes, same run.
#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bench.h"
#include "parse/feed.h"

namespace confab::bench {

namespace {

std::vector<Document> generated_corpus(const CorpusShape& shape) {
  std::vector<Document> corpus;
  for (int blog = 0; blog < shape.blogs; ++blog) {
    const std::string origin = "http://" + blog_host(blog) + ":8080";
    corpus.push_back({origin + "/feed", "", blog_feed(blog, shape, origin)});
    for (int post = 0; post < shape.posts_per_blog; ++post) {
      corpus.push_back({origin + "/2026/03/post-" + std::to_string(post) + "/feed/", "",
                        comment_feed(blog, post, origin)});
    }
  }
  return corpus;
}

/// The feeds of a directory of real documents: those parse_feed accepts.
std::vector<Document> directory_corpus(const std::string& directory) {
  std::vector<Document> corpus;
  namespace fs = std::filesystem;
  if (directory.empty() || !fs::is_directory(directory)) return corpus;
  std::vector<fs::path> paths;
  for (const auto& item : fs::recursive_directory_iterator(directory)) {
    const std::string name = item.path().filename().string();
    if (!item.is_regular_file() || name.ends_with(".serde.json") || name.ends_with(".json") ||
        name.ends_with(".html") || name.starts_with("LICENSE") || name == "README.md") {
      continue;
    }
    paths.push_back(item.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << file.rdbuf();
    Document sample{"https://corpus.example/" + path.filename().string(), "", bytes.str()};
    try {
      parse_feed(sample);
      corpus.push_back(std::move(sample));
    } catch (const std::exception&) {
      // Not a feed (or not XML): outside what this figure measures.
    }
  }
  return corpus;
}

/// CPU time of this thread: on a shared machine, wall time would charge other processes'
/// work to whichever side happened to run beside it.
double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

template <typename Work>
double best_seconds(int rounds, Work work) {
  double best = 1e300;
  for (int round = 0; round < rounds; ++round) {
    const double start = cpu_seconds();
    work();
    best = std::min(best, cpu_seconds() - start);
  }
  return best;
}

void measure(const char* name, const std::vector<Document>& corpus, int rounds) {
  std::size_t bytes = 0, entries = 0;
  for (const auto& sample : corpus) bytes += sample.body.size();
  const double raw = best_seconds(rounds, [&] {
    for (const auto& sample : corpus) {
      pugi::xml_document document;
      document.load_buffer(sample.body.data(), sample.body.size(), pugi::parse_default);
    }
  });
  // The same with the flags parse_feed needs (whitespace-only text kept for XHTML content):
  // how much of the gap is pugixml building the extra text nodes.
  const double raw_ws = best_seconds(rounds, [&] {
    for (const auto& sample : corpus) {
      pugi::xml_document document;
      document.load_buffer(sample.body.data(), sample.body.size(),
                           pugi::parse_default | pugi::parse_ws_pcdata);
    }
  });
  const double full = best_seconds(rounds, [&] {
    entries = 0;
    for (const auto& document : corpus) entries += parse_feed(document).entries.size();
  });
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("parse %s: %zu documents, %.1f MB, %zu entries, best of %d rounds (CPU time)\n", name,
              corpus.size(), mb, entries, rounds);
  std::printf("parse %s: pugixml load_buffer %.1f MB/s, parse_feed %.1f MB/s\n", name, mb / raw,
              mb / full);
  std::printf("parse %s: parse_feed / load_buffer = %.0f%% (target >= 40%%)\n", name,
              100.0 * raw / full);
  std::printf("parse %s: pugixml with parse_ws_pcdata %.1f MB/s (%.0f%% of load_buffer)\n", name,
              mb / raw_ws, 100.0 * raw / raw_ws);
}

}  // namespace

int parse_bench(const ParseBenchOptions& options) {
  measure("generated", generated_corpus(options.shape), options.rounds);
  const auto real = directory_corpus(options.extra_corpus);
  if (!real.empty()) measure("shared corpus", real, options.rounds);
  return 0;
}

}  // namespace confab::bench
