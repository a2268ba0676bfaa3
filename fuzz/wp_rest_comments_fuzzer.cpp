// libFuzzer target: arbitrary bytes as a page of WordPress's /wp/v2/comments answer, and as the
// Link header, API root and guid the other helpers of the REST reader take. A ParseError naming
// the URL is the documented answer to a body that is no list of comments; any other exception,
// a crash, a sanitizer report, or a comment whose id, parent or warning is not built as the
// header promises is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parse/feed.h"
#include "parse/wp_rest_comments.h"

namespace {

constexpr std::string_view kUrl = "https://blog.example/wp-json/wp/v2/comments?post=42&page=1";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // All of the input is the body, so the fixtures in tests/fixtures/comments/wp-rest/ seed it as
  // they are; its length picks the post the page belongs to: a guid with its id, a guid
  // rewritten to the permalink, no link at all.
  const std::string text(reinterpret_cast<const char*>(data), size);
  confab::Entry post;
  switch (size % 3) {
    case 0:
      post.id = "https://blog.example/?p=42";
      post.link = "https://blog.example/2024/05/a-post/";
      break;
    case 1:
      post.id = post.link = "https://blog.example/2024/05/a-post/";
      break;
    default:
      post.id = "https://blog.example/?p=42";
      break;
  }
  try {
    const confab::WpRestComments page = confab::read_wp_rest_comments(
        confab::Document{std::string(kUrl), "application/json", text}, post);
    const std::string prefix = post.id + "#comment-";
    for (const confab::Entry& comment : page.comments) {
      if (!starts_with(comment.id, prefix) || comment.id.size() == prefix.size()) std::abort();
      if (comment.authors.size() > 1 || comment.in_reply_to.size() > 1) std::abort();
      for (const confab::InReplyTo& parent : comment.in_reply_to) {
        if (!starts_with(parent.ref, prefix) || parent.ref == comment.id) std::abort();
      }
    }
    for (const std::string& warning : page.warnings) {
      if (!starts_with(warning, kUrl)) std::abort();
    }
  } catch (const confab::ParseError& error) {
    if (!starts_with(error.what(), kUrl)) std::abort();
  }

  (void)confab::wp_api_root_from_link_header(text);
  (void)confab::wordpress_post_id(text);
  const std::string url = confab::wp_rest_comments_url(text, "42", static_cast<int>(size % 5) - 1);
  if (!url.empty() && url.find("post=42&per_page=100&page=") == std::string::npos) std::abort();
  (void)confab::wp_rest_comments_url("https://blog.example/wp-json/", text, 1);
  return 0;
}
