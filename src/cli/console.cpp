#include "cli/console.h"

#include <unistd.h>

namespace confab {

Console::Console(std::FILE* out, std::FILE* err)
    : out_(out), err_(err), terminal_(isatty(fileno(err)) != 0) {}

void Console::progress(const std::string& stage, std::size_t done, std::size_t total) {
  if (terminal_) {
    std::fprintf(err_, "\r\033[K%s %zu/%zu", stage.c_str(), done, total);
    progress_open_ = done < total;
    if (!progress_open_) std::fputc('\n', err_);
  } else if (done == total) {
    std::fprintf(err_, "%s %zu/%zu\n", stage.c_str(), done, total);
  }
  std::fflush(err_);
}

void Console::progress(const std::string& stage, const FetchProgress& progress) {
  std::string line =
      stage + " " + std::to_string(progress.done) + "/" + std::to_string(progress.total);
  if (progress.failed > 0) line += ", " + std::to_string(progress.failed) + " failed";
  const bool finished = progress.done >= progress.total;
  if (terminal_) {
    if (!progress.slow_hosts.empty() && !finished) {
      line += ", slow:";
      for (std::size_t i = 0; i < progress.slow_hosts.size() && i < 3; ++i) {
        line += " " + progress.slow_hosts[i];
      }
      if (progress.slow_hosts.size() > 3) line += " ...";
    }
    std::fprintf(err_, "\r\033[K%s", line.c_str());
    progress_open_ = !finished;
    if (finished) std::fputc('\n', err_);
  } else if (finished) {
    std::fprintf(err_, "%s\n", line.c_str());
  }
  std::fflush(err_);
}

void Console::end_progress_line() {
  if (progress_open_) {
    std::fputc('\n', err_);
    progress_open_ = false;
  }
}

void Console::info(const std::string& message) {
  end_progress_line();
  std::fprintf(err_, "%s\n", message.c_str());
}

void Console::warning(const std::string& message) {
  end_progress_line();
  std::fprintf(err_, "warning: %s\n", message.c_str());
}

void Console::error(const std::string& message) {
  end_progress_line();
  std::fprintf(err_, "error: %s\n", message.c_str());
}

void Console::result(const std::string& text) {
  end_progress_line();
  std::fputs(text.c_str(), out_);
  if (!text.empty() && text.back() != '\n') std::fputc('\n', out_);
  std::fflush(out_);
}

}  // namespace confab
