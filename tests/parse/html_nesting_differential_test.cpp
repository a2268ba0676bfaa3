// The nesting cap against gumbo itself: many generated inputs, each parsed by gumbo as it is
// and as capped, with the tree's depth measured. Two properties are checked: the model behind
// the cap never sees less depth than gumbo builds (beyond the one level of a leaf), and capped
// text never parses deeper than the cap allows.
#include "parse/html_nesting.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "gumbo_depth.h"
#include "html_nesting_tokens.h"

namespace confab {
namespace {

std::string generated(std::mt19937& random, std::size_t max_tokens) {
  const std::size_t count = 1 + random() % max_tokens;
  std::string html;
  for (std::size_t i = 0; i < count; ++i) {
    html += kHtmlNestingTokens[random() % kHtmlNestingTokenCount];
  }
  return html;
}

void check(GumboParseKind kind, std::uint32_t seed, int cases) {
  std::mt19937 random(seed);
  for (int i = 0; i < cases; ++i) {
    const std::string html = generated(random, 120);
    // The model against gumbo on the same text: without a cap only the tags that confuse
    // gumbo or the model are left out.
    const HtmlNesting whole = measure_html_nesting(html, 1'000'000, kind);
    ASSERT_LE(gumbo_tree_depth(whole.capped.value_or(html), kind), whole.depth + 1) << html;
    const std::size_t cap = 1 + random() % 12;
    const HtmlNesting capped = measure_html_nesting(html, cap, kind);
    ASSERT_LE(capped.depth, cap + 1) << html;
    ASSERT_LE(gumbo_tree_depth(capped.capped.value_or(html), kind), cap + 1)
        << "cap " << cap << ": " << html;
    const std::string shortcut = cap_html_nesting(html, cap, kind).value_or(html);
    ASSERT_LE(gumbo_tree_depth(shortcut, kind), cap + 1) << "cap " << cap << ": " << html;
  }
}

TEST(CapHtmlNestingAgainstGumbo, Fragments) {
  check(GumboParseKind::fragment_in_div, 20240601, 6000);
}

TEST(CapHtmlNestingAgainstGumbo, Documents) {
  check(GumboParseKind::document, 20240602, 6000);
}

}  // namespace
}  // namespace confab
