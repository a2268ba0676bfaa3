#include "base/url.h"

#include <gtest/gtest.h>

#include "base/ascii.h"

namespace confab {
namespace {

struct Resolution {
  const char* reference;
  const char* expected;
};

// RFC 3986 section 5.4: every example resolves against this base.
constexpr const char* kRfcBase = "http://a/b/c/d;p?q";

TEST(ResolveUrl, Rfc3986NormalExamples) {
  const Resolution cases[] = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(resolve_url(kRfcBase, c.reference), c.expected) << "reference: " << c.reference;
  }
}

TEST(ResolveUrl, Rfc3986AbnormalExamples) {
  const Resolution cases[] = {
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http:g"},  // strict parsers keep the reference's own scheme
  };
  for (const auto& c : cases) {
    EXPECT_EQ(resolve_url(kRfcBase, c.reference), c.expected) << "reference: " << c.reference;
  }
}

TEST(ResolveUrl, BaseWithEmptyPathGetsARootSlash) {
  EXPECT_EQ(resolve_url("http://example.com", "post.html"), "http://example.com/post.html");
  EXPECT_EQ(resolve_url("http://example.com", "?p=3"), "http://example.com?p=3");
}

TEST(ResolveUrl, NetworkPathReferenceKeepsBaseScheme) {
  EXPECT_EQ(resolve_url("https://blog.example.org/feed/", "//cdn.example.net/a.png"),
            "https://cdn.example.net/a.png");
}

TEST(ResolveUrl, QueryAndFragmentReferences) {
  EXPECT_EQ(resolve_url("http://ex.com/2009/05/post/", "?replytocom=4"),
            "http://ex.com/2009/05/post/?replytocom=4");
  EXPECT_EQ(resolve_url("http://ex.com/post?p=1#old", "#comments"),
            "http://ex.com/post?p=1#comments");
}

TEST(ResolveUrl, TrimsWhitespaceAndDropsEmbeddedNewlines) {
  EXPECT_EQ(resolve_url("  http://ex.com/a/ \n", "\n   b.html  "), "http://ex.com/a/b.html");
  EXPECT_EQ(resolve_url("http://ex.com/", "http://ex.com/long/\npath"), "http://ex.com/long/path");
}

TEST(ResolveUrl, LowerCasesSchemeAndHostOnly) {
  EXPECT_EQ(resolve_url("http://ex.com/", "HTTP://User@WWW.Example.COM:8080/A/./B?Q#F"),
            "http://User@www.example.com:8080/A/B?Q#F");
}

TEST(ResolveUrl, EmptyBaseReturnsReference) {
  EXPECT_EQ(resolve_url("", "relative/page.html"), "relative/page.html");
  EXPECT_EQ(resolve_url("", " http://ex.com/x "), "http://ex.com/x");
}

TEST(ResolveUrl, RelativeBaseStillMerges) {
  EXPECT_EQ(resolve_url("/blog/", "2009/post"), "/blog/2009/post");
}

TEST(ParseUrl, SplitsEveryComponent) {
  const auto parts = parse_url("HTTPS://bob:pw@Example.com:8443/a/b?x=1&y#frag");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->scheme, "https");
  EXPECT_EQ(parts->userinfo, "bob:pw");
  EXPECT_EQ(parts->host, "Example.com");
  EXPECT_EQ(parts->port, "8443");
  EXPECT_EQ(parts->path, "/a/b");
  EXPECT_EQ(parts->query, "x=1&y");
  EXPECT_EQ(parts->fragment, "frag");
  EXPECT_TRUE(parts->has_query);
  EXPECT_TRUE(parts->has_fragment);
}

TEST(ParseUrl, HandlesIpv6LiteralAndUrns) {
  const auto v6 = parse_url("http://[2001:db8::1]:81/");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "[2001:db8::1]");
  EXPECT_EQ(v6->port, "81");
  const auto urn = parse_url("urn:isbn:0451450523");
  ASSERT_TRUE(urn);
  EXPECT_EQ(urn->scheme, "urn");
  EXPECT_TRUE(urn->host.empty());
  EXPECT_EQ(urn->path, "isbn:0451450523");
}

TEST(ParseUrl, RejectsRelativeReferences) {
  EXPECT_FALSE(parse_url("/just/a/path"));
  EXPECT_FALSE(parse_url("page.html"));
  EXPECT_FALSE(parse_url(""));
  EXPECT_FALSE(parse_url("1http://x"));
}

TEST(UrlHost, LowerCasedHostOrEmpty) {
  EXPECT_EQ(url_host("http://Blog.Example.COM/x"), "blog.example.com");
  EXPECT_EQ(url_host("/relative"), "");
  EXPECT_EQ(url_host("mailto:a@b.c"), "");
  // As parse_url reads it: spaces around it trimmed, tabs and line breaks inside dropped.
  EXPECT_EQ(url_host("  https://Ex\tample.ORG\n:8080/x "), "example.org");
  EXPECT_EQ(url_host("https://user@[::1]:443/"), "[::1]");
  for (const char* url : {"HTTP://A.b/", "h\ttp://c.d", "x:/no-authority", "//e.f/", "g:"}) {
    const auto parts = parse_url(url);
    EXPECT_EQ(url_host(url), parts ? lower(parts->host) : "") << url;
  }
}

TEST(IsHttpUrl, OnlyHttpAndHttpsWithAHost) {
  EXPECT_TRUE(is_http_url("http://ex.com/"));
  EXPECT_TRUE(is_http_url("HTTPS://ex.com"));
  EXPECT_FALSE(is_http_url("ftp://ex.com/"));
  EXPECT_FALSE(is_http_url("javascript:alert(1)"));
  EXPECT_FALSE(is_http_url("/path"));
  EXPECT_FALSE(is_http_url("http:relative"));
  EXPECT_FALSE(is_http_url("http://"));
  EXPECT_FALSE(is_http_url("https://user@:443/x"));
  EXPECT_TRUE(is_http_url(" \thttp://ex.com:8080/a?b#c\n"));
  // The same answer as asking parse_url.
  for (const char* url : {"http://[::1]/", "HTTP://h", "https:///x", "http//x", "h://x"}) {
    const auto parts = parse_url(url);
    EXPECT_EQ(is_http_url(url), parts && (parts->scheme == "http" || parts->scheme == "https") &&
                                    !parts->host.empty())
        << url;
  }
}

TEST(Url, PercentEncodeMakesOneQueryValueAndDecodeUndoesIt) {
  const std::string url = "https://quill.example.org/a b/?x=1&y=é#top";
  const std::string encoded = percent_encode(url);
  EXPECT_EQ(encoded, "https%3A%2F%2Fquill.example.org%2Fa%20b%2F%3Fx%3D1%26y%3D%C3%A9%23top");
  EXPECT_EQ(percent_decode(encoded), url);
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  // A '%' that starts no escape is kept as written.
  EXPECT_EQ(percent_decode("100% sure %zz %4"), "100% sure %zz %4");
  EXPECT_EQ(percent_decode("%41%6a"), "Aj");
}

}  // namespace
}  // namespace confab

namespace confab {
namespace {

TEST(PathSegments, LeaveOutEmptySegments) {
  EXPECT_EQ(path_segments("/@ana/123/"), (std::vector<std::string_view>{"@ana", "123"}));
  EXPECT_EQ(path_segments("a//b"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_TRUE(path_segments("").empty());
  EXPECT_TRUE(path_segments("///").empty());
}

}  // namespace
}  // namespace confab
