// libFuzzer target: arbitrary bytes as Discourse's answers (a search, a topic, a posts.json
// follow-up, a category) and as a URL thread_of is asked about. A ParseError naming the URL is
// the documented answer to a body that is none of these; any other exception, a crash, a
// sanitizer report, or an id, parent, follow-up URL or warning not built as discourse.h and
// platform.h promise is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parse/feed.h"
#include "platforms/discourse.h"

namespace {

constexpr std::string_view kForum = "https://forum.example.com";
constexpr std::string_view kSearchUrl = "https://forum.example.com/search.json?q=x";
constexpr std::string_view kTopicUrl = "https://forum.example.com/t/312.json";
constexpr std::string_view kPostsUrl =
    "https://forum.example.com/t/312/posts.json?post_ids%5B%5D=5005&post_ids%5B%5D=5006";
constexpr std::string_view kCategoryUrl = "https://forum.example.com/c/letters/5.json";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool is_number(std::string_view text) {
  if (text.empty() || text.front() == '0') return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void check_refs(const std::vector<confab::PlatformThreadRef>& refs) {
  for (const confab::PlatformThreadRef& ref : refs) {
    if (!is_number(ref.id) || ref.instance != kForum) std::abort();
    if (!starts_with(ref.url, std::string(kForum) + "/t/")) std::abort();
    if (!ref.url.ends_with("/" + ref.id)) std::abort();
  }
}

/// The topic page every comment's id continues: "{forum}/t/SLUG/ID".
void check_thread(const confab::PlatformThread& thread, std::string_view url, bool first) {
  if (thread.story.has_value() != first) std::abort();
  std::string topic;
  if (thread.story) {
    topic = thread.story->id;
    if (thread.story->link != topic || !starts_with(topic, std::string(kForum) + "/t/")) {
      std::abort();
    }
  }
  for (const confab::Entry& comment : thread.comments) {
    const std::size_t slash = comment.id.rfind('/');
    if (slash == std::string::npos || !is_number(comment.id.substr(slash + 1))) std::abort();
    const std::string page = comment.id.substr(0, slash);
    if (topic.empty()) topic = page;
    if (page != topic || comment.link != comment.id) std::abort();
    if (comment.in_reply_to.size() != 1 || comment.authors.size() > 1) std::abort();
    const std::string& parent = comment.in_reply_to[0].ref;
    if (parent != comment.in_reply_to[0].href || parent == comment.id) std::abort();
    if (parent != topic) {
      // An earlier post of the same topic.
      if (!starts_with(parent, topic + "/")) std::abort();
      const std::string number = parent.substr(topic.size() + 1);
      const std::string own = comment.id.substr(slash + 1);
      if (!is_number(number) || number.size() > own.size() ||
          (number.size() == own.size() && number >= own)) {
        std::abort();
      }
    }
  }
  if (!first && !thread.more.empty()) std::abort();
  if (thread.more.size() > confab::kDiscourseStreamCap / confab::kDiscoursePostsPerRequest) {
    std::abort();
  }
  for (const std::string& more : thread.more) {
    if (!starts_with(more, std::string(kForum) + "/t/") ||
        more.find("/posts.json?post_ids%5B%5D=") == std::string::npos) {
      std::abort();
    }
  }
  for (const std::string& warning : thread.warnings) {
    if (!starts_with(warning, url)) std::abort();
  }
}

template <typename Read>
void expect_parse_error_only(std::string_view url, Read read) {
  try {
    read();
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), url)) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // All of the input is every answer, so the fixtures in tests/fixtures/platforms/discourse/
  // seed it as they are; its length picks a ref with the topic's id or without one.
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto platform = confab::make_discourse_platform({});
  const confab::PlatformThreadRef ref{size % 2 == 0 ? "312" : "",
                                      "https://forum.example.com/t/bring-the-love-back/312",
                                      std::string(kForum)};
  const auto document = [&](std::string_view url) {
    return confab::Document{std::string(url), "application/json", text};
  };

  expect_parse_error_only(kSearchUrl,
                          [&] { check_refs(platform->read_lookup(document(kSearchUrl))); });
  expect_parse_error_only(
      kCategoryUrl, [&] { check_refs(confab::read_discourse_category(document(kCategoryUrl))); });
  expect_parse_error_only(kTopicUrl, [&] {
    check_thread(platform->read_thread(document(kTopicUrl), ref), kTopicUrl, true);
  });
  expect_parse_error_only(kPostsUrl, [&] {
    check_thread(platform->read_more(document(kPostsUrl), ref), kPostsUrl, false);
  });

  if (const auto named = platform->thread_of(text)) {
    if (!is_number(named->id) || named->instance.empty()) std::abort();
    if (!starts_with(named->url, named->instance + "/t/")) std::abort();
  }
  const std::string lookup = platform->lookup_url(text, kForum);
  if (!starts_with(lookup, std::string(kForum) + "/search.json?q=")) std::abort();
  return 0;
}
