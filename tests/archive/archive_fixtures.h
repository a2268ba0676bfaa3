// Small builders for archive tests: entries, sources and fresh archive files.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

#include "archive/archive.h"

namespace confab::testing {

inline Entry make_entry(const std::string& id, UnixTime published, const std::string& title = "") {
  Entry entry;
  entry.id = id;
  entry.title = title.empty() ? "Title of " + id : title;
  entry.link = "https://blog.example.com/" + id;
  entry.published = published;
  entry.content = "<p>Text of " + id + "</p>";
  entry.authors.push_back({"Ann", "", "https://ann.example.com/"});
  return entry;
}

inline ArchivedSource make_source(const std::string& name, const std::string& status = "ok",
                                  std::optional<UnixTime> last_success = std::nullopt) {
  ArchivedSource source;
  source.key = "https://" + name + ".example.com/";
  source.id = name;
  source.name = name;
  source.url = source.key;
  source.feed = source.key + "feed/";
  source.status = status;
  source.last_success = last_success;
  return source;
}

/// A fresh folder for one test's archive file, removed with everything in it at scope exit.
struct TempArchive {
  explicit TempArchive(const std::string& name)
      : dir(std::filesystem::temp_directory_path() /
            ("confab-archive-" + name + "-" + std::to_string(getpid()))),
        file(dir / "archive.db") {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~TempArchive() { std::filesystem::remove_all(dir); }
  TempArchive(const TempArchive&) = delete;
  TempArchive& operator=(const TempArchive&) = delete;

  std::filesystem::path dir;
  std::filesystem::path file;
};

}  // namespace confab::testing
