// confab_bench serve|fetch|parse [--key value...]: see bench/run, which drives them.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "bench.h"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: confab_bench serve --port-file FILE [--latency-ms N] [--threads N]\n"
               "       confab_bench fetch --port N [--latency-ms N] [--concurrency N] "
               "[--per-host N]\n"
               "       confab_bench parse [--corpus DIR] [--rounds N]\n"
               "  every command also takes --blogs N and --posts N (corpus shape)\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string command = argv[1];
  std::map<std::string, std::string> flags;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key.rfind("--", 0) != 0) return usage();
    flags[key.substr(2)] = argv[i + 1];
  }
  auto number = [&](const std::string& key, int fallback) {
    const auto found = flags.find(key);
    return found == flags.end() ? fallback : std::atoi(found->second.c_str());
  };
  confab::bench::CorpusShape shape;
  shape.blogs = number("blogs", shape.blogs);
  shape.posts_per_blog = number("posts", shape.posts_per_blog);

  if (command == "serve") {
    confab::bench::ServeOptions options;
    options.shape = shape;
    options.latency_ms = number("latency-ms", options.latency_ms);
    options.threads = number("threads", options.threads);
    options.port_file = flags["port-file"];
    if (options.port_file.empty()) return usage();
    return confab::bench::serve(options);
  }
  if (command == "fetch") {
    confab::bench::FetchBenchOptions options;
    options.shape = shape;
    options.port = number("port", 0);
    options.latency_ms = number("latency-ms", options.latency_ms);
    options.concurrency = number("concurrency", options.concurrency);
    options.per_host = number("per-host", options.per_host);
    if (options.port <= 0) return usage();
    return confab::bench::fetch_bench(options);
  }
  if (command == "parse") {
    confab::bench::ParseBenchOptions options;
    options.shape = shape;
    options.extra_corpus = flags["corpus"];
    options.rounds = number("rounds", options.rounds);
    return confab::bench::parse_bench(options);
  }
  return usage();
}
