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
#include "../tests/parse/html_nesting_tokens.h"
#include "parse/html_nesting.h"
#include "token_input.h"

namespace {

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
  const std::string html = text_from_input(data, size, confab::kHtmlNestingTokens);
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
