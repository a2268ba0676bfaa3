// libFuzzer target: arbitrary bytes as webmention.io's answer to a page of mentions
// (/api/mentions.jf2), to the thread readers Webmention does not use, and as a URL for
// mentions_url and thread_of. A ParseError naming the URL is the documented answer to a body
// that is not the answer expected; any other exception, a crash, a sanitizer report, or a post,
// page or warning not built as platform.h promises (an empty or repeated id, no target, a
// reaction with words, a next page off the API) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>

#include "platforms/webmention.h"

namespace {

constexpr std::string_view kApi = "https://webmention.io";
constexpr std::string_view kTestApi = "http://127.0.0.1:8766";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

void check_warnings(const confab::PlatformThread& thread, std::string_view url) {
  for (const std::string& warning : thread.warnings) {
    if (!starts_with(warning, url)) std::abort();
  }
}

bool is_empty(const confab::PlatformThread& thread) {
  return !thread.story && thread.comments.empty() && thread.posts.empty() && thread.more.empty() &&
         thread.warnings.empty() && thread.deleted == 0 && !thread.instead;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // All of the input is the answer, so the fixtures in tests/fixtures/platforms/webmention/ seed
  // it as they are; its length picks the API and the page asked for (a full page then names the
  // next one, or stops at the last page read).
  const std::string text(reinterpret_cast<const char*>(data), size);
  const bool through_test_api = size % 2 == 1;
  const std::string api(through_test_api ? kTestApi : kApi);
  const auto platform = confab::make_webmention_platform({api, api});
  const std::string blog = "https://quill.example.org/2026/11/bring-the-love-back/";

  const std::string first = platform->mentions_url(blog);
  if (first != api +
                   "/api/mentions.jf2?target=https%3A%2F%2Fquill.example.org%2F2026%2F11%2F"
                   "bring-the-love-back%2F&per-page=100&page=0") {
    std::abort();
  }
  const std::string url = api + "/api/mentions.jf2?target=x&per-page=" +
                          std::to_string(size % 3 == 0 ? 100 : size % 7 + 1) +
                          "&page=" + std::to_string(size % 60);
  try {
    const confab::PlatformThread page =
        platform->read_mentions(confab::Document{url, "application/json", text});
    if (page.story || !page.comments.empty() || page.more.size() > 1) std::abort();
    std::unordered_set<std::string> ids;
    for (const confab::Entry& post : page.posts) {
      if (post.id.empty() || !ids.insert(post.id).second) std::abort();
      if (post.authors.size() > 1 || post.in_reply_to.size() != 1) std::abort();
      const confab::InReplyTo& target = post.in_reply_to[0];
      if (target.ref.empty() || target.ref != target.href || target.ref == post.id) std::abort();
      if (!starts_with(post.id, "http") && !starts_with(post.id, "webmention:")) std::abort();
      if (post.reaction.empty()) {
        // Words, and a link to what they mention.
        if (post.content.find("<a ") == std::string::npos) std::abort();
      } else if (post.reaction != "like" && post.reaction != "repost" &&
                 post.reaction != "bookmark") {
        std::abort();
      } else if (!post.content.empty() || !post.title.empty()) {
        std::abort();
      }
    }
    for (const std::string& more : page.more) {
      if (!starts_with(more, api + "/api/mentions.jf2?target=x&per-page=")) std::abort();
      if (more == url) std::abort();
    }
    check_warnings(page, url);
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), url)) std::abort();
  }

  // No threads: the thread readers answer nothing, whatever they are given.
  const confab::Document answer{url, "application/json", text};
  const confab::PlatformThreadRef thread{"1", blog, ""};
  if (!platform->read_lookup(answer).empty()) std::abort();
  if (!is_empty(platform->read_thread(answer, thread))) std::abort();
  if (!is_empty(platform->read_more(answer, thread))) std::abort();
  if (platform->thread_of(text) || !platform->lookup_url(text, "").empty()) std::abort();

  const std::string named = platform->mentions_url(text);
  if (!named.empty() && !starts_with(named, api + "/api/mentions.jf2?target=")) std::abort();
  return 0;
}
