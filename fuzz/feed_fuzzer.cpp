// libFuzzer target: arbitrary bytes as a fetched document, through everything parse does with
// one (sniffing, feed parsing, the inspect JSON, page parsing and link extraction). A ParseError
// is the expected answer to garbage; any other exception, crash or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "parse/feed.h"
#include "parse/html_page.h"
#include "parse/inspect_json.h"

namespace {

// The first byte picks a content type, so type-driven branches are reached too.
const char* const kContentTypes[] = {
    "",
    "application/rss+xml",
    "application/atom+xml; charset=iso-8859-1",
    "text/xml; charset=windows-1252",
    "application/feed+json",
    "text/html; charset=utf-8",
    "application/xml; charset=shift_jis",
    "text/plain",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t pick = data[0] % (sizeof kContentTypes / sizeof kContentTypes[0]);
  confab::Document document{"https://blog.example/feed/", kContentTypes[pick],
                            std::string(reinterpret_cast<const char*>(data) + 1, size - 1)};
  try {
    if (confab::looks_like_feed(document)) {
      const confab::Feed feed = confab::parse_feed(document);
      (void)confab::feed_to_inspect_json(feed);
    } else {
      const confab::HtmlPage page = confab::parse_html_page(document);
      (void)confab::main_feed_url(page);
    }
  } catch (const confab::ParseError&) {
    // Not a feed: the documented answer.
  }
  return 0;
}
