#include "parse/html_urls.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

constexpr const char* kBase = "https://blog.example/2009/05/post/";

TEST(AbsolutizeHtmlUrls, RewritesRelativeUrlAttributesOnly) {
  EXPECT_EQ(
      absolutize_html_urls(R"(<a href="../x">x</a> <img src='/i.png' alt="../no">)", kBase),
      R"(<a href="https://blog.example/2009/05/x">x</a> <img src="https://blog.example/i.png" alt="../no">)");
  EXPECT_EQ(absolutize_html_urls("<A HREF=rel.html>r</A>", kBase),
            "<A HREF=\"https://blog.example/2009/05/post/rel.html\">r</A>");
}

TEST(AbsolutizeHtmlUrls, LeavesAbsoluteAndSchemeUrlsAndTextAlone) {
  const std::string html =
      R"(<p>href="x" in text</p><a href="https://a.example/">a</a><a href="mailto:m@x.y">m</a>)"
      R"html(<img src="data:image/png;base64,AAA"><a href="javascript:void(0)">j</a>)html";
  EXPECT_EQ(absolutize_html_urls(html, kBase), html);
}

TEST(AbsolutizeHtmlUrls, DecodesAndReescapesValues) {
  EXPECT_EQ(absolutize_html_urls(R"(<a href="?a=1&amp;b=2">q</a>)", kBase),
            R"(<a href="https://blog.example/2009/05/post/?a=1&amp;b=2">q</a>)");
}

TEST(AbsolutizeHtmlUrls, SrcsetCandidates) {
  EXPECT_EQ(
      absolutize_html_urls(R"(<img srcset="a.jpg 1x, /b.jpg 2x">)", kBase),
      R"(<img srcset="https://blog.example/2009/05/post/a.jpg 1x, https://blog.example/b.jpg 2x">)");
}

TEST(AbsolutizeHtmlUrls, SkipsCommentsAndScripts) {
  const std::string html =
      R"(<!-- <a href="c"> --><script>var s = '<a href="s">';</script><a href="t">t</a>)";
  EXPECT_EQ(
      absolutize_html_urls(html, kBase),
      R"(<!-- <a href="c"> --><script>var s = '<a href="s">';</script><a href="https://blog.example/2009/05/post/t">t</a>)");
}

TEST(AbsolutizeHtmlUrls, EmptyBaseChangesNothing) {
  EXPECT_EQ(absolutize_html_urls(R"(<a href="x">)", ""), R"(<a href="x">)");
}

}  // namespace
}  // namespace confab
