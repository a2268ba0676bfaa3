// libFuzzer target: arbitrary bytes as a Mastodon instance's answer to a status
// (/api/v1/statuses/ID), to its context (/api/v1/statuses/ID/context) and to a page of a hashtag
// timeline (/api/v1/timelines/tag/TAG), and as a URL for thread_of and listing_api_url. A
// ParseError naming the URL is the documented answer to a body that is not the answer expected;
// any other exception, a crash, a sanitizer report, or an entry, reference or warning not built
// as platform.h promises (an empty or repeated id, a parent not read before, a reference off the
// instance asked, a next page that is not the same listing) is a bug.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "platforms/mastodon.h"

namespace {

constexpr std::string_view kStatusId = "113502117044556677";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool is_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_web_url(std::string_view text) {
  return starts_with(text, "http://") || starts_with(text, "https://");
}

void check_warnings(const std::vector<std::string>& warnings, std::string_view url) {
  for (const std::string& warning : warnings) {
    if (!starts_with(warning, std::string(url) + ": ")) std::abort();
  }
}

void check_entry(const confab::Entry& entry) {
  if (entry.id.empty() || !is_web_url(entry.id) || entry.link != entry.id ||
      entry.authors.size() != 1) {
    std::abort();
  }
  for (const std::string& link : entry.authors[0].verified) {
    if (!is_web_url(link)) std::abort();
  }
  if (!entry.authors[0].uri.empty() && !is_web_url(entry.authors[0].uri)) std::abort();
  if (!entry.authors[0].avatar.empty() && !is_web_url(entry.authors[0].avatar)) std::abort();
  for (const std::optional<int>& count : {entry.likes, entry.reposts, entry.comment_count}) {
    if (count && *count < 0) std::abort();
  }
}

void check_ref(const confab::PlatformThreadRef& ref, std::string_view instance) {
  if (!is_digits(ref.id) || ref.instance != instance || !is_web_url(ref.url)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // All of the input is each answer, so the fixtures in tests/fixtures/platforms/mastodon/ seed
  // it as they are; its length picks the instance asked (one with a port, as a replay has).
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string instance = size % 2 == 1 ? "http://127.0.0.1:8772" : "https://mastodon.example";
  const auto platform = confab::make_mastodon_platform({});
  const std::string story_page = instance + "/@lanternfish/" + std::string(kStatusId);
  const confab::PlatformThreadRef ref{std::string(kStatusId), story_page, instance};

  // The status.
  const std::string status_url = platform->thread_api_url(ref);
  if (status_url != instance + "/api/v1/statuses/" + std::string(kStatusId)) std::abort();
  try {
    const confab::PlatformThread read =
        platform->read_thread(confab::Document{status_url, "application/json", text}, ref);
    if (!read.comments.empty() || !read.posts.empty()) std::abort();
    if (read.instead) {
      check_ref(*read.instead, instance);
      if (read.story || !read.more.empty() ||
          read.instead->url != instance + "/web/statuses/" + read.instead->id ||
          platform->thread_api_url(*read.instead).empty()) {
        std::abort();
      }
    } else {
      if (!read.story) std::abort();
      check_entry(*read.story);
      if (!read.story->in_reply_to.empty() || read.more.size() > 1) std::abort();
      for (const std::string& more : read.more) {
        const std::string prefix = instance + "/api/v1/statuses/";
        if (!starts_with(more, prefix) || more.size() <= prefix.size() + 8 ||
            !more.ends_with("/context") ||
            !is_digits(
                std::string_view(more).substr(prefix.size(), more.size() - prefix.size() - 8))) {
          std::abort();
        }
      }
    }
    check_warnings(read.warnings, status_url);
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), status_url + ": ")) std::abort();
  }

  // Its context: ref.url is the story's Entry id.
  const std::string context_url = status_url + "/context";
  try {
    const confab::PlatformThread more =
        platform->read_more(confab::Document{context_url, "application/json", text}, ref);
    if (more.story || more.instead || !more.more.empty() || !more.posts.empty()) std::abort();
    if (more.reply_cap && *more.reply_cap != 60) std::abort();
    std::unordered_set<std::string> read_before{story_page};
    for (const confab::Entry& comment : more.comments) {
      check_entry(comment);
      if (comment.in_reply_to.size() != 1 ||
          comment.in_reply_to[0].ref != comment.in_reply_to[0].href) {
        std::abort();
      }
      // Parents first: a parent is the story or a reply read before this one.
      if (!read_before.contains(comment.in_reply_to[0].ref)) std::abort();
      if (!read_before.insert(comment.id).second) std::abort();
    }
    check_warnings(more.warnings, context_url);
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), context_url + ": ")) std::abort();
  }

  // A page of a hashtag timeline.
  const std::string tag_url = platform->listing_api_url(instance + "/tags/bringtheloveback");
  if (tag_url != instance + "/api/v1/timelines/tag/bringtheloveback?limit=40") std::abort();
  const std::string page_url = tag_url + (size % 3 == 0 ? "&max_id=113502200000000000" : "");
  try {
    const confab::PlatformListing listing =
        platform->read_listing(confab::Document{page_url, "application/json", text});
    std::unordered_set<std::string> ids;
    for (const confab::PlatformThreadRef& thread : listing.threads) {
      check_ref(thread, instance);
      if (!ids.insert(thread.id).second) std::abort();
      if (platform->thread_api_url(thread).empty()) std::abort();
    }
    if (!listing.next.empty()) {
      const std::string prefix = tag_url + "&max_id=";
      if (!starts_with(listing.next, prefix) ||
          !is_digits(std::string_view(listing.next).substr(prefix.size()))) {
        std::abort();
      }
    }
    check_warnings(listing.warnings, page_url);
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), page_url + ": ")) std::abort();
  }

  // The bytes as URLs.
  if (!platform->read_lookup(confab::Document{"", "application/json", text}).empty()) std::abort();
  if (!platform->lookup_url(text, instance).empty()) std::abort();
  if (const auto named = platform->thread_of(text)) {
    if (!is_digits(named->id) || !is_web_url(named->instance) ||
        !starts_with(named->url, named->instance + "/") ||
        platform->thread_api_url(*named) != named->instance + "/api/v1/statuses/" + named->id) {
      std::abort();
    }
  }
  const std::string listing = platform->listing_api_url(text);
  if (!listing.empty() && (listing.find("/api/v1/timelines/tag/") == std::string::npos ||
                           !listing.ends_with("?limit=40") || !is_web_url(listing))) {
    std::abort();
  }
  return 0;
}
