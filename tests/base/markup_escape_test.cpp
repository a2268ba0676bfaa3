// Escaping text for element content and for quoted attribute values.
#include "base/markup_escape.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

std::string text(std::string_view in) {
  std::string out = "[";  // appended to what is there
  append_escaped_text(out, in);
  return out;
}

std::string attribute(std::string_view in) {
  std::string out = "[";
  append_escaped_attribute(out, in);
  return out;
}

TEST(MarkupEscapeTest, ContentEscapesAmpersandAndAngleBracketsOnly) {
  EXPECT_EQ(text("Tom & Jerry <b>\"hi\"</b> 'yo'"),
            "[Tom &amp; Jerry &lt;b&gt;\"hi\"&lt;/b&gt; 'yo'");
  EXPECT_EQ(text(""), "[");
  EXPECT_EQ(text("plain words, café"), "[plain words, café");
  EXPECT_EQ(text("&&"), "[&amp;&amp;");
}

TEST(MarkupEscapeTest, AttributesEscapeQuotesToo) {
  EXPECT_EQ(attribute("a\"b'c<d>&e"), "[a&quot;b&#39;c&lt;d&gt;&amp;e");
  EXPECT_EQ(attribute("<"), "[&lt;");
  EXPECT_EQ(attribute("https://x.example/?a=1&b=2"), "[https://x.example/?a=1&amp;b=2");
}

}  // namespace
}  // namespace confab
