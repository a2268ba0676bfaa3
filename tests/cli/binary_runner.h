// Runs the built confab binary as a user would, capturing its exit code and output.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace confab::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Every file under `root`, by its path relative to it ('/'-separated), with its bytes.
inline std::map<std::string, std::string> files_under(const std::filesystem::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) {
      files[std::filesystem::relative(entry.path(), root).generic_string()] =
          read_text(entry.path());
    }
  }
  return files;
}

/// How many times `part` occurs in `text` (overlapping ones too).
inline std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

/// A fresh, empty temporary folder named for the test.
inline std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("confab-it-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Runs `confab ARGS` (a shell-quoted string) with `env` prepended (e.g. "SOURCE_DATE_EPOCH=1").
inline RunResult run_confab(const std::string& args, const std::string& env = "") {
  const auto dir = fresh_dir("run");
  const std::string command = env + " " + CONFAB_BINARY + " " + args + " >" +
                              (dir / "out").string() + " 2>" + (dir / "err").string() +
                              " </dev/null";
  const int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text(dir / "out");
  result.err = read_text(dir / "err");
  std::filesystem::remove_all(dir);
  return result;
}

}  // namespace confab::testing
