// libFuzzer target: arbitrary bytes as Lemmy's answer to a lookup (/api/v3/search), to a thread
// (/api/v3/post) and to a page of comments (/api/v3/comment/list), and as a URL for thread_of.
// A ParseError naming the URL is the documented answer to a body that is not the answer
// expected; any other exception, a crash, a sanitizer report, or an entry, reference or warning
// not built as platform.h promises (an empty or repeated id, a parent not read before, a page
// off the instance) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>

#include "platforms/lemmy.h"

namespace {

constexpr std::string_view kInstance = "https://lemmy.example.org";
constexpr std::string_view kApi = "http://127.0.0.1:8536";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

void check_warnings(const confab::PlatformThread& thread, std::string_view url) {
  for (const std::string& warning : thread.warnings) {
    if (!starts_with(warning, url)) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // All of the input is each answer, so the fixtures in tests/fixtures/platforms/lemmy/ seed it
  // as they are; its length picks whether API requests go to a configured API or the instance.
  const std::string text(reinterpret_cast<const char*>(data), size);
  const bool through_api = size % 2 == 1;
  const auto platform = confab::make_lemmy_platform(
      through_api ? confab::PlatformEndpoints{std::string(kApi), std::string(kInstance)}
                  : confab::PlatformEndpoints{});
  const std::string api_base(through_api ? kApi : kInstance);
  const std::string story = std::string(kInstance) + "/post/771";
  const confab::PlatformThreadRef thread{"771", story, std::string(kInstance)};

  const std::string lookup =
      platform->lookup_url("https://quill.example.org/2026/11/bring-the-love-back/", kInstance);
  if (!starts_with(lookup, api_base + "/api/v3/search?q=")) std::abort();
  try {
    for (const confab::PlatformThreadRef& found :
         platform->read_lookup(confab::Document{lookup, "application/json", text})) {
      if (found.id.empty() || found.instance != kInstance ||
          found.url != std::string(kInstance) + "/post/" + found.id) {
        std::abort();
      }
    }
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), lookup)) std::abort();
  }

  const std::string post_url = platform->thread_api_url(thread);
  if (post_url != api_base + "/api/v3/post?id=771") std::abort();
  try {
    const confab::PlatformThread read =
        platform->read_thread(confab::Document{post_url, "application/json", text}, thread);
    if (!read.story || read.story->id != story || read.story->link != story) std::abort();
    if (read.story->authors.size() > 1 || !read.comments.empty() || read.more.size() != 1) {
      std::abort();
    }
    if (!starts_with(read.more[0], api_base + "/api/v3/comment/list?post_id=771&")) std::abort();
    check_warnings(read, post_url);
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), post_url)) std::abort();
  }

  const std::string comments_url = api_base +
                                   "/api/v3/comment/list?post_id=771&max_depth=8&limit=50&page=" +
                                   std::to_string(size % 25 + 1) + "&sort=Old&type_=All";
  try {
    const confab::PlatformThread page =
        platform->read_more(confab::Document{comments_url, "application/json", text}, thread);
    if (page.story || page.more.size() > 1) std::abort();
    std::unordered_set<std::string> read_before{story};
    for (const confab::Entry& comment : page.comments) {
      if (comment.id.empty() || comment.link != comment.id) std::abort();
      if (comment.authors.size() > 1 || comment.in_reply_to.size() != 1) std::abort();
      // Parents first: a parent is the story or a comment read before this one.
      if (!read_before.contains(comment.in_reply_to[0].ref)) std::abort();
      if (!read_before.insert(comment.id).second) std::abort();
    }
    for (const std::string& more : page.more) {
      if (!starts_with(more, api_base + "/api/v3/comment/list?post_id=771&")) std::abort();
    }
    check_warnings(page, comments_url);
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), comments_url)) std::abort();
  }

  if (const auto named = platform->thread_of(text)) {
    if (named->id.empty() || named->url != named->instance + "/post/" + named->id) std::abort();
  }
  return 0;
}
