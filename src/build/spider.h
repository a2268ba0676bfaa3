// The spider (Planet Venus' first step, with a conversation in mind): the configured sources'
// feeds, then the comment feeds of their conversation posts, then the blogs those posts link
// to, up to [crawl] depth.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/time.h"
#include "config/config.h"
#include "conversation/build_conversation.h"
#include "conversation/people.h"
#include "fetch/fetch.h"

namespace confab {

/// Hears how each batch of requests is going; `step` says which ("feeds", "comment feeds",
/// "crawl"...). The build passes it on from its caller, which shows it.
using StepProgress = std::function<void(const std::string& step, const FetchProgress& progress)>;

/// How far the spider goes: `check` only needs each source's own feed.
enum class SpiderScope { sources_only, everything };

/// What the spider gathered: one harvest per source (configured ones first, in site.toml's
/// order, then the blogs it discovered), how many requests it made, and what went wrong, each
/// warning naming its source.
struct SpiderReport {
  std::vector<SourceHarvest> harvests;
  std::size_t requests = 0;
  std::vector<std::string> warnings;
  IdentityEvidence evidence;  ///< rel="me" links of the pages read (homepages, crawled pages)
};

/// Fetches and parses every source, its conversation posts' comment feeds and the blogs they
/// link to. Failures stay per source (in its harvest's report and a warning); nothing here
/// throws for bad input.
SpiderReport run_spider(const SiteConfig& config, Fetcher& fetcher, UnixTime now,
                        const StepProgress& progress = {},
                        SpiderScope scope = SpiderScope::everything);

}  // namespace confab
