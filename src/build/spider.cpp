#include "build/spider.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/identifiers.h"
#include "base/url.h"
#include "build/build_fetcher.h"
#include "build/comment_gathering.h"
#include "build/platform_gathering.h"
#include "conversation/canonical_url.h"
#include "conversation/crawl_rules.h"
#include "parse/feed.h"
#include "parse/html_page.h"
#include "parse/wp_rest_comments.h"

namespace confab {

namespace {

/// Either a parsed feed or, for an HTML page, the feed it advertises; or an error message.
struct FeedOutcome {
  bool parsed = false;
  Feed feed;
  std::string advertised_feed;             ///< set when the document was a page pointing to a feed
  std::vector<std::string> page_warnings;  ///< what reading that page recovered from
  std::string error;
  std::string error_kind;           ///< SourceReport::error_kind
  std::string generator;            ///< what the feed or page says made it
  std::string api_root;             ///< a WordPress REST API root from the Link header or the page
  std::vector<std::string> rel_me;  ///< a page's rel="me" links
};

FeedOutcome read_feed_or_page(const FetchResult& result) {
  FeedOutcome outcome;
  if (!result.ok()) {
    outcome.error = result.error_message;
    outcome.error_kind = fetch_error_name(result.error);
    return outcome;
  }
  const Document document = document_of(result);
  // WordPress sends its API root with every answer, feeds included.
  if (auto root = wp_api_root_from_link_header(result.header("Link")); !root.empty()) {
    outcome.api_root = resolve_url(document.url, root);
  }
  try {
    if (looks_like_feed(document)) {
      outcome.feed = parse_feed(document);
      outcome.generator = outcome.feed.generator;
      outcome.parsed = true;
      return outcome;
    }
    HtmlPage page = parse_html_page(document);
    outcome.page_warnings = std::move(page.warnings);
    outcome.generator = std::move(page.generator);
    if (outcome.api_root.empty()) outcome.api_root = std::move(page.api_root);
    outcome.rel_me = std::move(page.rel_me);
    outcome.advertised_feed = main_feed_url(page);
    if (outcome.advertised_feed.empty()) {
      outcome.error = document.url + ": an HTML page that advertises no feed";
      outcome.error_kind = "not_a_feed";
    }
  } catch (const std::exception& error) {
    outcome.error = error.what();
    outcome.error_kind = "not_a_feed";
  }
  return outcome;
}

SourceStatus status_of(const FetchResult& result) {
  return result.status == 410 ? SourceStatus::gone : SourceStatus::error;
}

class Spider {
 public:
  Spider(const SiteConfig& config, Fetcher& fetcher, UnixTime now, const StepProgress& progress)
      : config_(config), fetcher_(fetcher), now_(now), progress_(progress) {}

  SpiderReport run(SpiderScope scope) {
    read_configured_sources();
    if (scope == SpiderScope::everything) {
      read_comments(0);
      for (int depth = 0; depth < config_.crawl.depth; ++depth) {
        const std::size_t before = report_.harvests.size();
        if (!discover()) break;
        read_comments(before);
      }
    }
    return std::move(report_);
  }

 private:
  /// `named_in_config`: the URLs come from site.toml, so file: URLs may be read; never for
  /// URLs found in content.
  std::vector<FetchResult> fetch(const std::vector<std::string>& urls, const std::string& what,
                                 bool named_in_config = false) {
    if (urls.empty()) return {};
    report_.requests += urls.size();
    std::vector<FetchRequest> requests(urls.begin(), urls.end());
    for (auto& request : requests) request.allow_file = named_in_config;
    return fetcher_.fetch_requests(requests, [&](const FetchProgress& progress) {
      if (progress_) progress_(what, progress);
    });
  }

  std::string unique_source_id(const std::string& name) {
    std::string id = slugify(name, 40);
    for (int n = 2; !source_ids_.insert(id).second; ++n) {
      id = slugify(name, 40) + "-" + std::to_string(n);
    }
    return id;
  }

  void warn(const std::string& message) { report_.warnings.push_back(message); }

  /// What a blog shows about its platform, per harvest (same index).
  struct BlogSignals {
    std::string generator;
    std::string api_root;
  };

  void note_signals(std::size_t harvest, const FeedOutcome& outcome) {
    if (signals_.size() <= harvest) signals_.resize(harvest + 1);
    if (!outcome.generator.empty()) signals_[harvest].generator = outcome.generator;
    if (!outcome.api_root.empty()) signals_[harvest].api_root = outcome.api_root;
  }

  void note_rel_me(const FetchResult& result, const FeedOutcome& outcome) {
    if (outcome.rel_me.empty()) return;
    const std::string page = result.final_url.empty() ? result.url : result.final_url;
    report_.evidence.rel_me[page] = outcome.rel_me;
    if (page != result.url) report_.evidence.rel_me[result.url] = outcome.rel_me;
  }

  void accept_feed(SourceHarvest& harvest, Feed feed, const std::string& feed_url) {
    harvest.report.feed = feed_url;
    harvest.report.status = SourceStatus::ok;
    harvest.report.last_success = now_;
    for (const auto& warning : feed.warnings) warn(harvest.report.name + ": " + warning);
    harvest.posts = std::move(feed.entries);
  }

  void fail(SourceHarvest& harvest, SourceStatus status, const std::string& error,
            const std::string& error_kind) {
    harvest.report.status = status;
    harvest.report.error = error;
    harvest.report.error_kind = error_kind;
    warn(harvest.report.name + ": " + error);
  }

  /// A 301/308 is worth a line to the user: the address in site.toml should follow it.
  void report_permanent_move(const SourceHarvest& harvest, const FetchResult& result,
                             const std::string& what) {
    if (result.moved_to.empty()) return;
    warn(harvest.report.name + ": " + result.url + " moved permanently to " + result.moved_to +
         "; update " + what + " in " + config_.file.filename().string());
  }

  /// Which key of a [[source]] holds the URL that was fetched for it.
  std::string source_key(const SourceConfig& source) const {
    return source.feed.empty() ? "its url" : "its feed";
  }

  /// True when `url` is a thread page or a listing page (a hashtag) of a platform
  /// (build/platform_gathering.h reads those).
  bool is_platform_thread(const std::string& url) const {
    return std::any_of(platforms_.begin(), platforms_.end(), [&](const auto& platform) {
      return platform->thread_of(url).has_value() || !platform->listing_api_url(url).empty();
    });
  }

  void read_configured_sources() {
    std::vector<std::string> urls;
    std::vector<const SourceConfig*> sources;
    for (const auto& source : config_.sources) {
      // A platform thread named in site.toml is read through its platform's API, not as a blog.
      if (source.feed.empty() && is_platform_thread(source.url)) continue;
      sources.push_back(&source);
      SourceHarvest harvest;
      harvest.report.id = unique_source_id(source.name);
      harvest.report.name = source.name;
      harvest.report.url = source.url;
      harvest.report.feed = source.feed;
      harvest.report.role =
          source.role == SourceRole::campaign ? SourceKind::campaign : SourceKind::blog;
      report_.harvests.push_back(std::move(harvest));
      urls.push_back(source.feed.empty() ? source.url : source.feed);
    }
    const auto results = fetch(urls, "feeds", /*named_in_config=*/true);
    std::vector<std::size_t> via_page;
    std::vector<std::string> advertised;
    for (std::size_t i = 0; i < results.size(); ++i) {
      report_permanent_move(report_.harvests[i], results[i], source_key(*sources[i]));
      FeedOutcome outcome = read_feed_or_page(results[i]);
      for (const auto& warning : outcome.page_warnings) {
        warn(report_.harvests[i].report.name + ": " + warning);
      }
      note_signals(i, outcome);
      note_rel_me(results[i], outcome);
      if (outcome.parsed) {
        accept_feed(report_.harvests[i], std::move(outcome.feed), urls[i]);
      } else if (!outcome.advertised_feed.empty()) {
        via_page.push_back(i);
        advertised.push_back(outcome.advertised_feed);
      } else {
        fail(report_.harvests[i], status_of(results[i]), outcome.error, outcome.error_kind);
      }
    }
    const auto feeds = fetch(advertised, "discovered feeds");
    for (std::size_t k = 0; k < feeds.size(); ++k) {
      SourceHarvest& harvest = report_.harvests[via_page[k]];
      report_permanent_move(harvest, feeds[k], "the advertised feed");
      FeedOutcome outcome = read_feed_or_page(feeds[k]);
      note_signals(via_page[k], outcome);
      if (outcome.parsed) {
        accept_feed(harvest, std::move(outcome.feed), advertised[k]);
      } else {
        harvest.report.feed = advertised[k];
        fail(harvest, status_of(feeds[k]),
             outcome.error.empty() ? advertised[k] + ": not a feed" : outcome.error,
             outcome.error_kind.empty() ? "not_a_feed" : outcome.error_kind);
      }
    }
  }

  /// Comments of the conversation posts of harvests[first..], each post read the best way its
  /// blog offers (build/comment_gathering.h).
  void read_comments(std::size_t first) {
    std::vector<CommentPost> wanted;
    std::vector<std::size_t> harvest_of;
    for (const auto& ref : select_conversation_posts(config_.campaign, report_.harvests)) {
      if (ref.source < first) continue;
      const SourceHarvest& harvest = report_.harvests[ref.source];
      const Entry& post = harvest.posts[ref.post];
      const std::string key = post.comments_feed.empty() ? "page:" + post.link : post.comments_feed;
      if ((post.comments_feed.empty() && post.link.empty()) || !comment_posts_.insert(key).second) {
        continue;
      }
      const BlogSignals signals =
          ref.source < signals_.size() ? signals_[ref.source] : BlogSignals{};
      CommentPost item;
      item.post = &post;
      item.source_name = harvest.report.name;
      item.platform = detect_blog_platform(signals.generator, post);
      item.api_root = signals.api_root;
      // A discovered blog's URLs are content, not configuration: [crawl] rules apply to them.
      item.discovered = harvest.report.role == SourceKind::discovered;
      wanted.push_back(std::move(item));
      harvest_of.push_back(ref.source);
    }
    if (wanted.empty()) return;
    CommentGatheringOptions options;
    options.max_pages = config_.fetch.max_comment_pages;
    options.crawl = &config_.crawl;
    options.progress = [&](const FetchProgress& progress) {
      if (progress_) progress_("comment feeds", progress);
    };
    CommentGathering gathering = gather_comments(wanted, fetcher_, options);
    report_.requests += gathering.requests;
    for (auto& warning : gathering.warnings) warn(std::move(warning));
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      GatheredComments& gathered = gathering.posts[i];
      if (!gathered.read) continue;
      SourceHarvest& harvest = report_.harvests[harvest_of[i]];
      const std::string& post_id = wanted[i].post->id;
      auto& comments = harvest.comments[post_id];
      for (auto& entry : gathered.comments) comments.push_back(std::move(entry));
      if (!gathered.whole) harvest.partial_comment_feeds.insert(post_id);
      if (gathered.unchanged) harvest.unchanged_comments.insert(post_id);
    }
  }

  /// One crawl step: pages linked from conversation posts, on blogs nobody configured. Returns
  /// false when there was nothing left to visit.
  bool discover() {
    // thread decides what to crawl ([crawl] allow/deny/allow_private, pingbacks' linking
    // posts, commenters' homepages); private addresses are judged on the URL as written.
    std::vector<std::string> pages;
    std::map<std::string, std::string> led_from;  // canonical page -> post that linked to it
    std::set<std::string> homepages;              // canonical pages that are commenters' homes
    for (const auto& target : crawl_targets(config_, report_.harvests)) {
      if (pages_visited_ >= static_cast<std::size_t>(config_.crawl.max_pages)) break;
      // A platform's thread page is read through its API, not crawled as a blog.
      if (is_platform_thread(target.url)) continue;
      if (!visited_pages_.insert(canonical_url(target.url)).second) continue;
      pages.push_back(target.url);
      led_from.emplace(canonical_url(target.url), target.from);
      if (target.homepage) homepages.insert(canonical_url(target.url));
      ++pages_visited_;
    }
    if (pages.empty()) return false;
    const auto page_results = fetch(pages, "crawl");
    // Pages of one blog share a feed: fetch it once and take every linked post from it.
    std::map<std::string, std::vector<std::string>> targets_by_feed;
    std::vector<std::string> unread_homepages;  // a commenter's homepage need not be a blog
    for (std::size_t i = 0; i < page_results.size(); ++i) {
      FeedOutcome outcome = read_feed_or_page(page_results[i]);
      note_rel_me(page_results[i], outcome);
      const bool homepage = homepages.count(canonical_url(pages[i])) != 0;
      if (!homepage) {
        for (const auto& warning : outcome.page_warnings) warn("crawl: " + warning);
      }
      if (!outcome.advertised_feed.empty()) {
        targets_by_feed[outcome.advertised_feed].push_back(pages[i]);
      } else if (homepage) {
        if (!page_results[i].ok()) unread_homepages.push_back(outcome.error);
      } else if (!outcome.parsed) {
        warn("crawl: " + outcome.error);
      }
    }
    if (!unread_homepages.empty()) {
      warn("crawl: " + std::to_string(unread_homepages.size()) +
           " commenters' homepages could not be read (first: " + unread_homepages.front() + ")");
    }
    std::vector<std::string> feed_urls;
    for (const auto& [feed_url, targets] : targets_by_feed) {
      if (known_feeds().count(feed_url) != 0) continue;
      // The page chose this address: a public page may advertise a feed on a private one.
      if (!crawl_allows(config_.crawl, feed_url)) {
        warn("crawl: " + feed_url + " not fetched: [crawl] allow/deny/allow_private");
        continue;
      }
      feed_urls.push_back(feed_url);
    }
    const auto feed_results = fetch(feed_urls, "discovered blogs");
    for (std::size_t i = 0; i < feed_results.size(); ++i) {
      FeedOutcome outcome = read_feed_or_page(feed_results[i]);
      bool from_homepage = false, from_link = false;
      std::string homepage_from;
      std::set<std::string> wanted;
      for (const auto& target : targets_by_feed[feed_urls[i]]) {
        if (homepages.count(canonical_url(target))) {
          from_homepage = true;
          homepage_from = led_from[canonical_url(target)];
        } else {
          from_link = true;
          wanted.insert(canonical_url(target));
        }
      }
      if (!outcome.parsed) {
        if (from_link) {
          warn("crawl: " + (outcome.error.empty() ? feed_urls[i] + ": not a feed" : outcome.error));
        }
        continue;
      }
      SourceHarvest harvest;
      // A commenter's blog joins with the posts that join the conversation, as any blog would.
      const std::set<std::size_t> joining =
          from_homepage ? posts_joining(outcome.feed.entries) : std::set<std::size_t>{};
      for (std::size_t e = 0; e < outcome.feed.entries.size(); ++e) {
        Entry& entry = outcome.feed.entries[e];
        const bool linked = wanted.count(canonical_url(entry.link)) != 0;
        if (!linked && !joining.count(e)) continue;
        if (harvest.report.discovered_from.empty()) {
          harvest.report.discovered_from =
              linked ? led_from[canonical_url(entry.link)] : homepage_from;
        }
        harvest.posts.push_back(std::move(entry));
      }
      if (harvest.posts.empty()) {
        if (from_link) warn("crawl: " + feed_urls[i] + " does not hold the linked post");
        continue;
      }
      const std::string name =
          outcome.feed.title.empty() ? url_host(feed_urls[i]) : outcome.feed.title;
      harvest.report.id = unique_source_id(name);
      harvest.report.name = name;
      harvest.report.url = outcome.feed.link.empty() ? feed_urls[i] : outcome.feed.link;
      harvest.report.feed = feed_urls[i];
      harvest.report.role = SourceKind::discovered;
      harvest.report.status = SourceStatus::ok;
      harvest.report.last_success = now_;
      note_signals(report_.harvests.size(), outcome);
      report_.harvests.push_back(std::move(harvest));
    }
    return true;
  }

  /// Which of a commenter's blog's entries would join the conversation (README "How confab
  /// decides"): select_conversation_posts asked with the blog beside every harvest so far.
  std::set<std::size_t> posts_joining(const std::vector<Entry>& entries) {
    SourceHarvest candidate;
    candidate.report.role = SourceKind::blog;
    candidate.posts = entries;
    report_.harvests.push_back(std::move(candidate));
    const std::size_t at = report_.harvests.size() - 1;
    std::set<std::size_t> joining;
    for (const auto& ref : select_conversation_posts(config_.campaign, report_.harvests)) {
      if (ref.source == at) joining.insert(ref.post);
    }
    report_.harvests.pop_back();
    return joining;
  }

  std::set<std::string> known_feeds() const {
    std::set<std::string> feeds;
    for (const auto& harvest : report_.harvests) feeds.insert(harvest.report.feed);
    return feeds;
  }

  const SiteConfig& config_;
  std::vector<std::unique_ptr<Platform>> platforms_ = site_platforms(config_);
  Fetcher& fetcher_;
  UnixTime now_;
  const StepProgress& progress_;
  SpiderReport report_;
  std::set<std::string> source_ids_;
  std::set<std::string> comment_posts_;
  std::vector<BlogSignals> signals_;
  std::set<std::string> visited_pages_;
  std::size_t pages_visited_ = 0;
};

}  // namespace

SpiderReport run_spider(const SiteConfig& config, Fetcher& fetcher, UnixTime now,
                        const StepProgress& progress, SpiderScope scope) {
  return Spider(config, fetcher, now, progress).run(scope);
}

}  // namespace confab
