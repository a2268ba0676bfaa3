// libFuzzer target: arbitrary bytes as Bluesky's answer to a handle resolution
// (com.atproto.identity.resolveHandle), to a thread (app.bsky.feed.getPostThread) and to a page
// of an author feed (app.bsky.feed.getAuthorFeed), and as a URL for thread_of and
// listing_api_url. A ParseError naming the URL is the documented answer to a body that is not the
// answer expected; any other exception, a crash, a sanitizer report, or an entry, reference or
// warning not built as platform.h promises (an empty or repeated id, a parent not read before, a
// page off the site, a thread read `instead` that names itself) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "platforms/bluesky.h"

namespace {

constexpr std::string_view kApi = "http://127.0.0.1:8770";
constexpr std::string_view kSite = "https://bsky.app";
constexpr std::string_view kStoryUri =
    "at://did:plc:lntfshq7zkw2vbm3xeo5rydc/app.bsky.feed.post/3m6a2lovebk2c";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

void check_warnings(const std::vector<std::string>& warnings, std::string_view url) {
  for (const std::string& warning : warnings) {
    if (!starts_with(warning, url)) std::abort();
  }
}

void check_ref(const confab::PlatformThreadRef& ref) {
  if (!starts_with(ref.id, "at://") || !starts_with(ref.url, std::string(kSite) + "/profile/") ||
      !ref.instance.empty()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // All of the input is each answer, so the fixtures in tests/fixtures/platforms/bluesky/ seed it
  // as they are; its length picks whether API requests go to the public AppView or a local one.
  const std::string text(reinterpret_cast<const char*>(data), size);
  const bool local = size % 2 == 1;
  const auto platform = confab::make_bluesky_platform(
      local ? confab::PlatformEndpoints{std::string(kApi), ""} : confab::PlatformEndpoints{});
  const std::string api(local ? kApi : "https://public.api.bsky.app");
  const std::string profile = std::string(kSite) + "/profile/";

  // By DID: the thread itself.
  const confab::PlatformThreadRef by_did{
      std::string(kStoryUri), profile + "lanternfish.bsky.social/post/3m6a2lovebk2c", ""};
  const std::string thread_url = platform->thread_api_url(by_did);
  if (!starts_with(thread_url, api + "/xrpc/app.bsky.feed.getPostThread?uri=at%3A%2F%2F")) {
    std::abort();
  }
  try {
    const confab::PlatformThread read =
        platform->read_thread(confab::Document{thread_url, "application/json", text}, by_did);
    if (!read.more.empty() || !read.posts.empty()) std::abort();
    if (read.instead) {
      check_ref(*read.instead);
      if (read.story || !read.comments.empty() || read.instead->id == kStoryUri) std::abort();
    } else {
      if (!read.story || !starts_with(read.story->id, profile) ||
          read.story->link != read.story->id || read.story->authors.size() != 1) {
        std::abort();
      }
      std::unordered_set<std::string> read_before{read.story->id};
      for (const confab::Entry& comment : read.comments) {
        if (!starts_with(comment.id, profile) || comment.link != comment.id) std::abort();
        if (comment.authors.size() != 1 || comment.in_reply_to.size() != 1) std::abort();
        // Parents first: a parent is the story or a reply read before this one.
        if (!read_before.contains(comment.in_reply_to[0].ref)) std::abort();
        if (!read_before.insert(comment.id).second) std::abort();
      }
    }
    check_warnings(read.warnings, thread_url);
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), thread_url)) std::abort();
  }

  // By handle: its resolution.
  const confab::PlatformThreadRef by_handle{
      "at://lanternfish.bsky.social/app.bsky.feed.post/3m6a2lovebk2c", by_did.url, ""};
  const std::string resolve_url = platform->thread_api_url(by_handle);
  if (resolve_url !=
      api + "/xrpc/com.atproto.identity.resolveHandle?handle=lanternfish.bsky.social") {
    std::abort();
  }
  try {
    const confab::PlatformThread read =
        platform->read_thread(confab::Document{resolve_url, "application/json", text}, by_handle);
    if (read.story || !read.comments.empty() || !read.instead) std::abort();
    check_ref(*read.instead);
    if (!starts_with(read.instead->id, "at://did:") || read.instead->url != by_did.url)
      std::abort();
    check_warnings(read.warnings, resolve_url);
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), resolve_url)) std::abort();
  }

  const confab::PlatformThread more =
      platform->read_more(confab::Document{thread_url, "application/json", text}, by_did);
  if (more.story || !more.comments.empty() || !more.more.empty()) std::abort();

  // A page of an author feed.
  const std::string feed_url = platform->listing_api_url(profile + "quill.example.org");
  if (!starts_with(feed_url, api + "/xrpc/app.bsky.feed.getAuthorFeed?actor=quill.example.org&")) {
    std::abort();
  }
  const std::string page_url = feed_url + (size % 3 == 0 ? "&cursor=2026-11-02" : "");
  try {
    const confab::PlatformListing listing =
        platform->read_listing(confab::Document{page_url, "application/json", text});
    std::unordered_set<std::string> ids;
    for (const confab::PlatformThreadRef& thread : listing.threads) {
      check_ref(thread);
      if (!ids.insert(thread.id).second) std::abort();
    }
    if (!listing.next.empty() &&
        (!starts_with(listing.next, feed_url + "&cursor=") || listing.next == page_url)) {
      std::abort();
    }
    check_warnings(listing.warnings, page_url);
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), page_url)) std::abort();
  }

  if (!platform->read_lookup(confab::Document{"", "application/json", text}).empty()) std::abort();
  if (const auto named = platform->thread_of(text)) {
    if (!starts_with(named->id, "at://")) std::abort();
    check_ref(*named);
  }
  const std::string listing = platform->listing_api_url(text);
  if (!listing.empty() && !starts_with(listing, api + "/xrpc/app.bsky.feed.getAuthorFeed?actor=")) {
    std::abort();
  }
  return 0;
}
