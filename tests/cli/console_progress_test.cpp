// Fetch progress when stderr is not a terminal (CI): one plain line per finished batch.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "cli/console.h"

namespace confab {
namespace {

std::string contents(std::FILE* file) {
  std::fflush(file);
  std::rewind(file);
  std::string text;
  char buffer[256];
  while (const std::size_t read = std::fread(buffer, 1, sizeof buffer, file)) {
    text.append(buffer, read);
  }
  return text;
}

TEST(ConsoleProgress, NotATerminalPrintsOnePlainLineWithFailures) {
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  ASSERT_TRUE(out && err);
  {
    Console console(out, err);
    FetchProgress progress;
    progress.total = 3;
    progress.done = 1;
    progress.slow_hosts = {"slow.example"};
    console.progress("feeds", progress);
    progress.done = 3;
    progress.failed = 1;
    console.progress("feeds", progress);
  }
  EXPECT_EQ(contents(err), "feeds 3/3, 1 failed\n");
  std::fclose(out);
  std::fclose(err);
}

}  // namespace
}  // namespace confab
