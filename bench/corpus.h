// The benchmark corpus: blogs' feeds and their posts' comment feeds, generated the same way
// every run (WordPress-like RSS and Blogger-like Atom, with HTML content, entities and links).
#pragma once

#include <string>

namespace confab::bench {

struct CorpusShape {
  int blogs = 1000;
  int posts_per_blog = 5;  ///< each post has a comment feed: blogs * posts comment feeds
};

/// The host serving blog `blog`: blogN.localhost (curl resolves *.localhost to loopback, and
/// distinct hosts let the per-host limit act as on the real web).
std::string blog_host(int blog);

/// The feed of blog `blog`; its posts' links and comment feeds are under `origin`
/// ("http://blogN.localhost:PORT").
std::string blog_feed(int blog, const CorpusShape& shape, const std::string& origin);

/// The comment feed of post `post` of blog `blog`.
std::string comment_feed(int blog, int post, const std::string& origin);

}  // namespace confab::bench
