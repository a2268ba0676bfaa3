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

/// Reads the last build's conversation.json: the home page (standing for the first campaign
/// link) and each thread's page (standing for its root post). Empty when there is no base_url
/// or no readable file (a first build): nothing is known of the hub's pages yet.
std::vector<HubPage> read_hub_pages(const std::string& conversation_json,
                                    const std::string& base_url);

}  // namespace confab
