// Which posts belong to the conversation, and which pages the crawl should visit next.
#include <algorithm>
#include <map>
#include <set>

#include "base/ascii.h"
#include "base/url.h"
#include "conversation/build_conversation.h"
#include "conversation/canonical_url.h"
#include "conversation/comment_tree.h"
#include "conversation/crawl_rules.h"
#include "conversation/post_links.h"
#include "conversation/spam_filter.h"
#include "conversation/text_match.h"

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
  const std::string path = lower(parts->path);
  return std::any_of(std::begin(kExtensions), std::end(kExtensions), [&](const char* ext) {
    const std::string_view e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  });
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
  std::vector<PostRef> frontier;
  // Who links to whom among posts not (yet) in: followed backwards from each post that joins.
  std::map<PostRef, std::vector<PostRef>> linked_from;
  for (std::size_t s = 0; s < harvests.size(); ++s) {
    for (std::size_t p = 0; p < harvests[s].posts.size(); ++p) {
      const Entry& post = harvests[s].posts[p];
      const PostRef ref{s, p};
      const auto links = entry_links(post);
      const bool links_campaign = std::any_of(links.begin(), links.end(), [&](const auto& url) {
        return campaign_links.count(canonical_url(url)) > 0;
      });
      if (harvests[s].report.role != SourceKind::blog || links_campaign ||
          mentions_keyword(post, keywords)) {
        in.insert(ref);
        frontier.push_back(ref);
        continue;
      }
      for (const auto& url : links) {
        const PostRef* target = index.find(url);
        if (target && !(*target == ref)) linked_from[*target].push_back(ref);
      }
    }
  }
  // Linking to a conversation post brings a post in, transitively: a breadth-first walk along
  // reversed links, so a chain of blogs quoting each other joins whatever order feeds came in.
  // The same post reached through two feeds is one page: joining through either brings both.
  while (!frontier.empty()) {
    const PostRef at = frontier.back();
    frontier.pop_back();
    std::vector<PostRef> sources;
    const Entry& post = harvests[at.source].posts[at.post];
    if (const PostRef* canonical = index.find(post.link); canonical) sources.push_back(*canonical);
    sources.push_back(at);
    for (const auto& target : sources) {
      auto linkers = linked_from.find(target);
      if (linkers == linked_from.end()) continue;
      for (const auto& linker : linkers->second) {
        if (in.insert(linker).second) frontier.push_back(linker);
      }
    }
  }
  return {in.begin(), in.end()};
}

std::vector<CrawlTarget> crawl_targets(const SiteConfig& config,
                                       const std::vector<SourceHarvest>& harvests) {
  std::set<std::string> known_hosts;
  std::set<std::string> blog_names;
  for (const auto& harvest : harvests) {
    for (const auto* url : {&harvest.report.url, &harvest.report.feed}) {
      if (!url->empty()) known_hosts.insert(bare_host(*url));
    }
    for (const auto& post : harvest.posts) known_hosts.insert(bare_host(post.link));
    blog_names.insert(fold_text(harvest.report.name));
  }
  std::set<std::string> campaign_links;
  for (const auto& link : config.campaign.links) campaign_links.insert(canonical_url(link));

  std::vector<CrawlTarget> targets;
  std::set<std::string> seen;
  auto worth_a_visit = [&](const std::string& url) {
    const std::string host = bare_host(url);
    return !host.empty() && !known_hosts.count(host) && !campaign_links.count(canonical_url(url)) &&
           !looks_like_media(url) && crawl_allows(config.crawl, url) &&
           !seen.count(canonical_url(url));
  };
  auto consider = [&](const std::string& url, const std::string& from, bool via_mention,
                      bool homepage = false) {
    if (!worth_a_visit(url)) return;
    seen.insert(canonical_url(url));
    targets.push_back({url, from, via_mention, homepage});
  };
  const auto posts = select_conversation_posts(config.campaign, harvests);
  for (const auto& ref : posts) {
    const Entry& post = harvests[ref.source].posts[ref.post];
    for (const auto& url : entry_links(post)) consider(url, post.link, false);
  }
  // A pingback or trackback names its linking post: that post is part of the conversation too.
  for (const auto& ref : posts) {
    const SourceHarvest& harvest = harvests[ref.source];
    const Entry& post = harvest.posts[ref.post];
    const auto comments = harvest.comments.find(post.id);
    if (comments == harvest.comments.end()) continue;
    for (const auto& comment : comments->second) {
      if (comment.authors.empty() || comment.authors[0].uri.empty()) continue;
      if (is_mention(comment, post.link, blog_names)) {
        consider(comment.authors[0].uri, post.link, true);
      }
    }
  }
  // A commenter's homepage may be a blog that writes about the campaign too; a spammer's is
  // never visited.
  for (const auto& ref : posts) {
    const SourceHarvest& harvest = harvests[ref.source];
    const Entry& post = harvest.posts[ref.post];
    const auto comments = harvest.comments.find(post.id);
    if (comments == harvest.comments.end()) continue;
    const std::string post_text = entry_text(post);
    const std::string post_author = post.authors.empty() ? "" : post.authors[0].name;
    for (const auto& comment : comments->second) {
      if (comment.authors.empty() || !worth_a_visit(comment.authors[0].uri)) continue;
      const Author& author = comment.authors[0];
      if (is_mention(comment, post.link, blog_names)) continue;
      const auto listed = spam_override(config.spam, author.name, author.uri);
      if (listed == std::optional<bool>(true)) continue;
      const SpamEvidence evidence{
          author.name, author.uri,  comment.content.empty() ? comment.summary : comment.content,
          post_text,   post_author, 0};
      if (listed != std::optional<bool>(false) && judge_comment(evidence).score >= kSpamThreshold) {
        continue;
      }
      consider(author.uri, post.link, false, true);
    }
  }
  return targets;
}

}  // namespace confab
