// libFuzzer target, differential: wherever sanitize_html's fast path (sanitize_simple_html)
// answers, its answer must be byte for byte the gumbo path's. A difference aborts with both.
// Raw bytes rarely fall inside the fast path's subset, so half the inputs are read as a list of
// tokens instead: the subset's own tags, links and references, and their near misses.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "render/render.h"
#include "render/sanitize_paths.h"
#include "token_input.h"

namespace {

// The content's base URL, by the first byte's second bit: a blog's, or none (relative links are
// then refused by safe_link_url, which the fast path must follow).
constexpr const char* kBases[] = {"https://blog.example/2008/11/launch/", ""};

constexpr std::string_view kTokens[] = {
    // The subset.
    "<p>", "</p>", "<br>", "<br/>", "<br />", "<em>", "</em>", "<strong>", "</strong>", "<b>",
    "</b>", "<i>", "</i>", "x", "Word", " ", "\n", "\t", ">", "\"", "'", "&", "&amp;", "&lt;",
    "&gt;", "&quot;", "&apos;", "&nbsp;", "&copy;", "&rsquo;", "&hellip;", "&#39;", "&#8217;",
    "&#x2019;", "&#x1F600;", "\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80",
    // Links: the one form taken, with values resolved, kept, refused (unsafe, empty), and the
    // pieces of values ('"' ends one, so "<a href=\"" + tokens + "\">" builds others).
    "<a href=\"/x\">", "</a>", "<a href=\"https://ex.example/a?b=c\">",
    "<a href=\"javascript:alert(1)\">", "<a href=\"mailto:a@b.example\">", "<a href=\"\">",
    "<a href=\" /x \">", "<a href=\"//ex.example/p\">", "<a href=\"HTTP://EX.example/\">",
    "<a href=\"#top\">", "<a href=\"?q=1\">", "<a href=\"../up\">", "<a href=\"/\xC3\xA9 x\">",
    "<a href=\"/a'b<c>d\">", "<a href=\"", "\">", "/", ":", "?", "#", "=", "%20",
    "http:", "data:text/html,x", "java\tscript:",
    // Near misses.
    "<P>", "</P>", "<p >", "</br>", "<br  />", "<b/>", "<p/>", "<u>", "</u>", "<a href='/x'>",
    "<a href=/x>", "<A HREF=\"/x\">", "<a  href=\"/x\">", "<a href=\"/x\" title=\"t\">",
    "<a href=\"/x&amp;y\">", "<a>", "<a href=\"/x\"/>", "<a href=\"/x\" >", "<a href=\"/x\"",
    "<a href =\"/x\">", "<a hreflang=\"en\">", "</a >", "</A>", "<a href=\"/x\r\">", "<div>",
    "</div>", "<li>", "<pre>", "<table>", "<td>", "<script>", "<!--", "-->", "<", "&amp", "&#",
    "&#x", "&#0;", "&#13;", "&#128;", "&#xD800;", "&#xFFFE;", "&T", "&copy", "&;", "\r", "\f",
    std::string_view("\0", 1), "\x01", "\x7F", "\xC2\x80", "\xEF\xBB\xBF", "\xC3", "\xED\xA0\x80",
    "\xEF\xBF\xBE", "\xF4\x90\x80\x80"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string html = text_from_input(data, size, kTokens);
  const std::string base = kBases[(data[0] >> 1) % 2];
  const std::optional<std::string> fast = confab::sanitize_simple_html(html, base);
  const std::string full = confab::sanitize_html_with_gumbo(html, base);
  if (fast && *fast != full) {
    std::fprintf(
        stderr,
        "fast path differs from gumbo\n  base:  %s\n  input: %s\n  fast:  %s\n  gumbo: %s\n",
        base.c_str(), html.c_str(), fast->c_str(), full.c_str());
    std::abort();
  }
  if (confab::sanitize_html(html, base) != full) {
    std::fprintf(stderr, "sanitize_html differs from gumbo\n  input: %s\n", html.c_str());
    std::abort();
  }
  return 0;
}
