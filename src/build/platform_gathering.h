// Reading the platform threads that discuss the campaign (README "Platforms"): threads named in
// site.toml or linked from the conversation, and threads the platforms' APIs list for the
// campaign links and conversation posts. Each platform gets a request budget and a pace; every
// request goes through the build's fetcher (the address policy, the archive's validators).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/time.h"
#include "build/hub_pages.h"
#include "config/config.h"
#include "conversation/build_conversation.h"
#include "fetch/fetch.h"
#include "platforms/platform.h"

namespace confab {

/// What to ask the platforms this build.
struct PlatformWork {
  /// URLs whose discussions are looked up (campaign links first, then conversation posts).
  std::vector<std::string> lookup_urls;
  /// URLs that may be thread pages: configured sources, links found in the conversation.
  std::vector<std::string> thread_urls;
  /// Threads read in earlier builds, each re-read through the platform that read it: its name
  /// and the story's page.
  std::vector<std::pair<std::string, std::string>> archived_threads;
};

struct PlatformGatheringOptions {
  /// [platforms]: which platforms look URLs up, the budgets, the pace, the instances.
  const PlatformsSection* settings = nullptr;
  UnixTime now = 0;  ///< the build's time: a platform that answered has it as its last success
  /// Waits between two rounds of requests (one request per platform and host a round); the
  /// build sleeps, tests pass a recorder.
  std::function<void(double seconds)> wait;
  FetchProgressCallback progress;
};

/// One harvest per platform (and per instance, for Lemmy and Discourse) that was asked
/// anything: its stories as posts, their comments by story id; threads that answered
/// "unchanged" listed in unchanged_comments, threads cut short by the budget in
/// partial_comment_feeds. A platform whose every request failed has status error.
struct PlatformGathering {
  std::vector<SourceHarvest> harvests;
  std::size_t requests = 0;
  std::vector<std::string> warnings;  ///< each names its platform
};

/// The platforms, with the API endpoints site.toml sets ([platforms] hackernews_api...).
std::vector<std::unique_ptr<Platform>> site_platforms(const SiteConfig& config);

/// The URLs to look up and the thread URLs to read, from the configuration and what the
/// archive holds: campaign links, conversation posts (newest first) and the links in
/// conversation posts and their comments. Platform sources' own posts are not looked up again.
/// With [site] webmention, the hub's own pages (`hub_pages`) are looked up after the campaign
/// links.
PlatformWork platform_work(const SiteConfig& config, const std::vector<SourceHarvest>& harvests,
                           const std::vector<HubPage>& hub_pages = {});

/// Webmentions of the hub's own pages become mentions of what each page stands for (a thread's
/// page: its post), in what they reply to and in the links of their content.
void redirect_hub_mentions(PlatformGathering& gathering, const std::vector<HubPage>& hub_pages);

/// Reads what `work` asks of `platforms` through `fetcher`. Never throws for bad answers: each
/// failure is a warning naming the platform and the URL.
PlatformGathering gather_platform_threads(const std::vector<const Platform*>& platforms,
                                          const PlatformWork& work, Fetcher& fetcher,
                                          const PlatformGatheringOptions& options);

}  // namespace confab
