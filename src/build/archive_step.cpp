#include "build/archive_step.h"

#include <map>
#include <set>

#include "base/identifiers.h"
#include "build/archiving_fetcher.h"
#include "build/comment_gathering.h"
#include "build/platform_gathering.h"
#include "parse/feed.h"
#include "platforms/platforms.h"

namespace confab {

namespace {

std::string role_word(SourceKind role) {
  return source_kind_name(role);
}

SourceKind role_of(const std::string& word) {
  if (word == "campaign") return SourceKind::campaign;
  if (word == "discovered") return SourceKind::discovered;
  return SourceKind::blog;
}

SourceStatus status_of(const std::string& word) {
  if (word == "unchanged") return SourceStatus::unchanged;
  if (word == "error") return SourceStatus::error;
  if (word == "gone") return SourceStatus::gone;
  return SourceStatus::ok;
}

/// A source's identity across builds: what site.toml calls it, or a discovered blog's feed.
std::string archive_key(const SourceReport& report) {
  return report.role == SourceKind::discovered ? report.feed : report.url;
}

/// The role word the archive keeps for a platform source, whose `feed` field names its platform
/// (a platform has no feed).
constexpr const char* kPlatformRole = "platform";

ArchivedSource archived(const SourceReport& report) {
  ArchivedSource source;
  source.key = archive_key(report);
  source.id = report.id;
  source.name = report.name;
  source.url = report.url;
  source.feed = report.platform.empty() ? report.feed : report.platform;
  source.role = report.platform.empty() ? role_word(report.role) : kPlatformRole;
  source.status = source_status_name(report.status);
  source.error = report.error;
  source.last_success = report.last_success;
  source.discovered_from = report.discovered_from;
  return source;
}

SourceReport report_of(const ArchivedSource& source) {
  SourceReport report;
  report.id = source.id;
  report.name = source.name;
  report.url = source.url;
  report.feed = source.feed;
  report.role = role_of(source.role);
  if (source.role == kPlatformRole) {
    report.feed.clear();
    report.platform = source.feed;
    report.platform_label = platform_label(source.feed);
  }
  report.status = status_of(source.status);
  report.error = source.error;
  report.last_success = source.last_success;
  report.discovered_from = source.discovered_from;
  return report;
}

/// What one fresh harvest gave, as the archive merges it: the source's feed, then each comment
/// feed read, each marked unchanged when its URL answered so.
SourceFetch fetch_of(const SourceHarvest& harvest, const ArchivingFetcher& fetcher) {
  SourceFetch fetch;
  fetch.source = archived(harvest.report);
  const auto status = harvest.report.status;
  if (status != SourceStatus::ok && status != SourceStatus::unchanged) return fetch;
  fetch.reads.push_back({"", fetcher.unchanged(harvest.report.feed), harvest.posts});
  for (const auto& [post_id, comments] : harvest.comments) {
    const bool unchanged = harvest.unchanged_comments.count(post_id) != 0;
    const bool whole = harvest.partial_comment_feeds.count(post_id) == 0;
    fetch.reads.push_back({post_id, unchanged, comments, whole});
  }
  return fetch;
}

/// Source ids stay unique when blogs from earlier builds join this build's.
class SourceIds {
 public:
  std::string claim(const std::string& wanted) {
    std::string id = wanted;
    for (int n = 2; !used_.insert(id).second; ++n) id = wanted + "-" + std::to_string(n);
    return id;
  }

 private:
  std::set<std::string> used_;
};

SourceHarvest with_history(SourceReport report, SourceHistory* history) {
  SourceHarvest harvest;
  harvest.report = std::move(report);
  if (history) {
    harvest.posts = std::move(history->posts);
    harvest.comments = std::move(history->comments);
    harvest.archived_rows = history->rows;
  } else {
    harvest.archived_rows = ContentHash{};  // the archive holds nothing for it
  }
  return harvest;
}

/// This build's sources in their order, each with everything the archive holds for it, then
/// blogs discovered in earlier builds that this one did not reach.
std::vector<SourceHarvest> recall(std::vector<SourceReport> current,
                                  std::vector<SourceHistory> histories) {
  std::map<std::string, SourceHistory*> by_key;
  for (auto& history : histories) by_key[history.source.key] = &history;
  std::vector<SourceHarvest> harvests;
  SourceIds ids;
  std::set<std::string> placed;
  for (auto& report : current) {
    report.id = ids.claim(report.id);
    const std::string key = archive_key(report);
    const auto found = by_key.find(key);
    SourceHistory* history = found == by_key.end() ? nullptr : found->second;
    if (history) {
      // A failed source is shown with what the archive remembers of its last success.
      if (!report.last_success) report.last_success = history->source.last_success;
      if (report.feed.empty()) report.feed = history->source.feed;
      if (report.discovered_from.empty()) {
        report.discovered_from = history->source.discovered_from;
      }
    }
    placed.insert(key);
    harvests.push_back(with_history(std::move(report), history));
  }
  std::set<std::string> feeds;
  for (const auto& harvest : harvests) feeds.insert(harvest.report.feed);
  for (auto& history : histories) {
    // Blogs discovered and platform threads found in earlier builds stay in the conversation.
    if (placed.count(history.source.key)) continue;
    if (history.source.role != "discovered" && history.source.role != kPlatformRole) continue;
    // A blog discovered once and configured since is shown once, as configured.
    if (history.source.role == "discovered" && feeds.count(history.source.feed)) continue;
    SourceReport report = report_of(history.source);
    report.id = ids.claim(report.id);
    harvests.push_back(with_history(std::move(report), &history));
  }
  return harvests;
}

/// --offline: the configured sources as the archive last saw them.
std::vector<SourceReport> archived_reports(const SiteConfig& config, Archive& archive) {
  std::vector<SourceReport> reports;
  for (const auto& source : config.sources) {
    SourceReport report;
    report.id = slugify(source.name, 40);
    report.name = source.name;
    report.url = source.url;
    report.feed = source.feed;
    report.role = source.role == SourceRole::campaign ? SourceKind::campaign : SourceKind::blog;
    if (const auto known = archive.source(source.url)) {
      report.feed = known->feed;
      report.status = status_of(known->status);
      report.error = known->error;
      report.last_success = known->last_success;
    } else {
      report.status = SourceStatus::error;
      report.error = "not fetched yet: the archive holds nothing for it (--offline)";
    }
    reports.push_back(std::move(report));
  }
  return reports;
}

void add(MergeCounts& total, const MergeCounts& counts) {
  total.inserted += counts.inserted;
  total.updated += counts.updated;
  total.unchanged += counts.unchanged;
  total.removed_upstream += counts.removed_upstream;
}

/// The archive's history again after a step merged into the sources `touched`: their entries
/// are read anew, every other source's are taken back from `earlier` (the harvests recalled
/// before the step, whose entries the archive still holds as they were). Reading the whole
/// history again cost a second or more per 100,000 entries, with both copies alive at once.
std::vector<SourceHistory> reread(Archive& archive, const std::set<std::string>& touched,
                                  std::vector<SourceHarvest>&& earlier, std::uint64_t rows_key) {
  std::map<std::string, SourceHarvest*> by_key;
  for (auto& harvest : earlier) by_key.emplace(archive_key(harvest.report), &harvest);
  // A source no earlier harvest holds (one this build left out) is read whole, to be sure.
  auto read_anew = [&](const std::string& key) {
    if (touched.count(key) > 0) return true;
    const auto found = by_key.find(key);
    return found == by_key.end() || !found->second->archived_rows;
  };
  std::vector<SourceHistory> histories = archive.history_of(read_anew, rows_key);
  for (auto& history : histories) {
    if (read_anew(history.source.key)) continue;
    SourceHarvest& harvest = *by_key.at(history.source.key);
    history.posts = std::move(harvest.posts);
    history.comments = std::move(harvest.comments);
    history.rows = *harvest.archived_rows;
  }
  return histories;
}

/// How long after a post is published its comment feed is still read once the post has left
/// its blog's feed: a campaign's conversation lasts weeks, not years.
constexpr UnixTime kCommentsFollowedFor = 60 * 24 * 3600;

/// Reads the comment feeds of archived conversation posts that this build's harvest did not
/// reach (their post scrolled out of its feed's window), for posts younger than
/// kCommentsFollowedFor, and merges them. Returns true when it read any.
bool refresh_older_comment_feeds(const SiteConfig& config, const ArchiveStepOptions& options,
                                 std::int64_t run, const std::vector<SourceHarvest>& harvests,
                                 ArchivingFetcher& fetcher, Archive& archive,
                                 ArchiveStepReport& report, std::set<std::string>& touched) {
  const UnixTime now = options.now;
  std::vector<CommentPost> wanted;
  std::vector<std::size_t> harvest_of;
  std::set<std::string> asked;
  for (const auto& ref : select_conversation_posts(config.campaign, harvests)) {
    const SourceHarvest& harvest = harvests[ref.source];
    const Entry& post = harvest.posts[ref.post];
    const auto status = harvest.report.status;
    if (status == SourceStatus::error || status == SourceStatus::gone) continue;
    if (post.comments_feed.empty() || fetcher.fetched(post.comments_feed)) continue;
    const BlogPlatform platform = detect_blog_platform("", post);
    if (platform == BlogPlatform::wordpress &&
        fetcher.fetched(wordpress_atom_comment_feed(post.comments_feed))) {
      continue;
    }
    if (!post.published || *post.published + kCommentsFollowedFor < now) continue;
    if (!asked.insert(post.comments_feed).second) continue;
    CommentPost item;
    item.post = &post;
    item.source_name = harvest.report.name;
    item.platform = platform;
    item.discovered = harvest.report.role == SourceKind::discovered;
    wanted.push_back(std::move(item));
    harvest_of.push_back(ref.source);
  }
  if (wanted.empty()) return false;
  CommentGatheringOptions gathering_options;
  gathering_options.max_pages = config.fetch.max_comment_pages;
  gathering_options.crawl = &config.crawl;
  gathering_options.progress = [&](const FetchProgress& progress) {
    if (options.progress) options.progress("older comment feeds", progress);
  };
  CommentGathering gathering = gather_comments(wanted, fetcher, gathering_options);
  report.requests += gathering.requests;
  for (auto& warning : gathering.warnings) report.warnings.push_back(std::move(warning));
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    GatheredComments& gathered = gathering.posts[i];
    if (!gathered.read) continue;
    FeedRead read;
    read.post_id = wanted[i].post->id;
    read.unchanged = gathered.unchanged;
    read.whole = gathered.whole;
    if (!read.unchanged) read.entries = std::move(gathered.comments);
    SourceFetch fetch;
    fetch.source = archived(harvests[harvest_of[i]].report);
    fetch.reads.push_back(std::move(read));
    add(report.merged, archive.merge_source(run, fetch));
    touched.insert(fetch.source.key);
  }
  return true;
}

/// Reads the platform threads that discuss the conversation (README "Platforms") and merges
/// them; their sources join `current`. Returns true when it merged any.
bool read_platform_threads(const SiteConfig& config, const ArchiveStepOptions& options,
                           std::int64_t run, ArchivingFetcher& fetcher, Archive& archive,
                           ArchiveStepReport& report, std::vector<SourceReport>& current,
                           std::set<std::string>& touched) {
  const auto platforms = site_platforms(config);
  std::vector<const Platform*> list;
  for (const auto& platform : platforms) list.push_back(platform.get());
  const PlatformWork work = platform_work(config, report.harvests, options.hub_pages);
  PlatformGatheringOptions gathering_options;
  gathering_options.settings = &config.platforms;
  gathering_options.now = options.now;
  gathering_options.wait = options.wait;
  gathering_options.progress = [&](const FetchProgress& progress) {
    if (options.progress) options.progress("platforms", progress);
  };
  PlatformGathering gathering = gather_platform_threads(list, work, fetcher, gathering_options);
  redirect_hub_mentions(gathering, options.hub_pages);
  report.requests += gathering.requests;
  for (auto& warning : gathering.warnings) report.warnings.push_back(std::move(warning));
  for (auto& harvest : gathering.harvests) {
    const SourceFetch fetch = fetch_of(harvest, fetcher);
    add(report.merged, archive.merge_source(run, fetch));
    touched.insert(fetch.source.key);
    current.push_back(std::move(harvest.report));
  }
  return !gathering.harvests.empty();
}

}  // namespace

ArchiveStepReport recall_archive(const SiteConfig& config, Archive& archive, UnixTime now,
                                 std::uint64_t rows_key) {
  const auto run = archive.begin_run(now, "offline");
  ArchiveStepReport report;
  report.harvests = recall(archived_reports(config, archive), archive.history(false, rows_key));
  report.previous_build = archive.previous_build(run);
  archive.finish_run(run, now, "ok");
  return report;
}

ArchiveStepReport fetch_into_archive(const SiteConfig& config, Archive& archive, Fetcher& network,
                                     const ArchiveStepOptions& options) {
  const auto run = archive.begin_run(options.now, "online");
  ArchivingFetcher fetcher(network, archive, options.now, options.conditional);
  SpiderReport spider = run_spider(config, fetcher, options.now, options.progress);
  archive.record_fetch_states(fetcher.take_changed_states());
  ArchiveStepReport report;
  report.requests = spider.requests;
  report.warnings = std::move(spider.warnings);
  report.evidence = std::move(spider.evidence);
  std::vector<SourceReport> current;
  for (auto& harvest : spider.harvests) {
    add(report.merged, archive.merge_source(run, fetch_of(harvest, fetcher)));
    if (harvest.report.status == SourceStatus::ok && fetcher.unchanged(harvest.report.feed)) {
      harvest.report.status = SourceStatus::unchanged;
    }
    current.push_back(std::move(harvest.report));
  }
  report.harvests = recall(current, archive.history(false, options.rows_key));
  // Posts that scrolled out of their blog's feed still gather comments: read those feeds too.
  std::set<std::string> touched;
  if (refresh_older_comment_feeds(config, options, run, report.harvests, fetcher, archive, report,
                                  touched)) {
    archive.record_fetch_states(fetcher.take_changed_states());
    report.harvests =
        recall(current, reread(archive, touched, std::move(report.harvests), options.rows_key));
  }
  // Hacker News, Reddit, Lemmy and Discourse threads about what the conversation holds now.
  touched.clear();
  if (read_platform_threads(config, options, run, fetcher, archive, report, current, touched)) {
    archive.record_fetch_states(fetcher.take_changed_states());
    report.harvests = recall(
        std::move(current), reread(archive, touched, std::move(report.harvests), options.rows_key));
  }
  report.previous_build = archive.previous_build(run);
  archive.finish_run(run, options.now, "ok");
  return report;
}

}  // namespace confab
