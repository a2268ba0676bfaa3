#include "build/comment_gathering.h"
#include "build/build_fetcher.h"

#include <algorithm>
#include <set>

#include "conversation/comment_tree.h"
#include "conversation/crawl_rules.h"
#include "parse/comment_markup.h"
#include "parse/comment_merge.h"
#include "parse/wp_rest_comments.h"

namespace confab {

namespace {

CommentFormat format_of(const Feed& feed) {
  return feed.format == FeedFormat::atom10 || feed.format == FeedFormat::atom03
             ? CommentFormat::atom
             : CommentFormat::rss;
}

/// The page that shows a post's comments: RSS <comments> when it names one, else the post.
std::string page_of(const Entry& post) {
  std::string page = post.comments_url.empty() ? post.link : post.comments_url;
  if (const auto hash = page.find('#'); hash != std::string::npos) page.erase(hash);
  return page;
}

/// What is known of one post's comments while its requests come back.
struct PostWork {
  const CommentPost* in = nullptr;
  std::string what;  ///< "<source>: comments of '<title>'", the start of its warnings
  // The comment feed: candidates tried in order (a guessed Atom form first), then its pages.
  std::vector<std::string> feeds;
  std::size_t feed_at = 0;
  bool guessed_first = false;
  std::string feed_page;  ///< the next page to read, "" for the candidate itself
  int feed_pages = 0;
  bool feed_done = false;
  bool feed_ok = false;
  bool feed_first_unchanged = false;
  std::set<std::string> feed_urls_read;
  CommentRead feed_read;
  // The WordPress REST API.
  enum class Api { none, first_page, more_pages, pages_asked, done } api = Api::none;
  std::string wp_post_id;
  int api_pages = 1;
  CommentRead api_read{CommentFormat::wp_rest, {}};
  // The post's page.
  enum class Page { none, wanted, done } page = Page::none;
  CommentRead page_read{CommentFormat::page, {}};

  bool whole = true;
  bool all_unchanged = true;
  bool any_read = false;
};

class Gatherer {
 public:
  Gatherer(const std::vector<CommentPost>& posts, Fetcher& fetcher,
           const CommentGatheringOptions& options)
      : fetcher_(fetcher), options_(options), work_(posts.size()) {
    for (std::size_t i = 0; i < posts.size(); ++i) {
      PostWork& work = work_[i];
      work.in = &posts[i];
      const Entry& post = *posts[i].post;
      work.what = posts[i].source_name + ": comments of '" + post.title + "'";
      if (!post.comments_feed.empty()) {
        if (posts[i].platform == BlogPlatform::wordpress) {
          if (auto atom = wordpress_atom_comment_feed(post.comments_feed); !atom.empty()) {
            work.feeds.push_back(std::move(atom));
            work.guessed_first = true;
          }
        }
        work.feeds.push_back(post.comments_feed);
      }
      work.feeds.erase(std::remove_if(work.feeds.begin(), work.feeds.end(),
                                      [&](const std::string& url) { return !allowed(work, url); }),
                       work.feeds.end());
      if (work.feeds.empty()) finish_feed(work);
    }
  }

  CommentGathering run() {
    for (;;) {
      std::vector<std::string> urls;
      std::vector<std::size_t> owners;
      for (std::size_t i = 0; i < work_.size(); ++i) {
        for (auto& url : next_urls(work_[i])) {
          urls.push_back(std::move(url));
          owners.push_back(i);
        }
      }
      if (urls.empty()) break;
      report_.requests += urls.size();
      const std::vector<FetchRequest> requests(urls.begin(), urls.end());
      const auto results = fetcher_.fetch_requests(requests, options_.progress);
      for (std::size_t k = 0; k < results.size(); ++k) take(work_[owners[k]], urls[k], results[k]);
      for (auto& work : work_) {
        if (work.api == PostWork::Api::pages_asked) work.api = PostWork::Api::done;
      }
    }
    for (auto& work : work_) report_.posts.push_back(finish(work));
    return std::move(report_);
  }

 private:
  bool allowed(const PostWork& work, const std::string& url) const {
    return !work.in->discovered || !options_.crawl || crawl_allows(*options_.crawl, url);
  }

  void warn(const PostWork& work, const std::string& message) {
    report_.warnings.push_back(work.what + ": " + message);
  }

  std::vector<std::string> next_urls(PostWork& work) {
    if (!work.feed_done) {
      return {work.feed_page.empty() ? work.feeds[work.feed_at] : work.feed_page};
    }
    if (work.api == PostWork::Api::first_page) {
      return {wp_rest_comments_url(work.in->api_root, work.wp_post_id, 1)};
    }
    if (work.api == PostWork::Api::more_pages) {
      std::vector<std::string> urls;
      for (int page = 2; page <= work.api_pages; ++page) {
        urls.push_back(wp_rest_comments_url(work.in->api_root, work.wp_post_id, page));
      }
      work.api = PostWork::Api::pages_asked;
      return urls;
    }
    if (work.page == PostWork::Page::wanted) return {page_of(*work.in->post)};
    return {};
  }

  void note(PostWork& work, const FetchResult& result) {
    work.any_read = true;
    if (!result.not_modified) work.all_unchanged = false;
  }

  void take(PostWork& work, const std::string& url, const FetchResult& result) {
    if (!work.feed_done) {
      take_feed(work, url, result);
    } else if (work.api == PostWork::Api::first_page || work.api == PostWork::Api::pages_asked) {
      take_api_page(work, url, result);
    } else if (work.page == PostWork::Page::wanted) {
      take_page(work, result);
    }
  }

  void take_feed(PostWork& work, const std::string& url, const FetchResult& result) {
    const bool paging = !work.feed_page.empty();
    std::string error = result.ok() ? "" : result.error_message;
    Feed feed;
    if (error.empty()) {
      try {
        feed = parse_feed(document_of(result));
      } catch (const std::exception& problem) {
        error = problem.what();
      }
    }
    if (!error.empty()) {
      if (paging) {
        // What the earlier pages gave stands; the rest of the history waits for a later build.
        warn(work, "page " + std::to_string(work.feed_pages + 1) + " " + error);
        work.whole = false;
        finish_feed(work);
      } else if (work.feed_at + 1 < work.feeds.size()) {
        // A guessed form that is not there falls back quietly on the feed the blog named.
        if (!(work.feed_at == 0 && work.guessed_first)) warn(work, error);
        ++work.feed_at;
      } else {
        warn(work, error);
        finish_feed(work);
      }
      return;
    }
    for (const auto& warning : feed.warnings) warn(work, url + ": " + warning);
    note(work, result);
    if (!paging) {
      work.feed_first_unchanged = result.not_modified;
      work.feed_read.format = format_of(feed);
    }
    work.feed_ok = true;
    work.feed_urls_read.insert(url);
    if (!feed.complete) work.whole = false;
    for (auto& entry : feed.entries) work.feed_read.comments.push_back(std::move(entry));
    ++work.feed_pages;
    if (!feed.next.empty() && !work.feed_urls_read.count(feed.next) && allowed(work, feed.next)) {
      if (work.feed_pages < options_.max_pages) {
        work.feed_page = feed.next;
        return;
      }
      warn(work, "more than " + std::to_string(options_.max_pages) +
                     " pages of comments; the older ones were not read ([fetch] "
                     "max_comment_pages)");
      work.whole = false;
    }
    finish_feed(work);
  }

  /// The feed is read (or is not there): what comes next for this post.
  void finish_feed(PostWork& work) {
    work.feed_done = true;
    const CommentPost& in = *work.in;
    // An unchanged comment feed means an unchanged post: the archive holds the rest.
    const bool feed_unchanged = work.feed_ok && work.feed_first_unchanged;
    if (in.platform == BlogPlatform::wordpress && !in.api_root.empty() && !feed_unchanged) {
      work.wp_post_id = wordpress_post_id(in.post->id);
      if (work.wp_post_id.empty()) work.wp_post_id = wordpress_post_id(in.post->link);
      const std::string first = work.wp_post_id.empty()
                                    ? std::string()
                                    : wp_rest_comments_url(in.api_root, work.wp_post_id, 1);
      if (!first.empty() && allowed(work, first)) {
        work.api = PostWork::Api::first_page;
        return;
      }
    }
    want_page_unless_read(work);
  }

  void want_page_unless_read(PostWork& work) {
    const std::string page = page_of(*work.in->post);
    if (!work.feed_ok && work.api_read.comments.empty() && !page.empty() && allowed(work, page)) {
      work.page = PostWork::Page::wanted;
    }
  }

  void take_api_page(PostWork& work, const std::string& url, const FetchResult& result) {
    const bool first = work.api == PostWork::Api::first_page;
    std::string error = result.ok() ? "" : result.error_message;
    if (error.empty()) {
      try {
        WpRestComments page = read_wp_rest_comments(document_of(result), *work.in->post);
        for (const auto& warning : page.warnings) warn(work, warning);
        note(work, result);
        for (auto& entry : page.comments) work.api_read.comments.push_back(std::move(entry));
      } catch (const std::exception& problem) {
        error = problem.what();
      }
    }
    if (!error.empty()) {
      warn(work, "WordPress REST API " + (first ? std::string() : "(" + url + ") ") + error);
      // A page missing mid-way: comments it held are not evidence of moderation.
      if (!first) work.whole = false;
    }
    if (first) {
      if (!error.empty()) {
        work.api = PostWork::Api::done;
        want_page_unless_read(work);
        return;
      }
      const std::string total = result.header("X-WP-TotalPages");
      int pages = 1;
      try {
        pages = total.empty() ? 1 : std::max(1, std::stoi(total));
      } catch (const std::exception&) {
        warn(work, url + ": X-WP-TotalPages '" + total + "' is not a number; read page 1 only");
      }
      if (pages > options_.max_pages) {
        warn(work, std::to_string(pages) + " pages of comments in the WordPress REST API; read " +
                       std::to_string(options_.max_pages) + " ([fetch] max_comment_pages)");
        pages = options_.max_pages;
        work.whole = false;
      }
      work.api_pages = pages;
      work.api = pages > 1 ? PostWork::Api::more_pages : PostWork::Api::done;
      if (work.api == PostWork::Api::done) want_page_unless_read(work);
    }
  }

  void take_page(PostWork& work, const FetchResult& result) {
    work.page = PostWork::Page::done;
    if (!result.ok()) {
      warn(work, result.error_message);
      return;
    }
    try {
      CommentMarkup markup = read_comment_markup(document_of(result), *work.in->post);
      for (const auto& warning : markup.warnings) warn(work, warning);
      note(work, result);
      work.page_read.comments = std::move(markup.comments);
    } catch (const std::exception& problem) {
      warn(work, problem.what());
    }
  }

  GatheredComments finish(PostWork& work) {
    GatheredComments gathered;
    gathered.read = work.any_read;
    gathered.whole = work.whole;
    gathered.unchanged = work.any_read && work.all_unchanged;
    std::vector<CommentRead> reads;
    if (work.api == PostWork::Api::done && work.any_read && !work.api_read.comments.empty()) {
      reads.push_back(std::move(work.api_read));
    }
    if (work.feed_ok) reads.push_back(std::move(work.feed_read));
    if (!work.page_read.comments.empty()) reads.push_back(std::move(work.page_read));
    for (const auto& read : reads) gathered.formats.push_back(comment_format_name(read.format));
    if (reads.empty()) return gathered;
    gathered.comments = merge_comment_reads(reads);
    std::vector<bool> unknown;
    resolve_comment_parents(*work.in->post, gathered.comments, unknown);
    const auto lost = std::count(unknown.begin(), unknown.end(), true);
    if (lost > 0) {
      warn(work, std::to_string(lost) + (lost == 1 ? " reply names" : " replies name") +
                     " a parent comment that none of " + join_formats(gathered.formats) +
                     " holds; shown under the post");
    }
    return gathered;
  }

  static std::string join_formats(const std::vector<std::string>& formats) {
    std::string joined;
    for (const auto& format : formats) joined += (joined.empty() ? "" : ", ") + format;
    return joined;
  }

  Fetcher& fetcher_;
  const CommentGatheringOptions& options_;
  std::vector<PostWork> work_;
  CommentGathering report_;
};

}  // namespace

CommentGathering gather_comments(const std::vector<CommentPost>& posts, Fetcher& fetcher,
                                 const CommentGatheringOptions& options) {
  return Gatherer(posts, fetcher, options).run();
}

}  // namespace confab
