// `confab_bench fetch`: the build's two fetch rounds against the local server — every blog's
// feed, then the comment feed of every post they list — timed against the ideal
// (requests x latency / concurrency), with this process's peak RSS.
#include <curl/curl.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>

#include "bench.h"
#include "fetch/fetch.h"
#include "parse/feed.h"

namespace confab::bench {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

}  // namespace

int fetch_bench(const FetchBenchOptions& options) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  FetchOptions fetch_options;
  fetch_options.addresses.allow_private = true;  // the feeds are served on loopback
  fetch_options.concurrency = options.concurrency;
  fetch_options.per_host = options.per_host;
  fetch_options.user_agent = "confab-bench";
  auto fetcher = make_http_fetcher(fetch_options);

  std::vector<FetchRequest> feeds;
  for (int blog = 0; blog < options.shape.blogs; ++blog) {
    feeds.emplace_back("http://" + blog_host(blog) + ":" + std::to_string(options.port) + "/feed");
  }
  const auto start = std::chrono::steady_clock::now();
  const auto feed_results = fetcher->fetch_requests(feeds);
  const double feeds_seconds = seconds_since(start);

  // Between the rounds the build parses the feeds to find the comment feeds (not timed).
  std::vector<FetchRequest> comment_feeds;
  std::size_t failures = 0;
  for (const auto& result : feed_results) {
    if (!result.ok()) {
      ++failures;
      continue;
    }
    const Feed feed =
        parse_feed(Document{result.final_url, result.header("Content-Type"), result.body});
    for (const auto& entry : feed.entries) {
      if (!entry.comments_feed.empty()) comment_feeds.emplace_back(entry.comments_feed);
    }
  }
  const auto comments_start = std::chrono::steady_clock::now();
  const auto comment_results = fetcher->fetch_requests(comment_feeds);
  const double comments_seconds = seconds_since(comments_start);
  std::size_t bytes = 0;
  for (const auto& result : feed_results) bytes += result.body.size();
  for (const auto& result : comment_results) {
    if (!result.ok()) ++failures;
    bytes += result.body.size();
  }

  const std::size_t requests = feeds.size() + comment_feeds.size();
  const double ideal =
      static_cast<double>(requests) * options.latency_ms / 1000.0 / options.concurrency;
  const double total = feeds_seconds + comments_seconds;
  std::printf("fetch: %zu requests (%zu feeds + %zu comment feeds), %.1f MB, %zu failed\n",
              requests, feeds.size(), comment_feeds.size(), static_cast<double>(bytes) / 1e6,
              failures);
  std::printf("fetch: concurrency %d, per host %d, latency %d ms per response\n",
              options.concurrency, options.per_host, options.latency_ms);
  std::printf("fetch: time %.2f s (feeds %.2f s + comment feeds %.2f s), ideal %.2f s\n", total,
              feeds_seconds, comments_seconds, ideal);
  std::printf("fetch: time / ideal = %.3f (target <= 1.1)\n", total / ideal);
  std::printf("fetch: peak RSS %.1f MiB (target <= 200)\n", peak_rss_mib());
  curl_global_cleanup();
  return failures == 0 ? 0 : 1;
}

}  // namespace confab::bench
