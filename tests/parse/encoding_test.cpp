#include "parse/encoding.h"

#include <gtest/gtest.h>

#include "parse_fixtures.h"

namespace confab {
namespace {

using testing::has_warning;
using testing::parse_text;

std::string rss_with_title(const std::string& declaration, const std::string& title_bytes) {
  return declaration + "<rss version=\"2.0\"><channel><title>" + title_bytes +
         "</title></channel></rss>";
}

TEST(Encoding, Latin1FeedWithWindows1252Quotes) {
  const Feed feed = testing::parse_fixture("latin1.rss", "http://renee.example.fr/rss");
  EXPECT_TRUE(feed.warnings.empty()) << feed.warnings.at(0);
  EXPECT_EQ(feed.title, "Boulangerie Renée");
  EXPECT_EQ(feed.description, "Pain, café et crème brûlée");
  ASSERT_EQ(feed.entries.size(), 1u);
  // 0x93/0x94/0x97/0x85 are windows-1252 punctuation, as browsers read "ISO-8859-1".
  EXPECT_EQ(feed.entries[0].title, "“Le levain” — semaine spéciale");
  EXPECT_EQ(feed.entries[0].summary, "Très appétissant, à bientôt …");
}

TEST(Encoding, Utf8ByteOrderMarkIsStripped) {
  const Feed feed = parse_text("\xEF\xBB\xBF" + rss_with_title("", "caf\xC3\xA9"));
  EXPECT_EQ(feed.title, "café");
  EXPECT_TRUE(feed.warnings.empty());
}

TEST(Encoding, Utf16WithByteOrderMarks) {
  const std::string xml = rss_with_title("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "é");
  // Build both byte orders from the ASCII-plus-é text.
  std::string little = "\xFF\xFE", big = "\xFE\xFF";
  for (std::size_t i = 0; i < xml.size(); ++i) {
    char16_t unit = static_cast<unsigned char>(xml[i]);
    if (xml.compare(i, 2, "é") == 0) {
      unit = 0xE9;
      ++i;
    }
    little += static_cast<char>(unit & 0xFF);
    little += static_cast<char>(unit >> 8);
    big += static_cast<char>(unit >> 8);
    big += static_cast<char>(unit & 0xFF);
  }
  EXPECT_EQ(parse_text(little).title, "é");
  EXPECT_EQ(parse_text(big).title, "é");
  // Without its BOM, UTF-16 still shows in the '<' '?' byte pattern.
  EXPECT_EQ(parse_text(little.substr(2)).title, "é");
}

TEST(Encoding, ContentTypeCharsetBeatsTheXmlDeclaration) {
  // The bytes are KOI8-R ("Привет"); the declaration wrongly says windows-1251.
  const std::string koi8 = "\xF0\xD2\xC9\xD7\xC5\xD4";
  const Feed feed =
      parse_text(rss_with_title("<?xml version=\"1.0\" encoding=\"windows-1251\"?>", koi8),
                 "http://ru.example/rss", "application/rss+xml; charset=KOI8-R");
  EXPECT_EQ(feed.title, "Привет");
}

TEST(Encoding, XmlDeclarationIsUsedWithoutContentTypeCharset) {
  const Feed feed =
      parse_text(rss_with_title("<?xml version='1.0' encoding='iso-8859-15'?>", "\xA4 5"),
                 "http://x.example/", "text/xml");
  EXPECT_EQ(feed.title, "€ 5");  // ISO-8859-15 has the euro sign at 0xA4
}

TEST(Encoding, DeclaredUtf8ThatDoesNotDecodeFallsBackWithAWarning) {
  const Feed feed = parse_text(rss_with_title("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                                              "Cr\xE8me br\xFBl\xE9"
                                              "e"));
  EXPECT_EQ(feed.title, "Crème brûlée");
  EXPECT_TRUE(has_warning(feed, "does not decode")) << feed.warnings.at(0);
}

TEST(Encoding, MostlyUtf8WithAStrayWindows1252Byte) {
  const Feed feed = parse_text(rss_with_title("", "caf\xC3\xA9 \x93quoted\x94 \xC3\xBC"));
  EXPECT_EQ(feed.title, "café “quoted” ü");
  EXPECT_TRUE(has_warning(feed, "windows-1252"));
}

TEST(Encoding, DeclaredLatin1ButUtf8BytesIsReadAsUtf8) {
  const Feed feed =
      parse_text(rss_with_title("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "caf\xC3\xA9"));
  EXPECT_EQ(feed.title, "café");
  EXPECT_TRUE(has_warning(feed, "bytes are UTF-8"));
}

TEST(Encoding, UnknownDeclaredEncodingFallsBack) {
  const Feed feed =
      parse_text(rss_with_title("<?xml version=\"1.0\" encoding=\"x-no-such-thing\"?>", "plain"));
  EXPECT_EQ(feed.title, "plain");
  EXPECT_TRUE(has_warning(feed, "unknown encoding"));
}

TEST(Encoding, UndeclaredShiftJisIsDetected) {
  // "日本語のブログ記事です" in Shift_JIS, long enough for uchardet to be sure.
  std::string sjis =
      "\x93\xFA\x96\x7B\x8C\xEA\x82\xCC\x83\x75\x83\x8D\x83\x4F\x8B\x4C\x8E\x96\x82\xC5\x82\xB7";
  std::string title;
  for (int i = 0; i < 6; ++i) title += sjis;
  const Feed feed = parse_text(rss_with_title("", title));
  EXPECT_EQ(feed.title.substr(0, 33), "日本語のブログ記事です");
  EXPECT_TRUE(has_warning(feed, "detected shift_jis")) << feed.warnings.at(0);
}

TEST(Encoding, CharsetFromContentType) {
  EXPECT_EQ(charset_from_content_type("text/xml; charset=ISO-8859-1"), "iso-8859-1");
  EXPECT_EQ(charset_from_content_type("application/rss+xml;charset=\"utf-8\""), "utf-8");
  EXPECT_EQ(charset_from_content_type("text/html"), "");
  EXPECT_EQ(charset_from_content_type(""), "");
}

TEST(Encoding, DeclarationsInDocuments) {
  EXPECT_EQ(xml_declared_encoding("<?xml version=\"1.0\" encoding=\"Windows-1252\"?><a/>"),
            "windows-1252");
  EXPECT_EQ(xml_declared_encoding("<?xml version=\"1.0\"?><a/>"), "");
  EXPECT_EQ(html_meta_charset("<html><head><meta charset=\"euc-kr\">"), "euc-kr");
  EXPECT_EQ(html_meta_charset("<meta http-equiv=\"Content-Type\" "
                              "content=\"text/html; charset=iso-8859-2\">"),
            "iso-8859-2");
}

TEST(Encoding, CanonicalNamesFollowWhatBrowsersDo) {
  EXPECT_EQ(canonical_encoding_name("ISO-8859-1"), "windows-1252");
  EXPECT_EQ(canonical_encoding_name("US-ASCII"), "windows-1252");
  EXPECT_EQ(canonical_encoding_name(" \"UTF8\" "), "utf-8");
  EXPECT_EQ(canonical_encoding_name("GB2312"), "gbk");
  EXPECT_EQ(canonical_encoding_name("Shift_JIS"), "shift_jis");
}

TEST(Encoding, FindInvalidUtf8) {
  EXPECT_EQ(find_invalid_utf8("plain ascii text that is long enough"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("caf\xC3\xA9 \xE2\x80"), 6u);  // a truncated sequence
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);              // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);          // a surrogate
  EXPECT_EQ(find_invalid_utf8("\xF0\x9F\x8D\x9E bread"), std::string_view::npos);
}

}  // namespace
}  // namespace confab
