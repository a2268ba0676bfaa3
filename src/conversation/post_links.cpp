#include "conversation/post_links.h"

#include <algorithm>

#include "base/url.h"
#include "conversation/canonical_url.h"
#include "conversation/html_scan.h"

namespace confab {

EntryReading read_entry(const Entry& entry) {
  ScannedHtml scanned =
      scan_html(entry.content.empty() ? entry.summary : entry.content, entry.link);
  EntryReading reading;
  for (auto& link : scanned.links) {
    if (!is_http_url(link.url)) continue;
    if (std::find(reading.links.begin(), reading.links.end(), link.url) == reading.links.end()) {
      reading.links.push_back(std::move(link.url));
    }
  }
  // The base URL only resolves links: the text is the same as entry_text's.
  reading.text = entry.title + " " + scanned.text;
  return reading;
}

std::vector<std::string> entry_links(const Entry& entry) {
  return read_entry(entry).links;
}

std::string entry_text(const Entry& entry) {
  return entry.title + " " +
         scan_html(entry.content.empty() ? entry.summary : entry.content, "").text;
}

PostIndex::PostIndex(const std::vector<SourceHarvest>& harvests) {
  std::size_t posts = 0;
  for (const auto& harvest : harvests) posts += harvest.posts.size();
  by_url_.reserve(posts * 2);
  for (std::size_t s = 0; s < harvests.size(); ++s) {
    for (std::size_t p = 0; p < harvests[s].posts.size(); ++p) {
      const Entry& post = harvests[s].posts[p];
      // First one wins: the same post reached twice stays the post first harvested.
      if (!post.link.empty()) by_url_.emplace(canonical_url(post.link), PostRef{s, p});
      if (is_http_url(post.id)) by_url_.emplace(canonical_url(post.id), PostRef{s, p});
    }
  }
}

const PostRef* PostIndex::find(const std::string& url) const {
  const auto found = by_url_.find(canonical_url(url));
  return found == by_url_.end() ? nullptr : &found->second;
}

}  // namespace confab
