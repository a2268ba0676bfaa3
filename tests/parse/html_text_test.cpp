// The visible text of HTML, as summaries, titles and keyword matching read it.
#include <gtest/gtest.h>

#include "parse/html_text.h"

namespace confab {
namespace {

TEST(HtmlText, BlocksSeparateWordsInlineElementsDoNot) {
  EXPECT_EQ(html_to_text("<p>one</p><p>two</p>"), "one two");
  EXPECT_EQ(html_to_text("a<br>b"), "a b");
  EXPECT_EQ(html_to_text("<b>wh</b>ole <em>word</em>, <a href=\"/x\">link</a>."),
            "whole word, link.");
  EXPECT_EQ(html_to_text("<li>x</li><li>y</li>"), "x y");
}

TEST(HtmlText, EntitiesScriptsAndWhiteSpace) {
  EXPECT_EQ(html_to_text("  Caf&eacute; &amp;\n\t co <script>alert(1)</script><style>p{}</style>"),
            "Café & co");
  EXPECT_EQ(html_to_text(""), "");
  EXPECT_EQ(html_to_text("1 < 2"), "1 < 2");
}

}  // namespace
}  // namespace confab
