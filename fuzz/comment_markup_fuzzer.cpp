// libFuzzer target: hostile post pages through read_comment_markup, the reader of the comments a
// page shows (WordPress, Blogger, Movable Type / TypePad, microformats2). The input's first
// byte says how to read the rest, as html_fuzzer does: an input starting with '<' (a seed page
// from tests/fixtures/comments/markup/) is the page as it is; otherwise bytes 3.. are a
// fragment grown nested (its open tags nest N deep) or wide (repeated N times), up to 64 KiB,
// so that the reply nesting and the comment counts an outsider controls are tried. The first
// byte also picks the post the page belongs to (a WordPress guid, a Blogger tag: id, a TypePad
// link, nothing), which decides how ids are built. The reader must never throw, and what it
// gives must hold: an id for every comment, at most one parent, UTF-8 text.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parse/comment_markup.h"
#include "parse/encoding.h"

namespace {

constexpr std::size_t kLargest = 64 << 10;

std::string grown(std::string_view fragment, unsigned mode, std::size_t times) {
  if (fragment.empty()) return {};
  std::string html;
  times = std::min(times, kLargest / fragment.size());
  html.reserve(fragment.size() * times + 16);
  for (std::size_t i = 0; i < times; ++i) html.append(fragment);
  if (mode == 2) html.append("text after it all");
  return html;
}

confab::Entry post_for(unsigned kind) {
  confab::Entry post;
  switch (kind % 4) {
    case 0:
      post.id = "https://blog.example/?p=42";
      post.link = "https://blog.example/2008/11/post/";
      break;
    case 1:
      post.id = "tag:blogger.com,1999:blog-5550001.post-7001";
      post.link = "https://notes.blogspot.com/2008/11/post.html";
      break;
    case 2:
      post.id = "tag:typepad.com,2003:post-6a00d834";
      post.link = "http://ledger.typepad.com/blog/2008/11/post.html";
      break;
    default:
      break;  // a page read without its post: ids and links come from the page's URL
  }
  return post;
}

void require(bool holds) {
  if (!holds) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const unsigned mode = data[0] % 3;  // as is, deep, wide
  const std::size_t times = 1 + ((static_cast<std::size_t>(data[1]) << 8 | data[2]) << 4);
  const std::string html =
      data[0] == '<' || mode == 0 ? std::string(input) : grown(input.substr(3), mode, times);
  const confab::Entry post = post_for(data[0] / 3);
  // No try: a page the reader cannot make sense of gives no comments, never an exception.
  const confab::CommentMarkup markup = confab::read_comment_markup(
      {"https://blog.example/2008/11/post/", "text/html; charset=utf-8", html}, post);
  require(markup.comments.empty() == markup.platform.empty());
  for (const confab::Entry& comment : markup.comments) {
    require(!comment.id.empty());
    require(comment.in_reply_to.size() <= 1);
    require(comment.authors.size() == 1);
    require(confab::find_invalid_utf8(comment.content) == std::string_view::npos);
    require(confab::find_invalid_utf8(comment.authors.front().name) == std::string_view::npos);
  }
  return 0;
}
