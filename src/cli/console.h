// The one place that talks to the user: progress and warnings on stderr, results on stdout.
#pragma once

#include <cstdio>
#include <string>

#include "fetch/fetch.h"

namespace confab {

/// Prints for people. On a terminal, progress is one updating line; otherwise (CI, pipes) each
/// progress step is a plain line, so logs stay readable.
class Console {
 public:
  Console(std::FILE* out = stdout, std::FILE* err = stderr);

  void progress(const std::string& stage, std::size_t done, std::size_t total);
  /// A fetch's progress: done/total, failures and the hosts currently slow. On a terminal it
  /// updates one line; otherwise it prints one plain line when the batch is done.
  void progress(const std::string& stage, const FetchProgress& progress);
  void info(const std::string& message);
  void warning(const std::string& message);
  void error(const std::string& message);
  /// Machine-readable or final output (inspect's JSON, check's table) on stdout.
  void result(const std::string& text);

 private:
  void end_progress_line();

  std::FILE* out_;
  std::FILE* err_;
  bool terminal_;
  bool progress_open_ = false;
};

}  // namespace confab
