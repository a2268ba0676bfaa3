// Every way a feed writes a post's body: Atom's text constructs (1.0 types, 0.3 modes, base64)
// and RSS's many content elements, and which of several bodies is the summary.
#include <gtest/gtest.h>

#include "parse/feed.h"
#include "parse/inspect_json.h"
#include "parse_fixtures.h"

#include <nlohmann/json.hpp>

namespace confab {
namespace {

using testing::has_warning;
using testing::parse_fixture;
using testing::parse_text;

Entry only_entry(const std::string& xml) {
  const Feed feed = parse_text(xml, "https://blog.example.com/feed");
  EXPECT_EQ(feed.entries.size(), 1u);
  return feed.entries.empty() ? Entry{} : feed.entries[0];
}

std::string atom_entry(const std::string& inside) {
  return R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:x:1</id>)" + inside +
         "</entry></feed>";
}

TEST(ContentConstructs, AtomTextHtmlAndXhtml) {
  EXPECT_EQ(only_entry(atom_entry(R"(<content type="text">1 &lt; 2 &amp; so</content>)")).content,
            "1 &lt; 2 &amp; so");
  EXPECT_EQ(only_entry(atom_entry(R"(<content>plain &lt;b&gt;</content>)")).content,
            "plain &lt;b&gt;");
  EXPECT_EQ(
      only_entry(
          atom_entry(R"(<content type="html">&lt;p&gt;a &lt;b&gt;b&lt;/b&gt;&lt;/p&gt;</content>)"))
          .content,
      "<p>a <b>b</b></p>");
  EXPECT_EQ(
      only_entry(
          atom_entry(
              R"(<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x <em>y</em></p></div></content>)"))
          .content,
      "<p>x <em>y</em></p>");
}

TEST(ContentConstructs, InlineSvgAndMathMlStayMarkup) {
  // The sanitizer decides what is shown; the parser keeps what was written.
  const Entry entry = only_entry(atom_entry(
      R"(<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Lantern:</p>)"
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="10"><circle r="4"/></svg>)"
      R"(<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi><mo>=</mo><mn>2</mn></math>)"
      R"(</div></content>)"));
  EXPECT_NE(entry.content.find(R"(<svg width="10"><circle r="4"></circle></svg>)"),
            std::string::npos)
      << entry.content;
  EXPECT_NE(entry.content.find("<math><mi>x</mi><mo>=</mo><mn>2</mn></math>"), std::string::npos)
      << entry.content;
}

TEST(ContentConstructs, AtomBase64OfAnyOtherType) {
  // "Plain words & no markup" in base64, as RFC 4287 has any non-text type written.
  const Entry entry = only_entry(atom_entry(
      R"(<title type="application/octet-stream">UGxhaW4gd29yZHMgJiBubyBtYXJrdXA=</title>)"
      R"(<content type="application/octet-stream">UGxhaW4gd29yZHMgJiBubyBtYXJrdXA=</content>)"));
  EXPECT_EQ(entry.title, "Plain words & no markup");
  EXPECT_EQ(entry.content, "Plain words &amp; no markup");
}

TEST(ContentConstructs, Base64ThatIsNoTextIsLeftOutWithAWarning) {
  // Four bytes of a PNG header: not UTF-8 text.
  const Feed feed = parse_text(atom_entry(R"(<content type="image/png">iVBORw==</content>)"));
  EXPECT_EQ(feed.entries.at(0).content, "");
  EXPECT_TRUE(has_warning(feed, "not text")) << feed.warnings.size();
}

TEST(ContentConstructs, ContentElsewhereIsNotInline) {
  EXPECT_EQ(
      only_entry(atom_entry(R"(<content type="video/mp4" src="https://media.example.com/v.mp4"/>)"))
          .content,
      "");
}

TEST(ContentConstructs, Atom03Modes) {
  const Feed feed = parse_fixture("liberal/atom03_modes.xml", "https://kaffee.example.at/atom");
  EXPECT_EQ(feed.format, FeedFormat::atom03);
  EXPECT_EQ(feed.title, "Kaffeehaus <Notizen>");
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[0].summary, "Short <i>and</i> sweet.");
  EXPECT_EQ(feed.entries[0].content, "<p>A <b>long</b> day.</p>");
  EXPECT_EQ(feed.entries[1].title, "Plain words & no markup");
  EXPECT_EQ(feed.entries[1].content, "<p>Printed in <b>base64</b> by an old generator.</p>\n");
  EXPECT_EQ(feed.entries[2].content, "<p>Written <em>inline</em>.</p>");
}

TEST(ContentConstructs, RssContentElements) {
  const std::string rss =
      R"(<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
           xmlns:xhtml="http://www.w3.org/1999/xhtml"><channel><title>t</title>)";
  EXPECT_EQ(only_entry(rss + R"(<item><content:encoded>&lt;p&gt;full&lt;/p&gt;</content:encoded>)"
                             "</item></channel></rss>")
                .content,
            "<p>full</p>");
  EXPECT_EQ(only_entry(rss + R"(<item><xhtml:body><xhtml:p>in <xhtml:b>XHTML</xhtml:b></xhtml:p>)"
                             "</xhtml:body></item></channel></rss>")
                .content,
            "<p>in <b>XHTML</b></p>");
  EXPECT_EQ(only_entry(rss + R"(<item><body xmlns="http://www.w3.org/1999/xhtml"><p>bare body</p>)"
                             "</body></item></channel></rss>")
                .content,
            "<p>bare body</p>");
  EXPECT_EQ(only_entry(rss + R"(<item><fullitem>&lt;p&gt;fullitem&lt;/p&gt;</fullitem>)"
                             "</item></channel></rss>")
                .content,
            "<p>fullitem</p>");
}

TEST(ContentConstructs, WhichBodyIsTheSummaryAndWhichTheContent) {
  const std::string rss =
      R"(<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">)"
      "<channel><title>t</title>";
  // description + content:encoded: the usual pair.
  Entry entry = only_entry(rss +
                           "<item><content:encoded>long</content:encoded><description>short"
                           "</description></item></channel></rss>");
  EXPECT_EQ(entry.summary, "short");
  EXPECT_EQ(entry.content, "long");
  // Two bodies and no content element: the first is the summary, the second the content.
  entry = only_entry(rss +
                     "<item><description>first</description><summary>second</summary>"
                     "</item></channel></rss>");
  EXPECT_EQ(entry.summary, "first");
  EXPECT_EQ(entry.content, "second");
  // With a content element, that is the content whatever comes after it.
  entry = only_entry(rss +
                     "<item><description>a</description><content:encoded>b</content:encoded>"
                     "<description>c</description></item></channel></rss>");
  EXPECT_EQ(entry.summary, "a");
  EXPECT_EQ(entry.content, "b");
  // Atom: summary and content each what they say.
  entry = only_entry(atom_entry(R"(<content type="html">body</content><summary>gist</summary>)"));
  EXPECT_EQ(entry.summary, "gist");
  EXPECT_EQ(entry.content, "body");
}

TEST(ContentConstructs, InspectShowsTheSummaryAsTextAndTheContentAsHtml) {
  const Feed feed = parse_text(
      R"(<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>)"
      R"(<title>t</title><item><title>Q&amp;A: &lt;b&gt; tags</title>)"
      R"(<description>&lt;p&gt;Short &amp;amp; &lt;em&gt;sweet&lt;/em&gt;&lt;/p&gt;</description>)"
      R"(<content:encoded>&lt;p&gt;Long&lt;/p&gt;</content:encoded></item>)"
      R"(<item><title>only content</title><content:encoded>&lt;p&gt;Whole &lt;b&gt;post&lt;/b&gt;&lt;/p&gt;)"
      R"(</content:encoded></item></channel></rss>)");
  const auto json = nlohmann::json::parse(feed_to_inspect_json(feed));
  EXPECT_EQ(json["entries"][0]["title"], "Q&A: <b> tags");
  EXPECT_EQ(json["entries"][0]["summary"], "Short & sweet");
  EXPECT_EQ(json["entries"][0]["content"], "<p>Long</p>");
  // A feed that gives only content has that content's text as its summary.
  EXPECT_EQ(json["entries"][1]["summary"], "Whole post");
  EXPECT_EQ(json["entries"][1]["content"], "<p>Whole <b>post</b></p>");
}

TEST(ContentConstructs, ItunesSummaryStandsInForADescription) {
  const Feed feed = parse_fixture("liberal/podcast.rss", "https://lanterntalk.example.org/feed");
  EXPECT_EQ(feed.entries.at(0).summary,
            "Maude and Théo follow the river with forty lanterns &amp; one dog.");
}

}  // namespace
}  // namespace confab
