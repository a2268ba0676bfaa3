#include "build/platform_gathering.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>

#include "base/identifiers.h"
#include "base/url.h"
#include "build/build_fetcher.h"
#include "conversation/canonical_url.h"
#include "conversation/crawl_rules.h"
#include "conversation/post_links.h"
#include "parse/xml_text.h"
#include "platforms/json_answer.h"
#include "platforms/platforms.h"

namespace confab {
namespace {

/// One request still to make on a lane.
struct Job {
  enum class Kind { lookup, thread, more, listing, mentions } kind = Kind::lookup;
  std::string url;           ///< the API URL to ask
  std::string looked_up;     ///< lookup, mentions: the URL whose threads are wanted
  PlatformThreadRef thread;  ///< thread, more: the thread it reads (more: url is the story's id)
  std::string listing;       ///< listing: the page listed (a hashtag page), for messages
  std::size_t listed = 0;    ///< listing: threads the pages before this one named
};

/// Everything read of one thread this build.
struct ThreadState {
  std::string story_id;      ///< the key its comments go under ("" until its answer is read)
  std::size_t story_at = 0;  ///< the story's place in the lane's harvest posts
  std::vector<Entry> comments;
  std::size_t pending = 0;  ///< follow-up requests still queued
  bool cut_short = false;   ///< a follow-up failed or was never made
};

/// A platform on one host (an instance for Lemmy and Discourse): its own budget and queue, so
/// one rate-limited API never holds up another.
struct Lane {
  const Platform* platform = nullptr;
  std::string instance;
  std::deque<Job> jobs;
  std::set<std::string> threads_queued;  ///< thread ids, so a thread is read once
  std::set<std::string> mentions_taken;  ///< mention ids, so one read twice is kept once
  std::map<std::string, ThreadState> threads;
  int requests = 0;
  int lookups = 0;
  int failures = 0;
  int unchanged = 0;  ///< answers that were the same as the last build's
  std::string first_failure;
  bool stopped = false;  ///< the API said to back off (429, 403): no more requests this build
  SourceHarvest harvest;
};

std::string lane_key(const Platform& platform, const std::string& instance) {
  return std::string(platform.name()) + " " + instance;
}

/// `url` with its origin replaced by `instance` ("https://forum.example.com").
std::string on_instance(const std::string& url, const std::string& instance) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const std::size_t path = url.find_first_of("/?#", scheme + 3);
  return instance + (path == std::string::npos ? "" : url.substr(path));
}

std::string lane_name(const Lane& lane) {
  std::string name(lane.platform->label());
  if (!lane.instance.empty()) name += " (" + url_host(lane.instance) + ")";
  return name;
}

class Gatherer {
 public:
  Gatherer(const std::vector<const Platform*>& platforms, Fetcher& fetcher,
           const PlatformGatheringOptions& options)
      : platforms_(platforms), fetcher_(fetcher), options_(options) {}

  PlatformGathering run(const PlatformWork& work) {
    queue_threads(work.thread_urls);
    queue_archived(work.archived_threads);
    queue_listings(work.thread_urls);
    queue_lookups(work.lookup_urls);
    bool first_round = true;
    while (true) {
      std::vector<Lane*> asking;
      std::vector<std::string> urls;
      for (Lane* lane : order_) {
        if (lane->stopped || lane->jobs.empty()) continue;
        if (lane->requests >= settings().max_requests) continue;
        asking.push_back(lane);
        urls.push_back(lane->jobs.front().url);
      }
      if (asking.empty()) break;
      if (!first_round && settings().interval > 0 && options_.wait) {
        options_.wait(settings().interval);
      }
      first_round = false;
      std::vector<FetchResult> results = fetcher_.fetch_all(urls);
      report_.requests += results.size();
      for (std::size_t i = 0; i < asking.size(); ++i) {
        Lane& lane = *asking[i];
        Job job = std::move(lane.jobs.front());
        lane.jobs.pop_front();
        ++lane.requests;
        answer(lane, job, results[i]);
      }
    }
    finish();
    return std::move(report_);
  }

 private:
  const PlatformsSection& settings() const { return *options_.settings; }

  Lane& lane_for(const Platform& platform, const std::string& instance) {
    const std::string key = lane_key(platform, instance);
    auto [it, inserted] = lanes_.try_emplace(key);
    if (inserted) {
      it->second.platform = &platform;
      it->second.instance = instance;
      order_.push_back(&it->second);
    }
    return it->second;
  }

  void queue_thread(Lane& lane, const PlatformThreadRef& thread) {
    if (!lane.threads_queued.insert(thread.id).second) return;
    Job job;
    job.kind = Job::Kind::thread;
    job.url = lane.platform->thread_api_url(thread);
    job.thread = thread;
    if (job.url.empty()) return;
    lane.jobs.push_back(std::move(job));
  }

  void queue_archived(const std::vector<std::pair<std::string, std::string>>& threads) {
    for (const auto& [name, url] : threads) {
      for (const Platform* platform : platforms_) {
        if (platform->name() != name) continue;
        if (auto thread = platform->thread_of(url)) {
          queue_thread(lane_for(*platform, thread->instance), *thread);
        }
        break;
      }
    }
  }

  void queue_threads(const std::vector<std::string>& urls) {
    for (const std::string& url : urls) {
      for (const Platform* platform : platforms_) {
        if (auto thread = platform->thread_of(url)) {
          queue_thread(lane_for(*platform, thread->instance), *thread);
          break;
        }
      }
    }
  }

  /// Listing pages named in site.toml (a Mastodon hashtag, a Bluesky profile): read page by
  /// page, each status or post a thread, up to [platforms] max_listed threads.
  void queue_listings(const std::vector<std::string>& urls) {
    for (const std::string& url : urls) {
      for (const Platform* platform : platforms_) {
        std::string api = platform->listing_api_url(url);
        if (api.empty()) continue;
        Job job;
        job.kind = Job::Kind::listing;
        job.url = std::move(api);
        job.listing = url;
        lane_for(*platform, platform->has_instances() ? origin_of(url).value_or("") : "")
            .jobs.push_back(std::move(job));
        break;
      }
    }
  }

  bool looks_up(const Platform& platform) const {
    const auto& names = settings().lookup;
    return std::find(names.begin(), names.end(), platform.name()) != names.end();
  }

  /// The hosts a platform is asked on: its own site, or the instances site.toml lists.
  std::vector<std::string> instances_of(const Platform& platform) const {
    if (platform.name() == "lemmy") return settings().lemmy;
    if (platform.name() == "discourse") return settings().discourse;
    return {""};
  }

  void queue_lookups(const std::vector<std::string>& urls) {
    for (const Platform* platform : platforms_) {
      if (!looks_up(*platform)) continue;
      for (const std::string& instance : instances_of(*platform)) {
        Lane& lane = lane_for(*platform, instance);
        std::size_t skipped = 0;
        for (const std::string& url : urls) {
          if (lane.lookups >= settings().max_lookups) {
            ++skipped;
            continue;
          }
          Job job;
          job.kind = Job::Kind::lookup;
          job.url = platform->lookup_url(url, instance);
          job.looked_up = url;
          if (job.url.empty()) {
            // A Webmention receiver holds the mentions themselves, not threads.
            job.kind = Job::Kind::mentions;
            job.url = platform->mentions_url(url);
          }
          if (job.url.empty()) continue;
          ++lane.lookups;
          // Lookups go first: the threads they find are read in the same build.
          lane.jobs.push_back(std::move(job));
        }
        if (skipped > 0) {
          report_.warnings.push_back(
              lane_name(lane) + ": looked up " + std::to_string(settings().max_lookups) +
              " URLs, " + std::to_string(skipped) + " more wait for [platforms] max_lookups");
        }
      }
    }
  }

  void fail(Lane& lane, const std::string& message) {
    ++lane.failures;
    if (lane.first_failure.empty()) lane.first_failure = message;
    report_.warnings.push_back(lane_name(lane) + ": " + message);
  }

  void answer(Lane& lane, const Job& job, const FetchResult& result) {
    if (!result.ok()) {
      std::string message =
          result.error_message.empty() ? "request failed: " + job.url : result.error_message;
      // A platform that says "too many requests" or "forbidden" is pressed no further.
      if (result.status == 429 || result.status == 403) {
        lane.stopped = true;
        message += "; no more requests to it this build (it asks to back off)";
      }
      if (reads_thread(job)) thread_state(lane, job.thread).cut_short = true;
      if (job.kind == Job::Kind::more) --thread_state(lane, job.thread).pending;
      fail(lane, message);
      return;
    }
    if (result.not_modified) ++lane.unchanged;
    const Document document = document_of(result);
    try {
      switch (job.kind) {
        case Job::Kind::lookup:
          if (result.not_modified) return;  // its threads are read through their own URLs
          for (PlatformThreadRef thread : lane.platform->read_lookup(document)) {
            // Asked through a configured API, an answer cannot tell which instance it speaks
            // for: the lane's instance it is.
            if (!lane.instance.empty() && thread.instance != lane.instance) {
              thread.url = on_instance(thread.url, lane.instance);
              thread.instance = lane.instance;
            }
            queue_thread(lane_for(*lane.platform, thread.instance), thread);
          }
          return;
        case Job::Kind::thread:
          read_thread(lane, job, result, document);
          return;
        case Job::Kind::more: {
          ThreadState& state = thread_state(lane, job.thread);
          --state.pending;
          take(lane, job.thread, state, lane.platform->read_more(document, job.thread));
          return;
        }
        case Job::Kind::listing:
          if (!result.not_modified) read_listing(lane, job, document);
          return;
        case Job::Kind::mentions:
          if (!result.not_modified) read_mentions(lane, job, document);
          return;
      }
    } catch (const ParseError& error) {
      if (reads_thread(job)) thread_state(lane, job.thread).cut_short = true;
      fail(lane, error.what());
    }
  }

  static bool reads_thread(const Job& job) {
    return job.kind == Job::Kind::thread || job.kind == Job::Kind::more;
  }

  void read_listing(Lane& lane, const Job& job, const Document& document) {
    PlatformListing page = lane.platform->read_listing(document);
    for (std::string& warning : page.warnings) {
      report_.warnings.push_back(lane_name(lane) + ": " + warning);
    }
    const auto bound = static_cast<std::size_t>(std::max(settings().max_listed, 0));
    std::size_t listed = job.listed;
    std::size_t fresh = 0;
    for (const PlatformThreadRef& thread : page.threads) {
      if (listed >= bound) break;
      ++listed;
      Lane& reader = lane_for(*lane.platform, thread.instance);
      if (!reader.threads_queued.count(thread.id)) ++fresh;
      queue_thread(reader, thread);
    }
    // A page naming nothing new: the listing ended (or the server ignores paging).
    if (page.next.empty() || fresh == 0) return;
    if (listed >= bound) {
      report_.warnings.push_back(lane_name(lane) + ": " + job.listing + ": read its first " +
                                 std::to_string(bound) +
                                 " threads ([platforms] max_listed); older ones are not read");
      return;
    }
    Job next;
    next.kind = Job::Kind::listing;
    next.url = std::move(page.next);
    next.listing = job.listing;
    next.listed = listed;
    lane.jobs.push_back(std::move(next));
  }

  void read_mentions(Lane& lane, const Job& job, const Document& document) {
    PlatformThread mentions = lane.platform->read_mentions(document);
    for (Entry& post : mentions.posts) {
      // A page that mentions two of the looked-up URLs is one post, under the first.
      if (lane.mentions_taken.insert(post.id).second) lane.harvest.posts.push_back(std::move(post));
    }
    for (std::string& warning : mentions.warnings) {
      report_.warnings.push_back(lane_name(lane) + ": " + warning);
    }
    for (std::string& url : mentions.more) {
      Job next;
      next.kind = Job::Kind::mentions;
      next.url = std::move(url);
      next.looked_up = job.looked_up;
      lane.jobs.push_front(std::move(next));
    }
  }

  ThreadState& thread_state(Lane& lane, const PlatformThreadRef& thread) {
    return lane.threads[thread.id];
  }

  void read_thread(Lane& lane, const Job& job, const FetchResult& result,
                   const Document& document) {
    ThreadState& state = thread_state(lane, job.thread);
    if (result.not_modified) {
      // Unchanged since the last build: what the archive holds stands, follow-ups included.
      lane.harvest.unchanged_comments.insert(job.thread.url);
      state.story_id = job.thread.url;
      return;
    }
    PlatformThread thread = lane.platform->read_thread(document, job.thread);
    if (thread.instead) {
      // A reply, or a name resolved: its thread is read from where it starts. Not a thread of
      // its own, so nothing is cut short.
      lane.threads.erase(job.thread.id);
      queue_thread(lane_for(*lane.platform, thread.instead->instance), *thread.instead);
      return;
    }
    if (!thread.story) {
      fail(lane, document.url + ": the answer holds no story");
      return;
    }
    state.story_id = thread.story->id;
    state.story_at = lane.harvest.posts.size();
    lane.harvest.posts.push_back(std::move(*thread.story));
    // Follow-ups name the story by the id its comments hang under.
    PlatformThreadRef story = job.thread;
    story.url = state.story_id;
    take(lane, story, state, std::move(thread));
  }

  void take(Lane& lane, const PlatformThreadRef& ref, ThreadState& state, PlatformThread thread) {
    for (Entry& comment : thread.comments) state.comments.push_back(std::move(comment));
    for (Entry& post : thread.posts) lane.harvest.posts.push_back(std::move(post));
    if (thread.reply_cap && !state.story_id.empty()) {
      lane.harvest.posts[state.story_at].reply_cap = thread.reply_cap;
      report_.warnings.push_back(lane_name(lane) + ": " + state.story_id + " shows " +
                                 std::to_string(*thread.reply_cap) +
                                 " replies, the most it shows without an account: more may exist");
    }
    for (std::string& warning : thread.warnings) {
      report_.warnings.push_back(lane_name(lane) + ": " + warning);
    }
    if (thread.deleted > 0) deleted_[&lane] += thread.deleted;
    for (std::string& url : thread.more) {
      Job job;
      job.kind = Job::Kind::more;
      job.url = std::move(url);
      job.thread = ref;
      ++state.pending;
      // Follow-ups first, so a thread is whole before the next one starts.
      lane.jobs.push_front(std::move(job));
    }
  }

  void finish() {
    for (Lane* lane : order_) {
      if (lane->requests == 0) continue;
      std::size_t left = 0;
      for (auto& [id, state] : lane->threads) {
        if (state.story_id.empty()) continue;
        if (state.pending > 0 || state.cut_short) {
          lane->harvest.partial_comment_feeds.insert(state.story_id);
        }
        if (!lane->harvest.unchanged_comments.count(state.story_id)) {
          lane->harvest.comments[state.story_id] = std::move(state.comments);
        }
      }
      left = lane->jobs.size();
      if (left > 0 && !lane->stopped) {
        report_.warnings.push_back(lane_name(*lane) + ": request budget of " +
                                   std::to_string(settings().max_requests) +
                                   " spent ([platforms] max_requests); " + std::to_string(left) +
                                   " requests wait for the next build");
      }
      if (const auto deleted = deleted_.find(lane); deleted != deleted_.end()) {
        report_.warnings.push_back(lane_name(*lane) + ": " + std::to_string(deleted->second) +
                                   " deleted or removed comments left out");
      }
      SourceReport& report = lane->harvest.report;
      report.name = lane_name(*lane);
      report.id = slugify(report.name, 40);
      report.url = lane->instance.empty()
                       ? default_endpoints(std::string(lane->platform->name())).site
                       : lane->instance;
      report.role = SourceKind::blog;
      report.platform = lane->platform->name();
      report.platform_label = lane->platform->label();
      if (lane->failures == lane->requests) {
        report.status = SourceStatus::error;
        report.error = lane->first_failure;
      } else {
        report.last_success = options_.now;
        // Every answer as it was: the platform is "unchanged", as a blog whose feed is.
        if (lane->unchanged == lane->requests) report.status = SourceStatus::unchanged;
      }
      report_.harvests.push_back(std::move(lane->harvest));
    }
  }

  const std::vector<const Platform*>& platforms_;
  Fetcher& fetcher_;
  const PlatformGatheringOptions& options_;
  std::map<std::string, Lane> lanes_;
  std::vector<Lane*> order_;
  std::map<const Lane*, std::size_t> deleted_;
  PlatformGathering report_;
};

}  // namespace

std::vector<std::unique_ptr<Platform>> site_platforms(const SiteConfig& config) {
  PlatformEndpointMap endpoints;
  for (const auto& [name, api] : config.platforms.api) {
    PlatformEndpoints& set = endpoints[name];
    set = default_endpoints(name);
    set.api = api;
  }
  return make_platforms(endpoints);
}

PlatformWork platform_work(const SiteConfig& config, const std::vector<SourceHarvest>& harvests,
                           const std::vector<HubPage>& hub_pages) {
  PlatformWork work;
  std::set<std::string> seen;
  auto add_lookup = [&](const std::string& url) {
    if (!url.empty() && is_http_url(url) && seen.insert(canonical_url(url)).second) {
      work.lookup_urls.push_back(url);
    }
  };
  for (const std::string& link : config.campaign.links) add_lookup(link);
  if (!config.site.webmention.empty()) {
    for (const HubPage& page : hub_pages) add_lookup(page.url);
  }
  std::vector<const Entry*> posts;
  std::set<std::string> thread_urls;
  auto add_thread = [&](const std::string& url) {
    if (thread_urls.insert(url).second) work.thread_urls.push_back(url);
  };
  for (const auto& source : config.sources) add_thread(source.url);
  // Threads read in earlier builds are read again (an unchanged one costs one conditional
  // request): a lookup that answers "unchanged" names no thread, and comments keep coming.
  // Each through the platform that read it: a Webmention's page (a reply's blog post, a like
  // through a bridge) is no thread of the platform whose URL it may look like.
  std::vector<std::pair<const Entry*, const std::string*>> stories;
  for (const SourceHarvest& harvest : harvests) {
    if (harvest.report.platform.empty()) continue;
    for (const Entry& story : harvest.posts) stories.emplace_back(&story, &harvest.report.platform);
  }
  std::stable_sort(stories.begin(), stories.end(), [](const auto& a, const auto& b) {
    return a.first->published.value_or(0) > b.first->published.value_or(0);
  });
  for (const auto& [story, platform] : stories) {
    work.archived_threads.emplace_back(*platform, story->link);
  }
  for (const PostRef& ref : select_conversation_posts(config.campaign, harvests)) {
    const SourceHarvest& harvest = harvests[ref.source];
    const Entry& post = harvest.posts[ref.post];
    // Links found in content follow the crawl's rules ([crawl] deny, allow); depth 0 follows
    // none.
    auto add_linked = [&](const std::string& url) {
      if (config.crawl.depth > 0 && crawl_allows(config.crawl, url)) add_thread(url);
    };
    for (const std::string& url : entry_links(post)) add_linked(url);
    if (const auto comments = harvest.comments.find(post.id); comments != harvest.comments.end()) {
      for (const Entry& comment : comments->second) {
        for (const std::string& url : entry_links(comment)) add_linked(url);
      }
    }
    if (harvest.report.platform.empty()) posts.push_back(&post);
  }
  // Newest first: a bounded build looks up what is being discussed now.
  std::stable_sort(posts.begin(), posts.end(), [](const Entry* a, const Entry* b) {
    return a->published.value_or(0) > b->published.value_or(0);
  });
  for (const Entry* post : posts) add_lookup(post->link);
  return work;
}

void redirect_hub_mentions(PlatformGathering& gathering, const std::vector<HubPage>& hub_pages) {
  if (hub_pages.empty()) return;
  std::map<std::string, const HubPage*> by_page;
  for (const HubPage& page : hub_pages) by_page.emplace(canonical_url(page.url), &page);
  for (SourceHarvest& harvest : gathering.harvests) {
    if (harvest.report.platform != "webmention") continue;
    for (Entry& mention : harvest.posts) {
      for (InReplyTo& target : mention.in_reply_to) {
        const auto page = by_page.find(canonical_url(target.href));
        if (page == by_page.end()) continue;
        const HubPage& hub = *page->second;
        target = {hub.stands_for, hub.stands_for};
        if (mention.reaction.empty()) {
          // The content links the hub's page: it links what the page stands for.
          std::string& html = mention.content;
          bool linked = false;
          for (const char quote : {'"', '\''}) {
            const std::string from = std::string(1, quote) + hub.url + quote;
            const std::string to = std::string(1, quote) + hub.stands_for + quote;
            for (std::size_t at = html.find(from); at != std::string::npos;
                 at = html.find(from, at + to.size())) {
              html.replace(at, from.size(), to);
              linked = true;
            }
          }
          if (!linked) {
            html += "<p><a href=\"" + escape_html(hub.stands_for) + "\">" +
                    escape_html(hub.stands_for) + "</a></p>";
          }
        }
      }
    }
  }
}

PlatformGathering gather_platform_threads(const std::vector<const Platform*>& platforms,
                                          const PlatformWork& work, Fetcher& fetcher,
                                          const PlatformGatheringOptions& options) {
  if (options.settings == nullptr) return {};
  return Gatherer(platforms, fetcher, options).run(work);
}

}  // namespace confab
