// Which posts belong to the conversation, and which pages the crawl should visit next.
#include <algorithm>
#include <set>

#include "base/url.h"
#include "thread/canonical_url.h"
#include "thread/harvest.h"
#include "thread/post_links.h"
#include "thread/text_match.h"

namespace confab {

namespace {

bool mentions_keyword(const Entry& post, const std::vector<std::string>& folded_keywords) {
  if (folded_keywords.empty()) return false;
  const std::string text = fold_text(entry_text(post));
  return std::any_of(folded_keywords.begin(), folded_keywords.end(),
                     [&](const std::string& keyword) { return contains_phrase(text, keyword); });
}

// Resource links that are never blog posts: crawling them would only waste requests.
bool looks_like_media(const std::string& url) {
  static const char* kExtensions[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".mp3",
                                      ".mp4", ".mov",  ".pdf", ".zip", ".avi",  ".wmv"};
  const auto parts = parse_url(url);
  if (!parts) return true;
  std::string path = parts->path;
  std::transform(path.begin(), path.end(), path.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(std::begin(kExtensions), std::end(kExtensions), [&](const char* ext) {
    const std::string_view e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  });
}

std::string bare_host(const std::string& url) {
  std::string host = url_host(url);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

}  // namespace

std::vector<PostRef> select_conversation_posts(const CampaignSection& campaign,
                                               const std::vector<SourceHarvest>& harvests) {
  std::set<std::string> campaign_links;
  for (const auto& link : campaign.links) campaign_links.insert(canonical_url(link));
  std::vector<std::string> keywords;
  for (const auto& keyword : campaign.keywords) keywords.push_back(fold_text(keyword));

  const PostIndex index(harvests);
  std::set<PostRef> in;
  std::vector<std::pair<PostRef, std::vector<std::string>>> undecided;
  for (std::size_t s = 0; s < harvests.size(); ++s) {
    for (std::size_t p = 0; p < harvests[s].posts.size(); ++p) {
      const Entry& post = harvests[s].posts[p];
      const PostRef ref{s, p};
      auto links = entry_links(post);
      const bool links_campaign = std::any_of(links.begin(), links.end(), [&](const auto& url) {
        return campaign_links.count(canonical_url(url)) > 0;
      });
      if (harvests[s].report.role != SourceKind::blog || links_campaign ||
          mentions_keyword(post, keywords)) {
        in.insert(ref);
      } else {
        undecided.emplace_back(ref, std::move(links));
      }
    }
  }
  // Linking to a conversation post brings a post in; repeat until nothing changes, so a chain of
  // blogs quoting each other is followed whatever order the feeds came in.
  for (bool changed = true; changed;) {
    changed = false;
    for (auto it = undecided.begin(); it != undecided.end();) {
      const bool joins = std::any_of(it->second.begin(), it->second.end(), [&](const auto& url) {
        const PostRef* target = index.find(url);
        return target && !(*target == it->first) && in.count(*target);
      });
      if (joins) {
        in.insert(it->first);
        it = undecided.erase(it);
        changed = true;
      } else {
        ++it;
      }
    }
  }
  return {in.begin(), in.end()};
}

std::vector<std::string> discovery_targets(const CampaignSection& campaign,
                                           const std::vector<SourceHarvest>& harvests) {
  std::set<std::string> known_hosts;
  for (const auto& harvest : harvests) {
    for (const auto* url : {&harvest.report.url, &harvest.report.feed}) {
      if (!url->empty()) known_hosts.insert(bare_host(*url));
    }
    for (const auto& post : harvest.posts) known_hosts.insert(bare_host(post.link));
  }
  std::set<std::string> campaign_links;
  for (const auto& link : campaign.links) campaign_links.insert(canonical_url(link));

  std::vector<std::string> targets;
  std::set<std::string> seen;
  for (const auto& ref : select_conversation_posts(campaign, harvests)) {
    for (const auto& url : entry_links(harvests[ref.source].posts[ref.post])) {
      const std::string host = bare_host(url);
      if (host.empty() || known_hosts.count(host) || campaign_links.count(canonical_url(url)) ||
          looks_like_media(url) || !seen.insert(canonical_url(url)).second) {
        continue;
      }
      targets.push_back(url);
    }
  }
  return targets;
}

}  // namespace confab
