// libFuzzer target: hostile HTML, deep and wide, through every reader of third-party HTML — the
// sanitizer (both paths), the page reader (feeds, links, title), the text and excerpt readers
// and the one-pass scanner threading reads comments with. The input's
// first bytes say how to grow it: as it is, nested (the fragment repeated N times, so its open
// tags nest N deep), or wide (its closed form repeated N times), up to 64 KiB, so that
// depth and breadth an outsider controls are tried, not just short documents. Each call must
// finish: libFuzzer's -timeout catches a parse that goes quadratic.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "conversation/html_scan.h"
#include "parse/feed.h"
#include "parse/html_page.h"
#include "parse/html_text.h"
#include "render/html_excerpt.h"
#include "render/render.h"

namespace {

constexpr std::size_t kLargest = 64 << 10;  // 64 KiB grown: 10,000s of levels, and quick

std::string grown(std::string_view fragment, unsigned mode, std::size_t times) {
  if (fragment.empty() || mode == 0) return std::string(fragment);
  std::string html;
  times = std::min(times, kLargest / fragment.size());
  html.reserve(fragment.size() * times + 16);
  for (std::size_t i = 0; i < times; ++i) html.append(fragment);
  if (mode == 2) html.append("text after it all");
  return html;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const unsigned mode = data[0] % 3;  // as is, deep, wide
  const std::size_t times = 1 + ((static_cast<std::size_t>(data[1]) << 8 | data[2]) << 4);
  const std::string html =
      grown(std::string_view(reinterpret_cast<const char*>(data) + 3, size - 3), mode, times);
  (void)confab::sanitize_html(html, "https://blog.example/2008/11/post/");
  (void)confab::sanitize_html(html, "");
  (void)confab::scan_html(html, "https://blog.example/2008/11/post/");
  (void)confab::html_to_text(html);
  (void)confab::html_excerpt(html, 280);
  try {
    const confab::HtmlPage page =
        confab::parse_html_page({"https://blog.example/", "text/html; charset=utf-8", html});
    (void)confab::main_feed_url(page);
  } catch (const confab::ParseError&) {
    // A page that is not one: the documented answer.
  }
  return 0;
}
