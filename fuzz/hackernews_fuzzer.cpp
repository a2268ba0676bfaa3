// libFuzzer target: arbitrary bytes as the answers Hacker News's platform reader takes (an
// Algolia search answer, an item with its reply tree, a follow-up it never asks for) and as a URL
// thread_of and lookup_url look at. A ParseError naming the URL is the documented answer to a
// body that is not the answer expected; any other exception, a crash, a sanitizer report, or an
// Entry, ref or warning not built as platform.h promises is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parse/feed.h"
#include "platforms/hackernews.h"

namespace {

constexpr std::string_view kApi = "https://hn.algolia.com";
constexpr std::string_view kSite = "https://news.ycombinator.com";
constexpr std::string_view kLookupUrl =
    "https://hn.algolia.com/api/v1/search?query=https%3A%2F%2Fquill.example.org%2F2026%2F11%2F"
    "bring-the-love-back%2F&restrictSearchableAttributes=url&tags=story";
constexpr std::string_view kThreadUrl = "https://hn.algolia.com/api/v1/items/4100";
constexpr std::string_view kItemPage = "https://news.ycombinator.com/item?id=";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// An item page with a decimal id after the prefix.
bool is_item_page(std::string_view url) {
  if (!starts_with(url, kItemPage) || url.size() == kItemPage.size()) return false;
  return url.substr(kItemPage.size()).find_first_not_of("0123456789") == std::string_view::npos;
}

/// The promises of platform.h for an item answer's PlatformThread.
void check(const confab::PlatformThread& thread) {
  if (!thread.story || !thread.more.empty()) std::abort();
  const confab::Entry& story = *thread.story;
  if (!is_item_page(story.id) || story.id != story.link) std::abort();
  if (!story.in_reply_to.empty() || story.authors.size() > 1) std::abort();
  for (const confab::Entry& comment : thread.comments) {
    if (!is_item_page(comment.id) || comment.id != comment.link) std::abort();
    if (comment.authors.size() > 1 || comment.in_reply_to.size() != 1) std::abort();
    const confab::InReplyTo& parent = comment.in_reply_to[0];
    if (!is_item_page(parent.ref) || parent.ref == comment.id || parent.ref != parent.href) {
      std::abort();
    }
  }
  for (const std::string& warning : thread.warnings) {
    if (!starts_with(warning, kThreadUrl)) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // All of the input is each body, so the fixtures in tests/fixtures/platforms/hackernews/ seed
  // it as they are.
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto hackernews = confab::make_hackernews_platform({std::string(kApi), std::string(kSite)});
  // The ref as a lookup gives it, or one whose id a caller left out.
  const confab::PlatformThreadRef ref =
      size % 2 == 0 ? confab::PlatformThreadRef{"4100", std::string(kItemPage) + "4100", ""}
                    : confab::PlatformThreadRef{"", "", ""};

  try {
    for (const confab::PlatformThreadRef& found : hackernews->read_lookup(
             confab::Document{std::string(kLookupUrl), "application/json", text})) {
      if (found.id.empty() || found.url != std::string(kItemPage) + found.id) std::abort();
      if (hackernews->thread_api_url(found).empty()) std::abort();
    }
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), kLookupUrl)) std::abort();
  }
  try {
    check(hackernews->read_thread(
        confab::Document{std::string(kThreadUrl), "application/json", text}, ref));
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), kThreadUrl)) std::abort();
  }
  try {
    (void)hackernews->read_more(confab::Document{std::string(kThreadUrl), "application/json", text},
                                ref);
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), kThreadUrl)) std::abort();
  }

  if (const auto thread = hackernews->thread_of(text)) {
    if (!is_item_page(thread->url) || thread->url != std::string(kItemPage) + thread->id) {
      std::abort();
    }
    if (hackernews->thread_api_url(*thread).empty()) std::abort();
  }
  const std::string lookup = hackernews->lookup_url(text, "");
  if (!lookup.empty() && !starts_with(lookup, "https://hn.algolia.com/api/v1/search?query=")) {
    std::abort();
  }
  return 0;
}
