#include "parse/html_nesting.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "gumbo_depth.h"

namespace confab {
namespace {

constexpr GumboParseKind kFragment = GumboParseKind::fragment_in_div;
constexpr GumboParseKind kDocument = GumboParseKind::document;

std::string repeated(std::string_view unit, std::size_t times) {
  std::string text;
  text.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) text += unit;
  return text;
}

std::string capped(std::string_view html, std::size_t cap, GumboParseKind kind = kFragment) {
  return cap_html_nesting(html, cap, kind).value_or(std::string(html));
}

// A post as feeds carry them: unclosed <p> and <li>, a table without <tbody>, formatting,
// an inline SVG icon, a script and a style.
constexpr std::string_view kPost =
    "<p>Intro with <a href=\"/x?a=1&amp;b=2\">a link</a>, <b>bold <i>both</i></b> and "
    "<em>em</em>.<p>Second paragraph<br>with a break<img src=a.png alt=\"\">"
    "<ul><li>one<li>two <code>x &lt; y</code><li>three<ol><li>nested</ol></ul>"
    "<blockquote><p>Quoted<p>twice</blockquote><pre>  pre\n  text</pre>"
    "<table><tr><th>h<td>cell<tr><td>1<td><b>2</b></table>"
    "<svg viewBox=\"0 0 8 8\"><g><path d=\"M0 0L8 8\"/><circle r=\"2\"/></g></svg>"
    "<h2>Heading</h2><dl><dt>term<dd>definition<dt>term</dl>"
    "<script>if (a < b) document.write('<div>');</script><style>p > a { }</style>"
    "<!-- a comment <div> --><select><option>a<option>b</select><p>End.\n";

TEST(CapHtmlNesting, LeavesOrdinaryPostsAlone) {
  const std::string posts = repeated(kPost, 200);
  EXPECT_EQ(cap_html_nesting(posts, kHtmlNestingCap), std::nullopt);
  EXPECT_EQ(cap_html_nesting(posts, kHtmlNestingCap, kDocument), std::nullopt);
  EXPECT_LE(html_nesting_depth(posts), 8u);
  EXPECT_LE(html_nesting_depth(posts, kDocument), 9u);
}

TEST(CapHtmlNesting, ShortTextCannotGetDeep) {
  // 80 tags add at most 240 levels: not even tokenized.
  EXPECT_EQ(cap_html_nesting(repeated("<div>", 80), kHtmlNestingCap), std::nullopt);
  EXPECT_EQ(cap_html_nesting(repeated("<div>", 300), kHtmlNestingCap)->size(), 256u * 5);
}

TEST(CapHtmlNesting, MillionNestedDivsStopAtTheCapWithAllTheirText) {
  const std::string html = repeated("<div>x", 1'000'000);
  const std::string result = capped(html, kHtmlNestingCap);
  EXPECT_EQ(result, repeated("<div>x", kHtmlNestingCap) + std::string(1'000'000 - 256, 'x'));
  EXPECT_EQ(gumbo_tree_depth(result, kFragment), kHtmlNestingCap);
  EXPECT_EQ(html_nesting_depth(result), kHtmlNestingCap);
}

TEST(CapHtmlNesting, LeavesOutOnlyTheStartTagText) {
  EXPECT_EQ(capped("<i>a<i>b<i>c<i class=\"d\">d</i>e<i>f", 3), "<i>a<i>b<i>cd</i>e<i>f");
  // Void elements never deepen the stack and stay; end tags stay.
  EXPECT_EQ(capped("<div><div><div><div><br><img src=x></div></div></div></div>", 2),
            "<div><div><br><img src=x></div></div></div></div>");
  // A <td> in a table brings an implied <tbody> and <tr>: three levels.
  EXPECT_EQ(capped("<table><td>a<table><td>b</table></table>", 5),
            "<table><td>a<table>b</table></table>");
}

TEST(CapHtmlNesting, LeavingOutATagNeverJoinsTextIntoANewTag) {
  // "<" + "<b>" + "div>" would read "<div>" once "<b>" went.
  const std::string html = repeated("<<b>div>", 50);
  const std::string result = capped(html, 0);
  EXPECT_EQ(result, repeated("<<!>div>", 50));
  EXPECT_EQ(gumbo_tree_depth(result, kFragment), 0u);
}

TEST(CapHtmlNesting, TagsInCommentsAndRawTextDoNotCount) {
  const std::string divs = repeated("<div>", 400);
  for (const std::string& html : {
           "<!--" + divs + "-->",
           "<!-- -- >" + divs + "-->",  // "-- >" does not end a comment
           "<!-- --!" + divs + "-->",
           "<textarea>" + divs + "</textarea>",
           "<title>" + divs + "</TITLE>",
           "<style>" + divs + "</style >",
           "<xmp>" + divs,
           "<iframe>" + divs + "</iframe>",
           "<noembed>" + divs + "</noembed>",
           "<noframes>" + divs + "</noframes>",
           "<plaintext>" + divs + "</plaintext>",
           "<script>" + divs + "</script>",
           // In "<!--", a "<script>" makes "</script>" text until "-->".
           "<script><!--<script></script>" + divs + "--></script>",
           "<div title=\">" + divs + "\">",  // one tag, its attribute holding the rest
           "<div title='" + divs,            // an unterminated quote: no tag at all
           "<svg><![CDATA[" + divs + "]]></svg>",
       }) {
    EXPECT_LE(html_nesting_depth(html), 2u) << html.substr(0, 40);
    EXPECT_LE(gumbo_tree_depth(html, kFragment), 2u) << html.substr(0, 40);
    EXPECT_EQ(cap_html_nesting(html, 16), std::nullopt) << html.substr(0, 40);
  }
}

TEST(CapHtmlNesting, ShortCommentsEndWhereTheTokenizerEndsThem) {
  const std::string divs = repeated("<div>", 100);
  for (const std::string& html :
       {"<!-->" + divs, "<!--->" + divs, "<!-- --!>" + divs, "<!---->" + divs, "<![CDATA[x>" + divs,
        "</>" + divs, "</ x>" + divs, "<!x>" + divs}) {
    EXPECT_EQ(html_nesting_depth(html), 100u) << html.substr(0, 20);
    EXPECT_EQ(gumbo_tree_depth(html, kFragment), 100u) << html.substr(0, 20);
    EXPECT_EQ(gumbo_tree_depth(capped(html, 16), kFragment), 16u) << html.substr(0, 20);
  }
}

// Each pattern, repeated, takes gumbo as deep as it is repeated (or tries to): capped, the tree
// stays within the cap plus the one level of a void element or text node's parent.
struct Attack {
  std::string_view name;
  std::string_view unit;  // "#" becomes the repetition's number
  GumboParseKind kind = kFragment;
  std::string_view prefix = "";
};

constexpr Attack kAttacks[] = {
    {"nested divs", "<div>"},
    {"nested formatting", "<b>"},
    {"formatting with distinct attributes", "<b id=#>"},
    {"formatting reopened after each paragraph", "<p><b id=#>x</p>y"},
    {"formatting reopened, Noah's ark by spelling", "<p><b x=1><b x='1'><b x=\"1\"><b X=1></p>y"},
    {"formatting across a cell", "<table><td><b id=#>x</td></table>y"},
    {"adoption agency", "<b><div>x</b>"},
    {"adoption agency with distinct formatting", "<p><b id=#><i id=#><div>x</b></i></p>"},
    {"nobr", "<nobr>x"},
    {"anchors", "<a href=#><div>"},
    {"nested tables", "<table><td>"},
    {"table rows", "<table><tr><td><div>"},
    {"lists", "<ul><li>"},
    {"definition lists", "<dl><dd>"},
    {"forms leave the stack but not the tree", "<form><div></form>"},
    {"buttons", "<button><div>"},
    {"headings", "<h1><h2><div>"},
    {"select swallowing raw text", "<select><style></select><x>"},
    {"select in a table", "<table><td><select><td>"},
    {"templates", "<template><div>"},
    {"templates with cells", "<template><td><div>"},
    {"svg", "<svg><g>"},
    {"svg keeps breakout tags in a fragment", "<svg><div>"},
    {"svg style is not raw text", "<svg><style><x>"},
    {"end tag breakouts", "<svg></p><x/><x/>"},
    {"integration points", "<svg><foreignObject><div>"},
    {"mathml text integration points", "<math><mi><div>"},
    {"annotation-xml", "<math><annotation-xml encoding=text/html><div>"},
    {"annotation-xml with a reference", "<math><annotation-xml encoding=text&#47;html><div>"},
    {"junk before a foreign end tag", "<svg><g></><g></g>"},
    {"end tags with attributes", "<svg><g></g x>"},
    {"object markers", "<object><b id=#>x</object>y"},
    {"isindex", "<isindex><div>"},
    {"svg breaks out of a document", "<svg><div>", kDocument},
    {"framesets", "<frameset>", kDocument},
    {"document formatting", "<p><b id=#>x</p>y", kDocument},
    {"document tables", "<table><td>", kDocument},
    {"a <p> kept open around a table", "<x><p><table></table></x>"},
    {"quirks: no DOCTYPE", "<x><p><table></table></x>", kDocument},
    {"quirks by public identifier", "<x><p><table></table></x>", kDocument,
     "<!DOCTYPE html PUBLIC \"HTML\">"},
    {"NUL leaves the head", std::string_view("<noscript>\0<noscript>", 21), kDocument},
};

std::string attack_text(std::string_view unit, std::size_t times, std::string_view prefix = "") {
  std::string text(prefix);
  for (std::size_t i = 0; i < times; ++i) {
    std::string piece(unit);
    for (std::size_t at = piece.find('#'); at != std::string::npos; at = piece.find('#')) {
      piece.replace(at, 1, std::to_string(i));
    }
    text += piece;
  }
  return text;
}

TEST(CapHtmlNesting, EachAttackStaysWithinTheCap) {
  constexpr std::size_t kCap = 32;
  for (const Attack& attack : kAttacks) {
    const std::string html = attack_text(attack.unit, 3000, attack.prefix);
    const std::string result = capped(html, kCap, attack.kind);
    EXPECT_LE(gumbo_tree_depth(result, attack.kind), kCap + 1) << attack.name;
    EXPECT_LE(html_nesting_depth(result, attack.kind), kCap + 1) << attack.name;
    // The model never sees less depth than gumbo builds (for the text without the tags it
    // leaves out whatever the cap).
    const std::string small = attack_text(attack.unit, 200, attack.prefix);
    const HtmlNesting whole = measure_html_nesting(small, 1'000'000, attack.kind);
    EXPECT_LE(gumbo_tree_depth(whole.capped.value_or(small), attack.kind), whole.depth + 1)
        << attack.name;
  }
}

TEST(CapHtmlNesting, KeepsGumboFromAborting) {
  // Each of these makes Debian's gumbo 0.10.1 pop past <html> and fail an assertion: an SVG or
  // MathML element named like a table part or <select> fools its insertion mode reset.
  for (const std::string_view html : {"<table><math><select><mtext><select><caption>",
                                      "<table><math><td><mi><select></select></table>",
                                      "<svg><html><foreignObject><select></select><body></body>"}) {
    const std::optional<std::string> result = cap_html_nesting(html, kHtmlNestingCap);
    ASSERT_TRUE(result) << html;
    EXPECT_LE(gumbo_tree_depth(*result, kFragment), 8u) << html;
    const std::optional<std::string> document = cap_html_nesting(html, kHtmlNestingCap, kDocument);
    ASSERT_TRUE(document) << html;
    EXPECT_LE(gumbo_tree_depth(*document, kDocument), 8u) << html;
  }
  EXPECT_EQ(capped("<svg><td><x><table></svg><table><td>", 16), "<svg><x></svg><table><td>");
}

TEST(CapHtmlNesting, LeavesOutEndTagsWhoseAdoptionWouldGoTooDeep) {
  // </a> runs the adoption agency, which moves the <footer> subtree three levels down.
  const std::string html =
      "<menu><strike><big><dt><strong><button><i><i><a><strike><big><footer><fieldset><i><ol>"
      "<article><figure><small><ol><small><div><annotation-xml></strong>"
      "<annotation-xml encoding=text/html><input type=hidden></a>";
  EXPECT_EQ(gumbo_tree_depth(html, kFragment), 25u);
  EXPECT_EQ(capped(html, 24), html.substr(0, html.size() - 4));
  EXPECT_LE(gumbo_tree_depth(capped(html, 24), kFragment), 25u);
}

TEST(CapHtmlNesting, ClosesAParagraphBeforeATableWhateverTheQuirksMode) {
  EXPECT_EQ(capped("<p>a<table><td>b</table>" + repeated("<i>", 100), 256),
            "<p>a</p><table><td>b</table>" + repeated("<i>", 100));
  EXPECT_EQ(cap_html_nesting("<div>a<table></table>" + repeated("<i>", 100), 256), std::nullopt);
  // In a select the "</p>" would be ignored, and the <table> closes the select before the
  // <p>: the <table> is left out instead.
  EXPECT_EQ(capped("<table><td><p><select><table>" + repeated("<i>", 100), 256),
            "<table><td><p><select>" + repeated("<i>", 100));
}

TEST(HtmlNestingDepth, CountsWhatGumboAddsByItself) {
  EXPECT_EQ(html_nesting_depth("<table><td>x"), 4u);  // table, tbody, tr, td
  EXPECT_EQ(html_nesting_depth("<p><b>x</p>y"), 2u);  // the <b> is reopened for "y"
  EXPECT_EQ(html_nesting_depth("<p><b>x</p>"), 2u);   // ... and would be for any text
  EXPECT_EQ(html_nesting_depth("<div><form><div></form><div>"), 4u);
  EXPECT_EQ(html_nesting_depth("<p>x", kDocument), 2u);  // body, p
  EXPECT_EQ(html_nesting_depth("<svg><div><div>"), 3u);
  EXPECT_EQ(html_nesting_depth("<svg><div><div>", kDocument), 3u);  // body, svg; div, div
}

}  // namespace
}  // namespace confab
