// libFuzzer target: arbitrary bytes as the answers Reddit's platform reader takes (a lookup
// Listing, a thread's [submission, comments] array, a morechildren answer) and as a URL
// thread_of looks at. A ParseError naming the URL is the documented answer to a body that is not
// the answer expected; any other exception, a crash, a sanitizer report, or an Entry, follow-up
// URL or warning not built as platform.h promises is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parse/feed.h"
#include "platforms/reddit.h"

namespace {

constexpr std::string_view kApi = "https://www.reddit.com";
constexpr std::string_view kSite = "https://www.reddit.com";
constexpr std::string_view kLookupUrl =
    "https://www.reddit.com/api/info.json?url=https%3A%2F%2Fquill.example.org%2F";
constexpr std::string_view kThreadUrl = "https://www.reddit.com/comments/1abcde.json?raw_json=1";
constexpr std::string_view kMoreUrl =
    "https://www.reddit.com/api/morechildren.json?api_type=json&raw_json=1&link_id=t3_1abcde"
    "&children=k5x,k5y,k5z";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// The promises of platform.h for one answer's PlatformThread.
void check(const confab::PlatformThread& thread, std::string_view url, bool has_story) {
  if (thread.story.has_value() != has_story) std::abort();
  if (thread.story) {
    const confab::Entry& story = *thread.story;
    if (!starts_with(story.id, kSite) || story.id != story.link) std::abort();
    if (!story.in_reply_to.empty() || story.authors.size() > 1) std::abort();
  }
  for (const confab::Entry& comment : thread.comments) {
    if (!starts_with(comment.id, std::string(kSite) + "/") || comment.id != comment.link) {
      std::abort();
    }
    if (comment.authors.size() > 1 || comment.in_reply_to.size() != 1) std::abort();
    const confab::InReplyTo& parent = comment.in_reply_to[0];
    if (!starts_with(parent.ref, kSite) || parent.ref == comment.id) std::abort();
  }
  for (const std::string& more : thread.more) {
    if (!starts_with(more, std::string(kApi) + "/api/morechildren.json?api_type=json&raw_json=1&"
                                               "link_id=t3_")) {
      std::abort();
    }
  }
  for (const std::string& warning : thread.warnings) {
    if (!starts_with(warning, url)) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // All of the input is each body, so the fixtures in tests/fixtures/platforms/reddit/ seed it
  // as they are.
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto reddit = confab::make_reddit_platform({std::string(kApi), std::string(kSite)});
  // The ref as a lookup gives it, or as thread_of gives it for a short link.
  const confab::PlatformThreadRef ref =
      size % 2 == 0
          ? confab::PlatformThreadRef{"1abcde",
                                      "https://www.reddit.com/r/letters/comments/1abcde/x/", ""}
          : confab::PlatformThreadRef{"1abcde", "https://www.reddit.com/comments/1abcde/", ""};

  try {
    for (const confab::PlatformThreadRef& found :
         reddit->read_lookup(confab::Document{std::string(kLookupUrl), "application/json", text})) {
      if (found.id.empty() || !starts_with(found.url, kSite)) std::abort();
      if (reddit->thread_api_url(found).empty()) std::abort();
    }
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), kLookupUrl)) std::abort();
  }
  try {
    check(reddit->read_thread(confab::Document{std::string(kThreadUrl), "application/json", text},
                              ref),
          kThreadUrl, true);
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), kThreadUrl)) std::abort();
  }
  try {
    check(reddit->read_more(confab::Document{std::string(kMoreUrl), "application/json", text}, ref),
          kMoreUrl, false);
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), kMoreUrl)) std::abort();
  }

  if (const auto thread = reddit->thread_of(text)) {
    if (thread->id.empty() || !starts_with(thread->url, kSite)) std::abort();
    if (reddit->thread_api_url(*thread).empty()) std::abort();
  }
  (void)reddit->lookup_url(text, "");
  return 0;
}
