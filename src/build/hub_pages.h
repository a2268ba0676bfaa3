// The hub's own pages as the last build published them, for the Webmentions they receive
// ([site] webmention): a mention of a thread's page is a mention of the thread's post.
#pragma once

#include <string>
#include <vector>

namespace confab {

struct HubPage {
  std::string url;         ///< the page as published: base_url + "threads/<slug>/", or base_url
  std::string stands_for;  ///< the post its thread starts with; the home page: the campaign
};

/// The hub's home page (standing for the first of `campaign_links`), then each thread's page
/// as the last build's conversation.json names it (standing for its root post; none on a first
/// build, or when the file cannot be read). Empty without a base_url.
std::vector<HubPage> read_hub_pages(const std::string& conversation_json,
                                    const std::string& base_url,
                                    const std::vector<std::string>& campaign_links);

}  // namespace confab
