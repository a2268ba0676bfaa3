// Liberal parsing: what real feeds get wrong, and what confab makes of it.
#include <gtest/gtest.h>

#include "parse/xml_repair.h"
#include "parse_fixtures.h"

namespace confab {
namespace {

using testing::has_warning;
using testing::parse_text;

TEST(Recovery, HtmlNamedEntitiesInXml) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel>
    <title>Caf&eacute;&nbsp;Notes &hellip; it&rsquo;s &copy; me</title>
    <item><title>&Uuml;ber &amp; &lt;raus&gt;</title><link>http://x.example/?a=1&amp;b=2</link></item>
  </channel></rss>)");
  EXPECT_EQ(feed.title, "Café\u00A0Notes … it’s © me");
  EXPECT_EQ(feed.entries.at(0).title, "Über & <raus>");
  EXPECT_EQ(feed.entries.at(0).link, "http://x.example/?a=1&b=2");
  EXPECT_TRUE(has_warning(feed, "HTML entities that XML does not define"));
  EXPECT_TRUE(has_warning(feed, "&eacute;"));
}

TEST(Recovery, EntitiesInsideCdataAreLeftAlone) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel><item>
    <title>t</title><description><![CDATA[<p>a&nbsp;b &amp; c</p>]]></description>
  </item></channel></rss>)");
  EXPECT_EQ(feed.entries.at(0).summary, "<p>a&nbsp;b &amp; c</p>");
  EXPECT_TRUE(feed.warnings.empty());
}

TEST(Recovery, BareAmpersands) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel>
    <title>Salt & Pepper</title>
    <item><title>Q&A</title><link>http://x.example/?a=1&b=2</link></item>
  </channel></rss>)");
  EXPECT_EQ(feed.title, "Salt & Pepper");
  EXPECT_EQ(feed.entries.at(0).title, "Q&A");
  EXPECT_EQ(feed.entries.at(0).link, "http://x.example/?a=1&b=2");
  EXPECT_TRUE(has_warning(feed, "escaped 3 bare '&'s")) << feed.warnings.at(0);
}

TEST(Recovery, ControlCharactersAreRemoved) {
  const Feed feed =
      parse_text(std::string("<rss version=\"2.0\"><channel><title>Bad\x01 bytes\x0B"
                             "</title><item><description><![CDATA[x\x1Fy]]>"
                             "</description></item></channel></rss>"));
  EXPECT_EQ(feed.title, "Bad bytes");
  EXPECT_EQ(feed.entries.at(0).summary, "xy");
  EXPECT_TRUE(has_warning(feed, "removed 3 control characters"));
}

TEST(Recovery, NulAndForbiddenCharacterReferences) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel><title>a&#0;b&#x1;c&#150;d</title>
    </channel></rss>)");
  EXPECT_EQ(feed.title, "abc–d");  // &#150; means windows-1252's en dash in practice
  EXPECT_TRUE(has_warning(feed, "characters XML forbids"));
}

TEST(Recovery, GarbageBeforeTheXml) {
  const Feed feed = parse_text(
      "<br />\n<b>Warning</b>: Cannot modify header information in /var/www/wp.php on line 8"
      "<br />\n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>OK</title>"
      "<item><title>i</title></item></channel></rss>");
  EXPECT_EQ(feed.title, "OK");
  EXPECT_EQ(feed.entries.size(), 1u);
  EXPECT_TRUE(has_warning(feed, "skipped")) << feed.warnings.at(0);
  EXPECT_TRUE(has_warning(feed, "Warning"));
}

TEST(Recovery, BlankLinesBeforeTheDeclarationAreNoProblem) {
  const Feed feed = parse_text(
      "\n\n  <?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
      "<title>OK</title></channel></rss>");
  EXPECT_EQ(feed.title, "OK");
  EXPECT_TRUE(feed.warnings.empty());
}

TEST(Recovery, TruncatedDocumentKeepsTheEntriesBeforeTheCut) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel><title>Cut</title>
    <item><title>one</title><link>http://x.example/1</link></item>
    <item><title>two</title><link>http://x.example/2</link></item>
    <item><title>thr)");
  EXPECT_EQ(feed.title, "Cut");
  // The third item is a fragment: left out, not read as an entry of its own.
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].link, "http://x.example/1");
  EXPECT_EQ(feed.entries[1].link, "http://x.example/2");
  EXPECT_TRUE(has_warning(feed, "cut off"));
  EXPECT_TRUE(has_warning(feed, "last entry was cut off"));
  EXPECT_FALSE(feed.complete);
}

TEST(Recovery, ACutBetweenEntriesKeepsThemAllButTheFeedIsNotWhole) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel><title>Cut</title>
    <item><title>one</title><link>http://x.example/1</link></item>
    <item><title>two</title><link>http://x.example/2</link></item>
  )");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_FALSE(has_warning(feed, "last entry was cut off"));
  EXPECT_FALSE(feed.complete);
}

TEST(Recovery, AnAtomEntryCutOffInsideItsContentIsLeftOut) {
  const Feed feed = parse_text(R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <entry><id>urn:1</id><title>whole</title><published>2009-05-01T10:00:00Z</published></entry>
    <entry><id>urn:2</id><title>half</title><published>2009-05-02T10:00:00Z</published>
      <content type="html">It was the best of ti)");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].id, "urn:1");
  EXPECT_FALSE(feed.complete);
}

TEST(Recovery, OnlyAnUntouchedDocumentIsWhole) {
  EXPECT_TRUE(parse_text("<rss version=\"2.0\"><channel><item><title>a</title></item>"
                         "</channel></rss>")
                  .complete);
  // Repaired without a cut (an unclosed <br> in a description): every entry kept, but what was
  // repaired may have swallowed what a whole document shows.
  const Feed repaired = parse_text(
      "<rss version=\"2.0\"><channel><item><title>a</title><description>x<br>y</description>"
      "</item><item><title>b</title></item></channel></rss>");
  EXPECT_EQ(repaired.entries.size(), 2u);
  EXPECT_FALSE(repaired.complete);
}

TEST(Recovery, UnescapedHtmlInDescriptionIsRepaired) {
  const Feed feed = parse_text(R"(<rss version="2.0"><channel><title>T</title>
    <item><title>one</title><description>Hello<br>big <b>world</b><img src=/a.png alt=x></description></item>
    <item><title>two</title></item>
  </channel></rss>)",
                               "http://x.example/feed");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].summary,
            "Hello<br>big <b>world</b><img src=\"http://x.example/a.png\" alt=\"x\">");
  EXPECT_EQ(feed.entries[1].title, "two");
  EXPECT_TRUE(has_warning(feed, "malformed"));
}

TEST(Recovery, StrayEndTagsAreDropped) {
  const Feed feed = parse_text(
      "<rss version=\"2.0\"><channel><title>T</title></p><item><title>a</title></item>"
      "</channel></rss>");
  EXPECT_EQ(feed.entries.size(), 1u);
  EXPECT_TRUE(has_warning(feed, "stray end tag"));
}

TEST(Recovery, BareLessThan) {
  const Feed feed =
      parse_text("<rss version=\"2.0\"><channel><title>1 < 2</title></channel></rss>");
  EXPECT_EQ(feed.title, "1 < 2");
  EXPECT_TRUE(has_warning(feed, "bare '<'"));
}

TEST(Recovery, BillionLaughsIsNotExpanded) {
  const Feed feed = parse_text(R"(<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;&lol9;</title></item>
</channel></rss>)");
  EXPECT_EQ(feed.title, "&lol9;");
  EXPECT_EQ(feed.entries.at(0).title, "&lol9;&lol9;");
  EXPECT_TRUE(has_warning(feed, "never expanded"));
}

TEST(Recovery, ExternalEntitiesAreNotFetchedOrRead) {
  const Feed feed = parse_text(R"(<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY remote SYSTEM "http://evil.example/x"> ]>
<rss version="2.0"><channel><title>&xxe;</title><description>&remote;</description></channel></rss>)");
  EXPECT_EQ(feed.title, "&xxe;");
  EXPECT_EQ(feed.description, "&remote;");
  EXPECT_EQ(feed.title.find("root:"), std::string::npos);
}

TEST(Recovery, DeeplyNestedMarkupDoesNotExhaustTheStack) {
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "<b>";
  nested += "deep";
  const Feed feed = parse_text("<rss version=\"2.0\"><channel><item><title>t</title><description>" +
                               nested + "</description></item></channel></rss>");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "t");
}

TEST(Recovery, CleanDocumentsAreNotCopied) {
  std::vector<std::string> warnings;
  EXPECT_FALSE(clean_xml_text("<a b=\"x &amp; y\"><![CDATA[&nbsp; <]]><!-- & --></a>", warnings));
  EXPECT_TRUE(warnings.empty());
}

TEST(Recovery, BalanceXmlTags) {
  TagRepairs repairs;
  EXPECT_EQ(balance_xml_tags("<a><b>x</a>", repairs), "<a><b>x</b></a>");
  EXPECT_EQ(repairs.closed_elements, 1);
  repairs = {};
  EXPECT_EQ(balance_xml_tags("<a>x</q></a>", repairs), "<a>x</a>");
  EXPECT_EQ(repairs.dropped_end_tags, 1);
  repairs = {};
  EXPECT_EQ(balance_xml_tags("<a><i checked x=1>t</i><b>cut", repairs),
            "<a><i checked=\"checked\" x=\"1\">t</i><b>cut</b></a>");
  EXPECT_EQ(repairs.fixed_attributes, 2);
  EXPECT_TRUE(repairs.truncated);
  repairs = {};
  EXPECT_EQ(balance_xml_tags("<a><![CDATA[x</a>", repairs), "<a><![CDATA[x</a>]]></a>");
  repairs = {};
  EXPECT_EQ(balance_xml_tags("<a>x</a><b attr=\"cut", repairs), "<a>x</a>");
  EXPECT_TRUE(repairs.truncated);
}

}  // namespace
}  // namespace confab

namespace confab {
namespace {

// CDATA is cleaned in one pass that looks for "]]>" and control characters together: long
// sections (past the 16-byte blocks), brackets that do not end it, and a control character
// right before the end.
TEST(Recovery, LongCdataKeepsBracketsAndLosesControls) {
  std::string text = "[a] ]] ] >x";
  for (int i = 0; i < 5; ++i) text += text;
  const std::string body = "<p>" + text + "\x02" + text + "]</p>\x1F";
  const Feed feed = testing::parse_text(
      "<rss version=\"2.0\"><channel><item><title>t</title>"
      "<description><![CDATA[" +
      body + "]]></description></item></channel></rss>");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].summary, "<p>" + text + text + "]</p>");
  EXPECT_TRUE(testing::has_warning(feed, "removed 2 control characters"));
}

}  // namespace
}  // namespace confab
