// Which posts belong to the conversation, and which pages the crawl should visit next.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "base/ascii.h"
#include "base/parallel_for.h"
#include "base/url.h"
#include "conversation/build_conversation.h"
#include "conversation/canonical_url.h"
#include "conversation/comment_tree.h"
#include "conversation/crawl_rules.h"
#include "conversation/html_scan.h"
#include "conversation/post_links.h"
#include "conversation/spam_filter.h"
#include "conversation/text_match.h"

namespace confab {

namespace {

bool mentions_keyword(const std::string& post_text,
                      const std::vector<std::string>& folded_keywords) {
  if (folded_keywords.empty()) return false;
  const std::string text = fold_text(post_text);
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
  std::unordered_set<std::string> campaign_links;
  for (const auto& link : campaign.links) campaign_links.insert(canonical_url(link));
  std::vector<std::string> keywords;
  for (const auto& keyword : campaign.keywords) keywords.push_back(fold_text(keyword));

  // Posts numbered flat (first[s] + p) so flags and reversed links are plain vectors: the walk
  // below must grow with the posts, not with their logarithm of tree lookups.
  std::vector<std::size_t> first(harvests.size() + 1, 0);
  for (std::size_t s = 0; s < harvests.size(); ++s)
    first[s + 1] = first[s] + harvests[s].posts.size();
  const std::size_t total = first.back();
  std::vector<PostRef> refs(total);
  for (std::size_t s = 0; s < harvests.size(); ++s) {
    for (std::size_t p = 0; p < harvests[s].posts.size(); ++p) refs[first[s] + p] = {s, p};
  }
  auto number = [&](const PostRef& ref) { return first[ref.source] + ref.post; };

  // Reading each post's HTML is the costly part, and each post is read on its own.
  std::vector<std::vector<std::string>> links(total);
  std::vector<char> joins(total, 0);  // joins on its own: campaign source, link or keyword
  parallel_for(total, worker_count_for(total, 512), [&](std::size_t, std::size_t at) {
    const auto [s, p] = refs[at];
    EntryReading reading = read_entry(harvests[s].posts[p]);  // the HTML read once
    links[at] = std::move(reading.links);
    const bool links_campaign =
        std::any_of(links[at].begin(), links[at].end(),
                    [&](const auto& url) { return campaign_links.count(canonical_url(url)) > 0; });
    joins[at] = harvests[s].report.role != SourceKind::blog || links_campaign ||
                mentions_keyword(reading.text, keywords);
  });

  const PostIndex index(harvests);
  std::vector<char> in(total, 0);
  std::vector<std::size_t> frontier;
  // Who links to whom among posts not (yet) in: followed backwards from each post that joins.
  std::vector<std::vector<std::size_t>> linked_from(total);
  for (std::size_t at = 0; at < total; ++at) {
    if (joins[at]) {
      in[at] = 1;
      frontier.push_back(at);
      continue;
    }
    for (const auto& url : links[at]) {
      const PostRef* target = index.find(url);
      if (target && number(*target) != at) linked_from[number(*target)].push_back(at);
    }
  }
  links.clear();
  // Linking to a conversation post brings a post in, transitively: a breadth-first walk along
  // reversed links, so a chain of blogs quoting each other joins whatever order feeds came in.
  // The same post reached through two feeds is one page: joining through either brings both.
  while (!frontier.empty()) {
    const std::size_t at = frontier.back();
    frontier.pop_back();
    const auto [s, p] = refs[at];
    std::size_t targets[2] = {at, at};
    if (const PostRef* canonical = index.find(harvests[s].posts[p].link); canonical) {
      targets[0] = number(*canonical);
    }
    for (const std::size_t target : targets) {
      for (const std::size_t linker : linked_from[target]) {
        if (!in[linker]) {
          in[linker] = 1;
          frontier.push_back(linker);
        }
      }
    }
  }
  std::vector<PostRef> selected;
  for (std::size_t at = 0; at < total; ++at) {
    if (in[at]) selected.push_back(refs[at]);
  }
  return selected;
}

std::vector<CrawlTarget> crawl_targets(const SiteConfig& config,
                                       const std::vector<SourceHarvest>& harvests) {
  std::unordered_set<std::string> known_hosts;
  std::set<std::string> blog_names;
  for (const auto& harvest : harvests) {
    for (const auto* url : {&harvest.report.url, &harvest.report.feed}) {
      if (!url->empty()) known_hosts.insert(bare_host(*url));
    }
    for (const auto& post : harvest.posts) known_hosts.insert(bare_host(post.link));
    blog_names.insert(fold_text(harvest.report.name));
  }
  std::unordered_set<std::string> campaign_links;
  for (const auto& link : config.campaign.links) campaign_links.insert(canonical_url(link));

  std::vector<CrawlTarget> targets;
  std::unordered_set<std::string> seen;
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
    const std::string post_author = post.authors.empty() ? "" : post.authors[0].name;
    std::optional<SpamPostWords> post_words;  // read once per post, and only when needed
    for (const auto& comment : comments->second) {
      if (comment.authors.empty() || !worth_a_visit(comment.authors[0].uri)) continue;
      const Author& author = comment.authors[0];
      if (is_mention(comment, post.link, blog_names)) continue;
      const auto listed = spam_override(config.spam, author.name, author.uri);
      if (listed == std::optional<bool>(true)) continue;
      if (listed != std::optional<bool>(false)) {
        if (!post_words) post_words = spam_post_words(entry_text(post));
        const SpamEvidence evidence{author.name, author.uri, "", "", post_author, 0};
        const ScannedHtml scanned =
            scan_html(comment.content.empty() ? comment.summary : comment.content, "");
        if (judge_comment(evidence, scanned, *post_words).score >= kSpamThreshold) continue;
      }
      consider(author.uri, post.link, false, true);
    }
  }
  return targets;
}

}  // namespace confab
