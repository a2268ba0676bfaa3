// Text made safe for XML 1.0 (the feeds, the sitemap, OPML).
#include <gtest/gtest.h>

#include <string>

#include "render/feeds.h"

namespace confab {
namespace {

TEST(XmlEscapeTest, EscapesMarkupAndDropsWhatXmlCannotHold) {
  EXPECT_EQ(xml_escape("<p>Tom & \"Jerry\" 'n' co</p>"),
            "&lt;p&gt;Tom &amp; &quot;Jerry&quot; &#39;n&#39; co&lt;/p&gt;");
  // C0 controls but tab, LF and CR have no XML 1.0 form at all, not even a reference.
  EXPECT_EQ(xml_escape(std::string("a\x01"
                                   "b\x1F"
                                   "\tc\nd\re\x0B",
                                   10)),
            "ab\tc\nd\re");
  EXPECT_EQ(xml_escape(std::string("\0&", 2)), "&amp;");
  EXPECT_EQ(xml_escape("café ✓ 日本"), "café ✓ 日本");  // UTF-8 as it is
  EXPECT_EQ(xml_escape(""), "");
}

TEST(XmlEscapeTest, AppendingGivesTheSameText) {
  for (const std::string& text :
       {std::string("plain"), std::string("<a href=\"x?a=1&b=2\">it's</a>"),
        std::string("\x02start and end\x7F\x1F"), std::string(5000, '<')}) {
    std::string out = "kept:";
    append_xml_escaped(out, text);
    EXPECT_EQ(out, "kept:" + xml_escape(text)) << text;
  }
}

}  // namespace
}  // namespace confab
