// Markdown (GFM) rendering and content files: front matter, drafts, menu order.
#include <gtest/gtest.h>

#include "render/content_pages.h"
#include "render/front_matter.h"
#include "render/render.h"

namespace confab {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(MarkdownTest, Paragraphs) {
  EXPECT_EQ(markdown_to_html("Hello *world*"), "<p>Hello <em>world</em></p>\n");
}

TEST(MarkdownTest, Table) {
  const std::string html = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_TRUE(contains(html, "<table>")) << html;
  EXPECT_TRUE(contains(html, "<th>a</th>")) << html;
  EXPECT_TRUE(contains(html, "<td>2</td>")) << html;
}

TEST(MarkdownTest, Strikethrough) {
  EXPECT_EQ(markdown_to_html("~~gone~~"), "<p><del>gone</del></p>\n");
}

TEST(MarkdownTest, TaskList) {
  const std::string html = markdown_to_html("- [x] done\n- [ ] todo\n");
  EXPECT_TRUE(contains(html, "checked=\"\"")) << html;
  EXPECT_TRUE(contains(html, "type=\"checkbox\"")) << html;
}

TEST(MarkdownTest, Autolink) {
  const std::string html = markdown_to_html("See www.example.com and https://a.example/x.");
  EXPECT_TRUE(contains(html, "<a href=\"http://www.example.com\">www.example.com</a>")) << html;
  EXPECT_TRUE(contains(html, "<a href=\"https://a.example/x\">https://a.example/x</a>")) << html;
}

TEST(MarkdownTest, RawHtmlKeptForTheSiteOwner) {
  EXPECT_TRUE(contains(markdown_to_html("<div class=\"signup\">Join</div>\n"),
                       "<div class=\"signup\">Join</div>"));
}

TEST(MarkdownTest, SmartPunctuation) {
  EXPECT_EQ(markdown_to_html("\"quoted\" -- yes"), "<p>“quoted” – yes</p>\n");
}

TEST(FrontMatterTest, NoFrontMatter) {
  const ContentDocument document = read_content_document("# Title\n", "a.md");
  EXPECT_EQ(document.body, "# Title\n");
  EXPECT_EQ(document.front_matter.title, "");
  EXPECT_FALSE(document.front_matter.draft);
}

TEST(FrontMatterTest, AllKeys) {
  const ContentDocument document = read_content_document(
      "+++\n"
      "title = \"About \\\"us\\\"\"  # a comment\n"
      "date = 2008-11-12\n"
      "draft = false\n"
      "weight = 10\n"
      "tags = [\"a\", 'b']\n"
      "+++\n"
      "Body\n",
      "about.md");
  EXPECT_EQ(document.front_matter.title, "About \"us\"");
  ASSERT_TRUE(document.front_matter.date);
  EXPECT_EQ(format_rfc3339(*document.front_matter.date), "2008-11-12T00:00:00Z");
  EXPECT_DOUBLE_EQ(document.front_matter.weight, 10);
  EXPECT_EQ(document.body, "Body\n");
}

TEST(FrontMatterTest, DatesAsStringsAndDateTimes) {
  auto date_of = [](const std::string& line) {
    return read_content_document("+++\n" + line + "\n+++\n", "x.md").front_matter.date;
  };
  EXPECT_EQ(format_rfc3339(*date_of("date = \"2008-11-12T10:00:00+02:00\"")),
            "2008-11-12T08:00:00Z");
  EXPECT_EQ(format_rfc3339(*date_of("date = 2008-11-12T10:00:00Z")), "2008-11-12T10:00:00Z");
  EXPECT_EQ(format_rfc3339(*date_of("date = 2008-11-12 10:00:00")), "2008-11-12T10:00:00Z");
  EXPECT_EQ(format_rfc3339(*date_of("date = 2008-11-12T10:00:00.5-01:30")), "2008-11-12T11:30:00Z");
  EXPECT_EQ(format_rfc3339(*date_of("date = \"12 Nov 2008 10:00 GMT\"")), "2008-11-12T10:00:00Z");
}

TEST(FrontMatterTest, WindowsLineEndingsAndBom) {
  const ContentDocument document =
      read_content_document("\xEF\xBB\xBF+++\r\ntitle = 'Hi'\r\n+++\r\nBody\r\n", "w.md");
  EXPECT_EQ(document.front_matter.title, "Hi");
  EXPECT_EQ(document.body, "Body\r\n");
}

TEST(FrontMatterTest, ErrorsNameFileLineAndColumn) {
  auto error_of = [](const std::string& text) -> std::string {
    try {
      read_content_document(text, "bad.md");
    } catch (const RenderError& error) {
      return error.what();
    }
    return "";
  };
  EXPECT_EQ(error_of("+++\ntitle = \"x\"\n"),
            "bad.md:1: front matter opened with +++ is never closed");
  // TOML's own errors, from base/toml_reader, located in the whole file.
  EXPECT_EQ(error_of("+++\n\ntitle = unquoted\n+++\n"),
            "bad.md:3:9: syntax error in value: could not determine value type");
  EXPECT_EQ(error_of("+++\ntitle = \"a\"\ntitle = \"b\"\n+++\n"),
            "bad.md:3:9: syntax error in key-value pair: cannot redefine existing string 'title'");
  EXPECT_EQ(error_of("+++\ntitle = \"open\n+++\n"),
            "bad.md:2:14: syntax error: unterminated string (missing closing quote)");
  // What front matter itself asks of the values.
  EXPECT_EQ(error_of("+++\ndraft = \"yes\"\n+++\n"), "bad.md:2:9: draft must be true or false");
  EXPECT_EQ(error_of("+++\nweight = \"1\"\n+++\n"), "bad.md:2:10: weight must be a number");
  EXPECT_EQ(error_of("+++\n[params]\n+++\n"),
            "bad.md:2:2: tables are not supported in front matter");
  EXPECT_EQ(error_of("+++\ntags = [{ a = 1 }]\n+++\n"),
            "bad.md:2:9: tables are not supported in front matter");
}

TEST(ContentPagesTest, DraftsSkippedIntroSeparatedMenuOrdered) {
  const SiteContent content = read_site_content({
      {"_index.md", "Welcome to **the hub**.\n"},
      {"faq.md", "+++\ntitle = \"FAQ\"\nweight = 2\n+++\nQuestions.\n"},
      {"about.md", "+++\ntitle = \"About\"\nweight = 2\n+++\nUs.\n"},
      {"press.md", "+++\ntitle = \"Press\"\nweight = 1\n+++\nNews.\n"},
      {"secret.md", "+++\ntitle = \"Secret\"\ndraft = true\n+++\nNot yet.\n"},
      {"guides/Getting Started.md", "Steps.\n"},
  });
  EXPECT_EQ(content.intro_html, "<p>Welcome to <strong>the hub</strong>.</p>\n");
  ASSERT_EQ(content.pages.size(), 4u);
  EXPECT_EQ(content.pages[0].title, "Getting Started");  // weight 0
  EXPECT_EQ(content.pages[0].directory, "guides/getting-started/");
  EXPECT_EQ(content.pages[1].title, "Press");
  EXPECT_EQ(content.pages[2].title, "About");
  EXPECT_EQ(content.pages[3].title, "FAQ");
  EXPECT_EQ(content.pages[3].directory, "faq/");
  EXPECT_EQ(content.pages[3].html, "<p>Questions.</p>\n");
}

TEST(ContentPagesTest, PathsMustStayInside) {
  EXPECT_THROW(read_site_content({{"../escape.md", "x"}}), RenderError);
  EXPECT_THROW(read_site_content({{"/abs.md", "x"}}), RenderError);
  EXPECT_THROW(read_site_content({{"a//b.md", "x"}}), RenderError);
}

TEST(ContentPagesTest, BadFrontMatterNamesTheFile) {
  try {
    read_site_content({{"pages/broken.md", "+++\ndraft = maybe\n+++\n"}});
    FAIL() << "no error";
  } catch (const RenderError& error) {
    EXPECT_TRUE(contains(error.what(), "pages/broken.md:2")) << error.what();
  }
}

}  // namespace
}  // namespace confab
