// safe_link_url and safe_image_url: what a third-party URL becomes on the hub. A link already in
// its emitted form takes a shortcut; it must give what the long way gives.
#include "render/safe_url.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace confab {
namespace {

TEST(SafeUrl, ALinkAlreadyInItsEmittedFormIsKeptAsWritten) {
  for (const std::string url :
       {"https://example.com/", "http://example.com/a?b=c&d=e#f", "https://ex.org:8080/p%20q",
        "https://user@host.example/x", "https://bücher.example/straße", "http://[::1]/v6"}) {
    EXPECT_EQ(safe_link_url(url, ""), url);
    EXPECT_EQ(safe_image_url(url, ""), url);
    // The long way (what browsers strip around and inside a URL) comes to the same.
    EXPECT_EQ(safe_link_url(" \t" + url + "\n", ""), url);
    EXPECT_EQ(safe_link_url(url + "\r", "https://base.example/"), url);
  }
}

TEST(SafeUrl, OtherLinksAreCleanedResolvedOrRefused) {
  EXPECT_EQ(safe_link_url("HTTPS://Example.com/A", ""), "https://Example.com/A");
  EXPECT_EQ(safe_link_url("https://example.com/a b", ""), "https://example.com/a%20b");
  EXPECT_EQ(safe_link_url("https://example.com/\x7F", ""), "https://example.com/%7F");
  EXPECT_EQ(safe_link_url("/post/1", "https://blog.example/2008/"), "https://blog.example/post/1");
  EXPECT_EQ(safe_link_url("//cdn.example/x", ""), "https://cdn.example/x");
  EXPECT_EQ(safe_link_url("mailto:a@b.example", ""), "mailto:a@b.example");
  for (const char* refused : {"https://", "http:///path", "javascript:alert(1)", "ftp://x.example/",
                              "/relative-without-base", "", "   "}) {
    EXPECT_EQ(safe_link_url(refused, ""), std::nullopt) << refused;
  }
  EXPECT_EQ(safe_image_url("mailto:a@b.example", ""), std::nullopt);
}

}  // namespace
}  // namespace confab
