#include "conversation/canonical_url.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

TEST(CanonicalUrl, SpellingsOfOnePageAreEqual) {
  const std::string key = canonical_url("http://blog.example.com/2008/11/love");
  for (const char* spelling : {
           "https://blog.example.com/2008/11/love/",
           "HTTP://Blog.Example.COM/2008/11/love",
           "http://www.blog.example.com/2008/11/love",
           "http://blog.example.com:80/2008/11/love",
           "https://blog.example.com:443/2008/11/love",
           "http://blog.example.com/2008/11/love#comments",
           "http://blog.example.com/2008/11/love?utm_source=feed&utm_medium=rss",
           "http://blog.example.com/2008/11/love?fbclid=abc",
           "http://blog.example.com/2008/11/love?m=1",
       }) {
    EXPECT_EQ(canonical_url(spelling), key) << spelling;
  }
}

TEST(CanonicalUrl, DifferentPagesStayDifferent) {
  EXPECT_NE(canonical_url("http://a.example/?p=1"), canonical_url("http://a.example/?p=2"));
  EXPECT_NE(canonical_url("http://a.example/x"), canonical_url("http://b.example/x"));
  EXPECT_NE(canonical_url("http://a.example:8080/x"), canonical_url("http://a.example/x"));
  EXPECT_NE(canonical_url("http://a.example/X"), canonical_url("http://a.example/x"));
}

TEST(CanonicalUrl, KeepsMeaningfulQueryParameters) {
  EXPECT_EQ(canonical_url("http://a.example/?p=12&utm_campaign=x"), "http://a.example/?p=12");
}

}  // namespace
}  // namespace confab
