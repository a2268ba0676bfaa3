// Runs the parser over the shared corpus of real feeds, when this machine has it: no crash,
// every feed yields entries, and anything that is not a feed fails with a ParseError.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parse/feed.h"
#include "parse/html_page.h"
#include "parse/inspect_json.h"

namespace confab {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

TEST(Corpus, EveryDocumentParsesOrIsRejectedCleanly) {
  const char* shared = std::getenv("CONFAB_SHARED_DIR");
  if (!shared) GTEST_SKIP() << "CONFAB_SHARED_DIR is not set (ctest sets it)";
  const fs::path corpus = fs::path(shared) / "corpus";
  if (!fs::is_directory(corpus)) GTEST_SKIP() << "no corpus at " << corpus;

  int feeds = 0, rejected = 0;
  for (const auto& item : fs::recursive_directory_iterator(corpus)) {
    if (!item.is_regular_file()) continue;
    const fs::path& path = item.path();
    const std::string name = path.filename().string();
    if (name.ends_with(".serde.json") || name.starts_with("LICENSE") || name == "README.md") {
      continue;
    }
    const Document document{"https://corpus.example/" + name, "", read_file(path)};
    if (path.extension() == ".html") {
      const HtmlPage page = parse_html_page(document);
      EXPECT_FALSE(page.feeds.empty()) << path;
      continue;
    }
    try {
      const Feed feed = parse_feed(document);
      // A feed may be empty only when it is broken, and then it says so.
      EXPECT_TRUE(!feed.entries.empty() || !feed.warnings.empty()) << path;
      for (const Entry& entry : feed.entries) EXPECT_FALSE(entry.id.empty()) << path;
      EXPECT_FALSE(feed_to_inspect_json(feed).empty());
      ++feeds;
    } catch (const ParseError& error) {
      // Not feeds: OPML lists, plain XML samples, JSON that is not JSON Feed, a cut-off file.
      EXPECT_NE(std::string(error.what()).find("not a feed"), std::string::npos) << error.what();
      ++rejected;
    }
  }
  EXPECT_GT(feeds, 50);
  RecordProperty("feeds", feeds);
  RecordProperty("rejected", rejected);
}

}  // namespace
}  // namespace confab
