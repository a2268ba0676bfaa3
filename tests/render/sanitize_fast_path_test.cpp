// The fast path of sanitize_html against the gumbo path: wherever the fast path answers, its answer
// must be the gumbo path's byte for byte; near misses must be refused so that gumbo decides.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "render/render.h"
#include "render/sanitize_paths.h"

namespace confab {
namespace {

using namespace std::string_literals;

constexpr const char* kBase = "https://blog.example/2008/11/launch/";

/// The fast path's answer, checked against the gumbo path's when there is one.
std::optional<std::string> checked_fast_path(const std::string& html) {
  std::optional<std::string> fast = sanitize_simple_html(html);
  if (fast) {
    EXPECT_EQ(*fast, sanitize_html_with_gumbo(html, kBase)) << "input: " << html;
  }
  return fast;
}

TEST(SanitizeFastPathTest, TakesSimpleCommentsAndMatchesGumbo) {
  const std::vector<std::string> inputs = {
      "",
      "Great film, thanks!",
      "<p>Great film, thanks!</p>",
      "Text<br />more text",
      "Text<br/>more<br>text",
      "<p>I agree, <strong>here is why</strong>: it talks to people.</p>",
      "<p>One</p><p>Two</p>\n<p>Three</p>\n",
      "<p><em>a</em> <strong>b</strong> <b>c</b> <i>d</i></p>",
      "<b><i><em><strong>all four</strong></em></i></b>",
      "<p><b>bold <i>both</i></b> and <br> after</p>",
      "<b>x</b><b>y</b><i></i><p></p>",
      "<em>top-level formatting</em> then <p>a paragraph</p>",
      "  leading and trailing white space\t\n",
      "\n\n<p>\nnew lines\n</p>\n\n",
      "a > b, \"quoted\" and 'single'",
      "Tom & Jerry, a && b, &\tx, &\ny, a&<br>b, trailing &",
      "&amp; &lt;script&gt; &quot;q&quot; &apos;a&apos; x&nbsp;y &copy; 2008",
      "&ndash; &mdash; &lsquo;s&rsquo; &ldquo;d&rdquo; wait&hellip;",
      "it&#39;s &#039;quoted&#039; &#8217;curly&#8217; &#x2019; &#X2019; &#xe9; &#60;b&#62; &#38;",
      "&#9;tab &#10;newline &#32; &#126; &#160; &#x1F600;",
      "caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x94 \xE2\x9C\x93 \xF0\x9F\x98\x80 "
      "\xE4\xB8\xAD\xE6\x96\x87",
      "\xC2\xA0\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xB7\x8F\xEF\xB7\xB0\xEF\xBF\xBD",
      "\xF0\x90\x80\x80\xF4\x8F\xBF\xBD",
      "]]> --> <br> ?> =\"x\" `backtick`",
      "<p>I agree, <strong>here is why</strong>: it &amp; that.</p><p>Second <em>para</em>.</p>",
  };
  for (const std::string& input : inputs) {
    EXPECT_TRUE(checked_fast_path(input).has_value()) << "refused: " << input;
  }
}

TEST(SanitizeFastPathTest, WritesWhatTheSanitizerWrites) {
  EXPECT_EQ(sanitize_simple_html("Text<br />more text"), "Text<br>more text");
  EXPECT_EQ(sanitize_simple_html("a > b & c"), "a &gt; b &amp; c");
  EXPECT_EQ(sanitize_simple_html("&lt;b&gt; &quot;x&quot; &#39;"), "&lt;b&gt; \"x\" '");
  EXPECT_EQ(sanitize_simple_html("a&nbsp;b"), "a\xC2\xA0"s + "b");
  EXPECT_EQ(sanitize_simple_html("<p>Great film, thanks!</p>"), "<p>Great film, thanks!</p>");
}

TEST(SanitizeFastPathTest, RefusesNearMisses) {
  const std::vector<std::string> inputs = {
      // Tags written otherwise, or other tags.
      "<P>Hi</P>",
      "<p >x</p>",
      "<p class=\"x\">x</p>",
      "<p>x</p >",
      "<p>x</p\n>",
      "<B>x</B>",
      "<b>x</B>",
      "<br  />",
      "<br/ >",
      "<br//>",
      "</br>",
      "<p/>",
      "<i/>x",
      "<em/>",
      "< p>x",
      "<",
      "a < b",
      "a <3 b",
      "<u>x</u>",
      "<a href=\"https://example.com/\">x</a>",
      "<script>alert(1)</script>",
      "<!-- comment -->",
      "<!DOCTYPE html>",
      "<?php ?>",
      "<![CDATA[x]]>",
      "<strong >x</strong>",
      "<strongx>",
      "<pre>x</pre>",
      "<iframe>",
      // Nesting the parser would change.
      "<p><p>a</p></p>",
      "<p>a<p>b</p>",
      "<b><p>x</p></b>",
      "<em><p>x</p></em>",
      "<b><i>x</b></i>",
      "<b><b>x</b></b>",
      "<i><b><i>x</i></b></i>",
      "<p>unclosed",
      "<b>unclosed",
      "<p><b>x</p>",
      "</p>",
      "</b>",
      "x</i>",
      "<p>a</p></p>",
      // Text the parser does not keep as it is.
      "a\rb",
      "a\r\nb",
      "a\0b"s,
      "a\x01"
      "b",
      "a\x0B"
      "b",
      "a\x0C"
      "b",
      "a\x1F"
      "b",
      "a\x7F"
      "b",
      "\xC2\x80",
      "\xC2\x9F",
      "\xEF\xBB\xBF"
      "bom",
      "\xC3",
      "\xC3("
      "x",
      "\x80",
      "\xBF",
      "\xC0\xAF",
      "\xC1\xBF",
      "\xE0\x80\xAF",
      "\xE0\x9F\xBF",
      "\xED\xA0\x80",
      "\xED\xBF\xBF",
      "\xF0\x80\x80\x80",
      "\xF0\x8F\xBF\xBF",
      "\xF4\x90\x80\x80",
      "\xF5\x80\x80\x80",
      "\xFF",
      "\xEF\xBF\xBE",
      "\xEF\xBF\xBF",
      "\xEF\xB7\x90",
      "\xEF\xB7\xAF",
      "\xF0\x9F\xBF\xBE",
      "\xF4\x8F\xBF\xBF",
      "\xE2\x80",
      "\xF0\x9F\x98",
      // References outside the exact subset.
      "AT&T",
      "&amp",
      "&amp x",
      "&AMP;",
      "&nbsp",
      "&copy",
      "&unknown;",
      "&eacute;",
      "&notin;",
      "&#39",
      "&#39 x",
      "&#;",
      "&#x;",
      "&#xg;",
      "&#",
      "&#x",
      "&#0;",
      "&#1;",
      "&#8;",
      "&#11;",
      "&#12;",
      "&#13;",
      "&#31;",
      "&#127;",
      "&#128;",
      "&#146;",
      "&#159;",
      "&#xD800;",
      "&#xDFFF;",
      "&#xFDD0;",
      "&#xFEFF;",
      "&#xFFFE;",
      "&#x1FFFF;",
      "&#x10FFFF;",
      "&#x110000;",
      "&#12345678;",
      "&#00000039;",
      "&#x0000041;x&#x00000041;",
      "&\f",
      "&=",
      "&;",
  };
  for (const std::string& input : inputs) {
    EXPECT_FALSE(sanitize_simple_html(input).has_value()) << "taken: " << input;
    EXPECT_EQ(sanitize_html(input, kBase), sanitize_html_with_gumbo(input, kBase));
  }
}

// Short sequences of tokens, all of them: the nesting rules meet every pairing of tags, text,
// references and white space at least once.
const std::vector<std::string> kTokens = {"<p>",      "</p>",      "<br>",    "<br />",  "<b>",
                                          "</b>",     "<i>",       "</i>",    "<em>",    "</em>",
                                          "<strong>", "</strong>", "x",       " ",       "\n",
                                          "&",        "&amp;",     "&#8217;", "\xC3\xA9"};

void enumerate(std::string& html, int tokens_left, int& taken) {
  if (checked_fast_path(html)) ++taken;
  if (tokens_left == 0) return;
  for (const std::string& token : kTokens) {
    const std::size_t size = html.size();
    html += token;
    enumerate(html, tokens_left - 1, taken);
    html.resize(size);
  }
}

TEST(SanitizeFastPathTest, AgreesWithGumboOnEveryShortTokenSequence) {
  std::string html;
  int taken = 0;
  enumerate(html, 5, taken);
  EXPECT_GT(taken, 90000);  // the enumeration does reach the fast path
}

// Longer random mixes, with tokens the fast path refuses, at a fixed seed.
TEST(SanitizeFastPathTest, AgreesWithGumboOnRandomMixes) {
  std::vector<std::string> tokens = kTokens;
  for (const char* extra : {"<P>",
                            "</br>",
                            "<u>",
                            "</u>",
                            "<a href=\"/x\">",
                            "</a>",
                            "<div>",
                            "</div>",
                            "<li>",
                            "<br/>",
                            "&nbsp;",
                            "&lt;",
                            "&gt;",
                            "&quot;",
                            "&#39;",
                            "&#x41;",
                            "&#0;",
                            "&copy",
                            "&T",
                            "\r",
                            "\t",
                            "'",
                            "\"",
                            ">",
                            "<",
                            "\xC2\xA0",
                            "\xF0\x9F\x98\x80",
                            "\xC3",
                            "<!--",
                            "-->",
                            "<p><p>"}) {
    tokens.push_back(extra);
  }
  std::mt19937 random(20261125);
  std::uniform_int_distribution<std::size_t> pick(0, tokens.size() - 1);
  std::uniform_int_distribution<int> length(1, 16);
  int taken = 0;
  for (int sample = 0; sample < 100000; ++sample) {
    std::string html;
    for (int k = length(random); k > 0; --k) html += tokens[pick(random)];
    if (checked_fast_path(html)) ++taken;
  }
  EXPECT_GT(taken, 500);
}

// Every single- and two-byte input: the control and UTF-8 rules at the byte level.
TEST(SanitizeFastPathTest, AgreesWithGumboOnEveryTwoByteInput) {
  for (int first = 0; first < 256; ++first) {
    checked_fast_path(std::string(1, static_cast<char>(first)));
    for (int second = 0; second < 256; ++second) {
      checked_fast_path(std::string{static_cast<char>(first), static_cast<char>(second)});
    }
  }
}

// Every numeric reference up to U+FFFF and across the planes' edges, decimal and hex.
TEST(SanitizeFastPathTest, AgreesWithGumboOnNumericReferences) {
  std::vector<char32_t> values;
  for (char32_t c = 0; c <= 0xFFFF; ++c) values.push_back(c);
  for (char32_t plane = 1; plane <= 0x11; ++plane) {
    for (char32_t low : {0x0000u, 0x0001u, 0xFFFDu, 0xFFFEu, 0xFFFFu}) {
      values.push_back((plane << 16) | low);
    }
  }
  int taken = 0;
  for (const char32_t c : values) {
    if (checked_fast_path("&#" + std::to_string(c) + ";")) ++taken;
    char hex[16];
    std::snprintf(hex, sizeof hex, "&#x%X;", static_cast<unsigned>(c));
    if (checked_fast_path(hex)) ++taken;
  }
  EXPECT_GT(taken, 100000);
}

}  // namespace
}  // namespace confab
