// The fast path of sanitize_html against the gumbo path: wherever the fast path answers, its answer
// must be the gumbo path's byte for byte; near misses must be refused so that gumbo decides.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "render/render.h"
#include "render/sanitize_paths.h"

namespace confab {
namespace {

using namespace std::string_literals;

constexpr const char* kBase = "https://blog.example/2008/11/launch/";

/// The fast path's answer, checked against the gumbo path's when there is one.
std::optional<std::string> checked_fast_path(const std::string& html,
                                             const std::string& base = kBase) {
  std::optional<std::string> fast = sanitize_simple_html(html, base);
  if (fast) {
    EXPECT_EQ(*fast, sanitize_html_with_gumbo(html, base)) << "input: " << html;
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
  EXPECT_EQ(sanitize_simple_html("Text<br />more text", kBase), "Text<br>more text");
  EXPECT_EQ(sanitize_simple_html("a > b & c", kBase), "a &gt; b &amp; c");
  EXPECT_EQ(sanitize_simple_html("&lt;b&gt; &quot;x&quot; &#39;", kBase), "&lt;b&gt; \"x\" '");
  EXPECT_EQ(sanitize_simple_html("a&nbsp;b", kBase), "a\xC2\xA0"s + "b");
  EXPECT_EQ(sanitize_simple_html("<p>Great film, thanks!</p>", kBase),
            "<p>Great film, thanks!</p>");
}

constexpr const char* kRel = " rel=\"nofollow ugc noopener noreferrer\"";

TEST(SanitizeFastPathTest, TakesSimpleLinksAndMatchesGumbo) {
  const std::vector<std::string> inputs = {
      "<a href=\"https://example.com/\">x</a>",
      "<p>See also <a href=\"https://example.org/post/12\">my post</a> about the ad.</p>",
      "<a href=\"/x\">relative</a>",
      "<a href=\"x\">sibling</a> <a href=\"../up\">up</a> <a href=\"?q=1\">query</a>",
      "<a href=\"#top\">fragment</a>",
      "<a href=\"//ex.example/p\">protocol-relative</a>",
      "<a href=\"https://ex.example/a?b=c\">query</a>",
      "<a href=\"HTTP://EX.example/Path\">upper-case scheme</a>",
      "<a href=\"mailto:a@b.example\">mail</a>",
      "<a href=\" /x \">spaces around</a>",
      "<a href=\"/a b\">space inside</a>",
      "<a href=\"/x\ty\nz\">tab and newline inside</a>",
      "<a href=\"/a'b<c>d\">quote and angle brackets</a>",
      "<a href=\"/caf\xC3\xA9/\xF0\x9F\x98\x80\">non-ASCII</a>",
      "<a href=\"/x\"></a>",
      "<a href=\"/x\"><b>bold <i>link</i></b></a>",
      "<b><i><em><strong><a href=\"/x\">all five</a></strong></em></i></b>",
      "<p><a href=\"/x\">a</a><a href=\"/y\">b</a></p><p><a href=\"/z\">c</a></p>",
      "<a href=\"/x\">line<br>break<br />here</a>",
      "<a href=\"/x\">Tom &amp; Jerry &#8217; &mdash; a & b</a>",
      "<a href=\"/x\">top-level</a> then <p>a paragraph</p>",
  };
  for (const std::string& input : inputs) {
    EXPECT_TRUE(checked_fast_path(input).has_value()) << "refused: " << input;
  }
  // Without a base, absolute links are still taken.
  EXPECT_TRUE(checked_fast_path("<a href=\"https://example.com/\">x</a>", "").has_value());
  EXPECT_TRUE(checked_fast_path("<a href=\"mailto:a@b.example\">x</a>", "").has_value());
}

TEST(SanitizeFastPathTest, WritesLinksAsTheSanitizerWritesThem) {
  EXPECT_EQ(sanitize_simple_html("<p>See <a href=\"/film\">the film</a>.</p>", kBase),
            "<p>See <a href=\"https://blog.example/film\""s + kRel + ">the film</a>.</p>");
  EXPECT_EQ(sanitize_simple_html("<a href=\"comments\">here</a>", kBase),
            "<a href=\"https://blog.example/2008/11/launch/comments\""s + kRel + ">here</a>");
  EXPECT_EQ(sanitize_simple_html("<a href=\"https://ex.example/a?b=c\">x</a>", kBase),
            "<a href=\"https://ex.example/a?b=c\""s + kRel + ">x</a>");
  EXPECT_EQ(sanitize_simple_html("<a href=\"mailto:a@b.example\">mail</a>", kBase),
            "<a href=\"mailto:a@b.example\">mail</a>");  // not a web page: no rel
  EXPECT_EQ(sanitize_simple_html("<a href=\"/a'b\">x</a>", kBase),
            "<a href=\"https://blog.example/a&#39;b\""s + kRel + ">x</a>");
}

TEST(SanitizeFastPathTest, LeavesUnsafeLinksToGumbo) {
  // The gumbo path unwraps these to their text; the fast path refuses rather than doing it too.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"<a href=\"javascript:alert(1)\">x</a>", kBase},
      {"<a href=\"JavaScript:alert(1)\">x</a>", kBase},
      {"<a href=\"java\tscript:alert(1)\">x</a>", kBase},
      {"<a href=\" javascript:alert(1)\">x</a>", kBase},
      {"<a href=\"data:text/html,x\">x</a>", kBase},
      {"<a href=\"vbscript:x\">x</a>", kBase},
      {"<a href=\"ftp://ex.example/\">x</a>", kBase},
      {"<a href=\"\">x</a>", kBase},
      {"<a href=\"   \">x</a>", kBase},
      {"<a href=\"/x\">relative, no base</a>", ""},
      {"<a href=\"x\">relative, no base</a>", ""},
  };
  for (const auto& [input, base] : cases) {
    EXPECT_FALSE(sanitize_simple_html(input, base).has_value()) << "taken: " << input;
    EXPECT_EQ(sanitize_html(input, base), sanitize_html_with_gumbo(input, base));
  }
  EXPECT_EQ(sanitize_html("<p><a href=\"javascript:alert(1)\">x</a></p>", kBase), "<p>x</p>");
}

TEST(SanitizeFastPathTest, RefusesLinkNearMisses) {
  const std::vector<std::string> inputs = {
      // Written otherwise than <a href="VALUE">.
      "<a href='/x'>x</a>",
      "<a href=/x>x</a>",
      "<A HREF=\"/x\">x</A>",
      "<A href=\"/x\">x</a>",
      "<a HREF=\"/x\">x</a>",
      "<a  href=\"/x\">x</a>",
      "<a\thref=\"/x\">x</a>",
      "<a href =\"/x\">x</a>",
      "<a href= \"/x\">x</a>",
      "<a href=\"/x\" >x</a>",
      "<a href=\"/x\"/>x</a>",
      "<a href=\"/x\"/>",
      "<a href=\"/x\" title=\"t\">x</a>",
      "<a href=\"/x\"title=\"t\">x</a>",
      "<a title=\"t\" href=\"/x\">x</a>",
      "<a href=\"/x\" href=\"/y\">x</a>",
      "<a hreflang=\"en\">x</a>",
      "<a>x</a>",
      "<a >x</a>",
      "<a/>x",
      "<a href>x</a>",
      "<a href=\"/x\">x</A>",
      "<a href=\"/x\">x</a >",
      "<a href=\"/x\">x</a\n>",
      "<abbr>x</abbr>",
      "<address>x</address>",
      // Values the parser does not keep as they are, or that never end.
      "<a href=\"/x&amp;y\">x</a>",
      "<a href=\"/x&y\">x</a>",
      "<a href=\"/x&\">x</a>",
      "<a href=\"/x&#38;y\">x</a>",
      "<a href=\"/x\ry\">x</a>",
      "<a href=\"/x\r\ny\">x</a>",
      "<a href=\"/x\0y\">x</a>"s,
      "<a href=\"/x\x01y\">x</a>",
      "<a href=\"/x\x0Cy\">x</a>",
      "<a href=\"/x\x7Fy\">x</a>",
      "<a href=\"/x\xC2\x80y\">x</a>",
      "<a href=\"/x\xC3y\">x</a>",
      "<a href=\"/x\xEF\xBB\xBFy\">x</a>",
      "<a href=\"/x\xEF\xBF\xBEy\">x</a>",
      "<a href=\"/x\xED\xA0\x80y\">x</a>",
      "<a href=\"/x",
      "<a href=\"/x\"",
      "<a href=\"",
      "<a href=\"/x\">",
      // Nesting the parser would change.
      "<a href=\"/x\"><a href=\"/y\">x</a></a>",
      "<a href=\"/x\">x<a href=\"/y\">y</a>",
      "<a href=\"/x\"><b><a href=\"/y\">y</a></b></a>",
      "<a href=\"/x\"><p>x</p></a>",
      "<a href=\"/x\">x<p>y</p>",
      "<p><a href=\"/x\">x</p></a>",
      "<a href=\"/x\"><b>x</a></b>",
      "<b><a href=\"/x\">x</b></a>",
      "<a href=\"/x\">unclosed",
      "</a>",
      "x</a>",
      "<p>x</a></p>",
  };
  for (const std::string& input : inputs) {
    EXPECT_FALSE(sanitize_simple_html(input, kBase).has_value()) << "taken: " << input;
    EXPECT_EQ(sanitize_html(input, kBase), sanitize_html_with_gumbo(input, kBase));
  }
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
    EXPECT_FALSE(sanitize_simple_html(input, kBase).has_value()) << "taken: " << input;
    EXPECT_EQ(sanitize_html(input, kBase), sanitize_html_with_gumbo(input, kBase));
  }
}

// Short sequences of tokens, all of them: the nesting rules meet every pairing of tags, text,
// references and white space at least once.
const std::vector<std::string> kTokens = {"<p>",      "</p>",      "<br>",    "<br />",  "<b>",
                                          "</b>",     "<i>",       "</i>",    "<em>",    "</em>",
                                          "<strong>", "</strong>", "x",       " ",       "\n",
                                          "&",        "&amp;",     "&#8217;", "\xC3\xA9"};

void enumerate(std::string& html, int tokens_left, int& taken,
               const std::vector<std::string>& tokens, const std::string& base = kBase) {
  if (checked_fast_path(html, base)) ++taken;
  if (tokens_left == 0) return;
  for (const std::string& token : tokens) {
    const std::size_t size = html.size();
    html += token;
    enumerate(html, tokens_left - 1, taken, tokens, base);
    html.resize(size);
  }
}

TEST(SanitizeFastPathTest, AgreesWithGumboOnEveryShortTokenSequence) {
  std::string html;
  int taken = 0;
  enumerate(html, 5, taken, kTokens);
  EXPECT_GT(taken, 90000);  // the enumeration does reach the fast path
}

// The same with links: link tokens and their near misses (kLinks, also mixed in below) among the
// tags that meet them most (p and one formatting element), text, and the pieces a value can be
// made of ('"' ends a value, so `<a href="` followed by tokens and `">` builds other values).
const std::vector<std::string> kLinks = {
    "<a href=\"/x\">",
    "<a href=\"https://ex.example/a?b=c\">",
    "<a href=\"javascript:alert(1)\">",
    "<a href=\"mailto:a@b.example\">",
    "<a href=\"\">",
    "<a href=\" /x \">",
    "</a>",
    "<a href='/x'>",
    "<a href=/x>",
    "<A HREF=\"/x\">",
    "<a  href=\"/x\">",
    "<a href=\"/x\" title=\"t\">",
    "<a href=\"/x&amp;y\">",
    "<a>",
    "<a href=\"/x\"/>",
    "<a href=\"",
    "\">",
};
const std::vector<std::string> kLinkTokens = [] {
  std::vector<std::string> tokens = kLinks;
  for (const char* other :
       {"<p>", "</p>", "<b>", "</b>", "<br>", "x", " ", "\n", "&amp;", "\xC3\xA9"}) {
    tokens.push_back(other);
  }
  return tokens;
}();

TEST(SanitizeFastPathTest, AgreesWithGumboOnEveryShortLinkTokenSequence) {
  std::string html;
  int taken = 0;
  enumerate(html, 5, taken, kLinkTokens);
  EXPECT_GT(taken, 40000);
  // With no base, relative links are refused and absolute ones taken.
  int taken_without_base = 0;
  enumerate(html, 4, taken_without_base, kLinkTokens, "");
  EXPECT_GT(taken_without_base, 3500);
}

// Longer random mixes, with tokens the fast path refuses, at a fixed seed.
TEST(SanitizeFastPathTest, AgreesWithGumboOnRandomMixes) {
  std::vector<std::string> tokens = kTokens;
  tokens.insert(tokens.end(), kLinks.begin(), kLinks.end());
  for (const char* extra : {"<P>",    "</br>",  "<u>",   "</u>",     "<div>",
                            "</div>", "<li>",   "<br/>", "&nbsp;",   "&lt;",
                            "&gt;",   "&quot;", "&#39;", "&#x41;",   "&#0;",
                            "&copy",  "&T",     "\r",    "\t",       "'",
                            "\"",     ">",      "<",     "\xC2\xA0", "\xF0\x9F\x98\x80",
                            "\xC3",   "<!--",   "-->",   "<p><p>"}) {
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
