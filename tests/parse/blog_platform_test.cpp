#include "parse/blog_platform.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

Entry post(const std::string& id, const std::string& link) {
  Entry entry;
  entry.id = id;
  entry.link = link;
  return entry;
}

TEST(BlogPlatform, TheGeneratorSaysFirst) {
  const Entry any = post("urn:x", "https://blog.example/a");
  EXPECT_EQ(detect_blog_platform("https://wordpress.org/?v=6.4.2", any), BlogPlatform::wordpress);
  EXPECT_EQ(detect_blog_platform("http://www.blogger.com", any), BlogPlatform::blogger);
  EXPECT_EQ(detect_blog_platform("http://www.typepad.com/", any), BlogPlatform::movable_type);
  EXPECT_EQ(detect_blog_platform("Movable Type Pro 7.9", any), BlogPlatform::movable_type);
  EXPECT_EQ(detect_blog_platform("Hugo 0.120", any), BlogPlatform::unknown);
}

TEST(BlogPlatform, IdsAndHostsSayTheRest) {
  EXPECT_EQ(detect_blog_platform("", post("https://blog.example/?p=42", "https://blog.example/a/")),
            BlogPlatform::wordpress);
  EXPECT_EQ(detect_blog_platform("", post("x", "https://someone.wordpress.com/2024/a/")),
            BlogPlatform::wordpress);
  EXPECT_EQ(detect_blog_platform("", post("tag:blogger.com,1999:blog-1.post-2", "https://a.b/")),
            BlogPlatform::blogger);
  EXPECT_EQ(detect_blog_platform("", post("x", "https://moons.blogspot.com/2024/05/a.html")),
            BlogPlatform::blogger);
  EXPECT_EQ(detect_blog_platform("", post("tag:typepad.com,2003:post-6a", "https://a.b/")),
            BlogPlatform::movable_type);
  // "?p=" followed by anything but digits is not WordPress's guid.
  EXPECT_EQ(detect_blog_platform("", post("https://a.example/?p=abc", "https://a.example/")),
            BlogPlatform::unknown);
  EXPECT_EQ(detect_blog_platform("", post("https://notblogspot.com.example/", "")),
            BlogPlatform::unknown);
}

TEST(BlogPlatform, TheAtomFormOfAWordPressCommentFeed) {
  EXPECT_EQ(wordpress_atom_comment_feed("https://blog.example/2024/05/a/feed/"),
            "https://blog.example/2024/05/a/feed/atom/");
  EXPECT_EQ(wordpress_atom_comment_feed("https://blog.example/2024/05/a/feed"),
            "https://blog.example/2024/05/a/feed/atom/");
  EXPECT_EQ(wordpress_atom_comment_feed("https://blog.example/?feed=comments-rss2&p=42"),
            "https://blog.example/?feed=comments-atom&p=42");
  EXPECT_EQ(wordpress_atom_comment_feed("https://blog.example/2024/05/a/feed/atom/"), "");
  EXPECT_EQ(wordpress_atom_comment_feed("https://blog.example/comments.xml"), "");
  EXPECT_EQ(wordpress_atom_comment_feed("not a url"), "");
}

}  // namespace
}  // namespace confab
