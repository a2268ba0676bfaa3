// The hub's machine-readable files: feeds of new conversation items, the blog list as OPML,
// the sitemap and robots.txt.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "render/i18n.h"
#include "render/site_model.h"

namespace confab {

struct FeedSite {
  std::string title;
  std::string base_url;  ///< absolute, ending in '/', or "" when the site has none
  std::string language;
};

/// Atom 1.0 of the newest conversation items (posts, comments, mentions; spam excluded), newest
/// first. Every link is absolute: entries link to where they were written.
std::string atom_feed(const SiteModel& model, const FeedSite& site, const Strings& strings);

/// The same items as JSON Feed 1.1.
std::string json_feed(const SiteModel& model, const FeedSite& site, const Strings& strings);

/// OPML 2.0 listing every blog's feed, for feed readers.
std::string sources_opml(const SiteModel& model, const FeedSite& site);

/// sitemap.xml for the pages at `paths` (folders relative to the site root, "" is the hub).
/// Needs a base URL: returns "" without one.
std::string sitemap_xml(const FeedSite& site, const std::vector<std::string>& paths);

/// robots.txt: everything allowed but the spam page, and the sitemap when there is one.
std::string robots_txt(const FeedSite& site);

/// Text made safe for XML 1.0: characters XML forbids (C0 controls but tab, LF, CR) removed,
/// & < > " ' escaped.
std::string xml_escape(const std::string& text);
/// The same, appended to `out`.
void append_xml_escaped(std::string& out, std::string_view text);

}  // namespace confab
