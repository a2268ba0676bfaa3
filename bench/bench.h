// confab_bench: the benchmarks `bench/run` drives. They print figures; they assert nothing.
#pragma once

#include <string>

#include "corpus.h"

namespace confab::bench {

struct ServeOptions {
  CorpusShape shape;
  int latency_ms = 100;
  int threads = 64;
  std::string port_file;
};

struct FetchBenchOptions {
  CorpusShape shape;
  int port = 0;
  int latency_ms = 100;  ///< what the server injects: the ideal time is computed from it
  int concurrency = 16;
  int per_host = 2;
};

struct ParseBenchOptions {
  CorpusShape shape;
  std::string extra_corpus;  ///< a directory of real feeds to measure too ("" = none)
  int rounds = 5;
};

int serve(const ServeOptions& options);
int fetch_bench(const FetchBenchOptions& options);
int parse_bench(const ParseBenchOptions& options);

}  // namespace confab::bench
