// Helpers for the parse tests: read a fixture, parse a feed given as text.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "parse/feed.h"

namespace confab::testing {

inline std::string read_fixture(const std::string& name) {
  const std::string path = std::string(CONFAB_SOURCE_DIR) + "/tests/fixtures/parse/" + name;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("missing fixture " + path);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

inline Feed parse_text(std::string body, std::string url = "https://feeds.example.com/feed",
                       std::string content_type = "") {
  return parse_feed(Document{std::move(url), std::move(content_type), std::move(body)});
}

inline Feed parse_fixture(const std::string& name, std::string url) {
  return parse_text(read_fixture(name), std::move(url));
}

/// True when some warning contains `part`.
inline bool has_warning(const Feed& feed, const std::string& part) {
  for (const auto& warning : feed.warnings) {
    if (warning.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace confab::testing
