// HTML pages: what a blog's page tells us about its feeds and what a post's body links to.
#pragma once

#include <string>
#include <vector>

#include "parse/feed.h"

namespace confab {

/// A feed a page advertises with <link rel="alternate" type=...>.
struct FeedLink {
  std::string url;    ///< absolute
  std::string type;   ///< application/rss+xml, application/atom+xml, application/feed+json
  std::string title;  ///< as given; comment feeds usually say "Comments" in it
};

/// An <a href> found in HTML: absolute URL, its text, its rel tokens as written.
struct OutgoingLink {
  std::string url;
  std::string text;
  std::string rel;
};

struct HtmlPage {
  std::string title;
  std::string base_url;             ///< document URL, or <base href> resolved against it
  std::vector<FeedLink> feeds;      ///< in document order
  std::vector<OutgoingLink> links;  ///< every <a href> in the body, in document order
  std::vector<std::string> rel_me;  ///< rel="me" links (<a> or <link>): the author's other pages
  std::string api_root;   ///< WordPress REST API root (<link rel="https://api.w.org/">), "" if none
  std::string generator;  ///< <meta name="generator" content>, "" if none
  std::vector<std::string> warnings;  ///< what was read differently from the page as written
};

/// Parses an HTML page (gumbo): its title, advertised feeds and links.
HtmlPage parse_html_page(const Document& document);

/// Chooses the page's main feed: the first advertised feed whose title does not mark it as a
/// comments feed; "" if none.
std::string main_feed_url(const HtmlPage& page);

}  // namespace confab
