// Liberal parsing: what real feeds get wrong, and what confab makes of it.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

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

TEST(Recovery, BillionLaughsIsBounded) {
  // &lol9; would be 3 GB of "lol"s, but nests ten deep: refused outright. &lol7; (30 MB) nests
  // eight deep, so only the cap on expanded text (64 KiB for a document this small) stops it.
  // The small &lol2; comes first and fits; after &lol7; the cap is spent, so even &lol1; stays
  // text (and so would &lol9;, reported then as past the cap: it is not read any more).
  const std::string text = R"(<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><description>&lol2;</description><title>&lol9;</title>
<item><title>&lol7;&lol7;</title><description>&lol1;</description></item>
</channel></rss>)";
  const auto started = std::chrono::steady_clock::now();
  const Feed feed = parse_text(text);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  std::string lols;
  for (int i = 0; i < 100; ++i) lols += "lol";
  EXPECT_EQ(feed.description, lols);
  EXPECT_EQ(feed.title, "&lol9;");
  EXPECT_EQ(feed.entries.at(0).title, "&lol7;&lol7;");
  EXPECT_EQ(feed.entries.at(0).summary, "&lol1;");
  EXPECT_TRUE(
      has_warning(feed, "expanded 1 reference to entities the document's DTD declares (&lol2;)"))
      << ::testing::PrintToString(feed.warnings);
  EXPECT_TRUE(has_warning(
      feed,
      "kept 3 references to entities the document's DTD declares as text: "
      "expanding them would pass the limit of 64 KiB of expanded text (&lol1;, &lol7;)"));
  EXPECT_TRUE(has_warning(feed,
                          "kept 1 reference to entities the document's DTD declares as "
                          "text: they refer to themselves or nest more than 8 levels deep "
                          "(&lol9;)"));
  // Memory: the cleaned copy grows by no more than the cap.
  std::vector<std::string> warnings;
  const std::optional<std::string> cleaned = clean_xml_text(text, warnings);
  ASSERT_TRUE(cleaned);
  EXPECT_LE(cleaned->size(), text.size() + 64 * 1024);
}

TEST(Recovery, ExpansionsStopAtTheCapForTheWholeDocument) {
  // Each use is small, but 100 uses of 1000 bytes pass the 64 KiB a small document may grow.
  std::string text = "<!DOCTYPE rss [<!ENTITY k \"" + std::string(1000, 'k') +
                     "\">]><rss version=\"2.0\"><channel><title>t</title>";
  for (int i = 0; i < 100; ++i) text += "<item><title>&k;</title></item>";
  text += "</channel></rss>";
  const Feed feed = parse_text(text);
  ASSERT_EQ(feed.entries.size(), 100u);
  EXPECT_EQ(feed.entries.front().title, std::string(1000, 'k'));
  EXPECT_EQ(feed.entries.back().title, "&k;");
  const std::size_t expanded = static_cast<std::size_t>(
      std::count_if(feed.entries.begin(), feed.entries.end(),
                    [](const Entry& entry) { return entry.title.size() == 1000; }));
  EXPECT_EQ(expanded, 64u * 1024 / 1000);
  EXPECT_TRUE(has_warning(feed, "expanded 65 references to entities the document's DTD declares"));
  EXPECT_TRUE(has_warning(feed,
                          "kept 35 references to entities the document's DTD declares as "
                          "text: expanding them would pass the limit of 64 KiB of expanded text"));
}

TEST(Recovery, ExternalEntitiesAreNotFetchedOrRead) {
  const Feed feed = parse_text(R"(<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY remote SYSTEM "http://evil.example/x"> ]>
<rss version="2.0"><channel><title>&xxe;</title><description>&remote;</description></channel></rss>)");
  EXPECT_EQ(feed.title, "&xxe;");
  EXPECT_EQ(feed.description, "&remote;");
  EXPECT_EQ(feed.title.find("root:"), std::string::npos);
}

TEST(Recovery, InternalDtdEntitiesAreExpanded) {
  const Feed feed = parse_text(R"(<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY path "C:\data\1\new">
  <!ENTITY me "Jane Doe">
  <!ENTITY copy "&#169;">
  <!ENTITY sig 'by &me; &copy; 2009'>
]>
<rss version="2.0"><channel><title>&me;</title><item><guid isPermaLink="false">&path;</guid><title>&sig;</title></item></channel></rss>)");
  EXPECT_EQ(feed.title, "Jane Doe");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].id, R"(C:\data\1\new)");
  EXPECT_EQ(feed.entries[0].title, "by Jane Doe © 2009");
  EXPECT_TRUE(has_warning(
      feed, "expanded 3 references to entities the document's DTD declares (&me;, &path;, &sig;)"))
      << ::testing::PrintToString(feed.warnings);
  EXPECT_FALSE(has_warning(feed, "undefined"));
  EXPECT_TRUE(feed.complete);
}

TEST(Recovery, DeclaredEntityValuesInSingleQuotes) {
  const Feed feed = parse_text(R"(<!DOCTYPE rss [
  <!ENTITY said 'she said "hi" &amp; left'>
  <!ENTITY it "it's">
]><rss version="2.0"><channel><title>&said;</title><description>&it;</description>
</channel></rss>)");
  EXPECT_EQ(feed.title, R"(she said "hi" & left)");
  EXPECT_EQ(feed.description, "it's");
}

TEST(Recovery, DeclaredEntitiesInAttributeValues) {
  const Feed atom = parse_text(R"(<!DOCTYPE feed [<!ENTITY base "https://blog.example">]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><link href="&base;/"/>
  <entry><id>urn:1</id><title>e</title><link href="&base;/x"/></entry></feed>)");
  EXPECT_EQ(atom.link, "https://blog.example/");
  ASSERT_EQ(atom.entries.size(), 1u);
  EXPECT_EQ(atom.entries[0].link, "https://blog.example/x");
  EXPECT_TRUE(atom.complete);

  // Quotes in a value cannot end the attribute it is used in.
  const Feed rss = parse_text(R"(<!DOCTYPE rss [
  <!ENTITY site "https://pod.example">
  <!ENTITY q 'a "quoted" &amp; &apos;odd&apos; type'>
]><rss version="2.0"><channel><title>P</title><item><title>ep</title>
  <enclosure url="&site;/a.mp3" length="1" type='&q;'/></item></channel></rss>)");
  ASSERT_EQ(rss.entries.size(), 1u);
  ASSERT_EQ(rss.entries[0].enclosures.size(), 1u);
  EXPECT_EQ(rss.entries[0].enclosures[0].url, "https://pod.example/a.mp3");
  EXPECT_EQ(rss.entries[0].enclosures[0].type, R"(a "quoted" & 'odd' type)");
  EXPECT_TRUE(rss.complete);
}

TEST(Recovery, NestedDeclaredEntities) {
  // Eight levels are expanded; a ninth is kept as text with its warning.
  std::string subset = "<!ENTITY e1 \"one\">";
  for (int i = 2; i <= 9; ++i) {
    subset += "<!ENTITY e" + std::to_string(i) + " \"&e" + std::to_string(i - 1) + ";+\">";
  }
  const Feed feed = parse_text("<!DOCTYPE rss [" + subset +
                               "]><rss version=\"2.0\"><channel><title>&e8;</title>"
                               "<description>&e9;</description></channel></rss>");
  EXPECT_EQ(feed.title, "one+++++++");
  EXPECT_EQ(feed.description, "&e9;");
  EXPECT_TRUE(has_warning(feed, "expanded 1 reference to entities the document's DTD declares"));
  EXPECT_TRUE(has_warning(feed, "nest more than 8 levels deep (&e9;)"));
}

TEST(Recovery, EntityCyclesAreNotExpanded) {
  const Feed feed = parse_text(R"(<!DOCTYPE rss [
  <!ENTITY a "a &b;">
  <!ENTITY b "b &a;">
  <!ENTITY self "&self;">
  <!ENTITY ok "fine">
]><rss version="2.0"><channel><title>&a;</title><description>&self; &ok;</description>
</channel></rss>)");
  EXPECT_EQ(feed.title, "&a;");
  EXPECT_EQ(feed.description, "&self; fine");
  EXPECT_TRUE(has_warning(feed,
                          "kept 2 references to entities the document's DTD declares as "
                          "text: they refer to themselves"));
  EXPECT_TRUE(has_warning(feed, "(&a;, &self;)"));
}

TEST(Recovery, DeclarationsOfPredefinedEntitiesAreIgnored) {
  const Feed feed = parse_text(R"(<!DOCTYPE rss [
  <!ENTITY amp "AMP">
  <!ENTITY lt "LT">
  <!ENTITY name "first">
  <!ENTITY name "second">
]><rss version="2.0"><channel><title>a &amp; b &lt; c</title><description>&name;</description>
</channel></rss>)");
  EXPECT_EQ(feed.title, "a & b < c");
  EXPECT_EQ(feed.description, "first");  // the first declaration wins
}

TEST(Recovery, ParameterAndExternalEntitiesAreIgnored) {
  const Feed feed = parse_text(R"(<!DOCTYPE rss SYSTEM "http://evil.example/rss.dtd" [
  <!ENTITY % pe "parameter">
  <!ENTITY ext PUBLIC "-//X//Y" "http://evil.example/ext">
  <!ENTITY pic SYSTEM "pic.gif" NDATA gif>
  <!-- <!ENTITY hidden "commented out"> -->
  <?pi <!ENTITY inpi "in a PI"> ?>
  <!ELEMENT title (#PCDATA)>
  <!ATTLIST item x CDATA "<!ENTITY inattlist 'x'>">
  <!ENTITY tricky "]> &gt; <!-- not a comment -->">
]><rss version="2.0"><channel><title>&pe; &ext; &pic;</title>
  <description>&hidden; &inpi; &inattlist;</description>
  <item><guid isPermaLink="false">&tricky;</guid></item></channel></rss>)");
  EXPECT_EQ(feed.title, "&pe; &ext; &pic;");
  EXPECT_EQ(feed.description, "&hidden; &inpi; &inattlist;");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].id, "]> > <!-- not a comment -->");
  EXPECT_TRUE(has_warning(feed, "kept 6 references to undefined entities as text"));
}

TEST(Recovery, MarkupInAnEntityValueStaysText) {
  const std::string text = R"(<!DOCTYPE rss [<!ENTITY bold "<b>bold</b> & <i>">]>
<rss version="2.0"><channel><title>t</title><item><guid isPermaLink="false">&bold;</guid>
</item></channel></rss>)";
  const Feed feed = parse_text(text);
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].id, "<b>bold</b> & <i>");
  EXPECT_TRUE(feed.complete);  // no unclosed <i> to repair: it never was markup
  std::vector<std::string> warnings;
  const std::optional<std::string> cleaned = clean_xml_text(text, warnings);
  ASSERT_TRUE(cleaned);
  EXPECT_NE(cleaned->find("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;</guid>"), std::string::npos);
}

TEST(Recovery, DeclarationsAloneDoNotCopyTheDocument) {
  std::vector<std::string> warnings;
  EXPECT_FALSE(clean_xml_text("<!DOCTYPE a [<!ENTITY x \"y\">]><a>x &amp; y</a>", warnings));
  EXPECT_FALSE(clean_xml_text(
      "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
      "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"/>",
      warnings));
  EXPECT_TRUE(warnings.empty());
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
