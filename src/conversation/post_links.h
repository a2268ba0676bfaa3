// The links a post makes, and an index to find posts by the URLs that name them.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "conversation/build_conversation.h"
#include "parse/feed.h"

namespace confab {

/// Absolute URLs an entry's HTML links to (content, else summary), in order, without repeats.
std::vector<std::string> entry_links(const Entry& entry);

/// The plain text a reader sees in an entry: title, then content (else summary).
std::string entry_text(const Entry& entry);

/// entry_links and entry_text from one reading of the HTML.
struct EntryReading {
  std::vector<std::string> links;
  std::string text;
};
EntryReading read_entry(const Entry& entry);

/// Maps canonical URLs (link, and id when it is a URL) to the posts they name.
class PostIndex {
 public:
  explicit PostIndex(const std::vector<SourceHarvest>& harvests);
  /// The post a URL names, if any.
  const PostRef* find(const std::string& url) const;

 private:
  std::unordered_map<std::string, PostRef> by_url_;
};

}  // namespace confab
