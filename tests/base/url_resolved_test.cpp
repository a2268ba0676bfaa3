// resolve_url returns an already resolved http(s) URL as it is, and still normalises anything
// that is not quite so.
#include <gtest/gtest.h>

#include "base/url.h"

namespace confab {
namespace {

TEST(ResolvedUrls, ComeBackUnchanged) {
  for (const char* url : {"https://blog.example/2026/03/post/", "http://a.example",
                          "http://a.example:8080/x?q=1&r=/./#frag", "https://a.example/#top"}) {
    EXPECT_EQ(resolve_url("https://base.example/dir/", url), url);
  }
}

TEST(ResolvedUrls, NearMissesAreStillNormalised) {
  const std::string base = "https://base.example/dir/";
  EXPECT_EQ(resolve_url(base, "http://A.Example/x"), "http://a.example/x");
  EXPECT_EQ(resolve_url(base, "HTTPS://a.example/x"), "https://a.example/x");
  EXPECT_EQ(resolve_url(base, "http://a.example/a/./b/../c"), "http://a.example/a/c");
  EXPECT_EQ(resolve_url(base, "  http://a.example/x\n"), "http://a.example/x");
  EXPECT_EQ(resolve_url(base, "http://a.exa\tmple/x"), "http://a.example/x");
  EXPECT_EQ(resolve_url(base, "http:///x"), resolve_url("", "http:///x"));
}

}  // namespace
}  // namespace confab
