// What the platform readers' tests ask of an answer read: fixtures, documents, warnings, the
// comment with an id and its parent, the ParseError a read throws.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "platforms/platform.h"

namespace confab::platform_tests {

/// tests/fixtures/platforms/PLATFORM/NAME, whole.
inline std::string platform_fixture(const std::string& platform, const std::string& name) {
  const std::string path =
      std::string(CONFAB_SOURCE_DIR) + "/tests/fixtures/platforms/" + platform + "/" + name;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("missing fixture " + path);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

/// An API answer as the fetcher hands it over.
inline Document document(const std::string& url, const std::string& body) {
  return Document{url, "application/json", body};
}

inline bool contains(const std::vector<std::string>& warnings, const std::string& part) {
  for (const std::string& warning : warnings) {
    if (warning.find(part) != std::string::npos) return true;
  }
  return false;
}

inline bool has_warning(const PlatformThread& thread, const std::string& part) {
  return contains(thread.warnings, part);
}

inline std::string all_warnings(const std::vector<std::string>& warnings) {
  std::string text;
  for (const std::string& warning : warnings) text += warning + "\n";
  return text;
}

inline std::string all_warnings(const PlatformThread& thread) {
  return all_warnings(thread.warnings);
}

inline const Entry* find_comment(const PlatformThread& thread, const std::string& id) {
  for (const Entry& comment : thread.comments) {
    if (comment.id == id) return &comment;
  }
  return nullptr;
}

/// The parent a comment names (ref and href alike), or why there is none.
inline std::string parent_of(const PlatformThread& thread, const std::string& id) {
  const Entry* comment = find_comment(thread, id);
  if (comment == nullptr) return "(no comment " + id + ")";
  if (comment->in_reply_to.size() != 1) return "(not one parent)";
  EXPECT_EQ(comment->in_reply_to[0].href, comment->in_reply_to[0].ref);
  return comment->in_reply_to[0].ref;
}

/// What the ParseError `read` throws says, "(no error)" when it throws none.
inline std::string parse_error_of(const std::function<void()>& read) {
  try {
    read();
  } catch (const ParseError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace confab::platform_tests
