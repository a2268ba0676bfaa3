// libFuzzer target, differential against gumbo: the nesting cap's model (html_nesting.h) must
// never see less depth than gumbo builds, and capped text must never parse deeper than the cap.
// A violation aborts with the input. Raw bytes rarely form the tag sequences that matter, so
// half the inputs are read as a list of tokens instead: tags whose handling pushes, pops or
// reopens elements, their near misses, and the comment, raw-text and foreign-content markup
// around them.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../tests/parse/gumbo_depth.h"
#include "parse/html_nesting.h"

namespace {

constexpr std::string_view kTokens[] = {"<p>",
                                        "</p>",
                                        "<b>",
                                        "</b>",
                                        "<b id=1>",
                                        "<b id=2>",
                                        "<b id='1'>",
                                        "<b ID=1>",
                                        "<b id=&#49;>",
                                        "<i>",
                                        "</i>",
                                        "<em>",
                                        "<strong>",
                                        "</strong>",
                                        "<u>",
                                        "<s>",
                                        "<small>",
                                        "<code>",
                                        "<font color=red>",
                                        "</font>",
                                        "<nobr>",
                                        "</nobr>",
                                        "<a href=x>",
                                        "<a>",
                                        "</a>",
                                        "<div>",
                                        "</div>",
                                        "<span>",
                                        "</span>",
                                        "<x>",
                                        "</x>",
                                        "<li>",
                                        "</li>",
                                        "<ul>",
                                        "</ul>",
                                        "<dl>",
                                        "<dd>",
                                        "<dt>",
                                        "<table>",
                                        "</table>",
                                        "<tr>",
                                        "</tr>",
                                        "<td>",
                                        "</td>",
                                        "<th>",
                                        "<tbody>",
                                        "</tbody>",
                                        "<thead>",
                                        "<caption>",
                                        "</caption>",
                                        "<colgroup>",
                                        "<col>",
                                        "<select>",
                                        "</select>",
                                        "<option>",
                                        "</option>",
                                        "<optgroup>",
                                        "<svg>",
                                        "</svg>",
                                        "<math>",
                                        "</math>",
                                        "<mi>",
                                        "</mi>",
                                        "<mtext>",
                                        "<foreignObject>",
                                        "</foreignObject>",
                                        "<desc>",
                                        "<title>",
                                        "</title>",
                                        "<annotation-xml encoding=text/html>",
                                        "<annotation-xml encoding=text&#47;html>",
                                        "</annotation-xml>",
                                        "<g>",
                                        "</g>",
                                        "</g >",
                                        "<x/>",
                                        "<div/>",
                                        "<br>",
                                        "</br>",
                                        "<img>",
                                        "<hr>",
                                        "<input>",
                                        "<input type=hidden>",
                                        "<style>",
                                        "</style>",
                                        "<script>",
                                        "</script>",
                                        "<textarea>",
                                        "</textarea>",
                                        "<xmp>",
                                        "<iframe>",
                                        "<noembed>",
                                        "<noframes>",
                                        "<noscript>",
                                        "<plaintext>",
                                        "<template>",
                                        "</template>",
                                        "<form>",
                                        "</form>",
                                        "<button>",
                                        "</button>",
                                        "<object>",
                                        "</object>",
                                        "<marquee>",
                                        "<h1>",
                                        "</h1>",
                                        "<h2>",
                                        "<pre>",
                                        "<main>",
                                        "<ruby>",
                                        "<rt>",
                                        "<rp>",
                                        "<isindex>",
                                        "<frameset>",
                                        "</frameset>",
                                        "<frame>",
                                        "<head>",
                                        "</head>",
                                        "<body>",
                                        "</body>",
                                        "<html>",
                                        "</html>",
                                        "<blockquote>",
                                        "</blockquote>",
                                        "<!DOCTYPE html>",
                                        "<!doctype x>",
                                        "<!-- c -->",
                                        "<!--",
                                        "-->",
                                        "<!-->",
                                        "--!>",
                                        "<![CDATA[",
                                        "]]>",
                                        "<!>",
                                        "</>",
                                        "<?x>",
                                        "<",
                                        "</",
                                        "<!--<script>",
                                        "text",
                                        " ",
                                        "\n",
                                        "&amp;",
                                        "\"",
                                        "'",
                                        "=",
                                        "/",
                                        ">",
                                        std::string_view("\0", 1),
                                        "\r",
                                        "\xC3\xA9"};
static_assert(sizeof kTokens / sizeof kTokens[0] <= 256, "a byte must be able to pick any token");

std::string html_from(const std::uint8_t* data, std::size_t size) {
  if (data[0] % 2 == 0) return std::string(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string html;
  for (std::size_t k = 1; k < size; ++k) {
    html += kTokens[data[k] % (sizeof kTokens / sizeof kTokens[0])];
  }
  return html;
}

[[noreturn]] void fail(const char* what, std::size_t found, std::size_t bound,
                       const std::string& html) {
  std::fprintf(stderr, "%s: %zu > %zu\n  input: %s\n", what, found, bound, html.c_str());
  std::abort();
}

}  // namespace

// Gumbo 0.10.1 leaks the strings of tokens it ignores (a DOCTYPE after the first tag, in a
// document); that is gumbo's, not what this target looks for.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libgumbo.so\n";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace confab;
  if (size == 0) return 0;
  const std::string html = html_from(data, size);
  const GumboParseKind kind =
      (data[0] >> 1) % 2 == 0 ? GumboParseKind::fragment_in_div : GumboParseKind::document;
  const std::size_t cap = 1 + (data[0] >> 2) % 16;

  // The model against gumbo on the same text: without a cap only the tags that confuse gumbo
  // or the model are left out. Deep text is left to the capped check: gumbo is quadratic in
  // depth.
  const HtmlNesting whole = measure_html_nesting(html, 1'000'000, kind);
  if (whole.depth <= 2000) {
    const std::size_t depth = gumbo_tree_depth(whole.capped.value_or(html), kind);
    if (depth > whole.depth + 1) fail("gumbo deeper than the model", depth, whole.depth + 1, html);
  }

  // Capped text: gumbo within the cap (plus a leaf), also through the shortcut for short text,
  // and capping again leaves nothing more out.
  const HtmlNesting capped = measure_html_nesting(html, cap, kind);
  const std::string text = capped.capped.value_or(html);
  const std::size_t depth = gumbo_tree_depth(text, kind);
  if (depth > cap + 1) fail("capped text deeper than the cap", depth, cap + 1, html);
  const std::string shortcut = cap_html_nesting(html, cap, kind).value_or(html);
  const std::size_t shortcut_depth = gumbo_tree_depth(shortcut, kind);
  if (shortcut_depth > cap + 1) fail("shortcut deeper than the cap", shortcut_depth, cap + 1, html);
  if (measure_html_nesting(text, cap, kind).capped)
    fail("capping twice leaves more out", 1, 0, html);
  return 0;
}
